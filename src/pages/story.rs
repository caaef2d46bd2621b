//! The story page: the article's blocks with each quote marked and linked to
//! its speaker, posts as cards where they stood, the story's quotes and
//! posts, and related stories. `#quote-<id>` and `#post-<id>` scroll to and
//! highlight their item; a quote's own page (`/quote/<id>`) is its story's,
//! at that quote.

use storyscope_core::{Block, Dataset, Post, Quote, Story};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::chunks::{Fetch, StoryText};
use crate::components::copy_link::CopyLink;
use crate::components::person_chip::{initials, person_chip};
use crate::components::post_card::PostCard;
use crate::components::quote_card::QuoteCard;
use crate::components::story_link::StoryLink;
use crate::format::long_date;
use crate::hooks::{use_dataset, use_explorer, use_story_text};
use crate::order::sort_by_rank;
use crate::pages::not_found::not_found;
use crate::route::Route;

/// Properties of [`StoryPage`].
#[derive(Properties, PartialEq)]
pub struct StoryPageProps {
    /// The story's id (empty for a quote's own page).
    #[prop_or_default]
    pub id: AttrValue,
    /// For a quote's own page (`/quote/<id>`): the quote, whose story is
    /// shown scrolled to it, with it highlighted.
    #[prop_or_default]
    pub quote: Option<AttrValue>,
}

/// Scrolls to the element the URL's fragment names and highlights it.
fn reveal(fragment: &str) {
    let document = gloo::utils::document();
    if let Ok(marked) = document.query_selector_all(".highlight") {
        for i in 0..marked.length() {
            if let Some(el) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.class_list().remove_1("highlight");
            }
        }
    }
    let Some(target) = document.get_element_by_id(fragment) else {
        return;
    };
    let _ = target.class_list().add_1("highlight");
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    target.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.set_attribute("tabindex", "-1");
        let _ = el.focus();
    }
}

/// One story.
#[function_component(StoryPage)]
pub fn story_page(props: &StoryPageProps) -> Html {
    let dataset = use_dataset();
    let explorer = use_explorer();
    // A quote's page is its story's.
    let quote = props
        .quote
        .as_deref()
        .map(|id| dataset.quotes.iter().find(|q| q.id == id));
    let id = match quote {
        Some(found) => found.map_or("", |q| q.story.as_str()),
        None => props.id.as_str(),
    };
    let text = use_story_text(id, Fetch::Now);
    let ready = matches!(text, StoryText::Here | StoryText::Chunk(_));
    let fragment = match &props.quote {
        Some(quote) => format!("quote-{quote}"),
        None => gloo::utils::window()
            .location()
            .hash()
            .unwrap_or_default()
            .trim_start_matches('#')
            .to_string(),
    };
    use_effect_with(
        (id.to_string(), fragment.clone(), ready),
        |(_, fragment, _)| {
            if !fragment.is_empty() {
                reveal(fragment);
            } else {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        },
    );
    let Some(outline) = explorer.story(&dataset, id) else {
        let (what, id) = match &props.quote {
            Some(quote) => ("quote", quote.as_str()),
            None => ("story", id),
        };
        return not_found(Some(format!(
            "{what} “{}”",
            storyscope_core::problem::excerpt(id, 80)
        )));
    };
    // The text comes from the dataset itself or, when split, the story's chunk.
    let (source, pending): (&Dataset, Option<Html>) = match &text {
        StoryText::Here => (&dataset, None),
        StoryText::Chunk(chunk) => (chunk, None),
        StoryText::Loading => (
            &dataset,
            Some(html! {
                <p class="pending" role="status" aria-busy="true">{ "Loading the article…" }</p>
            }),
        ),
        StoryText::Failed(why) => (
            &dataset,
            Some(html! {
                <p class="unavailable" role="alert">{ format!("The article could not be loaded: {why}") }</p>
            }),
        ),
    };
    let story = source.story(id).unwrap_or(outline);
    // The explorer lists a story's quotes and posts; a chunk is small enough
    // to look through.
    let (quotes, posts): (Vec<&Quote>, Vec<&Post>) = match &text {
        StoryText::Chunk(chunk) => (
            chunk
                .quotes
                .iter()
                .filter(|q| q.story == story.id)
                .collect(),
            chunk.posts.iter().filter(|p| p.story == story.id).collect(),
        ),
        _ => {
            let at = explorer.story_position(id).unwrap_or(usize::MAX);
            (
                explorer
                    .quotes_of(at)
                    .iter()
                    .filter_map(|&q| dataset.quotes.get(q as usize))
                    .collect(),
                explorer
                    .posts_of(at)
                    .iter()
                    .filter_map(|&p| dataset.posts.get(p as usize))
                    .collect(),
            )
        }
    };
    let related: Vec<(&Story, Vec<&str>)> = dataset
        .stories
        .iter()
        .filter(|s| s.id != story.id)
        .filter_map(|s| {
            let shared: Vec<&str> = s
                .people
                .iter()
                .filter(|p| story.people.contains(p))
                .filter_map(|p| dataset.person(p).map(|p| p.name.as_str()))
                .collect();
            (!shared.is_empty()).then_some((s, shared))
        })
        .take(10)
        .collect();
    html! {
        <article class="story">
            <header class="story-header">
                <p class="story-date"><time datetime={story.date.to_string()}>{ long_date(story.date) }</time></p>
                <h1>{ story.title.clone() }</h1>
                if !story.sources.is_empty() {
                    <p class="sources">{ format!("Cites {}", story.sources.join(", ")) }</p>
                }
                <div class="people" aria-label="People in this story">
                    { for story.people.iter().filter_map(|id| dataset.person(id)).map(person_chip) }
                </div>
                <CopyLink what="this story" />
            </header>
            if let Some(pending) = pending {
                { pending }
            } else {
                <div class="story-body">
                    { for story.body.iter().enumerate().map(|(i, block)| render_block(source, story, &quotes, i, block)) }
                </div>
            }
            if !quotes.is_empty() {
                <section class="story-quotes" aria-labelledby="quotes-title">
                    <h2 id="quotes-title">{ format!("Quotes ({})", quotes.len()) }</h2>
                    { for quotes.iter().map(|q| html! {
                        <div class="listed">
                            <QuoteCard quote={(*q).clone()} copy=true />
                            <StoryLink story={story.id.clone()} anchor={format!("quote-{}", q.id)} class="in-context">{ "Show in the text" }</StoryLink>
                        </div>
                    }) }
                </section>
            }
            if !posts.is_empty() {
                <section class="story-posts" aria-labelledby="posts-title">
                    <h2 id="posts-title">{ format!("Posts ({})", posts.len()) }</h2>
                    <ul class="post-list">
                        { for posts.iter().map(|p| html! {
                            <li>
                                <StoryLink story={story.id.clone()} anchor={format!("post-{}", p.id)}>
                                    { p.author.clone().unwrap_or_else(|| p.platform.clone()) }
                                    if let Some(h) = &p.handle { { format!(" (@{h})") } }
                                </StoryLink>
                                if let Some(day) = p.date { { format!(", {}", long_date(day)) } }
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !related.is_empty() {
                <section class="related" aria-labelledby="related-title">
                    <h2 id="related-title">{ "Related stories" }</h2>
                    <ul class="story-list">
                        { for related.iter().map(|(s, shared)| html! {
                            <li>
                                <time datetime={s.date.to_string()}>{ long_date(s.date) }</time>
                                <span>
                                    <Link<Route> to={Route::Story { id: s.id.clone() }}>{ s.title.clone() }</Link<Route>>
                                    <span class="meta">{ format!(" · with {}", shared.join(", ")) }</span>
                                </span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}

fn render_block(
    dataset: &Dataset,
    story: &Story,
    quotes: &[&Quote],
    index: usize,
    block: &Block,
) -> Html {
    match block {
        Block::Heading { text } => html! { <h2 class="subheading">{ text.clone() }</h2> },
        Block::Post { post, text } => match dataset
            .posts
            .iter()
            .find(|p| &p.id == post && p.story == story.id)
        {
            Some(post) => html! { <PostCard post={post.clone()} copy=true /> },
            None => html! { <p>{ text.clone() }</p> },
        },
        Block::Paragraph { text } => {
            // What this paragraph holds of each quote: its words (`0`), the
            // words it goes on with (`1`), the cue naming its speaker (`2`).
            let mut marks: Vec<(usize, usize, &Quote, u8)> = Vec::new();
            for q in quotes {
                let cue = q.attribution.as_ref().and_then(|a| a.span);
                let parts = q
                    .span
                    .iter()
                    .map(|s| (s, 0))
                    .chain(q.continued.iter().map(|s| (s, 1)));
                for (s, kind) in parts.chain(cue.iter().map(|s| (s, 2))) {
                    if s.block == index {
                        marks.push((s.start, s.end, *q, kind));
                    }
                }
            }
            marks.retain(|&(a, b, ..)| {
                a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
            });
            sort_by_rank(&mut marks, |m| m.0 as u64);
            let mut parts = Vec::new();
            let mut at = 0;
            for (start, end, quote, kind) in marks {
                if start < at {
                    continue;
                }
                parts.push(html! { { text[at..start].to_string() } });
                at = end;
                let words = text[start..end].to_string();
                if kind == 2 {
                    parts.push(
                        html! { <span class="cue" title="Names the speaker">{ words }</span> },
                    );
                    continue;
                }
                let speaker = quote.speaker.as_deref().and_then(|id| dataset.person(id));
                parts.push(match kind {
                    0 => html! { <mark class="quote" id={format!("quote-{}", quote.id)}>{ words }</mark> },
                    _ => html! { <mark class="quote">{ words }</mark> },
                });
                if let Some(p) = speaker.filter(|_| kind == 0) {
                    parts.push(html! {
                        <Link<Route> to={Route::Person { id: p.id.clone() }} classes="speaker-tag">
                            <span aria-hidden="true">{ initials(&p.name) }</span>
                            <span class="visually-hidden">{ format!("(said by {})", p.name) }</span>
                        </Link<Route>>
                    });
                }
            }
            parts.push(html! { { text[at..].to_string() } });
            html! { <p>{ for parts }</p> }
        }
    }
}
