//! The smallest app on Storyscope's stack (see Cargo.toml): fetches a JSON
//! list, shows it filtered by an input, and routes between three pages.

use serde::Deserialize;
use yew::prelude::*;
use yew_router::prelude::*;

/// Routed as the app routes (`src/route.rs`): `Routable` written by hand,
/// its `recognize` one small matcher, yew-router's own matcher unused.
#[derive(Clone, PartialEq)]
enum Route {
    Home,
    Item { id: String },
    NotFound,
}

impl Route {
    fn of_path(path: &str) -> Route {
        let path = path.trim_end_matches('/');
        match path.strip_prefix("/item/") {
            Some(id) if !id.is_empty() && !id.contains('/') => Route::Item { id: id.into() },
            _ if path.is_empty() => Route::Home,
            _ => Route::NotFound,
        }
    }
}

impl Routable for Route {
    fn from_path(path: &str, params: &std::collections::HashMap<&str, &str>) -> Option<Self> {
        Some(Route::of_path(&path.replace(":id", params.get("id")?)))
    }

    fn to_path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Item { id } => format!("/item/{id}"),
            Route::NotFound => "/404".into(),
        }
    }

    fn routes() -> Vec<&'static str> {
        vec!["/", "/item/:id", "/404"]
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    fn recognize(pathname: &str) -> Option<Self> {
        Some(Route::of_path(pathname))
    }
}

#[derive(Clone, Deserialize, PartialEq)]
struct Entry {
    id: String,
    title: String,
    day: String,
}

#[function_component]
fn Home() -> Html {
    let entries = use_state(Vec::<Entry>::new);
    let filter = use_state(String::new);
    {
        let entries = entries.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(r) = gloo::net::http::Request::get("data.json").send().await {
                    if let Ok(text) = r.text().await {
                        if let Ok(list) = serde_json::from_str::<Vec<Entry>>(&text) {
                            entries.set(list);
                        }
                    }
                }
            });
        });
    }
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    html! {
        <main>
            <input {oninput} value={(*filter).clone()} />
            <ul>
            { for entries.iter().filter(|e| e.title.contains(&*filter)).map(|e| html! {
                <li key={e.id.clone()}><Link<Route> to={Route::Item { id: e.id.clone() }}>{ &e.title }</Link<Route>>{ " " }{ &e.day }</li>
            }) }
            </ul>
        </main>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Item { id } => html! { <p>{ format!("Item {id}") }</p> },
        Route::NotFound => html! { <p>{ "Not found" }</p> },
    }
}

#[function_component]
fn App() -> Html {
    html! { <BrowserRouter><Switch<Route> render={switch} /></BrowserRouter> }
}

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}
