//! The TimelineJS 3 peer of the benchmark: the dataset converted to
//! TimelineJS's own JSON format, and the scripts that wait for it and move
//! it to the next slide.
//!
//! TimelineJS gets what the Storyscope timeline shows: one event per item
//! (each story, each quote and each post that has a day), on the item's
//! day, with the item's kind as its group. A story's headline is its title
//! and its text the people it names and the counts and sources its row
//! shows; a quote's headline is its speaker and its text the quoted words
//! and its story; a post's headline is its author and its text the post's
//! words and its story. Text is HTML-escaped, since TimelineJS reads HTML.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Value};
use storyscope_core::page::escape;
use storyscope_core::{Dataset, Day};

/// The version of TimelineJS in `dist` (its npm package's folder `dist/`).
pub fn version(dist: &Path) -> String {
    std::fs::read_to_string(dist.join("../package.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|package| package["version"].as_str().map(str::to_string))
        .unwrap_or_else(|| "(unknown version)".into())
}

/// How long TimelineJS may take from navigation to its slides.
pub const TIMEOUT_SECS: u64 = 60;

fn date(day: Day) -> Value {
    json!({ "year": day.year(), "month": day.month(), "day": day.day() })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn event(id: &str, day: Day, group: &str, headline: &str, text: String) -> Value {
    json!({
        "unique_id": id,
        "start_date": date(day),
        "group": group,
        "text": { "headline": escape(headline), "text": text },
    })
}

/// The dataset as a TimelineJS timeline (its JSON text) and the number of
/// events in it.
pub fn convert(dataset: &Dataset) -> (String, usize) {
    let names: HashMap<&str, &str> = dataset
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let stories: HashMap<&str, (Day, &str)> = dataset
        .stories
        .iter()
        .map(|s| (s.id.as_str(), (s.date, s.title.as_str())))
        .collect();
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for q in &dataset.quotes {
        counts.entry(q.story.as_str()).or_default().0 += 1;
    }
    for p in &dataset.posts {
        counts.entry(p.story.as_str()).or_default().1 += 1;
    }
    let in_story = |story: &str| {
        stories.get(story).map_or(String::new(), |(_, title)| {
            format!("<p>in “{}”</p>", escape(title))
        })
    };
    let mut events = Vec::new();
    for s in &dataset.stories {
        let people: Vec<&str> = s
            .people
            .iter()
            .map(|id| names.get(id.as_str()).copied().unwrap_or(id))
            .collect();
        let (quotes, posts) = counts.get(s.id.as_str()).copied().unwrap_or_default();
        let mut meta = format!(
            "{} · {}",
            plural(quotes, "quote", "quotes"),
            plural(posts, "post", "posts")
        );
        if !s.sources.is_empty() {
            meta.push_str(&format!(" · cites {}", s.sources.join(", ")));
        }
        let text = format!(
            "<p>{}</p><p>{}</p>",
            escape(&people.join(", ")),
            escape(&meta)
        );
        events.push(event(&s.id, s.date, "Story", &s.title, text));
    }
    for q in &dataset.quotes {
        let Some(day) = q
            .date
            .or_else(|| stories.get(q.story.as_str()).map(|s| s.0))
        else {
            continue;
        };
        let speaker = q
            .speaker
            .as_deref()
            .and_then(|id| names.get(id).copied())
            .unwrap_or("Speaker not named");
        let via = q
            .via
            .as_deref()
            .map_or(String::new(), |v| format!("<p>via {}</p>", escape(v)));
        let text = format!(
            "<blockquote>{}</blockquote>{via}{}",
            escape(&q.text),
            in_story(&q.story)
        );
        events.push(event(&q.id, day, "Quote", speaker, text));
    }
    for p in &dataset.posts {
        let Some(day) = p
            .date
            .or_else(|| stories.get(p.story.as_str()).map(|s| s.0))
        else {
            continue;
        };
        let author = match (&p.author, &p.handle) {
            (Some(a), Some(h)) => format!("{a} (@{h}) on {}", p.platform),
            (Some(a), None) => format!("{a} on {}", p.platform),
            (None, Some(h)) => format!("@{h} on {}", p.platform),
            (None, None) => format!("A post on {}", p.platform),
        };
        let text = format!("<p>{}</p>{}", escape(&p.text), in_story(&p.story));
        events.push(event(&p.id, day, "Post", &author, text));
    }
    let count = events.len();
    let timeline = json!({ "events": events });
    (serde_json::to_string(&timeline).unwrap(), count)
}

/// Polled after navigation: `loaded` once TimelineJS built its slides and
/// its time navigation, `error: ...` if the page failed, else `loading`.
pub const STATE: &str = "return window.tlState || 'loading'";

/// How many moves to the next item are timed, in batches of
/// [`NEXT_BATCH`] (one script each, to stay within WebDriver's timeouts).
pub const NEXT_MOVES: usize = 50;

/// See [`NEXT_MOVES`].
pub const NEXT_BATCH: usize = 10;

/// Moves TimelineJS to the next slide `arguments[0]` times with
/// `timeline.goToNext()` and times each move from the call to the next
/// animation frame, counted when the current slide changed. Between moves
/// it waits for the slide animation (1 s by default) to end, so that moves
/// do not overlap.
pub const NEXT: &str = r#"
const done = arguments[arguments.length - 1];
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
const sleep = ms => new Promise(r => setTimeout(r, ms));
(async () => {
  const times = [];
  for (let i = 0; i < arguments[0]; i++) {
    await frame();
    const before = timeline.current_id;
    const t0 = performance.now();
    timeline.goToNext();
    await new Promise(r => requestAnimationFrame(r));
    const t1 = performance.now();
    if (timeline.current_id !== before) times.push(t1 - t0);
    await sleep(1100);
  }
  done(times);
})().catch(e => done('error: ' + e));
"#;

/// The same for Storyscope: focuses the first item of the timeline unless
/// one is focused, then presses `j` (the feed's key for the next item)
/// `arguments[0]` times, each timed from the key event to the next
/// animation frame and counted when the focus moved to another row.
pub const NEXT_STORYSCOPE: &str = r#"
const done = arguments[arguments.length - 1];
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
(async () => {
  const times = [];
  if (!document.activeElement.matches('.vrow.item')) document.querySelector('.vrow.item').focus();
  for (let i = 0; i < arguments[0]; i++) {
    await frame();
    const row = document.activeElement;
    const before = row.dataset.row;
    const t0 = performance.now();
    row.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true, cancelable: true}));
    await new Promise(r => requestAnimationFrame(r));
    const t1 = performance.now();
    await frame(); await frame();
    if (document.activeElement.dataset.row !== before) times.push(t1 - t0);
  }
  done(times);
})().catch(e => done('error: ' + e));
"#;

/// Every URL the page requested (itself, then its resources), for the bytes
/// transferred and the check that nothing came from elsewhere.
pub const RESOURCES: &str = r#"
const urls = [location.href.split('#')[0]];
for (const e of performance.getEntriesByType('resource')) urls.push(e.name);
for (const el of document.querySelectorAll('script[src], link[href], img[src], iframe[src]')) {
  urls.push(el.src || el.href);
}
return urls;
"#;
