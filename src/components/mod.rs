//! Reusable pieces of the pages, one component per file.

pub mod copy_link;
pub mod date_range;
pub mod person_chip;
pub mod person_filter;
pub mod post_card;
pub mod problem_list;
pub mod quote_card;
pub mod story_link;
pub mod virtual_timeline;

use std::rc::Rc;

use storyscope_core::Dataset;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::data::Shared;

/// The dataset from the app's context. Pages render only once it is loaded,
/// so it is always there.
#[hook]
pub fn use_dataset() -> Rc<Dataset> {
    use_context::<Shared>()
        .map(|s| s.dataset)
        .unwrap_or_default()
}

/// The dataset prepared for filtering, from the app's context.
#[hook]
pub fn use_explorer() -> Rc<storyscope_core::explore::Explorer> {
    use_context::<Shared>()
        .map(|s| s.prepared.0)
        .unwrap_or_else(|| Rc::new(storyscope_core::explore::Explorer::new(&Dataset::default())))
}

/// Sets `property` of `element`'s inline style to `value` through the
/// CSSOM. The page's Content-Security-Policy (`style-src 'self'`) refuses
/// `style` attributes, which is how yew would write a `style=` prop, but not
/// the CSSOM. Only numbers the app computed are ever set this way.
pub fn set_style(element: &web_sys::Element, property: &str, value: &str) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.style().set_property(property, value);
    }
}

/// A day as readers write it: "November 24, 2021".
pub fn long_date(day: storyscope_core::Day) -> String {
    format!("{} {}, {}", day.month_name(), day.day(), day.year())
}

/// A count with its noun: "1 quote", "90,041 items".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Sorts `items` by `key`, stably: items of equal keys keep their order.
/// Every list of the app is sorted through this one sort of plain
/// `(key, position)` pairs rather than a sort of its own.
pub fn sort_by_rank<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut ranked: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    ranked.sort_unstable();
    let sorted = ranked.iter().map(|&(_, i)| items[i]).collect();
    *items = sorted;
}

/// The rank that puts later days first and no day last.
pub fn newest_first(day: Option<storyscope_core::Day>) -> u64 {
    day.map_or(u64::MAX, |d| {
        // Any i32 year times 512 stays well within ±2^42.
        let ordinal = i64::from(d.year()) * 512 + i64::from(d.month()) * 32 + i64::from(d.day());
        ((1i64 << 42) - ordinal) as u64
    })
}

/// A count with thousands separators: 90041 -> "90,041".
pub use storyscope_core::validate::thousands;
