//! Reading a dataset from its text, the one way the app and `storyscope
//! validate` both do, so that they report the same problems in the same
//! words.
//!
//! Problems of the whole file are fatal: text that is not JSON or is cut
//! short (located by line and column), another `schema_version`, or a top
//! level of the wrong shape. Problems of one item (a story with an
//! impossible date, a value of the wrong type, a reference to nothing, a
//! repeated id, an absurdly long text) skip that item and the items that
//! belong to it (the quotes, posts and events of a skipped story), each
//! with a warning that names its JSON path and the fix; the rest is kept.
//! References from kept items to skipped people or posts are dropped.
//!
//! The usual case costs one strict parse and one validation: the file is
//! read item by item only when the strict parse fails on a value.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::value::RawValue;

use crate::date::Day;
use crate::model::{Block, Dataset, Event, Person, Post, Precision, Quote, Story, SCHEMA_VERSION};
use crate::problem::{excerpt, Problem};
use crate::validate::{check, thousands, version_problem, ItemRef, List, Skipped};

/// A dataset read from text: the part that can be shown, and what was
/// left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedDataset {
    /// The usable items; [`validate`](crate::validate::validate) finds no
    /// error in it.
    pub dataset: Dataset,
    /// What was skipped or changed, and why.
    pub report: LoadReport,
}

/// What a load left out, and other warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Why items were skipped: at least one warning per skipped item.
    pub skipped: Vec<Problem>,
    /// Everything else worth knowing: links shown as text, references to
    /// skipped items that were dropped.
    pub warnings: Vec<Problem>,
    /// How many items of each list were skipped, in the order of
    /// [`List::ALL`].
    pub counts: [usize; 5],
}

impl LoadReport {
    /// How many items were skipped in all.
    pub fn skipped_items(&self) -> usize {
        self.counts.iter().sum()
    }

    /// "3 items skipped: 1 story, 2 quotes", or `None` when nothing was.
    pub fn summary(&self) -> Option<String> {
        let total = self.skipped_items();
        if total == 0 {
            return None;
        }
        let parts: Vec<String> = List::ALL
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(list, n)| {
                let noun = if n == 1 { list.noun() } else { list.name() };
                format!("{} {noun}", thousands(n))
            })
            .collect();
        let items = if total == 1 { "item" } else { "items" };
        Some(format!(
            "{} {items} skipped: {}",
            thousands(total),
            parts.join(", ")
        ))
    }
}

/// Reads a dataset from `text`. On success, the usable dataset and a
/// report of what was skipped; when nothing can be shown, the problems
/// that say why.
pub fn load_dataset(text: &str) -> Result<LoadedDataset, Vec<Problem>> {
    let (dataset, skipped, problems) = match serde_json::from_str::<Dataset>(text) {
        Ok(dataset) if dataset.schema_version != SCHEMA_VERSION => {
            return Err(vec![version_problem(&dataset.schema_version.to_string())]);
        }
        Ok(dataset) => (dataset, Skipped::default(), Vec::new()),
        Err(e) if e.classify() == Category::Data => read_item_by_item(text)?,
        Err(e) => return Err(vec![json_problem(text, &e)]),
    };
    sift(dataset, skipped, problems)
}

/// Reads the index of a split dataset (see [`crate::split`]) and outlines
/// it. Text that is not JSON is reported at its line and column, as for a
/// whole dataset; an index that does not hold together is refused whole.
pub fn load_split_index(
    text: &str,
) -> Result<(crate::split::SplitIndex, crate::split::Outline), Vec<Problem>> {
    let index: crate::split::SplitIndex =
        serde_json::from_str(text).map_err(|e| vec![json_problem(text, &e)])?;
    let outline = index.outline()?;
    Ok((index, outline))
}

/// Skips the items with errors, then those that belong to skipped items,
/// until every kept item is sound; then drops what was skipped.
fn sift(
    dataset: Dataset,
    mut skipped: Skipped,
    mut skip_problems: Vec<Problem>,
) -> Result<LoadedDataset, Vec<Problem>> {
    let warnings = loop {
        let mut fatal = Vec::new();
        let mut warnings = Vec::new();
        let mut unusable: Vec<(ItemRef, Problem)> = Vec::new();
        check(
            &dataset,
            &skipped,
            &mut |item, problem| match (item, problem.is_error()) {
                (None, true) => fatal.push(problem),
                (Some(item), true) => unusable.push((item, problem)),
                (_, false) => warnings.push(problem),
            },
        );
        if !fatal.is_empty() {
            return Err(fatal);
        }
        if unusable.is_empty() {
            break warnings;
        }
        for (item, problem) in unusable {
            skipped.insert(item);
            skip_problems.push(skipping(problem, item.list));
        }
    };
    let stories = dataset.stories.len();
    if stories > 0 && skipped.count(List::Stories) == stories {
        let mut problems = vec![Problem::error(
            "stories",
            if stories == 1 {
                "the dataset's one story cannot be shown".to_string()
            } else {
                format!("none of the {} stories can be shown", thousands(stories))
            },
        )
        .with_fix("fix the problems listed here, or rebuild the dataset with `storyscope ingest`")];
        problems.extend(skip_problems);
        return Err(problems);
    }
    let counts = List::ALL.map(|list| skipped.count(list));
    let dataset = if skipped.is_empty() {
        dataset
    } else {
        without(dataset, &skipped)
    };
    Ok(LoadedDataset {
        dataset,
        report: LoadReport {
            skipped: skip_problems,
            warnings,
            counts,
        },
    })
}

/// An item's error as the warning that it was skipped.
fn skipping(problem: Problem, list: List) -> Problem {
    let mut warning = Problem::warning(
        problem.location,
        format!("{}; this {} was skipped", problem.message, list.noun()),
    );
    warning.fix = problem.fix;
    warning
}

/// `dataset` without the `skipped` items, and without the references that
/// kept items make to skipped people and posts.
fn without(dataset: Dataset, skipped: &Skipped) -> Dataset {
    fn keep<T>(items: Vec<T>, list: List, skipped: &Skipped) -> Vec<T> {
        items
            .into_iter()
            .enumerate()
            .filter(|(index, _)| {
                !skipped.contains(ItemRef {
                    list,
                    index: *index,
                })
            })
            .map(|(_, item)| item)
            .collect()
    }
    let mut d = Dataset {
        schema_version: dataset.schema_version,
        people: keep(dataset.people, List::People, skipped),
        stories: keep(dataset.stories, List::Stories, skipped),
        quotes: keep(dataset.quotes, List::Quotes, skipped),
        posts: keep(dataset.posts, List::Posts, skipped),
        events: keep(dataset.events, List::Events, skipped),
    };
    if skipped.count(List::People) + skipped.count(List::Posts) == 0 {
        return d;
    }
    let people: HashMap<&str, ()> = d.people.iter().map(|p| (p.id.as_str(), ())).collect();
    let posts: HashMap<&str, ()> = d.posts.iter().map(|p| (p.id.as_str(), ())).collect();
    for story in &mut d.stories {
        story.people.retain(|p| people.contains_key(p.as_str()));
        for block in &mut story.body {
            if let Block::Post { post, text } = block {
                if !posts.contains_key(post.as_str()) {
                    *block = Block::Paragraph {
                        text: std::mem::take(text),
                    };
                }
            }
        }
    }
    for quote in &mut d.quotes {
        if quote
            .speaker
            .as_deref()
            .is_some_and(|s| !people.contains_key(s))
        {
            quote.speaker = None;
        }
    }
    for post in &mut d.posts {
        post.people.retain(|p| people.contains_key(p.as_str()));
    }
    d
}

/// The problem of text that is not JSON, located by line and column.
fn json_problem(text: &str, e: &serde_json::Error) -> Problem {
    let location = format!("{}:{}", e.line(), e.column());
    // serde_json ends its messages with " at line L column C".
    let full = e.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    let start = text.trim_start();
    if start.is_empty() {
        Problem::error(location, "the file is empty")
            .with_fix("rebuild the dataset with `storyscope ingest`, or copy it again")
    } else if start.starts_with('<') {
        Problem::error(location, format!("this is a web page, not JSON ({message})")).with_fix(
            "put the dataset built by `storyscope ingest` at data/stories.json; the server sent a page in its place",
        )
    } else if e.classify() == Category::Eof {
        Problem::error(
            location,
            format!("the file ends too early, in the middle of the data ({message})"),
        )
        .with_fix("the file was cut short while being written or copied: copy it again, or rebuild it with `storyscope ingest`")
    } else {
        Problem::error(location, format!("this is not valid JSON: {message}")).with_fix(
            "correct the JSON at that place (a missing comma, quote or bracket is the usual cause), or rebuild the file with `storyscope ingest`",
        )
    }
}

/// What a piece of JSON is, for messages: `a string ("x")`, `a list`.
fn kind(raw: &RawValue) -> String {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'{') => "an object".into(),
        Some(b'[') => "a list".into(),
        Some(b'"') => format!("a string ({})", excerpt(text, 60)),
        Some(b't' | b'f') => format!("a boolean ({text})"),
        Some(b'n') => "null".into(),
        _ => format!("a number ({})", excerpt(text, 30)),
    }
}

/// Reads the top level strictly and each item on its own, for text whose
/// strict parse failed on a value: items that do not read are skipped (and
/// stand in the lists as empty items, so that indexes stay as in the file).
/// The items are read from slices of the text, which costs about one more
/// strict parse.
fn read_item_by_item(text: &str) -> Result<(Dataset, Skipped, Vec<Problem>), Vec<Problem>> {
    // Also finds syntax errors past the value the strict parse stopped at.
    let root: &RawValue = serde_json::from_str(text).map_err(|e| vec![json_problem(text, &e)])?;
    let shape_problem = || {
        Problem::error(
            "dataset",
            format!(
                "the dataset is {}, but it must be an object with \"schema_version\", \"people\", \"stories\", \"quotes\" and \"posts\"",
                kind(root)
            ),
        )
        .with_fix("see docs/dataset.md for the format, or rebuild the dataset with `storyscope ingest`")
    };
    let mut fields: HashMap<String, &RawValue> = match serde_json::from_str(root.get()) {
        Ok(fields) => fields,
        Err(_) => return Err(vec![shape_problem()]),
    };
    let version = fields.get("schema_version").copied();
    match version.map(|raw| serde_json::from_str::<u64>(raw.get())) {
        Some(Ok(v)) if v == u64::from(SCHEMA_VERSION) => {}
        Some(Ok(v)) => return Err(vec![version_problem(&v.to_string())]),
        None => {
            return Err(vec![Problem::error(
                "schema_version",
                "the dataset has no schema_version",
            )
            .with_fix(format!(
                "add \"schema_version\": {SCHEMA_VERSION} if the file follows docs/dataset.md, or rebuild it with `storyscope ingest`"
            ))])
        }
        Some(Err(_)) => {
            let found = version.map(kind).unwrap_or_default();
            return Err(vec![Problem::error(
                "schema_version",
                format!("schema_version is {found}, but it must be a whole number"),
            )
            .with_fix(format!(
                "write \"schema_version\": {SCHEMA_VERSION}, without quotes"
            ))]);
        }
    }
    let mut lists: [Vec<&RawValue>; 5] = Default::default();
    let mut fatal = Vec::new();
    for (slot, list) in List::ALL.into_iter().enumerate() {
        let name = list.name();
        match fields.remove(name) {
            Some(raw) if raw.get().starts_with('[') => {
                match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
                    Ok(items) => lists[slot] = items,
                    Err(e) => fatal.push(Problem::error(name, e.to_string())),
                }
            }
            None if list == List::Events => {}
            None => fatal.push(
                Problem::error(name, format!("the dataset has no \"{name}\" list"))
                    .with_fix(format!("add \"{name}\": [] if it has no {name}")),
            ),
            Some(other) => fatal.push(
                Problem::error(
                    name,
                    format!(
                        "\"{name}\" is {}, but it must be a list of {name}",
                        kind(other)
                    ),
                )
                .with_fix(format!("make it a list: \"{name}\": [ ... ]")),
            ),
        }
    }
    if !fatal.is_empty() {
        return Err(fatal);
    }
    let [people, stories, quotes, posts, events] = lists;
    let mut skipped = Skipped::default();
    let mut problems = Vec::new();
    let mut read = Reader {
        skipped: &mut skipped,
        problems: &mut problems,
    };
    let dataset = Dataset {
        schema_version: SCHEMA_VERSION,
        people: read.items(List::People, &people, |id| Person {
            id,
            name: String::new(),
            aliases: Vec::new(),
            descriptors: Vec::new(),
            handles: Vec::new(),
        }),
        stories: read.items(List::Stories, &stories, |id| Story {
            id,
            date: Day::MIN,
            precision: crate::model::Precision::Day,
            title: String::new(),
            people: Vec::new(),
            sources: Vec::new(),
            origin: None,
            body: Vec::new(),
        }),
        quotes: read.items(List::Quotes, &quotes, |id| Quote {
            id,
            story: String::new(),
            speaker: None,
            text: String::new(),
            date: None,
            date_source: crate::model::DateSource::Text,
            via: None,
            span: None,
            continued: Vec::new(),
            attribution: None,
        }),
        posts: read.items(List::Posts, &posts, |id| Post {
            id,
            story: String::new(),
            platform: String::new(),
            author: None,
            handle: None,
            date: None,
            text: String::new(),
            url: None,
            people: Vec::new(),
            block: None,
        }),
        events: read.items(List::Events, &events, |id| Event {
            id,
            story: String::new(),
            date: Day::MIN,
            precision: Precision::Day,
            text: String::new(),
            block: None,
        }),
    };
    Ok((dataset, skipped, problems))
}

/// Reads items one by one, noting those that do not read.
struct Reader<'a> {
    skipped: &'a mut Skipped,
    problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    /// The items of `list`; one that does not read becomes `stand_in(id)`
    /// (with its id when it has one) and is skipped.
    fn items<T: DeserializeOwned>(
        &mut self,
        list: List,
        raws: &[&RawValue],
        stand_in: impl Fn(String) -> T,
    ) -> Vec<T> {
        raws.iter()
            .enumerate()
            .map(|(index, raw)| match serde_json::from_str::<T>(raw.get()) {
                Ok(item) => item,
                Err(e) => {
                    self.skipped.insert(ItemRef { list, index });
                    self.problems.push(type_problem(list, index, raw.get(), &e));
                    stand_in(id_of(raw))
                }
            })
            .collect()
    }
}

/// The `id` of an item that did not read, when it has a string one.
fn id_of(raw: &RawValue) -> String {
    #[derive(serde::Deserialize)]
    struct Id {
        id: Option<String>,
    }
    serde_json::from_str::<Id>(raw.get())
        .ok()
        .and_then(|found| found.id)
        .unwrap_or_default()
}

/// The warning for an item (of JSON `text`) that does not read as its
/// type, at the path of the value where reading stopped.
fn type_problem(list: List, index: usize, text: &str, e: &serde_json::Error) -> Problem {
    let inner = path_at(text, offset_of(text, e.line(), e.column()));
    let location = match inner.as_bytes().first() {
        None => format!("{}[{index}]", list.name()),
        Some(b'[') => format!("{}[{index}]{inner}", list.name()),
        Some(_) => format!("{}[{index}].{inner}", list.name()),
    };
    // A message may quote the value, which may be megabytes long; its line
    // and column are within the item, so they are left out.
    let full = e.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    let message = excerpt(message, 300);
    let noun = list.noun();
    let fix = if message.contains("is not a date") {
        "write a real calendar day as YYYY-MM-DD".to_string()
    } else if message.starts_with("missing field") {
        format!("add the field; docs/dataset.md lists the fields of a {noun}")
    } else if message.starts_with("unknown variant") {
        "use one of the values the message lists".to_string()
    } else {
        format!("give the value the type docs/dataset.md lists for a {noun}")
    };
    Problem::warning(location, format!("{message}; this {noun} was skipped")).with_fix(fix)
}

/// The byte offset in `text` of serde_json's `line` (from 1) and `column`
/// (bytes before the offset on its line).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// One step of a JSON path.
enum Step {
    Key(String),
    Index(usize),
}

/// The path, inside the JSON `text`, of the innermost value that holds or
/// ends at byte `at`: `date`, `body[2].text`, or empty for the whole value.
/// serde_json stops right after a value of the wrong type (or at the start
/// of a list or object of the wrong type, or after the object that misses a
/// field), so this names the value it complained about. `text` is valid
/// JSON.
fn path_at(text: &str, at: usize) -> String {
    let bytes = text.as_bytes();
    let mut path: Vec<Step> = Vec::new();
    // Open lists and objects: where each starts, and for an object whether
    // it waits for a key.
    let mut open: Vec<(usize, Option<bool>)> = Vec::new();
    let mut best: Option<(usize, String)> = None;
    let mut done = |start: usize, end: usize, path: &[Step]| {
        if start <= at && at <= end && best.as_ref().is_none_or(|(s, _)| start > *s) {
            let mut out = String::new();
            for step in path {
                match step {
                    Step::Key(key) => {
                        if !out.is_empty() {
                            out.push('.');
                        }
                        out.push_str(key);
                    }
                    Step::Index(i) => out.push_str(&format!("[{i}]")),
                }
            }
            best = Some((start, out));
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {
                i += 1;
                continue;
            }
            b',' => {
                i += 1;
                match open.last_mut() {
                    Some((_, Some(wants_key))) => *wants_key = true,
                    _ => {
                        if let Some(Step::Index(n)) = path.last_mut() {
                            *n += 1;
                        }
                    }
                }
                continue;
            }
            b'{' => {
                open.push((start, Some(true)));
                i += 1;
                continue;
            }
            b'[' => {
                open.push((start, None));
                path.push(Step::Index(0));
                i += 1;
                continue;
            }
            b'}' | b']' => {
                i += 1;
                if bytes[start] == b']' {
                    path.pop();
                }
                let Some((opened, _)) = open.pop() else {
                    break;
                };
                done(opened, i, &path);
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                if let Some((_, Some(wants_key))) = open.last_mut() {
                    if *wants_key {
                        *wants_key = false;
                        let key =
                            serde_json::from_str::<String>(&text[start..i]).unwrap_or_default();
                        path.push(Step::Key(key));
                        continue;
                    }
                }
                done(start, i, &path);
            }
            _ => {
                while i < bytes.len() && !b",}] \t\n\r".contains(&bytes[i]) {
                    i += 1;
                }
                done(start, i, &path);
            }
        }
        // A value ended: in an object, its key is done with.
        if let Some((_, Some(_))) = open.last() {
            if let Some(Step::Key(_)) = path.last() {
                path.pop();
            }
        }
    }
    best.map(|(_, path)| path).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;
    use serde_json::{json, Value};

    /// Three sound stories by Ann and Bo, with a quote, a post and an event.
    fn sample() -> Value {
        let story = |id: &str, date: &str, people: Value| {
            json!({"id": id, "date": date, "title": format!("Story {id}"), "people": people, "sources": ["TMZ"],
                   "body": [{"kind": "paragraph", "text": "\"Hi there,\" Lee said."}]})
        };
        json!({
            "schema_version": 1,
            "people": [
                {"id": "ann-lee", "name": "Ann Lee", "aliases": ["Lee"], "descriptors": ["singer"]},
                {"id": "bo-ray", "name": "Bo Ray", "aliases": [], "descriptors": []}
            ],
            "stories": [
                story("s1", "2024-01-01", json!(["ann-lee"])),
                story("s2", "2024-01-02", json!(["ann-lee", "bo-ray"])),
                {"id": "s3", "date": "2024-01-03", "title": "Story s3", "people": ["bo-ray"], "body": [
                    {"kind": "paragraph", "text": "Bo posted."},
                    {"kind": "post", "post": "s3-p1", "text": "Hello — Bo (@bo) January 3, 2024"}]}
            ],
            "quotes": [
                {"id": "s1-q1", "story": "s1", "speaker": "ann-lee", "text": "Hi there",
                 "span": {"block": 0, "start": 1, "end": 9}},
                {"id": "s2-q1", "story": "s2", "speaker": "bo-ray", "text": "Hi there"}
            ],
            "posts": [
                {"id": "s3-p1", "story": "s3", "platform": "twitter", "author": "Bo", "handle": "bo",
                 "date": "2024-01-03", "text": "Hello", "url": "https://x.com/bo/1", "people": ["bo-ray"], "block": 1}
            ],
            "events": [
                {"id": "s2-e1", "story": "s2", "date": "2024-01-01", "precision": "day", "text": "It happened."}
            ]
        })
    }

    fn load(value: &Value) -> Result<LoadedDataset, Vec<Problem>> {
        load_dataset(&value.to_string())
    }

    fn lines(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    /// Loads `value`, expecting success; gives the lines of the skipped
    /// items and of the warnings, and checks the result is sound.
    fn partial(value: &Value) -> (LoadedDataset, Vec<String>, Vec<String>) {
        let loaded = load(value).unwrap_or_else(|p| panic!("{:#?}", lines(&p)));
        let errors: Vec<String> = validate(&loaded.dataset)
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "the kept part is sound: {errors:#?}");
        let skipped = lines(&loaded.report.skipped);
        let warnings = lines(&loaded.report.warnings);
        (loaded, skipped, warnings)
    }

    fn fatal(text: &str) -> Vec<String> {
        match load_dataset(text) {
            Err(problems) => lines(&problems),
            Ok(loaded) => panic!("loaded: {:?}", loaded.report),
        }
    }

    #[test]
    fn a_sound_dataset_loads_whole() {
        let (loaded, skipped, warnings) = partial(&sample());
        assert!(skipped.is_empty() && warnings.is_empty());
        assert_eq!(loaded.report.summary(), None);
        assert_eq!(loaded.dataset.stories.len(), 3);
        assert_eq!(
            loaded.dataset,
            serde_json::from_value::<Dataset>(sample()).unwrap()
        );
    }

    #[test]
    fn text_that_is_not_a_dataset_is_fatal_with_line_and_column() {
        let text = sample().to_string();
        let cut = &text[..text.len() / 2];
        let got = fatal(cut);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].starts_with("1:") && got[0].contains("error: the file ends too early"),
            "{got:?}"
        );
        assert!(got[0].contains("Fix: the file was cut short"), "{got:?}");
        assert_eq!(
            fatal("{\n  \"schema_version\": 1,\n  \"people\": [}\n"),
            ["3:14: error: this is not valid JSON: expected value. Fix: correct the JSON at that place (a missing comma, quote or bracket is the usual cause), or rebuild the file with `storyscope ingest`"]
        );
        assert!(fatal("<!doctype html><html></html>")[0]
            .starts_with("1:1: error: this is a web page, not JSON"));
        assert!(fatal("  \n")[0].contains("error: the file is empty"));
        assert!(fatal("hello")[0].starts_with("1:1: error: this is not valid JSON"));
    }

    #[test]
    fn another_schema_version_is_fatal_and_says_what_to_do() {
        let mut v = sample();
        v["schema_version"] = json!(2);
        let want = "schema_version: error: this dataset has schema_version 2, but this version of Storyscope reads 1. Fix: rebuild the dataset from its articles with `storyscope ingest` (`./x ingest`), or open it with the Storyscope that wrote it";
        assert_eq!(fatal(&v.to_string()), [want]);
        // Also when its items do not read as this version's.
        v["stories"][0]["date"] = json!(20240101);
        assert_eq!(fatal(&v.to_string()), [want]);
        v["schema_version"] = json!("1");
        assert_eq!(
            fatal(&v.to_string()),
            ["schema_version: error: schema_version is a string (\"1\"), but it must be a whole number. Fix: write \"schema_version\": 1, without quotes"]
        );
        v.as_object_mut().unwrap().remove("schema_version");
        assert!(fatal(&v.to_string())[0]
            .starts_with("schema_version: error: the dataset has no schema_version"));
    }

    #[test]
    fn a_top_level_of_the_wrong_shape_is_fatal() {
        assert_eq!(
            fatal("[1, 2]"),
            ["dataset: error: the dataset is a list, but it must be an object with \"schema_version\", \"people\", \"stories\", \"quotes\" and \"posts\". Fix: see docs/dataset.md for the format, or rebuild the dataset with `storyscope ingest`"]
        );
        let mut v = sample();
        v["stories"] = json!({"s1": {}});
        v.as_object_mut().unwrap().remove("quotes");
        assert_eq!(
            fatal(&v.to_string()),
            [
                "stories: error: \"stories\" is an object, but it must be a list of stories. Fix: make it a list: \"stories\": [ ... ]",
                "quotes: error: the dataset has no \"quotes\" list. Fix: add \"quotes\": [] if it has no quotes",
            ]
        );
    }

    #[test]
    fn a_story_of_the_wrong_type_is_skipped_with_what_belongs_to_it() {
        let mut v = sample();
        v["stories"][1]["title"] = json!(5);
        let (loaded, skipped, warnings) = partial(&v);
        assert_eq!(
            skipped,
            [
                "stories[1].title: warning: invalid type: integer `5`, expected a string; this story was skipped. Fix: give the value the type docs/dataset.md lists for a story",
                "quotes[1].story: warning: its story \"s2\" was skipped (stories[1]); this quote was skipped. Fix: fix the problem of stories[1]",
                "events[0].story: warning: its story \"s2\" was skipped (stories[1]); this event was skipped. Fix: fix the problem of stories[1]",
            ]
        );
        assert!(warnings.is_empty());
        assert_eq!(
            loaded.report.summary().as_deref(),
            Some("3 items skipped: 1 story, 1 quote, 1 event")
        );
        let ids: Vec<&str> = loaded
            .dataset
            .stories
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["s1", "s3"]);
        assert_eq!(loaded.dataset.quotes.len(), 1);
        assert!(loaded.dataset.events.is_empty());
    }

    #[test]
    fn impossible_dates_and_bad_kinds_name_the_inner_path() {
        let mut v = sample();
        v["stories"][0]["date"] = json!("2021-02-30");
        v["stories"][2]["body"][0]["kind"] = json!("image");
        let (loaded, skipped, _) = partial(&v);
        assert_eq!(
            skipped[0],
            "stories[0].date: warning: \"2021-02-30\" is not a date: February 2021 has no day 30; this story was skipped. Fix: write a real calendar day as YYYY-MM-DD"
        );
        assert!(
            skipped[1].starts_with("stories[2].body[0].kind: warning: unknown variant `image`, expected one of `heading`, `paragraph`, `post`; this story was skipped. Fix: use one of the values the message lists"),
            "{skipped:#?}"
        );
        assert_eq!(loaded.dataset.stories.len(), 1);
        assert_eq!(loaded.report.counts, [0, 2, 1, 1, 0]);
    }

    #[test]
    fn dangling_references_and_repeated_ids_skip_their_item() {
        let mut v = sample();
        v["stories"][0]["people"] = json!(["ann-lee", "ghost"]);
        v["quotes"][1]["story"] = json!("nope");
        v["stories"][2]["id"] = json!("s2");
        let (loaded, skipped, _) = partial(&v);
        assert_eq!(
            skipped,
            [
                "stories[2].id: warning: the id \"s2\" is already used by stories[1]; this story was skipped. Fix: give this story an id of its own",
                "stories[0].people[1]: warning: no person has the id \"ghost\"; this story was skipped. Fix: add a person with this id to \"people\", or correct the reference",
                // Its post now belongs to no story: it said "s3".
                "stories[2].body[1].post: warning: post \"s3-p1\" belongs to story \"s3\", not this one; this story was skipped. Fix: embed it in story \"s3\", or correct the post's \"story\"",
                "quotes[1].story: warning: no story has the id \"nope\"; this quote was skipped. Fix: add a story with this id to \"stories\", or correct the reference",
                "posts[0].story: warning: no story has the id \"s3\"; this post was skipped. Fix: add a story with this id to \"stories\", or correct the reference",
                "quotes[0].story: warning: its story \"s1\" was skipped (stories[0]); this quote was skipped. Fix: fix the problem of stories[0]",
            ]
        );
        let ids: Vec<&str> = loaded
            .dataset
            .stories
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["s2"]);
    }

    #[test]
    fn a_skipped_person_or_post_is_dropped_from_what_mentions_it() {
        let mut v = sample();
        v["people"][1]["aliases"] = json!("Bo");
        v["posts"][0]["date"] = json!("soon");
        let (loaded, skipped, warnings) = partial(&v);
        assert_eq!(
            skipped,
            [
                "people[1].aliases: warning: invalid type: string \"Bo\", expected a sequence; this person was skipped. Fix: give the value the type docs/dataset.md lists for a person",
                "posts[0].date: warning: \"soon\" is not a date: expected the form YYYY-MM-DD; this post was skipped. Fix: write a real calendar day as YYYY-MM-DD",
            ]
        );
        assert_eq!(
            warnings,
            [
                "stories[1].people[1]: warning: the person \"bo-ray\" was skipped (people[1]); the reference is dropped. Fix: fix the problem of people[1]",
                "stories[2].people[0]: warning: the person \"bo-ray\" was skipped (people[1]); the reference is dropped. Fix: fix the problem of people[1]",
                "stories[2].body[1].post: warning: the post \"s3-p1\" was skipped (posts[0]); the reference is dropped. Fix: fix the problem of posts[0]",
                "quotes[1].speaker: warning: the person \"bo-ray\" was skipped (people[1]); the reference is dropped. Fix: fix the problem of people[1]",
            ]
        );
        let d = &loaded.dataset;
        assert_eq!(d.stories.len(), 3);
        assert_eq!(d.stories[1].people, ["ann-lee"]);
        assert_eq!(d.quotes[1].speaker, None);
        assert!(matches!(d.stories[2].body[1], Block::Paragraph { .. }));
    }

    #[test]
    fn absurd_sizes_skip_their_item() {
        let mut v = sample();
        v["stories"][0]["body"][0]["text"] = json!("x".repeat(10_000_000));
        let people = v["people"].as_array_mut().unwrap();
        people
            .extend((0..100_000).map(|i| json!({"id": format!("p{i}"), "name": format!("P {i}")})));
        v["stories"][1]["people"] =
            json!((0..100_000).map(|i| format!("p{i}")).collect::<Vec<_>>());
        v["stories"][2]["people"] = json!(["p1"]);
        v["quotes"] = json!([]);
        v["posts"][0]["people"] = json!([]);
        let (loaded, skipped, _) = partial(&v);
        assert_eq!(
            skipped,
            [
                "stories[0].body[0].text: warning: the text is 10 MB long; Storyscope reads at most 1 MB here; this story was skipped. Fix: shorten it, or split a long text into several blocks",
                "stories[1].people: warning: the list has 100,000 entries; Storyscope reads at most 1,000; this story was skipped. Fix: keep the entries that matter most",
                "events[0].story: warning: its story \"s2\" was skipped (stories[1]); this event was skipped. Fix: fix the problem of stories[1]",
            ]
        );
        assert_eq!(loaded.dataset.stories.len(), 1);
    }

    #[test]
    fn the_path_names_the_value_serde_stopped_at() {
        let text = "{\n  \"id\": \"s\",\n  \"people\": [\"a\", 5],\n  \"body\": [{\"kind\": \"heading\", \"text\": {}}],\n  \"x\": \"a\\\"],}\"\n}";
        let at = |needle: &str, after: bool| {
            let i = text.find(needle).unwrap();
            path_at(text, if after { i + needle.len() } else { i })
        };
        assert_eq!(at("5", true), "people[1]");
        assert_eq!(at("{}", false), "body[0].text");
        assert_eq!(at("\"heading\"", true), "body[0].kind");
        assert_eq!(at("\"a\\\"],}\"", true), "x");
        assert_eq!(path_at(text, text.len()), "");
        assert_eq!(offset_of(text, 3, 18), text.find("5").unwrap());
        // Pretty-printed items keep their paths; an error inside a block
        // names its field.
        let mut v = sample();
        v["stories"][1]["body"][0]["text"] = json!(false);
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let loaded = load_dataset(&pretty).unwrap();
        assert!(loaded.report.skipped[0].to_string().starts_with(
            "stories[1].body[0].text: warning: invalid type: boolean `false`, expected a string"
        ));
    }

    #[test]
    fn nothing_left_to_show_is_fatal() {
        let mut v = sample();
        for i in 0..3 {
            v["stories"][i]["date"] = json!("2021-13-01");
        }
        let got = fatal(&v.to_string());
        assert_eq!(
            got[0],
            "stories: error: none of the 3 stories can be shown. Fix: fix the problems listed here, or rebuild the dataset with `storyscope ingest`"
        );
        assert!(got[1].starts_with("stories[0].date: warning: \"2021-13-01\" is not a date: the month must be 01 to 12; this story was skipped"));
        // An empty dataset is fine.
        let (loaded, _, _) = partial(
            &json!({"schema_version": 1, "people": [], "stories": [], "quotes": [], "posts": []}),
        );
        assert!(loaded.dataset.stories.is_empty());
    }

    mod mutations {
        use super::*;
        use proptest::prelude::*;

        /// JSON pointers to every value of `v`.
        fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
            match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        pointers(item, format!("{at}/{i}"), out);
                    }
                }
                Value::Object(map) => {
                    for (k, item) in map {
                        pointers(item, format!("{at}/{k}"), out);
                    }
                }
                _ => {}
            }
            out.push(at);
        }

        fn replacement() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Null),
                Just(json!(-1)),
                Just(json!(3)),
                Just(json!(4_000_000_000u64)),
                Just(json!("")),
                Just(json!("ann-lee")),
                Just(json!("s2")),
                Just(json!("s3-p1")),
                Just(json!("2021-02-30")),
                Just(json!("Ann Lee")),
                Just(json!([])),
                Just(json!({})),
                Just(json!(["ghost"])),
            ]
        }

        proptest! {
            /// Whatever values are changed, loading never panics, and what
            /// it keeps is sound.
            #[test]
            fn loading_keeps_only_sound_items(
                edits in proptest::collection::vec((any::<prop::sample::Index>(), replacement(), any::<bool>()), 1..5)
            ) {
                let mut v = sample();
                for (at, value, remove) in edits {
                    let mut all = Vec::new();
                    pointers(&v, String::new(), &mut all);
                    let pointer = all[at.index(all.len())].clone();
                    if remove && !pointer.is_empty() {
                        let (parent, key) = pointer.rsplit_once('/').unwrap();
                        match v.pointer_mut(parent) {
                            Some(Value::Object(map)) => { map.remove(key); }
                            Some(Value::Array(items)) => { items.remove(key.parse::<usize>().unwrap()); }
                            _ => {}
                        }
                    } else if let Some(slot) = v.pointer_mut(&pointer) {
                        *slot = value;
                    }
                }
                if let Ok(loaded) = load(&v) {
                    let errors: Vec<String> = validate(&loaded.dataset)
                        .iter()
                        .filter(|p| p.is_error())
                        .map(ToString::to_string)
                        .collect();
                    prop_assert!(errors.is_empty(), "{:#?}", errors);
                }
            }
        }
    }
}
