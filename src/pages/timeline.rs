//! The timeline page: stories, quotes and posts by day, with filters by
//! person, date range, kind and text, all kept in the URL.

use storyscope_core::explore::TimelineView;
use storyscope_core::query::{Kind, Notice, Order, TimelineQuery};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chunks::Search;
use crate::components::copy_link::CopyLink;
use crate::components::date_range::DateRange;
use crate::components::person_filter::PersonFilter;
use crate::components::virtual_timeline::VirtualTimeline;
use crate::fetch::mark;
use crate::format::{plural, thousands};
use crate::hooks::{use_timeline_query, use_timeline_view};

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Story => "Stories",
        Kind::Quote => "Quotes",
        Kind::Post => "Posts",
    }
}

/// Shows the query that `change` makes of the current one, in a new
/// history entry or, when `replace`, in place of the current one.
type Change = std::rc::Rc<dyn Fn(Box<dyn Fn(&mut TimelineQuery)>, bool)>;

/// The timeline.
#[function_component(TimelinePage)]
pub fn timeline_page() -> Html {
    let state = use_timeline_query();
    let query = state.query.clone();
    let filtered = use_timeline_view(query.clone());
    let view = &*filtered.view;
    let search = filtered.search.clone();
    use_effect_with((), |_| mark("storyscope-timeline-rendered"));
    // After each render's DOM changes, for the benchmark's breakdown.
    use_effect(|| mark("storyscope-timeline-updated"));
    let change: Change = {
        let set = state.set.clone();
        let query = query.clone();
        std::rc::Rc::new(move |f: Box<dyn Fn(&mut TimelineQuery)>, replace| {
            let mut next = (*query).clone();
            f(&mut next);
            set.emit((next, replace));
        })
    };
    let clear = {
        let change = change.clone();
        Callback::from(move |_: MouseEvent| {
            change(
                Box::new(|q| {
                    *q = TimelineQuery {
                        order: q.order,
                        ..TimelineQuery::default()
                    }
                }),
                false,
            )
        })
    };
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="page-title">
                <h1 id="timeline-title">{ "Timeline" }</h1>
                <CopyLink what="this view" />
            </div>
            { notices(&state.notices) }
            { filters(&query, view, &change) }
            { result_bar(&query, view, &search, &change, &clear) }
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
            <VirtualTimeline items={filtered.items.clone()} />
        </section>
    }
}

/// What in the link could not be used, if anything.
fn notices(notices: &[Notice]) -> Html {
    if notices.is_empty() {
        return Html::default();
    }
    html! {
        <div class="notice" role="status">
            <strong>{ "Some of this link could not be used:" }</strong>
            <ul>{ for notices.iter().map(|n| html! { <li>{ n.0.clone() }</li> }) }</ul>
        </div>
    }
}

/// The filters: people, search words, kinds and dates.
fn filters(query: &TimelineQuery, view: &TimelineView, change: &Change) -> Html {
    let on_people = {
        let change = change.clone();
        Callback::from(move |people: Vec<String>| {
            change(Box::new(move |q| q.people = people.clone()), false)
        })
    };
    let on_dates = {
        let change = change.clone();
        Callback::from(move |(from, to)| {
            change(
                Box::new(move |q| {
                    q.from = from;
                    q.to = to;
                }),
                false,
            )
        })
    };
    let on_search = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let text = input.value();
                change(Box::new(move |q| q.text = text.clone()), true);
            }
        })
    };
    html! {
        <form class="filters" role="search" aria-label="Filter the timeline" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <PersonFilter chosen={query.people.clone()} counts={view.person_counts.clone()} onchange={on_people} />
            <div class="filter search">
                <label for="search-input">{ "Search" }</label>
                <input id="search-input" type="search" placeholder="Words in titles, text, quotes, posts" value={query.text.clone()} oninput={on_search} />
            </div>
            { kinds(query, view, change) }
            <DateRange from={query.from} to={query.to} buckets={view.histogram.clone()} unit={view.unit} onchange={on_dates} />
        </form>
    }
}

/// The kind toggles, each with its count; all on is no kind filter.
fn kinds(query: &TimelineQuery, view: &TimelineView, change: &Change) -> Html {
    let toggle = |kind: Kind| {
        let change = change.clone();
        Callback::from(move |_: Event| {
            change(
                Box::new(move |q| {
                    let mut kinds: Vec<Kind> = if q.kinds.is_empty() {
                        Kind::ALL.to_vec()
                    } else {
                        q.kinds.clone()
                    };
                    if kinds.contains(&kind) {
                        kinds.retain(|k| *k != kind)
                    } else {
                        kinds.push(kind)
                    }
                    kinds.sort();
                    q.kinds = if kinds.len() == Kind::ALL.len() {
                        Vec::new()
                    } else {
                        kinds
                    };
                }),
                false,
            )
        })
    };
    html! {
        <fieldset class="filter kinds">
            <legend>{ "Show" }</legend>
            { for Kind::ALL.iter().enumerate().map(|(i, &kind)| {
                let checked = query.kinds.is_empty() || query.shows(kind);
                html! {
                    <label class="kind-toggle">
                        <input type="checkbox" name="kind" value={kind.as_str()} {checked} onchange={toggle(kind)} />
                        { kind_label(kind) }
                        <span class="count">{ thousands(view.kind_counts[i]) }</span>
                    </label>
                }
            }) }
        </fieldset>
    }
}

/// The count of what is shown, the order toggle and "Clear filters".
fn result_bar(
    query: &TimelineQuery,
    view: &TimelineView,
    search: &Search,
    change: &Change,
    clear: &Callback<MouseEvent>,
) -> Html {
    let toggle_order = {
        let change = change.clone();
        Callback::from(move |_: MouseEvent| {
            change(
                Box::new(|q| {
                    q.order = if q.order == Order::Newest {
                        Order::Oldest
                    } else {
                        Order::Newest
                    }
                }),
                false,
            )
        })
    };
    let newest = query.order == Order::Newest;
    html! {
        <div class="result-bar">
            <p class="result-count" role="status" aria-live="polite">{ match search {
                Search::Ready => plural(view.total, "item", "items"),
                Search::Loading => "Searching…".to_string(),
                Search::Failed(_) => "Search unavailable".to_string(),
            } }</p>
            <button type="button" class="link-button order" onclick={toggle_order}
                aria-label={if newest { "Newest first; show oldest first" } else { "Oldest first; show newest first" }}>
                { if newest { "Newest first ↓" } else { "Oldest first ↑" } }
            </button>
            if !query.is_unfiltered() {
                <button type="button" class="link-button clear" onclick={clear.clone()}>{ "Clear filters" }</button>
            }
        </div>
    }
}
