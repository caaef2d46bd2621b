//! The story page: the article's blocks with quotes marked and posts shown
//! as cards where they stood.

use storyscope_core::{Block, Dataset, Quote, Story};
use yew::prelude::*;

use crate::components::person_chip::PersonChip;
use crate::components::post_card::PostCard;
use crate::components::quote_card::QuoteCard;
use crate::components::{long_date, use_dataset};
use crate::pages::not_found::NotFound;

/// Properties of [`StoryPage`].
#[derive(Properties, PartialEq)]
pub struct StoryPageProps {
    /// The story's id.
    pub id: AttrValue,
}

/// One story.
#[function_component(StoryPage)]
pub fn story_page(props: &StoryPageProps) -> Html {
    let dataset = use_dataset();
    let Some(story) = dataset.story(&props.id) else {
        return html! { <NotFound what={AttrValue::from(format!("story “{}”", props.id))} /> };
    };
    let quotes: Vec<&Quote> = dataset
        .quotes
        .iter()
        .filter(|q| q.story == story.id)
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
                    { for story.people.iter().filter_map(|id| dataset.person(id)).map(|p| html! {
                        <PersonChip id={p.id.clone()} name={p.name.clone()} />
                    }) }
                </div>
            </header>
            <div class="story-body">
                { for story.body.iter().enumerate().map(|(i, block)| render_block(&dataset, story, &quotes, i, block)) }
            </div>
            if !quotes.is_empty() {
                <section class="story-quotes">
                    <h2>{ format!("Quotes ({})", quotes.len()) }</h2>
                    { for quotes.iter().map(|q| html! { <QuoteCard quote={(*q).clone()} /> }) }
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
            Some(post) => html! { <PostCard post={post.clone()} /> },
            None => html! { <p>{ text.clone() }</p> },
        },
        Block::Paragraph { text } => {
            // Mark each quote of this paragraph where it stands.
            let mut spans: Vec<(&Quote, usize, usize)> = quotes
                .iter()
                .filter_map(|q| {
                    q.span
                        .filter(|s| s.block == index)
                        .map(|s| (*q, s.start, s.end))
                })
                .filter(|(_, a, b)| {
                    a <= b
                        && *b <= text.len()
                        && text.is_char_boundary(*a)
                        && text.is_char_boundary(*b)
                })
                .collect();
            spans.sort_by_key(|s| s.1);
            let mut parts = Vec::new();
            let mut at = 0;
            for (quote, start, end) in spans {
                if start < at {
                    continue;
                }
                parts.push(html! { { text[at..start].to_string() } });
                let speaker = quote.speaker.as_deref().and_then(|id| dataset.person(id));
                parts.push(html! {
                    <mark class="quote" id={format!("quote-{}", quote.id)} title={speaker.map(|p| format!("Said by {}", p.name)).unwrap_or_else(|| "Speaker not named".into())}>
                        { text[start..end].to_string() }
                    </mark>
                });
                at = end;
            }
            parts.push(html! { { text[at..].to_string() } });
            html! { <p>{ for parts }</p> }
        }
    }
}
