//! The app's routes. The paths are a public contract: links people share
//! must keep working.

use std::collections::HashMap;

use yew_router::Routable;

/// Every view the app has.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Route {
    /// The timeline of all stories, quotes and posts: `/`.
    Timeline,
    /// One story: `/story/:id`.
    Story {
        /// The story's id.
        id: String,
    },
    /// One person: `/person/:id`.
    Person {
        /// The person's id.
        id: String,
    },
    /// One quote, shown in its story: `/quote/:id`.
    Quote {
        /// The quote's id.
        id: String,
    },
    /// Anything else: `/404`.
    #[default]
    NotFound,
}

/// The route patterns, in the order of [`Route`]'s variants: what
/// yew-router's [`Routable::routes`] asks for. The app matches paths with
/// [`Route::of_path`] alone.
pub const PATTERNS: [&str; 5] = ["/", "/story/:id", "/person/:id", "/quote/:id", "/404"];

/// A percent-decoded id; `None` when it does not decode to UTF-8.
fn decode(id: &str) -> Option<String> {
    urlencoding::decode(id).ok().map(|id| id.into_owned())
}

/// The id segment after `prefix` in `rest`: one or more characters, no `/`.
fn id_after<'a>(rest: &'a str, prefix: &str) -> Option<&'a str> {
    rest.strip_prefix(prefix)
        .filter(|id| !id.is_empty() && !id.contains('/'))
}

impl Route {
    /// The route of a path, the app's one matcher: one trailing `/` and one
    /// leading `/` are ignored, an id is one or more characters other than
    /// `/` and is percent-decoded, and a path that matches nothing (or whose
    /// id does not decode to UTF-8) is [`Route::NotFound`].
    pub fn of_path(pathname: &str) -> Route {
        let path = pathname.strip_suffix('/').unwrap_or(pathname);
        let path = path.strip_prefix('/').unwrap_or(path);
        let route = match path {
            "" => Some(Self::Timeline),
            "404" => Some(Self::NotFound),
            _ => {
                if let Some(id) = id_after(path, "story/") {
                    decode(id).map(|id| Self::Story { id })
                } else if let Some(id) = id_after(path, "person/") {
                    decode(id).map(|id| Self::Person { id })
                } else if let Some(id) = id_after(path, "quote/") {
                    decode(id).map(|id| Self::Quote { id })
                } else {
                    None
                }
            }
        };
        route.unwrap_or(Self::NotFound)
    }
}

impl Routable for Route {
    /// Only yew-router's own matcher calls this, which [`recognize`]
    /// replaces; the pattern filled in with its parameters goes through
    /// [`Route::of_path`] like any path.
    ///
    /// [`recognize`]: Routable::recognize
    fn from_path(path: &str, params: &HashMap<&str, &str>) -> Option<Self> {
        let filled = params.iter().fold(path.to_string(), |path, (name, value)| {
            path.replace(&format!(":{name}"), value)
        });
        Some(Self::of_path(&filled))
    }

    fn to_path(&self) -> String {
        match self {
            Self::Timeline => "/".to_string(),
            Self::Story { id } => format!("/story/{}", urlencoding::encode(id)),
            Self::Person { id } => format!("/person/{}", urlencoding::encode(id)),
            Self::Quote { id } => format!("/quote/{}", urlencoding::encode(id)),
            Self::NotFound => "/404".to_string(),
        }
    }

    fn routes() -> Vec<&'static str> {
        PATTERNS.to_vec()
    }

    fn not_found_route() -> Option<Self> {
        Some(Self::NotFound)
    }

    /// [`Route::of_path`]: every path is some route.
    fn recognize(pathname: &str) -> Option<Self> {
        Some(Self::of_path(pathname))
    }
}
