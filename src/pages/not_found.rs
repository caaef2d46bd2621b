//! The page for unknown paths and ids.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

/// Says what was not found, such as "story \"x\"" (or that the page does
/// not exist), and offers a way back. A plain function rather than a
/// component: it has no state of its own.
pub fn not_found(what: Option<String>) -> Html {
    html! {
        <section class="panel not-found">
            <h1>{ "Not found" }</h1>
            <p>{ match what {
                Some(what) => format!("There is no {what} in this dataset."),
                None => "This page does not exist.".to_string(),
            } }</p>
            <Link<Route> to={Route::Timeline} classes="button">{ "Back to the timeline" }</Link<Route>>
        </section>
    }
}
