//! End-to-end tests: the release build in `dist/`, served on 127.0.0.1 with
//! the deep-link fallback, driven in headless Chromium through WebDriver.
//! `./x test` builds `dist/` first; see `tests/support` for the harness.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::Browser;

const SEED_STORY: &str = "2021-11-26-kanye-west-did-his-best-once-again";

#[test]
fn the_timeline_renders_the_seed_story() {
    let browser = Browser::start("the_timeline_renders_the_seed_story");
    browser.goto("/");
    browser.wait_for(".site-header .brand");
    let story = browser.wait_for(".story-item h3 a");
    assert_eq!(
        story.text(),
        "Kanye West did his best once again to bring back his ex-wife Kim Kardashian"
    );
    assert!(story
        .attr("href")
        .unwrap()
        .ends_with(&format!("/story/{SEED_STORY}")));
    assert_eq!(
        browser.execute("return document.title", vec![]),
        "Storyscope"
    );
}

#[test]
fn a_deep_link_loads_the_app_not_a_server_error() {
    let browser = Browser::start("a_deep_link_loads_the_app_not_a_server_error");
    browser.goto("/story/anything");
    browser.wait_for(".site-header .brand");
    let panel = browser.wait_for(".not-found");
    assert!(
        panel
            .text()
            .contains("There is no story “anything” in this dataset."),
        "{}",
        panel.text()
    );
    panel.find("a.button").expect("a way back").click();
    browser.wait_for(".story-item");
    assert_eq!(browser.current_url(), format!("{}/", browser.base_url()));
}

#[test]
fn a_story_deep_link_shows_its_posts_and_quotes() {
    let browser = Browser::start("a_story_deep_link_shows_its_posts_and_quotes");
    browser.goto(&format!("/story/{SEED_STORY}"));
    browser.wait_for(".story-body");
    let handles: Vec<String> = browser
        .find_all(".story-body .post-card .handle")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(handles, ["@PopCrave", "@theyeezymafia"]);
    let marked = browser.find_all(".story-body mark.quote");
    assert!(marked.len() >= 5, "{} quotes marked", marked.len());
    let speakers: Vec<String> = browser
        .find_all(".story-quotes .person-chip")
        .iter()
        .map(|e| e.attr("href").unwrap_or_default())
        .collect();
    assert!(
        speakers
            .iter()
            .filter(|h| h.ends_with("/person/kanye-west"))
            .count()
            >= 5,
        "{speakers:?}"
    );
}
