//! Broken datasets, one for each way a dataset goes wrong, with the lines
//! that both the app (its error panel or its skipped-items banner) and
//! `storyscope validate` must show for them. Shared by `tests/e2e.rs` and
//! `crates/cli/tests/cli.rs`, so the two report the same problems in the
//! same words.

use serde_json::{json, Value};
use storyscope_core::generate::{generate, GenerateOptions};

/// One broken dataset and what must be said about it.
pub struct BadDataset {
    /// A short name for messages and file names.
    pub name: &'static str,
    /// The file's text.
    pub text: String,
    /// Whether nothing can be shown (otherwise the bad items are skipped
    /// and the rest is shown).
    pub fatal: bool,
    /// For a partial failure: the summary, "3 items skipped: 1 story, ...".
    pub summary: Option<String>,
    /// Lines the report must hold, each the end of one reported line (the
    /// reports put the file's name in front).
    pub lines: Vec<String>,
}

/// A sound generated dataset: six stories with their quotes and posts.
pub fn base() -> Value {
    serde_json::to_value(generate(GenerateOptions {
        stories: 6,
        seed: 3,
    }))
    .unwrap_or(Value::Null)
}

/// The summary for skipping story `index` of `v` with its quotes and
/// posts, and `extra_quotes` more quotes.
fn story_skipped(v: &Value, index: usize, extra_quotes: usize) -> String {
    let id = v["stories"][index]["id"].as_str().unwrap_or_default();
    let count = |list: &str| {
        v[list]
            .as_array()
            .map_or(0, |items| items.iter().filter(|i| i["story"] == id).count())
    };
    let (quotes, posts) = (count("quotes") + extra_quotes, count("posts"));
    let mut parts = vec!["1 story".to_string()];
    if quotes > 0 {
        parts.push(format!(
            "{quotes} quote{}",
            if quotes == 1 { "" } else { "s" }
        ));
    }
    if posts > 0 {
        parts.push(format!("{posts} post{}", if posts == 1 { "" } else { "s" }));
    }
    let total = 1 + quotes + posts;
    format!("{total} items skipped: {}", parts.join(", "))
}

/// The index of the first quote of story `index` of `v`.
fn first_quote(v: &Value, index: usize) -> usize {
    let id = &v["stories"][index]["id"];
    v["quotes"]
        .as_array()
        .and_then(|quotes| quotes.iter().position(|q| &q["story"] == id))
        .unwrap_or_default()
}

const REBUILD_FIX: &str = "the file was cut short while being written or copied: copy it again, or rebuild it with `storyscope ingest`";

/// Every broken dataset.
pub fn all() -> Vec<BadDataset> {
    let mut cases = Vec::new();
    let fatal = |name, text: String, lines: &[&str]| BadDataset {
        name,
        text,
        fatal: true,
        summary: None,
        lines: lines.iter().map(|l| l.to_string()).collect(),
    };
    cases.push(fatal(
        "truncated",
        "{\"schema_version\": 1,\n \"people\": [{\"id\": \"ann-lee\", \"name\": \"Ann".into(),
        &[&format!(
            "2:42: error: the file ends too early, in the middle of the data (EOF while parsing a string). Fix: {REBUILD_FIX}"
        )],
    ));
    cases.push(fatal(
        "not JSON",
        "schema_version: 1\npeople: []\n".into(),
        &["1:1: error: this is not valid JSON: expected value. Fix: correct the JSON at that place (a missing comma, quote or bracket is the usual cause), or rebuild the file with `storyscope ingest`"],
    ));
    cases.push(fatal(
        "a web page",
        "<!doctype html>\n<html><body>Not found</body></html>\n".into(),
        &["1:1: error: this is a web page, not JSON (expected value). Fix: put the dataset built by `storyscope ingest` at data/stories.json; the server sent a page in its place"],
    ));
    let mut v = base();
    v["schema_version"] = json!(2);
    cases.push(fatal(
        "another schema_version",
        v.to_string(),
        &["schema_version: error: this dataset has schema_version 2, but this version of Storyscope reads 1. Fix: rebuild the dataset from its articles with `storyscope ingest` (`./x ingest`), or open it with the Storyscope that wrote it"],
    ));
    let mut v = base();
    v["stories"] = json!({"first": {}});
    cases.push(fatal(
        "a list of the wrong type",
        v.to_string(),
        &["stories: error: \"stories\" is an object, but it must be a list of stories. Fix: make it a list: \"stories\": [ ... ]"],
    ));

    let partial = |name, v: &Value, summary: String, lines: Vec<String>| BadDataset {
        name,
        text: v.to_string(),
        fatal: false,
        summary: Some(summary),
        lines,
    };
    let id = |v: &Value, i: usize| {
        v["stories"][i]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };

    let mut v = base();
    v["stories"][2]["people"] = json!("everyone");
    cases.push(partial(
        "a value of the wrong type",
        &v,
        story_skipped(&v, 2, 0),
        vec![
            "stories[2].people: warning: invalid type: string \"everyone\", expected a sequence; this story was skipped. Fix: give the value the type docs/dataset.md lists for a story".into(),
            format!(
                "quotes[{}].story: warning: its story \"{}\" was skipped (stories[2]); this quote was skipped. Fix: fix the problem of stories[2]",
                first_quote(&v, 2),
                id(&v, 2)
            ),
        ],
    ));

    let mut v = base();
    let mut ghost_at = 0;
    if let Some(people) = v["stories"][1]["people"].as_array_mut() {
        ghost_at = people.len();
        people.push(json!("ghost"));
    }
    // A quote of story 0, now of no story.
    v["quotes"][0]["story"] = json!("no-such-story");
    let summary = story_skipped(&v, 1, 1);
    cases.push(partial(
        "dangling references",
        &v,
        summary,
        vec![
            format!("stories[1].people[{ghost_at}]: warning: no person has the id \"ghost\"; this story was skipped. Fix: add a person with this id to \"people\", or correct the reference"),
            "quotes[0].story: warning: no story has the id \"no-such-story\"; this quote was skipped. Fix: add a story with this id to \"stories\", or correct the reference".into(),
        ],
    ));

    let mut v = base();
    let first = v["quotes"][0]["id"].clone();
    v["quotes"][1]["id"] = first.clone();
    cases.push(partial(
        "duplicate ids",
        &v,
        "1 item skipped: 1 quote".into(),
        vec![format!(
            "quotes[1].id: warning: the id {first} is already used by quotes[0]; this quote was skipped. Fix: give this quote an id of its own"
        )],
    ));

    let mut v = base();
    v["stories"][1]["date"] = json!("2021-02-30");
    cases.push(partial(
        "an impossible date",
        &v,
        story_skipped(&v, 1, 0),
        vec!["stories[1].date: warning: \"2021-02-30\" is not a date: February 2021 has no day 30; this story was skipped. Fix: write a real calendar day as YYYY-MM-DD".into()],
    ));

    let mut v = base();
    v["stories"][0]["body"][0]["text"] = json!("x".repeat(10_000_000));
    cases.push(partial(
        "a 10 MB string",
        &v,
        story_skipped(&v, 0, 0),
        vec!["stories[0].body[0].text: warning: the text is 10 MB long; Storyscope reads at most 1 MB here; this story was skipped. Fix: shorten it, or split a long text into several blocks".into()],
    ));

    let mut v = base();
    let many: Vec<Value> = (0..100_000)
        .map(|i| json!({"id": format!("extra-{i}"), "name": format!("Extra Person {i}")}))
        .collect();
    v["stories"][4]["people"] = json!((0..100_000)
        .map(|i| format!("extra-{i}"))
        .collect::<Vec<_>>());
    if let Some(people) = v["people"].as_array_mut() {
        people.extend(many);
    }
    cases.push(partial(
        "100k people on one story",
        &v,
        story_skipped(&v, 4, 0),
        vec!["stories[4].people: warning: the list has 100,000 entries; Storyscope reads at most 1,000; this story was skipped. Fix: keep the entries that matter most".into()],
    ));

    let mut v = base();
    if let Some(story) = v["stories"][5].as_object_mut() {
        story.remove("title");
    }
    cases.push(partial(
        "one bad story among good ones",
        &v,
        story_skipped(&v, 5, 0),
        vec![
            "stories[5]: warning: missing field `title`; this story was skipped. Fix: add the field; docs/dataset.md lists the fields of a story".into(),
        ],
    ));
    cases
}
