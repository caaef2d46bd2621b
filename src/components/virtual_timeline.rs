//! The timeline's list, virtual: only the rows in and near the viewport are
//! in the page, so its cost does not grow with the number of items. Rows
//! have fixed heights (their text is clamped to fit), so every row's place
//! is known without measuring: a [`RowLayout`] built once per list and width
//! finds them. A sticky heading names the day at the top; as a feed (ARIA
//! `feed`), Arrow keys, j/k and Page keys move between items. Rows are
//! placed through the CSSOM after each render, since the page's
//! Content-Security-Policy refuses style attributes.

use std::rc::Rc;

use storyscope_core::timeline::{Heights, Item, RowLayout, Shown};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::post_card::PostCard;
use super::quote_card::QuoteCard;
use super::story_link::StoryLink;
use crate::dom::set_style;
use crate::format::{long_date, plural};
use crate::hooks::{use_dataset, use_explorer};
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

/// The items of a list (explorer positions, in order) and their days,
/// compared by identity: each new list is a new `Rc`, so a render that
/// keeps the list (a scroll, a key) compares one pointer rather than a
/// million items.
#[derive(Clone, Debug)]
pub struct Items(pub Rc<Shown>);

impl PartialEq for Items {
    fn eq(&self, other: &Items) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`VirtualTimeline`].
#[derive(Properties, PartialEq)]
pub struct VirtualTimelineProps {
    /// The items to show.
    pub items: Items,
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
    let explorer = use_explorer();
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
    let items = props.items.0.clone();
    // Where every row sits: once per list and width, not on every scroll.
    let layout = use_memo((props.items.clone(), narrow), |(Items(list), narrow)| {
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
            let Some(el) = list.cast::<web_sys::Element>() else {
                return;
            };
            set_style(&el, "height", &px(layout.page_height() as f64));
            let at = |y: u64| px(layout.page_y(y, scroll, view_height));
            let drawn = el.children();
            let mut k = 0;
            for i in first..last {
                if layout.has_heading(i) {
                    if let Some(row) = drawn.item(k) {
                        set_style(&row, "top", &at(layout.top(i)));
                    }
                    k += 1;
                }
                if let Some(row) = drawn.item(k) {
                    set_style(&row, "top", &at(layout.item_top(i)));
                    set_style(&row, "height", &px(f64::from(layout.item_height(i))));
                }
                k += 1;
            }
        });
    }

    let count = layout.len();
    let onkeydown = {
        let focus_row = focus_row.clone();
        let layout = layout.clone();
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
            // Scroll the row into the middle of the view; the list redraws
            // around it and the effect above focuses it.
            let target = list_top
                + layout.scroll_for(
                    layout.item_top(next) as f64 - view_height / 3.0,
                    view_height,
                );
            gloo::utils::window().scroll_to_with_x_and_y(0.0, target.max(0.0));
            focus_row.set(Some(next));
        })
    };

    let setsize = count.to_string();
    // Each slot's heading, if any, then its item: keyed siblings, so that a
    // row kept from one render to the next keeps its element.
    let mut rows: Vec<Html> = Vec::with_capacity(2 * (last - first));
    for i in first..last {
        let Some(position) = items.get(i) else { break };
        let (day, item) = explorer.item(position);
        if layout.has_heading(i) {
            rows.push(html! {
                <h2 class="vrow day-heading" key={format!("d{day}")}>
                    <time datetime={day.to_string()}>{ long_date(day) }</time>
                </h2>
            });
        }
        rows.push(html! {
            <article class="vrow item" key={format!("e{position}")} id={format!("row-{i}")} data-row={i.to_string()}
                tabindex="0" aria-posinset={(i + 1).to_string()} aria-setsize={setsize.clone()}>
                <TimelineItem {item} />
            </article>
        });
    }
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
