// Lighthouse on the built app, for `./x bench`: the timeline, a story, a
// person and a quote page, mobile and desktop presets, each page's four
// scores and its FCP, LCP, CLS and TBT; then the first contentful paint of a
// story page three ways (its page written at build time, the app alone as
// before such pages, the plain-JavaScript page), and what keeps a score
// under 100. Writes a Markdown section to stdout.
//
// node bench/lighthouse.mjs LIGHTHOUSE DIST APP_URL APP_ONLY_URL PLAIN_URL

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [lighthouse, dist, app, appOnly, plain] = process.argv.slice(2);
const dataset = JSON.parse(readFileSync(join(dist, 'data/stories.json'), 'utf8'));
const story = dataset.stories[0].id;
const quote = dataset.quotes.find((q) => q.story === story && q.speaker) ?? dataset.quotes[0];
const person = quote.speaker ?? dataset.people[0].id;
const pages = [
  ['timeline', ''],
  ['story', `story/${story}/`],
  ['person', `person/${person}/`],
  ['quote', `quote/${quote.id}/`],
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const scratch = mkdtempSync(join(tmpdir(), 'storyscope-lighthouse-'));

function run(url, preset) {
  const out = join(scratch, `${preset}-${Math.random().toString(36).slice(2)}.json`);
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    `--only-categories=${categories.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
  ];
  if (preset === 'desktop') args.push('--preset=desktop');
  execFileSync(lighthouse, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8'));
}

const ms = (report, audit) => Math.round(report.audits[audit].numericValue);
const lines = [];
const bounds = new Map();
lines.push('## Lighthouse');
lines.push('');
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with Lighthouse ${'{version}'} (npm \`lighthouse\`, in \`.tools/\`) against headless Chromium on 127.0.0.1, each page loaded cold; the mobile preset throttles as a mid-range phone on a slow 4G network (simulated), the desktop preset as a desktop on cable. Scores out of 100; times in ms.`);
lines.push('');
lines.push('| page | preset | performance | accessibility | best practices | SEO | FCP | LCP | CLS | TBT |');
lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
let version = '';
for (const preset of ['mobile', 'desktop']) {
  for (const [name, path] of pages) {
    const report = run(app + path, preset);
    version = report.lighthouseVersion;
    const scores = categories.map((c) => Math.round(report.categories[c].score * 100));
    const cls = report.audits['cumulative-layout-shift'].numericValue.toFixed(3);
    lines.push(`| ${name} | ${preset} | ${scores.join(' | ')} | ${ms(report, 'first-contentful-paint')} | ${ms(report, 'largest-contentful-paint')} | ${cls} | ${ms(report, 'total-blocking-time')} |`);
    for (const [id, audit] of Object.entries(report.audits)) {
      const weighed = ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode);
      if (weighed && audit.score !== null && audit.score < 0.9) {
        const seen = bounds.get(id) ?? { title: audit.title, where: [] };
        seen.where.push(`${name} (${preset})`);
        bounds.set(id, seen);
      }
    }
  }
}
lines[2] = lines[2].replace('{version}', version);
lines.push('');
lines.push('What keeps a score under 100 (audits under 0.9, with the pages they hold back):');
lines.push('');
for (const [id, { title, where }] of bounds) lines.push(`- \`${id}\` (${title}): ${where.join(', ')}`);
if (bounds.size === 0) lines.push('- nothing');
lines.push('');
lines.push('### A story\'s first paint');
lines.push('');
lines.push('First contentful paint of the same story, mobile preset, in one run: its page written at build time (the article in the HTML), the app alone (the page as before: the app\'s `index.html`, which paints its loading notice and then the story once the wasm and data are in; LCP is then the article), and the plain-JavaScript page (its timeline; it has no story page).');
lines.push('');
lines.push('| page | FCP | LCP |');
lines.push('|---|---:|---:|');
for (const [name, url] of [
  ['story page written at build time', `${app}story/${story}/`],
  ['the app alone', `${appOnly}story/${story}`],
  ['plain JS (timeline)', plain],
]) {
  const report = run(url, 'mobile');
  lines.push(`| ${name} | ${ms(report, 'first-contentful-paint')} | ${ms(report, 'largest-contentful-paint')} |`);
}
console.log(lines.join('\n'));
