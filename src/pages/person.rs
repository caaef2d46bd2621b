//! The person page: who they are, what they said (each quote linked to its
//! place in its story), the posts about them, their stories on a small
//! timeline, and the people they appear with.

use std::collections::BTreeMap;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::copy_link::CopyLink;
use crate::components::person_chip::{initials, PersonChip};
use crate::components::post_card::PostCard;
use crate::components::quote_card::QuoteCard;
use crate::components::{long_date, plural, use_dataset};
use crate::pages::not_found::NotFound;
use crate::route::Route;

/// Properties of [`PersonPage`].
#[derive(Properties, PartialEq)]
pub struct PersonPageProps {
    /// The person's id.
    pub id: AttrValue,
}

/// One person.
#[function_component(PersonPage)]
pub fn person_page(props: &PersonPageProps) -> Html {
    let dataset = use_dataset();
    let Some(person) = dataset.person(&props.id) else {
        return html! { <NotFound what={AttrValue::from(format!("person “{}”", storyscope_core::problem::excerpt(&props.id, 80)))} /> };
    };
    let quotes: Vec<_> = dataset
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some(person.id.as_str()))
        .collect();
    let posts: Vec<_> = dataset
        .posts
        .iter()
        .filter(|p| p.people.contains(&person.id))
        .collect();
    let mut stories: Vec<_> = dataset
        .stories
        .iter()
        .filter(|s| s.people.contains(&person.id))
        .collect();
    stories.sort_by_key(|s| std::cmp::Reverse(s.date));
    // People who share a story with this one, by number of shared stories.
    let mut with: BTreeMap<&str, usize> = BTreeMap::new();
    for story in &stories {
        for other in story.people.iter().filter(|p| **p != person.id) {
            *with.entry(other.as_str()).or_default() += 1;
        }
    }
    let mut with: Vec<(&str, usize)> = with.into_iter().collect();
    with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
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
                                <PersonChip id={p.id.clone()} name={p.name.clone()} />
                                <span class="count" aria-label={format!("in {n} shared stories")}>{ n }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section aria-labelledby="person-quotes">
                <h2 id="person-quotes">{ format!("Quotes ({})", quotes.len()) }</h2>
                if quotes.is_empty() { <p class="empty">{ "No quotes by this person." }</p> }
                { for quotes.iter().map(|q| html! {
                    <QuoteCard quote={(*q).clone()} show_story=true />
                }) }
            </section>
            <section aria-labelledby="person-posts">
                <h2 id="person-posts">{ format!("Posts about them ({})", posts.len()) }</h2>
                if posts.is_empty() { <p class="empty">{ "No posts mention this person." }</p> }
                { for posts.iter().map(|p| html! { <PostCard post={(*p).clone()} /> }) }
            </section>
            <section aria-labelledby="person-stories">
                <h2 id="person-stories">{ format!("Stories ({})", stories.len()) }</h2>
                <ol class="story-list mini-timeline">
                    { for stories.iter().map(|s| html! {
                        <li>
                            <time datetime={s.date.to_string()}>{ long_date(s.date) }</time>
                            <Link<Route> to={Route::Story { id: s.id.clone() }}>{ s.title.clone() }</Link<Route>>
                        </li>
                    }) }
                </ol>
            </section>
        </article>
    }
}
