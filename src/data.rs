//! Loading the dataset: fetch `data/stories.json` (relative to the page's
//! base URL), then read it with the core's loader, the one `storyscope
//! validate` uses, and prepare it for filtering. The file is either a whole
//! dataset or the index of a split one, whose chunks [`crate::chunks`]
//! fetches later.

use std::rc::Rc;

use storyscope_core::explore::Explorer;
use storyscope_core::load::{load_dataset, load_split_index, LoadReport};
use storyscope_core::split::{layout_of, FileLayout};
use storyscope_core::{Dataset, Problem};

use crate::chunks::{ChunkStore, Chunks};

/// Where the dataset lives, relative to the app's base URL.
pub const DATASET_URL: &str = "data/stories.json";

/// The directory of [`DATASET_URL`], which chunk directories are beside.
const DATASET_DIR: &str = "data/";

/// The state of the dataset while the app starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Still fetching or parsing; the text says which.
    Loading(String),
    /// It could not be fetched; the lines say why.
    Failed(Vec<String>),
    /// It cannot be shown; the problems say why, where and how to fix it.
    Invalid(Rc<Vec<Problem>>),
    /// Ready, with what was skipped and other warnings, and the chunks of a
    /// split dataset.
    Ready(SharedDataset, Prepared, Rc<LoadReport>, Chunks),
}

/// The dataset, shared by the pages. Two handles are equal when they share
/// the same dataset: comparing a 100,000-story dataset field by field on
/// every render would cost more than the render.
#[derive(Clone, Debug, Default)]
pub struct SharedDataset(pub Rc<Dataset>);

impl std::ops::Deref for SharedDataset {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        &self.0
    }
}

impl PartialEq for SharedDataset {
    fn eq(&self, other: &SharedDataset) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The dataset prepared for filtering, shared by the pages. Two handles are
/// equal when they share the same preparation.
#[derive(Clone, Debug)]
pub struct Prepared(pub Rc<Explorer>);

impl PartialEq for Prepared {
    fn eq(&self, other: &Prepared) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The loaded dataset and its preparation, the pages' context. Two handles
/// are equal when they share the same dataset and preparation.
#[derive(Clone, Debug)]
pub struct Shared {
    /// The dataset (for a split dataset, its outline).
    pub dataset: Rc<Dataset>,
    /// The dataset prepared for filtering.
    pub prepared: Prepared,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Rc::ptr_eq(&self.dataset, &other.dataset) && self.prepared == other.prepared
    }
}

/// Records a named moment in the page's performance timeline, for the
/// benchmark (`storyscope-fetched`, `storyscope-parsed`, ...).
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}

/// Fetches, parses and validates the dataset, telling `progress` each step.
pub async fn load(progress: impl Fn(Loaded)) -> Loaded {
    mark("storyscope-fetch-start");
    progress(Loaded::Loading(format!("Fetching {DATASET_URL}…")));
    match fetch_text(DATASET_URL).await {
        Ok(text) => {
            mark("storyscope-fetched");
            progress(Loaded::Loading(format!(
                "Reading {} of stories…",
                human_size(text.len())
            )));
            // Let the page show that before the parse takes the thread.
            gloo::timers::future::TimeoutFuture::new(0).await;
            parse(&text)
        }
        Err(why) => Loaded::Failed(vec![why]),
    }
}

/// Fetches `url` as UTF-8 text. The bytes are copied into the app's memory
/// once and checked there: reading them as a JavaScript string first would
/// decode them to UTF-16 and encode them back, which for a dataset of tens
/// of megabytes takes longer than parsing it.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    String::from_utf8(fetch_bytes(url).await?).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{url}:{line}: this is not UTF-8 text (a byte that UTF-8 does not allow at byte {at}). Fix: save the file as UTF-8, or rebuild it with `storyscope ingest`"
        )
    })
}

/// Fetches `url` as bytes; a failure says which URL and why.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: cannot fetch: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .binary()
        .await
        .map_err(|e| format!("{url}: cannot read: {e}"))
}

/// A byte count for people: "9.8 KB", "61.2 MB".
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1000 => format!("{b} bytes"),
        b if b < 1_000_000 => tenths(b, 1_000, "KB"),
        b => tenths(b, 1_000_000, "MB"),
    }
}

/// `bytes / unit` with one decimal, rounded, in integers (no float
/// formatting in the app).
fn tenths(bytes: usize, unit: usize, name: &str) -> String {
    let tenths = (bytes * 10 + unit / 2) / unit;
    format!("{}.{} {name}", tenths / 10, tenths % 10)
}

/// Reads a dataset's text: parse, validate, skip what cannot be shown,
/// prepare the rest. The index of a split dataset is outlined instead.
pub fn parse(text: &str) -> Loaded {
    if layout_of(text) == FileLayout::Split {
        return parse_split(text);
    }
    let loaded = match load_dataset(text) {
        Ok(loaded) => loaded,
        Err(problems) => return Loaded::Invalid(Rc::new(problems)),
    };
    mark("storyscope-validated");
    let explorer = Prepared(Rc::new(Explorer::new(&loaded.dataset)));
    mark("storyscope-indexed");
    Loaded::Ready(
        SharedDataset(Rc::new(loaded.dataset)),
        explorer,
        Rc::new(loaded.report),
        Chunks {
            store: None,
            version: 0,
        },
    )
}

/// Reads the index of a split dataset into its outline.
fn parse_split(text: &str) -> Loaded {
    let (index, outline) = match load_split_index(text) {
        Ok(found) => found,
        Err(problems) => return Loaded::Invalid(Rc::new(problems)),
    };
    mark("storyscope-validated");
    let explorer = Rc::new(Explorer::for_outline(&outline.dataset));
    mark("storyscope-indexed");
    let dataset = Rc::new(outline.dataset);
    let store = ChunkStore::new(
        format!("{DATASET_DIR}{}/", index.chunk_dir),
        Rc::clone(&dataset),
        outline.chunk_of,
        index.words,
        explorer.len(),
    );
    Loaded::Ready(
        SharedDataset(dataset),
        Prepared(explorer),
        Rc::default(),
        Chunks {
            store: Some(Rc::new(store)),
            version: 0,
        },
    )
}
