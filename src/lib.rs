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

/// Installs the panic hook, removes the loading notice and mounts the app
/// on `#app` (or the body). A page written at build time holds its view in
/// `#pre`, after `#app`: the style sheet shows that until the app's data is
/// in, then the app in its place (and the app removes the copy).
pub fn start() {
    panic::install();
    let document = gloo::utils::document();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let root = document
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    yew::Renderer::<app::App>::with_root(root).render();
}
