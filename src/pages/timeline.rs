//! The timeline page: every story, quote and post by day, newest first.

use storyscope_core::timeline::{timeline, Item};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::post_card::PostCard;
use crate::components::quote_card::QuoteCard;
use crate::components::{long_date, use_dataset};
use crate::route::Route;

/// The timeline of the whole dataset.
#[function_component(TimelinePage)]
pub fn timeline_page() -> Html {
    let dataset = use_dataset();
    let groups = timeline(&dataset);
    let count = groups.iter().map(|g| g.items.len()).sum::<usize>();
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h1 id="timeline-title">{ "Timeline" }</h1>
            <p class="result-count">{ format!("{count} items from {} stories", dataset.stories.len()) }</p>
            if groups.is_empty() {
                <p class="empty">{ "This dataset has no stories yet." }</p>
            }
            { for groups.iter().map(|group| html! {
                <section class="day" aria-label={long_date(group.day)}>
                    <h2 class="day-heading"><time datetime={group.day.to_string()}>{ long_date(group.day) }</time></h2>
                    <ul class="items">
                        { for group.items.iter().map(|item| html! { <li class="item">{ render_item(&dataset, *item) }</li> }) }
                    </ul>
                </section>
            }) }
        </section>
    }
}

fn render_item(dataset: &storyscope_core::Dataset, item: Item) -> Html {
    match item {
        Item::Story(i) => {
            let story = &dataset.stories[i];
            html! {
                <article class="story-item">
                    <span class="kind">{ "Story" }</span>
                    <h3><Link<Route> to={Route::Story { id: story.id.clone() }}>{ story.title.clone() }</Link<Route>></h3>
                    if !story.sources.is_empty() {
                        <p class="sources">{ format!("Cites {}", story.sources.join(", ")) }</p>
                    }
                </article>
            }
        }
        Item::Quote(i) => html! {
            <div class="quote-item"><span class="kind">{ "Quote" }</span><QuoteCard quote={dataset.quotes[i].clone()} show_story=true /></div>
        },
        Item::Post(i) => html! {
            <div class="post-item"><span class="kind">{ "Post" }</span><PostCard post={dataset.posts[i].clone()} /></div>
        },
    }
}
