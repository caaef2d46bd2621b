//! Reusable pieces of the pages, one component per file.

pub mod person_chip;
pub mod post_card;
pub mod quote_card;

use std::rc::Rc;

use storyscope_core::Dataset;
use yew::prelude::*;

/// The dataset from the app's context. Pages render only once it is loaded,
/// so it is always there.
#[hook]
pub fn use_dataset() -> Rc<Dataset> {
    use_context::<Rc<Dataset>>().unwrap_or_default()
}

/// A day as readers write it: "November 24, 2021".
pub fn long_date(day: storyscope_core::Day) -> String {
    format!("{} {}, {}", day.month_name(), day.day(), day.year())
}
