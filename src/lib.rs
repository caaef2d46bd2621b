//! Storyscope's web app: a yew single-page app that loads the bundled
//! dataset and lets a reader explore its stories, quotes, posts and people.
//!
//! The app is thin: everything that can be computed without a browser lives
//! in `storyscope-core`; the modules here fetch, route and render.

#![cfg(target_arch = "wasm32")]

pub mod app;
pub mod components;
pub mod data;
pub mod hooks;
pub mod pages;
pub mod route;

/// Mounts the app on the page's body.
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
