//! A button that puts a link on the clipboard and says so.

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`CopyLink`].
#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    /// What the link points at, for the button's accessible name, which
    /// starts with its visible text: "Copy link: this story".
    pub what: AttrValue,
    /// A fragment to add to the current page's URL (`quote-<id>`), if any.
    #[prop_or_default]
    pub anchor: Option<AttrValue>,
    /// Another view of the app to link to (a route's path, such as
    /// `/quote/<id>`), in place of the current page.
    #[prop_or_default]
    pub to: Option<AttrValue>,
}

/// The current page's full URL, with `anchor` as its fragment if given.
pub fn current_url(anchor: Option<&str>) -> String {
    let location = gloo::utils::window().location();
    let href = location.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    match anchor {
        Some(anchor) => format!("{base}#{anchor}"),
        None => href,
    }
}

/// The full URL of the app's view at `path` (`/quote/<id>`), under the
/// page's base (which ends in `/`).
fn view_url(path: &str) -> String {
    let base = gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    format!("{base}{}", path.trim_start_matches('/'))
}

/// Copies with the Clipboard API, or, where the page may not use it, with a
/// selected text area and the copy command.
async fn copy(text: &str) -> bool {
    let clipboard = gloo::utils::window().navigator().clipboard();
    if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
    {
        return true;
    }
    let document = gloo::utils::document();
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    // Through the CSSOM: the page's policy refuses style attributes.
    let _ = area.style().set_property("position", "fixed");
    let _ = area.style().set_property("opacity", "0");
    let Some(body) = document.body() else {
        return false;
    };
    let _ = body.append_child(&area);
    area.select();
    let copied = document
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    copied
}

/// A "Copy link" button; after a click it says "Link copied" for a moment.
#[function_component(CopyLink)]
pub fn copy_link(props: &CopyLinkProps) -> Html {
    let status = use_state(|| None::<bool>);
    let onclick = {
        let status = status.clone();
        let anchor = props.anchor.clone();
        let to = props.to.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let url = match &to {
                Some(path) => view_url(path),
                None => current_url(anchor.as_deref()),
            };
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(copy(&url).await));
                let status = status.clone();
                Timeout::new(2500, move || status.set(None)).forget();
            });
        })
    };
    let label = match *status {
        Some(true) => "Link copied",
        Some(false) => "Copy failed",
        None => "Copy link",
    };
    html! {
        <button type="button" class="copy-link" {onclick} aria-label={format!("{label}: {}", props.what)}>
            { label }
            <span class="visually-hidden" role="status" aria-live="polite">{ if status.is_some() { label } else { "" } }</span>
        </button>
    }
}
