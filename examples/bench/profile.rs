//! `./x profile [N] [split] [scroll] [seed]`: where the time of loading and
//! of a filter change goes, from the DevTools CPU profiler. Serves the
//! release app (its wasm with function names kept) on N generated stories
//! (default 100,000; in the split layout from [`super::SPLIT_FROM`] on, or
//! when `split` is given), or with `seed` on the bundled seed dataset; loads
//! it, makes the benchmark's 50 person, date range and text changes and
//! scrolls the whole timeline while the profiler samples every 100 µs, and
//! writes per change the functions that took the most time, by self time
//! and by total time (with what they called), to
//! `target/profile/profile-N.md` (`profile-seed.md`).
//! With `scroll`, only the scrolling is profiled.
//!
//! The profiler samples the page's main thread: script, wasm and garbage
//! collection by name; style, layout and paint show as `(program)`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};
use storyscope_core::generate::{generate, GenerateOptions};

use super::{
    number, root, Page, DATE_CHANGES, LATENCY, PERSON_CHANGES, SCROLL, SPLIT_FROM, TEXT_CHANGES,
};
use storyscope_browser::{self as support, Browser};

/// Rows shown per table.
const TOP: usize = 25;

/// Runs the profile; `args` are the command's arguments after `profile`.
pub fn run(dist: &Path, args: &[String]) {
    // `seed`: the bundled dataset the build holds, as the benchmark's seed
    // corpus; otherwise N generated stories.
    let seed = args.iter().any(|a| a == "seed");
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let (name, title) = if seed {
        ("seed".to_string(), "the seed dataset".to_string())
    } else {
        (n.to_string(), format!("{n} stories"))
    };
    let work = root().join("target/profile");
    let _ = std::fs::remove_dir_all(&work);
    let app = work.join("app");
    support::copy_dir(dist, &app);
    super::remove_compressed_copies(&app);
    if !seed {
        eprintln!("generating {n} stories");
        let dataset = generate(GenerateOptions {
            stories: n,
            seed: 42,
        });
        let data = app.join("data/stories.json");
        if n >= SPLIT_FROM || args.iter().any(|a| a == "split") {
            storyscope_cli::files::write_split(
                &dataset,
                &data,
                storyscope_core::split::DEFAULT_CHUNK_STORIES,
            )
            .unwrap();
        } else {
            std::fs::write(&data, serde_json::to_string(&dataset).unwrap()).unwrap();
        }
    }

    let browser = Browser::start_at("profile", &app, "/");
    browser.set_timeouts(Duration::from_secs(110), Duration::from_secs(110));
    // The first visit (nothing of the page compiled or cached yet), then a
    // repeat visit. The profiler follows the page across navigations within
    // its origin, so the browser first opens a missing file there (a path
    // with an extension: a route would get the app).
    super::warm_up(&browser);
    let only_scroll = args.iter().any(|a| a == "scroll");
    let load = if only_scroll {
        String::new()
    } else {
        [
            profile_load(&browser, "first visit"),
            profile_load(&browser, "repeat visit"),
        ]
        .concat()
    };
    let mut report = format!(
        "# Where a filter change's time goes, {title}\n\nThe DevTools CPU profiler, sampling every 100 µs, over the benchmark's 50 changes of each kind (the untimed preparation of each change included). Self time is time in the function itself; total time includes what it called. Times are summed over all the changes, in ms. `(program)` is the browser's own work outside script: style, layout, paint.\n"
    );
    eprintln!("{load}");
    report.push_str(&load);
    let changes = [
        ("person changes", PERSON_CHANGES),
        ("date range changes", DATE_CHANGES),
        ("text search changes", TEXT_CHANGES),
    ];
    for (what, changes) in if only_scroll {
        &changes[..0]
    } else {
        &changes[..]
    } {
        browser.goto("/");
        browser.wait_for(Page::Storyscope.ready());
        let (out, profile) = profiled(&browser, || {
            browser.execute_async(LATENCY, vec![Value::from(*changes)])
        });
        let times: Vec<f64> = out[0]
            .as_array()
            .map(|a| a.iter().map(number).collect())
            .unwrap_or_default();
        let section = summarize(what, &profile["profile"], &times);
        eprintln!("{section}");
        report.push_str(&section);
    }
    // Scrolling the whole timeline, as the benchmark does.
    browser.goto("/");
    browser.wait_for(Page::Storyscope.ready());
    browser.cdp("Performance.enable", json!({}));
    let before = metrics(&browser);
    let (out, profile) = profiled(&browser, || browser.execute_async(SCROLL, vec![]));
    let after = metrics(&browser);
    browser.cdp("Performance.disable", json!({}));
    let spent = |name: &str| {
        after.get(name).copied().unwrap_or(0.0) - before.get(name).copied().unwrap_or(0.0)
    };
    let section = summarize(
        &format!(
            "scrolling the whole timeline ({} frames, {} over 16.7 ms; the browser's counters: tasks {:.0} ms, script {:.0} ms, style {:.0} ms in {:.0} recalculations, layout {:.0} ms in {:.0} layouts)",
            number(&out[0]),
            number(&out[1]),
            1000.0 * spent("TaskDuration"),
            1000.0 * spent("ScriptDuration"),
            1000.0 * spent("RecalcStyleDuration"),
            spent("RecalcStyleCount"),
            1000.0 * spent("LayoutDuration"),
            spent("LayoutCount"),
        ),
        &profile["profile"],
        &[],
    );
    eprintln!("{section}");
    report.push_str(&section);
    let path = work.join(format!("profile-{name}.md"));
    std::fs::write(&path, report).unwrap();
    eprintln!("wrote {}", path.display());
}

/// Runs `work` under the CPU profiler, sampling every 100 µs: what it
/// returned, and the profile.
fn profiled<T>(browser: &Browser, work: impl FnOnce() -> T) -> (T, Value) {
    browser.cdp("Profiler.enable", json!({}));
    browser.cdp("Profiler.setSamplingInterval", json!({ "interval": 100 }));
    browser.cdp("Profiler.start", json!({}));
    let out = work();
    let profile = browser.cdp("Profiler.stop", json!({}));
    browser.cdp("Profiler.disable", json!({}));
    (out, profile)
}

/// The browser's performance counters (`Performance.getMetrics`).
fn metrics(browser: &Browser) -> HashMap<String, f64> {
    let out = browser.cdp("Performance.getMetrics", json!({}));
    out["metrics"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|m| {
                    (
                        m["name"].as_str().unwrap_or("").to_string(),
                        number(&m["value"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A profile of loading the page: from navigation to the first timeline
/// rows, then until the page has gone a second without work.
fn profile_load(browser: &Browser, visit: &str) -> String {
    let ((), profile) = profiled(browser, || {
        browser.goto("/");
        browser.wait_for(Page::Storyscope.ready());
        std::thread::sleep(Duration::from_secs(1));
    });
    let marks = browser.execute(
        "const m = {}; for (const e of performance.getEntriesByType('mark')) m[e.name] = e.startTime; return m",
        vec![],
    );
    let at = |name: &str| number(&marks[name]);
    let times = [
        at("storyscope-fetched") - at("storyscope-fetch-start"),
        at("storyscope-validated") - at("storyscope-fetched"),
        at("storyscope-indexed") - at("storyscope-validated"),
    ];
    summarize(
        &format!(
            "load, {visit} (fetch {:.0} ms, parse and validate {:.0} ms, index {:.0} ms, timeline rendered at {:.0} ms)",
            times[0],
            times[1],
            times[2],
            at("storyscope-timeline-rendered")
        ),
        &profile["profile"],
        &[],
    )
}

/// A function's name without the hash rustc appends (`::h0123…`).
fn clean(name: &str) -> String {
    match name.rfind("::h") {
        Some(i) if name[i + 3..].chars().all(|c| c.is_ascii_hexdigit()) => name[..i].to_string(),
        _ => name.to_string(),
    }
}

/// Tables of self and total time per function from a CPU profile.
fn summarize(what: &str, profile: &Value, times: &[f64]) -> String {
    let empty = Vec::new();
    let nodes = profile["nodes"].as_array().unwrap_or(&empty);
    let mut name_of: HashMap<u64, String> = HashMap::new();
    let mut parent: HashMap<u64, u64> = HashMap::new();
    for node in nodes {
        let id = node["id"].as_u64().unwrap_or(0);
        let frame = &node["callFrame"];
        let mut name = clean(frame["functionName"].as_str().unwrap_or(""));
        if name.is_empty() {
            name = "(anonymous)".into();
        }
        let url = frame["url"].as_str().unwrap_or("");
        if url.ends_with(".wasm") || url.starts_with("wasm://") {
            name = format!("{name} [wasm]");
        }
        name_of.insert(id, name);
        for child in node["children"].as_array().unwrap_or(&empty) {
            parent.insert(child.as_u64().unwrap_or(0), id);
        }
    }
    let samples = profile["samples"].as_array().unwrap_or(&empty);
    let deltas = profile["timeDeltas"].as_array().unwrap_or(&empty);
    let mut own: HashMap<&str, f64> = HashMap::new();
    let mut total: HashMap<&str, f64> = HashMap::new();
    // What each function's total time went into, one level down.
    let mut calls: HashMap<(&str, &str), f64> = HashMap::new();
    let mut sampled = 0.0;
    for (i, sample) in samples.iter().enumerate() {
        // A sample's time is the gap to the next one.
        let dt = deltas.get(i + 1).map_or(0.0, number) / 1000.0;
        sampled += dt;
        let mut id = sample.as_u64().unwrap_or(0);
        let leaf = name_of.get(&id).map_or("?", String::as_str);
        *own.entry(leaf).or_default() += dt;
        let mut seen = HashSet::new();
        let mut below: Option<&str> = None;
        loop {
            let name = name_of.get(&id).map_or("?", String::as_str);
            if seen.insert(name) {
                *total.entry(name).or_default() += dt;
            }
            if let Some(callee) = below {
                if callee != name {
                    *calls.entry((name, callee)).or_default() += dt;
                }
            }
            below = Some(name);
            match parent.get(&id) {
                Some(&p) => id = p,
                None => break,
            }
        }
    }
    let idle = own.get("(idle)").copied().unwrap_or(0.0);
    let mut out = String::new();
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        sorted
            .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let timed = if times.is_empty() {
        String::new()
    } else {
        format!(
            "{} changes timed while profiled: median {:.1} ms, p95 {:.1} ms. ",
            times.len(),
            pick(0.5),
            pick(0.95)
        )
    };
    let _ = writeln!(
        out,
        "\n## {what}\n\n{timed}Sampled {:.0} ms, of which idle {:.0} ms and busy {:.0} ms.\n",
        sampled,
        idle,
        sampled - idle
    );
    let skip = ["(root)", "(idle)"];
    let _ = writeln!(
        out,
        "### By self time\n\n| function | self ms | share of busy |\n|---|---:|---:|"
    );
    let mut by_own: Vec<(&str, f64)> = own
        .iter()
        .filter(|(k, _)| !skip.contains(k))
        .map(|(k, v)| (*k, *v))
        .collect();
    by_own.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, ms) in by_own.iter().take(TOP) {
        let _ = writeln!(
            out,
            "| `{name}` | {ms:.1} | {:.1}% |",
            100.0 * ms / (sampled - idle).max(1e-9)
        );
    }
    let _ = writeln!(
        out,
        "\n### By total time, with the largest calls\n\n| function | total ms | largest calls (ms) |\n|---|---:|---|"
    );
    let mut by_total: Vec<(&str, f64)> = total
        .iter()
        .filter(|(k, _)| !skip.contains(k) && k.ends_with("[wasm]"))
        .map(|(k, v)| (*k, *v))
        .collect();
    by_total.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, ms) in by_total.iter().take(TOP) {
        let mut callees: Vec<(&str, f64)> = calls
            .iter()
            .filter(|((caller, _), _)| caller == name)
            .map(|((_, callee), v)| (*callee, *v))
            .collect();
        callees.sort_by(|a, b| b.1.total_cmp(&a.1));
        let list: Vec<String> = callees
            .iter()
            .take(4)
            .map(|(c, v)| format!("`{}` {v:.1}", c.trim_end_matches(" [wasm]")))
            .collect();
        let _ = writeln!(out, "| `{name}` | {ms:.1} | {} |", list.join(", "));
    }
    out
}
