//! The person page: who they are, what they said, the posts about them and
//! their stories.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::person_chip::initials;
use crate::components::post_card::PostCard;
use crate::components::quote_card::QuoteCard;
use crate::components::{long_date, use_dataset};
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
        return html! { <NotFound what={AttrValue::from(format!("person “{}”", props.id))} /> };
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
    let stories: Vec<_> = dataset
        .stories
        .iter()
        .filter(|s| s.people.contains(&person.id))
        .collect();
    html! {
        <article class="person">
            <header class="person-header">
                <span class="avatar large" aria-hidden="true">{ initials(&person.name) }</span>
                <div>
                    <h1>{ person.name.clone() }</h1>
                    if !person.aliases.is_empty() {
                        <p class="aliases">{ format!("Also: {}", person.aliases.join(", ")) }</p>
                    }
                    if !person.descriptors.is_empty() {
                        <p class="descriptors">{ person.descriptors.join(" · ") }</p>
                    }
                </div>
            </header>
            <section>
                <h2>{ format!("Quotes ({})", quotes.len()) }</h2>
                if quotes.is_empty() { <p class="empty">{ "No quotes by this person." }</p> }
                { for quotes.iter().map(|q| html! { <QuoteCard quote={(*q).clone()} show_story=true /> }) }
            </section>
            <section>
                <h2>{ format!("Posts ({})", posts.len()) }</h2>
                if posts.is_empty() { <p class="empty">{ "No posts mention this person." }</p> }
                { for posts.iter().map(|p| html! { <PostCard post={(*p).clone()} /> }) }
            </section>
            <section>
                <h2>{ format!("Stories ({})", stories.len()) }</h2>
                <ul class="story-list">
                    { for stories.iter().map(|s| html! {
                        <li>
                            <time datetime={s.date.to_string()}>{ long_date(s.date) }</time>
                            <Link<Route> to={Route::Story { id: s.id.clone() }}>{ s.title.clone() }</Link<Route>>
                        </li>
                    }) }
                </ul>
            </section>
        </article>
    }
}
