//! The app's routes. The paths are a public contract: links people share
//! must keep working.

use yew_router::prelude::*;

/// Every view the app has.
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The timeline of all stories, quotes and posts.
    #[at("/")]
    Timeline,
    /// One story.
    #[at("/story/:id")]
    Story {
        /// The story's id.
        id: String,
    },
    /// One person.
    #[at("/person/:id")]
    Person {
        /// The person's id.
        id: String,
    },
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}
