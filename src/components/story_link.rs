//! A link to a place in a story (`/story/<id>#quote-<id>`) that navigates
//! inside the app and still works as a plain link.

use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::*;

use crate::route::Route;

/// Properties of [`StoryLink`].
#[derive(Properties, PartialEq)]
pub struct StoryLinkProps {
    /// The story's id.
    pub story: AttrValue,
    /// The fragment (`quote-<id>` or `post-<id>`).
    pub anchor: AttrValue,
    /// The link's content.
    pub children: Html,
    /// Extra classes.
    #[prop_or_default]
    pub class: Classes,
}

/// Links to an anchor in a story page.
#[function_component(StoryLink)]
pub fn story_link(props: &StoryLinkProps) -> Html {
    let navigator = use_navigator();
    let route = Route::Story {
        id: props.story.to_string(),
    };
    let base = navigator
        .as_ref()
        .and_then(|n| n.basename().map(str::to_string))
        .unwrap_or_default();
    let href = format!("{base}{}#{}", route.to_path(), props.anchor);
    let onclick = {
        let href = href.clone();
        Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            e.prevent_default();
            // The shared browser history tells the router; the fragment
            // rides along, and the story page scrolls to it once rendered.
            BrowserHistory::new().push(href.clone());
        })
    };
    html! {
        <a href={href} class={props.class.clone()} {onclick}>{ props.children.clone() }</a>
    }
}
