//! Reading a dataset file and checking it the way the app does: both use
//! `storyscope_core::load::load_dataset`, so they report the same problems
//! in the same words.

use std::path::Path;

use storyscope_core::load::load_dataset;
use storyscope_core::split::{
    check_chunk, chunk_file, layout_of, shard_file, FileLayout, LoadedWords, SplitIndex, WordShard,
    WORD_DIR,
};
use storyscope_core::validate::thousands;
use storyscope_core::Dataset;

use crate::files::{read_bytes, read_text};

/// A dataset file read and checked.
pub struct Checked {
    /// The part of the dataset the app would show, when it can show any.
    pub dataset: Option<Dataset>,
    /// Every problem, one per line: `file:line:column: error: ...` for text
    /// that is not JSON, `file: stories[3].date: warning: ...` otherwise.
    pub problems: Vec<String>,
    /// Whether the app would refuse the file or skip some of its items.
    pub has_errors: bool,
    /// One line that sums it up, for standard output.
    pub summary: String,
}

/// Reads `text` (named `name` in messages) and checks it.
pub fn check_text(name: &str, text: &str) -> Checked {
    match load_dataset(text) {
        Err(problems) => Checked {
            dataset: None,
            problems: problems.iter().map(|p| p.in_file(name)).collect(),
            has_errors: true,
            summary: format!("{name}: cannot be shown: fix the problems above"),
        },
        Ok(loaded) => {
            let report = &loaded.report;
            let d = &loaded.dataset;
            let counts = [
                (d.stories.len(), "story", "stories"),
                (d.quotes.len(), "quote", "quotes"),
                (d.posts.len(), "post", "posts"),
                (d.people.len(), "person", "people"),
            ]
            .map(|(n, one, many)| format!("{} {}", thousands(n), if n == 1 { one } else { many }))
            .join(", ");
            let summary = match report.summary() {
                None => format!("{name}: valid: {counts}"),
                Some(skipped) => format!("{name}: {skipped}; the app shows the rest: {counts}"),
            };
            Checked {
                problems: report
                    .skipped
                    .iter()
                    .chain(&report.warnings)
                    .map(|p| p.in_file(name))
                    .collect(),
                has_errors: report.skipped_items() > 0,
                summary,
                dataset: Some(loaded.dataset),
            }
        }
    }
}

/// Reads and checks the dataset file at `path`; for the index of a split
/// dataset, also every chunk and word shard it names.
pub fn check_file(path: &Path) -> Checked {
    let name = path.display().to_string();
    match read_text(path) {
        Ok(text) if layout_of(&text) == FileLayout::Split => check_split(path, &text),
        Ok(text) => check_text(&name, &text),
        Err(e) => Checked {
            dataset: None,
            problems: vec![e.to_string()],
            has_errors: true,
            summary: format!("{name}: cannot be read"),
        },
    }
}

fn json_error_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is already given.
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Checks a split index at `path` and each of its chunks, as the app would
/// when it fetches them. The outline of the whole dataset is returned.
fn check_split(path: &Path, text: &str) -> Checked {
    let name = path.display().to_string();
    let failed = |problems: Vec<String>| Checked {
        dataset: None,
        problems,
        has_errors: true,
        summary: format!("{name}: cannot be shown: fix the problems above"),
    };
    let index: SplitIndex = match serde_json::from_str(text) {
        Ok(index) => index,
        Err(e) => {
            return failed(vec![format!(
                "{name}:{}:{}: error: {}",
                e.line(),
                e.column(),
                json_error_message(&e)
            )])
        }
    };
    let outline = match index.outline() {
        Ok(outline) => outline,
        Err(problems) => return failed(problems.iter().map(|p| p.in_file(&name)).collect()),
    };
    let dir = path
        .parent()
        .unwrap_or(Path::new(""))
        .join(&index.chunk_dir);
    let mut problems = Vec::new();
    for n in 0..index.chunks {
        let file = dir.join(chunk_file(n));
        let shown = file.display().to_string();
        let chunk = match read_text(&file) {
            Ok(text) => match serde_json::from_str::<Dataset>(&text) {
                Ok(chunk) => chunk,
                Err(e) => {
                    problems.push(format!(
                        "{shown}:{}:{}: error: {}",
                        e.line(),
                        e.column(),
                        json_error_message(&e)
                    ));
                    continue;
                }
            },
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if let Err(found) = check_chunk(&outline.dataset, &outline.chunk_of, n, chunk) {
            problems.extend(found.iter().map(|p| p.in_file(&shown)));
        }
    }
    let items = storyscope_core::explore::Explorer::for_outline(&outline.dataset).len();
    for key in &index.words {
        let file = dir.join(WORD_DIR).join(shard_file(key));
        let shown = file.display().to_string();
        let bytes = match read_bytes(&file) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        match WordShard::decode(&bytes) {
            Ok(shard) => {
                if let Err(p) = LoadedWords::default().add(shard, items) {
                    problems.push(p.in_file(&shown));
                }
            }
            Err(p) => problems.push(p.in_file(&shown)),
        }
    }
    let d = &outline.dataset;
    let summary = if problems.is_empty() {
        format!(
            "{name}: valid: {} stories, {} quotes, {} posts, {} people, in {} chunks",
            d.stories.len(),
            d.quotes.len(),
            d.posts.len(),
            d.people.len(),
            index.chunks
        )
    } else {
        format!("{name}: the app cannot show every part: fix the problems above")
    };
    Checked {
        has_errors: !problems.is_empty(),
        problems,
        summary,
        dataset: Some(outline.dataset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_carry_line_and_column() {
        let checked = check_text("d.json", "{\n  \"schema_version\": 1,\n  \"people\": [}\n");
        assert!(checked.has_errors && checked.dataset.is_none());
        assert!(
            checked.problems[0]
                .starts_with("d.json:3:14: error: this is not valid JSON: expected value. Fix: "),
            "{:?}",
            checked.problems
        );
    }

    #[test]
    fn skipped_items_are_errors_for_the_command() {
        let checked = check_text(
            "d.json",
            r#"{"schema_version":1,"people":[],"stories":[
                {"id":"a","date":"2021-02-30","title":"t","people":[],"body":[]},
                {"id":"b","date":"2021-02-28","title":"t","people":[],"body":[]}],"quotes":[],"posts":[]}"#,
        );
        assert!(checked.has_errors);
        assert_eq!(
            checked.problems,
            ["d.json: stories[0].date: warning: \"2021-02-30\" is not a date: February 2021 has no day 30; this story was skipped. Fix: write a real calendar day as YYYY-MM-DD"]
        );
        assert_eq!(
            checked.summary,
            "d.json: 1 item skipped: 1 story; the app shows the rest: 1 story, 0 quotes, 0 posts, 0 people"
        );
    }

    #[test]
    fn another_version_is_named_with_the_file() {
        let checked = check_text(
            "d.json",
            r#"{"schema_version":2,"people":[],"stories":[],"quotes":[],"posts":[]}"#,
        );
        assert!(checked.has_errors);
        assert!(
            checked.problems[0].starts_with("d.json: schema_version: error: this dataset has schema_version 2, but this version of Storyscope reads 1"),
            "{:?}",
            checked.problems
        );
    }
}
