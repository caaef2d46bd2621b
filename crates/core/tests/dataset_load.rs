//! Property tests of the dataset loader as the app and `storyscope validate`
//! use it ([`load_dataset`]): hostile text (random, truncated, with values
//! of the wrong type or with bytes spliced in) comes back either refused,
//! with problems that say where and what, or as a dataset that keeps what
//! is sound: it validates without an error, every item of the file is kept
//! or counted as skipped with a reason, and the timeline runs over it. A
//! generated dataset survives a trip through JSON unchanged and valid.

use proptest::prelude::*;
use serde_json::Value;
use storyscope_core::explore::Explorer;
use storyscope_core::generate::{generate, GenerateOptions};
use storyscope_core::load::{load_dataset, LoadedDataset};
use storyscope_core::query::TimelineQuery;
use storyscope_core::validate::{validate, List};
use storyscope_core::{Dataset, Problem};

/// The seed dataset, as committed.
const SEED: &str = include_str!("../../../data/stories.json");

/// Loads `text` as the app does, and checks what the load promises.
fn load(text: &str) -> Result<LoadedDataset, Vec<Problem>> {
    let loaded = load_dataset(text);
    match &loaded {
        Err(problems) => {
            assert!(
                problems.iter().any(Problem::is_error),
                "a refused dataset says why: {problems:?}"
            );
            for p in problems {
                assert!(!p.location.trim().is_empty(), "a problem says where: {p:?}");
                assert!(!p.message.trim().is_empty(), "a problem says what: {p:?}");
            }
        }
        Ok(loaded) => check_kept(text, loaded),
    }
    loaded
}

/// What a dataset that loaded must be: sound, with every item of the file
/// kept or skipped for a stated reason, and shown by the timeline.
fn check_kept(text: &str, loaded: &LoadedDataset) {
    let dataset = &loaded.dataset;
    let errors: Vec<Problem> = validate(dataset)
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    assert!(errors.is_empty(), "what is kept validates: {errors:?}");
    let report = &loaded.report;
    assert!(
        report.skipped.len() >= report.skipped_items(),
        "each skipped item has its reason: {report:?}"
    );
    let kept = [
        dataset.people.len(),
        dataset.stories.len(),
        dataset.quotes.len(),
        dataset.posts.len(),
        dataset.events.len(),
    ];
    let root: Value = serde_json::from_str(text).expect("a dataset that loads is JSON");
    for ((list, kept), skipped) in List::ALL.into_iter().zip(kept).zip(report.counts) {
        let given = root[list.name()].as_array().map_or(0, Vec::len);
        assert_eq!(
            kept + skipped,
            given,
            "every one of the {given} {} is kept ({kept}) or skipped ({skipped})",
            list.name()
        );
    }
    let explorer = Explorer::new(dataset);
    let view = explorer.run(dataset, &TimelineQuery::default());
    assert_eq!(view.total, explorer.len());
}

/// Every JSON pointer into `value`, the root included.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(field, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Small JSON values of every type.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        Just(Value::from(-1)),
        "\\PC{0,12}".prop_map(Value::from),
        Just(Value::from("2021-02-30")),
        Just(Value::from("")),
        Just(Value::Array(Vec::new())),
        Just(serde_json::json!({})),
        Just(serde_json::json!({ "block": 999_999, "start": 5, "end": 2 })),
    ]
}

/// The seed dataset with one value (chosen by `pick`) replaced by `value`.
fn with_value_replaced(pick: prop::sample::Index, value: Value) -> String {
    let mut root: Value = serde_json::from_str(SEED).unwrap();
    let mut all = Vec::new();
    pointers(&root, String::new(), &mut all);
    let at = pick.get(&all);
    *root.pointer_mut(at).unwrap() = value;
    root.to_string()
}

/// The byte index of a character boundary of `text` near `at`.
fn boundary(text: &str, at: prop::sample::Index) -> usize {
    let mut i = at.index(text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

proptest! {
    #[test]
    fn any_text_loads_or_fails_cleanly(text in "\\PC{0,300}") {
        let _ = load(&text);
    }

    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = load(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_truncated_dataset_is_refused_at_its_line_and_column(at in any::<prop::sample::Index>()) {
        let cut = boundary(SEED.trim_end(), at);
        prop_assume!(cut < SEED.trim_end().len());
        let text = &SEED[..cut];
        let problems = load(text).expect_err("a cut dataset is refused");
        prop_assert_eq!(problems.len(), 1);
        let (line, column) = problems[0]
            .location
            .split_once(':')
            .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
            .expect("a line:column location");
        // The place is in the text: a line it has, at most one past its end.
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(line >= 1 && line <= lines.len(), "{:?}", problems);
        prop_assert!(column <= lines[line - 1].len() + 1, "{:?}", problems);
    }

    #[test]
    fn a_dataset_with_bytes_spliced_in_loads_or_fails_cleanly(
        at in any::<prop::sample::Index>(),
        removed in 0usize..40,
        inserted in "\\PC{0,20}",
    ) {
        let start = boundary(SEED, at);
        let mut end = (start + removed).min(SEED.len());
        while !SEED.is_char_boundary(end) {
            end += 1;
        }
        let text = format!("{}{inserted}{}", &SEED[..start], &SEED[end..]);
        let _ = load(&text);
    }

    #[test]
    fn a_dataset_with_a_value_of_the_wrong_type_loads_or_fails_cleanly(
        pick in any::<prop::sample::Index>(),
        value in any_value(),
    ) {
        let _ = load(&with_value_replaced(pick, value));
    }
}

proptest! {
    // Each case makes, writes and reads a dataset of 300 people: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_generated_dataset_survives_json_unchanged_and_valid(
        stories in 0usize..30,
        seed in any::<u64>(),
    ) {
        let dataset = generate(GenerateOptions { stories, seed });
        let text = serde_json::to_string(&dataset).unwrap();
        let back: Dataset = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &dataset);
        let problems = validate(&back);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let loaded = load(&text).expect("a generated dataset loads");
        prop_assert_eq!(&loaded.dataset, &dataset);
        prop_assert_eq!(loaded.report.skipped_items(), 0);
    }
}

#[test]
fn the_seed_dataset_loads_without_problems() {
    let loaded = load(SEED).expect("the seed loads");
    assert_eq!(loaded.report, Default::default());
    assert!(validate(&loaded.dataset).is_empty());
}

#[test]
fn a_story_with_a_bad_value_is_skipped_and_the_rest_kept() {
    let mut root: Value = serde_json::from_str(SEED).unwrap();
    let story = root["stories"][0].clone();
    let mut second = story.clone();
    second["id"] = Value::from("a-second-story");
    second["date"] = Value::from("2021-02-30");
    root["stories"].as_array_mut().unwrap().push(second);
    let loaded = load(&root.to_string()).expect("one bad story does not refuse the rest");
    assert_eq!(loaded.dataset.stories.len(), 1);
    assert_eq!(loaded.dataset.stories[0].id, story["id"]);
    assert_eq!(
        loaded.report.summary().as_deref(),
        Some("1 item skipped: 1 story")
    );
}
