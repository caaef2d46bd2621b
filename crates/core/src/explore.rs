//! Filtering the timeline: which items a [`TimelineQuery`] shows, how many
//! each person and kind would show under the other filters (facet counts),
//! the histogram of items over time, and type-ahead over people.
//!
//! [`Explorer::new`] prepares each item once (its day, kind, people and
//! lowercased text) so that a filter change is one pass over plain data.

use crate::hash::FastMap;

use crate::date::Day;
use crate::model::{Block, Dataset};
use crate::query::{Kind, Order, TimelineQuery};
use crate::timeline::{DayRun, Item, Shown};

/// The dataset prepared for filtering: every item once, sorted by day, in
/// flat columns, with the people of each item, its histogram bar, and an
/// index from words to the items that hold them.
#[derive(Clone, Debug)]
pub struct Explorer {
    items: Vec<Item>,
    days: Vec<Day>,
    kinds: Vec<Kind>,
    bars: Vec<u32>,
    /// `people[people_at[e]..people_at[e + 1]]` are the people of item `e`
    /// (each once).
    people_at: Vec<u32>,
    people: Vec<u32>,
    people_count: usize,
    /// The items of each kind (story, quote, post), ascending.
    by_kind: [Vec<u32>; 3],
    /// The items of person `p` and kind `k`, ascending, are
    /// `person_items[person_at[3p + k]..person_at[3p + k + 1]]`.
    person_at: Vec<u32>,
    person_items: Vec<u32>,
    /// The items of person `p` of every kind, ascending, are
    /// `person_all[person_all_at[p]..person_all_at[p + 1]]`: what a person
    /// filter shows, copied out whole.
    person_all_at: Vec<u32>,
    person_all: Vec<u32>,
    /// The first item of each histogram bar, then the number of items.
    bar_starts: Vec<u32>,
    /// For every list (see [`Explorer::list`]), where each bar's items
    /// start in it, then its length: `bar_starts.len()` entries per list.
    /// Counting a list's items within dates then searches only the items
    /// of the two bars at the ends, and its histogram is read off directly:
    /// a filter touches a few cache lines per list instead of searching
    /// lists of hundreds of thousands of items.
    bar_offsets: Vec<u32>,
    /// Every word of the items' text, sorted, with the items holding it.
    vocabulary: Vec<(Box<str>, Vec<u32>)>,
    unit: Unit,
    buckets: Vec<Bucket>,
    /// Per story (dataset order): its number of quotes and posts.
    story_counts: Vec<(u32, u32)>,
    /// The quotes of story `s` are `story_quotes[quotes_at[s]..quotes_at[s + 1]]`
    /// (indexes into the dataset's quotes, in dataset order); posts alike.
    quotes_at: Vec<u32>,
    story_quotes: Vec<u32>,
    posts_at: Vec<u32>,
    story_posts: Vec<u32>,
    /// Story ids to their index in the dataset.
    story_index: FastMap<String, u32>,
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
    /// The matching items' positions (see [`Explorer::item`]), in the
    /// query's order, with their days.
    pub items: Shown,
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

/// Whether the query shows stories, quotes and posts.
fn shown_kinds(query: &TimelineQuery) -> [bool; 3] {
    [
        query.shows(Kind::Story),
        query.shows(Kind::Quote),
        query.shows(Kind::Post),
    ]
}

fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Story => 0,
        Kind::Quote => 1,
        Kind::Post => 2,
    }
}

/// The lowercased words of `text`: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Where a filter finds the items holding a word: the explorer's own index
/// for a whole dataset, or the word shards of a split one loaded so far.
pub trait Words {
    /// Calls `each` with the items (explorer positions, ascending) of every
    /// indexed word that starts with `prefix`.
    fn with_prefix(&self, prefix: &str, each: &mut dyn FnMut(&[u32]));
}

/// A sorted list of (word, items), as the explorer keeps its own.
struct SortedWords<'a>(&'a [(Box<str>, Vec<u32>)]);

impl Words for SortedWords<'_> {
    fn with_prefix(&self, prefix: &str, each: &mut dyn FnMut(&[u32])) {
        let from = self.0.partition_point(|(w, _)| w.as_ref() < prefix);
        for (_, list) in self.0[from..]
            .iter()
            .take_while(|(w, _)| w.starts_with(prefix))
        {
            each(list);
        }
    }
}

/// The lowercased words of a search, as the index holds them.
pub fn search_words(text: &str) -> Vec<String> {
    words(text).collect()
}

/// The first index in `from..to` where `past` holds (it must hold from
/// some index on), or `to`, probing 1, 2, 4, ... steps ahead first: a day's
/// items are few and near, so this reads memory close to `from`.
fn gallop_forward(from: usize, to: usize, past: impl Fn(usize) -> bool) -> usize {
    let mut step = 1;
    let mut lo = from;
    while lo + step < to && !past(lo + step) {
        lo += step;
        step *= 2;
    }
    bisect(lo, (lo + step).min(to), past)
}

/// The first index in `0..to` from which `within` holds up to `to`
/// (`within` holds at `to - 1`), probing 1, 2, 4, ... steps back first.
fn gallop_back(to: usize, within: impl Fn(usize) -> bool) -> usize {
    let mut step = 1;
    let mut hi = to - 1;
    while hi >= step && within(hi - step) {
        hi -= step;
        step *= 2;
    }
    bisect(hi.saturating_sub(step), hi, within)
}

/// Item positions `lo..hi`, with the histogram bars holding `lo` and `hi`.
struct Span {
    lo: u32,
    hi: u32,
    bar_lo: usize,
    bar_hi: usize,
}

/// The items a query matches, ascending: a run of positions, or a list.
enum Matched {
    Range(u32, u32),
    List(Vec<u32>),
}

/// A set of items as a bit per item.
struct ItemSet(Vec<u64>);

impl ItemSet {
    fn empty(len: usize) -> ItemSet {
        ItemSet(vec![0; len.div_ceil(64)])
    }
    fn insert(&mut self, e: u32) {
        self.0[e as usize / 64] |= 1 << (e % 64);
    }
    /// The items in the set, ascending.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    w * 64 + b
                })
            })
        })
    }
    fn intersect(&mut self, other: &ItemSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }
}

impl Explorer {
    /// Prepares `dataset`.
    pub fn new(dataset: &Dataset) -> Explorer {
        Explorer::prepare(dataset, true)
    }

    /// Prepares the outline of a split dataset (see [`crate::split`]): as
    /// [`Explorer::new`], but without a word index, since the outline has no
    /// text; searches go through [`Explorer::run_with`] and the word shards.
    pub fn for_outline(outline: &Dataset) -> Explorer {
        Explorer::prepare(outline, false)
    }

    fn prepare(dataset: &Dataset, with_words: bool) -> Explorer {
        let people_ids: FastMap<&str, u32> = dataset
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let story_index: FastMap<&str, u32> = dataset
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i as u32))
            .collect();
        // Each quote's and post's story, looked up once. They come grouped
        // by story, mostly in the stories' order: the story of the one
        // before, or the next story, is a comparison away from a lookup.
        let stories = &dataset.stories;
        let find_story = |last: &mut u32, id: &str| {
            let near = *last as usize;
            let found = if stories.get(near).is_some_and(|s| s.id == id) {
                Some(*last)
            } else if stories.get(near + 1).is_some_and(|s| s.id == id) {
                Some(*last + 1)
            } else {
                story_index.get(id).copied()
            };
            *last = found.unwrap_or(*last);
            found
        };
        let mut last = 0;
        let quote_story: Vec<Option<u32>> = dataset
            .quotes
            .iter()
            .map(|q| find_story(&mut last, &q.story))
            .collect();
        let mut last = 0;
        let post_story: Vec<Option<u32>> = dataset
            .posts
            .iter()
            .map(|p| find_story(&mut last, &p.story))
            .collect();
        let story_day = |s: Option<u32>| s.map(|s| dataset.stories[s as usize].date);

        // (day, item, kind) for every item that has a day.
        let mut rows: Vec<(Day, Item, Kind)> =
            Vec::with_capacity(dataset.stories.len() + dataset.quotes.len() + dataset.posts.len());
        for (i, story) in dataset.stories.iter().enumerate() {
            rows.push((story.date, Item::Story(i), Kind::Story));
        }
        for (i, quote) in dataset.quotes.iter().enumerate() {
            if let Some(day) = quote.date.or_else(|| story_day(quote_story[i])) {
                rows.push((day, Item::Quote(i), Kind::Quote));
            }
        }
        for (i, post) in dataset.posts.iter().enumerate() {
            if let Some(day) = post.date.or_else(|| story_day(post_story[i])) {
                rows.push((day, Item::Post(i), Kind::Post));
            }
        }
        rows.sort_by_key(|r| (r.0, r.1));

        let first = rows.first().map(|r| r.0);
        let last = rows.last().map(|r| r.0);
        let unit = match first.zip(last) {
            Some((a, b)) if a.days_until(b) <= 62 => Unit::Day,
            Some((a, b)) if a.days_until(b) <= 730 => Unit::Week,
            _ => Unit::Month,
        };
        let buckets = first
            .zip(last)
            .map_or_else(Vec::new, |(a, b)| buckets(unit, a, b));

        let mut explorer = Explorer {
            items: Vec::with_capacity(rows.len()),
            days: Vec::with_capacity(rows.len()),
            kinds: Vec::with_capacity(rows.len()),
            bars: Vec::with_capacity(rows.len()),
            people_at: Vec::with_capacity(rows.len() + 1),
            people: Vec::new(),
            people_count: dataset.people.len(),
            by_kind: Default::default(),
            person_at: Vec::new(),
            person_items: Vec::new(),
            person_all_at: Vec::new(),
            person_all: Vec::new(),
            bar_starts: Vec::new(),
            bar_offsets: Vec::new(),
            vocabulary: Vec::new(),
            unit,
            buckets,
            story_counts: vec![(0, 0); dataset.stories.len()],
            quotes_at: Vec::new(),
            story_quotes: Vec::new(),
            posts_at: Vec::new(),
            story_posts: Vec::new(),
            story_index: dataset
                .stories
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i as u32))
                .collect(),
        };
        for s in quote_story.iter().flatten() {
            explorer.story_counts[*s as usize].0 += 1;
        }
        for s in post_story.iter().flatten() {
            explorer.story_counts[*s as usize].1 += 1;
        }
        (explorer.quotes_at, explorer.story_quotes) = group_by_story(
            &quote_story,
            dataset.stories.len(),
            |c| c.0,
            &explorer.story_counts,
        );
        (explorer.posts_at, explorer.story_posts) = group_by_story(
            &post_story,
            dataset.stories.len(),
            |c| c.1,
            &explorer.story_counts,
        );
        explorer.people_at.push(0);
        let mut words = with_words.then(WordIndex::default);
        explorer.add_rows(&rows, dataset, &people_ids, words.as_mut());
        explorer.index_lists();
        explorer.vocabulary = words
            .map(|w| w.postings)
            .unwrap_or_default()
            .into_iter()
            .map(|(w, l)| (w.into_boxed_str(), l))
            .collect();
        explorer.vocabulary.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        explorer
    }

    /// The quotes of story `index` (indexes into the dataset's quotes).
    pub fn quotes_of(&self, index: usize) -> &[u32] {
        match (self.quotes_at.get(index), self.quotes_at.get(index + 1)) {
            (Some(&a), Some(&b)) => &self.story_quotes[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The posts of story `index` (indexes into the dataset's posts).
    pub fn posts_of(&self, index: usize) -> &[u32] {
        match (self.posts_at.get(index), self.posts_at.get(index + 1)) {
            (Some(&a), Some(&b)) => &self.story_posts[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The number of quotes and posts of story `index`.
    pub fn story_counts(&self, index: usize) -> (usize, usize) {
        self.story_counts
            .get(index)
            .map_or((0, 0), |&(q, p)| (q as usize, p as usize))
    }

    /// The story with this id, found through an index.
    pub fn story<'d>(&self, dataset: &'d Dataset, id: &str) -> Option<&'d crate::model::Story> {
        self.story_index
            .get(id)
            .and_then(|&i| dataset.stories.get(i as usize))
    }

    /// The position of the story with this id in the dataset's list.
    pub fn story_position(&self, id: &str) -> Option<usize> {
        self.story_index.get(id).map(|&i| i as usize)
    }

    /// How many items the dataset has.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the dataset has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The first and last day of the dataset.
    pub fn span(&self) -> Option<(Day, Day)> {
        self.days.first().copied().zip(self.days.last().copied())
    }

    /// The items holding a word that starts with each word of `text` (all
    /// of them), or `None` when `text` has no words.
    fn text_matches(&self, text: &str, index: &dyn Words) -> Option<ItemSet> {
        let mut result: Option<ItemSet> = None;
        let len = self.items.len();
        for word in words(text) {
            let mut set = ItemSet::empty(len);
            index.with_prefix(&word, &mut |list| {
                for &e in list.iter().filter(|&&e| (e as usize) < len) {
                    set.insert(e);
                }
            });
            match &mut result {
                None => result = Some(set),
                Some(all) => all.intersect(&set),
            }
        }
        result
    }

    /// Every indexed word (lowercased, sorted) with the positions of the
    /// items holding it, ascending.
    pub fn words(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.vocabulary
            .iter()
            .map(|(w, l)| (w.as_ref(), l.as_slice()))
    }

    /// What `query` shows; `dataset` must be the one this was built from.
    pub fn run(&self, dataset: &Dataset, query: &TimelineQuery) -> TimelineView {
        self.run_with(dataset, query, &SortedWords(&self.vocabulary))
    }

    /// What `query` shows, finding its words in `index` rather than in the
    /// explorer's own (which, for a split dataset, knows no quote or post
    /// text). Item positions are the order [`Explorer::new`] gives: by day,
    /// then stories, quotes and posts in dataset order, so the same outline
    /// always numbers its items the same way.
    ///
    /// Without a search, and with at most one person chosen, every figure
    /// comes from binary searches in the per-kind and per-person lists and
    /// the matching items are copied out of them: no item is looked at one
    /// by one. A search or several people scan only the items they match.
    pub fn run_with(
        &self,
        dataset: &Dataset,
        query: &TimelineQuery,
        index: &dyn Words,
    ) -> TimelineView {
        let mut chosen: Vec<u32> = query
            .people
            .iter()
            .filter_map(|id| dataset.people.iter().position(|p| &p.id == id))
            .map(|i| i as u32)
            .collect();
        chosen.sort_unstable();
        chosen.dedup();
        let shows = shown_kinds(query);
        let (lo, hi) = self.date_bounds(query);
        let hi = hi.max(lo);
        let mut view = TimelineView {
            items: Shown::default(),
            total: 0,
            person_counts: vec![0; self.people_count],
            kind_counts: [0; 3],
            unit: self.unit,
            histogram: self.buckets.clone(),
        };
        let span = self.date_span(lo, hi);
        let text = self.text_matches(&query.text, index);
        let people = self.people_count;
        let matched = match (&text, chosen.as_slice()) {
            (None, []) => self.counted_lists([0, 1, 2], None, shows, &span, &mut view),
            (None, &[p]) => {
                let p = p as usize;
                let ids = [3 + 3 * p, 4 + 3 * p, 5 + 3 * p];
                self.counted_lists(ids, Some(3 + 3 * people + p), shows, &span, &mut view)
            }
            (None, many) => {
                // Everything said by or about any of them, each item once.
                let mut union = ItemSet::empty(self.items.len());
                for &p in many {
                    for list in self.lists_of(p) {
                        for &e in list {
                            union.insert(e);
                        }
                    }
                }
                Matched::List(self.scan(union.iter(), None, shows, lo, hi, &mut view))
            }
            (Some(found), _) => {
                let mut selected = vec![false; self.people_count];
                for &p in &chosen {
                    selected[p as usize] = true;
                }
                let selected = (!chosen.is_empty()).then_some(selected.as_slice());
                Matched::List(self.scan(found.iter(), selected, shows, lo, hi, &mut view))
            }
        };
        if text.is_none() {
            // Per person, under the kind and date filters: binary searches.
            for (p, count) in view.person_counts.iter_mut().enumerate() {
                *count = (0..3)
                    .filter(|&k| shows[k])
                    .map(|k| {
                        let (a, b) = self.span_in(3 + 3 * p + k, &span);
                        b - a
                    })
                    .sum();
            }
        }
        view.items = match matched {
            Matched::Range(lo, hi) => {
                self.ordered((hi - lo) as usize, |i| lo + i as u32, None, query.order)
            }
            Matched::List(list) => self.ordered(list.len(), |i| list[i], Some(&list), query.order),
        };
        view.total = view.items.len();
        view
    }

    /// The figures and matching items when the items that may match are
    /// `lists` (one per kind, ascending), which together are `all` (or
    /// every item, for `None`): counts by binary search, the items copied
    /// out of the lists.
    fn counted_lists(
        &self,
        ids: [usize; 3],
        all: Option<usize>,
        shows: [bool; 3],
        span: &Span,
        view: &mut TimelineView,
    ) -> Matched {
        let mut ranges: Vec<&[u32]> = Vec::with_capacity(3);
        for (k, &id) in ids.iter().enumerate() {
            let (a, b) = self.span_in(id, span);
            view.kind_counts[k] = b - a;
            if !shows[k] {
                continue;
            }
            ranges.push(&self.list(id)[a..b]);
            // The histogram: each bar's share of the list, read off.
            for (bar, ends) in view.histogram.iter_mut().zip(self.list_bars(id).windows(2)) {
                bar.count += (ends[1] - ends[0]) as usize;
            }
        }
        match (ranges.len(), all) {
            // Everything in the date range.
            (3, None) => Matched::Range(span.lo, span.hi),
            (3, Some(all)) => {
                let (a, b) = self.span_in(all, span);
                Matched::List(self.list(all)[a..b].to_vec())
            }
            _ => Matched::List(merge(&ranges)),
        }
    }

    /// The dates `lo..hi` (item positions) with the bars they end in.
    fn date_span(&self, lo: u32, hi: u32) -> Span {
        let bars = self.bar_starts.len().saturating_sub(1);
        let bar_of = |x: u32| {
            self.bar_starts[..bars]
                .partition_point(|&s| s <= x)
                .saturating_sub(1)
        };
        Span {
            lo,
            hi,
            bar_lo: bar_of(lo),
            bar_hi: bar_of(hi),
        }
    }

    /// The figures and matching items when the items that may match are
    /// `candidates` (ascending), checked one by one: by the chosen people
    /// when `selected` is given (else all of them match), by kind and by
    /// date. Counts per person only for a search (`selected` is then the
    /// people chosen, if any).
    fn scan(
        &self,
        candidates: impl Iterator<Item = usize>,
        selected: Option<&[bool]>,
        shows: [bool; 3],
        lo: u32,
        hi: u32,
        view: &mut TimelineView,
    ) -> Vec<u32> {
        let (lo, hi) = (lo as usize, hi as usize);
        let mut matched = Vec::new();
        for e in candidates {
            let people = &self.people[self.people_at[e] as usize..self.people_at[e + 1] as usize];
            let by_person = selected.is_none_or(|s| people.iter().any(|&p| s[p as usize]));
            let kind = kind_index(self.kinds[e]);
            let by_kind = shows[kind];
            if by_person && by_kind {
                if let Some(bar) = view.histogram.get_mut(self.bars[e] as usize) {
                    bar.count += 1;
                }
            }
            if e < lo || e >= hi {
                continue;
            }
            if by_kind {
                for &p in people {
                    view.person_counts[p as usize] += 1;
                }
            }
            if by_person {
                view.kind_counts[kind] += 1;
                if by_kind {
                    matched.push(e as u32);
                }
            }
        }
        matched
    }

    /// The `n` items `at(0)`, `at(1)`, ... (ascending positions) in
    /// `order`, with their days; listed from `list` when given, else each
    /// day's items are consecutive positions. Newest first reverses the
    /// days but keeps each day's stories, quotes and posts in that order.
    /// Each day's run and its stories are found by binary search and, when
    /// listed, copied whole.
    fn ordered(
        &self,
        n: usize,
        at: impl Fn(usize) -> u32,
        list: Option<&[u32]>,
        order: Order,
    ) -> Shown {
        let day = |i: usize| self.days[at(i) as usize];
        let mut items = Vec::with_capacity(if list.is_some() { n } else { 0 });
        let mut runs = Vec::new();
        let mut done = 0;
        let mut copy = |start: usize, end: usize| {
            let stories = bisect(start, end, |i| self.kinds[at(i) as usize] != Kind::Story) - start;
            runs.push(DayRun {
                first: done as u32,
                stories: stories as u32,
                start: at(start),
            });
            if let Some(list) = list {
                items.extend_from_slice(&list[start..end]);
            }
            done += end - start;
        };
        match order {
            Order::Oldest => {
                let mut start = 0;
                while start < n {
                    let d = day(start);
                    let end = gallop_forward(start, n, |i| day(i) > d);
                    copy(start, end);
                    start = end;
                }
            }
            Order::Newest => {
                let mut end = n;
                while end > 0 {
                    let d = day(end - 1);
                    let start = gallop_back(end, |i| day(i) >= d);
                    copy(start, end);
                    end = start;
                }
            }
        }
        match list {
            Some(_) => Shown::listed(runs, items),
            None => Shown::consecutive(runs, n),
        }
    }

    /// The positions of the query's first and past-last day, by bisection.
    fn date_bounds(&self, query: &TimelineQuery) -> (u32, u32) {
        let lo = query
            .from
            .map_or(0, |f| self.days.partition_point(|d| *d < f));
        let hi = query
            .to
            .map_or(self.days.len(), |t| self.days.partition_point(|d| *d <= t));
        (lo as u32, hi as u32)
    }

    /// The items of person `p`, per kind, ascending.
    fn lists_of(&self, p: u32) -> [&[u32]; 3] {
        let at = 3 * p as usize;
        std::array::from_fn(|k| {
            match (self.person_at.get(at + k), self.person_at.get(at + k + 1)) {
                (Some(&a), Some(&b)) => &self.person_items[a as usize..b as usize],
                _ => &[],
            }
        })
    }

    /// Builds the per-kind and per-person lists and the bars' first items,
    /// once the items and their people are in place.
    /// Adds `rows` with their people, and their words to `words` when
    /// given.
    fn add_rows(
        &mut self,
        rows: &[(Day, Item, Kind)],
        dataset: &Dataset,
        people_ids: &FastMap<&str, u32>,
        mut words: Option<&mut WordIndex>,
    ) {
        let person_index = |id: &str| people_ids.get(id).copied();
        let name_of = |id: &Option<String>| {
            id.as_deref()
                .and_then(person_index)
                .map_or("", |i| dataset.people[i as usize].name.as_str())
        };
        for (e, &(day, item, kind)) in (0..).zip(rows) {
            self.items.push(item);
            self.days.push(day);
            self.kinds.push(kind);
            self.bars
                .push(bucket_of(&self.buckets, day).unwrap_or(0) as u32);
            // Its people, and its words into the index, read in place.
            let mut add = |text: &str| {
                if let Some(words) = words.as_deref_mut() {
                    index_words(&mut words.postings, &mut words.lower, e, text);
                }
            };
            match item {
                Item::Story(i) => {
                    let story = &dataset.stories[i];
                    self.people
                        .extend(story.people.iter().filter_map(|p| person_index(p)));
                    add(&story.title);
                    for block in &story.body {
                        if !matches!(block, Block::Post { .. }) {
                            add(block.text());
                        }
                    }
                }
                Item::Quote(i) => {
                    let quote = &dataset.quotes[i];
                    self.people
                        .extend(quote.speaker.as_deref().and_then(person_index));
                    add(&quote.text);
                    add(name_of(&quote.speaker));
                    add(quote.via.as_deref().unwrap_or(""));
                }
                Item::Post(i) => {
                    let post = &dataset.posts[i];
                    self.people
                        .extend(post.people.iter().filter_map(|p| person_index(p)));
                    add(&post.text);
                    add(post.author.as_deref().unwrap_or(""));
                    add(post.handle.as_deref().unwrap_or(""));
                }
            }
            let from = *self.people_at.last().unwrap_or(&0) as usize;
            let mine = &mut self.people[from..];
            mine.sort_unstable();
            let unique = dedup_sorted(mine);
            self.people.truncate(from + unique);
            self.people_at.push(self.people.len() as u32);
        }
    }

    fn index_lists(&mut self) {
        let mut sizes = vec![0u32; 3 * self.people_count + 1];
        for (e, kind) in self.kinds.iter().enumerate() {
            let k = kind_index(*kind);
            self.by_kind[k].push(e as u32);
            for &p in &self.people[self.people_at[e] as usize..self.people_at[e + 1] as usize] {
                sizes[3 * p as usize + k + 1] += 1;
            }
        }
        for i in 1..sizes.len() {
            sizes[i] += sizes[i - 1];
        }
        let mut next = sizes.clone();
        self.person_items = vec![0; *sizes.last().unwrap_or(&0) as usize];
        for (e, kind) in self.kinds.iter().enumerate() {
            let k = kind_index(*kind);
            for &p in &self.people[self.people_at[e] as usize..self.people_at[e + 1] as usize] {
                let slot = &mut next[3 * p as usize + k];
                self.person_items[*slot as usize] = e as u32;
                *slot += 1;
            }
        }
        self.person_at = sizes;
        let mut at = vec![0u32; self.people_count + 1];
        for &p in &self.people {
            at[p as usize + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let mut next = at.clone();
        self.person_all = vec![0; self.people.len()];
        for e in 0..self.items.len() {
            for &p in &self.people[self.people_at[e] as usize..self.people_at[e + 1] as usize] {
                let slot = &mut next[p as usize];
                self.person_all[*slot as usize] = e as u32;
                *slot += 1;
            }
        }
        self.person_all_at = at;
        self.bar_starts = self
            .buckets
            .iter()
            .map(|b| self.days.partition_point(|d| *d < b.start) as u32)
            .chain(std::iter::once(self.days.len() as u32))
            .collect();
        let lists = 3 + 4 * self.people_count;
        let mut offsets = Vec::with_capacity(lists * self.bar_starts.len());
        for id in 0..lists {
            let list = self.list(id);
            offsets.extend(
                self.bar_starts
                    .iter()
                    .map(|&start| list.partition_point(|&e| e < start) as u32),
            );
        }
        self.bar_offsets = offsets;
    }

    /// List `id`: the items of kind `id` (stories, quotes, posts) for `id`
    /// below 3; then, per person `p`, their stories, quotes and posts
    /// (`3 + 3p + k`); then every item of person `p` (`3 + 3P + p`, for `P`
    /// people). All ascending.
    fn list<'a>(&'a self, id: usize) -> &'a [u32] {
        let people = self.people_count;
        let part = |items: &'a [u32], at: &[u32], i: usize| -> &'a [u32] {
            match (at.get(i), at.get(i + 1)) {
                (Some(&a), Some(&b)) => &items[a as usize..b as usize],
                _ => &[],
            }
        };
        if id < 3 {
            &self.by_kind[id]
        } else if id < 3 + 3 * people {
            part(&self.person_items, &self.person_at, id - 3)
        } else {
            part(&self.person_all, &self.person_all_at, id - 3 - 3 * people)
        }
    }

    /// Where each bar's items start in list `id`, then its length.
    fn list_bars(&self, id: usize) -> &[u32] {
        let n = self.bar_starts.len();
        self.bar_offsets.get(id * n..(id + 1) * n).unwrap_or(&[])
    }

    /// The bounds of the entries of list `id` within `span`.
    fn span_in(&self, id: usize, span: &Span) -> (usize, usize) {
        let list = self.list(id);
        let bars = self.list_bars(id);
        let find = |x: u32, bar: usize| -> usize {
            match (bars.get(bar), bars.get(bar + 1)) {
                (Some(&a), Some(&b)) => {
                    let (a, b) = (a as usize, b as usize);
                    a + list[a..b].partition_point(|&e| e < x)
                }
                _ => list.partition_point(|&e| e < x),
            }
        };
        let a = if span.lo == 0 {
            0
        } else {
            find(span.lo, span.bar_lo)
        };
        let b = if span.hi as usize >= self.items.len() {
            list.len()
        } else {
            find(span.hi, span.bar_hi)
        };
        (a, b.max(a))
    }

    /// The item at `position` (as [`TimelineView::items`] gives them) and
    /// its day.
    pub fn item(&self, position: u32) -> (Day, Item) {
        let e = position as usize;
        (self.days[e], self.items[e])
    }

    /// The day of the item at `position`.
    pub fn day(&self, position: u32) -> Day {
        self.days[position as usize]
    }

    /// Whether the item at `position` is a story.
    pub fn is_story(&self, position: u32) -> bool {
        self.kinds[position as usize] == Kind::Story
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

/// Groups items by their story (`story_of[i]`, when it has one) as offsets
/// per story and the items in dataset order.
fn group_by_story(
    story_of: &[Option<u32>],
    stories: usize,
    count: impl Fn(&(u32, u32)) -> u32,
    counts: &[(u32, u32)],
) -> (Vec<u32>, Vec<u32>) {
    let mut at = Vec::with_capacity(stories + 1);
    at.push(0);
    for c in counts {
        at.push(at.last().copied().unwrap_or(0) + count(c));
    }
    let mut next = at.clone();
    let mut items = vec![0; at.last().copied().unwrap_or(0) as usize];
    for (i, story) in story_of.iter().enumerate() {
        if let Some(s) = story {
            let slot = &mut next[*s as usize];
            items[*slot as usize] = i as u32;
            *slot += 1;
        }
    }
    (at, items)
}

/// The word index while it is built: each word's items, and a buffer to
/// lowercase words in.
#[derive(Default)]
struct WordIndex {
    postings: FastMap<String, Vec<u32>>,
    lower: String,
}

/// Adds item `e` to the posting list of each lowercased word of `text`.
fn index_words(postings: &mut FastMap<String, Vec<u32>>, lower: &mut String, e: u32, text: &str) {
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // Lowercase into a reused buffer; allocate only for new words.
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        match postings.get_mut(lower.as_str()) {
            Some(list) => {
                if list.last() != Some(&e) {
                    list.push(e);
                }
            }
            None => {
                postings.insert(lower.clone(), vec![e]);
            }
        }
    }
}

/// The bars of the histogram from `first` to `last`.
fn buckets(unit: Unit, first: Day, last: Day) -> Vec<Bucket> {
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

fn bucket_of(buckets: &[Bucket], day: Day) -> Option<usize> {
    let i = buckets.partition_point(|b| b.end < day);
    buckets.get(i).filter(|b| b.start <= day).map(|_| i)
}

/// The first index in `lo..hi` where `past` holds (it must hold from some
/// index on), or `hi`.
fn bisect(mut lo: usize, mut hi: usize, past: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if past(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Merges disjoint ascending lists into one ascending list.
fn merge(lists: &[&[u32]]) -> Vec<u32> {
    let mut out: Vec<u32> = lists.first().map_or_else(Vec::new, |l| l.to_vec());
    for list in &lists[1.min(lists.len())..] {
        let mut merged = Vec::with_capacity(out.len() + list.len());
        let (mut i, mut j) = (0, 0);
        while i < out.len() && j < list.len() {
            if out[i] < list[j] {
                merged.push(out[i]);
                i += 1;
            } else {
                merged.push(list[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&out[i..]);
        merged.extend_from_slice(&list[j..]);
        out = merged;
    }
    out
}

/// Removes repeats from a sorted slice in place; returns how many entries
/// are left at its front.
fn dedup_sorted(list: &mut [u32]) -> usize {
    let mut kept = 0;
    for i in 0..list.len() {
        if kept == 0 || list[i] != list[kept - 1] {
            list[kept] = list[i];
            kept += 1;
        }
    }
    kept
}

#[cfg(test)]
mod searches {
    use super::*;

    #[test]
    fn galloping_finds_what_bisecting_finds() {
        for n in 1..70usize {
            for cut in 0..=n {
                // Days: `cut` items of day 0, then day 1.
                let day = |i: usize| usize::from(i >= cut);
                if cut < n {
                    assert_eq!(gallop_back(n, |i| day(i) >= 1), cut, "{n} {cut}");
                }
                if cut > 0 {
                    assert_eq!(gallop_forward(0, n, |i| day(i) > 0), cut, "{n} {cut}");
                }
                assert_eq!(bisect(0, n, |i| day(i) > 0), cut);
            }
        }
    }
}

#[cfg(test)]
mod story_lists {
    use super::*;
    use crate::generate::{generate, GenerateOptions};

    #[test]
    fn each_story_knows_its_quotes_and_posts() {
        let dataset = generate(GenerateOptions {
            stories: 120,
            seed: 3,
        });
        let explorer = Explorer::new(&dataset);
        for (s, story) in dataset.stories.iter().enumerate() {
            let quotes: Vec<u32> = (0..dataset.quotes.len() as u32)
                .filter(|&q| dataset.quotes[q as usize].story == story.id)
                .collect();
            let posts: Vec<u32> = (0..dataset.posts.len() as u32)
                .filter(|&p| dataset.posts[p as usize].story == story.id)
                .collect();
            assert_eq!(explorer.quotes_of(s), quotes.as_slice());
            assert_eq!(explorer.posts_of(s), posts.as_slice());
        }
        assert!(explorer.quotes_of(10_000).is_empty());
    }

    #[test]
    fn every_item_gets_its_people_and_words() {
        let dataset = generate(GenerateOptions {
            stories: 300,
            seed: 5,
        });
        let explorer = Explorer::new(&dataset);
        let person = |id: &str| dataset.people.iter().position(|p| p.id == id).unwrap() as u32;
        let name = |id: &Option<String>| {
            id.as_deref().map_or(String::new(), |id| {
                dataset.people[person(id) as usize].name.clone()
            })
        };
        let mut item_words = Vec::new();
        for e in 0..explorer.len() {
            let (mut people, texts): (Vec<u32>, Vec<String>) = match explorer.items[e] {
                Item::Story(i) => {
                    let s = &dataset.stories[i];
                    let mut texts = vec![s.title.clone()];
                    texts.extend(
                        s.body
                            .iter()
                            .filter(|b| !matches!(b, Block::Post { .. }))
                            .map(|b| b.text().to_string()),
                    );
                    (s.people.iter().map(|p| person(p)).collect(), texts)
                }
                Item::Quote(i) => {
                    let q = &dataset.quotes[i];
                    (
                        q.speaker.iter().map(|p| person(p)).collect(),
                        vec![
                            q.text.clone(),
                            name(&q.speaker),
                            q.via.clone().unwrap_or_default(),
                        ],
                    )
                }
                Item::Post(i) => {
                    let p = &dataset.posts[i];
                    (
                        p.people.iter().map(|p| person(p)).collect(),
                        vec![
                            p.text.clone(),
                            p.author.clone().unwrap_or_default(),
                            p.handle.clone().unwrap_or_default(),
                        ],
                    )
                }
            };
            people.sort_unstable();
            people.dedup();
            let at = explorer.people_at[e] as usize..explorer.people_at[e + 1] as usize;
            assert_eq!(explorer.people[at], people[..], "item {e}");
            let words: std::collections::HashSet<String> = texts
                .iter()
                .flat_map(|t| {
                    t.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .collect();
            item_words.push(words);
        }
        for (word, items) in &explorer.vocabulary {
            let scanned: Vec<u32> = (0..explorer.len() as u32)
                .filter(|&e| item_words[e as usize].contains(&**word))
                .collect();
            assert_eq!(items, &scanned, "{word}");
        }
        let indexed: usize = explorer
            .vocabulary
            .iter()
            .map(|(_, items)| items.len())
            .sum();
        assert_eq!(indexed, item_words.iter().map(|w| w.len()).sum::<usize>());
    }
}

#[cfg(test)]
mod indexed_agrees_with_scanning {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use proptest::prelude::*;

    /// What the query shows found the slow, obvious way: every item looked
    /// at one by one, with the facet counts counted as it goes.
    fn scanned(explorer: &Explorer, dataset: &Dataset, query: &TimelineQuery) -> TimelineView {
        let mut selected = vec![false; explorer.people_count];
        for id in &query.people {
            if let Some(i) = dataset.people.iter().position(|p| &p.id == id) {
                selected[i] = true;
            }
        }
        let any = selected.contains(&true);
        let shows = shown_kinds(query);
        let (lo, hi) = explorer.date_bounds(query);
        let mut view = TimelineView {
            items: Shown::default(),
            total: 0,
            person_counts: vec![0; explorer.people_count],
            kind_counts: [0; 3],
            unit: explorer.unit,
            histogram: explorer.buckets.clone(),
        };
        let matched = explorer.scan(
            0..explorer.len(),
            any.then_some(selected.as_slice()),
            shows,
            lo,
            hi.max(lo),
            &mut view,
        );
        view.total = matched.len();
        let items: Vec<u32> = match query.order {
            Order::Oldest => matched,
            Order::Newest => {
                let mut days: Vec<Day> = matched.iter().map(|&e| explorer.day(e)).collect();
                days.dedup();
                days.iter()
                    .rev()
                    .flat_map(|day| matched.iter().copied().filter(|&e| explorer.day(e) == *day))
                    .collect()
            }
        };
        let mut runs: Vec<DayRun> = Vec::new();
        for (i, &e) in items.iter().enumerate() {
            if i == 0 || explorer.day(items[i - 1]) != explorer.day(e) {
                runs.push(DayRun {
                    first: i as u32,
                    stories: 0,
                    start: e,
                });
            }
            if explorer.is_story(e) {
                if let Some(run) = runs.last_mut() {
                    run.stories += 1;
                }
            }
        }
        view.items = Shown::listed(runs, items);
        view
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn every_query_finds_what_a_scan_finds(
            stories in 1usize..120,
            seed in 0u64..1000,
            people in proptest::collection::vec(0usize..400, 0..4),
            kinds in proptest::collection::vec(0usize..3, 0..3),
            from in proptest::option::of(0i64..2500),
            to in proptest::option::of(0i64..2500),
            oldest: bool,
        ) {
            let dataset = generate(GenerateOptions { stories, seed });
            let explorer = Explorer::new(&dataset);
            let (first, _) = explorer.span().unwrap();
            let day = |d: i64| first.add_days(d - 400);
            let mut kinds: Vec<Kind> = kinds.into_iter().map(|k| Kind::ALL[k]).collect();
            kinds.sort();
            kinds.dedup();
            let query = TimelineQuery {
                people: people
                    .iter()
                    .map(|&p| dataset.people[p % dataset.people.len()].id.clone())
                    .collect(),
                kinds,
                from: from.and_then(day),
                to: to.and_then(day),
                order: if oldest { Order::Oldest } else { Order::Newest },
                ..TimelineQuery::default()
            };
            let fast = explorer.run(&dataset, &query);
            let slow = scanned(&explorer, &dataset, &query);
            // A day's stories come first, as the layout of the list expects.
            let positions: Vec<u32> = fast.items.iter().collect();
            for (k, run) in fast.items.runs.iter().enumerate() {
                let end = fast.items.runs.get(k + 1).map_or(positions.len(), |r| r.first as usize);
                for (j, &e) in positions[run.first as usize..end].iter().enumerate() {
                    prop_assert_eq!(explorer.is_story(e), j < run.stories as usize);
                }
            }
            prop_assert_eq!(fast, slow);
        }
    }
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

    /// What `query` shows, with its items as "day Item(i)".
    struct Shown {
        view: TimelineView,
        items: Vec<String>,
    }

    fn items(shown: &Shown) -> Vec<String> {
        shown.items.clone()
    }

    fn run(query: &str) -> Shown {
        let d = dataset();
        let (q, notices) = TimelineQuery::parse(query, |id| d.person(id).is_some());
        assert!(notices.is_empty());
        let explorer = Explorer::new(&d);
        let view = explorer.run(&d, &q);
        let items = view
            .items
            .iter()
            .map(|e| {
                let (day, item) = explorer.item(e);
                format!("{day} {item:?}")
            })
            .collect();
        Shown { view, items }
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
        assert_eq!(view.view.total, 5);
        assert_eq!(view.view.kind_counts, [2, 2, 1]);
        assert_eq!(view.view.person_counts, [3, 2]);
    }

    #[test]
    fn person_date_kind_and_text_filters_with_facet_counts() {
        let view = run("person=kanye-west");
        assert_eq!(view.view.total, 3);
        // Facets count under the other filters: the person facet ignores the person filter.
        assert_eq!(view.view.person_counts, [3, 2]);
        let view = run("person=kanye-west&kind=quote&order=oldest");
        assert_eq!(items(&view), ["2021-11-24 Quote(0)"]);
        assert_eq!(view.view.kind_counts, [1, 1, 1]);
        let view = run("from=2021-11-25");
        assert_eq!(items(&view), ["2021-11-26 Story(0)"]);
        let view = run("from=2020-01-01&to=2020-12-31");
        assert_eq!(view.view.total, 0);
        let view = run("q=MISTAKES");
        assert_eq!(items(&view), ["2021-11-26 Story(0)", "2021-11-24 Quote(0)"]);
        // Words match as prefixes; a quote is found by its speaker's name too.
        let view = run("q=kany+we");
        assert_eq!(items(&view), ["2021-11-24 Quote(0)"]);
        assert_eq!(
            run("q=istakes").view.total,
            0,
            "words match from their start"
        );
    }

    #[test]
    fn histogram_covers_the_span_and_ignores_the_date_filter() {
        let view = run("from=2021-11-25");
        assert_eq!(view.view.unit, Unit::Day);
        assert_eq!(view.view.histogram.len(), 56);
        assert_eq!(
            view.view.histogram.iter().map(|b| b.count).sum::<usize>(),
            5
        );
        assert_eq!(view.view.histogram[0].start.to_string(), "2021-10-02");
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
