//! The root component: loads the dataset, then routes to a page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::chunks::Chunks;
use crate::components::problem_list::problem_list;
use crate::context::Shared;
use crate::data::{load, Loaded, DATASET_URL};
use crate::format::plural;
use crate::pages::{
    not_found::not_found, person::PersonPage, story::StoryPage, timeline::TimelinePage,
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
    // Once the data is in, the app has drawn the view a page written at
    // build time showed (`#pre`, hidden by the style sheet from then on):
    // that copy goes, and with it its ids.
    use_effect_with(matches!(*loaded, Loaded::Ready(..)), |&ready| {
        if ready {
            if let Some(pre) = gloo::utils::document().get_element_by_id("pre") {
                pre.remove();
            }
        }
    });
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
                <p>{ "Storyscope could not load its dataset. Check that the site holds it, then reload." }</p>
                <ul class="problems">{ for lines.iter().map(|l| html! { <li><code>{ l }</code></li> }) }</ul>
            </section>
        },
        Loaded::Invalid(problems) => html! {
            <section class="panel error" role="alert">
                <h1>{ "The dataset cannot be shown" }</h1>
                <p>
                    { "Storyscope read " }<code>{ DATASET_URL }</code>
                    { " and found these problems. Fix the file as each one says, or rebuild it with " }
                    <code>{ "./x ingest" }</code>{ ", then reload." }
                </p>
                { problem_list(problems) }
            </section>
        },
        Loaded::Ready(dataset, explorer, report, chunks) => {
            if let Some(store) = &chunks.store {
                let version = chunk_version.clone();
                store.set_on_change(Callback::from(move |()| version.set(*version + 1)));
            }
            let chunks = Chunks {
                store: chunks.store.clone(),
                version: *chunk_version,
            };
            let shared = Shared {
                dataset: dataset.clone(),
                explorer: explorer.clone(),
            };
            html! {
            <ContextProvider<Shared> context={shared}>
            <ContextProvider<Chunks> context={chunks}>
                if let Some(summary) = report.summary() {
                    <section class="panel warning skipped" role="alert" aria-labelledby="skipped-title">
                        <h2 id="skipped-title">{ summary }</h2>
                        <p>
                            { "The rest of the dataset is shown. Fix these items in " }<code>{ DATASET_URL }</code>
                            { " (or rebuild it with " }<code>{ "./x ingest" }</code>{ ") and reload to see them." }
                        </p>
                        { problem_list(&report.skipped) }
                    </section>
                }
                if !report.warnings.is_empty() {
                    <details class="panel warning">
                        <summary>{ plural(report.warnings.len(), "warning about the dataset", "warnings about the dataset") }</summary>
                        { problem_list(&report.warnings) }
                    </details>
                }
                <Switch<Route> render={switch} />
            </ContextProvider<Chunks>>
            </ContextProvider<Shared>>
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
        Route::Quote { id } => html! { <StoryPage quote={id} /> },
        Route::NotFound => not_found(None),
    }
}
