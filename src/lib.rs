//! Storyscope's web app: a yew single-page app that loads the bundled
//! dataset and lets a reader explore its stories, quotes, posts and people.
//!
//! The app is thin: everything that can be computed without a browser lives
//! in `storyscope-core`; the modules here fetch, route and render.

#![cfg(target_arch = "wasm32")]

pub mod app;
pub mod chunks;
pub mod components;
pub mod context;
pub mod data;
pub mod dom;
pub mod fetch;
pub mod format;
pub mod hooks;
pub mod order;
pub mod pages;
pub mod panic;
pub mod route;

/// The size of the app's WebAssembly memory in bytes (for the benchmark).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            f64::from(
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length(),
            )
        })
        .unwrap_or(0.0)
}

/// Installs the panic hook, then mounts the app on the page's body.
pub fn start() {
    panic::install();
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
