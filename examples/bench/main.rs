//! The in-browser benchmark behind `./x bench`: serves the release app on
//! 127.0.0.1 with the seed dataset and with generated corpora, together with
//! two peers (the plain-JavaScript page in `bench/plain/` and TimelineJS 3
//! in `bench/timelinejs/`), drives headless Chromium over WebDriver, and
//! writes `docs/benchmarks.md` and `docs/benchmarks-latency.svg`.
//!
//! Measured per corpus: bytes transferred (raw, gzip, brotli), navigation to
//! the first rendered timeline and to an interactive page, dataset fetch,
//! parse and index times, filter latency from the input event to the next
//! paint (median and p95 over 50 changes each for person, date range and
//! text search), moving to the next item, long frames while scrolling the
//! whole timeline, and memory after load. TimelineJS has no filters and no
//! scrolling list: it shares load, bytes, memory and moving to the next
//! item. With `STORYSCOPE_PARSE_SPEED` naming the output of
//! `tests/parse_speed.rs`, its figures go into the report too.
//!
//! From 10,000 stories on, Storyscope is also measured on the same data in
//! the split layout (a compact index and chunks fetched on demand); from
//! 50,000 on, only on that.
//!
//! Arguments: corpus sizes in stories (default `1000 10000 100000`) and page names
//! (`storyscope`, `plain`, `timelinejs`; default all), e.g.
//! `./x bench 1000 timelinejs`. With `profile` first, it profiles filter
//! changes instead (see `profile.rs`).

mod profile;
mod timelinejs;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use storyscope_browser as support;
use storyscope_core::generate::{generate, GenerateOptions};
use storyscope_core::Dataset;
use support::Browser;

/// One corpus: a name, the dataset file to serve, and the same items in
/// TimelineJS's format.
struct Corpus {
    name: String,
    stories: usize,
    dataset: PathBuf,
    /// The same dataset in the split layout (the index, with its chunk
    /// directory beside it), which Storyscope reads instead when given.
    split: Option<PathBuf>,
    /// Only Storyscope reads this corpus (a second layout of a size the
    /// peers already read whole).
    storyscope_only: bool,
    timeline: PathBuf,
    /// The number of events in `timeline`.
    events: usize,
}

impl Corpus {
    /// How the report names `page` on this corpus: it says when Storyscope
    /// reads the split index (and the peers, if they run, the whole file),
    /// and that the plain page is the naive baseline.
    fn label(&self, page: Page) -> String {
        match page {
            Page::Storyscope if self.split.is_some() && !self.storyscope_only => {
                "Storyscope (split index; the peers read the whole file)".into()
            }
            Page::Storyscope if self.split.is_some() => "Storyscope (split index)".into(),
            Page::Plain => "plain JS (naive)".into(),
            page => page.name().into(),
        }
    }

    /// The chart's line for `page` on this corpus: one for Storyscope on
    /// whole files, one on split indexes, one per peer.
    fn series(&self, page: Page) -> &'static str {
        match page {
            Page::Storyscope if self.split.is_some() => "Storyscope (split index)",
            Page::Plain => "plain JS (naive)",
            page => page.name(),
        }
    }
}

/// How many times each page is loaded again after the first visit.
const REPEAT_VISITS: usize = 3;

/// From this many stories on, Storyscope reads the split layout only.
const SPLIT_FROM: usize = 50_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn compressed(path: &Path, tool: &str, args: &[&str]) -> Option<u64> {
    let out = Command::new(tool).args(args).arg(path).output().ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

fn sizes(path: &Path) -> (u64, Option<u64>, Option<u64>) {
    let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // Brotli's top quality takes minutes on hundreds of MB; past 64 MiB the
    // figure is quality 5 (a few percent larger), as a CDN would compress
    // on the fly.
    let quality = if raw > 64 << 20 { "5" } else { "11" };
    (
        raw,
        compressed(path, "gzip", &["-9", "-c"]),
        compressed(path, "brotli", &["-q", quality, "-c"]),
    )
}

fn kb(n: Option<u64>) -> String {
    n.map_or("n/a".into(), |n| format!("{:.1}", n as f64 / 1024.0))
}

fn stats(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    if samples.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

/// Runs `changes` (a JS expression producing an array of `[prepare, act]`
/// pairs) and times each `act` from its event to the end of the frame that
/// shows its result; `prepare` runs untimed first. Each `act` runs at the
/// start of a frame (in an animation-frame callback), as an input handled
/// right then would: the time is the page's own work (script, style, layout
/// and paint) before that frame can be shown, without the wait for the
/// frame's start, which depends only on when in a frame the input came. The
/// frame is over when a message posted after the page's work arrives: tasks
/// run after the frame's rendering. The URL must change with each act, or
/// the sample is not counted.
const LATENCY: &str = r#"
const done = arguments[arguments.length - 1];
const changes = (new Function('return ' + arguments[0]))();
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
const rendered = () => new Promise(r => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => r(performance.now());
  channel.port2.postMessage(0);
});
(async () => {
  const times = [], parts = [], waited = [];
  for (const [prepare, act] of changes) {
    if (prepare) { prepare(); await frame(); await frame(); }
    await frame();
    const before = location.href;
    const t0 = await new Promise(r => requestAnimationFrame(() => {
      const t = performance.now();
      act();
      r(t);
    }));
    let t1 = await rendered();
    // A split dataset may first fetch the word shards of a search: the
    // change is done when the results, not "Searching…", are painted.
    const count = () => document.querySelector('.result-count');
    let fetched = false;
    while (count() && count().textContent === 'Searching…') {
      fetched = true;
      await new Promise(r => requestAnimationFrame(r));
      t1 = await rendered();
    }
    if (location.href !== before) {
      times.push(t1 - t0);
      waited.push(fetched);
      // Storyscope marks its filter and each render: how much of the
      // change was the filter in the core, and how much the render.
      const after = name => performance.getEntriesByName(name).filter(e => e.startTime >= t0);
      const starts = after('storyscope-filter-start'), ends = after('storyscope-filter-end');
      const updated = after('storyscope-timeline-updated');
      if (starts.length && ends.length && updated.length) {
        let filter = 0;
        for (let i = 0; i < Math.min(starts.length, ends.length); i++) filter += ends[i].startTime - starts[i].startTime;
        const lastEnd = ends[ends.length - 1].startTime;
        const lastUpdate = updated[updated.length - 1].startTime;
        parts.push([Math.max(0, starts[0].startTime - t0), filter, Math.max(0, lastUpdate - lastEnd), Math.max(0, t1 - lastUpdate)]);
      }
    }
  }
  done([times, parts, waited]);
})().catch(e => done('error: ' + e));
"#;

const PERSON_CHANGES: &str = r#"(() => {
  const input = document.getElementById('person-input');
  const out = [];
  for (let i = 0; i < 50; i++) {
    if (i % 2 == 1) {
      out.push([null, () => document.querySelector('.chip-remove').click()]);
      continue;
    }
    // Open the list of everyone, then choose the next person in it.
    out.push([() => {
      input.focus();
      input.value = '';
      input.dispatchEvent(new InputEvent('input', {bubbles: true}));
    }, () => {
      const options = document.querySelectorAll('[role=option]');
      options[(i / 2) % options.length].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
    }]);
  }
  return out;
})()"#;

const PLAIN_PERSON_CHANGES: &str = r#"(() => {
  const select = document.getElementById('person-select');
  const out = [];
  for (let i = 0; i < 50; i++) {
    out.push([null, () => {
      select.value = i % 2 == 1 ? '' : select.options[1 + ((i / 2) % (select.options.length - 1))].value;
      select.dispatchEvent(new Event('change'));
    }]);
  }
  return out;
})()"#;

const DATE_CHANGES: &str = r#"(() => {
  const input = document.getElementById('date-from');
  const out = [];
  for (let i = 0; i < 50; i++) {
    out.push([null, () => {
      const year = 2019 + (i % 6), month = 1 + (i % 12);
      input.value = `${year}-${String(month).padStart(2, '0')}-01`;
      input.dispatchEvent(new Event('change', {bubbles: true}));
    }]);
  }
  return out;
})()"#;

const TEXT_CHANGES: &str = r#"(() => {
  const input = document.getElementById('search-input');
  const words = ['grateful', 'team', 'honestly never', 'proud', 'music', 'chapter', 'stage film', 'love', 'kanye', 'mistakes', 'tomorrow'];
  const out = [];
  for (let i = 0; i < 50; i++) {
    out.push([null, () => {
      input.value = words[i % words.length];
      input.dispatchEvent(new InputEvent('input', {bubbles: true}));
    }]);
  }
  return out;
})()"#;

/// Added at the top of each page's served `index.html` (the copy, not the
/// source): records every task of 50 ms or more from the start, as
/// `[start, end]` in ms after navigation; and, for [`interactions`], each
/// input event of 16 ms or more with its interaction, and whether the
/// page's first input was seen.
const LONG_TASK_RECORDER: &str = "window.benchLongTasks=[];try{new PerformanceObserver(l=>{for(const e of l.getEntries())benchLongTasks.push([e.startTime,e.startTime+e.duration])}).observe({type:'longtask'})}catch(e){}\nwindow.benchEvents=[];try{new PerformanceObserver(l=>{for(const e of l.getEntries())if(e.interactionId)benchEvents.push([e.interactionId,e.duration])}).observe({type:'event',durationThreshold:16,buffered:true});new PerformanceObserver(l=>{window.benchFirstInput=(window.benchFirstInput||0)+l.getEntries().length}).observe({type:'first-input',buffered:true})}catch(e){}\n";

/// Waits until the page has gone 5 s without a long task (at most 60 s)
/// and returns the long tasks recorded.
const QUIET: &str = r#"
const done = arguments[arguments.length - 1];
const started = performance.now();
const check = () => {
  const tasks = window.benchLongTasks || [];
  const last = tasks.length ? tasks[tasks.length - 1][1] : 0;
  if (performance.now() - last >= 5000 || performance.now() - started > 60000) done(tasks);
  else setTimeout(check, 250);
};
check();
"#;

/// How long a page must go without a long task to count as interactive.
const QUIET_MS: f64 = 5000.0;

/// When the rendered timeline can first be painted (the end of the long
/// task around the `rendered` mark, if any) and when the page became
/// interactive: the end of the last long task before the first 5 s
/// without any, from then on.
fn painted_and_interactive(rendered: f64, tasks: &[(f64, f64)]) -> (f64, f64) {
    let painted = tasks
        .iter()
        .find(|(s, e)| *s <= rendered && rendered <= *e)
        .map_or(rendered, |t| t.1);
    let mut interactive = painted;
    for &(start, end) in tasks.iter().filter(|t| t.1 > painted) {
        if start - interactive >= QUIET_MS {
            break;
        }
        interactive = interactive.max(end);
    }
    (painted, interactive)
}

fn add_long_task_recorder(app: &Path) {
    // A file of its own, so that Storyscope's Content-Security-Policy
    // (scripts from the site only) lets it run; it goes before the title,
    // after the policy's <meta>, and ahead of every page's own scripts.
    std::fs::write(app.join("bench-long-tasks.js"), LONG_TASK_RECORDER).unwrap();
    let index = app.join("index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    let html = html.replacen(
        "<title>",
        "<script src=\"bench-long-tasks.js\"></script>\n<title>",
        1,
    );
    std::fs::write(&index, html).unwrap();
}

const SCROLL: &str = r#"
const done = arguments[arguments.length - 1];
window.scrollTo(0, 0);
let last = performance.now(), frames = 0, long = 0, steps = 0;
const step = () => {
  const now = performance.now();
  frames++; if (now - last > 16.7) long++;
  last = now;
  const max = document.documentElement.scrollHeight - innerHeight;
  if (scrollY >= max - 1 || steps++ > 600) { done([frames, long, steps]); return; }
  window.scrollBy(0, Math.max(600, max / 600));
  requestAnimationFrame(step);
};
requestAnimationFrame(step);
"#;

/// The pages compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Page {
    Storyscope,
    Plain,
    TimelineJs,
}

impl Page {
    fn name(self) -> &'static str {
        match self {
            Page::Storyscope => "Storyscope",
            Page::Plain => "plain JS",
            Page::TimelineJs => "TimelineJS",
        }
    }
    fn slug(self) -> &'static str {
        match self {
            Page::Storyscope => "storyscope",
            Page::Plain => "plain",
            Page::TimelineJs => "timelinejs",
        }
    }
    fn ready(self) -> &'static str {
        match self {
            Page::Storyscope => ".vrow.item",
            Page::Plain => "#list .item",
            Page::TimelineJs => ".tl-slide",
        }
    }
    /// The data file the page fetches, under `data/`.
    fn data_file(self) -> &'static str {
        match self {
            Page::TimelineJs => "timeline.json",
            _ => "stories.json",
        }
    }
}

/// The devices a page is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Device {
    /// The machine's own headless window (1280x720 here) and CPU.
    Desktop,
    /// 360x800 CSS px at device pixel ratio 3, touch, and the CPU slowed
    /// down 4x (DevTools' emulation), as a mid-range phone.
    Phone,
}

impl Device {
    /// Makes the page in `browser` this device; the emulation holds for
    /// the page's later navigations.
    fn emulate(self, browser: &Browser) {
        if self == Device::Phone {
            browser.cdp(
                "Emulation.setDeviceMetricsOverride",
                serde_json::json!({ "width": 360, "height": 800, "deviceScaleFactor": 3, "mobile": true }),
            );
            browser.cdp(
                "Emulation.setTouchEmulationEnabled",
                serde_json::json!({ "enabled": true, "maxTouchPoints": 5 }),
            );
            browser.cdp(
                "Emulation.setCPUThrottlingRate",
                serde_json::json!({ "rate": 4 }),
            );
        }
    }

    /// How the report names a run on this device after its page's label.
    fn suffix(self) -> &'static str {
        match self {
            Device::Desktop => "",
            Device::Phone => ", phone",
        }
    }
}

/// What one page measured on one corpus.
struct Measures {
    items: String,
    rendered: f64,
    painted: f64,
    interactive: f64,
    fetch: f64,
    parse: f64,
    index: f64,
    heap: f64,
    wasm: f64,
    dom: f64,
    latency: Vec<(&'static str, Vec<f64>)>,
    /// The changes some of whose samples waited for a fetch (a split
    /// dataset's word shards): the samples that did not, and those that did.
    fetched: Vec<(&'static str, Vec<f64>, Vec<f64>)>,
    /// Per kind of change, per sample: (filter in the core, render to the
    /// DOM, the rest until the next frame) in ms, from Storyscope's marks.
    breakdown: Vec<(&'static str, Vec<[f64; 4]>)>,
    scroll: Option<(f64, f64)>,
    /// Interaction to Next Paint per kind of change made with real input
    /// (trusted key and pointer events, which the Event Timing API
    /// records): the worst interaction's duration and how many there were.
    inp: Vec<(&'static str, f64, usize)>,
    /// Reloads after the first visit: medians of (rendered, fetch, parse,
    /// index) in ms.
    repeat: Option<[f64; 4]>,
    next: Vec<f64>,
    /// The files the page requested, relative to the served folder.
    files: Vec<String>,
    /// Requests that did not go to the served origin.
    foreign: Vec<String>,
}

fn samples(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().map(number).collect())
        .unwrap_or_default()
}

/// Waits until `page` shows its timeline: up to two minutes for
/// Storyscope and the plain page, [`timelinejs::TIMEOUT_SECS`] for
/// TimelineJS. The error is what the report says instead.
/// Readies a just-started browser for a first visit, as a reader's browser
/// is already running: one page that is not the app (a missing file, so
/// nothing of the app is fetched or cached), then a second for the
/// browser's own start-up work to finish.
fn warm_up(browser: &Browser) {
    let _ = browser.try_goto("/warm-up.txt");
    std::thread::sleep(Duration::from_secs(1));
}

fn wait_loaded(browser: &Browser, page: Page) -> Result<(), String> {
    let start = Instant::now();
    if page == Page::TimelineJs {
        let limit = Duration::from_secs(timelinejs::TIMEOUT_SECS);
        let late = || format!("did not finish in {} s", timelinejs::TIMEOUT_SECS);
        // While the page computes, WebDriver commands wait for it; they may
        // answer after the limit, so the verdict comes from the page's own
        // mark. Up to three times the limit is spent finding out.
        browser.set_timeouts(limit * 3, limit * 3);
        let _ = browser.try_goto("/");
        while start.elapsed() < limit * 3 {
            match browser.try_execute(timelinejs::STATE, vec![]) {
                Ok(Value::String(s)) if s == "loaded" => {
                    let rendered = browser.execute(
                        "return performance.getEntriesByName('storyscope-timeline-rendered')[0].startTime",
                        vec![],
                    );
                    return if number(&rendered) <= limit.as_millis() as f64 {
                        Ok(())
                    } else {
                        Err(late())
                    };
                }
                Ok(Value::String(s)) if s.starts_with("error") => return Err(s),
                Ok(_) if start.elapsed() > limit => return Err(late()),
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
        return Err(late());
    }
    browser.goto("/");
    while start.elapsed() < Duration::from_secs(120) {
        if browser.find(page.ready()).is_some() {
            return Ok(());
        }
        if browser.find(".panel.error").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err("did not load".into())
}

fn measure(app: &Path, page: Page, device: Device) -> Result<Measures, String> {
    let browser = Browser::start_at("bench", app, "/");
    device.emulate(&browser);
    warm_up(&browser);
    if let Err(late) = wait_loaded(&browser, page) {
        // A page still computing answers nothing, not even its policy
        // record: it is closed as it stands.
        browser.abandon();
        return Err(late);
    }
    // Scripts may run for up to 110 s: the client waits 120 s.
    browser.set_timeouts(Duration::from_secs(110), Duration::from_secs(110));
    let tasks: Vec<(f64, f64)> = browser
        .execute_async(QUIET, vec![])
        .as_array()
        .map(|a| a.iter().map(|t| (number(&t[0]), number(&t[1]))).collect())
        .unwrap_or_default();
    let marks = browser.execute(
        "const m = {}; for (const e of performance.getEntriesByType('mark')) m[e.name] = e.startTime; return m",
        vec![],
    );
    let at = |name: &str| number(&marks[name]);
    let (painted, interactive) =
        painted_and_interactive(at("storyscope-timeline-rendered"), &tasks);
    let items = match page {
        Page::TimelineJs => browser
            .execute("return timeline.config.events.length", vec![])
            .to_string(),
        _ => browser
            .find(".result-count")
            .map(|e| e.text().trim_end_matches(" items").to_string())
            .unwrap_or_default(),
    };
    let heap = number(&browser.execute(
        "return performance.memory ? performance.memory.usedJSHeapSize : null",
        vec![],
    ));
    let wasm = number(&browser.execute(
        "return window.wasmBindings ? window.wasmBindings.wasm_memory_bytes() : null",
        vec![],
    ));
    let dom = number(&browser.execute("return document.getElementsByTagName('*').length", vec![]));
    let origin = browser.base_url();
    let mut files = Vec::new();
    let mut foreign = Vec::new();
    for url in samples_str(&browser.execute(timelinejs::RESOURCES, vec![])) {
        match url.strip_prefix(&origin) {
            Some(path) => {
                let path = path.split(['?', '#']).next().unwrap_or_default();
                let path = path.trim_start_matches('/');
                let file = if path.is_empty() { "index.html" } else { path };
                // Requests answered 404 (a favicon) weigh nothing.
                if app.join(file).is_file() && !files.iter().any(|f| f == file) {
                    files.push(file.to_string());
                }
            }
            None if url.starts_with("data:") || url.starts_with("blob:") => {}
            None => foreign.push(url),
        }
    }
    // Repeat visits: the same page loaded again, as a returning reader does.
    let repeat = (page != Page::TimelineJs).then(|| {
        let mut visits: Vec<[f64; 4]> = Vec::new();
        for _ in 0..REPEAT_VISITS {
            browser.goto("/");
            browser.wait_for(page.ready());
            let marks = browser.execute(
                "const m = {}; for (const e of performance.getEntriesByType('mark')) m[e.name] = e.startTime; return m",
                vec![],
            );
            let at = |name: &str| number(&marks[name]);
            visits.push([
                at("storyscope-timeline-rendered"),
                at("storyscope-fetched") - at("storyscope-fetch-start"),
                at("storyscope-validated") - at("storyscope-fetched"),
                at("storyscope-indexed") - at("storyscope-validated"),
            ]);
        }
        std::array::from_fn(|k| stats(visits.iter().map(|v| v[k]).collect()).0)
    });
    let next_script = match page {
        Page::TimelineJs => Some(timelinejs::NEXT),
        Page::Storyscope => {
            browser.goto("/");
            browser.wait_for(page.ready());
            Some(timelinejs::NEXT_STORYSCOPE)
        }
        Page::Plain => None,
    };
    let mut next = Vec::new();
    if let Some(script) = next_script {
        for _ in 0..timelinejs::NEXT_MOVES / timelinejs::NEXT_BATCH {
            let batch = browser.execute_async(script, vec![Value::from(timelinejs::NEXT_BATCH)]);
            next.extend(samples(&batch));
        }
    }
    let mut latency = Vec::new();
    let mut fetched = Vec::new();
    let mut breakdown = Vec::new();
    let mut scroll = None;
    if page != Page::TimelineJs {
        let person = match page {
            Page::Storyscope => PERSON_CHANGES,
            _ => PLAIN_PERSON_CHANGES,
        };
        for (what, changes) in [
            ("person", person),
            ("date range", DATE_CHANGES),
            ("text search", TEXT_CHANGES),
        ] {
            browser.goto("/");
            browser.wait_for(page.ready());
            let out = browser.execute_async(LATENCY, vec![Value::from(changes)]);
            let times = samples(&out[0]);
            let waited: Vec<bool> = out[2]
                .as_array()
                .map(|a| a.iter().map(|w| w.as_bool() == Some(true)).collect())
                .unwrap_or_default();
            if waited.len() == times.len() && waited.contains(&true) {
                let (slow, here): (Vec<_>, Vec<_>) =
                    times.iter().zip(&waited).partition(|(_, &w)| w);
                fetched.push((
                    what,
                    here.into_iter().map(|(t, _)| *t).collect(),
                    slow.into_iter().map(|(t, _)| *t).collect(),
                ));
            }
            latency.push((what, times));
            let parts: Vec<[f64; 4]> = out[1]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|p| std::array::from_fn(|k| number(&p[k])))
                        .collect()
                })
                .unwrap_or_default();
            if !parts.is_empty() {
                breakdown.push((what, parts));
            }
        }
        browser.goto("/");
        browser.wait_for(page.ready());
        let s = browser.execute_async(SCROLL, vec![]);
        scroll = Some((number(&s[0]), number(&s[1])));
    }
    let inp = if page == Page::TimelineJs {
        Vec::new()
    } else {
        interactions(&browser, page)
    };
    Ok(Measures {
        items,
        rendered: at("storyscope-timeline-rendered"),
        painted,
        interactive,
        fetch: at("storyscope-fetched") - at("storyscope-fetch-start"),
        parse: at("storyscope-validated") - at("storyscope-fetched"),
        index: at("storyscope-indexed") - at("storyscope-validated"),
        heap,
        wasm,
        dom,
        latency,
        fetched,
        breakdown,
        scroll,
        inp,
        repeat,
        next,
        files,
        foreign,
    })
}

/// Interaction to Next Paint of filter changes made with real input, as
/// a reader makes them: choosing people with the keyboard (Storyscope's
/// combobox: Arrow Down then Enter, and removing the chip with its button;
/// the plain page's select: Arrow Down) and typing search words key by
/// key. Each kind's INP is its worst interaction (fewer than 50 of them);
/// the Event Timing API gives durations in steps of 8 ms and records only
/// those of 16 ms or more, so a kind with none recorded is at most 16 ms.
fn interactions(browser: &Browser, page: Page) -> Vec<(&'static str, f64, usize)> {
    const ARROW_DOWN: &str = "\u{E015}";
    const ENTER: &str = "\u{E007}";
    let reset = || {
        browser.goto("/");
        browser.wait_for(page.ready());
        std::thread::sleep(Duration::from_millis(500));
        browser.execute("window.benchEvents = []", vec![]);
    };
    let worst = |what: &'static str| {
        std::thread::sleep(Duration::from_millis(1000));
        let events = browser.execute("return window.benchEvents || []", vec![]);
        let mut by_interaction: HashMap<u64, f64> = HashMap::new();
        for e in events.as_array().into_iter().flatten() {
            let id = e[0].as_u64().unwrap_or(0);
            let d = number(&e[1]);
            let entry = by_interaction.entry(id).or_insert(0.0);
            *entry = entry.max(d);
        }
        // The page's first input is always recorded: without it, the API
        // saw none of the input, and nothing can be said.
        let seen = browser.execute("return window.benchFirstInput || 0", vec![]);
        let worst = if seen.as_u64().unwrap_or(0) == 0 {
            f64::NAN
        } else {
            by_interaction.values().copied().fold(0.0, f64::max)
        };
        (what, worst, by_interaction.len())
    };
    let mut out = Vec::new();
    reset();
    match page {
        Page::Storyscope => {
            for _ in 0..8 {
                let input = browser.wait_for("#person-input");
                input.click();
                input.send_keys(ARROW_DOWN);
                input.send_keys(ENTER);
                std::thread::sleep(Duration::from_millis(300));
                if let Some(remove) = browser.find(".chip-remove") {
                    remove.click();
                    std::thread::sleep(Duration::from_millis(300));
                }
            }
        }
        _ => {
            let select = browser.wait_for("#person-select");
            for _ in 0..16 {
                select.send_keys(ARROW_DOWN);
                std::thread::sleep(Duration::from_millis(300));
            }
        }
    }
    out.push(worst("person"));
    reset();
    let input = browser.wait_for("#search-input");
    for word in ["grateful", "team", "proud", "love"] {
        input.clear();
        input.send_keys(word);
        std::thread::sleep(Duration::from_millis(500));
    }
    out.push(worst("text search"));
    out
}

fn samples_str(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// An SVG line chart of p95 filter latency (ms) against corpus size
/// (stories, log scale), one line per page and change.
fn latency_chart(series: &[Series]) -> String {
    let (w, h, left, right, top, bottom) = (860.0, 420.0, 60.0, 300.0, 30.0, 50.0);
    let max_y = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|&(_, y)| y))
        .filter(|y| y.is_finite())
        .fold(20.0f64, f64::max)
        * 1.1;
    let max_x = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|&(x, _)| x))
        .max()
        .unwrap_or(10)
        .max(10) as f64;
    let x = |n: usize| left + (n.max(1) as f64).log10() / max_x.log10() * (w - left - right);
    let y = |v: f64| top + (1.0 - v / max_y) * (h - top - bottom);
    // Storyscope in blues, its split-layout runs in greens, plain JS in
    // oranges; one shade per change.
    let colors = |name: &str| -> &'static str {
        let shade = if name.ends_with("person") {
            0
        } else if name.ends_with("date range") {
            1
        } else {
            2
        };
        let family: [&'static str; 3] = if name.starts_with("plain") {
            ["#b4412b", "#d9822b", "#c9a227"]
        } else if name.contains("split") {
            ["#1b7f4b", "#3fae6f", "#86cf9f"]
        } else {
            ["#1f4fb8", "#4f86e8", "#94b8ff"]
        };
        family[shade]
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Filter latency p95 (ms, input to painted frame) against stories</text>\n"
    );
    let frame = y(16.0);
    let _ = writeln!(svg, "<line x1=\"{left}\" x2=\"{}\" y1=\"{frame}\" y2=\"{frame}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/><text x=\"{}\" y=\"{}\" fill=\"#666\">16 ms, one frame</text>", w - right, w - right - 110.0, frame - 4.0);
    let _ = writeln!(svg, "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{}\" stroke=\"#333\"/><line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#333\"/>", h - bottom, w - right, h - bottom, h - bottom);
    for tick in [0.0, max_y / 2.0, max_y] {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{tick:.0}</text>",
            left - 6.0,
            y(tick) + 4.0
        );
    }
    let mut xs: Vec<usize> = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|&(x, _)| x))
        .collect();
    xs.sort_unstable();
    xs.dedup();
    for n in xs {
        let label = if n <= 1 {
            "seed".to_string()
        } else {
            format!("{n}")
        };
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
            x(n),
            h - bottom + 18.0
        );
    }
    for (i, (name, points)) in series.iter().enumerate() {
        let color = colors(name);
        let dash = if name.starts_with("plain") {
            " stroke-dasharray=\"6 3\""
        } else if name.contains("split") {
            " stroke-dasharray=\"2 3\""
        } else {
            ""
        };
        let path: Vec<String> = points
            .iter()
            .filter(|p| p.1.is_finite())
            .map(|&(n, v)| format!("{:.1},{:.1}", x(n), y(v)))
            .collect();
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
            path.join(" ")
        );
        let ly = top + 16.0 * i as f64 + 10.0;
        let _ = writeln!(svg, "<line x1=\"{}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/><text x=\"{}\" y=\"{}\">{name}</text>", w - right + 15.0, w - right + 40.0, w - right + 46.0, ly + 4.0);
    }
    svg.push_str("</svg>\n");
    svg
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// One page's run on one corpus.
struct Run {
    corpus: usize,
    page: Page,
    device: Device,
    /// Its data file: raw, gzip and brotli bytes.
    data: Sizes,
    outcome: Result<Measures, String>,
}

impl Run {
    /// How the report names this run's page, with its device.
    fn label(&self, corpora: &[Corpus]) -> String {
        format!(
            "{}{}",
            corpora[self.corpus].label(self.page),
            self.device.suffix()
        )
    }
}

type Sizes = (u64, Option<u64>, Option<u64>);

fn mib(n: u64) -> String {
    format!("{:.2}", n as f64 / 1048576.0)
}

fn opt_mib(n: Option<u64>) -> String {
    n.map_or("n/a".into(), mib)
}

fn ratio(a: f64, b: f64) -> String {
    if a.is_finite() && b.is_finite() && b > 0.0 {
        format!("{:.2}", a / b)
    } else {
        "n/a".into()
    }
}

/// The figures of `tests/parse_speed.rs`: one map of key to value per
/// `parse-speed` line of its output.
fn parse_speed_lines(text: &str) -> Vec<HashMap<String, String>> {
    text.lines()
        .filter_map(|l| l.split_once("parse-speed "))
        .map(|(_, rest)| {
            rest.split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn parse_speed_section(text: &str) -> String {
    let lines = parse_speed_lines(text);
    let mut out = String::from("## Parsing the dataset in wasm: serde_json against JSON.parse + serde-wasm-bindgen\n\n`tests/parse_speed.rs`, run by `./x bench` with wasm-bindgen-test in headless Chromium on the release profile (the app's `opt-level = \"z\"`), generates each corpus in wasm, serializes it with serde_json and parses the text into a `storyscope_core::Dataset` several times each way; the figures are medians in ms. `serde_json::from_str` is what `src/data.rs` does, on text in wasm memory (the app fetches the file's bytes and checks them as UTF-8 there, without making a JavaScript string). `JSON.parse` needs a JavaScript string, so the comparison also times a JavaScript string copied into wasm memory plus serde_json against `JSON.parse` of that string plus `serde_wasm_bindgen::from_value`: the cost either way for text that starts as a JavaScript string.\n\n| corpus | items | text MiB | runs | serde_json::from_str | copy into wasm + serde_json | JSON.parse | serde_wasm_bindgen::from_value | JSON.parse + from_value | (JSON.parse + from_value) / (copy + serde_json) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let f = |l: &HashMap<String, String>, k: &str| -> f64 {
        l.get(k).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
    };
    for l in &lines {
        let _ = writeln!(
            out,
            "| {} stories | {} | {:.2} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            l.get("stories").map_or("?", String::as_str),
            l.get("items").map_or("?", String::as_str),
            f(l, "bytes") / 1048576.0,
            l.get("runs").map_or("?", String::as_str),
            f(l, "serde_json"),
            f(l, "copy_serde_json"),
            f(l, "json_parse"),
            f(l, "from_value"),
            f(l, "json_parse_from_value"),
            ratio(f(l, "json_parse_from_value"), f(l, "copy_serde_json")),
        );
    }
    if let Some(l) = lines.last() {
        let (ours, theirs) = (f(l, "copy_serde_json"), f(l, "json_parse_from_value"));
        let verdict = if ours <= theirs {
            format!(
                "serde_json is the faster: {:.1}× quicker than JSON.parse + serde-wasm-bindgen",
                theirs / ours
            )
        } else {
            format!(
                "JSON.parse + serde-wasm-bindgen is the faster: {:.1}× quicker than serde_json",
                ours / theirs
            )
        };
        let _ = writeln!(
            out,
            "\nOn the largest corpus, {verdict} (both from the JavaScript string). JSON.parse alone is quick, but walking the JavaScript objects into Rust values crosses the wasm boundary for every field. The app keeps its parser: serde-wasm-bindgen is a dev-dependency of this test only, and the app's code does not call it."
        );
    }
    out
}

fn main() {
    let dist = std::env::var_os("STORYSCOPE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    let timelinejs_dist = std::env::var_os("TIMELINEJS_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tools/node_modules/@knight-lab/timelinejs/dist"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "profile") {
        profile::run(&dist, &args[1..]);
        return;
    }
    let work = root().join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let sizes_arg: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let generated = if sizes_arg.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes_arg
    };
    let all_pages = [Page::Storyscope, Page::Plain, Page::TimelineJs];
    let mut pages: Vec<Page> = all_pages
        .into_iter()
        .filter(|p| args.iter().any(|a| a == p.slug()))
        .collect();
    if pages.is_empty() {
        pages = all_pages.to_vec();
    }
    if pages.contains(&Page::TimelineJs) && !timelinejs_dist.join("js/timeline.js").is_file() {
        panic!(
            "TimelineJS is missing from {}: run `./x bench`, which installs it",
            timelinejs_dist.display()
        );
    }

    let corpora = corpora(&work, &generated);
    let sources = Sources {
        dist: dist.clone(),
        timelinejs: timelinejs_dist.clone(),
    };
    let mut report = machine_and_bytes(&dist);
    let mut devices: Vec<Device> = [("desktop", Device::Desktop), ("phone", Device::Phone)]
        .into_iter()
        .filter(|(name, _)| args.iter().any(|a| a == name))
        .map(|(_, d)| d)
        .collect();
    if devices.is_empty() {
        devices = vec![Device::Desktop, Device::Phone];
    }
    let runs = run_all(&corpora, &pages, &devices, &work, &sources);
    report.push_str(&per_corpus_section(&corpora, &runs));
    report.push_str(&repeat_section(&corpora, &runs));
    let (latency, scrolling, series) = latency_sections(&corpora, &runs);
    report.push_str(&latency);
    report.push_str(&breakdown_section(&corpora, &runs));
    report.push_str(&scrolling);
    report.push_str(&inp_section(&corpora, &runs));
    if pages.contains(&Page::TimelineJs) {
        report.push_str(&timelinejs_section(
            &corpora,
            &runs,
            &pages,
            &sources,
            &timelinejs::version(&timelinejs_dist),
        ));
    }

    let parse_speed = std::env::var_os("STORYSCOPE_PARSE_SPEED")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    if !parse_speed_lines(&parse_speed).is_empty() {
        report.push_str(&parse_speed_section(&parse_speed));
    }

    let chart = root().join("docs/benchmarks-latency.svg");
    std::fs::write(&chart, latency_chart(&series)).unwrap();
    let _ = writeln!(
        report,
        "\n![Filter latency p95 against corpus size](benchmarks-latency.svg)"
    );
    let out = root().join("docs/benchmarks.md");
    std::fs::write(&out, &report).unwrap();
    println!("{report}");
    println!("wrote {}", out.display());
}

/// The corpora to measure: the seed and generated datasets of the sizes
/// `generated`, written under `work` with their TimelineJS and split forms.
fn corpora(work: &Path, generated: &[usize]) -> Vec<Corpus> {
    let seed_path = root().join("data/stories.json");
    let seed: Dataset =
        serde_json::from_str(&std::fs::read_to_string(&seed_path).unwrap()).unwrap();
    let mut corpora = Vec::new();
    let mut add = |name: String,
                   stories: usize,
                   dataset: &Dataset,
                   path: PathBuf,
                   split: Option<PathBuf>,
                   storyscope_only: bool| {
        let (timeline, events) = timelinejs::convert(dataset);
        let timeline_path = work.join(format!("timelinejs-{stories}.json"));
        std::fs::write(&timeline_path, timeline).unwrap();
        corpora.push(Corpus {
            name,
            stories,
            dataset: path,
            split,
            storyscope_only,
            timeline: timeline_path,
            events,
        });
    };
    add("seed".into(), 1, &seed, seed_path, None, false);
    for &n in generated {
        eprintln!("generating {n} stories");
        let path = work.join(format!("generated-{n}.json"));
        let dataset = generate(GenerateOptions {
            stories: n,
            seed: 42,
        });
        std::fs::write(&path, serde_json::to_string(&dataset).unwrap()).unwrap();
        // From 10,000 stories on, Storyscope is also measured on the split
        // layout; past SPLIT_FROM it reads only that, as a site would serve it.
        let split = (n >= 10_000).then(|| {
            let index = work.join(format!("split-{n}/stories.json"));
            storyscope_cli::files::write_split(
                &dataset,
                &index,
                storyscope_core::split::DEFAULT_CHUNK_STORIES,
            )
            .unwrap();
            index
        });
        if n >= SPLIT_FROM {
            add(format!("{n} stories"), n, &dataset, path, split, false);
        } else {
            if let Some(index) = &split {
                add(
                    format!("{n} stories, split layout"),
                    n,
                    &dataset,
                    path.clone(),
                    Some(index.clone()),
                    true,
                );
            }
            add(format!("{n} stories"), n, &dataset, path, None, false);
        }
    }

    corpora
}

/// Removes the `.br` and `.gz` copies `storyscope precompress` wrote under
/// `dir`.
fn remove_compressed_copies(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_compressed_copies(&path);
        } else if path.extension().is_some_and(|e| e == "br" || e == "gz") {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The report's head: the machine, and the bytes of the app in `dist`
/// (beside the floor's, when built).
fn machine_and_bytes(dist: &Path) -> String {
    let mut report = String::new();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let chromium = Command::new("chromium")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let _ = writeln!(report, "# Storyscope benchmarks\n\nMeasured by `./x bench` on {date}: {cpu}, {cores} cores, headless {chromium}, release build served on 127.0.0.1.\n\nEach page is measured on the desktop (the headless window and the machine's CPU) and, where a row says `phone`, with the phone profile: 360×800 CSS px at device pixel ratio 3, touch emulation, and the CPU slowed down 4× (DevTools' `Emulation.setCPUThrottlingRate`), in the same run. TimelineJS is measured on the desktop only.\n");

    let _ = writeln!(
        report,
        "## Bytes of the app\n\n| file | raw KiB | gzip KiB | brotli KiB |\n|---|---:|---:|---:|"
    );
    // The files as served to a browser that takes them as they are; the
    // table gives their compressed sizes itself (`storyscope precompress`
    // writes the copies it would send instead).
    let mut app_files: Vec<PathBuf> = std::fs::read_dir(dist)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.extension().is_some_and(|e| e == "br" || e == "gz"))
        .collect();
    app_files.sort();
    let mut total = (0u64, 0u64, 0u64);
    for file in &app_files {
        let (raw, gz, br) = sizes(file);
        total = (
            total.0 + raw,
            total.1 + gz.unwrap_or(0),
            total.2 + br.unwrap_or(0),
        );
        let _ = writeln!(
            report,
            "| `{}` | {:.1} | {} | {} |",
            file.file_name().unwrap().to_string_lossy(),
            raw as f64 / 1024.0,
            kb(gz),
            kb(br)
        );
    }
    let _ = writeln!(
        report,
        "| **all** | {:.1} | {:.1} | {:.1} |\n",
        total.0 as f64 / 1024.0,
        total.1 as f64 / 1024.0,
        total.2 as f64 / 1024.0
    );
    if let Some(floor) = std::env::var_os("STORYSCOPE_FLOOR_DIST") {
        let code = |dir: &Path| -> Option<u64> {
            let mut sum = 0;
            for entry in std::fs::read_dir(dir).ok()? {
                let path = entry.ok()?.path();
                if path.extension().is_some_and(|e| e == "wasm" || e == "js") {
                    sum += sizes(&path).2?;
                }
            }
            Some(sum)
        };
        if let (Some(app), Some(floor)) = (code(dist), code(Path::new(&floor))) {
            let _ = writeln!(
                report,
                "What the stack weighs before any of Storyscope's own code: `bench/floor/` is the smallest app on the same stack (yew with its router, gloo's fetch, serde_json and the panic hook; a list with a filter and three routes), built with the same release profile and wasm-opt passes. wasm + JS, brotli (each file on its own): the floor **{:.1} KiB**, Storyscope **{:.1} KiB**, so Storyscope's own code is {:.1} KiB.\n",
                floor as f64 / 1024.0,
                app as f64 / 1024.0,
                app.saturating_sub(floor) as f64 / 1024.0
            );
        }
    }

    report
}

/// Every page run on every corpus (the peers skip the corpora only
/// Storyscope reads).
fn run_all(
    corpora: &[Corpus],
    pages: &[Page],
    devices: &[Device],
    work: &Path,
    sources: &Sources,
) -> Vec<Run> {
    // Run every page on every corpus.
    let mut runs: Vec<Run> = Vec::new();
    let mut data_sizes: HashMap<PathBuf, Sizes> = HashMap::new();
    for (c, corpus) in corpora.iter().enumerate() {
        for &page in pages {
            if corpus.storyscope_only && page != Page::Storyscope {
                continue;
            }
            let app = work.join(format!(
                "app-{}-{}{}",
                page.slug(),
                corpus.stories,
                if corpus.split.is_some() { "-split" } else { "" }
            ));
            let data = match page {
                Page::Storyscope => {
                    support::copy_dir(&sources.dist, &app);
                    // Every page is served as it is: the peers have no
                    // compressed copies, so the app's are left out too.
                    remove_compressed_copies(&app);
                    match &corpus.split {
                        Some(index) => {
                            // The index's chunk directory goes beside it.
                            support::copy_dir(index.parent().unwrap(), &app.join("data"));
                            index
                        }
                        None => &corpus.dataset,
                    }
                }
                Page::Plain => {
                    support::copy_dir(&root().join("bench/plain"), &app);
                    &corpus.dataset
                }
                Page::TimelineJs => {
                    support::copy_dir(&root().join("bench/timelinejs"), &app);
                    support::copy_dir(&sources.timelinejs, &app.join("timelinejs"));
                    &corpus.timeline
                }
            };
            add_long_task_recorder(&app);
            std::fs::create_dir_all(app.join("data")).unwrap();
            std::fs::copy(data, app.join("data").join(page.data_file())).unwrap();
            let data = *data_sizes
                .entry(data.clone())
                .or_insert_with(|| sizes(data));
            // The phone profile compares Storyscope with the plain page.
            for &device in devices
                .iter()
                .filter(|&&d| d == Device::Desktop || page != Page::TimelineJs)
            {
                eprintln!(
                    "measuring {}{} on {}",
                    page.name(),
                    device.suffix(),
                    corpus.name
                );
                let outcome = measure(&app, page, device);
                if let Err(e) = &outcome {
                    eprintln!("  {e}");
                }
                runs.push(Run {
                    corpus: c,
                    page,
                    device,
                    data,
                    outcome,
                });
            }
        }
    }

    runs
}

/// The load table: per corpus and page, the data's size and the load's
/// times and memory.
fn per_corpus_section(corpora: &[Corpus], runs: &[Run]) -> String {
    let mut report = String::new();
    let _ = writeln!(report, "## Per corpus\n\n`plain JS (naive)` is the baseline page in `bench/plain/`, naive on purpose: JSON.parse, Array.filter over every item on every change, DOM calls, the first 500 matching items drawn. `Storyscope (split index)` reads the split layout (a compact index, with chunks and word shards fetched when needed); from {SPLIT_FROM} stories on it reads only that, while the peers read the whole file, and the row says so. `TimelineJS` is TimelineJS 3 on the same items in its own format (see [below](#storyscope-against-timelinejs-3)); its data is that format, its parse is JSON.parse, its index TimelineJS's own preparation of the events (sanitizing the text, reading the dates, sorting) up to its `dataloaded` event, and its timeline is rendered at its `loaded` event, when its slides and time navigation are built. Memory is read once the page has gone 5 s without a long task (see [Load and memory](#load-and-memory)).\n\n| corpus | page | items | data raw MiB | data brotli MiB | timeline rendered (ms after navigation) | fetch (ms) | parse (+ validate) (ms) | index (ms) | JS heap MiB | wasm memory MiB |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for run in runs {
        let corpus = &corpora[run.corpus];
        let (raw, _, br) = run.data;
        match &run.outcome {
            Ok(m) => {
                let _ = writeln!(
                    report,
                    "| {} | {} | {} | {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1} | {} |",
                    corpus.name,
                    run.label(corpora),
                    m.items,
                    mib(raw),
                    opt_mib(br),
                    m.rendered,
                    m.fetch,
                    m.parse,
                    m.index,
                    m.heap / 1048576.0,
                    if m.wasm.is_nan() {
                        "n/a".to_string()
                    } else {
                        format!("{:.1}", m.wasm / 1048576.0)
                    },
                );
            }
            Err(e) => {
                let items = if run.page == Page::TimelineJs {
                    corpus.events.to_string()
                } else {
                    String::new()
                };
                let _ = writeln!(
                    report,
                    "| {} | {} | {items} | {} | {} | {e} | | | | | |",
                    corpus.name,
                    run.label(corpora),
                    mib(raw),
                    opt_mib(br)
                );
            }
        }
    }

    report
}

/// Repeat visits: the same page loaded again after the first visit.
fn repeat_section(corpora: &[Corpus], runs: &[Run]) -> String {
    let mut report = String::new();
    let mut repeat_rows = String::new();
    for run in runs {
        let Ok(Measures {
            repeat: Some([rendered, fetch, parse, index]),
            ..
        }) = &run.outcome
        else {
            continue;
        };
        let _ = writeln!(
            repeat_rows,
            "| {} | {} | {rendered:.0} | {fetch:.0} | {parse:.0} | {index:.0} | {:.0} |",
            corpora[run.corpus].name,
            run.label(corpora),
            fetch + parse + index
        );
    }
    let _ = writeln!(
        report,
        "\n### Repeat visits\n\nThe same page loaded {REPEAT_VISITS} more times after the first visit, as a returning reader loads it: the browser may keep the page's compiled code, and the files come from the local server again. Medians, in ms.\n\n| corpus | page | timeline rendered | fetch | parse (+ validate) | index | fetch + parse + index |\n|---|---|---:|---:|---:|---:|---:|\n{repeat_rows}"
    );
    report
}

/// A line of the latency chart: its name and its points (corpus size,
/// p95 in ms).
type Series = (String, Vec<(usize, f64)>);

/// The filter latency and the scrolling sections, Storyscope against the
/// plain page, with the chart's lines of p95 latency by corpus size.
fn latency_sections(corpora: &[Corpus], runs: &[Run]) -> (String, String, Vec<Series>) {
    let mut report = String::new();
    let mut scrolling = String::new();
    let mut latency_rows = String::new();
    let mut scroll_rows = String::new();
    let mut series: Vec<Series> = Vec::new();
    for (c, corpus) in corpora.iter().enumerate() {
        let mut medians = Vec::new();
        for run in runs.iter().filter(|r| r.corpus == c) {
            let Ok(m) = &run.outcome else { continue };
            let mut row = |change: &str, samples: &[f64]| {
                let (median, p95) = stats(samples.to_vec());
                let _ = writeln!(
                    latency_rows,
                    "| {} | {} | {change} | {} | {median:.1} | {p95:.1} |",
                    corpus.name,
                    run.label(corpora),
                    samples.len()
                );
                p95
            };
            for (what, samples) in &m.latency {
                let p95 = row(what, samples);
                medians.push((what.to_string(), run.page, run.device, p95));
                let name = format!(
                    "{}{} · {what}",
                    corpus.series(run.page),
                    run.device.suffix()
                );
                match series.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, points)) => points.push((corpus.stories, p95)),
                    None => series.push((name, vec![(corpus.stories, p95)])),
                }
                let Some((_, here, waited)) = m.fetched.iter().find(|f| f.0 == *what) else {
                    continue;
                };
                for (part, samples) in [
                    ("words already fetched", here),
                    ("first fetch of a word shard", waited),
                ] {
                    if !samples.is_empty() {
                        row(&format!("{what}: {part}"), samples);
                    }
                }
            }
            if let Some((frames, long)) = m.scroll {
                let _ = writeln!(
                    scroll_rows,
                    "| {} | {} | {frames} | {long} |",
                    corpus.name,
                    run.label(corpora),
                );
            }
        }
        for (what, _, device, p95) in medians.iter().filter(|m| m.1 == Page::Storyscope) {
            if let Some((.., peer)) = medians
                .iter()
                .find(|m| m.1 == Page::Plain && m.2 == *device && &m.0 == what)
            {
                let _ = writeln!(
                    latency_rows,
                    "| {} | ratio Storyscope / plain JS (naive: filters every item per change, draws 500 rows){}, p95 | {what} | | | {:.2} |",
                    corpus.name,
                    device.suffix(),
                    p95 / peer
                );
            }
        }
    }
    let _ = writeln!(
        report,
        "\n## Filter latency, input event to painted frame (ms)\n\nEach sample runs from the change's event (typing, choosing a person, picking a date), dispatched at the start of a frame, to the end of the frame that shows the result: the page's script, style, layout and paint, measured by a message posted after the change that runs once the frame is rendered. It leaves out the wait for the next frame to start, which depends only on when in a frame the input came (0 to 16.7 ms here, the same for every page). A change of at most 16 ms is shown in the next frame. Samples count only when the URL changed. With a split dataset, a search for a word whose shard is not here yet shows \"Searching…\" until the shard has been fetched; its sample ends when the results are painted, and the search's samples are also given apart: those that found their words already fetched, and those that waited for a shard.\n\n| corpus | page | change | samples | median | p95 |\n|---|---|---|---:|---:|---:|\n{latency_rows}"
    );
    let _ = writeln!(
        scrolling,
        "## Scrolling the whole timeline\n\nThe page scrolls by at least 600 px per animation frame (up to 600 frames) and counts the frames that came more than 16.7 ms after the one before. Headless Chromium draws in software here. The plain page is shorter: it draws only its first 500 items.\n\n| corpus | page | frames | frames over 16.7 ms |\n|---|---|---:|---:|\n{scroll_rows}"
    );

    (report, scrolling, series)
}

/// Interaction to Next Paint of filter changes made with real input.
fn inp_section(corpora: &[Corpus], runs: &[Run]) -> String {
    let mut rows = String::new();
    for run in runs {
        let Ok(m) = &run.outcome else { continue };
        for (what, worst, count) in &m.inp {
            let inp = if worst.is_nan() {
                "not observed".to_string()
            } else if *count == 0 {
                "≤ 16".to_string()
            } else {
                format!("{worst:.0}")
            };
            let _ = writeln!(
                rows,
                "| {} | {} | {what} | {count} | {inp} |",
                corpora[run.corpus].name,
                run.label(corpora)
            );
        }
    }
    format!(
        "\n## Interaction to Next Paint, real input (ms)\n\nFilter changes made with trusted input, as a reader makes them, read from the Event Timing API: choosing a person with the keyboard (Storyscope's combobox: Arrow Down then Enter, 8 times, each person's chip then removed by its button; the plain page's select: Arrow Down, 16 times) and typing four search words key by key. An interaction's duration runs from the input to the next frame painted after its handlers, in steps of 8 ms: unlike the latency table above, it includes the wait for that frame; the API records only interactions of 16 ms or more, so \"≤ 16\" means none was recorded. INP is the worst interaction of the kind (each kind has fewer than 50).\n\n| corpus | page | change | interactions of 16 ms or more | INP |\n|---|---|---|---:|---:|\n{rows}"
    )
}

/// Where a change's time goes in Storyscope, from its performance marks.
fn breakdown_section(corpora: &[Corpus], runs: &[Run]) -> String {
    let mut report = String::new();
    let mut breakdown_rows = String::new();
    for run in runs.iter().filter(|r| r.page == Page::Storyscope) {
        let Ok(m) = &run.outcome else { continue };
        for (what, parts) in &m.breakdown {
            let column = |k: usize| stats(parts.iter().map(|p| p[k]).collect());
            let (b50, b95) = column(0);
            let (f50, f95) = column(1);
            let (r50, r95) = column(2);
            let (w50, w95) = column(3);
            let _ = writeln!(
                breakdown_rows,
                "| {} | {what} | {} | {b50:.1} / {b95:.1} | {f50:.1} / {f95:.1} | {r50:.1} / {r95:.1} | {w50:.1} / {w95:.1} |",
                corpora[run.corpus].name,
                parts.len()
            );
        }
    }
    let _ = writeln!(
        report,
        "## Where a change's time goes (Storyscope)\n\nFrom the app's own performance marks around the filter and after each render, for the same changes as above, median / p95: from the event to the filter's start (the event's handlers, writing the URL, and what the browser does then), the filter in the core (`Explorer::run`), from its end to the last render's DOM changes (yew's diff and the DOM calls), and from there to the painted frame (the browser's style, layout and paint).\n\n| corpus | change | samples | event to filter | filter in the core | render to the DOM | style, layout, paint |\n|---|---|---:|---:|---:|---:|---:|\n{breakdown_rows}"
    );
    report
}

/// Where the pages' files come from: the built app, the plain page, the
/// TimelineJS page and TimelineJS's own files.
struct Sources {
    dist: PathBuf,
    timelinejs: PathBuf,
}

impl Sources {
    /// The source of `file` as `page` serves it (sizes are taken from the
    /// sources, without the long-task recorder added to the served copy).
    fn of(&self, page: Page, file: &str) -> PathBuf {
        match page {
            Page::Storyscope => self.dist.join(file),
            Page::Plain => root().join("bench/plain").join(file),
            Page::TimelineJs => match file.strip_prefix("timelinejs/") {
                Some(rest) => self.timelinejs.join(rest),
                None => root().join("bench/timelinejs").join(file),
            },
        }
    }
}

/// The files a page requested besides its data, with their sizes, from its
/// first run that loaded.
fn code_files(runs: &[Run], page: Page, sources: &Sources) -> Option<Vec<(String, Sizes)>> {
    let run = runs.iter().find(|r| r.page == page && r.outcome.is_ok())?;
    let m = run.outcome.as_ref().ok()?;
    Some(
        m.files
            .iter()
            .filter(|f| !f.starts_with("data/"))
            .map(|f| (f.clone(), sizes(&sources.of(page, f))))
            .collect(),
    )
}

/// The comparison with TimelineJS 3: bytes, load, memory and moving to the
/// next item, with the ratios Storyscope / TimelineJS.
fn timelinejs_section(
    corpora: &[Corpus],
    runs: &[Run],
    pages: &[Page],
    sources: &Sources,
    version: &str,
) -> String {
    let mut out = String::new();
    let foreign: Vec<&String> = runs
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|m| &m.foreign)
        .collect();
    let foreign = if foreign.is_empty() {
        "none".to_string()
    } else {
        foreign
            .iter()
            .map(|u| format!("`{u}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "## Storyscope against TimelineJS 3\n\nTimelineJS {} (`@knight-lab/timelinejs` from npm, installed by `./x bench` into `.tools/`) runs in the page `bench/timelinejs/`, served from 127.0.0.1 like the others. It gets the items the Storyscope timeline shows, converted by the benchmark into its own JSON format: one event per story, quote and post on the item's day, grouped by kind, with the story's title, the quote's speaker or the post's author as headline and what the row shows as text (people, counts and sources; the quoted words; the post's words; the story it comes from). Two options keep it local: `font: null` (its default font comes from fonts.gstatic.com) and a local `script_path` (its default is Knight Lab's CDN); everything else is its default, including its 1 s slide animation. Requests that did not go to 127.0.0.1, over all pages and corpora: {foreign}.\n\nTimelineJS has no filters, no search and no scrolling list, so the scenarios shared with Storyscope are load, bytes, memory and moving to the next item. A page that has not built its slides {} s after navigation is marked \"did not finish in {} s\".\n",
        version,
        timelinejs::TIMEOUT_SECS,
        timelinejs::TIMEOUT_SECS
    );

    let code: HashMap<Page, Option<Vec<(String, Sizes)>>> = pages
        .iter()
        .map(|&p| (p, code_files(runs, p, sources)))
        .collect();
    if let Some(Some(files)) = code.get(&Page::TimelineJs) {
        let _ = writeln!(
            out,
            "### Bytes of the TimelineJS page\n\nThe files it requested besides its data (Storyscope's are in [Bytes of the app](#bytes-of-the-app)).\n\n| file | raw KiB | gzip KiB | brotli KiB |\n|---|---:|---:|---:|"
        );
        for (file, (raw, gz, br)) in files {
            let _ = writeln!(
                out,
                "| `{file}` | {:.1} | {} | {} |",
                *raw as f64 / 1024.0,
                kb(*gz),
                kb(*br)
            );
        }
        out.push('\n');
    }
    let code_br = |page: Page| -> Option<u64> {
        code.get(&page)?
            .as_ref()
            .map(|files| files.iter().map(|(_, s)| s.2.unwrap_or(0)).sum())
    };

    let _ = writeln!(
        out,
        "### Bytes transferred\n\nCode is every file the page requested but its data.\n\n| corpus | page | code brotli KiB | data raw MiB | data brotli MiB | code + data brotli MiB |\n|---|---|---:|---:|---:|---:|"
    );
    for (c, corpus) in corpora.iter().enumerate() {
        let mut totals = HashMap::new();
        for run in runs.iter().filter(|r| r.corpus == c) {
            let code = code_br(run.page);
            let total = code.zip(run.data.2).map(|(a, b)| a + b);
            totals.insert(run.page, total);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                corpus.name,
                run.label(corpora),
                kb(code),
                mib(run.data.0),
                opt_mib(run.data.2),
                opt_mib(total)
            );
        }
        if let (Some(Some(a)), Some(Some(b))) =
            (totals.get(&Page::Storyscope), totals.get(&Page::TimelineJs))
        {
            let _ = writeln!(
                out,
                "| {} | ratio Storyscope / TimelineJS | | | | {} |",
                corpus.name,
                ratio(*a as f64, *b as f64)
            );
        }
    }

    let _ = writeln!(
        out,
        "\n### Load and memory\n\nEach page is measured in a browser started for it, on its first visit: nothing of it cached. The browser first opens a missing file of the same server and waits a second, so that its own start-up work is not counted as the page's. Rendered is the page's own mark (Storyscope's timeline page rendered; TimelineJS's `loaded` event). Painted is the end of the long task around that mark, when a frame can show it. Interactive is the end of the last long task (50 ms or more, recorded from the start of the page) before the page went {} s without one. Memory is measured after that: the JavaScript heap (`performance.memory`) and, for Storyscope, the wasm linear memory. DOM elements counts every element of the page.\n\n| corpus | page | items | rendered (ms after navigation) | painted (ms) | interactive (ms) | JS heap MiB | wasm memory MiB | JS heap + wasm MiB | DOM elements |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        QUIET_MS / 1000.0
    );
    let shared = |r: &&Run| matches!(r.page, Page::Storyscope | Page::TimelineJs);
    let memory = |m: &Measures| m.heap + if m.wasm.is_nan() { 0.0 } else { m.wasm };
    for (c, corpus) in corpora.iter().enumerate() {
        let here: Vec<&Run> = runs
            .iter()
            .filter(|r| r.corpus == c)
            .filter(shared)
            .collect();
        for run in &here {
            match &run.outcome {
                Ok(m) => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {:.0} | {:.0} | {:.0} | {:.1} | {} | {:.1} | {:.0} |",
                        corpus.name,
                        run.label(corpora),
                        m.items,
                        m.rendered,
                        m.painted,
                        m.interactive,
                        m.heap / 1048576.0,
                        if m.wasm.is_nan() {
                            "n/a".to_string()
                        } else {
                            format!("{:.1}", m.wasm / 1048576.0)
                        },
                        memory(m) / 1048576.0,
                        m.dom
                    );
                }
                Err(e) => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {e} | | | | | | |",
                        corpus.name,
                        run.label(corpora),
                        if run.page == Page::TimelineJs {
                            corpus.events.to_string()
                        } else {
                            String::new()
                        }
                    );
                }
            }
        }
        let get = |p: Page| {
            here.iter()
                .find(|r| r.page == p)
                .map(|r| r.outcome.as_ref())
        };
        match (get(Page::Storyscope), get(Page::TimelineJs)) {
            (Some(Ok(a)), Some(Ok(b))) => {
                let _ = writeln!(
                    out,
                    "| {} | ratio Storyscope / TimelineJS | | {} | {} | {} | | | {} | {} |",
                    corpus.name,
                    ratio(a.rendered, b.rendered),
                    ratio(a.painted, b.painted),
                    ratio(a.interactive, b.interactive),
                    ratio(memory(a), memory(b)),
                    ratio(a.dom, b.dom)
                );
            }
            (Some(Ok(_)), Some(Err(e))) => {
                let _ = writeln!(
                    out,
                    "| {} | ratio Storyscope / TimelineJS | | n/a: TimelineJS {e} | | | | | | |",
                    corpus.name
                );
            }
            _ => {}
        }
    }

    let _ = writeln!(
        out,
        "\n### Moving to the next item, input to the next animation frame (ms)\n\nStoryscope: with an item of the timeline focused, the `j` key (the feed's next-item key) moves the focus to the next item, scrolling it into view. TimelineJS: `timeline.goToNext()` (what its next arrow and the right arrow key call) moves to the next slide; the benchmark waits for its slide animation to end before the next move. 50 moves each (fewer when there are fewer items), each timed from the event (right after a frame) to the next animation frame, counted when the current item changed.\n\n| corpus | page | samples | median | p95 |\n|---|---|---:|---:|---:|"
    );
    for (c, corpus) in corpora.iter().enumerate() {
        let mut figures = HashMap::new();
        for run in runs.iter().filter(|r| r.corpus == c).filter(shared) {
            match &run.outcome {
                Ok(m) => {
                    let (median, p95) = stats(m.next.clone());
                    figures.insert(run.page, (median, p95));
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {median:.1} | {p95:.1} |",
                        corpus.name,
                        run.label(corpora),
                        m.next.len()
                    );
                }
                Err(e) => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {e} | | |",
                        corpus.name,
                        run.label(corpora)
                    );
                }
            }
        }
        if let (Some(a), Some(b)) = (
            figures.get(&Page::Storyscope),
            figures.get(&Page::TimelineJs),
        ) {
            let _ = writeln!(
                out,
                "| {} | ratio Storyscope / TimelineJS | | {} | {} |",
                corpus.name,
                ratio(a.0, b.0),
                ratio(a.1, b.1)
            );
        }
    }
    out.push('\n');
    out
}
