//! End-to-end tests: the release build in `dist/`, served on 127.0.0.1 with
//! the deep-link fallback, driven in headless Chromium through WebDriver.
//! `./x test` builds `dist/` first; the harness is `crates/browser`.

#![cfg(not(target_arch = "wasm32"))]

use storyscope_browser::{bad_datasets, Browser, Element};

const SEED_STORY: &str = "2021-11-26-kanye-west-did-his-best-once-again";

#[test]
fn the_timeline_renders_the_seed_story() {
    let browser = Browser::start("the_timeline_renders_the_seed_story");
    browser.goto("/");
    browser.wait_for(".site-header .brand");
    let story = browser.wait_for(".story-item h2 a");
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
    // The page preloads the dataset while its wasm compiles, and the app
    // reads that response rather than fetching the file again.
    let fetches = browser.execute(
        "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/data/stories.json')).map(e => e.initiatorType)",
        vec![],
    );
    assert_eq!(fetches, serde_json::json!(["link"]));
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
    // Each of West's quotes says which words name him, marked in the text.
    let why: Vec<String> = browser
        .find_all(".story-quotes .why")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(why.len(), 5, "{why:?}");
    assert!(why.contains(&"from “Ye said”".to_string()), "{why:?}");
    assert!(browser.find_all(".story-body .cue").len() >= 4);
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

/// The query part of the current URL, with its `?`.
fn query(browser: &Browser) -> String {
    browser
        .execute("return location.search", vec![])
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_person_filter_finds_aliases_and_lives_in_the_url() {
    let browser = Browser::start("the_person_filter_finds_aliases_and_lives_in_the_url");
    browser.goto("/");
    browser.wait_for(".story-item");
    let all = browser.find(".result-count").unwrap().text();
    let input = browser.wait_for("#person-input");
    input.click();
    input.send_keys("Ye");
    let option = browser.wait_for("[role=listbox] [role=option]");
    assert!(option.text().contains("Kanye West"), "{}", option.text());
    assert!(option.text().contains("“Ye”"), "{}", option.text());
    assert_eq!(option.attr("data-person").as_deref(), Some("kanye-west"));
    option.click();
    browser.wait_until("the URL names the person", |b| {
        query(b) == "?person=kanye-west"
    });
    browser.wait_for(".chips .chip");
    let filtered = browser.find(".result-count").unwrap().text();
    assert_ne!(filtered, all, "choosing a person filters the items");

    browser.refresh();
    let chip = browser.wait_for(".chips .chip");
    assert!(chip.text().contains("Kanye West"));
    assert_eq!(browser.find(".result-count").unwrap().text(), filtered);

    browser.back();
    browser.wait_until("back returns to the unfiltered view", |b| {
        query(b).is_empty() && b.find(".chips").is_none()
    });
    assert_eq!(browser.find(".result-count").unwrap().text(), all);
    browser.forward();
    browser.wait_for(".chips .chip");
}

#[test]
fn the_person_filter_works_from_the_keyboard_with_descriptors() {
    let browser = Browser::start("the_person_filter_works_from_the_keyboard_with_descriptors");
    browser.goto("/");
    let input = browser.wait_for("#person-input");
    input.click();
    input.send_keys("the SKIMS");
    let option = browser.wait_for("[role=option][aria-selected=true]");
    assert!(
        option.text().contains("Kim Kardashian"),
        "{}",
        option.text()
    );
    input.send_keys("\u{E007}"); // Enter
    browser.wait_until("Enter chooses the active option", |b| {
        query(b) == "?person=kim-kardashian"
    });
}

#[test]
fn a_date_range_filters_and_shows_an_empty_state() {
    let browser = Browser::start("a_date_range_filters_and_shows_an_empty_state");
    browser.goto("/");
    browser.wait_for(".story-item");
    // Typed into the date inputs the way a user does (month, day, year).
    let from = browser.wait_for("#date-from");
    from.click();
    from.send_keys("01012020");
    let to = browser.find("#date-to").unwrap();
    to.click();
    to.send_keys("12312020");
    browser.wait_until("the range reaches the URL", |b| {
        query(b) == "?from=2020-01-01&to=2020-12-31"
    });
    let empty = browser.wait_for(".empty-state");
    assert!(empty.text().contains("Nothing matches these filters."));
    assert!(browser.find(".story-item").is_none());

    browser.goto("/?from=2021-11-01&to=2021-11-30");
    browser.wait_for(".story-item");
    assert!(browser.find(".empty-state").is_none());

    // A histogram bar picks its own day; the seed's story day is one of them.
    browser.goto("/");
    browser.wait_for(".story-item");
    let bar = browser
        .find_all(".histogram .bar")
        .into_iter()
        .find(|b| {
            b.attr("aria-label")
                .unwrap_or_default()
                .starts_with("November 26, 2021:")
        })
        .expect("a bar for the story's day");
    bar.click();
    browser.wait_until("the bar sets the range", |b| {
        query(b) == "?from=2021-11-26&to=2021-11-26"
    });
    browser.wait_for(".story-item");
    // Keyboard: Left moves to the day before, Enter picks it.
    browser.execute("document.activeElement.blur()", vec![]);
    let focused = browser.find("#bar-0").unwrap();
    focused.send_keys("\u{E010}"); // End
    browser.execute("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft', bubbles: true}))", vec![]);
    browser.execute("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))", vec![]);
    browser.wait_until("the keyboard picks the day before the last", |b| {
        query(b) == "?from=2021-11-25&to=2021-11-25"
    });
}

#[test]
fn kind_and_text_filters() {
    let browser = Browser::start("kind_and_text_filters");
    browser.goto("/?kind=post");
    browser.wait_for(".post-item");
    assert!(browser.find(".story-item").is_none() && browser.find(".quote-item").is_none());
    browser.goto("/");
    let search = browser.wait_for("#search-input");
    search.send_keys("mistakes");
    browser.wait_until("the search reaches the URL", |b| query(b) == "?q=mistakes");
    assert!(browser.find(".quote-item").is_some());
    assert!(browser.find(".post-item").is_none());
    browser.find(".clear").expect("a clear button").click();
    browser.wait_until("clear empties the URL", |b| query(b).is_empty());
}

#[test]
fn bad_link_parameters_are_dropped_with_a_notice() {
    let browser = Browser::start("bad_link_parameters_are_dropped_with_a_notice");
    browser.goto("/?person=nobody&from=2021-02-30&kind=video&person=kanye-west");
    let notice = browser.wait_for(".notice");
    let text = notice.text();
    assert!(
        text.contains("nobody")
            && text.contains("February 2021 has no day 30")
            && text.contains("video"),
        "{text}"
    );
    assert!(browser
        .wait_for(".chips .chip")
        .text()
        .contains("Kanye West"));
}

#[test]
fn the_story_page_shows_posts_as_cards_and_quotes_linked_to_speakers() {
    let browser =
        Browser::start("the_story_page_shows_posts_as_cards_and_quotes_linked_to_speakers");
    browser.goto(&format!("/story/{SEED_STORY}"));
    browser.wait_for(".story-body");
    let cards = browser.find_all(".story-body .post-card");
    assert_eq!(cards.len(), 2);
    let handles: Vec<String> = cards
        .iter()
        .map(|c| c.find(".handle").unwrap().text())
        .collect();
    assert_eq!(handles, ["@PopCrave", "@theyeezymafia"]);
    assert!(cards[0]
        .find("a.original")
        .unwrap()
        .attr("href")
        .unwrap()
        .starts_with("https://pic.twitter.com/"));
    let tags: Vec<String> = browser
        .find_all(".story-body .speaker-tag")
        .iter()
        .map(|t| t.attr("href").unwrap_or_default())
        .collect();
    assert!(
        tags.iter()
            .filter(|h| h.ends_with("/person/kanye-west"))
            .count()
            >= 5,
        "{tags:?}"
    );
    browser.find_all(".story-body .speaker-tag")[0].click();
    browser.wait_until("the speaker link opens the person page", |b| {
        b.current_url().ends_with("/person/kanye-west")
    });
}

#[test]
fn a_quote_link_scrolls_to_and_highlights_the_quote() {
    let browser = Browser::start("a_quote_link_scrolls_to_and_highlights_the_quote");
    browser.set_window_size(1280, 600);
    let quote = format!("quote-{SEED_STORY}-q6");
    browser.goto(&format!("/story/{SEED_STORY}#{quote}"));
    let mark = browser.wait_for(&format!("#{quote}"));
    browser.wait_until("the quote is highlighted", |b| {
        b.find(&format!("#{quote}.highlight")).is_some()
    });
    assert!(mark
        .text()
        .starts_with("But when God brings Kimye together"));
    let in_view = browser.execute(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && scrollY > 0",
        vec![quote.clone().into()],
    );
    assert_eq!(in_view, true, "the quote is scrolled into view");
}

/// A quote has its own link: `/quote/<id>` shows its story at the quote,
/// highlighted, and a quote's "Copy link" on the story page gives that link.
#[test]
fn a_quote_has_its_own_link() {
    let browser = Browser::start("a_quote_has_its_own_link");
    browser.set_window_size(1280, 600);
    let id = format!("{SEED_STORY}-q6");
    browser.goto(&format!("/quote/{id}"));
    browser.wait_until("the quote is highlighted", |b| {
        b.find(&format!("#quote-{id}.highlight")).is_some()
    });
    assert_eq!(
        browser.wait_for("h1").text(),
        "Kanye West did his best once again to bring back his ex-wife Kim Kardashian"
    );
    let in_view = browser.execute(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && scrollY > 0",
        vec![format!("quote-{id}").into()],
    );
    assert_eq!(in_view, true, "the quote is scrolled into view");
    // The story page's quote cards copy the quote's own link.
    browser.goto(&format!("/story/{SEED_STORY}"));
    let button = browser.wait_for(".story-quotes .quote-card .copy-link");
    assert!(button
        .attr("aria-label")
        .unwrap()
        .starts_with("Copy link: this quote"));
    let copied = copy_link(&browser, ".story-quotes .quote-card .copy-link");
    let prefix = format!("{}/quote/{SEED_STORY}-q", browser.base_url());
    assert!(copied.starts_with(&prefix), "{copied}");
    // That link opens the same view.
    let quote = copied.rsplit('/').next().unwrap().to_string();
    browser.goto(&format!("/quote/{quote}"));
    browser.wait_until("the copied quote is highlighted", |b| {
        b.find(&format!("#quote-{quote}.highlight")).is_some()
    });
}

#[test]
fn the_person_page_lists_quotes_and_companions() {
    let browser = Browser::start("the_person_page_lists_quotes_and_companions");
    browser.goto("/person/kanye-west");
    browser.wait_for(".person-header h1");
    assert_eq!(
        browser.find(".person-header h1").unwrap().text(),
        "Kanye West"
    );
    let quotes = browser.find_all(".quote-card blockquote");
    assert_eq!(quotes.len(), 5);
    let with: Vec<String> = browser
        .find_all(".appears-with .person-chip .name")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(with, ["Kim Kardashian", "Pete Davidson"]);
    // A quote's link lands on its place in the story.
    browser.find(".quote-card .in-story").unwrap().click();
    browser.wait_until("the story opens at the quote", |b| {
        b.find(".highlight").is_some()
    });
    assert!(browser
        .current_url()
        .contains(&format!("/story/{SEED_STORY}#quote-")));
}

#[test]
fn unknown_people_and_stories_show_not_found() {
    let browser = Browser::start("unknown_people_and_stories_show_not_found");
    browser.goto("/story/no-such-story");
    assert!(browser
        .wait_for(".not-found")
        .text()
        .contains("no-such-story"));
    browser.goto("/person/nobody");
    assert!(browser.wait_for(".not-found").text().contains("nobody"));
    browser.goto("/quote/no-such-quote");
    assert!(browser
        .wait_for(".not-found")
        .text()
        .contains("quote “no-such-quote”"));
    browser.goto("/a/b/c");
    assert!(browser
        .wait_for(".not-found")
        .text()
        .contains("This page does not exist."));
}

/// Clicks the first copy-link button `selector` finds, waits until it says
/// the link is copied, and returns what the clipboard holds.
fn copy_link(browser: &Browser, selector: &str) -> String {
    // Permissions belong to an origin: granted once the app's is open.
    browser.set_permission("clipboard-read", "granted");
    browser.set_permission("clipboard-write", "granted");
    browser.wait_for(selector).click();
    browser.wait_until("the button says so", |b| {
        b.find(selector).unwrap().text().contains("Link copied")
    });
    let copied = browser.execute_async(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('error: ' + e))",
        vec![],
    );
    copied.as_str().unwrap_or_default().to_string()
}

#[test]
fn copy_link_puts_the_current_url_on_the_clipboard() {
    let browser = Browser::start("copy_link_puts_the_current_url_on_the_clipboard");
    browser.goto("/?person=kanye-west&kind=quote");
    assert_eq!(
        copy_link(&browser, ".page-title .copy-link"),
        format!("{}/?person=kanye-west&kind=quote", browser.base_url())
    );
}

/// What browsers, crawlers and assistive technology read is there: every
/// labelled button's accessible name holds the words it shows, as people
/// who speak to their computer say them ("Copy link", not "Copy a link");
/// the timeline's feed holds only articles, each with its day; the page
/// names its icon and the site serves it (no request for a missing
/// `/favicon.ico`); the wasm comes compressed; the page has a description,
/// and the site a robots.txt.
#[test]
fn what_browsers_crawlers_and_assistive_technology_read_is_there() {
    let browser = Browser::start("what_browsers_crawlers_and_assistive_technology_read_is_there");
    let story = format!("/story/{SEED_STORY}");
    for path in ["/", story.as_str(), "/person/kanye-west"] {
        browser.goto(path);
        browser.wait_for(".copy-link");
        let mismatched = browser.execute(
            "const words = s => (s || '').toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, ' ').trim();
             const buttons = Array.from(document.querySelectorAll('button[aria-label]'));
             if (buttons.length === 0) return ['no labelled button'];
             return buttons.map(b => [words(b.textContent), words(b.getAttribute('aria-label'))])
               .filter(([shown, name]) => shown && !name.includes(shown))
               .map(([shown, name]) => shown + ' | ' + name);",
            vec![],
        );
        assert_eq!(mismatched, serde_json::Value::Array(Vec::new()), "{path}");
    }
    // The timeline's feed holds only articles (what a screen reader moves
    // between); each says its day.
    browser.goto("/");
    browser.wait_for(".vrow.item");
    let feed = browser.execute(
        "const feed = document.querySelector('[role=feed]');
         const children = Array.from(feed.children);
         return [children.length,
                 children.filter(c => c.tagName !== 'ARTICLE' && c.getAttribute('aria-hidden') !== 'true').map(c => c.outerHTML.slice(0, 80)),
                 children.filter(c => c.tagName === 'ARTICLE' && !/[A-Z][a-z]+ \\d{1,2}, \\d{4}/.test(c.querySelector('.visually-hidden')?.textContent || '')).length];",
        vec![],
    );
    assert!(feed[0].as_u64().unwrap_or(0) > 0, "{feed}");
    assert_eq!(feed[1], serde_json::Value::Array(Vec::new()), "{feed}");
    assert_eq!(feed[2], 0, "articles without their day: {feed}");
    let icon = browser.execute_async(
        "const done = arguments[arguments.length - 1];
         const link = document.querySelector('link[rel=icon]');
         if (!link) { done('no icon link'); return; }
         fetch(link.href).then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('content-type') + ' ' + t.slice(0, 4))), e => done('error ' + e));",
        vec![],
    );
    assert_eq!(icon, "200 image/svg+xml <svg");
    // The wasm came compressed: `storyscope precompress` wrote its copies
    // and the server sent one.
    let wasm = browser.execute(
        "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
         return e ? [e.encodedBodySize, e.decodedBodySize] : null;",
        vec![],
    );
    let (sent, size) = (wasm[0].as_u64().unwrap_or(0), wasm[1].as_u64().unwrap_or(0));
    assert!(
        sent > 0 && sent * 2 < size,
        "wasm sent {sent} of {size} bytes: {wasm}"
    );
    // What search engines read first: a description, and a robots.txt.
    let described = browser.execute(
        "return document.querySelector('meta[name=description]')?.content || ''",
        vec![],
    );
    assert!(
        described
            .as_str()
            .is_some_and(|d| d.starts_with("Who said what")),
        "{described}"
    );
    let robots = browser.execute_async(
        "const done = arguments[arguments.length - 1];
         fetch(new URL('robots.txt', document.baseURI)).then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('error ' + e));",
        vec![],
    );
    assert_eq!(robots, "200 User-agent: *\nAllow: /\n");
}

#[test]
fn the_app_works_under_a_sub_path() {
    // `./x test` builds this copy with `--public-url /storyscope/`.
    let Some(dist) = std::env::var_os("STORYSCOPE_DIST_SUBPATH") else {
        panic!("STORYSCOPE_DIST_SUBPATH is not set; run the end-to-end tests through ./x test");
    };
    let browser = Browser::start_at(
        "the_app_works_under_a_sub_path",
        std::path::Path::new(&dist),
        "/storyscope/",
    );
    browser.goto(&format!("/story/{SEED_STORY}"));
    browser.wait_for(".story-body .post-card");
    browser.find(".brand").unwrap().click();
    let story = browser.wait_for(".story-item h2 a");
    assert!(
        browser.current_url().ends_with("/storyscope/"),
        "{}",
        browser.current_url()
    );
    assert!(story.attr("href").unwrap().contains("/storyscope/story/"));
    browser.goto("/?person=kanye-west");
    browser.wait_for(".chips .chip");
    browser.goto("/person/kanye-west");
    browser.wait_for(".appears-with");
    browser.goto(&format!("/quote/{SEED_STORY}-q6"));
    browser.wait_for(&format!("#quote-{SEED_STORY}-q6.highlight"));
}

/// A copy of the built app in a fresh temporary folder (removed when
/// dropped), with its dataset replaced by `dataset`.
fn app_with_dataset(name: &str, dataset: &str) -> storyscope_browser::TempDir {
    let dist = std::env::var_os("STORYSCOPE_DIST")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    let copy = storyscope_browser::temp_folder(name);
    storyscope_browser::copy_dir(&dist, copy.path());
    std::fs::write(copy.path().join("data/stories.json"), dataset).unwrap();
    copy
}

/// The text of each problem listed under `panel`, as `storyscope validate`
/// would print it (less the file name in front of a JSON path).
fn problem_lines(browser: &Browser, panel: &str) -> Vec<String> {
    let lines = browser.execute(
        "return Array.from(document.querySelectorAll(arguments[0] + ' .problems li')).map(li => li.textContent)",
        vec![panel.into()],
    );
    lines
        .as_array()
        .map(|lines| {
            lines
                .iter()
                .map(|l| l.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Fails if the app panicked since the log was last read, or if the log
/// cannot be read.
fn assert_no_panic(browser: &Browser, what: &str) {
    let log = browser.read_console_log();
    assert!(
        !log.iter().any(|l| l.contains("panicked")),
        "{what}: the app panicked: {log:#?}"
    );
}

/// Each broken dataset (see `storyscope_browser::bad_datasets`, shared with the
/// CLI's tests) shows what is wrong, where, and how to fix it: fatal ones
/// in the error panel, partial ones in a banner above the rest, which stays
/// usable.
#[test]
fn each_broken_dataset_shows_what_is_wrong() {
    let copy = app_with_dataset("broken", "{}");
    let app = copy.path();
    let browser = Browser::start_at("each_broken_dataset_shows_what_is_wrong", app, "/");
    for case in bad_datasets::all() {
        let name = case.name;
        std::fs::write(app.join("data/stories.json"), &case.text).unwrap();
        browser.goto("/");
        let panel = if case.fatal {
            let panel = browser.wait_for(".panel.error");
            let text = panel.text();
            assert!(
                text.contains("The dataset cannot be shown"),
                "{name}: {text}"
            );
            ".panel.error"
        } else {
            let panel = browser.wait_for(".panel.skipped");
            let summary = panel.find("h2").unwrap().text();
            assert_eq!(Some(&summary), case.summary.as_ref(), "{name}");
            assert!(panel.is_displayed(), "{name}: the banner is in view");
            // The rest is shown and works.
            browser.wait_for(".story-item");
            assert!(browser.find(".result-count").is_some(), "{name}");
            ".panel.skipped"
        };
        let shown = problem_lines(&browser, panel);
        for line in &case.lines {
            assert!(
                shown.iter().any(|l| l.ends_with(line.as_str())),
                "{name}: no problem reads\n{line}\namong\n{shown:#?}"
            );
        }
        assert!(shown.len() <= 51, "{name}: at most 50 problems and a count");
        assert_no_panic(&browser, name);
    }
    // Bytes that are not UTF-8, on the second line.
    std::fs::write(
        app.join("data/stories.json"),
        b"{\"schema_version\": 1,\n\"people\": [\"\xff\xfe\"]}",
    )
    .unwrap();
    browser.goto("/");
    let text = browser.wait_for(".panel.error").text();
    assert!(
        text.contains(
            "stories.json:2: this is not UTF-8 text (a byte that UTF-8 does not allow at byte 34)"
        ),
        "{text}"
    );
    assert_no_panic(&browser, "not UTF-8");
    drop(browser);
}

/// A panic shows the error view instead of a frozen page, and its Reload
/// button brings the app back. The release build is made to panic the way
/// a browser fault would: `cloneNode` throws, and the renderer's
/// `expect` on it panics. Nothing in the app is there only for this test.
#[test]
fn a_panic_shows_an_error_view_whose_reload_brings_the_app_back() {
    let browser = Browser::start("a_panic_shows_an_error_view_whose_reload_brings_the_app_back");
    browser.goto("/");
    let link = browser.wait_for(".story-item h2 a");
    browser.execute(
        "Node.prototype.cloneNode = function () { throw new Error('injected fault'); }",
        vec![],
    );
    link.click();
    let view = browser.wait_for("#crash[role=alertdialog]");
    let text = view.text();
    assert!(text.contains("Storyscope stopped working"), "{text}");
    assert!(text.contains("couldn't clone"), "the panic message: {text}");
    assert_eq!(
        browser.execute("return document.activeElement.textContent", vec![]),
        "Reload"
    );
    let log = browser.read_console_log();
    assert!(
        log.iter()
            .any(|l| l.contains("panicked at") && l.contains("injected fault")),
        "{log:#?}"
    );
    view.find("button.reload").expect("a Reload button").click();
    browser.wait_for(".story-body");
    assert!(browser.find("#crash").is_none());
    assert_no_panic(&browser, "after the reload");
}

/// Links no one should write still land on a view that says what it did
/// with them. URLs that the test server refuses (longer than it takes in a
/// request, or not UTF-8 once decoded) are put in place by the page itself,
/// as a script or a host that lets them through would.
#[test]
fn any_url_lands_on_a_sensible_view_with_a_notice() {
    let browser = Browser::start("any_url_lands_on_a_sensible_view_with_a_notice");
    let huge_from = format!("/?from={}", "9".repeat(100_000));
    let huge_query = format!("/?{}", "person=nobody&".repeat(7_500));
    let huge_search = format!("/?q={}", "word+".repeat(20_000));
    let long_id = format!("/story/{}", "x".repeat(5_000));
    let cases: [(&str, &str, &[&str]); 12] = [
        (
            "/?person=a&person=&from=2021-13-45&to=x&kind=zzz&q=%ZZ",
            ".notice",
            &[
                "“a”",
                "2021-13-45",
                "month must be 01 to 12",
                "“zzz” is not a kind",
            ],
        ),
        ("/?from=2022-01-01&to=2021-01-01", ".notice", &["swapped"]),
        (
            "/?from=99999999-01-01",
            ".notice",
            &["expected the form YYYY-MM-DD"],
        ),
        (
            "/?kind=post&kind=post&order=oldest&order=up",
            ".notice",
            &["“order” was given twice"],
        ),
        (&huge_from, ".notice", &["date “99999"]),
        (
            &huge_query,
            ".notice",
            &["more parts of the link could not be used"],
        ),
        (
            &huge_search,
            ".notice",
            &["The search was cut to 500 characters."],
        ),
        (
            "/story/no-such-story",
            ".not-found",
            &["There is no story “no-such-story”"],
        ),
        ("/person/%FF%FE", ".not-found", &[]),
        (&long_id, ".not-found", &["There is no story “xxxx"]),
        ("/a/b/c?x=1#y", ".not-found", &["This page does not exist."]),
        ("/person/kanye-west?person=%%%", ".person-header", &[]),
    ];
    for (url, selector, words) in cases {
        let shown_url: String = url.chars().take(80).collect();
        if url.len() < 4_000 && !url.contains("%FF") {
            browser.goto(url);
        } else {
            browser.goto("/");
            browser.wait_for(".story-item");
            browser.execute(
                "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'))",
                vec![url.into()],
            );
        }
        let found = browser.wait_for(selector);
        let text = found.text();
        for word in words {
            assert!(text.contains(word), "{shown_url}: {word} not in {text}");
        }
        assert!(
            text.chars().count() < 3_000,
            "{shown_url}: the notice stays short"
        );
        assert!(
            browser.page_text().trim().len() > 20,
            "{shown_url}: the page is not blank"
        );
        assert_no_panic(&browser, &shown_url);
    }
}

#[test]
fn a_large_timeline_stays_virtual_and_keyboard_navigable() {
    use storyscope_core::generate::{generate, GenerateOptions};
    // About 63,000 items, 12 million pixels of rows: taller than the
    // list's element may be, so the page's scroll range maps onto it.
    let dataset = generate(GenerateOptions {
        stories: 7000,
        seed: 9,
    });
    let json = serde_json::to_string(&dataset).unwrap();
    let copy = app_with_dataset("large", &json);
    let app = copy.path();
    let browser = Browser::start_at(
        "a_large_timeline_stays_virtual_and_keyboard_navigable",
        app,
        "/",
    );
    browser.goto("/");
    browser.wait_for(".vrow.item");
    let total = dataset.stories.len() + dataset.quotes.len() + dataset.posts.len();
    let count = browser.find(".result-bar .result-count").unwrap().text();
    assert_eq!(count.replace(',', ""), format!("{total} items"));
    let drawn = browser.find_all(".vrow").len();
    assert!(
        drawn < 120,
        "only rows near the viewport are in the page, not {drawn}"
    );

    // Scrolling to the end draws the oldest day, with the sticky heading on top.
    browser.execute("window.scrollTo(0, document.body.scrollHeight)", vec![]);
    let oldest = dataset
        .stories
        .iter()
        .map(|s| s.date)
        .chain(dataset.posts.iter().filter_map(|p| p.date))
        .min()
        .unwrap();
    browser.wait_until("the last rows are drawn", |b| {
        b.find_all(".vrow.day-heading time")
            .iter()
            .any(|t| t.attr("datetime").as_deref() == Some(oldest.to_string().as_str()))
    });
    assert!(browser.find(".sticky-day").is_some());
    assert!(browser.find_all(".vrow").len() < 120);
    // The very last item is drawn, inside the viewport, with the list's
    // element no taller than a page can be.
    let end = browser.execute(
        "const rows = [...document.querySelectorAll('.vrow.item')]; \
         const last = rows.find(r => r.getAttribute('aria-posinset') === r.getAttribute('aria-setsize')); \
         const box = last && last.getBoundingClientRect(); \
         return [!!last, box ? box.bottom <= innerHeight + 1 && box.top >= 0 : false, \
                 document.querySelector('.vlist').getBoundingClientRect().height];",
        vec![],
    );
    assert_eq!(end[0], true, "the last item is drawn: {end}");
    assert_eq!(end[1], true, "the last item is in view: {end}");
    assert!(end[2].as_f64().unwrap() <= 10_000_000.0, "{end}");

    // Arrow keys move between items, drawing as they go.
    browser.execute("window.scrollTo(0, 0)", vec![]);
    // Row 0 is the newest item, under its day's heading.
    let first = browser.wait_for("#row-0");
    let first_row = 0;
    browser.execute("arguments[0].focus()", vec![first.as_arg()]);
    for _ in 0..30 {
        browser.execute(
            "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true}))",
            vec![],
        );
    }
    browser.wait_until("focus moved thirty items down", |b| {
        let row = b.execute(
            "return document.activeElement.getAttribute('data-row')",
            vec![],
        );
        row.as_str()
            .and_then(|r| r.parse::<usize>().ok())
            .is_some_and(|r| r >= first_row + 30)
    });
    let pos = browser.execute(
        "return document.activeElement.getAttribute('aria-posinset')",
        vec![],
    );
    assert_eq!(pos, "31");
    drop(browser);
}

#[test]
fn the_built_page_carries_its_content_security_policy() {
    let browser = Browser::start("the_built_page_carries_its_content_security_policy");
    browser.goto("/");
    browser.wait_for(".story-item");
    let first = browser.execute(
        "const m = document.head.firstElementChild; \
         return [m.localName, m.httpEquiv, m.content];",
        vec![],
    );
    assert_eq!(first[0], "meta", "{first}");
    assert_eq!(first[1], "Content-Security-Policy", "{first}");
    let policy = first[2].as_str().unwrap_or_default();
    for directive in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
        "style-src 'self';",
        "object-src 'none'",
        "base-uri 'self'",
    ] {
        assert!(policy.contains(directive), "{policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(
        browser.take_csp_violations().is_empty(),
        "the app runs within its policy"
    );

    // The policy holds: inline scripts, handlers and styles that somehow got
    // into the page do nothing, and are reported.
    let ran = browser.execute_async(
        "const done = arguments[0]; \
         const s = document.createElement('script'); \
         s.textContent = 'window.__inline = 1'; \
         document.head.append(s); \
         document.body.insertAdjacentHTML('beforeend', \
           '<img id=probe src=x onerror=\"window.__handler = 1\"><p id=styled style=\"color: red\">x</p>'); \
         setTimeout(() => done([typeof window.__inline, typeof window.__handler, \
           document.getElementById('styled').style.color]), 300);",
        vec![],
    );
    assert_eq!(ran, serde_json::json!(["undefined", "undefined", ""]));
    let violations = browser.take_csp_violations().join("\n");
    for directive in ["script-src-elem", "script-src-attr", "style-src-attr"] {
        assert!(violations.contains(directive), "{violations}");
    }
}

/// The tags the app renders (with `noscript` from `index.html`): anything
/// else in the body came from somewhere else.
const APP_TAGS: &[&str] = &[
    "a",
    "article",
    "blockquote",
    "button",
    "code",
    "details",
    "div",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "header",
    "input",
    "label",
    "legend",
    "li",
    "main",
    "mark",
    "noscript",
    "ol",
    "p",
    "section",
    "span",
    "strong",
    "summary",
    "time",
    "ul",
];

/// The attributes the app sets (besides `aria-*`).
const APP_ATTRIBUTES: &[&str] = &[
    "autocomplete",
    "class",
    "data-person",
    "data-row",
    "datetime",
    "for",
    "href",
    "id",
    "name",
    "open",
    "placeholder",
    "rel",
    "role",
    "style",
    "tabindex",
    "target",
    "title",
    "type",
    "value",
];

/// The inline style properties the app sets (through the CSSOM).
const APP_STYLES: &[&str] = &["top", "height", "position", "opacity"];

/// Everything in the page that the app did not put there itself: foreign
/// tags or attributes, handlers, styles, links off the origin other than
/// the posts' http(s) originals, scripts besides the loader in the head and
/// `index.html`'s own inline script (its text is the fourth argument).
const AUDIT: &str = r#"
const [tags, attributes, styles] = [new Set(arguments[0]), new Set(arguments[1]), new Set(arguments[2])];
const problems = [];
const scripts = [...document.scripts];
const loaders = scripts.filter(s => s.parentNode === document.head);
const others = scripts.filter(s => s.parentNode !== document.head && s.textContent !== arguments[3]);
if (loaders.length !== 1 || others.length !== 0) {
  problems.push(`${scripts.length} scripts`);
}
for (const el of document.head.children) {
  if (!['meta', 'title', 'base', 'link', 'script'].includes(el.localName)) problems.push(`<${el.localName}> in head`);
}
for (const el of document.body.querySelectorAll('*')) {
  const tag = el.localName;
  if (tag === 'script' && el.parentNode === document.body && el.textContent === arguments[3]) continue;
  if (!tags.has(tag)) problems.push(`<${tag}>`);
  for (const a of el.attributes) {
    const name = a.name.toLowerCase();
    if (name.startsWith('on') || !(attributes.has(name) || name.startsWith('aria-'))) problems.push(`<${tag} ${name}=${JSON.stringify(a.value)}>`);
  }
  for (let i = 0; i < (el.style ? el.style.length : 0); i++) {
    if (!styles.has(el.style[i])) problems.push(`<${tag}> style ${el.style[i]}`);
  }
  if (el.hasAttribute('href')) {
    const href = el.getAttribute('href');
    const own = new URL(href, document.baseURI).origin === location.origin && !/^[a-z][a-z0-9+.-]*:/i.test(href);
    const original = tag === 'a' && el.classList.contains('original') && /^https?:\/\//.test(href);
    if (!own && !original) problems.push(`href ${JSON.stringify(href)}`);
  }
}
return problems;
"#;

/// What a visit to a hostile page saw.
#[derive(Default)]
struct Audit {
    /// Indexes of the vectors found in the page as text.
    shown: std::collections::BTreeSet<usize>,
    /// The `href`s of links to post originals.
    originals: std::collections::BTreeSet<String>,
    /// How many times the page was audited.
    checks: usize,
}

impl Audit {
    /// Checks the page as it is now: nothing ran, nothing foreign is in it,
    /// nothing was fetched from elsewhere; notes which vectors it shows.
    fn check(&mut self, browser: &Browser, vectors: &[String], at: &str) {
        use serde_json::json;
        assert_eq!(browser.alert_text(), None, "{at}: a dialog opened");
        let sentinel = browser.execute("return typeof window.__pwned", vec![]);
        assert_eq!(sentinel, "undefined", "{at}: a payload ran");
        let problems = browser.execute(
            AUDIT,
            vec![
                json!(APP_TAGS),
                json!(APP_ATTRIBUTES),
                json!(APP_STYLES),
                json!(own_inline_script()),
            ],
        );
        assert_eq!(problems, json!([]), "{at}: foreign markup in the page");
        let elsewhere = browser.execute(
            "return performance.getEntriesByType('resource').map(e => e.name) \
               .filter(n => new URL(n).origin !== location.origin)",
            vec![],
        );
        assert_eq!(elsewhere, json!([]), "{at}: requests left the origin");
        let shown = browser.execute(
            "const text = document.body.textContent; \
             return arguments[0].flatMap((v, i) => text.includes(v) ? [i] : []);",
            vec![json!(vectors)],
        );
        self.shown.extend(
            shown
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap() as usize),
        );
        let originals = browser.execute(
            "return [...document.querySelectorAll('a.original')].map(a => a.getAttribute('href'))",
            vec![],
        );
        self.originals.extend(
            originals
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h.as_str().unwrap().to_string()),
        );
        self.checks += 1;
    }
}

/// Waits two frames, so that what a scroll set off is drawn.
fn settle(browser: &Browser) {
    browser.execute_async(
        "requestAnimationFrame(() => requestAnimationFrame(arguments[0]))",
        vec![],
    );
}

/// Loads the hostile dataset and walks the app: the whole timeline, the
/// person filter, a search, story and person pages reached by links and
/// by address. Returns what it saw.
fn walk_hostile_app(browser: &Browser, vectors: &[String]) -> Audit {
    use storyscope_browser::hostile::{person_id, story_id, STORIES};
    let mut audit = Audit::default();
    browser.goto("/");
    browser.wait_for(".vrow.item");
    audit.check(browser, vectors, "timeline");

    // Every row of the virtual timeline, a screen at a time.
    let mut y = 0;
    loop {
        browser.execute("window.scrollTo(0, arguments[0])", vec![y.into()]);
        settle(browser);
        audit.check(browser, vectors, &format!("timeline at {y}px"));
        let end = browser.execute(
            "return scrollY + innerHeight >= document.documentElement.scrollHeight - 2",
            vec![],
        );
        if end == true {
            break;
        }
        y += 700;
    }
    browser.execute("window.scrollTo(0, 0)", vec![]);

    let input = browser.wait_for("#person-input");
    input.click();
    input.send_keys("Person");
    browser.wait_for("[role=listbox] [role=option]");
    audit.check(browser, vectors, "person suggestions");

    browser.goto("/?q=pwned");
    browser.wait_for(".vrow.item");
    audit.check(browser, vectors, "search");

    // Through the app's own links: a story, then a person in it.
    browser.goto("/?kind=story");
    browser.wait_for(".story-item h2 a").click();
    browser.wait_for(".story-body");
    audit.check(browser, vectors, "a story reached by its link");
    browser.wait_for(".story-header .person-chip").click();
    browser.wait_for(".person-header");
    audit.check(browser, vectors, "a person reached by a link");

    for s in 0..STORIES {
        browser.goto(&format!("/story/{}", story_id(s)));
        browser.wait_for(".story-body .post-card");
        audit.check(browser, vectors, &format!("story {s}"));
    }
    let s = story_id(3);
    browser.goto(&format!("/story/{s}#quote-{s}-q0"));
    browser.wait_for(".story-body mark.quote");
    audit.check(browser, vectors, "a quote's deep link");
    for p in 0..6 {
        browser.goto(&format!("/person/{}", person_id(p)));
        browser.wait_for(".person-header");
        audit.check(browser, vectors, &format!("person {p}"));
    }
    audit
}

/// Serves the hostile dataset, with or without the page's policy, walks the
/// app and checks that nothing ran; then injects one vector as markup by
/// hand, to show what the checks would catch.
fn hostile_data_runs_nothing(test: &str, keep_policy: bool) {
    use storyscope_browser::hostile::{dataset, vectors};
    let vectors = vectors();
    let distinct: std::collections::HashSet<&String> = vectors.iter().collect();
    assert_eq!(distinct.len(), vectors.len(), "the vectors are distinct");
    assert!(vectors.len() >= 150, "{} vectors", vectors.len());
    let data = dataset(&vectors);
    let problems = storyscope_core::validate::validate(&data);
    assert!(
        problems.iter().all(|p| !p.is_error()),
        "the hostile dataset is valid: {problems:?}"
    );
    let copy = app_with_dataset(test, &serde_json::to_string(&data).unwrap());
    let app = copy.path();
    if !keep_policy {
        let index = app.join("index.html");
        let html = std::fs::read_to_string(&index).unwrap();
        let start = html
            .find("<meta http-equiv=\"Content-Security-Policy\"")
            .unwrap();
        let end = start + html[start..].find('>').unwrap() + 1;
        std::fs::write(&index, format!("{}{}", &html[..start], &html[end..])).unwrap();
    }
    let browser = Browser::start_at(test, app, "/");
    let audit = walk_hostile_app(&browser, &vectors);

    assert_eq!(
        audit.shown.len(),
        vectors.len(),
        "every vector was shown as text; missing: {:?}",
        (0..vectors.len())
            .filter(|i| !audit.shown.contains(i))
            .map(|i| &vectors[i])
            .collect::<Vec<_>>()
    );
    assert!(
        !audit.originals.is_empty(),
        "some posts link their original"
    );
    for href in &audit.originals {
        assert_eq!(
            storyscope_core::url::safe_link(href).as_deref(),
            Some(href.as_str()),
            "links point where the allowlist said"
        );
    }
    println!(
        "{test}: {} vectors, {} pages and scroll positions checked, {} links to originals, 0 ran",
        vectors.len(),
        audit.checks,
        audit.originals.len()
    );

    // The checks catch a payload that does get into the page as markup:
    // without the policy it runs; with it, the policy stops it.
    browser.execute(
        "document.body.insertAdjacentHTML('beforeend', arguments[0])",
        vec![serde_json::json!(format!(
            "<img src=x onerror={}>",
            storyscope_browser::hostile::PAYLOAD
        ))],
    );
    if keep_policy {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let problems = browser.execute(
            AUDIT,
            vec![
                serde_json::json!(APP_TAGS),
                serde_json::json!(APP_ATTRIBUTES),
                serde_json::json!(APP_STYLES),
                serde_json::json!(own_inline_script()),
            ],
        );
        assert_eq!(
            problems,
            serde_json::json!([
                "<img>",
                "<img src=\"x\">",
                format!("<img onerror={:?}>", storyscope_browser::hostile::PAYLOAD)
            ]),
            "the audit sees markup that got in"
        );
        assert_eq!(browser.alert_text(), None);
        assert_eq!(
            browser.execute("return typeof window.__pwned", vec![]),
            "undefined"
        );
        let violations = browser.take_csp_violations();
        assert!(
            violations.iter().any(|v| v.starts_with("script-src-attr")),
            "{violations:?}"
        );
    } else {
        browser.wait_until("the injected payload opens its alert", |b| {
            b.alert_text().is_some()
        });
        assert_eq!(browser.alert_text().as_deref(), Some("1"));
        browser.dismiss_alert();
        browser.wait_until("the injected payload sets the sentinel", |b| {
            b.execute("return window.__pwned", vec![]) == 1
        });
    }
    drop(browser);
}

#[test]
fn hostile_data_runs_nothing_under_the_policy() {
    hostile_data_runs_nothing("hostile_data_runs_nothing_under_the_policy", true);
}

#[test]
fn hostile_data_runs_nothing_even_without_the_policy() {
    hostile_data_runs_nothing("hostile_data_runs_nothing_even_without_the_policy", false);
}

#[test]
fn a_split_dataset_fetches_only_the_chunks_it_shows() {
    use storyscope_core::generate::{generate, GenerateOptions};
    let dataset = generate(GenerateOptions {
        stories: 2000,
        seed: 5,
    });
    let copy = app_with_dataset("split", "");
    let app = copy.path();
    let written =
        storyscope_cli::files::write_split(&dataset, &app.join("data/stories.json"), 50).unwrap();
    assert_eq!(written.chunks, 40);
    let browser = Browser::start_at("a_split_dataset_fetches_only_the_chunks_it_shows", app, "/");
    let chunk_requests = |b: &Browser| -> Vec<String> {
        let list = b.execute(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('-chunks-'))",
            vec![],
        );
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };

    // The timeline counts everything from the index, and the quotes in view
    // get their words from the newest chunk or two.
    browser.goto("/?kind=quote");
    browser.wait_for(".vrow.item .quote-card");
    let total = dataset.quotes.len();
    let count = browser.find(".result-bar .result-count").unwrap().text();
    assert_eq!(count.replace(',', ""), format!("{total} items"));
    browser.wait_until("the quotes in view have their words", |b| {
        b.find_all(".vrow.item blockquote.pending").is_empty()
    });
    let first = browser.find(".vrow.item blockquote").unwrap().text();
    assert!(
        dataset.quotes.iter().any(|q| q.text == first),
        "{first:?} is one of the dataset's quotes"
    );
    let fetched = chunk_requests(&browser);
    assert!(
        !fetched.is_empty() && fetched.len() <= 3,
        "only the chunks in view are fetched: {fetched:?}"
    );

    // A search fetches the word shards of its words only, and finds what the
    // whole dataset would.
    let word = dataset.quotes[7]
        .text
        .split_whitespace()
        .next()
        .unwrap()
        .to_lowercase();
    let whole = storyscope_core::explore::Explorer::new(&dataset);
    let query = storyscope_core::query::TimelineQuery {
        text: word.clone(),
        ..Default::default()
    };
    let expected = whole.run(&dataset, &query).total;
    assert!(expected > 0);
    browser.goto(&format!("/?q={word}"));
    browser.wait_until("the search has its words", |b| {
        b.find(".result-bar .result-count")
            .is_some_and(|c| c.text().replace(',', "") == format!("{expected} items"))
    });
    let shards = browser.execute(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/words/')).length",
        vec![],
    );
    assert_eq!(shards, 1, "one shard holds the word {word:?}");

    // A story page deep-linked to a quote gets its article from its chunk.
    let quote = &dataset.quotes[dataset.quotes.len() / 2];
    let story = dataset.story(&quote.story).unwrap();
    browser.goto(&format!("/story/{}#quote-{}", story.id, quote.id));
    let body = browser.wait_for(".story-body");
    assert!(
        body.text().contains(story.body[0].text()),
        "{}",
        body.text()
    );
    browser.wait_until("the quote is highlighted", |b| {
        b.find(&format!("mark[id='quote-{}'].highlight", quote.id))
            .is_some()
    });

    // A person page shows the first quotes, loaded, and more on request.
    let busiest = &dataset.people[0];
    let said = dataset
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some(busiest.id.as_str()))
        .count();
    assert!(said > 50, "the busiest person has {said} quotes");
    browser.goto(&format!("/person/{}", busiest.id));
    browser.wait_for(".person-header");
    browser.wait_until("the quotes shown have their words", |b| {
        b.find_all("blockquote").len() == 50 && b.find_all("blockquote.pending").is_empty()
    });
    browser.find(".show-more").unwrap().click();
    browser.wait_until("fifty more quotes are shown", |b| {
        b.find_all("blockquote").len() == 100.min(said)
    });
    assert!(
        chunk_requests(&browser).len() < written.chunks,
        "not every chunk was needed"
    );
    assert!(
        !browser.page_text().contains("could not be loaded"),
        "{}",
        browser.page_text()
    );
    drop(browser);
}

#[test]
fn a_missing_chunk_is_reported_where_its_text_would_be() {
    use storyscope_core::generate::{generate, GenerateOptions};
    let dataset = generate(GenerateOptions {
        stories: 200,
        seed: 6,
    });
    let copy = app_with_dataset("split-missing", "");
    let app = copy.path();
    let written =
        storyscope_cli::files::write_split(&dataset, &app.join("data/stories.json"), 50).unwrap();
    // The newest stories are in the last chunk; lose it.
    std::fs::remove_file(written.chunk_dir.join("3.json")).unwrap();
    let browser = Browser::start_at(
        "a_missing_chunk_is_reported_where_its_text_would_be",
        app,
        "/",
    );
    browser.goto("/?kind=quote");
    let failed = browser.wait_for(".vrow.item blockquote.unavailable");
    assert!(
        failed.text().contains("3.json: the server answered 404"),
        "{}",
        failed.text()
    );
    // The rest of the app still works: the oldest story's page loads.
    let oldest = dataset.stories.iter().min_by_key(|s| s.date).unwrap();
    browser.goto(&format!("/story/{}", oldest.id));
    let body = browser.wait_for(".story-body");
    assert!(body.text().contains(oldest.body[0].text()));
    drop(browser);
}

/// A story whose quotes say how their speaker was found: a pronoun cue in
/// the paragraph before, a quote that runs on into the next paragraph, a
/// descriptor, and dates from the text, the month, or the story.
const WHY_DATASET: &str = r#"{"schema_version": 1,
 "people": [{"id": "jane-roe", "name": "Jane Roe", "aliases": [], "descriptors": ["singer"]},
            {"id": "sam-lee", "name": "Sam Lee", "aliases": [], "descriptors": []}],
 "stories": [{"id": "2024-05-02-roe", "date": "2024-05-02", "title": "Roe on the tour", "people": ["jane-roe", "sam-lee"], "sources": [],
   "body": [{"kind": "paragraph", "text": "Jane Roe spoke to fans on Tuesday. She wrote:"},
            {"kind": "paragraph", "text": "\"We will be back in the autumn.\" Sam Lee was hopeful. \"It was hard,\" the singer said. \"Then the lights came on."},
            {"kind": "paragraph", "text": "\"And I knew.\""}]}],
 "quotes": [
   {"id": "q1", "story": "2024-05-02-roe", "speaker": "jane-roe", "text": "We will be back in the autumn.", "date": "2024-04-30",
    "span": {"block": 1, "start": 1, "end": 31},
    "attribution": {"method": "pronoun", "cue": "She wrote", "span": {"block": 0, "start": 35, "end": 44}}},
   {"id": "q2", "story": "2024-05-02-roe", "speaker": "jane-roe", "text": "It was hard,", "date": "2024-05-01", "date_source": "month",
    "span": {"block": 1, "start": 55, "end": 67},
    "attribution": {"method": "descriptor", "cue": "the singer said", "span": {"block": 1, "start": 69, "end": 84}}},
   {"id": "q3", "story": "2024-05-02-roe", "speaker": "jane-roe", "text": "Then the lights came on.\nAnd I knew.", "date": "2024-05-02", "date_source": "story",
    "span": {"block": 1, "start": 87, "end": 111}, "continued": [{"block": 2, "start": 1, "end": 12}],
    "attribution": {"method": "continuation", "cue": "the singer said", "span": {"block": 1, "start": 69, "end": 84}}}],
 "posts": []}"#;

#[test]
fn a_quote_shows_why_its_speaker_is_its_speaker() {
    let copy = app_with_dataset("why", WHY_DATASET);
    let app = copy.path();
    let browser = Browser::start_at("a_quote_shows_why_its_speaker_is_its_speaker", app, "/");
    browser.goto("/story/2024-05-02-roe");
    browser.wait_for(".story-quotes .quote-card");
    assert_no_panic(&browser, "the story page");
    let texts =
        |css: &str| -> Vec<String> { browser.find_all(css).iter().map(|e| e.text()).collect() };
    // The cues are marked where they stand, once each.
    assert_eq!(texts(".story-body .cue"), ["She wrote", "the singer said"]);
    // The quote that runs on is marked in both paragraphs, named once.
    assert_eq!(
        texts(".story-body mark.quote"),
        [
            "We will be back in the autumn.",
            "It was hard,",
            "Then the lights came on.",
            "And I knew."
        ]
    );
    assert_eq!(browser.find_all(".story-body mark.quote[id]").len(), 3);
    assert_eq!(browser.find_all(".story-body .speaker-tag").len(), 3);
    assert_eq!(
        texts(".story-quotes .why"),
        [
            "from “She wrote”, after Jane Roe",
            "from “the singer said”, which the story ties to Jane Roe",
            "goes on from Jane Roe’s quote before it (“the singer said”)",
        ]
    );
    // Dates: the text's day, a month, the story's date marked as such.
    let dates = texts(".story-quotes time");
    assert_eq!(dates.len(), 3, "{dates:?}");
    assert_eq!(dates[1], "May 2024");
    assert_eq!(texts(".story-quotes .date-note"), ["the story’s date"]);
    let parts = browser.execute(
        "return document.querySelectorAll('.story-quotes blockquote')[2].innerText",
        vec![],
    );
    assert_eq!(
        parts.as_str(),
        Some("Then the lights came on.\nAnd I knew.")
    );
}

/// The built app's folder (as the harness serves it).
fn dist() -> std::path::PathBuf {
    std::env::var_os("STORYSCOPE_DIST")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// The text of the built `index.html`'s own inline script (the one without
/// attributes, in its body; the loader Trunk adds is a module in the head).
fn own_inline_script() -> String {
    let path = dist().join("index.html");
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = html
        .find("<script>")
        .expect("index.html has its own inline script")
        + 8;
    let end = start + html[start..].find("</script>").expect("a closed script");
    html[start..end].to_string()
}

/// The text of an attribute value or element as HTML escapes it, read back.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `content` of the `<meta>` whose `attr` is `name` in `html`.
fn meta(html: &str, attr: &str, name: &str) -> Option<String> {
    let tag = format!("<meta {attr}=\"{name}\" content=\"");
    let at = html.find(&tag)? + tag.len();
    Some(unescape(&html[at..at + html[at..].find('"')?]))
}

/// What stands between `open` and the next `close` in `html`, read back.
fn between(html: &str, open: &str, close: &str) -> Option<String> {
    let at = html.find(open)? + open.len();
    Some(unescape(&html[at..at + html[at..].find(close)?]))
}

/// The seed dataset as the app loads it.
fn seed_dataset() -> storyscope_core::Dataset {
    let text =
        std::fs::read_to_string(dist().join("data/stories.json")).expect("the built dataset");
    storyscope_core::load::load_dataset(&text)
        .expect("the seed dataset loads")
        .dataset
}

/// Every page of the build, read as a crawler or a link preview reads it.
/// Each seed story, person and quote has one, with its own title,
/// description, Open Graph and Twitter tags, and its view in the HTML; built
/// with the site's URL, each also has its canonical link and og:url, and the
/// sitemap lists them all.
#[test]
fn each_story_person_and_quote_has_a_page_with_its_preview_tags() {
    if !dist().join("index.html").is_file() && std::env::var_os("STORYSCOPE_DIST").is_none() {
        eprintln!("skipped: no built app in {}", dist().display());
        return;
    }
    let dataset = seed_dataset();
    assert!(!dataset.stories.is_empty() && !dataset.quotes.is_empty());
    // Built with the site's URL, from a copy of the build.
    let copy = storyscope_browser::temp_folder("pages-with-url");
    storyscope_browser::copy_dir(&dist(), copy.path());
    let written = storyscope_cli::pages::write_pages(
        copy.path(),
        Some("https://example.org/news"),
        Some(storyscope_cli::pages::NEWEST),
    )
    .expect("storyscope pages writes");
    assert!(
        written.sitemap && written.left_out.is_empty(),
        "{written:?}"
    );
    let read = |root: &std::path::Path, route: &str| {
        std::fs::read_to_string(root.join(route).join("index.html"))
            .unwrap_or_else(|e| panic!("{route}/index.html: {e}"))
    };
    let check = |route: &str, title: &str, kind: &str, described: &dyn Fn(&str) -> bool| {
        let built = read(&dist(), route);
        let with_url = read(copy.path(), route);
        for html in [&built, &with_url] {
            assert_eq!(
                between(html, "<title>", "</title>").as_deref(),
                Some(&*format!("{title} · Storyscope")),
                "{route}"
            );
            let description = meta(html, "name", "description").unwrap_or_default();
            assert!(
                described(&description),
                "{route}: description {description:?}"
            );
            assert_eq!(
                meta(html, "property", "og:description").as_deref(),
                Some(&*description),
                "{route}"
            );
            assert_eq!(
                meta(html, "name", "twitter:description").as_deref(),
                Some(&*description),
                "{route}"
            );
            assert_eq!(
                meta(html, "property", "og:title").as_deref(),
                Some(title),
                "{route}"
            );
            assert_eq!(
                meta(html, "name", "twitter:title").as_deref(),
                Some(title),
                "{route}"
            );
            assert_eq!(
                meta(html, "property", "og:type").as_deref(),
                Some(kind),
                "{route}"
            );
            assert_eq!(
                meta(html, "property", "og:site_name").as_deref(),
                Some("Storyscope"),
                "{route}"
            );
            // The preview card: there in both builds, named only where it has an
            // absolute address.
            let (w, h, ink) = storyscope_cli::card::inspect(
                &std::fs::read(dist().join(route).join("card.png")).expect("card.png"),
            )
            .unwrap_or_else(|| panic!("{route}/card.png is not a PNG"));
            assert_eq!((w, h), (1200, 630), "{route}");
            assert!(ink > 0.02, "{route}/card.png is blank: {ink}");
            // The view is in the page, after the app's empty root.
            assert!(
                html.contains(
                    "<div id=\"app\"></div><div id=\"pre\"><header class=\"site-header\">"
                ),
                "{route}"
            );
            assert!(!html.contains("<noscript>"), "{route}");
        }
        // The absolute addresses only with the site's URL.
        assert!(
            !built.contains("rel=\"canonical\"") && meta(&built, "property", "og:url").is_none(),
            "{route}"
        );
        assert!(meta(&built, "property", "og:image").is_none(), "{route}");
        assert_eq!(
            meta(&built, "name", "twitter:card").as_deref(),
            Some("summary"),
            "{route}"
        );
        let url = format!("https://example.org/news/{route}/");
        assert_eq!(
            between(&with_url, "<link rel=\"canonical\" href=\"", "\"").as_deref(),
            Some(&*url),
            "{route}"
        );
        assert_eq!(
            meta(&with_url, "property", "og:url").as_deref(),
            Some(&*url),
            "{route}"
        );
        let image = format!("{url}card.png");
        for (attr, name, value) in [
            ("property", "og:image", image.as_str()),
            ("property", "og:image:width", "1200"),
            ("property", "og:image:height", "630"),
            ("property", "og:image:type", "image/png"),
            ("name", "twitter:image", image.as_str()),
            ("name", "twitter:card", "summary_large_image"),
        ] {
            assert_eq!(
                meta(&with_url, attr, name).as_deref(),
                Some(value),
                "{route} {name}"
            );
        }
        let alt = meta(&with_url, "property", "og:image:alt").unwrap_or_default();
        assert!(alt.len() > 5, "{route}: alt {alt:?}");
        (built, url)
    };
    let sitemap = std::fs::read_to_string(copy.path().join("sitemap.xml")).expect("sitemap.xml");
    assert!(
        !dist().join("sitemap.xml").exists(),
        "a sitemap without the site's URL"
    );
    assert!(sitemap.contains("<loc>https://example.org/news/</loc>"));
    for story in &dataset.stories {
        let lede = story
            .body
            .iter()
            .find_map(|b| match b {
                storyscope_core::Block::Paragraph { text } => Some(text.clone()),
                _ => None,
            })
            .expect("a lede");
        let (html, url) = check(
            &format!("story/{}", story.id),
            &story.title,
            "article",
            &|d| {
                lede.starts_with(d)
                    || (d.ends_with('…') && lede.starts_with(d.trim_end_matches('…')))
            },
        );
        assert_eq!(
            meta(&html, "property", "article:published_time"),
            Some(story.date.to_string())
        );
        // The article itself, its quotes marked and its posts as cards.
        assert!(html.contains(&format!(
            "<h1>{}</h1>",
            storyscope_core::page::escape(&story.title)
        )));
        assert!(html.contains(&storyscope_core::page::escape(&lede)));
        let quotes = dataset
            .quotes
            .iter()
            .filter(|q| q.story == story.id)
            .count();
        let posts = dataset.posts.iter().filter(|p| p.story == story.id).count();
        assert_eq!(
            html.matches("<figure class=\"quote-card\">").count(),
            quotes
        );
        assert_eq!(
            html.matches("<mark class=\"quote\" id=\"quote-").count(),
            quotes
        );
        assert_eq!(html.matches("<article class=\"post-card ").count(), posts);
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")));
    }
    for person in &dataset.people {
        let said: Vec<&storyscope_core::Quote> = dataset
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == Some(&person.id))
            .collect();
        let (html, url) = check(
            &format!("person/{}", person.id),
            &person.name,
            "profile",
            &|d| {
                d.starts_with(&person.name)
                    && (said.is_empty()
                        || said
                            .iter()
                            .any(|q| d.contains(&q.text[..q.text.len().min(40)])))
            },
        );
        assert_eq!(
            html.matches("<figure class=\"quote-card\">").count(),
            said.len().min(50)
        );
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")));
    }
    for quote in &dataset.quotes {
        let speaker = quote
            .speaker
            .as_deref()
            .and_then(|id| dataset.person(id))
            .map_or("Someone", |p| p.name.as_str());
        let start: String = quote.text.chars().take(30).collect();
        let title = between(
            &read(&dist(), &format!("quote/{}", quote.id)),
            "<title>",
            " · Storyscope</title>",
        )
        .unwrap_or_default();
        assert!(title.starts_with(&format!("{speaker}: “")), "{title}");
        let story = dataset.story(&quote.story).expect("its story");
        let (html, url) = check(&format!("quote/{}", quote.id), &title, "article", &|d| {
            d.contains(&start) && d.contains(speaker) && d.contains(&story.title)
        });
        // The story at that quote, marked.
        assert!(html.contains(&format!(
            "<mark class=\"quote highlight\" id=\"quote-{}\">",
            quote.id
        )));
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")));
    }
    // A host without rewrites answers unknown paths with the app, which
    // says what is not found.
    assert!(dist().join("404.html").is_file());
}

/// A story page with JavaScript off: the article, its quotes and its post
/// cards are there, and the app is not.
#[test]
fn a_story_page_reads_with_javascript_off() {
    let browser = Browser::start_without_javascript("a_story_page_reads_with_javascript_off");
    let dataset = seed_dataset();
    let story = dataset.story(SEED_STORY).expect("the seed story");
    browser.goto(&format!("/story/{SEED_STORY}/"));
    let h1 = browser.wait_for("h1");
    assert_eq!(h1.text(), story.title);
    assert!(h1.is_displayed());
    let quotes = dataset
        .quotes
        .iter()
        .filter(|q| q.story == SEED_STORY)
        .count();
    let posts = dataset
        .posts
        .iter()
        .filter(|p| p.story == SEED_STORY)
        .count();
    assert!(quotes >= 5 && posts >= 2);
    assert_eq!(browser.find_all(".story-body mark.quote[id]").len(), quotes);
    assert_eq!(browser.find_all(".story-quotes .quote-card").len(), quotes);
    let cards = browser.find_all(".story-body .post-card");
    assert_eq!(cards.len(), posts);
    assert!(cards.iter().all(Element::is_displayed));
    let text = browser.find(".story-body").expect("the article").text();
    assert!(text.contains("Instagram"), "{text}");
    // Speakers link to their pages, which are there too.
    browser
        .find(".story-body .speaker-tag")
        .expect("a speaker's tag")
        .click();
    assert!(
        browser.current_url().contains("/person/"),
        "{}",
        browser.current_url()
    );
    assert!(browser.wait_for("h1").text().contains(' '));
    assert!(browser.find("#app > *").is_none(), "the app ran");
}

/// The app takes over a page written at build time without moving what it
/// showed: each part of a story's, a person's and a quote's page is where
/// the page drew it, and the browser counts no layout shift.
#[test]
fn the_app_takes_over_a_built_page_where_it_stands() {
    let story = format!("/story/{SEED_STORY}/");
    let dataset = seed_dataset();
    let quote = dataset
        .quotes
        .iter()
        .find(|q| q.story == SEED_STORY && q.speaker.is_some())
        .expect("a seed quote with its speaker");
    let quote_page = format!("/quote/{}/", quote.id);
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            story.as_str(),
            ".story-body .post-card",
            &[
                "h1",
                ".story-date",
                ".people",
                ".story-body > p",
                ".story-body .post-card",
                ".story-quotes h2",
                ".story-quotes .quote-card",
                ".story-posts",
            ],
        ),
        (
            "/person/kanye-west/",
            ".person-header",
            &[
                "h1",
                ".person-header .avatar",
                ".person-header .meta",
                ".appears-with",
                "section[aria-labelledby=person-quotes] .quote-card",
                "section[aria-labelledby=person-stories] li",
            ],
        ),
        // A quote's page is its story's, with the quote highlighted.
        (
            quote_page.as_str(),
            "mark.quote.highlight",
            &[
                "h1",
                ".people",
                "mark.quote.highlight",
                ".story-body .post-card",
                ".story-quotes .quote-card",
            ],
        ),
    ];
    let rects = |browser: &Browser, scope: &str, parts: &[&str]| -> Vec<[f64; 4]> {
        parts
            .iter()
            .map(|part| {
                browser
                    .find(&format!("{scope} {part}"))
                    .unwrap_or_else(|| panic!("{scope} {part}"))
                    .rect()
            })
            .collect()
    };
    let off =
        Browser::start_without_javascript("the_app_takes_over_a_built_page_where_it_stands-off");
    let browser = Browser::start("the_app_takes_over_a_built_page_where_it_stands");
    for (path, drawn, parts) in cases {
        off.goto(path);
        off.wait_for("#pre h1");
        let page = rects(&off, "#pre", parts);
        browser.goto(path);
        browser.wait_for(&format!("#app {drawn}"));
        let app = rects(&browser, "#app", parts);
        for ((part, a), b) in parts.iter().zip(&app).zip(&page) {
            assert!(
                a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1.0),
                "{path} {part}: the app draws it at {a:?}, the page at {b:?}"
            );
        }
    }
    browser.goto(&story);
    // The page's copy is gone, and with it its ids.
    assert!(browser.find("#pre").is_none());
    let quotes = dataset
        .quotes
        .iter()
        .filter(|q| q.story == SEED_STORY)
        .count();
    assert_eq!(browser.find_all("mark.quote[id^=quote-]").len(), quotes);
    let shifts = browser.execute_async(
        "const done = arguments[arguments.length - 1];
         let total = 0;
         new PerformanceObserver(list => {
           for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
         }).observe({ type: 'layout-shift', buffered: true });
         setTimeout(() => done(total), 500);",
        vec![],
    );
    assert_eq!(
        shifts.as_f64(),
        Some(0.0),
        "cumulative layout shift {shifts}"
    );
}

/// A quote's page written at build time opens at its quote (a small inline
/// script of `index.html` scrolls to it before the first paint), and the app,
/// when it takes over, keeps it there: no jump once the wasm arrives.
#[test]
fn a_quote_page_opens_at_its_quote_before_the_app_runs() {
    let dataset = seed_dataset();
    let quote = dataset
        .quotes
        .iter()
        .rfind(|q| q.story == SEED_STORY)
        .expect("a seed quote");
    let path = format!("/quote/{}/", quote.id);
    let browser = Browser::start("a_quote_page_opens_at_its_quote_before_the_app_runs");
    browser.cdp(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({ "width": 412, "height": 823, "deviceScaleFactor": 1, "mobile": true }),
    );
    // Where the window stands and where the highlighted quote is in it.
    let seen = |scope: &str| -> [f64; 4] {
        let v = browser.execute(
            "const m = document.querySelector(arguments[0]).getBoundingClientRect();
             return [scrollY, m.top, m.bottom, innerHeight];",
            vec![serde_json::json!(format!("{scope} mark.quote.highlight"))],
        );
        let n = |i: usize| v[i].as_f64().unwrap_or(f64::NAN);
        [n(0), n(1), n(2), n(3)]
    };
    // The page alone: its wasm never arrives.
    browser.cdp("Network.enable", serde_json::json!({}));
    browser.cdp(
        "Network.setBlockedURLs",
        serde_json::json!({ "urls": ["*.wasm"] }),
    );
    let url = format!("{}{path}", browser.base_url());
    browser.execute(
        "location.assign(arguments[0])",
        vec![serde_json::json!(url)],
    );
    browser.wait_for("#pre mark.quote.highlight");
    let [scrolled, top, bottom, height] = seen("#pre");
    assert!(
        scrolled > 0.0,
        "{path}: the page did not scroll to its quote"
    );
    assert!(
        top >= 0.0 && bottom <= height,
        "{path}: the quote stands at {top}..{bottom} of a {height} px window"
    );
    assert!(browser.find("#app main").is_none(), "the app ran");
    // With the app: it takes over and the window stays where it was.
    browser.cdp("Network.setBlockedURLs", serde_json::json!({ "urls": [] }));
    browser.goto(&path);
    browser.wait_for("#app mark.quote.highlight");
    let [with_app, ..] = seen("#app");
    assert!(
        (with_app - scrolled).abs() < 1.0,
        "{path}: the page opened at {scrolled} px, the app moved it to {with_app} px"
    );
}

/// Loading the timeline, a story and a person moves nothing on the page,
/// on a phone's screen and a desktop's: the browser's layout-shift entries,
/// recorded from the first byte, add up to 0.
#[test]
fn pages_load_without_a_layout_shift() {
    let browser = Browser::start("pages_load_without_a_layout_shift");
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": "window.__shifts = [];
            new PerformanceObserver(list => {
              for (const e of list.getEntries()) if (!e.hadRecentInput)
                window.__shifts.push([e.value, ...e.sources.map(s => s.node ? s.node.nodeName + '#' + (s.node.id || '') + '.' + (s.node.className || '') : '?')]);
            }).observe({ type: 'layout-shift', buffered: true });" }),
    );
    for (width, height, mobile) in [(412, 823, true), (1280, 900, false)] {
        browser.cdp(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
        for (path, drawn) in [
            ("/".to_string(), ".vrow.item"),
            (format!("/story/{SEED_STORY}/"), "#app .story-body"),
            ("/person/kanye-west/".to_string(), "#app .person-header"),
        ] {
            browser.goto(&path);
            browser.wait_for(drawn);
            // Past the last render the load starts (a chunk, a count).
            std::thread::sleep(std::time::Duration::from_millis(1500));
            let shifts = browser.execute("return window.__shifts", vec![]);
            assert_eq!(shifts, serde_json::json!([]), "{path} at {width}px");
        }
    }
}
