//! The split layout, for datasets too large for one file: a compact index
//! loaded first, and the stories' full text in chunk files fetched on demand.
//!
//! The index (`stories.json`) holds what the timeline filters on: every
//! person, and for each story its id, date, title, people, outlets and chunk;
//! for each quote its story, speaker and date; for each post its story,
//! platform, date and people. Stories, quotes and posts are rows (JSON
//! arrays) rather than objects, and quote and post ids are left out when they
//! follow the `<story id>-q<n>` / `<story id>-p<n>` convention, so the index
//! is a fraction of the whole. Each chunk (`<chunk_dir>/<n>.json`) is an
//! ordinary [`Dataset`] holding a run of stories close in time with their
//! quotes, posts and events, and no people.
//!
//! Text search needs the words of the chunks, so the index comes with word
//! shards (`<chunk_dir>/words/<hex of key>.bin`): every word of the dataset,
//! grouped by its first two characters, with the items holding it, in a
//! compact binary form ([`WordShard::encode`]): a common word is held by a
//! quarter of a large corpus's items, and as JSON its list alone took
//! 0.7 MB to fetch and parse. A search fetches only the shards of its words.
//!
//! [`split`] makes all of these from a dataset; [`SplitIndex::outline`] turns an
//! index back into a dataset whose stories have no body and whose quotes and
//! posts have no text yet; [`check_chunk`] validates a fetched
//! chunk against the index. The same app reads either layout.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::date::Day;
use crate::explore::{search_words, Explorer, Words};
use crate::model::{Dataset, Person, Post, Quote, Story, SCHEMA_VERSION};
use crate::problem::Problem;
use crate::validate::validate;

/// How many stories a chunk holds unless told otherwise: about 100 KB of
/// compressed JSON with the generator's text lengths.
pub const DEFAULT_CHUNK_STORIES: usize = 100;

/// The only value of an index's `layout` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexLayout {
    /// A compact index plus chunk files.
    Split,
}

/// The index of a split dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SplitIndex {
    /// The format version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Always `split`: tells an index from a whole dataset.
    pub layout: IndexLayout,
    /// The directory of the chunk files, relative to the index.
    pub chunk_dir: String,
    /// How many chunk files there are, named `0.json` to `<chunks - 1>.json`.
    pub chunks: u32,
    /// Everyone the stories are about, as in a whole dataset.
    pub people: Vec<Person>,
    /// One row per story.
    pub stories: Vec<IndexStory>,
    /// One row per quote, in dataset order.
    pub quotes: Vec<IndexQuote>,
    /// One row per post, in dataset order.
    pub posts: Vec<IndexPost>,
    /// The keys of the word shards there are (see [`shard_key`]), sorted.
    #[serde(default)]
    pub words: Vec<String>,
    /// Quotes whose id does not follow the convention: (quote row, id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quote_ids: Vec<(u32, String)>,
    /// Posts whose id does not follow the convention: (post row, id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_ids: Vec<(u32, String)>,
}

/// A story's row: id, date, title, people (indexes into `people`), outlets
/// and chunk number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStory(
    pub String,
    pub Day,
    pub String,
    pub Vec<u32>,
    pub Vec<String>,
    pub u32,
);

/// A quote's row: its story (index into `stories`), its speaker (index into
/// `people`, or null) and its date (or null).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexQuote(pub u32, pub Option<u32>, pub Option<Day>);

/// A post's row: its story, platform, date (or null) and people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPost(pub u32, pub String, pub Option<Day>, pub Vec<u32>);

/// A dataset as stored: whole in one file, or split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileLayout {
    /// One file holding everything.
    Whole,
    /// A [`SplitIndex`] with chunk files.
    Split,
}

/// Tells an index from a whole dataset by its first bytes: an index starts
/// `{"schema_version":<n>,"layout":"split"` (whitespace allowed).
pub fn layout_of(text: &str) -> FileLayout {
    let head: String = text
        .chars()
        .take(120)
        .filter(|c| !c.is_whitespace())
        .collect();
    let after_version = head
        .strip_prefix("{\"schema_version\":")
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()));
    match after_version {
        Some(rest) if rest.starts_with(",\"layout\":\"split\"") => FileLayout::Split,
        _ => FileLayout::Whole,
    }
}

/// `<story id><infix><n>`, the conventional id of a story's n-th quote,
/// post or event, without the formatting machinery: an index and an ingest
/// name every quote and post this way, hundreds of thousands of them.
pub fn numbered_id(story: &str, infix: &str, n: u32) -> String {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(story.len() + infix.len() + digits.len() - at);
    id.push_str(story);
    id.push_str(infix);
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// The file name of chunk `n` inside the chunk directory.
pub fn chunk_file(n: u32) -> String {
    format!("{n}.json")
}

/// The directory of the word shards, inside the chunk directory.
pub const WORD_DIR: &str = "words";

/// The shard that holds `word` (lowercased): its first two characters.
pub fn shard_key(word: &str) -> String {
    word.chars().take(2).collect()
}

/// The file name of the shard with `key`: the hex of its UTF-8 bytes, so any
/// script makes a safe file name.
pub fn shard_file(key: &str) -> String {
    let mut name: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    name.push_str(".bin");
    name
}

/// The shard keys (from `available`, sorted) a search for `text` needs: the
/// shard of each word of two or more characters, and for a one-character
/// word every shard that starts with it.
pub fn shards_for(text: &str, available: &[String]) -> Vec<String> {
    let mut keys = Vec::new();
    for word in search_words(text) {
        if word.chars().nth(1).is_some() {
            let key = shard_key(&word);
            if available.binary_search(&key).is_ok() {
                keys.push(key);
            }
        } else {
            keys.extend(available.iter().filter(|k| k.starts_with(&word)).cloned());
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The first bytes of a word shard file, with the version of its form.
pub const SHARD_MAGIC: &[u8; 4] = b"SSW1";

/// One word shard: each word with the explorer positions of the items that
/// hold it, ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordShard(pub Vec<(String, Vec<u32>)>);

/// How a word's items are written: as the gaps between positions, or as a
/// bitmap from its first position, whichever is smaller.
const AS_GAPS: u8 = 0;
const AS_BITMAP: u8 = 1;

fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn varint_len(n: u32) -> usize {
    match n {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0xfff_ffff => 4,
        _ => 5,
    }
}

/// Reads a shard's bytes, naming the byte where they stop making sense.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// A problem with a shard at byte `at`.
fn bad_byte(at: usize, message: &str) -> Problem {
    Problem::error(format!("byte {at}"), message)
}

const CUT: &str = "the file ends too early: it is cut off";

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, Problem> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| bad_byte(self.at, CUT))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u32, Problem> {
        let start = self.at;
        let mut n: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(n).map_err(|_| bad_byte(start, "a number is too large"));
            }
        }
        Err(bad_byte(start, "a number is too large"))
    }

    fn take(&mut self, len: usize) -> Result<&[u8], Problem> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| bad_byte(self.at, CUT))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
}

impl WordShard {
    /// The shard's file: [`SHARD_MAGIC`], the number of words (so a cut
    /// file is always noticed), then per word its UTF-8 length
    /// and bytes, a form byte, and its items: for gaps, their count and
    /// each position's distance from the one before (the first from 0); for
    /// a bitmap, the first position, the bitmap's length in bytes and the
    /// bitmap, whose bit `j` of byte `k` stands for the item `8k + j` past
    /// the first. Numbers are LEB128 varints.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = SHARD_MAGIC.to_vec();
        put_varint(&mut out, self.0.len() as u32);
        for (word, items) in &self.0 {
            put_varint(&mut out, word.len() as u32);
            out.extend_from_slice(word.as_bytes());
            let mut last = 0;
            let gaps: usize = items
                .iter()
                .map(|&e| {
                    let len = varint_len(e - last);
                    last = e;
                    len
                })
                .sum::<usize>()
                + varint_len(items.len() as u32);
            let (first, end) = (
                items.first().copied().unwrap_or(0),
                items.last().copied().unwrap_or(0),
            );
            let bitmap_len = ((end - first) / 8 + 1) as usize;
            if items.is_empty()
                || gaps <= varint_len(first) + varint_len(bitmap_len as u32) + bitmap_len
            {
                out.push(AS_GAPS);
                put_varint(&mut out, items.len() as u32);
                let mut last = 0;
                for &e in items {
                    put_varint(&mut out, e - last);
                    last = e;
                }
            } else {
                out.push(AS_BITMAP);
                put_varint(&mut out, first);
                put_varint(&mut out, bitmap_len as u32);
                let from = out.len();
                out.resize(from + bitmap_len, 0);
                for &e in items {
                    let bit = (e - first) as usize;
                    out[from + bit / 8] |= 1 << (bit % 8);
                }
            }
        }
        out
    }

    /// Reads a shard's file (see [`WordShard::encode`]); a problem names
    /// the byte where the file stops making sense.
    pub fn decode(bytes: &[u8]) -> Result<WordShard, Problem> {
        if !bytes.starts_with(SHARD_MAGIC) {
            return Err(bad_byte(
                0,
                "this is not a Storyscope word shard (it does not start with SSW1); rebuild it with `storyscope generate --split` or `storyscope ingest --split`",
            ));
        }
        let mut r = Reader { bytes, at: 4 };
        let count = r.varint()?;
        let mut words = Vec::new();
        for _ in 0..count {
            let len = r.varint()? as usize;
            let start = r.at;
            let word = std::str::from_utf8(r.take(len)?)
                .map_err(|_| bad_byte(start, "a word is not UTF-8"))?
                .to_string();
            let mut items = Vec::new();
            let past = "a word's items go past the largest item there can be";
            match r.byte()? {
                AS_GAPS => {
                    let count = r.varint()?;
                    let mut at: u64 = 0;
                    for i in 0..count {
                        let gap = r.varint()?;
                        if i > 0 && gap == 0 {
                            return Err(bad_byte(r.at - 1, "a word lists an item twice"));
                        }
                        at += u64::from(gap);
                        items.push(u32::try_from(at).map_err(|_| bad_byte(r.at - 1, past))?);
                    }
                }
                AS_BITMAP => {
                    let first = u64::from(r.varint()?);
                    let len = r.varint()? as usize;
                    if first + 8 * len as u64 > u64::from(u32::MAX) + 1 {
                        return Err(bad_byte(r.at, past));
                    }
                    for (k, &byte) in r.take(len)?.iter().enumerate() {
                        let mut bits = byte;
                        while bits != 0 {
                            let j = bits.trailing_zeros();
                            bits &= bits - 1;
                            items.push((first + 8 * k as u64 + u64::from(j)) as u32);
                        }
                    }
                }
                _ => {
                    return Err(bad_byte(
                        r.at - 1,
                        "a word's items are in a form this build does not know",
                    ))
                }
            }
            words.push((word, items));
        }
        if r.at != bytes.len() {
            return Err(bad_byte(r.at, "the file goes on after its last word"));
        }
        Ok(WordShard(words))
    }
}

/// The word shards of a dataset prepared by `explorer`, by key.
pub fn word_shards(explorer: &Explorer) -> Vec<(String, WordShard)> {
    let mut shards: BTreeMap<String, WordShard> = BTreeMap::new();
    for (word, items) in explorer.words() {
        shards
            .entry(shard_key(word))
            .or_default()
            .0
            .push((word.to_string(), items.to_vec()));
    }
    shards.into_iter().collect()
}

/// The words of the shards fetched so far, for [`Explorer::run_with`].
#[derive(Clone, Debug, Default)]
pub struct LoadedWords {
    words: BTreeMap<Box<str>, Vec<u32>>,
}

impl LoadedWords {
    /// Adds a fetched shard. Positions past `items` (the explorer's item
    /// count) are a problem: the shard does not belong to this index.
    pub fn add(&mut self, shard: WordShard, items: usize) -> Result<(), Problem> {
        for (word, list) in &shard.0 {
            if let Some(&at) = list.iter().find(|&&e| e as usize >= items) {
                return Err(Problem::error(
                    format!("word \"{word}\""),
                    format!("item {at} does not exist; the index has {items} items"),
                ));
            }
        }
        for (word, list) in shard.0 {
            // Order within a word does not matter to a search, which
            // gathers items into a set.
            self.words
                .entry(word.into_boxed_str())
                .or_default()
                .extend(list);
        }
        Ok(())
    }
}

impl Words for LoadedWords {
    fn with_prefix(&self, prefix: &str, each: &mut dyn FnMut(&[u32])) {
        for (_, list) in self
            .words
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(w, _)| w.starts_with(prefix))
        {
            each(list);
        }
    }
}

/// A dataset in the split layout: the index, the chunks (chunk `n` at
/// position `n`) and the word shards by key.
#[derive(Clone, Debug)]
pub struct SplitParts {
    /// The index.
    pub index: SplitIndex,
    /// The chunks.
    pub chunks: Vec<Dataset>,
    /// The word shards, sorted by key.
    pub shards: Vec<(String, WordShard)>,
}

/// Splits `dataset` (which should be valid) into an index, its chunks of
/// about `per_chunk` stories each (stories close in time sharing a chunk)
/// and its word shards. `chunk_dir` is recorded in the index as the chunks'
/// directory.
pub fn split(dataset: &Dataset, per_chunk: usize, chunk_dir: &str) -> SplitParts {
    let per_chunk = per_chunk.max(1);
    let person_at: HashMap<&str, u32> = dataset
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i as u32))
        .collect();
    let story_at: HashMap<&str, u32> = dataset
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i as u32))
        .collect();
    let people_of = |ids: &[String]| -> Vec<u32> {
        ids.iter()
            .filter_map(|id| person_at.get(id.as_str()).copied())
            .collect()
    };

    // Stories by date, then cut into runs.
    let mut by_date: Vec<usize> = (0..dataset.stories.len()).collect();
    by_date.sort_by_key(|&i| (dataset.stories[i].date, i));
    let mut chunk_of = vec![0u32; dataset.stories.len()];
    for (rank, &i) in by_date.iter().enumerate() {
        chunk_of[i] = (rank / per_chunk) as u32;
    }
    let count = dataset.stories.len().div_ceil(per_chunk);
    let mut chunks: Vec<Dataset> = (0..count).map(|_| Dataset::new()).collect();
    for &i in &by_date {
        chunks[chunk_of[i] as usize]
            .stories
            .push(dataset.stories[i].clone());
    }

    let mut index = SplitIndex {
        schema_version: SCHEMA_VERSION,
        layout: IndexLayout::Split,
        chunk_dir: chunk_dir.to_string(),
        chunks: count as u32,
        people: dataset.people.clone(),
        stories: dataset
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| {
                IndexStory(
                    s.id.clone(),
                    s.date,
                    s.title.clone(),
                    people_of(&s.people),
                    s.sources.clone(),
                    chunk_of[i],
                )
            })
            .collect(),
        quotes: Vec::with_capacity(dataset.quotes.len()),
        posts: Vec::with_capacity(dataset.posts.len()),
        words: Vec::new(),
        quote_ids: Vec::new(),
        post_ids: Vec::new(),
    };
    let mut seen = vec![(0u32, 0u32); dataset.stories.len()];
    for quote in &dataset.quotes {
        let Some(&story) = story_at.get(quote.story.as_str()) else {
            continue;
        };
        let row = index.quotes.len() as u32;
        seen[story as usize].0 += 1;
        if quote.id != format!("{}-q{}", quote.story, seen[story as usize].0) {
            index.quote_ids.push((row, quote.id.clone()));
        }
        index.quotes.push(IndexQuote(
            story,
            quote
                .speaker
                .as_deref()
                .and_then(|id| person_at.get(id).copied()),
            quote.date,
        ));
        chunks[chunk_of[story as usize] as usize]
            .quotes
            .push(quote.clone());
    }
    for post in &dataset.posts {
        let Some(&story) = story_at.get(post.story.as_str()) else {
            continue;
        };
        let row = index.posts.len() as u32;
        seen[story as usize].1 += 1;
        if post.id != format!("{}-p{}", post.story, seen[story as usize].1) {
            index.post_ids.push((row, post.id.clone()));
        }
        index.posts.push(IndexPost(
            story,
            post.platform.clone(),
            post.date,
            people_of(&post.people),
        ));
        chunks[chunk_of[story as usize] as usize]
            .posts
            .push(post.clone());
    }
    for event in &dataset.events {
        if let Some(&story) = story_at.get(event.story.as_str()) {
            chunks[chunk_of[story as usize] as usize]
                .events
                .push(event.clone());
        }
    }
    let shards = word_shards(&Explorer::new(dataset));
    index.words = shards.iter().map(|(key, _)| key.clone()).collect();
    SplitParts {
        index,
        chunks,
        shards,
    }
}

/// A split dataset's outline and where each story's full text is.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    /// The dataset without story bodies, quote texts or post texts.
    pub dataset: Dataset,
    /// Per story (dataset order): its chunk number.
    pub chunk_of: Vec<u32>,
}

impl SplitIndex {
    /// The dataset the index describes, without the text that lives in the
    /// chunks: stories have no body and no origin; quotes have no text, via
    /// or span; posts have no author, handle, text, url or block. Rows that
    /// point outside their lists are problems, named by JSON path.
    pub fn outline(&self) -> Result<Outline, Vec<Problem>> {
        self.check_header()?;
        let mut problems = Vec::new();
        let (stories, chunk_of) = self.outline_stories(&mut problems);
        // Per story: its quotes and posts so far, which number their ids.
        let mut counts = vec![(0u32, 0u32); self.stories.len()];
        let quotes = self.outline_quotes(&mut counts, &mut problems);
        let posts = self.outline_posts(&mut counts, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Outline {
            dataset: Dataset {
                schema_version: self.schema_version,
                people: self.people.clone(),
                stories,
                quotes,
                posts,
                events: Vec::new(),
            },
            chunk_of,
        })
    }

    /// The problem of an index this build cannot read at all: another
    /// schema version, or a chunk directory that is not a plain name.
    fn check_header(&self) -> Result<(), Vec<Problem>> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(vec![Problem::error(
                "schema_version",
                format!(
                    "this index has schema version {}, and this build of Storyscope reads version {SCHEMA_VERSION}; rebuild it with `storyscope ingest --split` or `storyscope generate --split`",
                    self.schema_version
                ),
            )]);
        }
        if self.chunk_dir.is_empty()
            || self.chunk_dir.starts_with('.')
            || !self
                .chunk_dir
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        {
            return Err(vec![Problem::error(
                "chunk_dir",
                format!(
                    "\"{}\" is not a plain directory name beside the index (letters, digits, -, _ and .)",
                    self.chunk_dir
                ),
            )]);
        }
        Ok(())
    }

    /// The id of person `i`, or a problem at `path`.
    fn person_id(
        &self,
        i: u32,
        path: &dyn Fn() -> String,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        match self.people.get(i as usize) {
            Some(p) => Some(p.id.clone()),
            None => {
                problems.push(Problem::error(
                    path(),
                    format!(
                        "person {i} does not exist; the index has {} people",
                        self.people.len()
                    ),
                ));
                None
            }
        }
    }

    /// The id of story `s`, or a problem at `path`.
    fn story_id(
        &self,
        s: u32,
        path: &dyn Fn() -> String,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        match self.stories.get(s as usize) {
            Some(story) => Some(story.0.clone()),
            None => {
                problems.push(Problem::error(
                    path(),
                    format!(
                        "story {s} does not exist; the index has {} stories",
                        self.stories.len()
                    ),
                ));
                None
            }
        }
    }

    /// The stories without their text, and the chunk of each.
    fn outline_stories(&self, problems: &mut Vec<Problem>) -> (Vec<Story>, Vec<u32>) {
        let mut seen_ids: crate::hash::FastMap<&str, usize> = crate::hash::FastMap::default();
        let mut stories = Vec::with_capacity(self.stories.len());
        let mut chunk_of = Vec::with_capacity(self.stories.len());
        for (i, IndexStory(id, date, title, people, sources, chunk)) in
            self.stories.iter().enumerate()
        {
            if let Some(first) = seen_ids.insert(id, i) {
                problems.push(Problem::error(
                    format!("stories[{i}][0]"),
                    format!("the id \"{id}\" is already used by stories[{first}]"),
                ));
            }
            if *chunk >= self.chunks {
                problems.push(Problem::error(
                    format!("stories[{i}][5]"),
                    format!(
                        "chunk {chunk} does not exist; the index has {}",
                        self.chunks
                    ),
                ));
            }
            let people = people
                .iter()
                .enumerate()
                .filter_map(|(k, &p)| {
                    self.person_id(p, &|| format!("stories[{i}][3][{k}]"), problems)
                })
                .collect();
            stories.push(Story {
                id: id.clone(),
                date: *date,
                precision: crate::model::Precision::Day,
                title: title.clone(),
                people,
                sources: sources.clone(),
                origin: None,
                body: Vec::new(),
            });
            chunk_of.push(*chunk);
        }
        (stories, chunk_of)
    }

    /// The quotes without their text; ids are numbered per story unless
    /// the index gives them.
    fn outline_quotes(&self, counts: &mut [(u32, u32)], problems: &mut Vec<Problem>) -> Vec<Quote> {
        let mut explicit = self.quote_ids.iter().peekable();
        let mut quotes = Vec::with_capacity(self.quotes.len());
        for (i, IndexQuote(story, speaker, date)) in self.quotes.iter().enumerate() {
            let Some(story_id) = self.story_id(*story, &|| format!("quotes[{i}][0]"), problems)
            else {
                continue;
            };
            counts[*story as usize].0 += 1;
            let id = match explicit.next_if(|(row, _)| *row as usize == i) {
                Some((_, id)) => id.clone(),
                None => numbered_id(&story_id, "-q", counts[*story as usize].0),
            };
            let speaker =
                speaker.and_then(|p| self.person_id(p, &|| format!("quotes[{i}][1]"), problems));
            quotes.push(Quote {
                id,
                story: story_id,
                speaker,
                text: String::new(),
                date: *date,
                date_source: crate::model::DateSource::Text,
                via: None,
                span: None,
                continued: Vec::new(),
                attribution: None,
            });
        }
        quotes
    }

    /// The posts without their text; ids as for quotes.
    fn outline_posts(&self, counts: &mut [(u32, u32)], problems: &mut Vec<Problem>) -> Vec<Post> {
        let mut explicit = self.post_ids.iter().peekable();
        let mut posts = Vec::with_capacity(self.posts.len());
        for (i, IndexPost(story, platform, date, people)) in self.posts.iter().enumerate() {
            let Some(story_id) = self.story_id(*story, &|| format!("posts[{i}][0]"), problems)
            else {
                continue;
            };
            counts[*story as usize].1 += 1;
            let id = match explicit.next_if(|(row, _)| *row as usize == i) {
                Some((_, id)) => id.clone(),
                None => numbered_id(&story_id, "-p", counts[*story as usize].1),
            };
            let people = people
                .iter()
                .enumerate()
                .filter_map(|(k, &p)| {
                    self.person_id(p, &|| format!("posts[{i}][3][{k}]"), problems)
                })
                .collect();
            posts.push(Post {
                id,
                story: story_id,
                platform: platform.clone(),
                author: None,
                handle: None,
                date: *date,
                text: String::new(),
                url: None,
                people,
                block: None,
            });
        }
        posts
    }
}

/// Checks a fetched chunk `n`: it must be a valid dataset (with the
/// outline's people) and hold every story `chunk_of` places in it. Returns the chunk
/// with the people filled in, so it can be shown on its own.
pub fn check_chunk(
    outline: &Dataset,
    chunk_of: &[u32],
    n: u32,
    mut chunk: Dataset,
) -> Result<Dataset, Vec<Problem>> {
    chunk.people = outline.people.clone();
    let mut problems: Vec<Problem> = validate(&chunk)
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    for (i, story) in outline.stories.iter().enumerate() {
        if chunk_of.get(i) == Some(&n) && !chunk.stories.iter().any(|s| s.id == story.id) {
            problems.push(Problem::error(
                "stories",
                format!(
                    "the chunk does not hold story \"{}\", which the index places in it",
                    story.id
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(chunk)
    } else {
        Err(problems)
    }
}

/// A split dataset made whole again, chunk by chunk: the outline's items
/// in the outline's order, with the text of its chunks. What no chunk
/// filled in is left out.
pub struct Joiner {
    dataset: Dataset,
    chunk_of: Vec<u32>,
    story_at: HashMap<String, usize>,
    quote_at: HashMap<String, usize>,
    post_at: HashMap<String, usize>,
    filled: [Vec<bool>; 3],
}

impl Joiner {
    /// Starts from the outline of an index.
    pub fn new(outline: Outline) -> Joiner {
        let Outline { dataset, chunk_of } = outline;
        let at = |ids: Vec<&String>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect()
        };
        Joiner {
            story_at: at(dataset.stories.iter().map(|s| &s.id).collect()),
            quote_at: at(dataset.quotes.iter().map(|q| &q.id).collect()),
            post_at: at(dataset.posts.iter().map(|p| &p.id).collect()),
            filled: [
                vec![false; dataset.stories.len()],
                vec![false; dataset.quotes.len()],
                vec![false; dataset.posts.len()],
            ],
            dataset,
            chunk_of,
        }
    }

    /// Checks chunk `n` (see [`check_chunk`]) and adds its text, or says
    /// why not.
    pub fn add(&mut self, n: u32, chunk: Dataset) -> Result<(), Vec<Problem>> {
        let chunk = check_chunk(&self.dataset, &self.chunk_of, n, chunk)?;
        for story in chunk.stories {
            if let Some(&i) = self.story_at.get(&story.id) {
                self.dataset.stories[i] = story;
                self.filled[0][i] = true;
            }
        }
        for quote in chunk.quotes {
            if let Some(&i) = self.quote_at.get(&quote.id) {
                self.dataset.quotes[i] = quote;
                self.filled[1][i] = true;
            }
        }
        for post in chunk.posts {
            if let Some(&i) = self.post_at.get(&post.id) {
                self.dataset.posts[i] = post;
                self.filled[2][i] = true;
            }
        }
        self.dataset.events.extend(chunk.events);
        Ok(())
    }

    /// The dataset, without the stories (and their quotes and posts) whose
    /// chunk was not added.
    pub fn finish(self) -> Dataset {
        let mut dataset = self.dataset;
        let [stories, quotes, posts] = self.filled;
        retain_filled(&mut dataset.stories, &stories);
        retain_filled(&mut dataset.quotes, &quotes);
        retain_filled(&mut dataset.posts, &posts);
        dataset
    }
}

fn retain_filled<T>(list: &mut Vec<T>, filled: &[bool]) {
    let mut filled = filled.iter();
    list.retain(|_| filled.next().copied().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};

    fn sample() -> Dataset {
        generate(GenerateOptions {
            stories: 250,
            seed: 7,
        })
    }

    #[test]
    fn an_index_and_its_chunks_give_back_the_dataset() {
        let dataset = sample();
        let SplitParts { index, chunks, .. } = split(&dataset, 40, "chunks");
        assert_eq!(index.chunks, 7);
        assert_eq!(chunks.len(), 7);
        let text = serde_json::to_string(&index).unwrap();
        assert_eq!(layout_of(&text), FileLayout::Split);
        let index: SplitIndex = serde_json::from_str(&text).unwrap();
        let outline = index.outline().unwrap();
        assert_eq!(outline.dataset.stories.len(), dataset.stories.len());
        for (a, b) in outline.dataset.quotes.iter().zip(&dataset.quotes) {
            assert_eq!(
                (&a.id, &a.story, &a.speaker, a.date),
                (&b.id, &b.story, &b.speaker, b.date)
            );
        }
        for (a, b) in outline.dataset.posts.iter().zip(&dataset.posts) {
            assert_eq!(
                (&a.id, &a.story, &a.people, a.date),
                (&b.id, &b.story, &b.people, b.date)
            );
        }
        // Every story is in the chunk the outline names, with its quotes.
        let mut checked = Vec::new();
        for (n, chunk) in chunks.into_iter().enumerate() {
            let chunk = check_chunk(&outline.dataset, &outline.chunk_of, n as u32, chunk).unwrap();
            checked.push(chunk);
        }
        for (i, story) in dataset.stories.iter().enumerate() {
            let chunk = &checked[outline.chunk_of[i] as usize];
            assert_eq!(chunk.story(&story.id), Some(story));
        }
        for quote in &dataset.quotes {
            let story = outline
                .dataset
                .stories
                .iter()
                .position(|s| s.id == quote.story)
                .unwrap();
            assert!(checked[outline.chunk_of[story] as usize]
                .quotes
                .contains(quote));
        }
    }

    #[test]
    fn chunks_hold_stories_close_in_time() {
        let dataset = sample();
        let SplitParts { index, chunks, .. } = split(&dataset, 50, "chunks");
        let ranges: Vec<(Day, Day)> = chunks
            .iter()
            .map(|c| {
                let days: Vec<Day> = c.stories.iter().map(|s| s.date).collect();
                (*days.iter().min().unwrap(), *days.iter().max().unwrap())
            })
            .collect();
        for pair in ranges.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "{pair:?}");
        }
        assert!(chunks
            .iter()
            .all(|c| c.stories.len() <= 50 && c.people.is_empty()));
        assert_eq!(index.quote_ids, vec![]);
    }

    #[test]
    fn ids_off_the_convention_are_kept() {
        let mut dataset = sample();
        dataset.quotes[3].id = "special-quote".into();
        dataset.posts[0].id = "special-post".into();
        let index = split(&dataset, 100, "chunks").index;
        assert_eq!(index.quote_ids, vec![(3, "special-quote".to_string())]);
        let outline = index.outline().unwrap();
        assert_eq!(outline.dataset.quotes[3].id, "special-quote");
        assert_eq!(outline.dataset.quotes[4].id, dataset.quotes[4].id);
        assert_eq!(outline.dataset.posts[0].id, "special-post");
    }

    #[test]
    fn the_index_is_much_smaller_than_the_whole() {
        let dataset = sample();
        let whole = serde_json::to_string(&dataset).unwrap().len();
        let index = split(&dataset, 100, "chunks").index;
        let index = serde_json::to_string(&index).unwrap().len();
        assert!(index * 5 < whole, "index {index} bytes, whole {whole}");
    }

    #[test]
    fn rows_pointing_nowhere_are_named() {
        let mut index = split(&sample(), 100, "chunks").index;
        index.quotes[2].0 = 99_999;
        index.posts[1].3.push(5_000);
        index.stories[4].5 = 77;
        let problems = index.outline().unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|p| p.contains("quotes[2][0]") && p.contains("story 99999")),
            "{text:?}"
        );
        assert!(text.iter().any(|p| p.contains("posts[1][3][")), "{text:?}");
        assert!(text.iter().any(|p| p.contains("stories[4][5]")), "{text:?}");
    }

    #[test]
    fn searching_the_shards_finds_what_searching_the_whole_finds() {
        let dataset = sample();
        let parts = split(&dataset, 40, "chunks");
        let shards: Vec<(String, WordShard)> = parts
            .shards
            .iter()
            .map(|(key, shard)| (key.clone(), WordShard::decode(&shard.encode()).unwrap()))
            .collect();
        assert_eq!(shards, parts.shards);
        let outline = parts.index.outline().unwrap();
        let whole = Explorer::new(&dataset);
        let partial = Explorer::for_outline(&outline.dataset);
        assert_eq!(whole.len(), partial.len());
        let first_quote = dataset.quotes[0].text.clone();
        let searches = [
            "friends",
            "f",
            "show fans",
            first_quote.as_str(),
            dataset.people[0].name.as_str(),
            "nothing-like-this",
        ];
        for search in searches {
            let keys = shards_for(search, &parts.index.words);
            let mut loaded = LoadedWords::default();
            for (key, shard) in &shards {
                if keys.contains(key) {
                    loaded.add(shard.clone(), partial.len()).unwrap();
                }
            }
            let query = crate::query::TimelineQuery {
                text: search.to_string(),
                ..Default::default()
            };
            let expected = whole.run(&dataset, &query);
            let found = partial.run_with(&outline.dataset, &query, &loaded);
            assert_eq!(found.items, expected.items, "{search}");
            assert_eq!(found.kind_counts, expected.kind_counts, "{search}");
        }
        assert_eq!(
            shards_for("f", &["fa".into(), "fr".into(), "go".into()]),
            ["fa", "fr"]
        );
        assert_eq!(shards_for("Friends!", &["fa".into(), "fr".into()]), ["fr"]);
        assert_eq!(shard_file("fr"), "6672.bin");
        assert_eq!(shard_file("é"), "c3a9.bin");
    }

    #[test]
    fn numbered_ids_read_as_formatted_ones() {
        for n in [0, 7, 10, 99, 12345, u32::MAX] {
            assert_eq!(numbered_id("s-1", "-q", n), format!("s-1-q{n}"));
        }
    }

    #[test]
    fn a_shard_from_another_index_is_refused() {
        let mut loaded = LoadedWords::default();
        let shard = WordShard(vec![("word".into(), vec![3, 5])]);
        assert!(loaded.add(shard, 5).is_err());
    }

    #[test]
    fn shards_read_back_what_was_written_in_either_form() {
        let dense: Vec<u32> = (1000..3000).filter(|e| e % 3 != 0).collect();
        let shard = WordShard(vec![
            ("a".into(), vec![]),
            ("sparse".into(), vec![0, 7, 130, 20_000, u32::MAX - 1]),
            ("dense".into(), dense.clone()),
            ("tail".into(), vec![u32::MAX - 9, u32::MAX]),
            ("één".into(), vec![5]),
        ]);
        let bytes = shard.encode();
        assert_eq!(WordShard::decode(&bytes).unwrap(), shard);
        // The dense list is a bitmap: about a bit per item, not a byte.
        assert!(bytes.len() < 400 + dense.len() / 4, "{}", bytes.len());
    }

    #[test]
    fn a_damaged_shard_names_the_byte() {
        let shard = WordShard(vec![
            ("sparse".into(), vec![0, 7, 130, 20_000]),
            ("dense".into(), (0..400).collect()),
        ]);
        let bytes = shard.encode();
        // Cut anywhere, or with more after it: refused, never a panic.
        for cut in 0..bytes.len() {
            let problem = WordShard::decode(&bytes[..cut]).unwrap_err();
            assert!(problem.location.starts_with("byte "), "{problem}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(WordShard::decode(&longer).is_err());
        let problem = WordShard::decode(b"[[\"json\",[1]]]").unwrap_err();
        assert!(problem.to_string().contains("SSW1"), "{problem}");
        let mut odd = bytes.clone();
        odd[4 + 1 + 1 + 6] = 9;
        let problem = WordShard::decode(&odd).unwrap_err();
        assert_eq!(problem.location, "byte 12");
        assert!(problem.message.contains("form"), "{problem}");
    }

    #[test]
    fn the_chunk_directory_must_be_a_plain_name() {
        for bad in ["", "../x", "https://elsewhere.example/x", "a/b", ".hidden"] {
            let index = split(&sample(), 100, bad).index;
            let problems = index.outline().unwrap_err();
            assert!(problems[0].to_string().contains("chunk_dir"), "{bad}");
        }
    }

    #[test]
    fn another_schema_version_is_refused_with_a_fix() {
        let mut index = split(&sample(), 100, "chunks").index;
        index.schema_version = 9;
        let problems = index.outline().unwrap_err();
        assert!(problems[0].to_string().contains("schema version 9"));
    }

    #[test]
    fn a_chunk_missing_a_story_is_refused() {
        let dataset = sample();
        let SplitParts {
            index, mut chunks, ..
        } = split(&dataset, 100, "chunks");
        let outline = index.outline().unwrap();
        let gone = chunks[0].stories.remove(0).id;
        chunks[0].quotes.retain(|q| q.story != gone);
        chunks[0].posts.retain(|p| p.story != gone);
        chunks[0].events.retain(|e| e.story != gone);
        let problems =
            check_chunk(&outline.dataset, &outline.chunk_of, 0, chunks.remove(0)).unwrap_err();
        assert!(problems[0].to_string().contains(&gone), "{problems:?}");
    }

    #[test]
    fn whole_datasets_are_not_taken_for_indexes() {
        let whole = serde_json::to_string(&sample()).unwrap();
        assert_eq!(layout_of(&whole), FileLayout::Whole);
        assert_eq!(layout_of(""), FileLayout::Whole);
        assert_eq!(layout_of("{\"layout\":\"split\"}"), FileLayout::Whole);
        assert_eq!(
            layout_of("{ \"schema_version\": 1,\n  \"layout\": \"split\", \"people\": []}"),
            FileLayout::Split
        );
    }
}
