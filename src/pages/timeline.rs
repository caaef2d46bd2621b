//! The timeline page: stories, quotes and posts by day, with filters by
//! person, date range, kind and text, all kept in the URL.

use storyscope_core::query::{Kind, Order, TimelineQuery};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::rc::Rc;

use storyscope_core::split::LoadedWords;

use crate::chunks::{Chunks, Search};
use crate::components::copy_link::CopyLink;
use crate::components::date_range::DateRange;
use crate::components::person_filter::PersonFilter;
use crate::components::virtual_timeline::{Items, VirtualTimeline};
use crate::fetch::mark;
use crate::format::{plural, thousands};
use crate::hooks::use_timeline_query;
use crate::hooks::{use_dataset, use_explorer};

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Story => "Stories",
        Kind::Quote => "Quotes",
        Kind::Post => "Posts",
    }
}

/// The timeline.
#[function_component(TimelinePage)]
pub fn timeline_page() -> Html {
    let dataset = use_dataset();
    let explorer = use_explorer();
    let state = use_timeline_query();
    let query = state.query.clone();
    // A split dataset searches the word shards fetched so far.
    let store = use_context::<Chunks>().and_then(|c| c.store);
    let words_version = store.as_ref().map_or(0, |s| s.words_version());
    let memo = {
        let dataset = dataset.clone();
        let explorer = explorer.clone();
        let store = store.clone();
        use_memo((query.clone(), words_version), move |(q, _)| {
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
            let items = Rc::new(std::mem::take(&mut view.items));
            (view, search, items)
        })
    };
    let view = &memo.0;
    let search = memo.1.clone();
    let items = Items(memo.2.clone());
    use_effect_with((), |_| mark("storyscope-timeline-rendered"));
    // After each render's DOM changes, for the benchmark's breakdown.
    use_effect(|| mark("storyscope-timeline-updated"));
    let update = |f: Box<dyn Fn(&mut TimelineQuery)>, replace: bool| {
        let set = state.set.clone();
        let query = query.clone();
        move || {
            let mut next = (*query).clone();
            f(&mut next);
            set.emit((next, replace));
        }
    };

    let on_people = {
        let set = state.set.clone();
        let query = query.clone();
        Callback::from(move |people: Vec<String>| {
            set.emit((
                TimelineQuery {
                    people,
                    ..(*query).clone()
                },
                false,
            ))
        })
    };
    let on_dates = {
        let set = state.set.clone();
        let query = query.clone();
        Callback::from(move |(from, to)| {
            set.emit((
                TimelineQuery {
                    from,
                    to,
                    ..(*query).clone()
                },
                false,
            ))
        })
    };
    let on_search = {
        let set = state.set.clone();
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                set.emit((
                    TimelineQuery {
                        text: input.value(),
                        ..(*query).clone()
                    },
                    true,
                ));
            }
        })
    };
    let clear = {
        let f = update(
            Box::new(|q| {
                *q = TimelineQuery {
                    order: q.order,
                    ..TimelineQuery::default()
                }
            }),
            false,
        );
        Callback::from(move |_: MouseEvent| f())
    };
    let toggle_order = {
        let f = update(
            Box::new(|q| {
                q.order = if q.order == Order::Newest {
                    Order::Oldest
                } else {
                    Order::Newest
                }
            }),
            false,
        );
        Callback::from(move |_: MouseEvent| f())
    };

    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="page-title">
                <h1 id="timeline-title">{ "Timeline" }</h1>
                <CopyLink what="this view" />
            </div>
            if !state.notices.is_empty() {
                <div class="notice" role="status">
                    <strong>{ "Some of this link could not be used:" }</strong>
                    <ul>{ for state.notices.iter().map(|n| html! { <li>{ n.0.clone() }</li> }) }</ul>
                </div>
            }
            <form class="filters" role="search" aria-label="Filter the timeline" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <PersonFilter chosen={query.people.clone()} counts={view.person_counts.clone()} onchange={on_people} />
                <div class="filter search">
                    <label for="search-input">{ "Search" }</label>
                    <input id="search-input" type="search" placeholder="Words in titles, text, quotes, posts" value={query.text.clone()} oninput={on_search} />
                </div>
                <fieldset class="filter kinds">
                    <legend>{ "Show" }</legend>
                    { for Kind::ALL.iter().enumerate().map(|(i, &kind)| {
                        let checked = query.shows(kind) && !query.kinds.is_empty() || query.kinds.is_empty();
                        let onchange = {
                            let f = update(Box::new(move |q: &mut TimelineQuery| {
                                let mut kinds: Vec<Kind> = if q.kinds.is_empty() { Kind::ALL.to_vec() } else { q.kinds.clone() };
                                if kinds.contains(&kind) { kinds.retain(|k| *k != kind) } else { kinds.push(kind) }
                                kinds.sort();
                                q.kinds = if kinds.len() == Kind::ALL.len() { Vec::new() } else { kinds };
                            }), false);
                            Callback::from(move |_: Event| f())
                        };
                        html! {
                            <label class="kind-toggle">
                                <input type="checkbox" name="kind" value={kind.as_str()} {checked} {onchange} />
                                { kind_label(kind) }
                                <span class="count">{ thousands(view.kind_counts[i]) }</span>
                            </label>
                        }
                    }) }
                </fieldset>
                <DateRange from={query.from} to={query.to} buckets={view.histogram.clone()} unit={view.unit} onchange={on_dates} />
            </form>
            <div class="result-bar">
                <p class="result-count" role="status" aria-live="polite">{ match &search {
                    Search::Ready => plural(view.total, "item", "items"),
                    Search::Loading => "Searching…".to_string(),
                    Search::Failed(_) => "Search unavailable".to_string(),
                } }</p>
                <button type="button" class="link-button order" onclick={toggle_order}
                    aria-label={if query.order == Order::Newest { "Newest first; show oldest first" } else { "Oldest first; show newest first" }}>
                    { if query.order == Order::Newest { "Newest first ↓" } else { "Oldest first ↑" } }
                </button>
                if !query.is_unfiltered() {
                    <button type="button" class="link-button clear" onclick={clear.clone()}>{ "Clear filters" }</button>
                }
            </div>
            if let Search::Failed(why) = &search {
                <p class="notice" role="alert">{ format!("The words of this search could not be loaded: {why}") }</p>
            }
            if view.total == 0 && search == Search::Ready {
                <div class="empty-state">
                    <p class="empty-title">{ "Nothing matches these filters." }</p>
                    <p>{ "Try a wider date range, fewer people, or other words." }</p>
                    if !query.is_unfiltered() {
                        <button type="button" class="button" onclick={clear}>{ "Clear filters" }</button>
                    }
                </div>
            }
            <VirtualTimeline {items} />
        </section>
    }
}
