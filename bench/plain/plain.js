// A plain-JavaScript timeline over the same dataset, as a fair baseline for
// the benchmark: JSON.parse, one array of items prepared once, filtering
// with Array.filter on every change, rendering with DOM calls. Like most
// hand-written pages it draws the first 500 matching items.
'use strict';
const LIMIT = 500;
const state = { person: '', from: '', to: '', q: '' };
let items = [];
let people = [];

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.person = p.get('person') || '';
  state.from = p.get('from') || '';
  state.to = p.get('to') || '';
  state.q = p.get('q') || '';
}

function writeUrl() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ person: state.person, from: state.from, to: state.to, q: state.q })) {
    if (v) p.set(k, v);
  }
  const qs = p.toString();
  history.pushState(null, '', qs ? '?' + qs : location.pathname);
}

function render() {
  const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
  const matched = items.filter(it =>
    (!state.person || it.people.includes(state.person)) &&
    (!state.from || it.day >= state.from) &&
    (!state.to || it.day <= state.to) &&
    words.every(w => it.text.includes(w)));
  document.getElementById('count').textContent = matched.length + ' items';
  const list = document.getElementById('list');
  const frag = document.createDocumentFragment();
  let lastDay = null;
  for (const it of matched.slice(0, LIMIT)) {
    if (it.day !== lastDay) {
      const h = document.createElement('h2');
      h.className = 'day';
      h.textContent = it.day;
      frag.appendChild(h);
      lastDay = it.day;
    }
    const div = document.createElement('div');
    div.className = 'item';
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = it.kind;
    const p = document.createElement('p');
    p.textContent = it.label;
    div.append(kind, p);
    frag.appendChild(div);
  }
  list.replaceChildren(frag);
}

function bind(id, key, event) {
  const el = document.getElementById(id);
  el.value = state[key];
  el.addEventListener(event, () => { state[key] = el.value; writeUrl(); render(); });
}

async function main() {
  performance.mark('storyscope-fetch-start');
  const text = await (await fetch('data/stories.json')).text();
  performance.mark('storyscope-fetched');
  const data = JSON.parse(text);
  performance.mark('storyscope-validated');
  people = data.people;
  const storyDay = new Map(data.stories.map(s => [s.id, s.date]));
  const nameOf = new Map(people.map(p => [p.id, p.name]));
  for (const s of data.stories) {
    const body = s.body.filter(b => b.kind !== 'post').map(b => b.text).join('\n');
    items.push({ day: s.date, kind: 'story', people: s.people, label: s.title, text: (s.title + '\n' + body).toLowerCase() });
  }
  for (const q of data.quotes) {
    items.push({ day: q.date || storyDay.get(q.story), kind: 'quote', people: q.speaker ? [q.speaker] : [],
      label: q.text, text: (q.text + '\n' + (nameOf.get(q.speaker) || '')).toLowerCase() });
  }
  for (const p of data.posts) {
    items.push({ day: p.date || storyDay.get(p.story), kind: 'post', people: p.people || [],
      label: p.text, text: (p.text + '\n' + (p.author || '') + '\n' + (p.handle || '')).toLowerCase() });
  }
  items.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  performance.mark('storyscope-indexed');
  const select = document.getElementById('person-select');
  for (const p of people) {
    const o = document.createElement('option');
    o.value = p.id;
    o.textContent = p.name;
    select.appendChild(o);
  }
  readUrl();
  bind('person-select', 'person', 'change');
  bind('date-from', 'from', 'change');
  bind('date-to', 'to', 'change');
  bind('search-input', 'q', 'input');
  addEventListener('popstate', () => { readUrl(); render(); });
  render();
  performance.mark('storyscope-timeline-rendered');
}

main();
