//! The `storyscope ingest` command: articles and roster in, dataset file out.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use storyscope_core::ingest::lexicon::Lexicon;
use storyscope_core::ingest::{ingest, ArticleInput, Ingested};
use storyscope_core::{validate::validate, Roster, Severity};

use crate::files::{article_files, read_text, write_atomically, write_split};

/// What to ingest and where to put it.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// The roster, `people.toml`.
    pub people: PathBuf,
    /// The dataset file to write.
    pub out: PathBuf,
    /// Article files or folders of them.
    pub inputs: Vec<PathBuf>,
    /// Compare with the existing output instead of writing it.
    pub check: bool,
    /// Write the split layout with this many stories per chunk, instead of
    /// one file.
    pub split: Option<usize>,
}

/// The outcome of a run: lines for the user and whether it succeeded.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The report (stdout).
    pub report: String,
    /// Problems, one per line, `file:line: severity: message` (stderr).
    pub problems: Vec<String>,
    /// Whether the command failed.
    pub failed: bool,
}

/// Reads the roster at `path`; problems are located `file:line`.
pub fn read_roster(path: &Path) -> Result<(Roster, Lexicon, Vec<String>), Vec<String>> {
    let text = read_text(path).map_err(|e| vec![e])?;
    let roster: Roster = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        vec![format!(
            "{}:{line}: error: {}",
            path.display(),
            e.message().trim()
        )]
    })?;
    let (lexicon, found) = Lexicon::new(&roster);
    let mut problems = Vec::new();
    let mut fatal = false;
    for p in found {
        fatal |= p.is_error();
        let line = roster_line(&text, &p.location);
        problems.push(format!(
            "{}:{line}: {}: {} ({})",
            path.display(),
            p.severity,
            p.message,
            p.location
        ));
    }
    if fatal {
        return Err(problems);
    }
    Ok((roster, lexicon, problems))
}

/// The line of `person[i].field` in the roster's text.
fn roster_line(text: &str, location: &str) -> usize {
    let index: Option<usize> = location
        .strip_prefix("person[")
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok());
    let field = location.rsplit('.').next().unwrap_or("");
    let Some(index) = index else { return 1 };
    let mut seen = 0;
    let mut in_person = false;
    let mut header_line = 1;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_person = trimmed == "[[person]]" && {
                seen += 1;
                seen == index + 1
            };
            if in_person {
                header_line = n + 1;
            }
        } else if in_person && trimmed.split('=').next().is_some_and(|k| k.trim() == field) {
            return n + 1;
        }
    }
    header_line
}

/// Runs the ingest as described by `options`.
pub fn run(options: &IngestOptions) -> Outcome {
    let mut outcome = Outcome::default();
    let (roster, lexicon, roster_notes) = match read_roster(&options.people) {
        Ok(found) => found,
        Err(problems) => {
            outcome.problems = problems;
            outcome.failed = true;
            return outcome;
        }
    };
    outcome.problems.extend(roster_notes);
    let files = match article_files(&options.inputs) {
        Ok(files) => files,
        Err(e) => {
            outcome.problems.push(e);
            outcome.failed = true;
            return outcome;
        }
    };
    let mut texts = Vec::new();
    for file in &files {
        match read_text(file) {
            Ok(text) => texts.push((file.display().to_string(), text)),
            Err(e) => {
                outcome.problems.push(e);
                outcome.failed = true;
            }
        }
    }
    let inputs: Vec<ArticleInput<'_>> = texts
        .iter()
        .map(|(name, text)| ArticleInput { name, text })
        .collect();
    let ingested = ingest(&inputs, &roster, &lexicon);
    outcome
        .problems
        .extend(ingested.problems.iter().map(ToString::to_string));
    // The ingest must produce what the app accepts.
    for problem in validate(&ingested.dataset) {
        outcome.failed |= problem.is_error();
        outcome
            .problems
            .push(format!("{}: {problem}", options.out.display()));
    }
    if outcome.failed || ingested.has_errors() {
        outcome.failed = true;
        outcome.report = format!(
            "nothing written to {}: fix the errors above\n",
            options.out.display()
        );
        return outcome;
    }
    let mut json = match serde_json::to_string_pretty(&ingested.dataset) {
        Ok(json) => json,
        Err(e) => {
            outcome.problems.push(format!(
                "{}: cannot encode the dataset: {e}",
                options.out.display()
            ));
            outcome.failed = true;
            return outcome;
        }
    };
    json.push('\n');
    outcome.report = report(&ingested, files.len());
    if let Some(per_chunk) = options.split {
        if options.check {
            outcome.problems.push(format!(
                "{}: error: --check compares whole datasets only; leave out --split",
                options.out.display()
            ));
            outcome.failed = true;
            return outcome;
        }
        match write_split(&ingested.dataset, &options.out, per_chunk) {
            Ok(written) => {
                let _ = writeln!(
                    outcome.report,
                    "wrote {} ({} bytes) and {} chunk(s) in {} ({} bytes)",
                    options.out.display(),
                    written.index_bytes,
                    written.chunks,
                    written.chunk_dir.display(),
                    written.chunk_bytes
                );
            }
            Err(e) => {
                outcome
                    .problems
                    .push(format!("{}: cannot write: {e}", options.out.display()));
                outcome.failed = true;
            }
        }
        return outcome;
    }
    if options.check {
        let current = std::fs::read_to_string(&options.out).unwrap_or_default();
        if current != json {
            outcome.problems.push(format!(
                "{}: error: out of date with its articles and roster; rebuild it with `./x ingest`",
                options.out.display()
            ));
            outcome.failed = true;
        } else {
            let _ = writeln!(outcome.report, "{} is up to date", options.out.display());
        }
        return outcome;
    }
    if let Err(e) = write_atomically(&options.out, json.as_bytes()) {
        outcome
            .problems
            .push(format!("{}: cannot write: {e}", options.out.display()));
        outcome.failed = true;
        return outcome;
    }
    let _ = writeln!(
        outcome.report,
        "wrote {} ({} bytes)",
        options.out.display(),
        json.len()
    );
    outcome
}

fn report(ingested: &Ingested, files: usize) -> String {
    let d = &ingested.dataset;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{files} article(s): {} stories, {} quotes, {} posts, {} events, {} people",
        d.stories.len(),
        d.quotes.len(),
        d.posts.len(),
        d.events.len(),
        d.people.len()
    );
    for story in &d.stories {
        let count = |f: &dyn Fn(&str) -> bool| f(&story.id);
        let quotes = d.quotes.iter().filter(|q| q.story == story.id).count();
        let posts = d.posts.iter().filter(|p| p.story == story.id).count();
        let _ = count;
        let _ = writeln!(
            out,
            "  {}: {quotes} quotes, {posts} posts, people: {}, outlets: {}",
            story.id,
            if story.people.is_empty() {
                "-".to_string()
            } else {
                story.people.join(", ")
            },
            if story.sources.is_empty() {
                "-".to_string()
            } else {
                story.sources.join(", ")
            },
        );
    }
    let mut by_speaker: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &d.quotes {
        *by_speaker
            .entry(q.speaker.as_deref().unwrap_or("(unknown)"))
            .or_default() += 1;
    }
    let speakers: Vec<String> = by_speaker.iter().map(|(s, n)| format!("{s} {n}")).collect();
    let _ = writeln!(out, "quotes per speaker: {}", speakers.join(", "));
    let count = |s: Severity| {
        ingested
            .problems
            .iter()
            .filter(|p| p.problem.severity == s)
            .count()
    };
    let _ = writeln!(
        out,
        "{} warning(s), {} suggestion(s)",
        count(Severity::Warning),
        count(Severity::Suggestion)
    );
    out
}
