//! Filtering the timeline: which items a [`TimelineQuery`] shows, how many
//! each person and kind would show under the other filters (facet counts),
//! the histogram of items over time, and type-ahead over people.
//!
//! [`Explorer::new`] prepares each item once (its day, kind, people and
//! lowercased text) so that a filter change is one pass over plain data.

use crate::date::Day;
use crate::model::{Block, Dataset};
use crate::query::{Kind, Order, TimelineQuery};
use crate::timeline::{item_day, DayGroup, Item};

/// One prepared item.
#[derive(Clone, Debug)]
struct Entry {
    item: Item,
    day: Day,
    kind: Kind,
    people: Vec<usize>,
    text: String,
}

/// The dataset prepared for filtering.
#[derive(Clone, Debug)]
pub struct Explorer {
    entries: Vec<Entry>,
    people: usize,
    first: Option<Day>,
    last: Option<Day>,
}

/// The width of one histogram bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// One day.
    Day,
    /// Seven days, starting on Monday.
    Week,
    /// A calendar month.
    Month,
}

/// One bar of the histogram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// Its first day.
    pub start: Day,
    /// Its last day.
    pub end: Day,
    /// Items in it under the current filters (the date range aside).
    pub count: usize,
}

/// What the timeline shows for a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineView {
    /// The matching items by day, in the query's order.
    pub groups: Vec<DayGroup>,
    /// How many items match.
    pub total: usize,
    /// Per person (dataset order): items matching the other filters and them.
    pub person_counts: Vec<usize>,
    /// Per kind (story, quote, post): items matching the other filters.
    pub kind_counts: [usize; 3],
    /// The histogram's bar width.
    pub unit: Unit,
    /// Items over the dataset's whole span, under all filters but the dates.
    pub histogram: Vec<Bucket>,
}

/// A person offered by the type-ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Index into `dataset.people`.
    pub person: usize,
    /// The name, alias or descriptor that matched, when not the name.
    pub matched: Option<String>,
}

fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Story => 0,
        Kind::Quote => 1,
        Kind::Post => 2,
    }
}

impl Explorer {
    /// Prepares `dataset`.
    pub fn new(dataset: &Dataset) -> Explorer {
        let person_index = |id: &str| dataset.people.iter().position(|p| p.id == id);
        let name_of = |id: &Option<String>| {
            id.as_deref()
                .and_then(|id| dataset.person(id))
                .map_or(String::new(), |p| p.name.clone())
        };
        let mut entries =
            Vec::with_capacity(dataset.stories.len() + dataset.quotes.len() + dataset.posts.len());
        for (i, story) in dataset.stories.iter().enumerate() {
            let mut text = story.title.to_lowercase();
            for block in &story.body {
                if !matches!(block, Block::Post { .. }) {
                    text.push('\n');
                    text.push_str(&block.text().to_lowercase());
                }
            }
            entries.push(Entry {
                item: Item::Story(i),
                day: story.date,
                kind: Kind::Story,
                people: story
                    .people
                    .iter()
                    .filter_map(|p| person_index(p))
                    .collect(),
                text,
            });
        }
        for (i, quote) in dataset.quotes.iter().enumerate() {
            let Some(day) = item_day(dataset, Item::Quote(i)) else {
                continue;
            };
            entries.push(Entry {
                item: Item::Quote(i),
                day,
                kind: Kind::Quote,
                people: quote
                    .speaker
                    .as_deref()
                    .and_then(person_index)
                    .into_iter()
                    .collect(),
                text: format!(
                    "{}\n{}\n{}",
                    quote.text,
                    name_of(&quote.speaker),
                    quote.via.as_deref().unwrap_or("")
                )
                .to_lowercase(),
            });
        }
        for (i, post) in dataset.posts.iter().enumerate() {
            let Some(day) = item_day(dataset, Item::Post(i)) else {
                continue;
            };
            entries.push(Entry {
                item: Item::Post(i),
                day,
                kind: Kind::Post,
                people: post.people.iter().filter_map(|p| person_index(p)).collect(),
                text: format!(
                    "{}\n{}\n@{}",
                    post.text,
                    post.author.as_deref().unwrap_or(""),
                    post.handle.as_deref().unwrap_or("")
                )
                .to_lowercase(),
            });
        }
        let first = entries.iter().map(|e| e.day).min();
        let last = entries.iter().map(|e| e.day).max();
        Explorer {
            entries,
            people: dataset.people.len(),
            first,
            last,
        }
    }

    /// The first and last day of the dataset.
    pub fn span(&self) -> Option<(Day, Day)> {
        self.first.zip(self.last)
    }

    /// What `query` shows; `dataset` must be the one this was built from.
    pub fn run(&self, dataset: &Dataset, query: &TimelineQuery) -> TimelineView {
        let selected: Vec<usize> = query
            .people
            .iter()
            .filter_map(|id| dataset.people.iter().position(|p| &p.id == id))
            .collect();
        let words: Vec<String> = query
            .text
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let unit = self.unit();
        let mut histogram = self.buckets(unit);
        let mut person_counts = vec![0; self.people];
        let mut kind_counts = [0; 3];
        let mut matched: Vec<(Day, Item)> = Vec::new();
        for entry in &self.entries {
            let by_person =
                selected.is_empty() || entry.people.iter().any(|p| selected.contains(p));
            let by_date = query.from.is_none_or(|f| entry.day >= f)
                && query.to.is_none_or(|t| entry.day <= t);
            let by_kind = query.shows(entry.kind);
            let by_text = words.iter().all(|w| entry.text.contains(w.as_str()));
            if !by_text {
                continue;
            }
            if by_date && by_kind {
                for &p in &entry.people {
                    person_counts[p] += 1;
                }
            }
            if by_person && by_date {
                kind_counts[kind_index(entry.kind)] += 1;
            }
            if by_person && by_kind {
                if let Some(bucket) = bucket_of(&histogram, entry.day) {
                    histogram[bucket].count += 1;
                }
            }
            if by_person && by_date && by_kind {
                matched.push((entry.day, entry.item));
            }
        }
        match query.order {
            Order::Newest => matched.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1))),
            Order::Oldest => matched.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1))),
        }
        let total = matched.len();
        let mut groups: Vec<DayGroup> = Vec::new();
        for (day, item) in matched {
            match groups.last_mut() {
                Some(group) if group.day == day => group.items.push(item),
                _ => groups.push(DayGroup {
                    day,
                    items: vec![item],
                }),
            }
        }
        TimelineView {
            groups,
            total,
            person_counts,
            kind_counts,
            unit,
            histogram,
        }
    }

    /// Days for a span up to two months, weeks up to two years, else months.
    fn unit(&self) -> Unit {
        match self.span() {
            Some((a, b)) if a.days_until(b) <= 62 => Unit::Day,
            Some((a, b)) if a.days_until(b) <= 730 => Unit::Week,
            Some(_) => Unit::Month,
            None => Unit::Day,
        }
    }

    fn buckets(&self, unit: Unit) -> Vec<Bucket> {
        let Some((first, last)) = self.span() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut start = match unit {
            Unit::Day => first,
            Unit::Week => first
                .add_days(-i64::from(first.weekday_from_monday()))
                .unwrap_or(first),
            Unit::Month => Day::from_ymd(first.year(), first.month(), 1).unwrap_or(first),
        };
        while start <= last {
            let next = match unit {
                Unit::Day => start.add_days(1),
                Unit::Week => start.add_days(7),
                Unit::Month => {
                    let (y, m) = if start.month() == 12 {
                        (start.year() + 1, 1)
                    } else {
                        (start.year(), start.month() + 1)
                    };
                    Day::from_ymd(y, m, 1)
                }
            };
            let Some(next) = next else { break };
            out.push(Bucket {
                start,
                end: next.add_days(-1).unwrap_or(start),
                count: 0,
            });
            start = next;
        }
        out
    }

    /// People whose name, alias or descriptor matches what was typed: a
    /// prefix of the phrase or of one of its words, ignoring case and a
    /// leading "the". Exact matches come first, then by name.
    pub fn suggest(dataset: &Dataset, typed: &str) -> Vec<Suggestion> {
        let typed = typed.trim().to_lowercase();
        let typed = typed.strip_prefix("the ").unwrap_or(&typed).trim();
        if typed.is_empty() {
            return (0..dataset.people.len())
                .map(|person| Suggestion {
                    person,
                    matched: None,
                })
                .collect();
        }
        let mut found: Vec<(u8, Suggestion)> = Vec::new();
        for (i, person) in dataset.people.iter().enumerate() {
            let phrases = std::iter::once(&person.name)
                .chain(&person.aliases)
                .chain(&person.descriptors)
                .chain(&person.handles);
            let mut best: Option<(u8, &String)> = None;
            for phrase in phrases {
                let lower = phrase.to_lowercase();
                let rank = if lower == typed {
                    0
                } else if lower.starts_with(typed) {
                    1
                } else if lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(typed))
                {
                    2
                } else {
                    continue;
                };
                if best.is_none_or(|(r, _)| rank < r) {
                    best = Some((rank, phrase));
                }
            }
            if let Some((rank, phrase)) = best {
                let matched = (phrase != &person.name).then(|| phrase.clone());
                found.push((rank, Suggestion { person: i, matched }));
            }
        }
        found.sort_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                dataset.people[a.1.person]
                    .name
                    .cmp(&dataset.people[b.1.person].name)
            })
        });
        found.into_iter().map(|(_, s)| s).collect()
    }
}

fn bucket_of(buckets: &[Bucket], day: Day) -> Option<usize> {
    let i = buckets.partition_point(|b| b.end < day);
    buckets.get(i).filter(|b| b.start <= day).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        serde_json::from_str(
            r#"{"schema_version":1,
              "people":[{"id":"kanye-west","name":"Kanye West","aliases":["Ye","West"],"descriptors":["rapper"]},
                        {"id":"kim-kardashian","name":"Kim Kardashian","aliases":["Kim"],"descriptors":["SKIMS founder"]}],
              "stories":[{"id":"a","date":"2021-11-26","title":"Kanye and Kim","people":["kanye-west","kim-kardashian"],"body":[{"kind":"paragraph","text":"He spoke of mistakes."}]},
                         {"id":"b","date":"2021-10-02","title":"Kim alone","people":["kim-kardashian"],"body":[]}],
              "quotes":[{"id":"q1","story":"a","speaker":"kanye-west","text":"We made mistakes","date":"2021-11-24","via":null},
                        {"id":"q2","story":"b","speaker":null,"text":"No comment","date":null,"via":null}],
              "posts":[{"id":"p1","story":"a","platform":"twitter","text":"Kanye speaks","date":"2021-11-24","people":["kanye-west"]}]}"#,
        )
        .unwrap()
    }

    fn items(view: &TimelineView) -> Vec<String> {
        view.groups
            .iter()
            .flat_map(|g| g.items.iter().map(move |i| format!("{} {i:?}", g.day)))
            .collect()
    }

    fn run(query: &str) -> TimelineView {
        let d = dataset();
        let (q, notices) = TimelineQuery::parse(query, |id| d.person(id).is_some());
        assert!(notices.is_empty());
        Explorer::new(&d).run(&d, &q)
    }

    #[test]
    fn everything_newest_first() {
        let view = run("");
        assert_eq!(
            items(&view),
            [
                "2021-11-26 Story(0)",
                "2021-11-24 Quote(0)",
                "2021-11-24 Post(0)",
                "2021-10-02 Story(1)",
                "2021-10-02 Quote(1)",
            ]
        );
        assert_eq!(view.total, 5);
        assert_eq!(view.kind_counts, [2, 2, 1]);
        assert_eq!(view.person_counts, [3, 2]);
    }

    #[test]
    fn person_date_kind_and_text_filters_with_facet_counts() {
        let view = run("person=kanye-west");
        assert_eq!(view.total, 3);
        // Facets count under the other filters: the person facet ignores the person filter.
        assert_eq!(view.person_counts, [3, 2]);
        let view = run("person=kanye-west&kind=quote&order=oldest");
        assert_eq!(items(&view), ["2021-11-24 Quote(0)"]);
        assert_eq!(view.kind_counts, [1, 1, 1]);
        let view = run("from=2021-11-25");
        assert_eq!(items(&view), ["2021-11-26 Story(0)"]);
        let view = run("from=2020-01-01&to=2020-12-31");
        assert_eq!(view.total, 0);
        let view = run("q=MISTAKES");
        assert_eq!(items(&view), ["2021-11-26 Story(0)", "2021-11-24 Quote(0)"]);
        let view = run("q=kanye+ye");
        assert_eq!(view.total, 3, "a quote is found by its speaker's name too");
    }

    #[test]
    fn histogram_covers_the_span_and_ignores_the_date_filter() {
        let view = run("from=2021-11-25");
        assert_eq!(view.unit, Unit::Day);
        assert_eq!(view.histogram.len(), 56);
        assert_eq!(view.histogram.iter().map(|b| b.count).sum::<usize>(), 5);
        assert_eq!(view.histogram[0].start.to_string(), "2021-10-02");
    }

    #[test]
    fn type_ahead_over_names_aliases_and_descriptors() {
        let d = dataset();
        let names = |typed: &str| -> Vec<String> {
            Explorer::suggest(&d, typed)
                .iter()
                .map(|s| {
                    format!(
                        "{}{}",
                        d.people[s.person].name,
                        s.matched
                            .as_ref()
                            .map(|m| format!(" ({m})"))
                            .unwrap_or_default()
                    )
                })
                .collect()
        };
        assert_eq!(names("Ye"), ["Kanye West (Ye)"]);
        assert_eq!(names("the rapper"), ["Kanye West (rapper)"]);
        assert_eq!(names("kim"), ["Kim Kardashian (Kim)"]);
        assert_eq!(names("skims"), ["Kim Kardashian (SKIMS founder)"]);
        assert_eq!(names("k").len(), 2);
        assert_eq!(names("zzz"), Vec::<String>::new());
        assert_eq!(names("").len(), 2);
    }
}
