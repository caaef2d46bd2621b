//! The person page: who they are, what they said (each quote linked to its
//! place in its story), the posts about them, their stories on a small
//! timeline, and the people they appear with.

use std::collections::BTreeMap;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::copy_link::CopyLink;
use crate::components::person_chip::{initials, person_chip};
use crate::components::post_card::PostCard;
use crate::components::quote_card::QuoteCard;
use crate::format::{long_date, plural, thousands};
use crate::hooks::{use_dataset, use_explorer};
use crate::order::{newest_first, sort_by_rank};
use crate::pages::not_found::not_found;
use crate::route::Route;

/// Properties of [`PersonPage`].
#[derive(Properties, PartialEq)]
pub struct PersonPageProps {
    /// The person's id.
    pub id: AttrValue,
}

/// How many quotes and posts the page shows at first, and adds per "Show more".
const PAGE: usize = 50;

/// One person.
#[function_component(PersonPage)]
pub fn person_page(props: &PersonPageProps) -> Html {
    let dataset = use_dataset();
    let explorer = use_explorer();
    let shown = use_state(|| (props.id.clone(), [PAGE; 3]));
    // A different person starts again from the first page.
    let limits = if shown.0 == props.id {
        shown.1
    } else {
        [PAGE; 3]
    };
    let [quote_limit, post_limit, story_limit] = limits;
    // "Show more" for list 0 (quotes), 1 (posts) or 2 (stories).
    let more = |list: usize| {
        let shown = shown.clone();
        let id = props.id.clone();
        Callback::from(move |_: MouseEvent| {
            let mut limits = limits;
            limits[list] += PAGE;
            shown.set((id.clone(), limits))
        })
    };
    let Some(person) = dataset.person(&props.id) else {
        return not_found(Some(format!(
            "person “{}”",
            storyscope_core::problem::excerpt(&props.id, 80)
        )));
    };
    // Newest first; undated quotes and posts take their story's date.
    let day_of = |story: &str| explorer.story(&dataset, story).map(|s| s.date);
    let mut quotes: Vec<_> = dataset
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some(person.id.as_str()))
        .collect();
    sort_by_rank(&mut quotes, |q| {
        newest_first(q.date.or_else(|| day_of(&q.story)))
    });
    let mut posts: Vec<_> = dataset
        .posts
        .iter()
        .filter(|p| p.people.contains(&person.id))
        .collect();
    sort_by_rank(&mut posts, |p| {
        newest_first(p.date.or_else(|| day_of(&p.story)))
    });
    let mut stories: Vec<_> = dataset
        .stories
        .iter()
        .filter(|s| s.people.contains(&person.id))
        .collect();
    sort_by_rank(&mut stories, |s| newest_first(Some(s.date)));
    // People who share a story with this one, by number of shared stories.
    let mut with: BTreeMap<&str, usize> = BTreeMap::new();
    for story in &stories {
        for other in story.people.iter().filter(|p| **p != person.id) {
            *with.entry(other.as_str()).or_default() += 1;
        }
    }
    // By name from the map, then by count, most first.
    let mut with: Vec<(&str, usize)> = with.into_iter().collect();
    sort_by_rank(&mut with, |&(_, n)| u64::MAX - n as u64);
    html! {
        <article class="person">
            <header class="person-header">
                <span class="avatar large" aria-hidden="true">{ initials(&person.name) }</span>
                <div>
                    <h1>{ person.name.clone() }</h1>
                    if !person.aliases.is_empty() {
                        <p class="aliases">{ format!("Also called {}", person.aliases.join(", ")) }</p>
                    }
                    if !person.descriptors.is_empty() {
                        <p class="descriptors">{ person.descriptors.join(" · ") }</p>
                    }
                    <p class="meta">{ format!("{} · {} · {}", plural(quotes.len(), "quote", "quotes"), plural(posts.len(), "post", "posts"), plural(stories.len(), "story", "stories")) }</p>
                </div>
                <CopyLink what={AttrValue::from(person.name.clone())} />
            </header>
            if !with.is_empty() {
                <section class="appears-with" aria-labelledby="with-title">
                    <h2 id="with-title">{ "Appears with" }</h2>
                    <ul class="with-list">
                        { for with.iter().filter_map(|(id, n)| dataset.person(id).map(|p| (p, *n))).map(|(p, n)| html! {
                            <li>
                                { person_chip(p) }
                                <span class="count" aria-label={format!("in {n} shared stories")}>{ n }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section aria-labelledby="person-quotes">
                <h2 id="person-quotes">{ format!("Quotes ({})", quotes.len()) }</h2>
                if quotes.is_empty() { <p class="empty">{ "No quotes by this person." }</p> }
                { for quotes.iter().take(quote_limit).map(|q| html! {
                    <QuoteCard key={q.id.clone()} quote={(*q).clone()} show_story=true />
                }) }
                if quotes.len() > quote_limit {
                    <button type="button" class="show-more" onclick={more(0)}>
                        { format!("Show more quotes ({} of {} shown)", thousands(quote_limit), thousands(quotes.len())) }
                    </button>
                }
            </section>
            <section aria-labelledby="person-posts">
                <h2 id="person-posts">{ format!("Posts about them ({})", posts.len()) }</h2>
                if posts.is_empty() { <p class="empty">{ "No posts mention this person." }</p> }
                { for posts.iter().take(post_limit).map(|p| html! { <PostCard key={p.id.clone()} post={(*p).clone()} /> }) }
                if posts.len() > post_limit {
                    <button type="button" class="show-more" onclick={more(1)}>
                        { format!("Show more posts ({} of {} shown)", thousands(post_limit), thousands(posts.len())) }
                    </button>
                }
            </section>
            <section aria-labelledby="person-stories">
                <h2 id="person-stories">{ format!("Stories ({})", stories.len()) }</h2>
                <ol class="story-list mini-timeline">
                    { for stories.iter().take(story_limit).map(|s| html! {
                        <li>
                            <time datetime={s.date.to_string()}>{ long_date(s.date) }</time>
                            <Link<Route> to={Route::Story { id: s.id.clone() }}>{ s.title.clone() }</Link<Route>>
                        </li>
                    }) }
                </ol>
                if stories.len() > story_limit {
                    <button type="button" class="show-more" onclick={more(2)}>
                        { format!("Show more stories ({} of {} shown)", thousands(story_limit), thousands(stories.len())) }
                    </button>
                }
            </section>
        </article>
    }
}
