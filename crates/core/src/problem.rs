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
        }
    }

    /// Whether this problem makes the input unusable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
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
        write!(f, "{}: {}: {}", self.location, self.severity, self.message)
    }
}
