//! Property tests of the dataset loader as the app and `storyscope validate`
//! use it: JSON text is parsed into a [`Dataset`], validated, and a dataset
//! without errors is prepared for the timeline.
//!
//! Hostile text (random, truncated, with values of the wrong type or with
//! bytes spliced in) must come back as a parse error or a list of problems,
//! never a panic; a generated dataset must survive a trip through JSON
//! unchanged and valid.

use proptest::prelude::*;
use serde_json::Value;
use storyscope_core::explore::Explorer;
use storyscope_core::generate::{generate, GenerateOptions};
use storyscope_core::query::TimelineQuery;
use storyscope_core::validate::validate;
use storyscope_core::{Dataset, Problem};

/// The seed dataset, as committed.
const SEED: &str = include_str!("../../../data/stories.json");

/// What loading `text` gives: a parse error, or the dataset's problems.
/// A dataset without errors is also prepared and shown unfiltered, as the
/// app does on load.
fn load(text: &str) -> Result<Vec<Problem>, serde_json::Error> {
    let dataset: Dataset = serde_json::from_str(text)?;
    let problems = validate(&dataset);
    if !problems.iter().any(Problem::is_error) {
        let explorer = Explorer::new(&dataset);
        let view = explorer.run(&dataset, &TimelineQuery::default());
        assert_eq!(view.total, explorer.len());
    }
    Ok(problems)
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
    fn a_truncated_dataset_is_a_parse_error(at in any::<prop::sample::Index>()) {
        let cut = boundary(SEED.trim_end(), at);
        prop_assume!(cut < SEED.trim_end().len());
        prop_assert!(load(&SEED[..cut]).is_err());
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
        prop_assert_eq!(load(&text).unwrap(), Vec::new());
    }
}

#[test]
fn the_seed_dataset_loads_without_problems() {
    assert_eq!(load(SEED).unwrap(), Vec::new());
}
