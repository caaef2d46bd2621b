//! Reading a dataset file and checking it the way the app does: both use
//! `storyscope_core::load::load_dataset`, so they report the same problems
//! in the same words.

use std::path::Path;

use storyscope_core::load::load_dataset;
use storyscope_core::Dataset;

use crate::files::read_text;

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
            let counts = format!(
                "{} stories, {} quotes, {} posts, {} people",
                d.stories.len(),
                d.quotes.len(),
                d.posts.len(),
                d.people.len()
            );
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

/// Reads and checks the dataset file at `path`.
pub fn check_file(path: &Path) -> Checked {
    let name = path.display().to_string();
    match read_text(path) {
        Ok(text) => check_text(&name, &text),
        Err(message) => Checked {
            dataset: None,
            problems: vec![message],
            has_errors: true,
            summary: format!("{name}: cannot be read"),
        },
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
            "d.json: 1 item skipped: 1 story; the app shows the rest: 1 stories, 0 quotes, 0 posts, 0 people"
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
