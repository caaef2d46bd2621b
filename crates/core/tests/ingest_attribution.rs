//! The ingest of the fictional articles in `tests/fixtures/attribution`,
//! with no roster, against their hand-made gold (`gold.json`, written with
//! the articles; `people.md` says what each one reproduces): every quote is
//! found, with its speaker and outlet, every post, and no quoted title or
//! term is taken for speech.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use storyscope_core::ingest::{ingest, ArticleInput};
use storyscope_core::slug::slugify;
use storyscope_core::Roster;

#[derive(Deserialize)]
struct Article {
    file: String,
    quotes: Vec<GoldQuote>,
    posts: Vec<GoldPost>,
    non_quotes: Vec<String>,
}

#[derive(Deserialize)]
struct GoldQuote {
    start: String,
    speaker: String,
    via: Option<String>,
}

#[derive(Deserialize)]
struct GoldPost {
    platform: String,
    handle: Option<String>,
    date: Option<String>,
}

/// Quotes the ingest leaves without a speaker although the gold names one:
/// no cue in the text says who spoke, so it abstains.
const ABSTAINS: [(&str, &str); 1] = [
    // "She singled out ... as": not a speech verb.
    (
        "212_desmond-latimer-nora-pell-feud.txt",
        "the longest grudge",
    ),
];

/// Lowercase words without punctuation, for comparing quotes.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '\u{2019}', '\u{2018}'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// An outlet's name as compared: no "the", no "magazine".
fn outlet(name: &str) -> String {
    words(name)
        .into_iter()
        .filter(|w| w != "the" && w != "magazine")
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn fictional_articles_match_their_gold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution");
    let gold: Vec<Article> =
        serde_json::from_str(&fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let texts: Vec<(String, String)> = gold
        .iter()
        .map(|a| {
            (
                a.file.clone(),
                fs::read_to_string(dir.join(&a.file)).unwrap(),
            )
        })
        .collect();
    let inputs: Vec<ArticleInput<'_>> = texts
        .iter()
        .map(|(name, text)| ArticleInput { name, text })
        .collect();
    let ingested = ingest(&inputs, &Roster::default());
    assert!(!ingested.has_errors(), "{:?}", ingested.problems);
    let d = &ingested.dataset;
    let story_of: HashMap<&str, &str> = d
        .stories
        .iter()
        .map(|s| (s.id.as_str(), s.origin.as_deref().unwrap_or("")))
        .collect();
    // A quote that runs on over paragraphs is one quote; the gold has an
    // entry per paragraph: each part is matched on its own.
    let parts = |q: &storyscope_core::Quote| -> Vec<String> {
        let story = d.stories.iter().find(|s| s.id == q.story).unwrap();
        q.span
            .iter()
            .chain(q.continued.iter())
            .map(|s| story.body[s.block].text()[s.start..s.end].to_string())
            .collect()
    };
    let mut wrong = Vec::new();
    let (mut quotes, mut posts) = (0, 0);
    for article in &gold {
        let extracted: Vec<(&storyscope_core::Quote, String)> = d
            .quotes
            .iter()
            .filter(|q| story_of[q.story.as_str()] == article.file)
            .flat_map(|q| parts(q).into_iter().map(move |p| (q, p)))
            .collect();
        let mut used = vec![false; extracted.len()];
        for g in &article.quotes {
            quotes += 1;
            let start: Vec<String> = words(&g.start).into_iter().take(8).collect();
            let found = (0..extracted.len())
                .find(|&i| !used[i] && words(&extracted[i].1).starts_with(&start));
            let Some(i) = found else {
                wrong.push(format!("{}: missed “{}”", article.file, g.start));
                continue;
            };
            used[i] = true;
            let q = extracted[i].0;
            let want = (g.speaker != "UNNAMED").then(|| slugify(&g.speaker, 8));
            let abstains = ABSTAINS
                .iter()
                .any(|(f, s)| *f == article.file && g.start.starts_with(s));
            if q.speaker != want && !(abstains && q.speaker.is_none()) {
                wrong.push(format!(
                    "{}: “{}” said by {:?}, not {:?} ({:?})",
                    article.file, g.start, q.speaker, want, q.attribution
                ));
            }
            let via = (q.via.as_deref().map(outlet), g.via.as_deref().map(outlet));
            if via.0 != via.1 {
                wrong.push(format!(
                    "{}: “{}” credited to {:?}, not {:?}",
                    article.file, g.start, q.via, g.via
                ));
            }
        }
        for (i, (_, text)) in extracted.iter().enumerate() {
            if !used[i] {
                let what = if article.non_quotes.iter().any(|n| words(n) == words(text)) {
                    "a title or term"
                } else {
                    "no quote of the gold"
                };
                wrong.push(format!("{}: “{text}” is {what}", article.file));
            }
        }
        let story_posts: Vec<_> = d
            .posts
            .iter()
            .filter(|p| story_of[p.story.as_str()] == article.file)
            .collect();
        for g in &article.posts {
            posts += 1;
            let found = story_posts.iter().any(|p| {
                p.platform == g.platform
                    && p.handle.as_deref().map(str::to_lowercase)
                        == g.handle.as_deref().map(str::to_lowercase)
                    && p.date.map(|d| d.to_string()) == g.date
            });
            if !found {
                wrong.push(format!(
                    "{}: missed the {} post {:?} {:?}",
                    article.file, g.platform, g.handle, g.date
                ));
            }
        }
    }
    assert!(
        quotes >= 150 && posts >= 15,
        "{quotes} quotes, {posts} posts"
    );
    assert!(
        wrong.is_empty(),
        "{} of {quotes} quotes and {posts} posts:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
