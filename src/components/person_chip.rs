//! A person as a link with their initials in a circle.

use storyscope_core::Person;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

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

/// A link to a person's page, with an avatar of their initials. A plain
/// function rather than a component: it has no state of its own.
pub fn person_chip(person: &Person) -> Html {
    html! {
        <Link<Route> to={Route::Person { id: person.id.clone() }} classes="person-chip">
            <span class="avatar" aria-hidden="true">{ initials(&person.name) }</span>
            <span class="name">{ person.name.clone() }</span>
        </Link<Route>>
    }
}
