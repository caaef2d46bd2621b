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

/// Where the rows of a list of items sit, for a list that draws only the
/// rows in view. Each item is a slot: a heading when its day differs from
/// the previous item's, then the item's row. Built in one pass over the
/// items; finding a slot by its place or a place by its slot then walks at
/// most [`Layout::BLOCK`] slots, so a list of a million items costs one
/// byte per item and no per-item work when it scrolls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Per slot: bit 0 set when it starts with a heading, bit 1 when its
    /// item is a story.
    flags: Vec<u8>,
    /// The top of every `BLOCK`-th slot, then the list's height.
    tops: Vec<u64>,
    heights: Heights,
}

const HEADING: u8 = 1;
const STORY: u8 = 2;

impl Layout {
    /// How many slots share one recorded top.
    pub const BLOCK: usize = 64;

    /// The layout of `items` (each given as its day and whether it is a
    /// story) with rows of these `heights`.
    pub fn new(items: impl Iterator<Item = (crate::Day, bool)>, heights: Heights) -> Layout {
        let mut flags = Vec::with_capacity(items.size_hint().0);
        let mut tops = Vec::with_capacity(flags.capacity() / Self::BLOCK + 2);
        let mut y = 0u64;
        let mut last = None;
        for (i, (day, story)) in items.enumerate() {
            if i % Self::BLOCK == 0 {
                tops.push(y);
            }
            let mut f = 0;
            if last != Some(day) {
                f |= HEADING;
                last = Some(day);
            }
            if story {
                f |= STORY;
            }
            flags.push(f);
            y += u64::from(slot_height(f, heights));
        }
        tops.push(y);
        Layout {
            flags,
            tops,
            heights,
        }
    }

    /// How many slots (items) the list has.
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// The height of the whole list.
    pub fn height(&self) -> u64 {
        self.tops.last().copied().unwrap_or(0)
    }

    /// Whether slot `i` starts with a day's heading.
    pub fn has_heading(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & HEADING != 0)
    }

    /// The top of slot `i` (its heading's, when it has one); the list's
    /// height for `i` past the end.
    pub fn top(&self, i: usize) -> u64 {
        if i >= self.len() {
            return self.height();
        }
        let block = i / Self::BLOCK;
        let from = block * Self::BLOCK;
        self.tops[block]
            + self.flags[from..i]
                .iter()
                .map(|&f| u64::from(slot_height(f, self.heights)))
                .sum::<u64>()
    }

    /// The top of slot `i`'s item row, below its heading if it has one.
    pub fn item_top(&self, i: usize) -> u64 {
        self.top(i)
            + if self.has_heading(i) {
                u64::from(self.heights.heading)
            } else {
                0
            }
    }

    /// The height of slot `i`'s item row.
    pub fn item_height(&self, i: usize) -> u32 {
        match self.flags.get(i) {
            Some(f) if f & STORY != 0 => self.heights.story,
            Some(_) => self.heights.other,
            None => 0,
        }
    }

    /// The slot at `y` (the last one for `y` past the end; 0 for an empty
    /// list).
    pub fn at(&self, y: u64) -> usize {
        if self.flags.is_empty() {
            return 0;
        }
        // The last block starting at or above y, then slot by slot.
        let block = self.tops[..self.tops.len() - 1]
            .partition_point(|&t| t <= y)
            .saturating_sub(1);
        let mut i = block * Self::BLOCK;
        let mut top = self.tops[block];
        while i + 1 < self.len() {
            let next = top + u64::from(slot_height(self.flags[i], self.heights));
            if next > y {
                break;
            }
            top = next;
            i += 1;
        }
        i
    }
}

/// Browsers cannot lay out an element much taller than 33 million pixels
/// (Chromium) or 17 million (Firefox). A taller list is drawn this tall and
/// scrolled faster: the page's scroll range maps onto the whole list.
pub const MAX_PAGE_HEIGHT: u64 = 10_000_000;

impl Layout {
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
    /// shows where [`Layout::offset`] says.
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

fn slot_height(flags: u8, heights: Heights) -> u32 {
    let heading = if flags & HEADING != 0 {
        heights.heading
    } else {
        0
    };
    heading
        + if flags & STORY != 0 {
            heights.story
        } else {
            heights.other
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

    #[test]
    fn slots_stack_with_a_heading_per_new_day() {
        // Day 0: story, quote; day 1: quote.
        let layout = Layout::new(
            [(day(0), true), (day(0), false), (day(1), false)].into_iter(),
            H,
        );
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
        assert_eq!(Layout::new(std::iter::empty(), H).at(5), 0);
    }

    #[test]
    fn a_list_taller_than_a_page_can_be_is_scrolled_faster() {
        let small = Layout::new((0..100).map(|i| (day(i), false)), H);
        assert_eq!(small.page_height(), small.height());
        assert_eq!(small.scale(800.0), 1.0);
        assert_eq!(small.offset(1234.0, 800.0), 1234.0);
        assert_eq!(small.page_y(5000, 1234.0, 800.0), 5000.0);
        // 200,000 quotes, each on a new day: 50 million pixels.
        let tall = Layout::new((0..200_000).map(|i| (day(i % 50_000), false)), H);
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
    fn long_lists_agree_with_adding_up_every_slot() {
        let items: Vec<(Day, bool)> = (0..1000).map(|i| (day(i / 7), i % 3 == 0)).collect();
        let layout = Layout::new(items.iter().copied(), H);
        let mut y = 0;
        let mut last = None;
        for (i, &(d, story)) in items.iter().enumerate() {
            assert_eq!(layout.top(i), y, "top of {i}");
            let heading = last != Some(d);
            last = Some(d);
            let h = if heading { 50 } else { 0 } + if story { 100 } else { 200 };
            assert_eq!(layout.at(y), i);
            assert_eq!(layout.at(y + h - 1), i);
            y += h;
        }
        assert_eq!(layout.height(), y);
    }
}
