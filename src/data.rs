//! Loading the dataset: fetch `data/stories.json` (relative to the page's
//! base URL), parse it and validate it with the core's rules.

use std::rc::Rc;

use storyscope_core::{validate::validate, Dataset};

/// Where the dataset lives, relative to the app's base URL.
pub const DATASET_URL: &str = "data/stories.json";

/// The state of the dataset while the app starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Still fetching or parsing.
    Loading,
    /// It cannot be used; the lines say why and where.
    Failed(Vec<String>),
    /// Ready, with warnings worth showing.
    Ready(Rc<Dataset>, Vec<String>),
}

/// Fetches, parses and validates the dataset.
pub async fn load() -> Loaded {
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
        Ok(text) => parse(&text),
        Err(e) => Loaded::Failed(vec![format!("{DATASET_URL}: cannot read: {e}")]),
    }
}

/// Parses and validates a dataset's text.
pub fn parse(text: &str) -> Loaded {
    let dataset: Dataset = match serde_json::from_str(text) {
        Ok(dataset) => dataset,
        Err(e) => {
            return Loaded::Failed(vec![format!(
                "{DATASET_URL}:{}:{}: {}",
                e.line(),
                e.column(),
                e.to_string().split(" at line ").next().unwrap_or_default()
            )])
        }
    };
    let problems = validate(&dataset);
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    if problems.iter().any(|p| p.is_error()) {
        Loaded::Failed(lines)
    } else {
        Loaded::Ready(Rc::new(dataset), lines)
    }
}
