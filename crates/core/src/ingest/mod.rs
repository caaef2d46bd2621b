//! The ingest: raw article text in, stories, quotes, posts and events out.
//!
//! It runs in stages, each in its own module: [`layout`] reads the date
//! marker and splits the text into blocks; [`text`] reads a block into words,
//! quote spans and sentences; [`lexicon`] recognises people and outlets;
//! [`quotes`] and [`dates`] find speech and dates; this module puts a story
//! together and resolves pronouns as it walks the blocks in order. Nothing
//! here fails: problems come back beside the result, located by line.

pub mod dates;
pub mod layout;
pub mod lexicon;
pub mod posts;
pub mod quotes;
pub mod text;
pub mod title;

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::date::Day;
use crate::model::{Block, Dataset, Event, Post, Quote, Span, Story, SCHEMA_VERSION};
use crate::problem::Problem;
use crate::roster::Roster;
use crate::slug::slugify;

use layout::{layout, RawKind};
use lexicon::{Lexicon, Pronoun, Referent};
use quotes::{attribute, is_title_or_term, Resolved, Who};

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
    /// Everything worth telling, in input order.
    pub problems: Vec<FileProblem>,
}

impl Ingested {
    /// Whether any input had an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.problem.is_error())
    }
}

/// Words that start a sentence or a clause and are not part of a name.
const NOT_NAME_STARTS: [&str; 65] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "During",
    "After",
    "Before",
    "When",
    "While",
    "But",
    "And",
    "Or",
    "So",
    "It",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Its",
    "As",
    "If",
    "Aside",
    "More",
    "Despite",
    "Inside",
    "Producer",
    "Director",
    "Critic",
    "Manager",
    "Agent",
    "Publicist",
    "Coach",
    "Captain",
    "Singer",
    "Actor",
    "Actress",
    "Rapper",
    "Host",
    "Chef",
    "Designer",
    "Writer",
    "Reporter",
    "Editor",
    "Judge",
    "Senator",
    "President",
    "Star",
    "Comedian",
    "Model",
    "Striker",
    "Presenter",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Lawyer",
    "Attorney",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
];

/// Verbs that say someone put a post online ("Brandt also shared a photo").
const SHARING_VERBS: [&str; 6] = [
    "shared",
    "posted",
    "reposted",
    "uploaded",
    "published",
    "wrote",
];

/// Ingests `articles` (in the order given) with the people of `roster`.
/// Problems of the roster itself are reported by [`Lexicon::new`].
pub fn ingest(articles: &[ArticleInput<'_>], roster: &Roster, lexicon: &Lexicon) -> Ingested {
    let mut dataset = Dataset {
        schema_version: SCHEMA_VERSION,
        people: roster.person.iter().map(|p| p.to_person()).collect(),
        ..Dataset::default()
    };
    let mut problems = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut next_number: HashMap<String, usize> = HashMap::new();
    let mut parsed = Vec::new();
    for article in articles {
        let mut report = |problem: Problem| {
            problems.push(FileProblem {
                file: article.name.to_string(),
                problem,
            })
        };
        match layout(article.text) {
            Err(problem) => report(problem),
            Ok(laid_out) => {
                let lede = laid_out
                    .blocks
                    .iter()
                    .find(|b| b.kind == RawKind::Paragraph);
                let title = title::title_from_lede(lede.map_or("", |b| b.text.as_str()));
                if title.trim().is_empty() {
                    // A story needs a title, and the title comes from the
                    // first paragraph.
                    report(Problem::error(
                        lede.map_or(1, |b| b.line).to_string(),
                        "the article has no first paragraph with words to take its title from; write one after the date marker",
                    ));
                    continue;
                }
                let base = format!("{}-{}", laid_out.date, slugify(&title, 7));
                let base = base.trim_end_matches('-').to_string();
                let mut id = base.clone();
                // Numbers already tried for this base are taken for good:
                // many articles with one title cost one try each.
                let n = next_number.entry(base.clone()).or_insert(2);
                while !used_ids.insert(id.clone()) {
                    id = format!("{base}-{n}");
                    *n += 1;
                }
                let story = analyse(laid_out, id, title, article.name, lexicon);
                for problem in &story.problems {
                    report(problem.clone());
                }
                parsed.push(story);
            }
        }
    }
    parsed.sort_by(|a, b| (a.story.date, &a.story.id).cmp(&(b.story.date, &b.story.id)));
    for article in parsed {
        dataset.stories.push(article.story);
        dataset.quotes.extend(article.quotes);
        dataset.posts.extend(article.posts);
        dataset.events.extend(article.events);
    }
    Ingested { dataset, problems }
}

/// One analysed article.
struct Analysed {
    story: Story,
    quotes: Vec<Quote>,
    posts: Vec<Post>,
    events: Vec<Event>,
    problems: Vec<Problem>,
}

/// Line numbers of places in one block, counted on from the last place
/// asked about, so that many problems in a long block cost one pass.
struct Lines<'b> {
    text: &'b str,
    at: usize,
    line: usize,
}

impl<'b> Lines<'b> {
    fn new(block_line: usize, text: &'b str) -> Lines<'b> {
        Lines {
            text,
            at: 0,
            line: block_line,
        }
    }

    /// The line of byte `at` of the block, as a problem's location.
    fn of(&mut self, at: usize) -> String {
        if at < self.at {
            self.line -= self.text[at..self.at].matches('\n').count();
        } else {
            self.line += self.text[self.at..at].matches('\n').count();
        }
        self.at = at;
        self.line.to_string()
    }
}

fn analyse(
    laid_out: layout::Layout,
    id: String,
    title: String,
    origin: &str,
    lexicon: &Lexicon,
) -> Analysed {
    let date = laid_out.date;
    let mut body = Vec::new();
    let mut quotes: Vec<Quote> = Vec::new();
    let mut posts: Vec<Post> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut problems = Vec::new();
    let mut last_named: [Option<usize>; 2] = [None, None];
    // Per person: how often the story names them, and when first.
    let mut counts: Vec<(usize, usize)> = vec![(0, usize::MAX); lexicon.len()];
    let mut order = 0usize;
    let mut count = |p: usize, counts: &mut Vec<(usize, usize)>| {
        order += 1;
        let entry = &mut counts[p];
        entry.0 += 1;
        entry.1 = entry.1.min(order);
    };
    let mut sources: Vec<String> = Vec::new();
    let mut suggested: HashSet<String> = HashSet::new();
    let mut last_quote: Option<(usize, Option<usize>, Option<Day>)> = None;
    let mut last_dated_by_speaker: Vec<Option<Day>> = vec![None; lexicon.len()];
    // Who the last sentence of the paragraph above says shared something,
    // and whom it names: a bare link below it is theirs.
    let mut share_context: Option<(Option<usize>, Vec<usize>)> = None;

    for (index, raw) in laid_out.blocks.into_iter().enumerate() {
        let block_text = raw.text;
        let post_words = match &raw.kind {
            RawKind::Tweet { text, .. } => Some(text.clone()),
            _ => None,
        };
        let reading_text = post_words.as_deref().unwrap_or(&block_text);
        let reading = text::read(reading_text);
        let resolved = resolve(lexicon, &reading, &mut last_named);
        let context_above = share_context.take();
        for m in &resolved {
            match &m.who {
                Who::Person(p) if !m.pronoun => count(*p, &mut counts),
                Who::Outlet(name)
                    if reading.tokens[m.first].quote.is_none()
                        && !sources.iter().any(|s| **s == **name) =>
                {
                    sources.push(name.to_string());
                }
                _ => {}
            }
        }
        match raw.kind {
            RawKind::Heading => body.push(Block::Heading { text: block_text }),
            RawKind::Tweet {
                text,
                url,
                attribution,
            } => {
                let post_id = format!("{id}-p{}", posts.len() + 1);
                let mut people: Vec<usize> = Vec::new();
                if let Some(owner) = lexicon.person_by_handle(&attribution.handle) {
                    people.push(owner);
                }
                for m in &resolved {
                    if let Who::Person(p) = m.who {
                        if !m.pronoun && !people.contains(&p) {
                            people.push(p);
                        }
                    }
                }
                let post_date = match attribution.date {
                    Some(Ok(day)) => Some(day),
                    Some(Err(why)) => {
                        problems.push(Problem::warning(
                            Lines::new(raw.line, &block_text).of(attribution.start),
                            format!("the post's date is not used: {why}"),
                        ));
                        None
                    }
                    None => None,
                };
                posts.push(Post {
                    id: post_id.clone(),
                    story: id.clone(),
                    platform: "twitter".into(),
                    author: Some(attribution.author),
                    handle: Some(attribution.handle),
                    date: post_date,
                    text,
                    url,
                    people: people.iter().map(|&p| lexicon.id(p).to_string()).collect(),
                    block: Some(index),
                });
                body.push(Block::Post {
                    post: post_id,
                    text: block_text,
                });
            }
            RawKind::Instagram { url } => {
                let post_id = format!("{id}-p{}", posts.len() + 1);
                let (author, people) = context_above.unwrap_or_default();
                posts.push(Post {
                    id: post_id.clone(),
                    story: id.clone(),
                    platform: "instagram".into(),
                    author: author.map(|a| lexicon.name(a).to_string()),
                    handle: author.and_then(|a| lexicon.handle(a)).map(str::to_string),
                    date: None,
                    text: String::new(),
                    url: Some(url),
                    people: people.iter().map(|&p| lexicon.id(p).to_string()).collect(),
                    block: Some(index),
                });
                body.push(Block::Post {
                    post: post_id,
                    text: block_text,
                });
            }
            RawKind::Paragraph => {
                let mut lines = Lines::new(raw.line, &block_text);
                if let Some(at) = reading.unterminated {
                    problems.push(Problem::warning(
                        lines.of(at),
                        "a quote mark is never closed; the text after it is not read as a quote",
                    ));
                }
                let found_dates = dates::find_dates(&reading, date);
                let day_dates: Vec<&dates::DateMention> = found_dates
                    .iter()
                    .filter(|d| d.precision == crate::model::Precision::Day)
                    .collect();
                for d in &found_dates {
                    events.push(Event {
                        id: format!("{id}-e{}", events.len() + 1),
                        story: id.clone(),
                        date: d.day,
                        precision: d.precision,
                        text: dates::event_text(&block_text, reading.sentences[d.sentence], d),
                        block: Some(index),
                    });
                }
                for (q, span) in reading.quotes.iter().enumerate() {
                    let before =
                        &reading.tokens[..reading.tokens.partition_point(|t| t.end <= span.open)];
                    let inner = &block_text[span.inner_start..span.inner_end];
                    if is_title_or_term(inner, before) {
                        continue;
                    }
                    let mut found = attribute(&reading, &resolved, q);
                    if !found.decided {
                        // A quote with nothing around it continues the speaker
                        // of the quote just before it.
                        if let Some((block, speaker, _)) = last_quote {
                            if block + 1 >= index {
                                found.speaker = speaker;
                            }
                        }
                    }
                    // Sentences and dates come in order: bisect, so that a
                    // block with many quotes stays linear.
                    let sentence = reading.sentences.partition_point(|&(_, b)| b <= span.open);
                    let sentence = reading
                        .sentences
                        .get(sentence)
                        .filter(|&&(a, _)| a <= span.open)
                        .map(|_| sentence);
                    // The day told nearest the quote in its sentence: the
                    // last before it or the first after it.
                    let said_on = sentence
                        .and_then(|s| {
                            let from = day_dates.partition_point(|d| d.sentence < s);
                            let to = day_dates.partition_point(|d| d.sentence <= s);
                            let same = &day_dates[from..to];
                            let next = same.partition_point(|d| d.start < span.open);
                            [next.checked_sub(1), Some(next)]
                                .into_iter()
                                .flatten()
                                .filter_map(|k| same.get(k))
                                .min_by_key(|d| d.start.abs_diff(span.open))
                                .map(|d| d.day)
                        })
                        .or_else(|| found.speaker.and_then(|s| last_dated_by_speaker[s]));
                    if let (Some(s), Some(day)) = (found.speaker, said_on) {
                        last_dated_by_speaker[s] = Some(day);
                    }
                    let trimmed = inner.trim_end().trim_end_matches(',').trim_end();
                    let lead = inner.len() - inner.trim_start().len();
                    if let Some(via) = &found.via {
                        if !sources.contains(via) {
                            sources.push(via.clone());
                        }
                    }
                    if let Some(p) = found.speaker {
                        count(p, &mut counts);
                    }
                    quotes.push(Quote {
                        id: format!("{id}-q{}", quotes.len() + 1),
                        story: id.clone(),
                        speaker: found.speaker.map(|p| lexicon.id(p).to_string()),
                        text: trimmed.trim_start().to_string(),
                        date: said_on,
                        via: found.via,
                        span: Some(Span {
                            block: index,
                            start: span.inner_start + lead,
                            end: span.inner_start + trimmed.len(),
                        }),
                    });
                    last_quote = Some((index, found.speaker, said_on));
                }
                for (name, at) in unknown_names(&reading, &resolved) {
                    if !suggested.contains(name) {
                        suggested.insert(name.to_string());
                        problems.push(Problem::suggestion(
                            lines.of(at),
                            format!("\"{name}\" is not in the roster; add it to people.toml if it is a person"),
                        ));
                    }
                }
                share_context = Some(sharer(&reading, &resolved));
                body.push(Block::Paragraph { text: block_text });
            }
        }
    }

    let mut ranked: Vec<(usize, (usize, usize))> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, (n, _))| *n > 0)
        .collect();
    ranked.sort_by_key(|&(_, (n, first))| (std::cmp::Reverse(n), first));
    Analysed {
        story: Story {
            id,
            date,
            title,
            people: ranked
                .iter()
                .map(|&(p, _)| lexicon.id(p).to_string())
                .collect(),
            sources,
            origin: Some(origin.to_string()),
            body,
        },
        quotes,
        posts,
        events,
        problems,
    }
}

/// The person the last sentence says shared something (its subject), and
/// everyone it names.
fn sharer(reading: &text::Reading<'_>, resolved: &[Resolved]) -> (Option<usize>, Vec<usize>) {
    let last = reading.sentences.len().saturating_sub(1);
    let tokens = &reading.tokens;
    let mut people = Vec::new();
    for m in resolved {
        if let Who::Person(p) = m.who {
            if tokens[m.first].sentence == last
                && tokens[m.first].quote.is_none()
                && !people.contains(&p)
            {
                people.push(p);
            }
        }
    }
    let author = tokens.iter().enumerate().find_map(|(v, t)| {
        if t.sentence != last || !SHARING_VERBS.iter().any(|w| t.is(w)) {
            return None;
        }
        let mut j = v;
        while j > 0
            && ["also", "then", "later", "quickly", "reportedly"]
                .iter()
                .any(|w| tokens[j - 1].is(w))
        {
            j -= 1;
        }
        // Mentions are in order and do not overlap: bisect.
        j.checked_sub(1)
            .and_then(|end| resolved.get(resolved.partition_point(|m| m.last < end)))
            .filter(|m| m.last + 1 == j)
            .and_then(|m| match m.who {
                Who::Person(p) => Some(p),
                _ => None,
            })
    });
    if let Some(a) = author {
        people.retain(|&p| p != a);
        people.insert(0, a);
    }
    (author, people)
}

/// Resolves a block's mentions, pronouns against the last person of their
/// class named outside quotes, and updates that memory.
fn resolve(
    lexicon: &Lexicon,
    reading: &text::Reading<'_>,
    last_named: &mut [Option<usize>; 2],
) -> Vec<Resolved> {
    let slot = |p: Pronoun| match p {
        Pronoun::He => 0,
        Pronoun::She => 1,
    };
    lexicon
        .mentions(&reading.tokens)
        .into_iter()
        .map(|m| {
            let quoted = reading.tokens[m.first].quote.is_some();
            let (who, pronoun) = match m.referent {
                Referent::Person(p) => {
                    if !quoted {
                        if let Some(class) = lexicon.pronoun(p) {
                            last_named[slot(class)] = Some(p);
                        }
                    }
                    (Who::Person(p), false)
                }
                Referent::Pronoun(class) if !quoted => (
                    last_named[slot(class)].map_or(Who::Nobody, Who::Person),
                    true,
                ),
                Referent::Pronoun(_) => (Who::Nobody, true),
                Referent::Outlet(name) => (Who::Outlet(name), false),
            };
            Resolved {
                first: m.first,
                last: m.last,
                who,
                pronoun,
            }
        })
        .collect()
}

/// Runs of two or more capitalised words outside quotes that name no one
/// the roster knows, with the byte offset where each starts.
fn unknown_names<'t>(reading: &text::Reading<'t>, mentions: &[Resolved]) -> Vec<(&'t str, usize)> {
    let tokens = &reading.tokens;
    let mut covered = vec![false; tokens.len()];
    for m in mentions {
        covered[m.first..=m.last].iter_mut().for_each(|c| *c = true);
    }
    let usable = |i: usize| {
        let t = &tokens[i];
        t.quote.is_none()
            && !covered[i]
            && t.is_capitalized()
            && t.text.chars().skip(1).any(char::is_lowercase)
            && !t.text.ends_with("day")
            && dates::month_number(t.text).is_none()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !usable(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < tokens.len()
            && tokens[j + 1].sentence == tokens[i].sentence
            && usable(j + 1)
            && !reading.text[tokens[j].end..tokens[j + 1].start]
                .contains([',', '.', ';', ':', '(', ')'])
        {
            j += 1;
        }
        let mut start = i;
        while start <= j && NOT_NAME_STARTS.contains(&tokens[start].text) {
            start += 1;
        }
        // "the Northshore Film Festival" is a thing; "Porto Azul manager
        // Hector Lindqvist" puts an organisation before a role and a name.
        let after_the = start > 0
            && start == i
            && tokens[start - 1].is("the")
            && tokens[start - 1].sentence == tokens[i].sentence;
        let before_role = tokens.get(j + 1).is_some_and(|n| {
            n.sentence == tokens[j].sentence
                && !n.is_capitalized()
                && tokens
                    .get(j + 2)
                    .is_some_and(|m| m.is_capitalized() && m.sentence == n.sentence)
                && !reading.text[tokens[j].end..tokens[j + 2].start].contains([',', '.', ';', ':'])
        });
        if start < j && !after_the && !before_role {
            let name = reading.text[tokens[start].start..tokens[j].end]
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s");
            out.push((name, tokens[start].start));
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::RosterPerson;

    fn roster() -> Roster {
        let person =
            |id: &str, name: &str, aliases: &[&str], descriptors: &[&str], pronouns: &str| {
                RosterPerson::sample(
                    id,
                    name,
                    aliases,
                    descriptors,
                    pronouns,
                    Some(&format!("{}_official", id.replace('-', ""))),
                )
            };
        Roster {
            outlets: vec!["Daily Bugle".into()],
            person: vec![
                person("ann-lee", "Ann Lee", &["Lee"], &["singer"], "she"),
                person(
                    "bo-chan",
                    "Bo Chan",
                    &["Chan"],
                    &["coach", "33-year-old coach"],
                    "he",
                ),
                person("cy-diaz", "Cy Diaz", &["Diaz"], &["actress"], "she"),
            ],
        }
    }

    fn run(text: &str) -> Ingested {
        let roster = roster();
        let (lexicon, problems) = Lexicon::new(&roster);
        assert!(problems.is_empty());
        ingest(
            &[ArticleInput {
                name: "t.txt",
                text,
            }],
            &roster,
            &lexicon,
        )
    }

    /// Each quote as `speaker | via | date | text`.
    fn quotes(text: &str) -> Vec<String> {
        run(text)
            .dataset
            .quotes
            .iter()
            .map(|q| {
                format!(
                    "{} | {} | {} | {}",
                    q.speaker.as_deref().unwrap_or("?"),
                    q.via.as_deref().unwrap_or("-"),
                    q.date.map_or("-".to_string(), |d| d.to_string()),
                    q.text
                )
            })
            .collect()
    }

    #[test]
    fn attribution_after_and_before_the_quote() {
        assert_eq!(
            quotes(" date 2024-05-10 Ann Lee sang.\n\n\"It was a long night,\" Lee said.\n\nChan told reporters, \"We trained hard all week.\""),
            ["ann-lee | - | - | It was a long night", "bo-chan | - | - | We trained hard all week."]
        );
        assert_eq!(
            quotes(" date 2024-05-10 Ann Lee sang.\n\n\u{201C}Thank you all so much,\u{201D} said Lee."),
            ["ann-lee | - | - | Thank you all so much"]
        );
    }

    #[test]
    fn pronouns_carry_the_last_person_of_their_class() {
        let text = " date 2024-05-10 Ann Lee met Cy Diaz and Bo Chan.\n\nShe said, \"We are friends again.\" He added, \"Good to see.\"";
        assert_eq!(
            quotes(text),
            [
                "cy-diaz | - | - | We are friends again.",
                "bo-chan | - | - | Good to see."
            ]
        );
    }

    #[test]
    fn descriptors_and_outlets() {
        let text = " date 2024-05-10 Bo Chan and Ann Lee spoke.\n\n\"We will win the league,\" the 33-year-old coach told Daily Bugle.\n\n\"I loved the show and the crowd,\" the singer said, per Variety.\n\nAccording to TMZ, Lee said, \"See you in June.\"";
        assert_eq!(
            quotes(text),
            [
                "bo-chan | Daily Bugle | - | We will win the league",
                "ann-lee | Variety | - | I loved the show and the crowd",
                "ann-lee | TMZ | - | See you in June.",
            ]
        );
        let d = run(text).dataset;
        assert_eq!(d.stories[0].sources, ["Daily Bugle", "Variety", "TMZ"]);
    }

    #[test]
    fn unknown_speakers_stay_unknown() {
        let text = " date 2024-05-10 Ann Lee left.\n\n\"They fought all the time,\" a source close to the pair said.\n\n\"Best night ever,\" one fan wrote.";
        assert_eq!(
            quotes(text),
            [
                "? | - | - | They fought all the time",
                "? | - | - | Best night ever"
            ]
        );
    }

    #[test]
    fn titles_and_terms_are_not_quotes() {
        let text = " date 2024-05-10 Ann Lee, the \"Blue Hour\" singer, starred in \"The Long Road Home\" and called it \"magic\" on a show headlining, \"Lee Is Back And Better.\"";
        assert_eq!(quotes(text), Vec::<String>::new());
    }

    #[test]
    fn quote_dates_from_the_sentence_or_the_same_speaker() {
        let text = " date 2024-05-10 On Tuesday, May 7, Ann Lee said, \"I am home.\"\n\n\"It feels good,\" she added.\n\n\"See you later,\" Chan said in February.";
        assert_eq!(
            quotes(text),
            [
                "ann-lee | - | 2024-05-07 | I am home.",
                "ann-lee | - | 2024-05-07 | It feels good",
                "bo-chan | - | - | See you later"
            ]
        );
        let events: Vec<String> = run(text)
            .dataset
            .events
            .iter()
            .map(|e| format!("{} {:?}", e.date, e.precision))
            .collect();
        assert_eq!(events, ["2024-05-07 Day", "2024-02-01 Month"]);
    }

    #[test]
    fn unknown_names_are_suggested_once_with_their_line() {
        let d = run(" date 2024-05-10 Ann Lee met manager Hugo Marsh.\n\nHugo Marsh left with the Northside Rovers team.\n");
        let got: Vec<String> = d.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["t.txt:1: suggestion: \"Hugo Marsh\" is not in the roster; add it to people.toml if it is a person"]
        );
    }

    #[test]
    fn a_bare_instagram_link_belongs_to_who_shared_it() {
        let d = run(" date 2024-05-10 Ann Lee was there.\n\nCy Diaz also shared a photo with Lee.\n\nhttps://instagram.com/p/AbC_1/?utm_source=x\n").dataset;
        let post = &d.posts[0];
        assert_eq!(post.author.as_deref(), Some("Cy Diaz"));
        assert_eq!(post.handle.as_deref(), Some("cydiaz_official"));
        assert_eq!(post.people, ["cy-diaz", "ann-lee"]);
        assert_eq!(
            post.url.as_deref(),
            Some("https://www.instagram.com/p/AbC_1/")
        );
    }

    #[test]
    fn errors_are_reported_per_file_and_other_files_still_ingest() {
        let roster = roster();
        let (lexicon, _) = Lexicon::new(&roster);
        let inputs = [
            ArticleInput {
                name: "bad.txt",
                text: "no marker",
            },
            ArticleInput {
                name: "good.txt",
                text: " date 2024-05-10 Fine.",
            },
        ];
        let d = ingest(&inputs, &roster, &lexicon);
        assert!(d.has_errors());
        assert_eq!(d.dataset.stories.len(), 1);
        assert!(d.problems[0]
            .to_string()
            .starts_with("bad.txt:1: error: no date marker"));
    }

    /// Asserts that the ingest of `text` fails with `error`, or succeeds
    /// with a dataset the app accepts.
    fn fails_or_validates(text: &str, error: Option<&str>) {
        let ingested = run(text);
        let problems: Vec<String> = ingested.problems.iter().map(|p| p.to_string()).collect();
        match error {
            Some(error) => assert!(
                problems.iter().any(|p| p.starts_with(error)),
                "{text:?}: {problems:?}"
            ),
            None => assert!(!ingested.has_errors(), "{text:?}: {problems:?}"),
        }
        let invalid: Vec<_> = crate::validate::validate(&ingested.dataset)
            .into_iter()
            .filter(|p| p.is_error())
            .collect();
        assert!(invalid.is_empty(), "{text:?}: {invalid:?}");
    }

    #[test]
    fn articles_with_one_title_get_numbered_ids() {
        let roster = roster();
        let (lexicon, _) = Lexicon::new(&roster);
        let texts = [
            " date 2024-05-10 Fine.",
            " date 2024-05-10 Fine 2.",
            " date 2024-05-10 Fine.",
            " date 2024-05-10 Fine.",
        ];
        let inputs: Vec<ArticleInput<'_>> = texts
            .iter()
            .map(|text| ArticleInput {
                name: "a.txt",
                text,
            })
            .collect();
        let d = ingest(&inputs, &roster, &lexicon);
        let ids: Vec<&str> = d.dataset.stories.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2024-05-10-fine",
                "2024-05-10-fine-2",
                "2024-05-10-fine-3",
                "2024-05-10-fine-4"
            ]
        );
    }

    #[test]
    fn lines_count_on_in_both_directions() {
        let mut lines = Lines::new(10, "a\nb\n\nc");
        assert_eq!(lines.of(5), "13");
        assert_eq!(lines.of(2), "11");
        assert_eq!(lines.of(0), "10");
        assert_eq!(lines.of(6), "13");
    }

    /// A long paragraph of `n` copies of `part` after a short lede.
    fn long_paragraph(part: &str, n: usize) -> String {
        format!(" date 2021-11-26 Ann Lee spoke.\n\n{}\n", part.repeat(n))
    }

    #[test]
    fn a_block_with_thousands_of_quotes_dates_and_names_is_read_in_linear_time() {
        // Each of these took minutes (and one, gigabytes) before bisection
        // replaced the scans per quote, date and problem; a quadratic ingest
        // would not finish them in a test's time.
        let n = 20_000;
        let quotes = run(&long_paragraph(
            "\"We are fine here,\" Lee said on May 3. ",
            n,
        ));
        assert_eq!(quotes.dataset.quotes.len(), n);
        assert_eq!(quotes.dataset.events.len(), n);
        assert!(quotes
            .dataset
            .quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("ann-lee")));
        // One sentence with a date in every few words.
        let dates = run(&long_paragraph("and on May 3 ", n));
        assert_eq!(dates.dataset.events.len(), n);
        assert!(dates
            .dataset
            .events
            .iter()
            .all(|e| e.text.len() <= dates::MAX_EVENT_TEXT + 6));
        // One sentence with a quote in every few words.
        let said = run(&long_paragraph("\"fine here,\" Chan said and ", n));
        assert_eq!(said.dataset.quotes.len(), n);
        assert!(said
            .dataset
            .quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("bo-chan")));
        // A block of many lines, each with a new unknown name.
        let names: String = (0..n).map(|i| format!("Zed{i} Quux{i} came.\n")).collect();
        let names = run(&format!(" date 2021-11-26 Ann Lee spoke.\n\n{names}"));
        let suggestions: Vec<_> = names
            .problems
            .iter()
            .map(|p| p.problem.location.as_str())
            .collect();
        assert_eq!(suggestions.len(), n);
        assert_eq!(
            (suggestions[0], suggestions[n - 1]),
            ("3", &*(n + 2).to_string())
        );
    }

    #[test]
    fn an_article_without_a_first_paragraph_is_an_error_not_an_untitled_story() {
        // Found by fuzzing: these made stories with an empty title, which
        // the app rejects.
        let no_title = "t.txt:1: error: the article has no first paragraph";
        fails_or_validates(" date 2021-11-26 ", Some(no_title));
        fails_or_validates(" date 2021-11-26 ... !", Some(no_title));
        fails_or_validates(
            " date 2021-11-26\n\nHeading\n\nHi pic.twitter.com/x\n\u{2014} Ann Lee (@annlee_official) May 1, 2021\n",
            Some(no_title),
        );
        // A lede whose first sentence is only punctuation still has a title.
        fails_or_validates(" date 2021-11-26 . Ann Lee won.", None);
        assert_eq!(
            run(" date 2021-11-26 . Ann Lee won.").dataset.stories[0].title,
            "Ann Lee won"
        );
    }
}
