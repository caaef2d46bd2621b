//! Loading the dataset: fetch `data/stories.json` (relative to the page's
//! base URL), parse it and validate it with the core's rules. The file is
//! either a whole dataset or the index of a split one, whose chunks
//! [`crate::chunks`] fetches later.

use std::rc::Rc;

use storyscope_core::explore::Explorer;
use storyscope_core::split::{layout_of, FileLayout, SplitIndex};
use storyscope_core::{validate::validate, Dataset};

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
    /// It cannot be used; the lines say why and where.
    Failed(Vec<String>),
    /// Ready, with warnings worth showing, and the chunks of a split dataset.
    Ready(Rc<Dataset>, Prepared, Vec<String>, Chunks),
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
    let response = match gloo::net::http::Request::get(DATASET_URL).send().await {
        Ok(response) => response,
        Err(e) => return Loaded::Failed(vec![format!("{DATASET_URL}: cannot fetch: {e}")]),
    };
    if !response.ok() {
        return Loaded::Failed(vec![format!(
            "{DATASET_URL}: the server answered {} {}",
            response.status(),
            response.status_text()
        )]);
    }
    match response.text().await {
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
        Err(e) => Loaded::Failed(vec![format!("{DATASET_URL}: cannot read: {e}")]),
    }
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

/// Parses and validates a dataset's text, whole or the index of a split one.
pub fn parse(text: &str) -> Loaded {
    match layout_of(text) {
        FileLayout::Whole => parse_whole(text),
        FileLayout::Split => parse_split(text),
    }
}

fn json_error(e: &serde_json::Error) -> Loaded {
    Loaded::Failed(vec![format!(
        "{DATASET_URL}:{}:{}: {}",
        e.line(),
        e.column(),
        e.to_string().split(" at line ").next().unwrap_or_default()
    )])
}

/// Parses the index of a split dataset into its outline.
fn parse_split(text: &str) -> Loaded {
    let index: SplitIndex = match serde_json::from_str(text) {
        Ok(index) => index,
        Err(e) => return json_error(&e),
    };
    mark("storyscope-parsed");
    let outline = match index.outline() {
        Ok(outline) => outline,
        Err(problems) => {
            return Loaded::Failed(
                problems
                    .iter()
                    .map(|p| format!("{DATASET_URL}: {p}"))
                    .collect(),
            )
        }
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
    let explorer = Prepared(explorer);
    Loaded::Ready(
        dataset,
        explorer,
        Vec::new(),
        Chunks {
            store: Some(Rc::new(store)),
            version: 0,
        },
    )
}

/// Parses and validates a whole dataset.
fn parse_whole(text: &str) -> Loaded {
    let dataset: Dataset = match serde_json::from_str(text) {
        Ok(dataset) => dataset,
        Err(e) => return json_error(&e),
    };
    mark("storyscope-parsed");
    let problems = validate(&dataset);
    mark("storyscope-validated");
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    if problems.iter().any(|p| p.is_error()) {
        Loaded::Failed(lines)
    } else {
        let explorer = Prepared(Rc::new(Explorer::new(&dataset)));
        mark("storyscope-indexed");
        Loaded::Ready(
            Rc::new(dataset),
            explorer,
            lines,
            Chunks {
                store: None,
                version: 0,
            },
        )
    }
}
