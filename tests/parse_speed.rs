//! How fast the dataset's text becomes a [`Dataset`] in the browser, two
//! ways: `serde_json::from_str` (what `src/data.rs` does) and the browser's
//! `JSON.parse` followed by `serde_wasm_bindgen::from_value`.
//!
//! A measurement rather than a check, so its target has `test = false` in
//! Cargo.toml and `./x test` (`cargo test --tests`) leaves it out;
//! `./x bench` runs it by name in headless Chromium on the release build:
//!
//! ```sh
//! cargo test --release --target wasm32-unknown-unknown --test parse_speed -- --nocapture
//! ```
//!
//! It generates corpora of 1,000 and 10,000 stories in wasm with
//! `storyscope_core::generate`, serializes each with `serde_json`, parses
//! the text several times each way and prints one `parse-speed` line per
//! corpus with the median times in milliseconds, for `examples/bench` to
//! put in `docs/benchmarks.md`.

#![cfg(target_arch = "wasm32")]

use storyscope_core::generate::{generate, GenerateOptions};
use storyscope_core::Dataset;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse`, as `js_sys::JSON::parse` binds it, but taking the
    /// JavaScript string as it is instead of copying a Rust one into a new
    /// JavaScript string first.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse_js(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// How many times each way parses each corpus.
const RUNS: usize = 7;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[wasm_bindgen_test]
fn parse_speed() {
    for stories in [1_000, 10_000] {
        let expected = generate(GenerateOptions { stories, seed: 42 });
        let text = serde_json::to_string(&expected).unwrap();
        // The text as the app gets it from `fetch`: a JavaScript string.
        let js_text = js_sys::JsString::from(text.as_str());
        let mut from_str = Vec::new();
        let mut copy_and_from_str = Vec::new();
        let mut json_parse = Vec::new();
        let mut from_value = Vec::new();
        // One untimed round first, so that no timed parse pays for growing
        // the wasm memory.
        for run in 0..=RUNS {
            // (a) serde_json on text already in wasm memory.
            let t0 = now();
            let a: Dataset = serde_json::from_str(&text).unwrap();
            let t1 = now();
            drop(a);

            // (a') the same, counting the copy of the JavaScript string into
            // wasm memory that the app's `response.text()` makes.
            let t2 = now();
            let copied = String::from(&js_text);
            let a: Dataset = serde_json::from_str(&copied).unwrap();
            let t3 = now();
            drop((a, copied));

            // (b) JSON.parse into JavaScript objects, then serde-wasm-bindgen
            // walks them into Rust values.
            let t4 = now();
            let value = json_parse_js(&js_text).unwrap();
            let t5 = now();
            let b: Dataset = serde_wasm_bindgen::from_value(value).unwrap();
            let t6 = now();
            if run == 0 {
                assert!(b == expected, "both ways must give the same dataset");
                continue;
            }
            from_str.push(t1 - t0);
            copy_and_from_str.push(t3 - t2);
            json_parse.push(t5 - t4);
            from_value.push(t6 - t5);
        }
        let items = expected.stories.len() + expected.quotes.len() + expected.posts.len();
        let json_parse_median = median(json_parse.clone());
        let from_value_median = median(from_value.clone());
        let both: Vec<f64> = json_parse
            .iter()
            .zip(&from_value)
            .map(|(a, b)| a + b)
            .collect();
        console_log!(
            "parse-speed stories={stories} items={items} bytes={} runs={RUNS} serde_json={:.1} copy_serde_json={:.1} json_parse={:.1} from_value={:.1} json_parse_from_value={:.1}",
            text.len(),
            median(from_str),
            median(copy_and_from_str),
            json_parse_median,
            from_value_median,
            median(both),
        );
    }
}
