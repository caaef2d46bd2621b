//! Fuzzes the article ingest: any text, split into up to four articles at
//! NUL characters, is ingested with a small fixed roster of corrections. The ingest must
//! not panic, and whatever it makes of articles without errors must be a
//! dataset the app accepts (the promise `storyscope ingest` relies on).

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use storyscope_core::ingest::{ingest, roster_problems, ArticleInput};
use storyscope_core::validate::validate;
use storyscope_core::{Roster, RosterPerson};

fn person(id: &str, name: &str, aliases: &[&str], pronouns: &str) -> RosterPerson {
    RosterPerson {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        descriptors: vec!["rapper".into()],
        pronouns: Some(pronouns.into()),
        handles: vec![id.replace('-', "")],
    }
}

/// A small roster of corrections on top of the people the ingest finds.
static ROSTER: LazyLock<Roster> = LazyLock::new(|| {
    let roster = Roster {
        outlets: vec!["Daily Lantern".into()],
        person: vec![
            person("kanye-west", "Kanye West", &["Ye"], "he"),
            person("odette-brandt", "Odette Brandt", &["Brandt"], "they"),
        ],
        not_people: vec!["Night Live".into()],
    };
    let problems = roster_problems(&roster);
    assert!(problems.is_empty(), "{problems:?}");
    roster
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let names = ["a.txt", "b.txt", "c.txt", "d.txt"];
    let articles: Vec<ArticleInput<'_>> = text
        .splitn(names.len(), '\0')
        .zip(names)
        .map(|(text, name)| ArticleInput { name, text })
        .collect();
    let ingested = ingest(&articles, &ROSTER);
    for problem in &ingested.problems {
        let article = articles
            .iter()
            .find(|a| a.name == problem.file)
            .unwrap_or_else(|| panic!("a problem names no input: {problem}"));
        let line: usize = problem
            .problem
            .location
            .parse()
            .unwrap_or_else(|_| panic!("a problem is not located by line: {problem}"));
        let lines = article.text.matches('\n').count() + 1;
        assert!(
            (1..=lines).contains(&line),
            "line {line} is outside the article's {lines} lines: {problem}"
        );
    }
    let invalid: Vec<_> = validate(&ingested.dataset)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(
        invalid.is_empty(),
        "the ingest made a dataset the app rejects: {invalid:?}"
    );
});
