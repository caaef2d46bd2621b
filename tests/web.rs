//! Browser tests of the app's parts, run by wasm-bindgen-test in headless
//! Chromium (`cargo test --target wasm32-unknown-unknown`).

#![cfg(target_arch = "wasm32")]

use storyscope_core::Post;
use storyscope_web::components::post_card::{PostCard, PostCardProps};
use storyscope_web::data::{parse, Loaded};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn post(url: &str) -> Post {
    Post {
        id: "p1".into(),
        story: "s".into(),
        platform: "twitter".into(),
        author: Some("<b>Pop</b> Crave".into()),
        handle: Some("PopCrave".into()),
        date: None,
        text: "<img src=x onerror=alert(1)> hello".into(),
        url: Some(url.into()),
        people: vec![],
        block: None,
    }
}

async fn render(url: &str) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<PostCard>::with_root_and_props(
        root.clone(),
        PostCardProps {
            post: post(url),
            copy: false,
        },
    )
    .render();
    // Let the scheduler render.
    gloo::timers::future::TimeoutFuture::new(0).await;
    root
}

#[wasm_bindgen_test]
async fn a_post_card_shows_text_as_text_and_links_only_http() {
    let root = render("https://pic.twitter.com/5QbzQIV0Hy").await;
    let link = root
        .query_selector("a.original")
        .unwrap()
        .expect("an http link is a link");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "https://pic.twitter.com/5QbzQIV0Hy"
    );
    assert_eq!(
        link.get_attribute("rel").unwrap(),
        "noopener noreferrer nofollow"
    );
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "dataset text never becomes markup"
    );
    assert!(root
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)> hello"));
    assert!(root.text_content().unwrap().contains("<b>Pop</b> Crave"));

    for url in [
        "javascript:alert(1)",
        " JaVa\tScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ] {
        let root = render(url).await;
        assert!(
            root.query_selector("a").unwrap().is_none(),
            "{url:?} is not a link"
        );
        assert!(root.text_content().unwrap().contains(url.trim_start()));
    }

    // The href is the URL as the allowlist normalised it.
    let root = render(" HTTPS://example.com/a\n").await;
    let link = root.query_selector("a.original").unwrap().expect("a link");
    assert_eq!(link.get_attribute("href").unwrap(), "https://example.com/a");
}

#[wasm_bindgen_test]
fn a_broken_dataset_is_explained_not_shown() {
    match parse("{\"schema_version\": 1, \"people\": [") {
        Loaded::Invalid(problems) => {
            assert_eq!(problems[0].location, "1:33");
            assert!(
                problems[0].message.starts_with("the file ends too early"),
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let dangling = r#"{"schema_version":1,"people":[],"stories":[],"quotes":[{"id":"q","story":"nope","speaker":null,"text":"x"}],"posts":[]}"#;
    match parse(dangling) {
        Loaded::Ready(dataset, _, report, _) => {
            assert!(dataset.quotes.is_empty());
            assert_eq!(report.summary().as_deref(), Some("1 item skipped: 1 quote"));
            assert_eq!(
                report.skipped[0].to_string(),
                "quotes[0].story: warning: no story has the id \"nope\"; this quote was skipped. Fix: add a story with this id to \"stories\", or correct the reference"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The view the panic hook draws. A real panic aborts the wasm, which
/// would end this test run; the end-to-end tests make the release build
/// panic and click Reload.
#[wasm_bindgen_test]
fn the_crash_view_tells_what_happened_and_offers_a_reload() {
    let document = gloo::utils::document();
    let behind = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&behind).unwrap();
    storyscope_web::panic::show_crash("panicked at src/x.rs:1:1:\n<b>boom</b>");
    storyscope_web::panic::show_crash("panicked again");
    let view = document
        .get_element_by_id(storyscope_web::panic::CRASH_ID)
        .expect("the view is in the page");
    assert_eq!(view.get_attribute("role").as_deref(), Some("alertdialog"));
    assert_eq!(document.query_selector_all("#crash").unwrap().length(), 1);
    let text = view.text_content().unwrap();
    assert!(text.contains("Storyscope stopped working"), "{text}");
    assert!(
        text.contains("<b>boom</b>") && text.contains("panicked again"),
        "the messages are shown as text: {text}"
    );
    let button = view
        .query_selector("button.reload")
        .unwrap()
        .expect("a button");
    assert_eq!(button.text_content().as_deref(), Some("Reload"));
    assert_eq!(
        document.active_element().map(|e| e.class_name()).as_deref(),
        Some("button reload"),
        "the button has the focus"
    );
    assert_eq!(behind.get_attribute("inert").as_deref(), Some(""));
    // Clean up for the other tests of this page.
    view.remove();
    behind.remove();
    let children = document.body().unwrap().children();
    for i in 0..children.length() {
        let child = children.item(i).unwrap();
        child.remove_attribute("inert").unwrap();
        child.remove_attribute("aria-hidden").unwrap();
    }
}

#[wasm_bindgen_test]
fn routes_match_their_paths_and_round_trip() {
    use storyscope_web::route::Route;
    use yew_router::Routable;
    let story = |id: &str| Some(Route::Story { id: id.into() });
    let person = |id: &str| Some(Route::Person { id: id.into() });
    assert_eq!(Route::recognize("/"), Some(Route::Timeline));
    assert_eq!(Route::recognize(""), Some(Route::Timeline));
    assert_eq!(Route::recognize("/404"), Some(Route::NotFound));
    assert_eq!(Route::recognize("/story/abc"), story("abc"));
    assert_eq!(Route::recognize("/story/abc/"), story("abc"));
    assert_eq!(Route::recognize("/story/a.b"), story("a.b"));
    assert_eq!(Route::recognize("/story/caf%C3%A9"), story("café"));
    assert_eq!(Route::recognize("/person/kanye-west"), person("kanye-west"));
    assert_eq!(
        Route::recognize("/quote/s-q2/"),
        Some(Route::Quote { id: "s-q2".into() })
    );
    for missing in [
        "/story",
        "/story/",
        "/story/a/b",
        "/story/%FF",
        "/people/x",
        "/quote",
        "/quote/a/b",
        "/404/x",
        "/x",
    ] {
        assert_eq!(
            Route::recognize(missing),
            Some(Route::NotFound),
            "{missing}"
        );
    }
    for route in [
        Route::Timeline,
        Route::NotFound,
        Route::Story {
            id: "a b/ü".into()
        },
        Route::Person {
            id: "kanye-west".into(),
        },
        Route::Quote { id: "a/b c".into() },
    ] {
        assert_eq!(Route::recognize(&route.to_path()), Some(route));
    }
    assert_eq!(Route::Story { id: "a b".into() }.to_path(), "/story/a%20b");
    // yew-router's own entry point gives what the one matcher gives: each
    // pattern, in the order of the variants, with an id filled in.
    let expected = [
        Route::Timeline,
        Route::Story { id: "a b".into() },
        Route::Person { id: "a b".into() },
        Route::Quote { id: "a b".into() },
        Route::NotFound,
    ];
    assert_eq!(Route::routes(), storyscope_web::route::PATTERNS);
    for (pattern, want) in storyscope_web::route::PATTERNS.iter().zip(expected) {
        let params = std::collections::HashMap::from([("id", "a%20b")]);
        assert_eq!(Route::from_path(pattern, &params), Some(want), "{pattern}");
    }
}

#[wasm_bindgen_test]
fn initials_are_the_upper_cased_first_letters_of_two_words() {
    use storyscope_web::components::person_chip::initials;
    assert_eq!(initials("Kanye West"), "KW");
    assert_eq!(initials("élodie de la tour"), "ÉD");
    assert_eq!(initials("ßam x"), "SSX");
    assert_eq!(initials("  (the) 2nd"), "2");
    assert_eq!(initials(""), "");
}
