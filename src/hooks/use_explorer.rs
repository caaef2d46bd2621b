//! `use_explorer`: the dataset prepared for filtering, from the app's
//! context.

use std::rc::Rc;

use storyscope_core::explore::Explorer;
use storyscope_core::Dataset;
use yew::prelude::*;

use crate::context::Shared;

/// The dataset prepared for filtering, from the app's context. Pages render
/// only once it is loaded, so it is always there.
#[hook]
pub fn use_explorer() -> Rc<Explorer> {
    use_context::<Shared>()
        .map(|s| s.explorer.0)
        .unwrap_or_else(|| Rc::new(Explorer::new(&Dataset::default())))
}
