//! The timeline: every story, quote and post of a dataset on the day it
//! belongs to, newest day first.

use crate::date::Day;
use crate::model::Dataset;

/// One entry of the timeline, by index into the dataset's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    /// `dataset.stories[i]`.
    Story(usize),
    /// `dataset.quotes[i]`.
    Quote(usize),
    /// `dataset.posts[i]`.
    Post(usize),
}

/// The items of one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayGroup {
    /// The day.
    pub day: Day,
    /// Its items: stories first, then quotes, then posts, in dataset order.
    pub items: Vec<Item>,
}

/// The day an item belongs to: when it was said or posted if known, else
/// the date of its story.
pub fn item_day(dataset: &Dataset, item: Item) -> Option<Day> {
    let story_day = |id: &str| dataset.story(id).map(|s| s.date);
    match item {
        Item::Story(i) => dataset.stories.get(i).map(|s| s.date),
        Item::Quote(i) => dataset
            .quotes
            .get(i)
            .and_then(|q| q.date.or_else(|| story_day(&q.story))),
        Item::Post(i) => dataset
            .posts
            .get(i)
            .and_then(|p| p.date.or_else(|| story_day(&p.story))),
    }
}

/// The whole dataset grouped by day, newest day first.
pub fn timeline(dataset: &Dataset) -> Vec<DayGroup> {
    let mut items: Vec<(Day, Item)> = (0..dataset.stories.len())
        .map(Item::Story)
        .chain((0..dataset.quotes.len()).map(Item::Quote))
        .chain((0..dataset.posts.len()).map(Item::Post))
        .filter_map(|item| item_day(dataset, item).map(|d| (d, item)))
        .collect();
    items.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut groups: Vec<DayGroup> = Vec::new();
    for (day, item) in items {
        match groups.last_mut() {
            Some(group) if group.day == day => group.items.push(item),
            _ => groups.push(DayGroup {
                day,
                items: vec![item],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_day_newest_first() {
        let dataset: Dataset = serde_json::from_str(
            r#"{"schema_version":1,"people":[],
                "stories":[{"id":"s","date":"2021-11-26","title":"t","people":[],"body":[]}],
                "quotes":[{"id":"q1","story":"s","speaker":null,"text":"a","date":"2021-11-24","via":null},
                          {"id":"q2","story":"s","speaker":null,"text":"b","date":null,"via":null}],
                "posts":[{"id":"p","story":"s","platform":"twitter","text":"x","date":"2021-11-24"}]}"#,
        )
        .unwrap();
        let got: Vec<(String, Vec<Item>)> = timeline(&dataset)
            .into_iter()
            .map(|g| (g.day.to_string(), g.items))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "2021-11-26".to_string(),
                    vec![Item::Story(0), Item::Quote(1)]
                ),
                (
                    "2021-11-24".to_string(),
                    vec![Item::Quote(0), Item::Post(0)]
                ),
            ]
        );
    }
}
