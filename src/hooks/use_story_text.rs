//! `use_story_text`: a story's full text, from the chunks of a split
//! dataset when that is where it is.

use yew::prelude::*;

use crate::chunks::{Chunks, Fetch, StoryText, SETTLE_MS};
use crate::hooks::use_explorer::use_explorer;

/// The full text of the story with id `story`, fetching its chunk if needed
/// (at once, or once the asking component has settled).
#[hook]
pub fn use_story_text(story: &str, when: Fetch) -> StoryText {
    let chunks = use_context::<Chunks>();
    let explorer = use_explorer();
    let store = chunks.and_then(|c| c.store).map(|s| s.0);
    let chunk = store
        .as_ref()
        .and_then(|s| explorer.story_position(story).and_then(|p| s.chunk_of(p)));
    {
        let store = store.clone();
        use_effect_with(chunk, move |chunk| {
            let mut timer = None;
            if let (Some(store), Some(n)) = (store, *chunk) {
                match when {
                    Fetch::Now => store.request(n),
                    // Dropped (and so cancelled) when the component goes.
                    Fetch::Settled if !store.asked(n) => {
                        timer = Some(gloo::timers::callback::Timeout::new(SETTLE_MS, move || {
                            store.request(n)
                        }));
                    }
                    Fetch::Settled => {}
                }
            }
            move || drop(timer)
        });
    }
    match (store, chunk) {
        (None, _) => StoryText::Here,
        (Some(_), None) => StoryText::Failed(format!("no story has the id \"{story}\"").into()),
        (Some(store), Some(n)) => store.text(n),
    }
}
