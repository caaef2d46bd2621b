//! A person as a link with their initials in a circle.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

/// Properties of [`PersonChip`].
#[derive(Properties, PartialEq)]
pub struct PersonChipProps {
    /// The person's id.
    pub id: AttrValue,
    /// The person's name.
    pub name: AttrValue,
}

/// The initials of a name: "Kanye West" -> "KW". They are upper-cased by
/// the browser's `toUpperCase`, the same Unicode mapping as
/// `char::to_uppercase` ("ß" -> "SS"), without a copy of its tables in the
/// app.
pub fn initials(name: &str) -> String {
    let first: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .collect();
    js_sys::JsString::from(first).to_upper_case().into()
}

/// A link to a person's page, with an avatar of their initials.
#[function_component(PersonChip)]
pub fn person_chip(props: &PersonChipProps) -> Html {
    html! {
        <Link<Route> to={Route::Person { id: props.id.to_string() }} classes="person-chip">
            <span class="avatar" aria-hidden="true">{ initials(&props.name) }</span>
            <span class="name">{ props.name.clone() }</span>
        </Link<Route>>
    }
}
