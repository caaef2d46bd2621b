//! The timeline's state as it lives in the URL: `?person=kanye-west&from=
//! 2021-11-01&to=2021-11-30&kind=quote&q=mistakes&order=oldest`.
//!
//! The parameter names and formats are a public contract: shared links must
//! keep working. Parsing never fails; what does not parse is dropped and
//! reported as a [`Notice`] for the user.

use std::fmt::Write as _;

use crate::date::Day;
use crate::problem::excerpt;

/// What kind of item the timeline shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A story.
    Story,
    /// A quote.
    Quote,
    /// A post.
    Post,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 3] = [Kind::Story, Kind::Quote, Kind::Post];

    /// The URL word for the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Story => "story",
            Kind::Quote => "quote",
            Kind::Post => "post",
        }
    }

    fn parse(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

/// Which end of time comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Newest first (the default).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
}

/// Everything that decides what the timeline shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TimelineQuery {
    /// Person ids; an item matches when it involves any of them.
    pub people: Vec<String>,
    /// The first day shown.
    pub from: Option<Day>,
    /// The last day shown.
    pub to: Option<Day>,
    /// Kinds shown; empty means all.
    pub kinds: Vec<Kind>,
    /// Words to search for; empty means no search.
    pub text: String,
    /// Sort order.
    pub order: Order,
}

/// A part of a URL that was dropped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice(pub String);

/// The most people a link may select; more are dropped with a notice.
pub const MAX_PEOPLE: usize = 50;
/// The longest search text a link may carry, in characters.
pub const MAX_TEXT: usize = 500;
/// The most parameters of a link that are read; the rest are ignored with
/// a notice.
pub const MAX_PARAMS: usize = 100;
/// The most notices about one link; past it, one more says how many were
/// left out.
pub const MAX_NOTICES: usize = 10;

impl TimelineQuery {
    /// Whether the query shows everything (no filter set).
    pub fn is_unfiltered(&self) -> bool {
        self.people.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.kinds.is_empty()
            && self.text.trim().is_empty()
    }

    /// Whether `kind` is shown.
    pub fn shows(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// Reads a query string (with or without the leading `?`). `known_person`
    /// tells which person ids exist; others are dropped with a notice.
    pub fn parse(query: &str, known_person: impl Fn(&str) -> bool) -> (TimelineQuery, Vec<Notice>) {
        let mut q = TimelineQuery::default();
        let mut notices = Vec::new();
        let mut seen_text = false;
        let mut seen_order = false;
        let mut too_many_people = false;
        for (index, pair) in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            if index == MAX_PARAMS {
                notices.push(Notice(format!(
                    "The link has more than {MAX_PARAMS} parts; the rest were ignored."
                )));
                break;
            }
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key);
            let value = decode(value);
            let shown = excerpt(&value, 40);
            match key.as_str() {
                "person" => {
                    if value.is_empty() {
                        continue;
                    } else if !known_person(&value) {
                        notices.push(Notice(format!("No person has the id \u{201C}{shown}\u{201D}; that filter was dropped.")));
                    } else if q.people.len() >= MAX_PEOPLE {
                        if !std::mem::replace(&mut too_many_people, true) {
                            notices.push(Notice(format!("At most {MAX_PEOPLE} people can be chosen; the rest were dropped.")));
                        }
                    } else if !q.people.contains(&value) {
                        q.people.push(value);
                    }
                }
                "from" | "to" => {
                    // The first date that reads counts.
                    let set = if key == "from" { q.from.is_some() } else { q.to.is_some() };
                    if set {
                        notices.push(Notice(format!("\u{201C}{key}\u{201D} was given twice; the first was kept.")));
                        continue;
                    }
                    match value.parse::<Day>() {
                        Ok(day) if key == "from" => q.from = Some(day),
                        Ok(day) => q.to = Some(day),
                        Err(e) => notices.push(Notice(format!(
                            "The \u{201C}{key}\u{201D} date \u{201C}{shown}\u{201D} was dropped: {}.",
                            e.reason()
                        ))),
                    }
                }
                "kind" => match Kind::parse(&value) {
                    Some(kind) if !q.kinds.contains(&kind) => q.kinds.push(kind),
                    Some(_) => {}
                    None => notices.push(Notice(format!(
                        "\u{201C}{shown}\u{201D} is not a kind (story, quote or post); it was dropped."
                    ))),
                },
                "q" => {
                    if std::mem::replace(&mut seen_text, true) {
                        notices.push(Notice("The search was given twice; the first was kept.".into()));
                        continue;
                    }
                    if value.chars().count() > MAX_TEXT {
                        notices.push(Notice(format!("The search was cut to {MAX_TEXT} characters.")));
                    }
                    q.text = value.chars().take(MAX_TEXT).collect();
                }
                "order" => {
                    if std::mem::replace(&mut seen_order, true) {
                        notices.push(Notice("\u{201C}order\u{201D} was given twice; the first was kept.".into()));
                        continue;
                    }
                    match value.as_str() {
                        "newest" => q.order = Order::Newest,
                        "oldest" => q.order = Order::Oldest,
                        _ => notices.push(Notice(format!(
                            "\u{201C}{shown}\u{201D} is not an order (newest or oldest); newest first is shown."
                        ))),
                    }
                }
                _ => notices.push(Notice(format!(
                    "The link had an unknown part \u{201C}{}\u{201D}; it was ignored.",
                    excerpt(&key, 40)
                ))),
            }
        }
        if let (Some(from), Some(to)) = (q.from, q.to) {
            if from > to {
                q.from = Some(to);
                q.to = Some(from);
                notices.push(Notice(
                    "The dates were in the wrong order; they were swapped.".into(),
                ));
            }
        }
        q.kinds.sort();
        // Every kind named is no kind filter: one state, one URL.
        if q.kinds.len() == Kind::ALL.len() {
            q.kinds.clear();
        }
        if notices.len() > MAX_NOTICES {
            let more = notices.len() - MAX_NOTICES;
            notices.truncate(MAX_NOTICES);
            notices.push(Notice(format!(
                "{more} more part{} of the link could not be used.",
                if more == 1 { "" } else { "s" }
            )));
        }
        (q, notices)
    }

    /// The query string for this state, with the leading `?`, or an empty
    /// string when nothing is set. Parameters come in a fixed order, so one
    /// state has exactly one URL.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        let mut add = |key: &str, value: &str| {
            out.push(if out.is_empty() { '?' } else { '&' });
            let _ = write!(out, "{key}={}", encode(value));
        };
        for person in &self.people {
            add("person", person);
        }
        if let Some(from) = self.from {
            add("from", &from.to_string());
        }
        if let Some(to) = self.to {
            add("to", &to.to_string());
        }
        let mut kinds = self.kinds.clone();
        kinds.sort();
        kinds.dedup();
        if kinds.len() < Kind::ALL.len() {
            for kind in kinds {
                add("kind", kind.as_str());
            }
        }
        if !self.text.is_empty() {
            add("q", &self.text);
        }
        if self.order == Order::Oldest {
            add("order", "oldest");
        }
        out
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` as a space; invalid escapes stay as they
/// are and invalid UTF-8 becomes U+FFFD.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit() =>
            {
                let digit = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                out.push(digit(bytes[i + 1]) * 16 + digit(bytes[i + 2]));
                i += 3;
                continue;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str) -> bool {
        ["kanye-west", "kim-kardashian"].contains(&id)
    }

    #[test]
    fn parses_every_parameter() {
        let (q, notices) = TimelineQuery::parse(
            "?person=kanye-west&person=kim-kardashian&from=2021-11-01&to=2021-11-30&kind=quote&kind=post&q=made%20mistakes&order=oldest",
            known,
        );
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(q.people, ["kanye-west", "kim-kardashian"]);
        assert_eq!(q.from.unwrap().to_string(), "2021-11-01");
        assert_eq!(q.to.unwrap().to_string(), "2021-11-30");
        assert_eq!(q.kinds, [Kind::Quote, Kind::Post]);
        assert_eq!(q.text, "made mistakes");
        assert_eq!(q.order, Order::Oldest);
        assert_eq!(
            q.to_query_string(),
            "?person=kanye-west&person=kim-kardashian&from=2021-11-01&to=2021-11-30&kind=quote&kind=post&q=made%20mistakes&order=oldest"
        );
    }

    #[test]
    fn bad_parts_are_dropped_with_notices() {
        let (q, notices) = TimelineQuery::parse(
            "person=nobody&from=2021-02-30&to=soon&kind=video&order=sideways&utm_source=x&q=a+b&q=c&person=kanye-west&person=kanye-west",
            known,
        );
        assert_eq!(q.people, ["kanye-west"]);
        assert_eq!((q.from, q.to), (None, None));
        assert_eq!(q.text, "a b");
        let text: Vec<&str> = notices.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(text.len(), 7, "{text:#?}");
        assert!(text[0].contains("nobody"));
        assert!(text[1].contains("February 2021 has no day 30"));
        assert!(text[5].contains("utm_source"));
    }

    #[test]
    fn all_three_kinds_are_no_kind_filter() {
        // Found by fuzzing: this read as a state whose URL reads differently.
        let (q, notices) = TimelineQuery::parse("kind=post&kind=story&kind=quote&q=a", known);
        assert!(notices.is_empty());
        assert!(q.kinds.is_empty());
        assert_eq!(TimelineQuery::parse(&q.to_query_string(), known).0, q);
    }

    #[test]
    fn inverted_ranges_are_swapped_and_empty_is_empty() {
        let (q, notices) = TimelineQuery::parse("from=2022-01-01&to=2021-01-01", known);
        assert_eq!(q.from.unwrap().to_string(), "2021-01-01");
        assert_eq!(notices.len(), 1);
        let (q, notices) = TimelineQuery::parse("", known);
        assert!(q.is_unfiltered() && notices.is_empty());
        assert_eq!(q.to_query_string(), "");
    }

    #[test]
    fn malformed_repeated_and_huge_links_land_on_a_view_with_notices() {
        let texts = |query: &str| {
            let (q, notices) = TimelineQuery::parse(query, known);
            (q, notices.into_iter().map(|n| n.0).collect::<Vec<_>>())
        };
        let (q, notices) = texts(
            "?person=a&person=&from=2021-13-45&to=x&kind=zzz&q=%ZZ&order=oldest&order=newest",
        );
        assert_eq!(q.people, Vec::<String>::new());
        assert_eq!((q.from, q.to), (None, None));
        assert_eq!(q.text, "%ZZ");
        assert_eq!(q.order, Order::Oldest);
        assert_eq!(
            notices,
            [
                "No person has the id \u{201C}a\u{201D}; that filter was dropped.",
                "The \u{201C}from\u{201D} date \u{201C}2021-13-45\u{201D} was dropped: the month must be 01 to 12.",
                "The \u{201C}to\u{201D} date \u{201C}x\u{201D} was dropped: expected the form YYYY-MM-DD.",
                "\u{201C}zzz\u{201D} is not a kind (story, quote or post); it was dropped.",
                "\u{201C}order\u{201D} was given twice; the first was kept.",
            ]
        );
        let (q, notices) = texts("from=2021-13-45&from=2021-01-01&from=2021-02-01");
        assert_eq!(q.from.map(|d| d.to_string()).as_deref(), Some("2021-01-01"));
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert_eq!(
            notices[1],
            "\u{201C}from\u{201D} was given twice; the first was kept."
        );
        let (q, notices) = texts("from=99999999-01-01&to=0000-01-01");
        assert_eq!(
            (q.from, q.to.map(|d| d.to_string())),
            (None, Some("0000-01-01".into()))
        );
        assert!(
            notices[0].contains("expected the form YYYY-MM-DD"),
            "{notices:?}"
        );

        // 100 KB of query: a bounded number of short notices.
        let huge = format!(
            "from={}&{}",
            "9".repeat(50_000),
            "person=nobody&".repeat(4_000)
        );
        let (q, notices) = texts(&huge);
        assert!(q.is_unfiltered());
        assert_eq!(notices.len(), MAX_NOTICES + 1);
        assert!(
            notices.iter().all(|n| n.chars().count() < 200),
            "{notices:?}"
        );
        assert_eq!(
            notices[MAX_NOTICES],
            "91 more parts of the link could not be used."
        );
        let many_people = "person=kanye-west&".repeat(200);
        let (q, notices) = texts(&many_people);
        assert_eq!(q.people, ["kanye-west"]);
        assert_eq!(
            notices,
            [format!(
                "The link has more than {MAX_PARAMS} parts; the rest were ignored."
            )]
        );
    }

    #[test]
    fn encoding_round_trips_and_survives_garbage() {
        for text in ["a b&c=d", "100%", "Ye 🕊 “quote”", "%zz%", "+"] {
            assert_eq!(decode(&encode(text)), text);
        }
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%ff"), "\u{FFFD}");
    }

    mod round_trip {
        use super::super::*;
        use proptest::prelude::*;

        fn day() -> impl Strategy<Value = Day> {
            (1900i32..2100, 1u8..=12, 1u8..=28)
                .prop_map(|(y, m, d)| Day::from_ymd(y, m, d).unwrap())
        }

        fn query() -> impl Strategy<Value = TimelineQuery> {
            (
                proptest::collection::vec("[a-z0-9][a-z0-9-]{0,12}", 0..4),
                proptest::option::of(day()),
                proptest::option::of(day()),
                proptest::sample::subsequence(Kind::ALL.to_vec(), 0..=3),
                "\\PC{0,30}",
                any::<bool>(),
            )
                .prop_map(|(mut people, from, to, kinds, text, oldest)| {
                    people.dedup();
                    let mut seen = Vec::new();
                    people.retain(|p| {
                        !seen.contains(p) && {
                            seen.push(p.clone());
                            true
                        }
                    });
                    let (from, to) = match (from, to) {
                        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
                        other => other,
                    };
                    // All three kinds means no kind filter: the URL says nothing.
                    let kinds = if kinds.len() == 3 { Vec::new() } else { kinds };
                    TimelineQuery {
                        people,
                        from,
                        to,
                        kinds,
                        text,
                        order: if oldest { Order::Oldest } else { Order::Newest },
                    }
                })
        }

        proptest! {
            #[test]
            fn state_to_url_to_state(q in query()) {
                let url = q.to_query_string();
                let (back, notices) = TimelineQuery::parse(&url, |_| true);
                prop_assert!(notices.is_empty(), "{:?} from {}", notices, url);
                prop_assert_eq!(back, q);
            }

            #[test]
            fn any_query_string_parses_without_panicking(s in "\\PC{0,200}") {
                let (q, _) = TimelineQuery::parse(&s, |id| id.len() < 5);
                // What was read writes back to a URL that reads the same.
                let (again, notices) = TimelineQuery::parse(&q.to_query_string(), |_| true);
                prop_assert!(notices.is_empty());
                prop_assert_eq!(again, q);
            }
        }
    }
}
