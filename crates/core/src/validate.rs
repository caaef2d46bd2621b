//! Validation of a dataset: every reference resolves, ids are unique and
//! well formed, spans and block indexes point inside their stories, links
//! pass the one allowlist of [`crate::url`] (or are shown as text, with a
//! warning). Each problem names the JSON path of the offending value.

use std::collections::{HashMap, HashSet};

use crate::model::{Block, Dataset, SCHEMA_VERSION};
use crate::problem::Problem;
use crate::url::safe_link;

/// Every problem of `dataset`, in document order. An empty list means the
/// dataset is sound. Dates are checked earlier, when the JSON is read.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    if dataset.schema_version != SCHEMA_VERSION {
        problems.push(Problem::error(
            "schema_version",
            format!(
                "this dataset has schema_version {}, but this version of Storyscope reads {}; rebuild it with `storyscope ingest`",
                dataset.schema_version, SCHEMA_VERSION
            ),
        ));
    }

    let people = unique_ids(
        "people",
        dataset.people.iter().map(|p| p.id.as_str()),
        &mut problems,
    );
    for (i, person) in dataset.people.iter().enumerate() {
        if person.name.trim().is_empty() {
            problems.push(Problem::error(
                format!("people[{i}].name"),
                "the name is empty",
            ));
        }
    }
    let stories = unique_ids(
        "stories",
        dataset.stories.iter().map(|s| s.id.as_str()),
        &mut problems,
    );
    let posts: HashMap<&str, &str> = dataset
        .posts
        .iter()
        .map(|p| (p.id.as_str(), p.story.as_str()))
        .collect();

    let by_id: HashMap<&str, &crate::model::Story> =
        dataset.stories.iter().map(|s| (s.id.as_str(), s)).collect();
    let story_len: HashMap<&str, usize> = dataset
        .stories
        .iter()
        .map(|s| (s.id.as_str(), s.body.len()))
        .collect();

    for (i, story) in dataset.stories.iter().enumerate() {
        let at = format!("stories[{i}]");
        if story.title.trim().is_empty() {
            problems.push(Problem::error(format!("{at}.title"), "the title is empty"));
        }
        for (j, person) in story.people.iter().enumerate() {
            check_ref(
                &people,
                person,
                "person",
                || format!("{at}.people[{j}]"),
                &mut problems,
            );
        }
        for (j, block) in story.body.iter().enumerate() {
            if let Block::Post { post, .. } = block {
                let path = || format!("{at}.body[{j}].post");
                match posts.get(post.as_str()) {
                    None => problems.push(Problem::error(
                        path(),
                        format!("no post has the id \"{post}\""),
                    )),
                    Some(owner) if *owner != story.id => problems.push(Problem::error(
                        path(),
                        format!("post \"{post}\" belongs to story \"{owner}\", not this one"),
                    )),
                    Some(_) => {}
                }
            }
        }
    }

    unique_ids(
        "quotes",
        dataset.quotes.iter().map(|q| q.id.as_str()),
        &mut problems,
    );
    for (i, quote) in dataset.quotes.iter().enumerate() {
        let at = format!("quotes[{i}]");
        check_ref(
            &stories,
            &quote.story,
            "story",
            || format!("{at}.story"),
            &mut problems,
        );
        if let Some(speaker) = &quote.speaker {
            check_ref(
                &people,
                speaker,
                "person",
                || format!("{at}.speaker"),
                &mut problems,
            );
        }
        if quote.text.trim().is_empty() {
            problems.push(Problem::error(format!("{at}.text"), "the quote is empty"));
        }
        if let (Some(span), Some(story)) = (quote.span, by_id.get(quote.story.as_str())) {
            let fits = story.body.get(span.block).is_some_and(|block| {
                let text = block.text();
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end)
            });
            if !fits {
                problems.push(Problem::error(
                    format!("{at}.span"),
                    format!(
                        "block {} bytes {}..{} is not a place in story \"{}\"",
                        span.block, span.start, span.end, story.id
                    ),
                ));
            }
        }
    }

    unique_ids(
        "posts",
        dataset.posts.iter().map(|p| p.id.as_str()),
        &mut problems,
    );
    for (i, post) in dataset.posts.iter().enumerate() {
        let at = format!("posts[{i}]");
        check_ref(
            &stories,
            &post.story,
            "story",
            || format!("{at}.story"),
            &mut problems,
        );
        for (j, person) in post.people.iter().enumerate() {
            check_ref(
                &people,
                person,
                "person",
                || format!("{at}.people[{j}]"),
                &mut problems,
            );
        }
        if post.platform.trim().is_empty() {
            problems.push(Problem::error(
                format!("{at}.platform"),
                "the platform is empty",
            ));
        }
        if let Some(url) = &post.url {
            if safe_link(url).is_none() {
                problems.push(Problem::warning(
                    format!("{at}.url"),
                    "only http and https links are shown as links; this one will be shown as text",
                ));
            }
        }
        if let (Some(block), Some(len)) = (post.block, story_len.get(post.story.as_str())) {
            if block >= *len {
                problems.push(Problem::error(
                    format!("{at}.block"),
                    format!("story \"{}\" has only {len} blocks", post.story),
                ));
            }
        }
    }

    unique_ids(
        "events",
        dataset.events.iter().map(|e| e.id.as_str()),
        &mut problems,
    );
    for (i, event) in dataset.events.iter().enumerate() {
        check_ref(
            &stories,
            &event.story,
            "story",
            || format!("events[{i}].story"),
            &mut problems,
        );
    }
    problems
}

fn unique_ids<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        let path = || format!("{list}[{i}].id");
        if id.is_empty() {
            problems.push(Problem::error(path(), "the id is empty"));
        } else if !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            problems.push(Problem::error(
                path(),
                format!("the id \"{id}\" may hold only a-z, 0-9, - and _"),
            ));
        } else if let Some(first) = seen.insert(id, i) {
            seen.insert(id, first);
            problems.push(Problem::error(
                path(),
                format!("the id \"{id}\" is already used by {list}[{first}]"),
            ));
        }
    }
    seen.into_keys().collect()
}

/// Reports `id` unless it is `known`; the path is only made when needed.
fn check_ref(
    known: &HashSet<&str>,
    id: &str,
    what: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) {
    if !known.contains(id) {
        problems.push(Problem::error(
            path(),
            format!("no {what} has the id \"{id}\""),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        serde_json::from_str(
            r#"{"schema_version":1,
                "people":[{"id":"ann-lee","name":"Ann Lee","aliases":["Lee"],"descriptors":["singer"]}],
                "stories":[{"id":"2024-01-02-ann","date":"2024-01-02","title":"Ann","people":["ann-lee"],"sources":[],
                   "body":[{"kind":"paragraph","text":"\"Hi there,\" Lee said."},{"kind":"post","post":"2024-01-02-ann-p1","text":"x"}]}],
                "quotes":[{"id":"2024-01-02-ann-q1","story":"2024-01-02-ann","speaker":"ann-lee","text":"Hi there","date":null,"via":null,
                   "span":{"block":0,"start":1,"end":9}}],
                "posts":[{"id":"2024-01-02-ann-p1","story":"2024-01-02-ann","platform":"twitter","author":"Ann","handle":"ann",
                   "date":"2024-01-01","text":"x","url":"https://pic.twitter.com/x","people":["ann-lee"],"block":1}]}"#,
        )
        .unwrap()
    }

    fn messages(dataset: &Dataset) -> Vec<String> {
        validate(dataset).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_sound_dataset_has_no_problems() {
        assert_eq!(messages(&sample()), Vec::<String>::new());
    }

    #[test]
    fn dangling_references_are_named_by_path() {
        let mut d = sample();
        d.quotes[0].speaker = Some("nobody".into());
        d.posts[0].people.push("ghost".into());
        d.stories[0].people.push("ghost".into());
        assert_eq!(
            messages(&d),
            [
                "stories[0].people[1]: error: no person has the id \"ghost\"",
                "quotes[0].speaker: error: no person has the id \"nobody\"",
                "posts[0].people[1]: error: no person has the id \"ghost\"",
            ]
        );
    }

    #[test]
    fn duplicate_and_malformed_ids() {
        let mut d = sample();
        d.people.push(d.people[0].clone());
        d.people.push(d.people[0].clone());
        d.people[2].id = "Ann Lee".into();
        assert_eq!(
            messages(&d),
            [
                "people[1].id: error: the id \"ann-lee\" is already used by people[0]",
                "people[2].id: error: the id \"Ann Lee\" may hold only a-z, 0-9, - and _",
            ]
        );
    }

    #[test]
    fn spans_blocks_versions_and_links() {
        let mut d = sample();
        d.schema_version = 7;
        d.quotes[0].span.as_mut().unwrap().end = 999;
        d.posts[0].url = Some("javascript:alert(1)".into());
        d.posts[0].block = Some(5);
        d.stories[0].body[1] = Block::Post {
            post: "p-none".into(),
            text: String::new(),
        };
        let got = messages(&d);
        assert_eq!(got.len(), 5, "{got:#?}");
        assert!(got[0].starts_with("schema_version: error: this dataset has schema_version 7"));
        assert_eq!(
            got[1],
            "stories[0].body[1].post: error: no post has the id \"p-none\""
        );
        assert!(got[2].starts_with("quotes[0].span: error: block 0 bytes 1..999"));
        assert!(got[3].starts_with("posts[0].url: warning: only http and https"));
        assert_eq!(
            got[4],
            "posts[0].block: error: story \"2024-01-02-ann\" has only 2 blocks"
        );
    }
}
