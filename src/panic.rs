//! What a reader sees when the app breaks: a panic hook that logs the
//! panic to the browser console and puts a readable error view with a
//! Reload button over the page, instead of leaving it frozen.
//!
//! Release builds abort after a panic (the wasm traps once the hook
//! returns), so the view is built with plain DOM calls that need nothing
//! more from the app, and its Reload button runs the browser's own
//! `location.reload`, not Rust code.

use wasm_bindgen::JsCast;

/// The id of the error view's outermost element.
pub const CRASH_ID: &str = "crash";

/// Installs the panic hook (through yew, which otherwise installs its own
/// when the app is mounted). Call it before anything else runs.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        // The message and the JavaScript stack, for developers.
        console_error_panic_hook::hook(info);
        show_crash(&info.to_string());
    }));
}

/// Puts the error view over the page, telling `message` (the panic's own
/// words, for a bug report). A second call adds its message to the view.
pub fn show_crash(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Some(details) = document.get_element_by_id("crash-details") {
        let previous = details.text_content().unwrap_or_default();
        details.set_text_content(Some(&format!("{previous}\n\n{message}")));
        return;
    }
    // Whatever the app drew stays behind the view, out of reach.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            let _ = child.set_attribute("inert", "");
            let _ = child.set_attribute("aria-hidden", "true");
        }
    }
    let element = |tag: &str, class: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        if !text.is_empty() {
            el.set_text_content(Some(text));
        }
        Some(el)
    };
    // A step fails only without a usable DOM; the console message is then
    // all there is.
    let _ = (|| {
        let overlay = element("div", "crash", "")?;
        overlay.set_id(CRASH_ID);
        overlay.set_attribute("role", "alertdialog").ok()?;
        overlay.set_attribute("aria-modal", "true").ok()?;
        overlay
            .set_attribute("aria-labelledby", "crash-title")
            .ok()?;
        overlay
            .set_attribute("aria-describedby", "crash-text")
            .ok()?;
        let panel = element("section", "panel error", "")?;
        let title = element("h1", "", "Storyscope stopped working")?;
        title.set_id("crash-title");
        let text = element(
            "p",
            "",
            "Something went wrong inside the app and it cannot go on. Reloading the page starts it again at the same view: the address keeps it.",
        )?;
        text.set_id("crash-text");
        let button = element("button", "button reload", "Reload")?;
        button.set_attribute("type", "button").ok()?;
        let heading = element("p", "meta", "What went wrong, for a bug report:")?;
        let details = element("pre", "crash-details", message)?;
        details.set_id("crash-details");
        for child in [&title, &text, &button, &heading, &details] {
            panel.append_child(child).ok()?;
        }
        overlay.append_child(&panel).ok()?;
        body.append_child(&overlay).ok()?;
        // The browser's reload, bound to the location: it needs no wasm.
        let location = web_sys::window()?.location();
        let reload = js_sys::Reflect::get(&location, &"reload".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        button
            .add_event_listener_with_callback("click", &reload.bind0(&location))
            .ok()?;
        button.dyn_into::<web_sys::HtmlElement>().ok()?.focus().ok()
    })();
}
