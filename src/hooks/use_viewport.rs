//! `use_viewport`: the window's scroll position and size, followed at most
//! once per animation frame.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The window's vertical scroll position, inner height and inner width.
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

/// `(scroll_y, height, width)` of the window, updated on scroll and resize,
/// at most once per frame.
#[hook]
pub fn use_viewport() -> (f64, f64, f64) {
    let viewport = use_state(window_state);
    {
        let viewport = viewport.clone();
        use_effect_with((), move |_| {
            let pending = Rc::new(Cell::new(false));
            let frame = {
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
            for event in ["scroll", "resize"] {
                let _ = window
                    .add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref());
            }
            move || {
                let window = gloo::utils::window();
                for event in ["scroll", "resize"] {
                    let _ = window.remove_event_listener_with_callback(
                        event,
                        on_event.as_ref().unchecked_ref(),
                    );
                }
                drop(on_event);
            }
        });
    }
    *viewport
}
