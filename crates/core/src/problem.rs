//! Problems found in input: what is wrong, where, and how bad it is.

use std::fmt;

/// How bad a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A hint, such as a name that might belong in the roster.
    Suggestion,
    /// Something was skipped or guessed; the result is still usable.
    Warning,
    /// The input cannot be used as it is.
    Error,
}

/// One problem in an input, located by line (text input) or JSON path (datasets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// Where: `12` for a line of an article, `stories[3].people[1]` for a dataset.
    pub location: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
    /// How to fix it, when there is more to say than the message does.
    pub fix: Option<String>,
}

impl Problem {
    /// An error at `location`.
    pub fn error(location: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Error, location, message)
    }

    /// A warning at `location`.
    pub fn warning(location: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Warning, location, message)
    }

    /// A suggestion at `location`.
    pub fn suggestion(location: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Suggestion, location, message)
    }

    fn new(severity: Severity, location: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            location: location.into(),
            message: message.into(),
            fix: None,
        }
    }

    /// The same problem with advice on how to fix it.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Problem {
        self.fix = Some(fix.into());
        self
    }

    /// Whether the location is a `line:column` in a text (malformed JSON)
    /// rather than a path or a line number.
    pub fn at_line_column(&self) -> bool {
        self.location.split_once(':').is_some_and(|(line, column)| {
            [line, column]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    }

    /// The problem as one line about `file`: `data.json:3:14: error: ...`
    /// for a line and column, `data.json: stories[3].date: warning: ...`
    /// for a JSON path.
    pub fn in_file(&self, file: &str) -> String {
        if self.at_line_column() {
            format!("{file}:{self}")
        } else {
            format!("{file}: {self}")
        }
    }

    /// Whether this problem makes the input unusable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The start of an input value as a message quotes it: at most `max_chars`
/// characters, with an ellipsis when cut. Input values may be megabytes
/// long; messages stay short.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Suggestion => "suggestion",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.severity, self.message)?;
        match &self.fix {
            Some(fix) => write!(f, ". Fix: {fix}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_with_place_and_fix() {
        let p = Problem::error("3:14", "expected value").with_fix("repair the JSON");
        assert!(p.at_line_column());
        assert_eq!(
            p.in_file("d.json"),
            "d.json:3:14: error: expected value. Fix: repair the JSON"
        );
        let p = Problem::warning("stories[3].date", "bad");
        assert!(!p.at_line_column());
        assert_eq!(p.in_file("d.json"), "d.json: stories[3].date: warning: bad");
        assert!(!Problem::error("12", "x").at_line_column());
    }

    #[test]
    fn excerpts_are_cut_at_characters() {
        assert_eq!(excerpt("abc", 3), "abc");
        assert_eq!(excerpt("aé😀d", 3), "aé😀…");
        assert_eq!(excerpt(&"x".repeat(10_000_000), 5), "xxxxx…");
    }
}
