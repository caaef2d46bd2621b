//! Fuzzes the dataset loader the way the app uses it: the text is parsed as
//! JSON, validated, and a dataset without errors is prepared for the
//! timeline and filtered with a few queries. Nothing may panic, and the
//! timeline's counts must agree with its items.

#![no_main]

use libfuzzer_sys::fuzz_target;
use storyscope_core::explore::Explorer;
use storyscope_core::query::{Kind, Order, TimelineQuery};
use storyscope_core::validate::validate;
use storyscope_core::{Dataset, Problem};

/// Queries built from the dataset's own content, so that the filters match
/// something.
fn queries(dataset: &Dataset, explorer: &Explorer) -> Vec<TimelineQuery> {
    let person = dataset.people.first().map(|p| p.id.clone());
    let words: String = dataset
        .stories
        .first()
        .map(|s| {
            s.title
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let prefix: String = dataset
        .quotes
        .first()
        .map(|q| q.text.chars().take(3).collect())
        .unwrap_or_default();
    let (first, last) = explorer.span().unzip();
    vec![
        TimelineQuery::default(),
        TimelineQuery {
            people: person.into_iter().collect(),
            kinds: vec![Kind::Quote],
            order: Order::Oldest,
            ..TimelineQuery::default()
        },
        TimelineQuery {
            from: first,
            to: first,
            text: words,
            ..TimelineQuery::default()
        },
        TimelineQuery {
            from: last,
            text: format!("{prefix} ünïcode ß"),
            kinds: vec![Kind::Story, Kind::Post],
            ..TimelineQuery::default()
        },
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(dataset) = serde_json::from_str::<Dataset>(text) else {
        return;
    };
    if validate(&dataset).iter().any(Problem::is_error) {
        return;
    }
    let explorer = Explorer::new(&dataset);
    for query in queries(&dataset, &explorer) {
        let view = explorer.run(&dataset, &query);
        assert_eq!(view.total, view.items.len());
        assert!(view.total <= explorer.len());
        assert_eq!(view.person_counts.len(), dataset.people.len());
        let days: Vec<_> = view.items.iter().map(|e| explorer.day(e)).collect();
        let sorted = match query.order {
            Order::Oldest => days.windows(2).all(|w| w[0] <= w[1]),
            Order::Newest => days.windows(2).all(|w| w[0] >= w[1]),
        };
        assert!(sorted, "items out of order for {query:?}");
        if query.is_unfiltered() {
            assert_eq!(view.total, explorer.len());
            assert_eq!(view.kind_counts.iter().sum::<usize>(), explorer.len());
            let bars: usize = view.histogram.iter().map(|b| b.count).sum();
            assert_eq!(bars, explorer.len());
        }
    }
    for story in &dataset.stories {
        assert!(explorer.story(&dataset, &story.id).is_some());
    }
    if let Some(person) = dataset.people.first() {
        let typed: String = person.name.chars().take(2).collect();
        let _ = Explorer::suggest(&dataset, &typed);
    }
});
