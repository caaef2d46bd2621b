//! An embedded social post as a card.

use storyscope_core::url::safe_link;
use storyscope_core::Post;
use yew::prelude::*;

use super::copy_link::CopyLink;
use crate::chunks::{Fetch, StoryText};
use crate::format::long_date;
use crate::hooks::use_story_text;

/// Properties of [`PostCard`].
#[derive(Properties, PartialEq)]
pub struct PostCardProps {
    /// The post.
    pub post: Post,
    /// Whether to offer a link to the post's place in its story.
    #[prop_or_default]
    pub copy: bool,
}

fn platform_name(platform: &str) -> &str {
    match platform {
        "twitter" => "X (Twitter)",
        "instagram" => "Instagram",
        other => other,
    }
}

/// The card's class for a platform: one of a fixed few, never dataset text.
fn platform_class(platform: &str) -> &'static str {
    match platform {
        "twitter" => "twitter",
        "instagram" => "instagram",
        _ => "other-platform",
    }
}

fn platform_mark(platform: &str) -> &'static str {
    match platform {
        "twitter" => "𝕏",
        "instagram" => "◎",
        _ => "●",
    }
}

/// A card with the platform, author, handle, date, text and a link to the
/// original. Links are only made of URLs that pass
/// [`safe_link`](storyscope_core::url::safe_link), and point where it says;
/// any other URL is shown as text.
#[function_component(PostCard)]
pub fn post_card(props: &PostCardProps) -> Html {
    let text = use_story_text(&props.post.story, Fetch::Settled);
    // With a split dataset the post's text is in its story's chunk.
    let full;
    let (post, missing) = match &text {
        StoryText::Here => (&props.post, None),
        StoryText::Chunk(chunk) => match chunk.posts.iter().find(|p| p.id == props.post.id) {
            Some(found) => {
                full = found.clone();
                (&full, None)
            }
            None => (
                &props.post,
                Some("This post is missing from its story's file.".to_string()),
            ),
        },
        StoryText::Loading => (&props.post, Some(String::new())),
        StoryText::Failed(why) => (
            &props.post,
            Some(format!("This post could not be loaded: {why}")),
        ),
    };
    let original = match post.url.as_deref().map(|url| (url, safe_link(url))) {
        Some((_, Some(link))) => html! {
            <a class="original" href={link} target="_blank" rel="noopener noreferrer nofollow">{ "View original" }</a>
        },
        Some((url, None)) => html! { <span class="original unsafe-url">{ url.to_string() }</span> },
        None => html! {},
    };
    html! {
        <article class={classes!("post-card", platform_class(&post.platform))} id={format!("post-{}", post.id)} aria-label={format!("{} post", platform_name(&post.platform))}>
            <header>
                <span class="platform-mark" title={platform_name(&post.platform).to_string()} aria-hidden="true">{ platform_mark(&post.platform) }</span>
                <span class="author">{ post.author.clone().unwrap_or_else(|| platform_name(&post.platform).to_string()) }</span>
                if let Some(handle) = &post.handle {
                    <span class="handle">{ format!("@{handle}") }</span>
                }
                if let Some(day) = post.date {
                    <time datetime={day.to_string()}>{ long_date(day) }</time>
                }
            </header>
            { match missing {
                None if post.text.is_empty() => html! {},
                None => html! { <p class="post-text">{ post.text.clone() }</p> },
                Some(why) if why.is_empty() => html! { <p class="post-text pending" aria-busy="true">{ "Loading the post…" }</p> },
                Some(why) => html! { <p class="post-text unavailable">{ why }</p> },
            } }
            <footer>
                { original }
                if props.copy {
                    <CopyLink what="this post" anchor={format!("post-{}", post.id)} />
                }
            </footer>
        </article>
    }
}
