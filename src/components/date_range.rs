//! The date range: from/to inputs and a histogram strip of items over time
//! on which a range is picked with the mouse or the keyboard.

use storyscope_core::explore::{Bucket, Unit};
use storyscope_core::Day;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dom::set_style;
use crate::format::long_date;

/// Properties of [`DateRange`].
#[derive(Properties, PartialEq)]
pub struct DateRangeProps {
    /// The first day shown.
    pub from: Option<Day>,
    /// The last day shown.
    pub to: Option<Day>,
    /// The histogram's bars.
    pub buckets: Vec<Bucket>,
    /// The bars' width.
    pub unit: Unit,
    /// Called with the new range.
    pub onchange: Callback<(Option<Day>, Option<Day>)>,
}

fn unit_word(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
    }
}

/// A bar's height in pixels for `count` items when the fullest has `max`.
fn bar_height(count: usize, max: usize) -> usize {
    if count == 0 {
        2
    } else {
        8 + count * 52 / max
    }
}

fn bucket_label(unit: Unit, b: &Bucket) -> String {
    match unit {
        Unit::Day => long_date(b.start),
        Unit::Week => format!("week of {}", long_date(b.start)),
        Unit::Month => format!("{} {}", b.start.month_name(), b.start.year()),
    }
}

/// From/to inputs and the histogram. Click a bar to show its days; shift-click
/// (or Shift+Enter) to stretch the range to it; arrow keys move between bars.
#[function_component(DateRange)]
pub fn date_range(props: &DateRangeProps) -> Html {
    let focused = use_state(|| None::<usize>);
    let histogram = use_node_ref();
    let max = props
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    {
        // Each bar's height, set through the CSSOM when the heights change
        // (the page's Content-Security-Policy refuses style attributes); a
        // change of dates alone leaves them.
        let histogram = histogram.clone();
        let heights: Vec<usize> = props
            .buckets
            .iter()
            .map(|b| bar_height(b.count, max))
            .collect();
        use_effect_with(heights, move |heights| {
            let Some(el) = histogram.cast::<web_sys::Element>() else {
                return;
            };
            let bars = el.children();
            for (k, height) in heights.iter().enumerate() {
                if let Some(fill) = bars.item(k as u32).and_then(|b| b.first_element_child()) {
                    set_style(&fill, "height", &format!("{height}px"));
                }
            }
        });
    }
    let date_input = |which: &'static str, value: Option<Day>| {
        let onchange = {
            let cb = props.onchange.clone();
            let (from, to) = (props.from, props.to);
            Callback::from(move |e: Event| {
                let Some(input) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                else {
                    return;
                };
                let value = input.value();
                let day = value.parse::<Day>().ok();
                // While a year is being typed the field already holds a
                // date (0002, 0020, 0202): wait for all four digits.
                if value.is_empty() || day.is_some_and(|d| d.year() >= 1000) {
                    cb.emit(if which == "from" {
                        (day, to)
                    } else {
                        (from, day)
                    });
                }
            })
        };
        html! {
            <label class="date-input">
                <span>{ if which == "from" { "From" } else { "To" } }</span>
                <input type="date" name={which} id={format!("date-{which}")} value={value.map(|d| d.to_string()).unwrap_or_default()} {onchange} />
            </label>
        }
    };
    let in_range =
        |b: &Bucket| props.from.is_none_or(|f| b.end >= f) && props.to.is_none_or(|t| b.start <= t);
    let any_range = props.from.is_some() || props.to.is_some();
    let pick = {
        let cb = props.onchange.clone();
        let (from, to) = (props.from, props.to);
        move |b: Bucket, extend: bool| {
            if extend && (from.is_some() || to.is_some()) {
                let lo = from.map_or(b.start, |f| f.min(b.start));
                let hi = to.map_or(b.end, |t| t.max(b.end));
                cb.emit((Some(lo), Some(hi)));
            } else {
                cb.emit((Some(b.start), Some(b.end)));
            }
        }
    };
    let current = (*focused).unwrap_or_else(|| {
        props
            .buckets
            .iter()
            .position(|b| in_range(b) && b.count > 0)
            .unwrap_or(0)
    });
    html! {
        <div class="filter date-range">
            <div class="date-inputs">
                { date_input("from", props.from) }
                { date_input("to", props.to) }
            </div>
            if !props.buckets.is_empty() {
                <div class="histogram" ref={histogram.clone()} role="group" aria-label={format!("Items per {}; choose a bar to show its dates", unit_word(props.unit))}>
                    { for props.buckets.iter().enumerate().map(|(i, b)| {
                        let onclick = { let pick = pick.clone(); let b = *b; Callback::from(move |e: MouseEvent| pick(b, e.shift_key())) };
                        let onkeydown = {
                            let pick = pick.clone();
                            let b = *b;
                            let focused = focused.clone();
                            let last = props.buckets.len() - 1;
                            Callback::from(move |e: KeyboardEvent| {
                                let next = match e.key().as_str() {
                                    "ArrowLeft" => Some(i.saturating_sub(1)),
                                    "ArrowRight" => Some((i + 1).min(last)),
                                    "Home" => Some(0),
                                    "End" => Some(last),
                                    "Enter" | " " => { e.prevent_default(); pick(b, e.shift_key()); None }
                                    _ => None,
                                };
                                if let Some(n) = next {
                                    e.prevent_default();
                                    focused.set(Some(n));
                                    if let Some(el) = gloo::utils::document().get_element_by_id(&format!("bar-{n}")) {
                                        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() { let _ = el.focus(); }
                                    }
                                }
                            })
                        };
                        html! {
                            <button type="button" id={format!("bar-{i}")} class={classes!("bar", (any_range && in_range(b)).then_some("in-range"))}
                                tabindex={if i == current { "0" } else { "-1" }}
                                aria-pressed={(any_range && in_range(b)).to_string()}
                                aria-label={format!("{}: {} item{}", bucket_label(props.unit, b), b.count, if b.count == 1 { "" } else { "s" })}
                                title={format!("{}: {}", bucket_label(props.unit, b), b.count)}
                                {onclick} {onkeydown}>
                                <span class="bar-fill"></span>
                            </button>
                        }
                    }) }
                </div>
                <div class="histogram-axis" aria-hidden="true">
                    <span>{ props.buckets.first().map(|b| long_date(b.start)).unwrap_or_default() }</span>
                    <span>{ props.buckets.last().map(|b| long_date(b.end)).unwrap_or_default() }</span>
                </div>
            }
        </div>
    }
}
