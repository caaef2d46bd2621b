//! `use_dataset`: the loaded dataset, from the app's context.

use std::rc::Rc;

use storyscope_core::Dataset;
use yew::prelude::*;

use crate::context::Shared;

/// The dataset from the app's context. Pages render only once it is loaded,
/// so it is always there.
#[hook]
pub fn use_dataset() -> Rc<Dataset> {
    use_context::<Shared>()
        .map(|s| s.dataset.0)
        .unwrap_or_default()
}
