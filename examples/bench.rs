//! The in-browser benchmark behind `./x bench`: serves the release app on
//! 127.0.0.1 with the seed dataset and with generated corpora, drives
//! headless Chromium over WebDriver, and writes `docs/benchmarks.md`.
//!
//! Measured per corpus: bytes transferred (raw, gzip, brotli), navigation to
//! the first rendered timeline, dataset fetch, parse and index times, filter
//! latency from the input event to the next paint (median and p95 over 50
//! changes each for person, date range and text search), long frames while
//! scrolling the whole timeline, and memory after load.

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use storyscope_core::generate::{generate, GenerateOptions};
use support::Browser;

/// One corpus: a name and the dataset file to serve.
struct Corpus {
    name: String,
    stories: usize,
    dataset: PathBuf,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn compressed(path: &Path, tool: &str, args: &[&str]) -> Option<u64> {
    let out = Command::new(tool).args(args).arg(path).output().ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

fn sizes(path: &Path) -> (u64, Option<u64>, Option<u64>) {
    let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    (
        raw,
        compressed(path, "gzip", &["-9", "-c"]),
        compressed(path, "brotli", &["-q", "11", "-c"]),
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
/// pairs) and times each `act` from its event to the next paint; `prepare`
/// runs untimed first. The URL must change with each act, or the sample is
/// not counted.
const LATENCY: &str = r#"
const done = arguments[arguments.length - 1];
const changes = (new Function('return ' + arguments[0]))();
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
(async () => {
  const times = [];
  for (const [prepare, act] of changes) {
    if (prepare) { prepare(); await frame(); await frame(); }
    await frame();
    const before = location.href;
    const t0 = performance.now();
    act();
    await new Promise(r => requestAnimationFrame(r));
    const t1 = performance.now();
    if (location.href !== before) times.push(t1 - t0);
  }
  done(times);
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    Storyscope,
    Plain,
}

impl Page {
    fn name(self) -> &'static str {
        match self {
            Page::Storyscope => "Storyscope",
            Page::Plain => "plain JS",
        }
    }
    fn slug(self) -> &'static str {
        match self {
            Page::Storyscope => "storyscope",
            Page::Plain => "plain",
        }
    }
    fn ready(self) -> &'static str {
        match self {
            Page::Storyscope => ".vrow.item",
            Page::Plain => "#list .item",
        }
    }
}

/// What one page measured on one corpus.
struct Measures {
    items: String,
    rendered: f64,
    fetch: f64,
    parse: f64,
    index: f64,
    heap: f64,
    wasm: f64,
    latency: Vec<(&'static str, Vec<f64>)>,
    frames: f64,
    long_frames: f64,
}

fn measure(app: &Path, page: Page) -> Option<Measures> {
    let browser = Browser::start_at("bench", app, "/");
    browser.goto("/");
    // Large corpora take a while to load: wait up to two minutes.
    let mut ready = false;
    for _ in 0..1200 {
        if browser.find(page.ready()).is_some() {
            ready = true;
            break;
        }
        if browser.find(".panel.error").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if !ready {
        return None;
    }
    let marks = browser.execute(
        "const m = {}; for (const e of performance.getEntriesByType('mark')) m[e.name] = e.startTime; return m",
        vec![],
    );
    let at = |name: &str| number(&marks[name]);
    let items = browser
        .find(".result-count")
        .map(|e| e.text().trim_end_matches(" items").to_string())
        .unwrap_or_default();
    let heap = number(&browser.execute(
        "return performance.memory ? performance.memory.usedJSHeapSize : null",
        vec![],
    ));
    let wasm = number(&browser.execute(
        "return window.wasmBindings ? window.wasmBindings.wasm_memory_bytes() : null",
        vec![],
    ));
    let person = match page {
        Page::Storyscope => PERSON_CHANGES,
        Page::Plain => PLAIN_PERSON_CHANGES,
    };
    let mut latency = Vec::new();
    for (what, changes) in [
        ("person", person),
        ("date range", DATE_CHANGES),
        ("text search", TEXT_CHANGES),
    ] {
        browser.goto("/");
        browser.wait_for(page.ready());
        let times = browser.execute_async(LATENCY, vec![Value::from(changes)]);
        latency.push((
            what,
            times
                .as_array()
                .map(|a| a.iter().map(number).collect())
                .unwrap_or_default(),
        ));
    }
    browser.goto("/");
    browser.wait_for(page.ready());
    let scroll = browser.execute_async(SCROLL, vec![]);
    Some(Measures {
        items,
        rendered: at("storyscope-timeline-rendered"),
        fetch: at("storyscope-fetched") - at("storyscope-fetch-start"),
        parse: at("storyscope-validated") - at("storyscope-fetched"),
        index: at("storyscope-indexed") - at("storyscope-validated"),
        heap,
        wasm,
        latency,
        frames: number(&scroll[0]),
        long_frames: number(&scroll[1]),
    })
}

/// An SVG line chart of p95 filter latency (ms) against corpus size
/// (stories, log scale), one line per page and change.
fn latency_chart(series: &[(String, Vec<(usize, f64)>)]) -> String {
    let (w, h, left, right, top, bottom) = (760.0, 420.0, 60.0, 230.0, 30.0, 50.0);
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
    let colors = [
        "#b4412b", "#d9822b", "#e0b341", "#1f6feb", "#5b8def", "#94b8ff",
    ];
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Filter latency p95 (ms, input to next paint) against stories</text>\n"
    );
    let frame = y(16.7);
    let _ = writeln!(svg, "<line x1=\"{left}\" x2=\"{}\" y1=\"{frame}\" y2=\"{frame}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/><text x=\"{}\" y=\"{}\" fill=\"#666\">one frame</text>", w - right, w - right - 60.0, frame - 4.0);
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
        let color = colors[i % colors.len()];
        let dash = if name.starts_with("plain") {
            " stroke-dasharray=\"6 3\""
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

fn main() {
    let dist = std::env::var_os("STORYSCOPE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    let work = root().join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let sizes_arg: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let generated = if sizes_arg.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes_arg
    };

    let mut corpora = vec![Corpus {
        name: "seed".into(),
        stories: 1,
        dataset: root().join("data/stories.json"),
    }];
    for &n in &generated {
        let path = work.join(format!("generated-{n}.json"));
        let dataset = generate(GenerateOptions {
            stories: n,
            seed: 42,
        });
        std::fs::write(&path, serde_json::to_string(&dataset).unwrap()).unwrap();
        corpora.push(Corpus {
            name: format!("{n} stories"),
            stories: n,
            dataset: path,
        });
    }

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
    let _ = writeln!(report, "# Storyscope benchmarks\n\nMeasured by `./x bench` on {date}: {cpu}, {cores} cores, headless {chromium}, release build served on 127.0.0.1.\n");

    let _ = writeln!(
        report,
        "## Bytes of the app\n\n| file | raw KiB | gzip KiB | brotli KiB |\n|---|---:|---:|---:|"
    );
    let mut app_files: Vec<PathBuf> = std::fs::read_dir(&dist)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
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

    let _ = writeln!(report, "## Per corpus\n\n`plain JS` is the baseline page in `bench/plain/`: JSON.parse, Array.filter on every change, DOM calls, the first 500 matching items drawn.\n\n| corpus | page | items | data raw MiB | data brotli MiB | timeline rendered (ms after navigation) | fetch (ms) | parse (+ validate) (ms) | index (ms) | JS heap MiB | wasm memory MiB |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut latency_rows = String::new();
    let mut scroll_rows = String::new();
    let mut series: Vec<(String, Vec<(usize, f64)>)> = Vec::new();
    for corpus in &corpora {
        let (raw, _, br) = sizes(&corpus.dataset);
        let mut medians = Vec::new();
        for page in [Page::Storyscope, Page::Plain] {
            let app = work.join(format!("app-{}-{}", page.slug(), corpus.stories));
            match page {
                Page::Storyscope => support::copy_dir(&dist, &app),
                Page::Plain => support::copy_dir(&root().join("bench/plain"), &app),
            }
            std::fs::create_dir_all(app.join("data")).unwrap();
            std::fs::copy(&corpus.dataset, app.join("data/stories.json")).unwrap();
            let Some(m) = measure(&app, page) else {
                let _ = writeln!(
                    report,
                    "| {} | {} | did not load | | | | | | | | |",
                    corpus.name,
                    page.name()
                );
                continue;
            };
            let _ = writeln!(
                report,
                "| {} | {} | {} | {:.2} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1} | {} |",
                corpus.name,
                page.name(),
                m.items,
                raw as f64 / 1048576.0,
                br.map_or("n/a".into(), |b| format!("{:.2}", b as f64 / 1048576.0)),
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
            for (what, samples) in &m.latency {
                let (median, p95) = stats(samples.clone());
                medians.push((what.to_string(), page, median, p95));
                let name = format!("{} · {what}", page.name());
                match series.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, points)) => points.push((corpus.stories, p95)),
                    None => series.push((name, vec![(corpus.stories, p95)])),
                }
                let _ = writeln!(
                    latency_rows,
                    "| {} | {} | {what} | {} | {median:.1} | {p95:.1} |",
                    corpus.name,
                    page.name(),
                    samples.len()
                );
            }
            let _ = writeln!(
                scroll_rows,
                "| {} | {} | {} | {} |",
                corpus.name,
                page.name(),
                m.frames,
                m.long_frames
            );
        }
        for (what, page, _, p95) in medians.iter().filter(|m| m.1 == Page::Storyscope) {
            if let Some((_, _, _, peer)) =
                medians.iter().find(|m| m.1 == Page::Plain && &m.0 == what)
            {
                let _ = writeln!(
                    latency_rows,
                    "| {} | ratio Storyscope / plain JS, p95 | {what} | | | {:.2} |",
                    corpus.name,
                    p95 / peer
                );
                let _ = page;
            }
        }
    }
    let _ = writeln!(
        report,
        "\n## Filter latency, input event to next paint (ms)\n\nEach sample runs from the change's event (typing, choosing a person, picking a date) to the next animation frame after it, counted only when the URL changed. Frames come every 16.7 ms here, so a change whose work fits in the current frame still reads about 16-17 ms; more than that means it took longer than a frame.\n\n| corpus | page | change | samples | median | p95 |\n|---|---|---|---:|---:|---:|\n{latency_rows}"
    );
    let _ = writeln!(
        report,
        "## Scrolling the whole timeline\n\nThe page scrolls by at least 600 px per animation frame (up to 600 frames) and counts the frames that came more than 16.7 ms after the one before. Headless Chromium draws in software here. The plain page is shorter: it draws only its first 500 items.\n\n| corpus | page | frames | frames over 16.7 ms |\n|---|---|---:|---:|\n{scroll_rows}"
    );
    let _ = writeln!(
        report,
        "TimelineJS is not measured yet; see the open benchmark issue."
    );
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
