//! The items a timeline shows: stories, quotes and posts, by index into
//! their dataset's lists.

/// One entry of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// `dataset.stories[i]`.
    Story(usize),
    /// `dataset.quotes[i]`.
    Quote(usize),
    /// `dataset.posts[i]`.
    Post(usize),
}

/// The heights in pixels of a timeline's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heights {
    /// A day's heading.
    pub heading: u32,
    /// A story.
    pub story: u32,
    /// A quote or a post.
    pub other: u32,
}

/// One day's items in a list: where they start and how many of them,
/// first, are stories (a day's stories come before its quotes and posts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRun {
    /// The index of the day's first item in the list.
    pub first: u32,
    /// How many of the day's items are stories.
    pub stories: u32,
    /// The explorer position of the day's first item.
    pub start: u32,
}

/// The items a timeline shows, in order, by day: explorer positions. When
/// every day's items are consecutive positions (everything in a date range,
/// whatever its size), only the days are kept and positions are computed;
/// otherwise the positions are listed.
#[derive(Clone, Debug, Default, Eq)]
pub struct Shown {
    /// The days, in list order.
    pub runs: Vec<DayRun>,
    /// The positions, when they are listed.
    list: Option<Vec<u32>>,
    len: usize,
}

impl Shown {
    /// Items given by their days alone: day `k` holds the positions
    /// `runs[k].start..` up to the next day's first item.
    pub fn consecutive(runs: Vec<DayRun>, len: usize) -> Shown {
        Shown {
            runs,
            list: None,
            len,
        }
    }

    /// Items listed by position, with their days.
    pub fn listed(runs: Vec<DayRun>, list: Vec<u32>) -> Shown {
        Shown {
            runs,
            len: list.len(),
            list: Some(list),
        }
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The position of item `i`.
    pub fn get(&self, i: usize) -> Option<u32> {
        if i >= self.len {
            return None;
        }
        match &self.list {
            Some(list) => list.get(i).copied(),
            None => {
                let d = self
                    .runs
                    .partition_point(|r| r.first as usize <= i)
                    .checked_sub(1)?;
                let run = self.runs[d];
                Some(run.start + (i as u32 - run.first))
            }
        }
    }

    /// Every position, in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).filter_map(|i| self.get(i))
    }
}

impl PartialEq for Shown {
    /// The same items by the same days, however they are kept.
    fn eq(&self, other: &Shown) -> bool {
        self.len == other.len && self.runs == other.runs && self.iter().eq(other.iter())
    }
}

/// Where the rows of a list of items sit, for a list that draws only the
/// rows in view. Each item is a slot: its day's heading when it is the
/// day's first item, then the item's row. Built from the list's days
/// ([`DayRun`]), not its items: a list of a million items over two thousand
/// days costs two thousand entries, and finding a slot by its place or a
/// place by its slot is a binary search over the days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowLayout {
    runs: Vec<DayRun>,
    /// The top of each day's heading, then the list's height.
    tops: Vec<u64>,
    len: usize,
    heights: Heights,
}

impl RowLayout {
    /// The layout of a list of `len` items whose days are `runs` (in list
    /// order, the first at item 0), with rows of these `heights`.
    pub fn new(runs: &[DayRun], len: usize, heights: Heights) -> RowLayout {
        let mut tops = Vec::with_capacity(runs.len() + 1);
        let mut y = 0u64;
        for (k, run) in runs.iter().enumerate() {
            tops.push(y);
            let end = runs.get(k + 1).map_or(len, |r| r.first as usize);
            let count = end.saturating_sub(run.first as usize) as u64;
            let stories = u64::from(run.stories).min(count);
            y += u64::from(heights.heading)
                + stories * u64::from(heights.story)
                + (count - stories) * u64::from(heights.other);
        }
        tops.push(y);
        RowLayout {
            runs: runs.to_vec(),
            tops,
            len,
            heights,
        }
    }

    /// How many slots (items) the list has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The height of the whole list.
    pub fn height(&self) -> u64 {
        self.tops.last().copied().unwrap_or(0)
    }

    /// The day (index into the runs) of slot `i`.
    fn run_of(&self, i: usize) -> usize {
        self.runs
            .partition_point(|r| r.first as usize <= i)
            .saturating_sub(1)
    }

    /// Where item `k` of a day with `stories` stories starts, below the
    /// day's heading.
    fn within(&self, k: usize, stories: u32) -> u64 {
        let stories = u64::from(stories).min(k as u64);
        stories * u64::from(self.heights.story)
            + (k as u64 - stories) * u64::from(self.heights.other)
    }

    /// Whether slot `i` starts with a day's heading.
    pub fn has_heading(&self, i: usize) -> bool {
        i < self.len
            && self
                .runs
                .get(self.run_of(i))
                .is_some_and(|r| r.first as usize == i)
    }

    /// The top of slot `i` (its heading's, when it has one); the list's
    /// height for `i` past the end.
    pub fn top(&self, i: usize) -> u64 {
        if i >= self.len || self.runs.is_empty() {
            return self.height();
        }
        let d = self.run_of(i);
        let run = self.runs[d];
        let k = i - run.first as usize;
        if k == 0 {
            self.tops[d]
        } else {
            self.tops[d] + u64::from(self.heights.heading) + self.within(k, run.stories)
        }
    }

    /// The top of slot `i`'s item row, below its heading if it has one.
    pub fn item_top(&self, i: usize) -> u64 {
        if i >= self.len || self.runs.is_empty() {
            return self.height();
        }
        let d = self.run_of(i);
        let run = self.runs[d];
        self.tops[d]
            + u64::from(self.heights.heading)
            + self.within(i - run.first as usize, run.stories)
    }

    /// The height of slot `i`'s item row.
    pub fn item_height(&self, i: usize) -> u32 {
        if i >= self.len || self.runs.is_empty() {
            return 0;
        }
        let run = self.runs[self.run_of(i)];
        if i - (run.first as usize) < run.stories as usize {
            self.heights.story
        } else {
            self.heights.other
        }
    }

    /// The slot at `y` (the last one for `y` past the end; 0 for an empty
    /// list).
    pub fn at(&self, y: u64) -> usize {
        if self.len == 0 || self.runs.is_empty() {
            return 0;
        }
        let d = self.tops[..self.runs.len()]
            .partition_point(|&t| t <= y)
            .saturating_sub(1);
        let run = self.runs[d];
        let end = self.runs.get(d + 1).map_or(self.len, |r| r.first as usize);
        let count = end - run.first as usize;
        let below =
            (y.saturating_sub(self.tops[d])).saturating_sub(u64::from(self.heights.heading));
        let stories = (run.stories as usize).min(count);
        let story_span = stories as u64 * u64::from(self.heights.story);
        let k = if below < story_span {
            (below / u64::from(self.heights.story.max(1))) as usize
        } else {
            stories + ((below - story_span) / u64::from(self.heights.other.max(1))) as usize
        };
        (run.first as usize + k.min(count - 1)).min(self.len - 1)
    }
}

/// Browsers cannot lay out an element much taller than 33 million pixels
/// (Chromium) or 17 million (Firefox). A taller list is drawn this tall and
/// scrolled faster: the page's scroll range maps onto the whole list.
pub const MAX_PAGE_HEIGHT: u64 = 10_000_000;

impl RowLayout {
    /// The height of the list element in the page: the list's own height,
    /// at most [`MAX_PAGE_HEIGHT`].
    pub fn page_height(&self) -> u64 {
        self.height().min(MAX_PAGE_HEIGHT)
    }

    /// How many pixels of the list one pixel of scrolling moves past: 1 for
    /// a list that fits the page, more for a taller one, so that scrolling
    /// to the page's end shows the list's end in a viewport `view` high.
    pub fn scale(&self, view: f64) -> f64 {
        let (full, page) = (self.height() as f64, self.page_height() as f64);
        if full <= page || page <= view {
            1.0
        } else {
            (full - view) / (page - view)
        }
    }

    /// The place in the list shown at the top of the viewport, for a
    /// viewport whose top is `scroll` pixels below the list element's top.
    pub fn offset(&self, scroll: f64, view: f64) -> f64 {
        if scroll <= 0.0 {
            scroll
        } else {
            scroll * self.scale(view)
        }
    }

    /// Where, in the list element, to draw the list's place `y` so that it
    /// shows where [`RowLayout::offset`] says.
    pub fn page_y(&self, y: u64, scroll: f64, view: f64) -> f64 {
        let scroll = scroll.max(0.0);
        scroll + (y as f64 - self.offset(scroll, view))
    }

    /// The scroll (viewport top below the list element's top) that shows
    /// the list's place `y` at the viewport's top.
    pub fn scroll_for(&self, y: f64, view: f64) -> f64 {
        (y / self.scale(view)).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Day;

    const H: Heights = Heights {
        heading: 50,
        story: 100,
        other: 200,
    };

    fn day(d: i64) -> Day {
        "2021-01-01".parse::<Day>().unwrap().add_days(d).unwrap()
    }

    /// The layout of items given as (day, is a story), a day's stories first.
    fn layout(items: &[(Day, bool)]) -> RowLayout {
        let mut runs: Vec<DayRun> = Vec::new();
        for (i, &(d, story)) in items.iter().enumerate() {
            if i == 0 || items[i - 1].0 != d {
                runs.push(DayRun {
                    first: i as u32,
                    stories: 0,
                    start: i as u32,
                });
            }
            if story {
                runs.last_mut().unwrap().stories += 1;
            }
        }
        RowLayout::new(&runs, items.len(), H)
    }

    #[test]
    fn slots_stack_with_a_heading_per_new_day() {
        // Day 0: story, quote; day 1: quote.
        let layout = layout(&[(day(0), true), (day(0), false), (day(1), false)]);
        assert_eq!(layout.len(), 3);
        assert_eq!(
            (0..4).map(|i| layout.top(i)).collect::<Vec<_>>(),
            [0, 150, 350, 600]
        );
        assert_eq!(layout.height(), 600);
        assert!(layout.has_heading(0) && !layout.has_heading(1) && layout.has_heading(2));
        assert_eq!(layout.item_top(2), 400);
        assert_eq!(layout.item_height(0), 100);
        assert_eq!(layout.item_height(1), 200);
        assert_eq!(layout.at(0), 0);
        assert_eq!(layout.at(149), 0);
        assert_eq!(layout.at(150), 1);
        assert_eq!(layout.at(599), 2);
        assert_eq!(layout.at(10_000), 2);
        assert_eq!(RowLayout::new(&[], 0, H).at(5), 0);
        assert_eq!(RowLayout::new(&[], 0, H).height(), 0);
    }

    #[test]
    fn a_list_taller_than_a_page_can_be_is_scrolled_faster() {
        let small = layout(&(0..100).map(|i| (day(i), false)).collect::<Vec<_>>());
        assert_eq!(small.page_height(), small.height());
        assert_eq!(small.scale(800.0), 1.0);
        assert_eq!(small.offset(1234.0, 800.0), 1234.0);
        assert_eq!(small.page_y(5000, 1234.0, 800.0), 5000.0);
        // 200,000 quotes, each on a new day: 50 million pixels.
        let tall = layout(&(0..200_000).map(|i| (day(i), false)).collect::<Vec<_>>());
        assert_eq!(tall.height(), 200_000 * (200 + 50));
        assert_eq!(tall.page_height(), MAX_PAGE_HEIGHT);
        let view = 800.0;
        let end = MAX_PAGE_HEIGHT as f64 - view;
        // Scrolled to the page's end, the list's end is at the viewport's bottom.
        assert!((tall.offset(end, view) + view - tall.height() as f64).abs() < 1e-3);
        assert!((tall.page_y(tall.height(), end, view) - MAX_PAGE_HEIGHT as f64).abs() < 1e-3);
        // Above the list, and at its top, nothing is scaled.
        assert_eq!(tall.offset(-50.0, view), -50.0);
        assert_eq!(tall.page_y(300, 0.0, view), 300.0);
        // Rows keep their order and spacing on the page.
        let scroll = 4_000_000.0;
        let y = tall.offset(scroll, view) as u64;
        assert_eq!(
            tall.page_y(y + 200, scroll, view) - tall.page_y(y, scroll, view),
            200.0
        );
        // scroll_for undoes offset.
        let target = 33_000_000.0;
        assert!((tall.offset(tall.scroll_for(target, view), view) - target).abs() < 1e-3);
    }

    #[test]
    fn consecutive_and_listed_items_read_alike() {
        // Days of 3, 1 and 2 items at positions 10.., 4, 0..
        let runs = vec![
            DayRun {
                first: 0,
                stories: 1,
                start: 10,
            },
            DayRun {
                first: 3,
                stories: 0,
                start: 4,
            },
            DayRun {
                first: 4,
                stories: 2,
                start: 0,
            },
        ];
        let computed = Shown::consecutive(runs.clone(), 6);
        let listed = Shown::listed(runs, vec![10, 11, 12, 4, 0, 1]);
        assert_eq!(computed.iter().collect::<Vec<_>>(), [10, 11, 12, 4, 0, 1]);
        assert_eq!(computed, listed);
        assert_eq!(computed.get(6), None);
        assert_eq!(Shown::default().get(0), None);
    }

    #[test]
    fn long_lists_agree_with_adding_up_every_slot() {
        // Days of 1 to 9 items, the first few of each a story.
        let mut items = Vec::new();
        for d in 0..300 {
            let n = 1 + (d * 7) % 9;
            for k in 0..n {
                items.push((day(d), k < (d % 4).min(n)));
            }
        }
        let layout = layout(&items);
        let mut y = 0;
        let mut last = None;
        for (i, &(d, story)) in items.iter().enumerate() {
            assert_eq!(layout.top(i), y, "top of {i}");
            let heading = last != Some(d);
            last = Some(d);
            assert_eq!(layout.has_heading(i), heading, "heading of {i}");
            let h = if heading { 50 } else { 0 } + if story { 100 } else { 200 };
            assert_eq!(layout.item_top(i), y + if heading { 50 } else { 0 });
            assert_eq!(
                u64::from(layout.item_height(i)),
                h - if heading { 50 } else { 0 }
            );
            assert_eq!(layout.at(y), i);
            assert_eq!(layout.at(y + h - 1), i);
            y += h;
        }
        assert_eq!(layout.height(), y);
        assert_eq!(layout.top(items.len()), y);
    }
}
