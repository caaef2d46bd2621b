//! The stories' full text when the dataset uses the split layout: chunk files
//! fetched on demand, checked, and kept for the rest of the visit.
//!
//! Components ask with [`crate::hooks::use_story_text`]. With a whole dataset the answer is
//! always [`StoryText::Here`] (the text is already in the outline they hold);
//! with a split one it is the chunk holding the story, once it has arrived.
//! When a chunk arrives the app bumps the context's version, so every
//! component that asked renders again.

use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use storyscope_core::split::{
    check_chunk, chunk_file, shard_file, shards_for, LoadedWords, WordShard, WORD_DIR,
};
use storyscope_core::Dataset;
use yew::Callback;

use crate::context::ByPtr;
use crate::fetch::{fetch_bytes, fetch_text};

/// Where a chunk stands.
#[derive(Clone, Debug)]
enum State {
    Loading,
    Ready(Rc<Dataset>),
    Failed(Rc<str>),
}

/// The chunks of a split dataset: where they are, and those fetched so far.
#[derive(Debug)]
pub struct ChunkStore {
    /// The URL of the chunk directory, relative to the page, with a `/`.
    dir: String,
    /// The outline (stories without text), to check chunks against.
    outline: Rc<Dataset>,
    /// Per story (dataset order): its chunk.
    chunk_of: Vec<u32>,
    states: RefCell<HashMap<u32, State>>,
    /// The keys of the word shards there are, sorted.
    word_keys: Vec<String>,
    /// How many items the explorer numbers (shards must not name more).
    items: usize,
    /// The words of the shards fetched so far.
    words: RefCell<LoadedWords>,
    /// Per shard key: where it stands.
    shards: RefCell<HashMap<String, Search>>,
    /// Bumped when a shard arrives, so searches run again.
    words_version: Cell<u32>,
    /// Called when a chunk or a shard has arrived or failed.
    on_change: RefCell<Callback<()>>,
}

/// Whether a search's words (or one word shard) can be looked up yet.
#[derive(Clone, Debug, PartialEq)]
pub enum Search {
    /// Every shard it needs is here.
    Ready,
    /// Some are on their way.
    Loading,
    /// One could not be had; the text says why.
    Failed(Rc<str>),
}

impl ChunkStore {
    /// A store for chunks under `dir` (relative to the page), with the word
    /// shards `word_keys` for an explorer of `items` items.
    pub fn new(
        dir: String,
        outline: Rc<Dataset>,
        chunk_of: Vec<u32>,
        word_keys: Vec<String>,
        items: usize,
    ) -> ChunkStore {
        ChunkStore {
            dir,
            outline,
            chunk_of,
            states: RefCell::default(),
            word_keys,
            items,
            words: RefCell::default(),
            shards: RefCell::default(),
            words_version: Cell::new(0),
            on_change: RefCell::new(Callback::noop()),
        }
    }

    /// Whether the words of `text` can be searched, fetching the shards it
    /// needs that are not here yet.
    pub fn search(self: &Rc<Self>, text: &str) -> Search {
        let keys = shards_for(text, &self.word_keys);
        let mut search = Search::Ready;
        for key in keys {
            let state = self.shards.borrow().get(&key).cloned();
            match state {
                None => {
                    self.fetch_shard(key);
                    search = Search::Loading;
                }
                Some(Search::Loading) => search = Search::Loading,
                Some(Search::Failed(why)) => return Search::Failed(why),
                Some(Search::Ready) => {}
            }
        }
        search
    }

    /// The words fetched so far.
    pub fn words(&self) -> Ref<'_, LoadedWords> {
        self.words.borrow()
    }

    /// Changes each time a shard arrives.
    pub fn words_version(&self) -> u32 {
        self.words_version.get()
    }

    fn fetch_shard(self: &Rc<Self>, key: String) {
        self.shards
            .borrow_mut()
            .insert(key.clone(), Search::Loading);
        let store = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let url = format!("{}{WORD_DIR}/{}", store.dir, shard_file(&key));
            let result = match fetch_bytes(&url).await {
                Ok(bytes) => WordShard::decode(&bytes)
                    .and_then(|shard| store.words.borrow_mut().add(shard, store.items))
                    .map_err(|p| p.in_file(&url)),
                Err(message) => Err(message),
            };
            let state = match result {
                Ok(()) => Search::Ready,
                Err(why) => Search::Failed(why.into()),
            };
            store.shards.borrow_mut().insert(key, state);
            store.words_version.set(store.words_version.get() + 1);
            let callback = store.on_change.borrow().clone();
            callback.emit(());
        });
    }

    /// Sets what to call when a chunk has arrived or failed.
    pub fn set_on_change(&self, callback: Callback<()>) {
        *self.on_change.borrow_mut() = callback;
    }

    /// The chunk of the story at `position`.
    pub fn chunk_of(&self, position: usize) -> Option<u32> {
        self.chunk_of.get(position).copied()
    }

    /// Whether chunk `n` is here, on its way or failed: asked for before.
    pub fn asked(&self, n: u32) -> bool {
        self.states.borrow().contains_key(&n)
    }

    /// Starts fetching chunk `n` unless it is here or on its way.
    pub fn request(self: &Rc<Self>, n: u32) {
        if self.states.borrow().contains_key(&n) {
            return;
        }
        self.states.borrow_mut().insert(n, State::Loading);
        let store = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let url = format!("{}{}", store.dir, chunk_file(n));
            let state = match fetch_text(&url).await {
                Ok(text) => match serde_json::from_str::<Dataset>(&text) {
                    Ok(chunk) => match check_chunk(&store.outline, &store.chunk_of, n, chunk) {
                        Ok(chunk) => State::Ready(Rc::new(chunk)),
                        Err(problems) => State::Failed(
                            format!(
                                "{url}: {}",
                                problems
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            )
                            .into(),
                        ),
                    },
                    Err(e) => {
                        State::Failed(format!("{url}:{}:{}: {}", e.line(), e.column(), e).into())
                    }
                },
                Err(message) => State::Failed(message.into()),
            };
            store.states.borrow_mut().insert(n, state);
            let callback = store.on_change.borrow().clone();
            callback.emit(());
        });
    }

    /// Where the text of chunk `n` stands.
    pub fn text(&self, n: u32) -> StoryText {
        match self.states.borrow().get(&n) {
            None | Some(State::Loading) => StoryText::Loading,
            Some(State::Ready(chunk)) => StoryText::Chunk(ByPtr(Rc::clone(chunk))),
            Some(State::Failed(why)) => StoryText::Failed(Rc::clone(why)),
        }
    }
}

/// The chunk store as a context value; it changes (and so renders its
/// users again) each time a chunk arrives.
#[derive(Clone, Debug, PartialEq)]
pub struct Chunks {
    /// The store, for a split dataset.
    pub store: Option<ByPtr<ChunkStore>>,
    /// Bumped when a chunk arrives or fails.
    pub version: u32,
}

/// Where a story's full text is.
#[derive(Clone, Debug, PartialEq)]
pub enum StoryText {
    /// In the dataset the component already holds (the whole layout).
    Here,
    /// On its way.
    Loading,
    /// It could not be had; the text says why.
    Failed(Rc<str>),
    /// In this chunk, which holds the story with its quotes and posts.
    Chunk(ByPtr<Dataset>),
}

/// When a component asks for a chunk that is not here yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fetch {
    /// At once: the page is about this story.
    Now,
    /// Once the component has been on the page for [`SETTLE_MS`]: a row of
    /// a list asks this way, so that rows only flown past while scrolling
    /// fetch nothing.
    Settled,
}

/// How long a row must stay on the page before its chunk is fetched, in ms.
pub const SETTLE_MS: u32 = 120;
