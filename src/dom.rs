//! What the components do to the page outside yew's markup.

use wasm_bindgen::JsCast;

/// Sets `property` of `element`'s inline style to `value` through the
/// CSSOM. The page's Content-Security-Policy (`style-src 'self'`) refuses
/// `style` attributes, which is how yew would write a `style=` prop, but not
/// the CSSOM. Only numbers the app computed are ever set this way.
pub fn set_style(element: &web_sys::Element, property: &str, value: &str) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.style().set_property(property, value);
    }
}
