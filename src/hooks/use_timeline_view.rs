//! `use_timeline_view`: the timeline's filters run on the dataset, once per
//! change of the query (or of the word shards a split dataset has).

use std::rc::Rc;

use storyscope_core::explore::TimelineView;
use storyscope_core::query::TimelineQuery;
use storyscope_core::split::LoadedWords;
use storyscope_core::timeline::Shown;
use yew::prelude::*;

use crate::chunks::{Chunks, Search};
use crate::context::ByPtr;
use crate::fetch::mark;
use crate::hooks::{use_dataset, use_explorer};

/// What the timeline shows for a query.
#[derive(Clone, Debug)]
pub struct Filtered {
    /// The counts, histogram and totals (its items are in `items`).
    pub view: Rc<TimelineView>,
    /// Whether the search's words could be looked up.
    pub search: Search,
    /// The matching items, for the virtual list.
    pub items: ByPtr<Shown>,
}

/// The timeline for `query`. A split dataset searches the word shards
/// fetched so far and fetches those it lacks.
#[hook]
pub fn use_timeline_view(query: Rc<TimelineQuery>) -> Filtered {
    let dataset = use_dataset();
    let explorer = use_explorer();
    let store = use_context::<Chunks>().and_then(|c| c.store).map(|s| s.0);
    let words_version = store.as_ref().map_or(0, |s| s.words_version());
    let filtered = use_memo((query, words_version), move |(q, _)| {
        // Marks for the benchmark: how much of a change is the filter.
        mark("storyscope-filter-start");
        let (mut view, search) = match store {
            None => (explorer.run(&dataset, q), Search::Ready),
            Some(store) => {
                let search = store.search(&q.text);
                let view = match search {
                    Search::Ready => explorer.run_with(&dataset, q, &*store.words()),
                    _ => explorer.run_with(&dataset, q, &LoadedWords::default()),
                };
                (view, search)
            }
        };
        mark("storyscope-filter-end");
        // The list goes to the virtual list as one shared handle.
        let items = ByPtr::new(std::mem::take(&mut view.items));
        Filtered {
            view: Rc::new(view),
            search,
            items,
        }
    });
    (*filtered).clone()
}
