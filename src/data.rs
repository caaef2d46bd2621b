//! Loading the dataset: fetch `data/stories.json` (relative to the page's
//! base URL), then read it with the core's loader, the one `storyscope
//! validate` uses, and prepare it for filtering. The file is either a whole
//! dataset or the index of a split one, whose chunks [`crate::chunks`]
//! fetches later. Fetching itself is [`crate::fetch`]'s.

use std::rc::Rc;

use storyscope_core::explore::Explorer;
use storyscope_core::load::{load_dataset, load_split_index, LoadReport};
use storyscope_core::split::{layout_of, FileLayout};
use storyscope_core::{Dataset, Problem};

use crate::chunks::{ChunkStore, Chunks};
use crate::context::ByPtr;
use crate::fetch::{fetch_text, mark};
use crate::format::human_size;

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
    Ready(ByPtr<Dataset>, ByPtr<Explorer>, Rc<LoadReport>, Chunks),
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
    let explorer = ByPtr::new(Explorer::new(&loaded.dataset));
    mark("storyscope-indexed");
    Loaded::Ready(
        ByPtr::new(loaded.dataset),
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
        ByPtr(dataset),
        ByPtr(explorer),
        Rc::default(),
        Chunks {
            store: Some(ByPtr::new(store)),
            version: 0,
        },
    )
}
