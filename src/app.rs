//! The root component: loads the dataset, then routes to a page.

use std::rc::Rc;

use storyscope_core::Dataset;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::chunks::Chunks;
use crate::data::{load, Loaded, Prepared};
use crate::pages::{
    not_found::NotFound, person::PersonPage, story::StoryPage, timeline::TimelinePage,
};
use crate::route::Route;

/// The app: a header, then the page for the current route.
#[function_component(App)]
pub fn app() -> Html {
    let loaded = use_state(|| Loaded::Loading("Starting…".into()));
    // Bumped when a chunk of a split dataset arrives, to render its users.
    let chunk_version = use_state(|| 0u32);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let step = loaded.clone();
                let done = load(move |state| step.set(state)).await;
                loaded.set(done);
            });
        });
    }
    let content = match &*loaded {
        Loaded::Loading(step) => html! {
            <div class="panel loading" role="status" aria-live="polite">
                <div class="spinner" aria-hidden="true"></div>
                <div>
                    <p><strong>{ "Loading stories" }</strong></p>
                    <p class="meta">{ step.clone() }</p>
                </div>
            </div>
        },
        Loaded::Failed(lines) => html! {
            <section class="panel error" role="alert">
                <h1>{ "The dataset cannot be shown" }</h1>
                <p>{ "Storyscope read the bundled dataset and found these problems. Rebuild it with " }<code>{ "./x ingest" }</code>{ " or fix the file by hand, then reload." }</p>
                <ul class="problems">{ for lines.iter().map(|l| html! { <li><code>{ l }</code></li> }) }</ul>
            </section>
        },
        Loaded::Ready(dataset, prepared, warnings, chunks) => {
            if let Some(store) = &chunks.store {
                let version = chunk_version.clone();
                store.set_on_change(Callback::from(move |()| version.set(*version + 1)));
            }
            let chunks = Chunks {
                store: chunks.store.clone(),
                version: *chunk_version,
            };
            html! {
            <ContextProvider<Rc<Dataset>> context={dataset.clone()}>
            <ContextProvider<Prepared> context={prepared.clone()}>
            <ContextProvider<Chunks> context={chunks}>
                if !warnings.is_empty() {
                    <details class="panel warning">
                        <summary>{ format!("{} warning(s) about the dataset", warnings.len()) }</summary>
                        <ul class="problems">{ for warnings.iter().map(|l| html! { <li><code>{ l }</code></li> }) }</ul>
                    </details>
                }
                <Switch<Route> render={switch} />
            </ContextProvider<Chunks>>
            </ContextProvider<Prepared>>
            </ContextProvider<Rc<Dataset>>>
            }
        }
    };
    html! {
        <BrowserRouter>
            <header class="site-header">
                <Link<Route> to={Route::Timeline} classes="brand">{ "Storyscope" }</Link<Route>>
                <span class="tagline">{ "who said what, when, and where" }</span>
            </header>
            <main id="main">{ content }</main>
        </BrowserRouter>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Timeline => html! { <TimelinePage /> },
        Route::Story { id } => html! { <StoryPage {id} /> },
        Route::Person { id } => html! { <PersonPage {id} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
