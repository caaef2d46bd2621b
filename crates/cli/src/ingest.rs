//! The `storyscope ingest` command: articles (and optional roster
//! corrections) in, dataset file out; and `storyscope people`, the people
//! the ingest finds, for review.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use storyscope_core::ingest::people::Cast;
use storyscope_core::ingest::{ingest_telling, roster_problems, ArticleInput, Ingested, Threads};
use storyscope_core::{validate::validate, Roster, Severity};

use crate::error::Error;
use crate::files::{article_files, read_text, write_atomically, write_split_showing};
use crate::progress::Meter;

/// What to ingest and where to put it.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// The roster of corrections, `people.toml`, if any.
    pub people: Option<PathBuf>,
    /// The dataset file to write.
    pub out: PathBuf,
    /// Article files or folders of them.
    pub inputs: Vec<PathBuf>,
    /// Compare with the existing output instead of writing it.
    pub check: bool,
    /// Write the split layout with this many stories per chunk, instead of
    /// one file.
    pub split: Option<usize>,
    /// Write nothing when any article has an error (for CI), instead of
    /// leaving that article out.
    pub strict: bool,
    /// Read the articles on one thread.
    pub threads: Threads,
}

/// The outcome of a run: lines for the user and whether it succeeded.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The report (stdout).
    pub report: String,
    /// Problems, one per line, `file:line: severity: message` (stderr).
    pub problems: Vec<String>,
    /// Whether the command failed: nothing was written.
    pub failed: bool,
    /// Articles left out for an error while the others were written.
    pub left_out: Vec<String>,
}

/// Reads the roster at `path`; problems are located `file:line`.
pub fn read_roster(path: &Path) -> Result<(Roster, Vec<String>), Vec<String>> {
    let text = read_text(path).map_err(|e| vec![e.to_string()])?;
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
    let found = roster_problems(&roster);
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
    Ok((roster, problems))
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

/// Reads the roster (when given) and the articles, and ingests them.
fn read_and_ingest(
    people: Option<&Path>,
    inputs: &[PathBuf],
    threads: Threads,
    outcome: &mut Outcome,
) -> Option<(Ingested, usize)> {
    let roster = match people {
        None => Roster::default(),
        Some(path) => match read_roster(path) {
            Ok((roster, notes)) => {
                outcome.problems.extend(notes);
                roster
            }
            Err(problems) => {
                outcome.problems = problems;
                outcome.failed = true;
                return None;
            }
        },
    };
    let files = match article_files(inputs) {
        Ok(files) => files,
        Err(e) => {
            outcome.problems.push(e.to_string());
            outcome.failed = true;
            return None;
        }
    };
    let meter = Meter::on_stderr();
    let mut texts = Vec::new();
    for (n, file) in files.iter().enumerate() {
        meter.show("opening", n + 1, files.len(), "files");
        match read_text(file) {
            Ok(text) => texts.push((file.display().to_string(), text)),
            Err(e) => {
                outcome.problems.push(e.to_string());
                outcome.left_out.push(file.display().to_string());
            }
        }
    }
    let articles: Vec<ArticleInput<'_>> = texts
        .iter()
        .map(|(name, text)| ArticleInput { name, text })
        .collect();
    let ingested = ingest_telling(&articles, &roster, threads, &meter);
    meter.clear();
    outcome.problems.extend(ingested.problems.iter().map(|p| {
        let text = p.to_string();
        text.replacen(
            "people.toml:",
            &format!(
                "{}:",
                people.map_or("people.toml".into(), |p| p.display().to_string())
            ),
            1,
        )
    }));
    outcome.left_out.extend(ingested.left_out.iter().cloned());
    Some((ingested, files.len()))
}

/// Runs the ingest as described by `options`. Articles with an error are
/// left out and named in the report, unless `strict`, when nothing is
/// written.
pub fn run(options: &IngestOptions) -> Outcome {
    let mut outcome = Outcome::default();
    let Some((ingested, files)) = read_and_ingest(
        options.people.as_deref(),
        &options.inputs,
        options.threads,
        &mut outcome,
    ) else {
        return outcome;
    };
    // The ingest must produce what the app accepts.
    for problem in validate(&ingested.dataset) {
        outcome.failed |= problem.is_error();
        outcome
            .problems
            .push(format!("{}: {problem}", options.out.display()));
    }
    if options.strict && !outcome.left_out.is_empty() {
        outcome.failed = true;
    }
    if outcome.failed || ingested.dataset.stories.is_empty() && files > 0 {
        outcome.failed = true;
        outcome.report = format!(
            "nothing written to {}: fix the errors above\n",
            options.out.display()
        );
        return outcome;
    }
    let mut json = match serde_json::to_string_pretty(&ingested.dataset) {
        Ok(json) => json,
        Err(source) => {
            let path = options.out.clone();
            outcome
                .problems
                .push(Error::Encode { path, source }.to_string());
            outcome.failed = true;
            return outcome;
        }
    };
    json.push('\n');
    outcome.report = report(&ingested, files);
    write_out(options, &ingested, &json, &mut outcome);
    if !outcome.failed && !outcome.left_out.is_empty() {
        let _ = writeln!(
            outcome.report,
            "left out for the errors above ({} of {files}): {}",
            outcome.left_out.len(),
            outcome.left_out.join(", ")
        );
    }
    outcome
}

/// Writes (or, with `--check`, compares) the dataset.
fn write_out(options: &IngestOptions, ingested: &Ingested, json: &str, outcome: &mut Outcome) {
    if let Some(per_chunk) = options.split {
        if options.check {
            outcome.problems.push(format!(
                "{}: error: --check compares whole datasets only; leave out --split",
                options.out.display()
            ));
            outcome.failed = true;
            return;
        }
        match write_split_showing(
            &ingested.dataset,
            &options.out,
            per_chunk,
            &Meter::on_stderr(),
        ) {
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
            Err(source) => {
                let path = options.out.clone();
                outcome
                    .problems
                    .push(Error::Write { path, source }.to_string());
                outcome.failed = true;
            }
        }
        return;
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
        return;
    }
    if let Err(source) = write_atomically(&options.out, json.as_bytes()) {
        let path = options.out.clone();
        outcome
            .problems
            .push(Error::Write { path, source }.to_string());
        outcome.failed = true;
        return;
    }
    let _ = writeln!(
        outcome.report,
        "wrote {} ({} bytes)",
        options.out.display(),
        json.len()
    );
}

/// What to look for people in, for `storyscope people`.
#[derive(Clone, Debug)]
pub struct PeopleOptions {
    /// The roster of corrections, if any.
    pub people: Option<PathBuf>,
    /// Article files or folders of them.
    pub inputs: Vec<PathBuf>,
    /// Where to write the roster; standard output when `None`.
    pub out: Option<PathBuf>,
}

/// `storyscope people`: the people the ingest finds, in the roster's
/// format, with how often and how each was found, for a user to review and
/// correct. Returns the outcome; the roster text is its `report`.
pub fn people(options: &PeopleOptions) -> Outcome {
    let mut outcome = Outcome::default();
    let Some((ingested, files)) = read_and_ingest(
        options.people.as_deref(),
        &options.inputs,
        Threads::All,
        &mut outcome,
    ) else {
        return outcome;
    };
    let text = roster_text(&ingested, files);
    match &options.out {
        None => outcome.report = text,
        Some(path) => match write_atomically(path, text.as_bytes()) {
            Ok(()) => {
                outcome.report = format!(
                    "wrote {} ({} people)\n",
                    path.display(),
                    ingested.cast.people.len()
                )
            }
            Err(source) => {
                let path = path.clone();
                outcome
                    .problems
                    .push(Error::Write { path, source }.to_string());
                outcome.failed = true;
            }
        },
    }
    outcome
}

/// A TOML string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The cast as a roster, most mentioned first, with what was found as
/// comments.
pub fn roster_text(ingested: &Ingested, files: usize) -> String {
    let cast: &Cast = &ingested.cast;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# The people found in {files} article(s), most mentioned first. Review them:\n\
         # keep this file as --people FILE to correct the ingest (rename, add an\n\
         # alias, merge two people by listing one's name among the other's aliases,\n\
         # or move a name to not_people). Entries you do not change change nothing.\n"
    );
    let _ = writeln!(
        out,
        "# Names that are not people, although the text seems to say so.\nnot_people = []\n"
    );
    let quotes_of = |id: &str| {
        ingested
            .dataset
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == Some(id))
            .count()
    };
    let stories_of = |id: &str| {
        ingested
            .dataset
            .stories
            .iter()
            .filter(|s| s.people.iter().any(|p| p == id))
            .count()
    };
    let mut order: Vec<usize> = (0..cast.people.len()).collect();
    order.sort_by_key(|&p| {
        (
            std::cmp::Reverse(cast.people[p].mentions),
            cast.people[p].id.clone(),
        )
    });
    for p in order {
        let m = &cast.people[p];
        let _ = writeln!(
            out,
            "# {} mention(s) in {} story(ies), {} quote(s); found because the name {}",
            m.mentions,
            stories_of(&m.id),
            quotes_of(&m.id),
            if m.evidence.is_empty() {
                "looks like a name".to_string()
            } else {
                m.evidence.join(", ")
            }
        );
        let _ = writeln!(out, "[[person]]");
        let _ = writeln!(out, "id = {}", toml_string(&m.id));
        let _ = writeln!(out, "name = {}", toml_string(&m.name));
        if !m.aliases.is_empty() {
            let _ = writeln!(out, "aliases = {}", toml_list(&m.aliases));
        }
        if !m.descriptors.is_empty() {
            let _ = writeln!(out, "descriptors = {}", toml_list(&m.descriptors));
        }
        if let Some(g) = m.gender {
            let _ = writeln!(
                out,
                "pronouns = {}",
                toml_string(match g {
                    storyscope_core::ingest::mentions::Gender::He => "he",
                    storyscope_core::ingest::mentions::Gender::She => "she",
                })
            );
        }
        if !m.handles.is_empty() {
            let _ = writeln!(out, "handles = {}", toml_list(&m.handles));
        }
        out.push('\n');
    }
    out
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
        let quotes = d.quotes.iter().filter(|q| q.story == story.id).count();
        let posts = d.posts.iter().filter(|p| p.story == story.id).count();
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
