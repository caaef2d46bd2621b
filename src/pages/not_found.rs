//! The page for unknown paths and ids.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

/// Properties of [`NotFound`].
#[derive(Properties, PartialEq, Default)]
pub struct NotFoundProps {
    /// What was not found, such as "story \"x\"".
    #[prop_or_default]
    pub what: Option<AttrValue>,
}

/// Says what was not found and offers a way back.
#[function_component(NotFound)]
pub fn not_found(props: &NotFoundProps) -> Html {
    html! {
        <section class="panel not-found">
            <h1>{ "Not found" }</h1>
            <p>{ match &props.what {
                Some(what) => format!("There is no {what} in this dataset."),
                None => "This page does not exist.".to_string(),
            } }</p>
            <Link<Route> to={Route::Timeline} classes="button">{ "Back to the timeline" }</Link<Route>>
        </section>
    }
}
