//! Golden tests of the ingest: each article in `tests/fixtures/ingest` and
//! the seed article in `data/articles` are ingested and compared with the
//! expected dataset beside them (`<name>.expected.json`). Run with
//! `UPDATE_GOLDEN=1` to rewrite the expected files after a deliberate change,
//! then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use storyscope_core::ingest::{ingest, roster_problems, ArticleInput, Ingested};
use storyscope_core::{Block, Roster};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

fn roster(path: &Path) -> Roster {
    let roster: Roster = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let problems = roster_problems(&roster);
    assert!(problems.is_empty(), "{problems:?}");
    roster
}

fn run(article: &Path, people: &Path) -> (String, Ingested) {
    let text = fs::read_to_string(article).unwrap();
    let roster = roster(people);
    let name = article.file_name().unwrap().to_string_lossy().into_owned();
    let ingested = ingest(
        &[ArticleInput {
            name: &name,
            text: &text,
        }],
        &roster,
    );
    (text, ingested)
}

/// Compares the ingest of `article` with `expected`, or rewrites it.
fn check(article: &Path, people: &Path, expected: &Path) -> Ingested {
    let (text, ingested) = run(article, people);
    assert!(!ingested.has_errors(), "{:?}", ingested.problems);
    let mut got = serde_json::to_string_pretty(&ingested.dataset).unwrap();
    got.push('\n');
    let problems: Vec<String> = ingested.problems.iter().map(ToString::to_string).collect();
    let problems_path = expected.with_extension("problems.txt");
    let got_problems = problems.join("\n") + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(expected, &got).unwrap();
        fs::write(&problems_path, &got_problems).unwrap();
    }
    let want = fs::read_to_string(expected).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UPDATE_GOLDEN=1",
            expected.display()
        )
    });
    assert!(
        got == want,
        "{} differs from the ingest of {}; review, then UPDATE_GOLDEN=1",
        expected.display(),
        article.display()
    );
    assert_eq!(
        got_problems,
        fs::read_to_string(&problems_path).unwrap(),
        "{}",
        problems_path.display()
    );
    assert_nothing_lost(&text, &ingested);
    ingested
}

/// All the article's text but the date marker is in the story body, in order.
fn assert_nothing_lost(text: &str, ingested: &Ingested) {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let marker_end = {
        let line = &text[..first_line_end];
        let after = line
            .trim_start()
            .strip_prefix("date ")
            .unwrap()
            .trim_start();
        first_line_end - line.len() + (line.len() - after.len()) + 10
    };
    let article = collapse(&text[marker_end..]);
    let story = &ingested.dataset.stories[0];
    let body = collapse(
        &story
            .body
            .iter()
            .map(Block::text)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert_eq!(
        body, article,
        "the story body must hold all of the article's text, in order"
    );
}

#[test]
fn seed_article() {
    let article = root().join("data/articles/000_bda31d4c8048925d.txt");
    let ingested = check(
        &article,
        &root().join("data/people.toml"),
        &fixtures().join("000_seed.expected.json"),
    );
    let d = &ingested.dataset;
    // What the seed must yield (see the dataset issue's acceptance list).
    let handles: Vec<(&str, String)> = d
        .posts
        .iter()
        .map(|p| (p.handle.as_deref().unwrap(), p.date.unwrap().to_string()))
        .collect();
    assert_eq!(
        handles,
        [
            ("PopCrave", "2021-11-26".into()),
            ("theyeezymafia", "2021-11-24".into())
        ]
    );
    let kanye_speech = d
        .quotes
        .iter()
        .filter(|q| {
            q.speaker.as_deref() == Some("kanye-west")
                && q.date.map(|d| d.to_string()).as_deref() == Some("2021-11-24")
        })
        .count();
    assert!(
        kanye_speech >= 5,
        "{kanye_speech} quotes of Kanye West's speech"
    );
    let story = &d.stories[0];
    assert_eq!(story.sources, ["TMZ", "Fox News"]);
    assert_eq!(
        story.people,
        ["kanye-west", "kim-kardashian", "pete-davidson"]
    );
    let headings: Vec<&str> = story
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["Inside The Story", "Is KimYe 2.0 Possible?"]);
    for term in ["SNL", "DONDA", "The King Of Staten Island"] {
        assert!(
            d.quotes.iter().all(|q| q.text != term),
            "{term} is not speech"
        );
    }
    assert!(storyscope_core::validate::validate(d).is_empty());
}

#[test]
fn fictional_articles() {
    let people = fixtures().join("people.toml");
    let mut seen = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && !p.to_string_lossy().ends_with(".problems.txt")
        })
        .collect();
    entries.sort();
    for article in entries {
        let expected = article.with_extension("expected.json");
        let ingested = check(&article, &people, &expected);
        assert!(storyscope_core::validate::validate(&ingested.dataset).is_empty());
        seen += 1;
    }
    assert!(seen >= 3, "at least three fictional fixtures, found {seen}");
}

#[test]
fn all_fixtures_together_get_distinct_ids_and_validate() {
    let people = fixtures().join("people.toml");
    let roster = roster(&people);
    let text =
        fs::read_to_string(fixtures().join("001_marisol-vance-dario-quintero-split.txt")).unwrap();
    // The same article twice: the second story gets a suffixed id.
    let inputs = [
        ArticleInput {
            name: "a.txt",
            text: &text,
        },
        ArticleInput {
            name: "b.txt",
            text: &text,
        },
    ];
    let ingested = ingest(&inputs, &roster);
    let ids: Vec<&str> = ingested
        .dataset
        .stories
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids[1], format!("{}-2", ids[0]));
    assert!(storyscope_core::validate::validate(&ingested.dataset).is_empty());
}
