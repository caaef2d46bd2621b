//! A quote with its speaker, date and outlet.

use storyscope_core::{DateSource, Quote};
use yew::prelude::*;
use yew_router::Routable;

use crate::chunks::{Fetch, StoryText};
use crate::components::copy_link::CopyLink;
use crate::components::person_chip::person_chip;
use crate::components::story_link::StoryLink;
use crate::format::long_date;
use crate::hooks::{use_dataset, use_explorer, use_story_text};
use crate::route::Route;

/// Properties of [`QuoteCard`].
#[derive(Properties, PartialEq)]
pub struct QuoteCardProps {
    /// The quote.
    pub quote: Quote,
    /// Whether to link to the story it comes from.
    #[prop_or_default]
    pub show_story: bool,
    /// Whether to offer a link to the quote's place in its story.
    #[prop_or_default]
    pub copy: bool,
}

/// A block quote attributed to its speaker; with `show_story`, its story's
/// title links to the quote's place in the text.
#[function_component(QuoteCard)]
pub fn quote_card(props: &QuoteCardProps) -> Html {
    let dataset = use_dataset();
    let explorer = use_explorer();
    let text = use_story_text(&props.quote.story, Fetch::Settled);
    // With a split dataset the quote's words are in its story's chunk.
    let full;
    let (q, words) = match &text {
        StoryText::Here => (&props.quote, Ok(())),
        StoryText::Chunk(chunk) => match chunk.quotes.iter().find(|q| q.id == props.quote.id) {
            Some(found) => {
                full = found.clone();
                (&full, Ok(()))
            }
            None => (
                &props.quote,
                Err("This quote is missing from its story's file.".into()),
            ),
        },
        StoryText::Loading => (&props.quote, Err(String::new())),
        StoryText::Failed(why) => (
            &props.quote,
            Err(format!("This quote could not be loaded: {why}")),
        ),
    };
    let speaker = q.speaker.as_deref().and_then(|id| dataset.person(id));
    html! {
        <figure class="quote-card">
            { match words {
                Ok(()) => html! { <blockquote>{ q.text.clone() }</blockquote> },
                Err(why) if why.is_empty() => html! { <blockquote class="pending" aria-busy="true">{ "Loading the quote…" }</blockquote> },
                Err(why) => html! { <blockquote class="unavailable">{ why }</blockquote> },
            } }
            <figcaption>
                { match speaker {
                    Some(p) => person_chip(p),
                    None => html! { <span class="unknown-speaker">{ "Speaker not named" }</span> },
                } }
                if let Some(day) = q.date {
                    <time datetime={day.to_string()}>{ match q.date_source {
                        DateSource::Month => format!("{} {}", day.month_name(), day.year()),
                        _ => long_date(day),
                    } }</time>
                    if q.date_source == DateSource::Story {
                        <span class="date-note" title="The text does not say when the words were said">{ "the story’s date" }</span>
                    }
                }
                if let Some(via) = &q.via {
                    <span class="via">{ format!("via {via}") }</span>
                }
                if let (Some(a), Some(p)) = (&q.attribution, speaker) {
                    <span class="why">{ a.explained(&p.name) }</span>
                }
                if props.copy {
                    <CopyLink what="this quote" to={Route::Quote { id: q.id.clone() }.to_path()} />
                }
                if props.show_story {
                    if let Some(story) = explorer.story(&dataset, &q.story) {
                        <StoryLink story={story.id.clone()} anchor={format!("quote-{}", q.id)} class="in-story">{ format!("in “{}”", story.title) }</StoryLink>
                    }
                }
            </figcaption>
        </figure>
    }
}
