//! The timeline's filters, read from and written to the URL.

use std::rc::Rc;

use storyscope_core::query::{Notice, TimelineQuery};
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::hooks::use_dataset;
use crate::route::Route;

/// The filters of the current URL, the notices about what in it was dropped,
/// and a callback that shows another query: `(query, replace)` pushes a
/// history entry, or replaces the current one when `replace` is true (for
/// typing in the search box).
#[derive(Clone)]
pub struct TimelineState {
    /// The filters in effect.
    pub query: Rc<TimelineQuery>,
    /// What the URL held that could not be used.
    pub notices: Rc<Vec<Notice>>,
    /// Shows another query.
    pub set: Callback<(TimelineQuery, bool)>,
}

/// Reads the timeline's filters from the URL.
#[hook]
pub fn use_timeline_query() -> TimelineState {
    let dataset = use_dataset();
    let location = use_location();
    let navigator = use_navigator();
    let query_str = location
        .as_ref()
        .map(|l| l.query_str().to_string())
        .unwrap_or_default();
    let parsed = {
        let dataset = dataset.clone();
        use_memo(query_str, move |query_str| {
            let (query, notices) =
                TimelineQuery::parse(query_str, |id| dataset.person(id).is_some());
            (Rc::new(query), Rc::new(notices))
        })
    };
    let set = Callback::from(move |(query, replace): (TimelineQuery, bool)| {
        let Some(navigator) = &navigator else { return };
        let qs = query.to_query_string();
        let qs = qs.trim_start_matches('?');
        // A raw query cannot fail to encode, so the results carry nothing.
        match (qs.is_empty(), replace) {
            (true, false) => navigator.push(&Route::Timeline),
            (true, true) => navigator.replace(&Route::Timeline),
            (false, false) => {
                let _ = navigator.push_with_query(&Route::Timeline, Raw(qs));
            }
            (false, true) => {
                let _ = navigator.replace_with_query(&Route::Timeline, Raw(qs));
            }
        }
    });
    TimelineState {
        query: parsed.0.clone(),
        notices: parsed.1.clone(),
        set,
    }
}
