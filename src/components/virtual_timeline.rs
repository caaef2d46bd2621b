//! The timeline's list, virtual: only the rows in and near the viewport are
//! in the page, so its cost does not grow with the number of items. Rows
//! have fixed heights (their text is clamped to fit), so every row's place
//! is known without measuring: a [`RowLayout`] built once per list and width
//! finds them. A sticky heading names the day at the top; as a feed (ARIA
//! `feed`), Arrow keys, j/k and Page keys move between items. Rows are
//! placed through the CSSOM after each render, since the page's
//! Content-Security-Policy refuses style attributes.

use std::rc::Rc;

use storyscope_core::explore::Explorer;
use storyscope_core::timeline::{Heights, Item, RowLayout, Shown};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::post_card::PostCard;
use super::quote_card::QuoteCard;
use super::story_link::StoryLink;
use crate::context::ByPtr;
use crate::dom::set_style;
use crate::format::{long_date, plural};
use crate::hooks::{use_dataset, use_explorer, use_viewport};
use crate::route::Route;

/// Row heights in pixels for a viewport width: phones get taller rows.
fn heights(narrow: bool) -> Heights {
    if narrow {
        Heights {
            heading: 52,
            story: 176,
            other: 292,
        }
    } else {
        Heights {
            heading: 52,
            story: 132,
            other: 196,
        }
    }
}

/// Rows drawn beyond the viewport, in pixels, above and below.
const OVERSCAN: f64 = 900.0;

/// A length in whole CSS pixels ("120px"). Rows are whole pixels high, and
/// formatting an integer keeps float formatting out of the app.
fn px(length: f64) -> String {
    format!("{}px", length.round() as i64)
}

/// Properties of [`VirtualTimeline`].
#[derive(Properties, PartialEq)]
pub struct VirtualTimelineProps {
    /// The items to show (explorer positions, in order, by day), compared
    /// by identity: each new list is a new one, so a render that keeps the
    /// list (a scroll, a key) compares one pointer rather than a million
    /// items.
    pub items: ByPtr<Shown>,
}

/// The virtual list.
#[function_component(VirtualTimeline)]
pub fn virtual_timeline(props: &VirtualTimelineProps) -> Html {
    let explorer = use_explorer();
    let list = use_node_ref();
    let focus_row = use_state(|| None::<usize>);
    {
        // After a keyboard move, focus the row once it is drawn.
        let focus_row = focus_row.clone();
        use_effect(move || {
            if let Some(i) = *focus_row {
                if let Some(el) = gloo::utils::document().get_element_by_id(&format!("row-{i}")) {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }

    let (scroll_y, view_height, width) = use_viewport();
    let narrow = width < 600.0;
    let items = props.items.0.clone();
    // Where every row sits: once per list and width, not on every scroll.
    let layout = use_memo((props.items.clone(), narrow), |(list, narrow)| {
        RowLayout::new(&list.runs, list.len(), heights(*narrow))
    });
    let list_top = list
        .cast::<web_sys::Element>()
        .map(|el| el.get_bounding_client_rect().top() + scroll_y)
        .unwrap_or(0.0);
    // How far the viewport's top is into the list element, and which place
    // of the whole list that shows (the same, unless the list is taller
    // than a page can be).
    let scroll = scroll_y - list_top;
    let offset = layout.offset(scroll, view_height);
    let place = |y: f64| y.max(0.0) as u64;
    let first = layout.at(place(offset - OVERSCAN));
    let last = (layout.at(place(offset + view_height + OVERSCAN)) + 1).min(layout.len());
    // The day at the top of the viewport, for the sticky heading.
    let top_day = items
        .get(layout.at(place(offset + 60.0)))
        .map(|e| explorer.day(e));
    {
        // Place the list and its drawn rows (its only children, in order:
        // each slot's heading, if any, then its item) after each render,
        // before the browser paints.
        let list = list.clone();
        let layout = layout.clone();
        use_effect(move || {
            if let Some(el) = list.cast::<web_sys::Element>() {
                place_rows(&el, &layout, first..last, scroll, view_height);
            }
        });
    }

    let onkeydown = on_keydown(focus_row.setter(), layout.clone(), list_top, view_height);

    let rows = rows(&explorer, &items, &layout, first..last);
    html! {
        <>
            if let Some(day) = top_day.filter(|_| scroll_y > list_top) {
                <div class="sticky-day" aria-hidden="true"><span>{ long_date(day) }</span></div>
            }
            <div class="vlist" role="feed" aria-busy="false" aria-label="Timeline items" ref={list.clone()} {onkeydown}>
                { rows }
            </div>
        </>
    }
}

/// Places the list element `el` and its drawn rows (its only children, in
/// order: each slot's heading, if any, then its item) for the slots
/// `drawn` at scroll position `scroll`.
fn place_rows(
    el: &web_sys::Element,
    layout: &RowLayout,
    drawn: std::ops::Range<usize>,
    scroll: f64,
    view_height: f64,
) {
    set_style(el, "height", &px(layout.page_height() as f64));
    let at = |y: u64| px(layout.page_y(y, scroll, view_height));
    let children = el.children();
    let mut k = 0;
    for i in drawn {
        if layout.has_heading(i) {
            if let Some(row) = children.item(k) {
                set_style(&row, "top", &at(layout.top(i)));
            }
            k += 1;
        }
        if let Some(row) = children.item(k) {
            set_style(&row, "top", &at(layout.item_top(i)));
            set_style(&row, "height", &px(f64::from(layout.item_height(i))));
        }
        k += 1;
    }
}

/// Feed-style keyboard moves between rows: arrows, `j`/`k`, page keys,
/// Ctrl+Home/End. The row moved to is scrolled into the view's upper third
/// and then focused (by `focus`, once it is drawn).
fn on_keydown(
    focus: UseStateSetter<Option<usize>>,
    layout: Rc<RowLayout>,
    list_top: f64,
    view_height: f64,
) -> Callback<KeyboardEvent> {
    let count = layout.len();
    Callback::from(move |e: KeyboardEvent| {
        let Some(current) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-row]").ok().flatten())
            .and_then(|el| el.get_attribute("data-row"))
            .and_then(|v| v.parse::<usize>().ok())
        else {
            return;
        };
        let step: isize = match e.key().as_str() {
            "ArrowDown" | "j" => 1,
            "ArrowUp" | "k" => -1,
            "PageDown" => 5,
            "PageUp" => -5,
            "Home" if e.ctrl_key() => -(current as isize),
            "End" if e.ctrl_key() => count as isize,
            _ => return,
        };
        e.prevent_default();
        if count == 0 {
            return;
        }
        let next = (current as isize + step).clamp(0, count as isize - 1) as usize;
        let target = list_top
            + layout.scroll_for(
                layout.item_top(next) as f64 - view_height / 3.0,
                view_height,
            );
        gloo::utils::window().scroll_to_with_x_and_y(0.0, target.max(0.0));
        focus.set(Some(next));
    })
}

/// The drawn rows of the slots `drawn`: each slot's heading, if any, then
/// its item, as keyed siblings, so that a row kept from one render to the
/// next keeps its element.
fn rows(
    explorer: &Explorer,
    items: &Shown,
    layout: &RowLayout,
    drawn: std::ops::Range<usize>,
) -> Vec<Html> {
    let setsize = layout.len().to_string();
    let mut rows: Vec<Html> = Vec::with_capacity(2 * drawn.len());
    for i in drawn {
        let Some(position) = items.get(i) else { break };
        let (day, item) = explorer.item(position);
        // A feed holds articles only: the day's heading is for the eye, and
        // each article says its day to a screen reader itself.
        if layout.has_heading(i) {
            rows.push(html! {
                <h2 class="vrow day-heading" key={format!("d{day}")} aria-hidden="true">
                    <time datetime={day.to_string()}>{ long_date(day) }</time>
                </h2>
            });
        }
        rows.push(html! {
            <article class="vrow item" key={format!("e{position}")} id={format!("row-{i}")} data-row={i.to_string()}
                tabindex="0" aria-posinset={(i + 1).to_string()} aria-setsize={setsize.clone()}>
                <span class="visually-hidden">{ long_date(day) }</span>
                <TimelineItem {item} />
            </article>
        });
    }
    rows
}

/// Properties of [`TimelineItem`].
#[derive(Properties, PartialEq)]
pub struct TimelineItemProps {
    /// The item.
    pub item: Item,
}

/// One item of the timeline: a story, a quote or a post.
#[function_component(TimelineItem)]
pub fn timeline_item(props: &TimelineItemProps) -> Html {
    let dataset = use_dataset();
    let explorer = use_explorer();
    match props.item {
        Item::Story(i) => {
            let story = &dataset.stories[i];
            let (quotes, posts) = explorer.story_counts(i);
            html! {
                <div class="story-item">
                    <span class="kind">{ "Story" }</span>
                    <h2><Link<Route> to={Route::Story { id: story.id.clone() }}>{ story.title.clone() }</Link<Route>></h2>
                    <p class="meta">
                        { plural(quotes, "quote", "quotes") }{ " · " }{ plural(posts, "post", "posts") }
                        if !story.sources.is_empty() { { format!(" · cites {}", story.sources.join(", ")) } }
                    </p>
                </div>
            }
        }
        Item::Quote(i) => html! {
            <div class="quote-item">
                <span class="kind">{ "Quote" }</span>
                <QuoteCard quote={dataset.quotes[i].clone()} show_story=true />
            </div>
        },
        Item::Post(i) => {
            let post = &dataset.posts[i];
            html! {
                <div class="post-item">
                    <span class="kind">{ "Post" }</span>
                    <PostCard post={post.clone()} />
                    <StoryLink story={post.story.clone()} anchor={format!("post-{}", post.id)} class="in-context">{ "Where it was embedded →" }</StoryLink>
                </div>
            }
        }
    }
}
