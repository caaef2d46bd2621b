//! Fuzzes the timeline's URL state and the link allowlist. Whatever a query
//! string holds, reading it never panics, and the state it reads writes back
//! to a URL that reads as the same state (one state, one URL). A state built
//! directly from the bytes round-trips the same way.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use storyscope_core::query::{decode, encode, Kind, Order, TimelineQuery, MAX_PEOPLE, MAX_TEXT};
use storyscope_core::url::safe_link;
use storyscope_core::Day;

/// Checks state → URL → state, and that the URL is canonical.
fn round_trips(q: &TimelineQuery) {
    let url = q.to_query_string();
    let (back, notices) = TimelineQuery::parse(&url, |_| true);
    assert!(notices.is_empty(), "{notices:?} from {url}");
    assert_eq!(&back, q, "from {url}");
    assert_eq!(back.to_query_string(), url);
}

/// A state as the app can hold it: people unique and non-empty, dates in
/// order, kinds sorted and not all three, text within its limit.
fn state(u: &mut Unstructured<'_>) -> Result<TimelineQuery> {
    let mut people: Vec<String> = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        let id: String = u.arbitrary()?;
        if !id.is_empty() && !people.contains(&id) && people.len() < MAX_PEOPLE {
            people.push(id);
        }
    }
    let day = |u: &mut Unstructured<'_>| -> Result<Option<Day>> {
        Ok(if u.arbitrary()? {
            Day::from_ymd(
                u.int_in_range(0..=9999)?,
                u.int_in_range(1..=12)?,
                u.int_in_range(1..=31)?,
            )
        } else {
            None
        })
    };
    let (mut from, mut to) = (day(u)?, day(u)?);
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            (from, to) = (Some(b), Some(a));
        }
    }
    let mut kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|_| u.arbitrary().unwrap_or(false))
        .collect();
    if kinds.len() == Kind::ALL.len() {
        kinds.clear();
    }
    let text: String = u.arbitrary::<String>()?.chars().take(MAX_TEXT).collect();
    let order = if u.arbitrary()? {
        Order::Oldest
    } else {
        Order::Newest
    };
    Ok(TimelineQuery {
        people,
        from,
        to,
        kinds,
        text,
        order,
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (q, _) = TimelineQuery::parse(&text, |id| id.len() % 3 != 0);
    round_trips(&q);
    assert_eq!(decode(&encode(&text)), text);
    // A link the allowlist passes is plain http(s) and passes again as is.
    if let Some(link) = safe_link(&text) {
        let lower = link.to_ascii_lowercase();
        assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{link:?}");
        assert!(!link.chars().any(|c| c.is_whitespace() || c.is_control()), "{link:?}");
        assert_eq!(safe_link(&link).as_deref(), Some(link.as_str()));
    }
    if let Ok(q) = state(&mut Unstructured::new(data)) {
        round_trips(&q);
    }
});
