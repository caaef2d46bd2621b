//! Reading a dataset file and checking it the way the app does.

use std::path::Path;

use storyscope_core::split::{
    check_chunk, chunk_file, layout_of, shard_file, FileLayout, LoadedWords, SplitIndex, WordShard,
    WORD_DIR,
};
use storyscope_core::{validate::validate, Dataset, Problem};

use crate::files::read_text;

/// A dataset file read and checked: the dataset if it parsed, and every
/// problem formatted as `file: location: severity: message`.
pub struct Checked {
    /// The dataset, when the JSON could be read.
    pub dataset: Option<Dataset>,
    /// The problems, located.
    pub problems: Vec<String>,
    /// Whether any problem is an error.
    pub has_errors: bool,
}

/// Parses `text` (named `name` in messages) and validates it.
pub fn check_text(name: &str, text: &str) -> Checked {
    match serde_json::from_str::<Dataset>(text) {
        Err(e) => Checked {
            dataset: None,
            problems: vec![format!(
                "{name}:{}:{}: error: {}",
                e.line(),
                e.column(),
                json_error_message(&e)
            )],
            has_errors: true,
        },
        Ok(dataset) => {
            let found: Vec<Problem> = validate(&dataset);
            Checked {
                has_errors: found.iter().any(Problem::is_error),
                problems: found.iter().map(|p| format!("{name}: {p}")).collect(),
                dataset: Some(dataset),
            }
        }
    }
}

/// Reads and validates the dataset file at `path`; for a split index, also
/// every chunk it names.
pub fn check_file(path: &Path) -> Checked {
    match read_text(path) {
        Ok(text) if layout_of(&text) == FileLayout::Split => check_split(path, &text),
        Ok(text) => check_text(&path.display().to_string(), &text),
        Err(message) => Checked {
            dataset: None,
            problems: vec![message],
            has_errors: true,
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
        Err(problems) => return failed(problems.iter().map(|p| format!("{name}: {p}")).collect()),
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
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        if let Err(found) = check_chunk(&outline.dataset, &outline.chunk_of, n, chunk) {
            problems.extend(found.iter().map(|p| format!("{shown}: {p}")));
        }
    }
    let items = storyscope_core::explore::Explorer::for_outline(&outline.dataset).len();
    for key in &index.words {
        let file = dir.join(WORD_DIR).join(shard_file(key));
        let shown = file.display().to_string();
        let text = match read_text(&file) {
            Ok(text) => text,
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        match serde_json::from_str::<WordShard>(&text) {
            Ok(shard) => {
                if let Err(p) = LoadedWords::default().add(shard, items) {
                    problems.push(format!("{shown}: {p}"));
                }
            }
            Err(e) => problems.push(format!(
                "{shown}:{}:{}: error: {}",
                e.line(),
                e.column(),
                json_error_message(&e)
            )),
        }
    }
    Checked {
        has_errors: !problems.is_empty(),
        problems,
        dataset: Some(outline.dataset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_carry_line_and_column() {
        let checked = check_text("d.json", "{\n  \"schema_version\": 1,\n  \"people\": [}\n");
        assert!(checked.has_errors);
        assert_eq!(checked.problems, ["d.json:3:14: error: expected value"]);
        let checked = check_text(
            "d.json",
            r#"{"schema_version":1,"people":[],"stories":[{"id":"a","date":"2021-02-30","title":"t","people":[],"body":[]}],"quotes":[],"posts":[]}"#,
        );
        assert!(
            checked.problems[0].contains("February 2021 has no day 30"),
            "{:?}",
            checked.problems
        );
    }

    #[test]
    fn validation_problems_are_prefixed_with_the_file() {
        let checked = check_text(
            "d.json",
            r#"{"schema_version":2,"people":[],"stories":[],"quotes":[],"posts":[]}"#,
        );
        assert!(checked.has_errors);
        assert!(
            checked.problems[0].starts_with("d.json: schema_version: error:"),
            "{:?}",
            checked.problems
        );
    }
}
