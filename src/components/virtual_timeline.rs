//! The timeline's list, virtual: only the rows in and near the viewport are
//! in the page, so its cost does not grow with the number of items. Rows
//! have fixed heights (their text is clamped to fit), so every row's place
//! is known without measuring. A sticky heading names the day at the top;
//! as a feed (ARIA `feed`), Arrow keys, j/k and Page keys move between items.
//! Rows are placed through the CSSOM after each render, since the page's
//! Content-Security-Policy refuses style attributes.

use std::rc::Rc;

use storyscope_core::timeline::Item;
use storyscope_core::Day;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::post_card::PostCard;
use super::quote_card::QuoteCard;
use super::story_link::StoryLink;
use super::{long_date, plural, set_style, use_dataset, use_explorer};
use crate::route::Route;

/// One row of the list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Row {
    /// A day's heading.
    Day(Day),
    /// An item of that day.
    Item(Day, Item),
}

/// Row heights in pixels for a viewport width: phones get taller rows.
fn height(row: &Row, narrow: bool) -> f64 {
    match (row, narrow) {
        (Row::Day(_), _) => 52.0,
        (Row::Item(_, Item::Story(_)), false) => 132.0,
        (Row::Item(_, Item::Story(_)), true) => 176.0,
        (Row::Item(_, _), false) => 196.0,
        (Row::Item(_, _), true) => 292.0,
    }
}

/// Rows drawn beyond the viewport, in pixels, above and below.
const OVERSCAN: f64 = 900.0;

/// A length in whole CSS pixels ("120px"). Rows are whole pixels high, and
/// formatting an integer keeps float formatting out of the app.
fn px(length: f64) -> String {
    format!("{}px", length.round() as i64)
}

/// The rows for a list of (day, item): a heading before each new day.
pub fn rows(items: &[(Day, Item)]) -> Vec<Row> {
    let mut out = Vec::with_capacity(items.len() + items.len() / 4);
    let mut last = None;
    for &(day, item) in items {
        if last != Some(day) {
            out.push(Row::Day(day));
            last = Some(day);
        }
        out.push(Row::Item(day, item));
    }
    out
}

/// The rows of a list, compared by identity: each new list is a new `Rc`,
/// so a render that keeps the list (a scroll, a key) compares one pointer
/// rather than a million rows.
#[derive(Clone, Debug)]
pub struct Rows(pub Rc<Vec<Row>>);

impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`VirtualTimeline`].
#[derive(Properties, PartialEq)]
pub struct VirtualTimelineProps {
    /// The rows to show.
    pub rows: Rows,
}

fn window_state() -> (f64, f64, f64) {
    let w = gloo::utils::window();
    let y = w.scroll_y().unwrap_or(0.0);
    let height = w
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    let width = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1024.0);
    (y, height, width)
}

/// The virtual list.
#[function_component(VirtualTimeline)]
pub fn virtual_timeline(props: &VirtualTimelineProps) -> Html {
    let list = use_node_ref();
    let viewport = use_state(window_state);
    let focus_row = use_state(|| None::<usize>);
    {
        // Follow scrolling and resizing, at most once per frame.
        let viewport = viewport.clone();
        use_effect_with((), move |_| {
            let pending = Rc::new(std::cell::Cell::new(false));
            let frame = {
                let viewport = viewport.clone();
                let pending = pending.clone();
                Closure::<dyn FnMut()>::new(move || {
                    pending.set(false);
                    viewport.set(window_state());
                })
            };
            let on_event = Closure::<dyn FnMut()>::new(move || {
                if !pending.replace(true) {
                    let _ = gloo::utils::window()
                        .request_animation_frame(frame.as_ref().unchecked_ref());
                }
            });
            let window = gloo::utils::window();
            let _ = window
                .add_event_listener_with_callback("scroll", on_event.as_ref().unchecked_ref());
            let _ = window
                .add_event_listener_with_callback("resize", on_event.as_ref().unchecked_ref());
            move || {
                let window = gloo::utils::window();
                let _ = window.remove_event_listener_with_callback(
                    "scroll",
                    on_event.as_ref().unchecked_ref(),
                );
                let _ = window.remove_event_listener_with_callback(
                    "resize",
                    on_event.as_ref().unchecked_ref(),
                );
                drop(on_event);
            }
        });
    }
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

    let (scroll_y, view_height, width) = *viewport;
    let narrow = width < 600.0;
    let rows = &props.rows.0;
    // Each row's top from the start of the list, and which rows are items:
    // computed once per list and width, not on every scroll.
    let layout = use_memo((props.rows.clone(), narrow), |(Rows(rows), narrow)| {
        let mut tops = Vec::with_capacity(rows.len() + 1);
        let mut y = 0.0;
        for row in rows.iter() {
            tops.push(y);
            y += height(row, *narrow);
        }
        tops.push(y);
        let items: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Row::Item(..)))
            .map(|(i, _)| i)
            .collect();
        (Rc::new(tops), Rc::new(items))
    });
    let (tops, item_rows) = (layout.0.clone(), layout.1.clone());
    let total = tops.last().copied().unwrap_or(0.0);
    let list_top = list
        .cast::<web_sys::Element>()
        .map(|el| el.get_bounding_client_rect().top() + scroll_y)
        .unwrap_or(0.0);
    let from = scroll_y - list_top - OVERSCAN;
    let to = scroll_y - list_top + view_height + OVERSCAN;
    let first = tops.partition_point(|&t| t < from).saturating_sub(1);
    let last = tops.partition_point(|&t| t < to).min(rows.len());
    // The day at the top of the viewport, for the sticky heading.
    let top_index = tops
        .partition_point(|&t| t <= scroll_y - list_top + 60.0)
        .saturating_sub(1);
    let top_day = rows.get(top_index).map(|r| match r {
        Row::Day(d) | Row::Item(d, _) => *d,
    });
    {
        // Place the list and its drawn rows (its only children, in order)
        // after each render, before the browser paints.
        let list = list.clone();
        let tops = tops.clone();
        use_effect(move || {
            let Some(el) = list.cast::<web_sys::Element>() else {
                return;
            };
            set_style(&el, "height", &px(total));
            let drawn = el.children();
            for k in 0..drawn.length() {
                let i = first + k as usize;
                let (Some(row), Some(&top), Some(&next)) =
                    (drawn.item(k), tops.get(i), tops.get(i + 1))
                else {
                    break;
                };
                set_style(&row, "top", &px(top));
                set_style(&row, "height", &px(next - top));
            }
        });
    }

    let onkeydown = {
        let focus_row = focus_row.clone();
        let tops = tops.clone();
        let item_rows = item_rows.clone();
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
            let pos = item_rows.partition_point(|&r| r < current);
            let step: isize = match e.key().as_str() {
                "ArrowDown" | "j" => 1,
                "ArrowUp" | "k" => -1,
                "PageDown" => 5,
                "PageUp" => -5,
                "Home" if e.ctrl_key() => -(pos as isize),
                "End" if e.ctrl_key() => item_rows.len() as isize,
                _ => return,
            };
            e.prevent_default();
            let next = (pos as isize + step).clamp(0, item_rows.len() as isize - 1) as usize;
            let Some(&row) = item_rows.get(next) else {
                return;
            };
            // Scroll the row into the middle of the view; the list redraws
            // around it and the effect above focuses it.
            let target = list_top + tops[row] - view_height / 3.0;
            gloo::utils::window().scroll_to_with_x_and_y(0.0, target.max(0.0));
            focus_row.set(Some(row));
        })
    };

    let setsize = item_rows.len();
    html! {
        <>
            if let Some(day) = top_day.filter(|_| scroll_y > list_top) {
                <div class="sticky-day" aria-hidden="true"><span>{ long_date(day) }</span></div>
            }
            <div class="vlist" role="feed" aria-busy="false" aria-label="Timeline items" ref={list.clone()} {onkeydown}>
                { for (first..last).map(|i| {
                    let row = rows[i];
                    match row {
                        Row::Day(day) => html! {
                            <h2 class="vrow day-heading" key={format!("d{i}")}>
                                <time datetime={day.to_string()}>{ long_date(day) }</time>
                            </h2>
                        },
                        Row::Item(_, item) => html! {
                            <article class="vrow item" key={format!("r{i}-{item:?}")} id={format!("row-{i}")} data-row={i.to_string()}
                                tabindex="0" aria-posinset={(item_rows.partition_point(|&r| r < i) + 1).to_string()} aria-setsize={setsize.to_string()}>
                                <TimelineItem {item} />
                            </article>
                        },
                    }
                }) }
            </div>
        </>
    }
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
                    <h3><Link<Route> to={Route::Story { id: story.id.clone() }}>{ story.title.clone() }</Link<Route>></h3>
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
