//! End-to-end tests: the release build in `dist/`, served on 127.0.0.1 with
//! the deep-link fallback, driven in headless Chromium through WebDriver.
//! `./x test` builds `dist/` first; see `tests/support` for the harness.

#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "support/bad_datasets.rs"]
mod bad_datasets;

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
    browser.goto("/a/b/c");
    assert!(browser
        .wait_for(".not-found")
        .text()
        .contains("This page does not exist."));
}

#[test]
fn copy_link_puts_the_current_url_on_the_clipboard() {
    let browser = Browser::start("copy_link_puts_the_current_url_on_the_clipboard");
    browser.goto("/?person=kanye-west&kind=quote");
    // Permissions belong to an origin: grant them once the app's is open.
    browser.set_permission("clipboard-read", "granted");
    browser.set_permission("clipboard-write", "granted");
    let button = browser.wait_for(".page-title .copy-link");
    button.click();
    browser.wait_until("the button says so", |b| {
        b.find(".page-title .copy-link")
            .unwrap()
            .text()
            .contains("Link copied")
    });
    let copied = browser.execute_async(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('error: ' + e))",
        vec![],
    );
    assert_eq!(
        copied,
        format!("{}/?person=kanye-west&kind=quote", browser.base_url())
    );
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
    let story = browser.wait_for(".story-item h3 a");
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
}

/// A copy of the built app in a fresh temporary folder, with its dataset
/// replaced by `dataset`.
fn app_with_dataset(name: &str, dataset: &str) -> std::path::PathBuf {
    let dist = std::env::var_os("STORYSCOPE_DIST")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    let copy = std::env::temp_dir().join(format!("storyscope-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    support::copy_dir(&dist, &copy);
    std::fs::write(copy.join("data/stories.json"), dataset).unwrap();
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

/// Fails if the app panicked since the log was last read.
fn assert_no_panic(browser: &Browser, what: &str) {
    let log = browser.console_log();
    assert!(
        !log.iter().any(|l| l.contains("panicked")),
        "{what}: the app panicked: {log:#?}"
    );
}

/// Each broken dataset (see `support/bad_datasets.rs`, shared with the
/// CLI's tests) shows what is wrong, where, and how to fix it: fatal ones
/// in the error panel, partial ones in a banner above the rest, which stays
/// usable.
#[test]
fn each_broken_dataset_shows_what_is_wrong() {
    let app = app_with_dataset("broken", "{}");
    let browser = Browser::start_at("each_broken_dataset_shows_what_is_wrong", &app, "/");
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
    drop(browser);
    let _ = std::fs::remove_dir_all(app);
}

/// A panic shows the error view instead of a frozen page, and its Reload
/// button brings the app back. The release build is made to panic the way
/// a browser fault would: `cloneNode` throws, and the renderer's
/// `expect` on it panics. Nothing in the app is there only for this test.
#[test]
fn a_panic_shows_an_error_view_whose_reload_brings_the_app_back() {
    let browser = Browser::start("a_panic_shows_an_error_view_whose_reload_brings_the_app_back");
    browser.goto("/");
    let link = browser.wait_for(".story-item h3 a");
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
    let log = browser.console_log();
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
    let dataset = generate(GenerateOptions {
        stories: 3000,
        seed: 9,
    });
    let json = serde_json::to_string(&dataset).unwrap();
    let app = app_with_dataset("large", &json);
    let browser = Browser::start_at(
        "a_large_timeline_stays_virtual_and_keyboard_navigable",
        &app,
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

    // Arrow keys move between items, drawing as they go.
    browser.execute("window.scrollTo(0, 0)", vec![]);
    // Row 0 is the newest day's heading; row 1 its first item.
    let first = browser.wait_for("#row-1");
    let first_row = 1;
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
    let _ = std::fs::remove_dir_all(app);
}
