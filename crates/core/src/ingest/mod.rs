//! The ingest: raw article text in, stories, quotes, posts, events and the
//! people they are about out. No roster is needed: people are found in the
//! text; a roster (`people.toml`) only corrects what the text cannot tell.
//!
//! It runs in stages, each in its own module:
//!
//! 1. [`layout`](mod@layout): the date marker and the blocks (paragraphs, sub-headings,
//!    posts, with [`posts`]), and which of them are crawl furniture; the
//!    title from the lede ([`title`]).
//! 2. [`text`]: each block's words (with their classes from [`words`]),
//!    quote spans and sentences.
//! 3. [`mentions`]: names, pronouns, descriptors, sources, outlets and
//!    documents in each block.
//! 4. [`people`]: the people of the whole run, from every article's names
//!    and what their sentences say of them, corrected by the roster.
//! 5. [`story`] with [`attribution`]: each article's mentions resolved to
//!    people, each quote's speaker and outlet found by the grammar of its
//!    sentence, dates from [`dates`], and the story assembled.
//! 6. Here: stories in date order, with unique ids, into one dataset.
//!
//! Stages 1-3 and 5 work on each article alone, in parallel when the
//! `parallel` feature is on; the output does not depend on it. Nothing here
//! fails: problems come back beside the result, located by line, and an
//! article with an error is left out while the others are read.

pub mod attribution;
pub mod dates;
pub mod layout;
pub mod mentions;
pub mod people;
pub mod posts;
pub mod story;
pub mod text;
pub mod title;
pub mod words;

use std::collections::HashMap;

use crate::hash::{FastMap, FastSet};
use std::fmt;

use crate::model::{Dataset, SCHEMA_VERSION};
use crate::problem::Problem;
use crate::roster::Roster;
use crate::slug::slugify;

use layout::{layout, ArticleLayout, RawKind};
use mentions::Mention;
use people::{Cast, Known, Sighting};
use text::Reading;

/// One article to ingest: a name (its file) and its text.
#[derive(Clone, Copy, Debug)]
pub struct ArticleInput<'a> {
    /// The name problems are reported under, such as the file path.
    pub name: &'a str,
    /// The raw text.
    pub text: &'a str,
}

/// A problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The file's name.
    pub file: String,
    /// The problem; its location is a line number.
    pub problem: Problem,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.problem.location, self.problem.severity, self.problem.message
        )
    }
}

/// What the ingest made of a set of articles.
#[derive(Clone, Debug)]
pub struct Ingested {
    /// The dataset (articles with errors are left out of it).
    pub dataset: Dataset,
    /// The people found, with how they were found.
    pub cast: Cast,
    /// Everything worth telling, in input order.
    pub problems: Vec<FileProblem>,
    /// The inputs left out for an error.
    pub left_out: Vec<String>,
}

impl Ingested {
    /// Whether any input had an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.problem.is_error())
    }
}

/// How to run the stages that work on one article at a time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Threads {
    /// On every core (with the `parallel` feature; otherwise as `One`).
    #[default]
    All,
    /// On the calling thread only.
    One,
}

/// The stages of an ingest that go article by article, as progress tells
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Laying out the articles' blocks.
    LayingOut,
    /// Reading their words and mentions.
    Reading,
    /// Resolving people and quotes, and assembling the stories.
    Analysing,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::LayingOut => "laying out",
            Stage::Reading => "reading",
            Stage::Analysing => "analysing",
        })
    }
}

/// Told how far an ingest has come: in `stage`, `done` of `total`
/// articles. Called from the threads doing the work, in no set order.
pub trait Progress: Sync {
    /// One more article done.
    fn step(&self, stage: Stage, done: usize, total: usize);
}

/// No one is told.
impl Progress for () {
    fn step(&self, _: Stage, _: usize, _: usize) {}
}

/// Maps `f` over `items`, in order, on the threads asked for, telling
/// `progress` of each item done.
fn map<'a, T: Sync, U: Send>(
    items: &'a [T],
    threads: Threads,
    progress: (&dyn Progress, Stage),
    f: impl Fn(&'a T) -> U + Sync + Send,
) -> Vec<U> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = items.len();
    let f = |item: &'a T| {
        let out = f(item);
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress.0.step(progress.1, n, total);
        out
    };
    #[cfg(feature = "parallel")]
    if threads == Threads::All && items.len() > 1 {
        use rayon::prelude::*;
        return items.par_iter().map(f).collect();
    }
    let _ = threads;
    items.iter().map(f).collect()
}

/// An article laid out, with its id and title.
#[derive(Clone, Debug)]
pub struct Laid {
    /// Where it came from (its file).
    pub origin: String,
    /// Its date and blocks.
    pub layout: ArticleLayout,
    /// The story id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Its position among the inputs.
    pub input: usize,
}

/// An article read: each readable block's words, and its mentions.
pub struct ReadArticle<'t> {
    /// Per block: its reading (`None` for blocks that are not prose).
    pub readings: Vec<Option<Reading<'t>>>,
    /// Per block: its mentions.
    pub mentions: Vec<Vec<Mention>>,
    /// The names seen, with what their sentences say of them.
    pub sightings: Vec<Sighting>,
}

/// Ingests `articles` with the corrections of `roster`, on every core.
pub fn ingest(articles: &[ArticleInput<'_>], roster: &Roster) -> Ingested {
    ingest_with(articles, roster, Threads::All)
}

/// Ingests `articles` with the corrections of `roster` on `threads`. The
/// result does not depend on `threads`.
pub fn ingest_with(articles: &[ArticleInput<'_>], roster: &Roster, threads: Threads) -> Ingested {
    ingest_keeping(articles, roster, threads, &(), KEEP_READINGS)
}

/// [`ingest_with`], telling `progress` of each article as it is done.
pub fn ingest_telling(
    articles: &[ArticleInput<'_>],
    roster: &Roster,
    threads: Threads,
    progress: &dyn Progress,
) -> Ingested {
    ingest_keeping(articles, roster, threads, progress, KEEP_READINGS)
}

/// The most article text of a run whose readings are kept from the first
/// reading (for the cast) to the second (for the stories). A reading takes
/// about fifteen times its text: a larger run reads each article twice,
/// which is slower but keeps its memory near the size of the corpus.
const KEEP_READINGS: usize = 16 << 20;

fn ingest_keeping(
    articles: &[ArticleInput<'_>],
    roster: &Roster,
    threads: Threads,
    progress: &dyn Progress,
    keep_readings: usize,
) -> Ingested {
    let (laid, mut per_input, left_out) = lay_out(articles, threads, progress);
    let text: usize = laid.iter().map(|l| articles[l.input].text.len()).sum();
    let keep = text <= keep_readings;
    let mut read: Vec<ReadArticle<'_>> = map(&laid, threads, (progress, Stage::Reading), |l| {
        let mut read = read_article(l);
        if !keep {
            read.readings = Vec::new();
            read.mentions = Vec::new();
        }
        read
    });
    let mut sightings: Vec<Sighting> =
        Vec::with_capacity(read.iter().map(|r| r.sightings.len()).sum());
    for r in &mut read {
        sightings.extend(std::mem::take(&mut r.sightings));
    }
    let (cast, roster_problems) = cast_of(&laid, &sightings, roster);
    let pairs: Vec<(&Laid, ReadArticle<'_>)> = laid.iter().zip(read).collect();
    let analysis = (progress, Stage::Analysing);
    let mut analysed: Vec<story::Analysed> = map(&pairs, threads, analysis, |(l, read)| {
        if keep {
            story::analyse(l, read, &cast)
        } else {
            story::analyse(l, &read_article(l), &cast)
        }
    });
    for (l, a) in laid.iter().zip(&mut analysed) {
        let file = articles[l.input].name;
        per_input[l.input].extend(a.problems.drain(..).map(|problem| FileProblem {
            file: file.to_string(),
            problem,
        }));
    }
    // Problems in input order, each file's together; the roster's last.
    let mut problems: Vec<FileProblem> = per_input.into_iter().flatten().collect();
    problems.extend(roster_problems.into_iter().map(|problem| FileProblem {
        file: "people.toml".into(),
        problem,
    }));
    Ingested {
        dataset: dataset_of(analysed, &cast),
        cast,
        problems,
        left_out,
    }
}

/// The first stage: every article laid out and titled, with an id; the
/// problems of each input, and the inputs left out.
fn lay_out(
    articles: &[ArticleInput<'_>],
    threads: Threads,
    progress: &dyn Progress,
) -> (Vec<Laid>, Vec<Vec<FileProblem>>, Vec<String>) {
    let laid_out = map(articles, threads, (progress, Stage::LayingOut), |a| {
        layout(a.text).map(|l| (title::title_of(&l.blocks), l))
    });
    let mut laid: Vec<Laid> = Vec::with_capacity(articles.len());
    let mut per_input: Vec<Vec<FileProblem>> = vec![Vec::new(); articles.len()];
    let mut left_out = Vec::new();
    let mut ids = Ids::default();
    for (input, (article, result)) in articles.iter().zip(laid_out).enumerate() {
        let problem = match result {
            Ok((Some(title), layout)) => {
                let id = ids.next(&layout, &title);
                laid.push(Laid {
                    origin: article.name.to_string(),
                    layout,
                    id,
                    title,
                    input,
                });
                continue;
            }
            Err(problem) => problem,
            // The lede belongs on the marker's line.
            Ok((None, _)) => Problem::error(
                "1",
                "the article has no first paragraph with words to take its title from; write one after the date marker",
            ),
        };
        per_input[input].push(FileProblem {
            file: article.name.to_string(),
            problem,
        });
        left_out.push(article.name.to_string());
    }
    (laid, per_input, left_out)
}

/// The dataset of the analysed stories, by date and id, with the cast's
/// people who appear in them.
fn dataset_of(mut analysed: Vec<story::Analysed>, cast: &Cast) -> Dataset {
    analysed.sort_by(|a, b| (a.story.date, &a.story.id).cmp(&(b.story.date, &b.story.id)));
    let mut dataset = Dataset {
        schema_version: SCHEMA_VERSION,
        people: cast
            .people
            .iter()
            .map(people::CastMember::to_person)
            .collect(),
        ..Dataset::default()
    };
    // Sized once: the quotes, posts and events of a large run are many
    // megabytes, each growth a copy.
    dataset.stories.reserve_exact(analysed.len());
    dataset
        .quotes
        .reserve_exact(analysed.iter().map(|a| a.quotes.len()).sum());
    dataset
        .posts
        .reserve_exact(analysed.iter().map(|a| a.posts.len()).sum());
    dataset
        .events
        .reserve_exact(analysed.iter().map(|a| a.events.len()).sum());
    for a in analysed {
        dataset.stories.push(a.story);
        dataset.quotes.extend(a.quotes);
        dataset.posts.extend(a.posts);
        dataset.events.extend(a.events);
    }
    keep_people_in_stories(&mut dataset);
    dataset
}

/// Story ids: the date and the title's first words, numbered when taken.
#[derive(Default)]
struct Ids {
    used: FastSet<String>,
    next: FastMap<String, usize>,
}

impl Ids {
    fn next(&mut self, layout: &ArticleLayout, title: &str) -> String {
        let base = format!("{}-{}", layout.date, slugify(title, 7));
        let base = base.trim_end_matches('-').to_string();
        let mut id = base.clone();
        // Numbers already tried for this base are taken for good: many
        // articles with one title cost one try each.
        let n = self.next.entry(base.clone()).or_insert(2);
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        id
    }
}

/// Reads the prose of an article: words, quotes, sentences, mentions.
fn read_article(laid: &Laid) -> ReadArticle<'_> {
    let mut readings = Vec::with_capacity(laid.layout.blocks.len());
    let mut all_mentions = Vec::with_capacity(laid.layout.blocks.len());
    let mut sightings = Vec::new();
    for raw in &laid.layout.blocks {
        let reading = match &raw.kind {
            RawKind::Paragraph | RawKind::Heading => Some(text::read(&raw.text)),
            RawKind::Tweet { attribution, .. } => Some(text::read(&raw.text[..attribution.start])),
            RawKind::Instagram { .. } => None,
        };
        let found = reading.as_ref().map(mentions::mentions).unwrap_or_default();
        if let Some(r) = &reading {
            if !raw.furniture && matches!(raw.kind, RawKind::Paragraph | RawKind::Heading) {
                sightings.extend(people::sightings(r, &found));
            }
        }
        readings.push(reading);
        all_mentions.push(found);
    }
    ReadArticle {
        readings,
        mentions: all_mentions,
        sightings,
    }
}

/// The run's cast: people from every article's sightings, the handles of
/// posts whose author is one of them, the roles the texts tie to them.
fn cast_of(laid: &[Laid], sightings: &[Sighting], roster: &Roster) -> (Cast, Vec<Problem>) {
    let authors: Vec<String> = laid
        .iter()
        .flat_map(|l| l.layout.blocks.iter())
        .filter_map(|b| match &b.kind {
            RawKind::Tweet { attribution, .. } => Some(attribution.author.clone()),
            RawKind::Instagram {
                author: Some((a, _)),
                ..
            } => Some(a.clone()),
            _ => None,
        })
        .collect();
    let (mut cast, problems) = Cast::build(sightings, &authors, roster);
    for s in sightings {
        if let Known::Person(p) = cast.lookup(&s.key).clone() {
            for role in &s.roles {
                cast.add_role(role, p);
            }
        }
    }
    for l in laid {
        for b in &l.layout.blocks {
            let (author, handle) = match &b.kind {
                RawKind::Tweet { attribution, .. } => {
                    (attribution.author.as_str(), attribution.handle.as_str())
                }
                RawKind::Instagram {
                    author: Some((a, h)),
                    ..
                } => (a.as_str(), h.as_str()),
                _ => continue,
            };
            if let Known::Person(p) = cast.lookup(author).clone() {
                cast.add_handle(p, handle);
            }
        }
    }
    (cast, problems)
}

/// Drops people no story names or quotes, so that the dataset lists only
/// those it is about (the cast keeps them all for review).
fn keep_people_in_stories(dataset: &mut Dataset) {
    let mut used: FastSet<&str> = FastSet::default();
    for s in &dataset.stories {
        used.extend(s.people.iter().map(String::as_str));
    }
    for q in &dataset.quotes {
        used.extend(q.speaker.as_deref());
    }
    for p in &dataset.posts {
        used.extend(p.people.iter().map(String::as_str));
    }
    let keep: Vec<bool> = dataset
        .people
        .iter()
        .map(|p| used.contains(p.id.as_str()))
        .collect();
    let mut keep = keep.into_iter();
    dataset.people.retain(|_| keep.next().unwrap_or(false));
}

/// The line of byte `at` of a block's text that starts on `line`.
pub fn line_of(text: &str, line: usize, at: usize) -> usize {
    line + text[..at.min(text.len())].matches('\n').count()
}

/// Problems of a roster as written: ids, names and pronouns, and a name
/// claimed by two people, located as `person[i].field`.
pub fn roster_problems(roster: &Roster) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut claimed: HashMap<&str, usize> = HashMap::new();
    for (i, person) in roster.person.iter().enumerate() {
        let at = format!("person[{i}]");
        if let Some(first) = roster.person[..i].iter().position(|p| p.id == person.id) {
            problems.push(Problem::error(
                format!("{at}.id"),
                format!(
                    "the id \"{}\" is already used by person[{first}]",
                    person.id
                ),
            ));
        }
        let id_ok = !person.id.is_empty()
            && person
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            problems.push(Problem::error(
                format!("{at}.id"),
                format!(
                    "the id \"{}\" should be a slug of a-z, 0-9 and -, such as \"kanye-west\"",
                    person.id
                ),
            ));
        }
        if person.name.trim().is_empty() {
            problems.push(Problem::error(format!("{at}.name"), "the name is empty"));
        }
        if let Some(p) = person.pronouns.as_deref() {
            if !["he", "she", "they"].contains(&p.to_ascii_lowercase().as_str()) {
                problems.push(Problem::error(
                    format!("{at}.pronouns"),
                    format!("pronouns should be \"he\", \"she\" or \"they\", not \"{p}\""),
                ));
            }
        }
        for (field, name) in std::iter::once(("name", &person.name))
            .chain(person.aliases.iter().map(|a| ("aliases", a)))
        {
            let key = name.trim();
            if key.is_empty() {
                continue;
            }
            match claimed.get(key) {
                Some(&other) if other != i => problems.push(Problem::warning(
                    format!("{at}.{field}"),
                    format!(
                        "\"{key}\" also names {}; it will be read as {}",
                        roster.person[other].id, roster.person[other].id
                    ),
                )),
                _ => {
                    claimed.insert(key, i);
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run read twice gives what a run whose readings are kept gives.
    #[test]
    fn reading_again_is_reading_once() {
        let texts = [
            include_str!(
                "../../tests/fixtures/attribution/203_callum-fenwick-hart-salt-orchard.txt"
            ),
            include_str!(
                "../../tests/fixtures/attribution/207_imogen-fairleigh-engagement-off.txt"
            ),
            include_str!(
                "../../tests/fixtures/attribution/211_wyatt-callahan-june-harlow-wedding.txt"
            ),
            include_str!("../../../../data/articles/000_bda31d4c8048925d.txt"),
        ];
        let inputs: Vec<ArticleInput<'_>> = texts
            .iter()
            .zip(["a", "b", "c", "d"])
            .map(|(text, name)| ArticleInput { name, text })
            .collect();
        let roster = Roster::default();
        let kept = ingest_keeping(&inputs, &roster, Threads::One, &(), usize::MAX);
        let again = ingest_keeping(&inputs, &roster, Threads::One, &(), 0);
        assert!(kept.dataset.quotes.len() > 20);
        assert_eq!(kept.dataset, again.dataset);
        assert_eq!(kept.problems.len(), again.problems.len());
    }

    /// Progress is told of every article of every stage, once, the last
    /// step of each saying all are done; one with an error is laid out
    /// but goes no further.
    #[test]
    fn progress_counts_every_article_of_each_stage() {
        struct Record(std::sync::Mutex<Vec<(Stage, usize, usize)>>);
        impl Progress for Record {
            fn step(&self, stage: Stage, done: usize, total: usize) {
                self.0.lock().unwrap().push((stage, done, total));
            }
        }
        let good = " date 2021-11-26 Jane Roe spoke. \"We will be back,\" Roe said.\n";
        let inputs = [
            ArticleInput {
                name: "a",
                text: good,
            },
            ArticleInput {
                name: "bad",
                text: "no marker\n",
            },
            ArticleInput {
                name: "c",
                text: good,
            },
        ];
        let record = Record(std::sync::Mutex::new(Vec::new()));
        let told = ingest_telling(&inputs, &Roster::default(), Threads::All, &record);
        assert_eq!(told.left_out, ["bad"]);
        let steps = record.0.into_inner().unwrap();
        for (stage, total) in [
            (Stage::LayingOut, 3),
            (Stage::Reading, 2),
            (Stage::Analysing, 2),
        ] {
            let mut done: Vec<usize> = steps
                .iter()
                .filter(|s| s.0 == stage)
                .inspect(|s| assert_eq!(s.2, total, "{stage}"))
                .map(|s| s.1)
                .collect();
            done.sort_unstable();
            assert_eq!(done, (1..=total).collect::<Vec<_>>(), "{stage}");
        }
        // Stages follow one another.
        let order: Vec<Stage> = steps.iter().map(|s| s.0).collect();
        assert!(
            order.windows(2).all(|w| w[0] as u8 <= w[1] as u8),
            "{order:?}"
        );
    }
}
