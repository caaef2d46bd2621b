//! Validation of a dataset: every reference resolves, ids are unique and
//! well formed, spans and block indexes point inside their stories, links
//! pass the one allowlist of [`crate::url`] (or are shown as text, with a
//! warning), and no value is absurdly large. Each problem names the JSON path
//! of the offending value and says how to fix it.
//!
//! [`validate`] lists every problem. [`check`] also tells which item each
//! problem belongs to and can leave items out as if they were not there;
//! the loader (`crate::load`) uses it to skip bad items and the items that
//! belong to them.

use std::collections::HashMap;

use crate::model::{Block, Dataset, DateSource, Person, Post, Quote, Span, Story, SCHEMA_VERSION};
use crate::problem::{excerpt, Problem};
use crate::slug::slugify;
use crate::url::safe_link;

/// The longest id, in bytes.
pub const MAX_ID: usize = 200;
/// The longest name, alias, descriptor, handle, title, outlet, platform or
/// file name, in bytes.
pub const MAX_NAME: usize = 500;
/// The longest link, in bytes.
pub const MAX_URL: usize = 2_000;
/// The longest text of one block, quote, post or event, in bytes.
pub const MAX_TEXT: usize = 1_000_000;
/// The most entries in a list inside one item: the people of a story or a
/// post, the sources of a story, a person's aliases, descriptors or handles.
pub const MAX_LIST: usize = 1_000;
/// The most blocks in one story's body.
pub const MAX_BLOCKS: usize = 100_000;

/// One of the dataset's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// `people`.
    People,
    /// `stories`.
    Stories,
    /// `quotes`.
    Quotes,
    /// `posts`.
    Posts,
    /// `events`.
    Events,
}

impl List {
    /// Every list, in the order of the file.
    pub const ALL: [List; 5] = [
        List::People,
        List::Stories,
        List::Quotes,
        List::Posts,
        List::Events,
    ];

    /// The list's name in the file: `stories`.
    pub fn name(self) -> &'static str {
        match self {
            List::People => "people",
            List::Stories => "stories",
            List::Quotes => "quotes",
            List::Posts => "posts",
            List::Events => "events",
        }
    }

    /// One item of the list: `story`.
    pub fn noun(self) -> &'static str {
        match self {
            List::People => "person",
            List::Stories => "story",
            List::Quotes => "quote",
            List::Posts => "post",
            List::Events => "event",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// An item of a dataset: its list and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ItemRef {
    /// The list.
    pub list: List,
    /// The index in the list, as in the file.
    pub index: usize,
}

/// Items that [`check`] leaves out as if they were not there. References to
/// them are reported as references to skipped items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped([Vec<bool>; 5]);

impl Skipped {
    /// Whether `item` is left out.
    pub fn contains(&self, item: ItemRef) -> bool {
        self.0[item.list.slot()]
            .get(item.index)
            .copied()
            .unwrap_or(false)
    }

    /// Leaves `item` out; false when it already was.
    pub fn insert(&mut self, item: ItemRef) -> bool {
        let marks = &mut self.0[item.list.slot()];
        if marks.len() <= item.index {
            marks.resize(item.index + 1, false);
        }
        !std::mem::replace(&mut marks[item.index], true)
    }

    /// How many items of `list` are left out.
    pub fn count(&self, list: List) -> usize {
        self.0[list.slot()].iter().filter(|s| **s).count()
    }

    /// Whether no item is left out.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|marks| !marks.contains(&true))
    }
}

/// Every problem of `dataset`, in document order. An empty list means the
/// dataset is sound. Dates and types are checked earlier, when the JSON is
/// read.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    check(dataset, &Skipped::default(), &mut |_, problem| {
        problems.push(problem)
    });
    problems
}

/// The problem of a dataset written for another version of the format.
pub fn version_problem(found: &str) -> Problem {
    Problem::error(
        "schema_version",
        format!(
            "this dataset has schema_version {found}, but this version of Storyscope reads {SCHEMA_VERSION}"
        ),
    )
    .with_fix(
        "rebuild the dataset from its articles with `storyscope ingest` (`./x ingest`), or open it with the Storyscope that wrote it",
    )
}

/// Checks `dataset` as [`validate`] does, leaving out the `skipped` items,
/// and tells `found` each problem with the item it belongs to (`None` for
/// the dataset as a whole).
///
/// An error makes its item unusable. A reference from a kept item to a
/// skipped person, or a story's embed of a skipped post, is only a warning:
/// the loader drops such references. A quote, post or event whose story is
/// skipped has an error: it cannot be shown without its story.
pub fn check(
    dataset: &Dataset,
    skipped: &Skipped,
    found: &mut dyn FnMut(Option<ItemRef>, Problem),
) {
    if dataset.schema_version != SCHEMA_VERSION {
        found(None, version_problem(&dataset.schema_version.to_string()));
    }
    let (people, people_problems) = Ids::new(
        List::People,
        dataset.people.iter().map(|p| p.id.as_str()),
        skipped,
    );
    let (stories, story_problems) = Ids::new(
        List::Stories,
        dataset.stories.iter().map(|s| s.id.as_str()),
        skipped,
    );
    let (_, quote_problems) = Ids::new(
        List::Quotes,
        dataset.quotes.iter().map(|q| q.id.as_str()),
        skipped,
    );
    let (posts, post_problems) = Ids::new(
        List::Posts,
        dataset.posts.iter().map(|p| p.id.as_str()),
        skipped,
    );
    let (_, event_problems) = Ids::new(
        List::Events,
        dataset.events.iter().map(|e| e.id.as_str()),
        skipped,
    );

    report_ids(List::People, people_problems, found);
    each(
        List::People,
        &dataset.people,
        skipped,
        found,
        |i, person, report| {
            check_person(person, i, report);
        },
    );
    report_ids(List::Stories, story_problems, found);
    each(
        List::Stories,
        &dataset.stories,
        skipped,
        found,
        |i, story, report| {
            check_story(story, i, dataset, &people, &posts, report);
        },
    );
    report_ids(List::Quotes, quote_problems, found);
    each(
        List::Quotes,
        &dataset.quotes,
        skipped,
        found,
        |i, quote, report| {
            let story = stories
                .known
                .get(quote.story.as_str())
                .map(|&s| &dataset.stories[s]);
            check_quote(quote, i, story, &stories, &people, report);
        },
    );
    report_ids(List::Posts, post_problems, found);
    each(
        List::Posts,
        &dataset.posts,
        skipped,
        found,
        |i, post, report| {
            check_post(post, i, dataset, &stories, &people, report);
        },
    );
    report_ids(List::Events, event_problems, found);
    each(
        List::Events,
        &dataset.events,
        skipped,
        found,
        |i, event, report| {
            stories.check_ref(&event.story, &|| format!("events[{i}].story"), report);
            too_long(
                &event.text,
                MAX_TEXT,
                &|| format!("events[{i}].text"),
                report,
            );
        },
    );
}

/// Runs `check` on each item of `list` that is not skipped, its problems
/// told to `found` with the item.
fn each<T>(
    list: List,
    items: &[T],
    skipped: &Skipped,
    found: &mut dyn FnMut(Option<ItemRef>, Problem),
    mut check: impl FnMut(usize, &T, &mut dyn FnMut(Problem)),
) {
    for (index, item) in items.iter().enumerate() {
        let at = ItemRef { list, index };
        if !skipped.contains(at) {
            check(index, item, &mut |p| found(Some(at), p));
        }
    }
}

/// The problems of person `i`.
fn check_person(person: &Person, i: usize, report: &mut dyn FnMut(Problem)) {
    if person.name.trim().is_empty() {
        report(
            Problem::error(format!("people[{i}].name"), "the name is empty")
                .with_fix("give the person a name to show"),
        );
    }
    too_long(
        &person.name,
        MAX_NAME,
        &|| format!("people[{i}].name"),
        report,
    );
    for (field, names) in [
        ("aliases", &person.aliases),
        ("descriptors", &person.descriptors),
        ("handles", &person.handles),
    ] {
        let names = checked(names, &|| format!("people[{i}].{field}"), report);
        for (j, name) in names.iter().enumerate() {
            too_long(
                name,
                MAX_NAME,
                &|| format!("people[{i}].{field}[{j}]"),
                report,
            );
        }
    }
}

/// The problems of story `i`: its title, people, sources and blocks.
fn check_story(
    story: &Story,
    i: usize,
    dataset: &Dataset,
    people: &Ids<'_>,
    posts: &Ids<'_>,
    report: &mut dyn FnMut(Problem),
) {
    let at = &|| format!("stories[{i}]");
    if story.title.trim().is_empty() {
        report(
            Problem::error(format!("{}.title", at()), "the title is empty")
                .with_fix("give the story a title"),
        );
    }
    too_long(
        &story.title,
        MAX_NAME,
        &|| format!("{}.title", at()),
        report,
    );
    if let Some(origin) = &story.origin {
        too_long(origin, MAX_NAME, &|| format!("{}.origin", at()), report);
    }
    let story_people = checked(&story.people, &|| format!("{}.people", at()), report);
    for (j, person) in story_people.iter().enumerate() {
        people.check_ref(person, &|| format!("{}.people[{j}]", at()), report);
    }
    let sources = checked(&story.sources, &|| format!("{}.sources", at()), report);
    for (j, source) in sources.iter().enumerate() {
        too_long(
            source,
            MAX_NAME,
            &|| format!("{}.sources[{j}]", at()),
            report,
        );
    }
    if story.body.len() > MAX_BLOCKS {
        report(
            Problem::error(
                format!("{}.body", at()),
                format!(
                    "the story has {} blocks; Storyscope reads at most {}",
                    thousands(story.body.len()),
                    thousands(MAX_BLOCKS)
                ),
            )
            .with_fix("split the article into several stories"),
        );
    }
    for (j, block) in story.body.iter().enumerate() {
        too_long(
            block.text(),
            MAX_TEXT,
            &|| format!("{}.body[{j}].text", at()),
            report,
        );
        if let Block::Post { post, .. } = block {
            let path = &|| format!("{}.body[{j}].post", at());
            check_embed(post, story, dataset, posts, path, report);
        }
    }
}

/// The problems of a story's embed of `post`: it must be a post of this
/// story.
fn check_embed(
    post: &str,
    story: &Story,
    dataset: &Dataset,
    posts: &Ids<'_>,
    path: &dyn Fn() -> String,
    report: &mut dyn FnMut(Problem),
) {
    match posts.known.get(post) {
        None => posts.check_ref(post, path, report),
        Some(&p) if dataset.posts[p].story != story.id => {
            let owner = shown(&dataset.posts[p].story);
            report(
                Problem::error(
                    path(),
                    format!(
                        "post \"{}\" belongs to story \"{owner}\", not this one",
                        shown(post)
                    ),
                )
                .with_fix(format!(
                    "embed it in story \"{owner}\", or correct the post's \"story\""
                )),
            );
        }
        Some(_) => {}
    }
}

/// The problems of post `i`: its story and people, its fields, its link
/// and its block.
fn check_post(
    post: &Post,
    i: usize,
    dataset: &Dataset,
    stories: &Ids<'_>,
    people: &Ids<'_>,
    report: &mut dyn FnMut(Problem),
) {
    let at = &|| format!("posts[{i}]");
    stories.check_ref(&post.story, &|| format!("{}.story", at()), report);
    let post_people = checked(&post.people, &|| format!("{}.people", at()), report);
    for (j, person) in post_people.iter().enumerate() {
        people.check_ref(person, &|| format!("{}.people[{j}]", at()), report);
    }
    if post.platform.trim().is_empty() {
        report(
            Problem::error(format!("{}.platform", at()), "the platform is empty")
                .with_fix("name the platform, such as \"twitter\" or \"instagram\""),
        );
    }
    too_long(
        &post.platform,
        MAX_NAME,
        &|| format!("{}.platform", at()),
        report,
    );
    for (field, name) in [("author", &post.author), ("handle", &post.handle)] {
        if let Some(name) = name {
            too_long(name, MAX_NAME, &|| format!("{}.{field}", at()), report);
        }
    }
    too_long(&post.text, MAX_TEXT, &|| format!("{}.text", at()), report);
    if let Some(url) = &post.url {
        if url.len() > MAX_URL {
            too_long(url, MAX_URL, &|| format!("{}.url", at()), report);
        } else if safe_link(url).is_none() {
            report(
                Problem::warning(
                    format!("{}.url", at()),
                    "only http and https links are shown as links; this one will be shown as text",
                )
                .with_fix("give an http(s) link to the original post, or null"),
            );
        }
    }
    if let (Some(block), Some(&s)) = (post.block, stories.known.get(post.story.as_str())) {
        let len = dataset.stories[s].body.len();
        if block >= len {
            report(
                Problem::error(
                    format!("{}.block", at()),
                    format!("story \"{}\" has only {len} blocks", shown(&post.story)),
                )
                .with_fix(
                    "give the index of the post's block in its story's body, or remove \"block\"",
                ),
            );
        }
    }
}

/// The problems of quote `i`, whose story is `story` when it is known.
fn check_quote(
    quote: &Quote,
    i: usize,
    story: Option<&Story>,
    stories: &Ids<'_>,
    people: &Ids<'_>,
    report: &mut dyn FnMut(Problem),
) {
    let at = &|| format!("quotes[{i}]");
    stories.check_ref(&quote.story, &|| format!("{}.story", at()), report);
    if let Some(speaker) = &quote.speaker {
        people.check_ref(speaker, &|| format!("{}.speaker", at()), report);
    }
    if quote.text.trim().is_empty() {
        report(
            Problem::error(format!("{}.text", at()), "the quote is empty")
                .with_fix("give the quoted words, or remove the quote"),
        );
    }
    too_long(&quote.text, MAX_TEXT, &|| format!("{}.text", at()), report);
    if let Some(via) = &quote.via {
        too_long(via, MAX_NAME, &|| format!("{}.via", at()), report);
    }
    let Some(story) = story else { return };
    let place = |span: Span, path: String, what: &str, report: &mut dyn FnMut(Problem)| {
        let fits = story.body.get(span.block).is_some_and(|block| {
            let text = block.text();
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        });
        if !fits {
            report(
                Problem::error(
                    path,
                    format!(
                        "block {} bytes {}..{} is not a place in story \"{}\"",
                        span.block,
                        span.start,
                        span.end,
                        shown(&story.id)
                    ),
                )
                .with_fix(format!(
                    "point it at {what} in the story's body, or remove it"
                )),
            );
        }
    };
    if let Some(span) = quote.span {
        place(span, format!("{}.span", at()), "the quoted words", report);
    }
    for (j, span) in quote.continued.iter().enumerate() {
        let path = format!("{}.continued[{j}]", at());
        place(*span, path, "the words the quote goes on with", report);
    }
    if let Some(a) = &quote.attribution {
        too_long(
            &a.cue,
            MAX_NAME,
            &|| format!("{}.attribution.cue", at()),
            report,
        );
        if let Some(span) = a.span {
            let path = format!("{}.attribution.span", at());
            place(span, path, "the cue's words", report);
        }
    }
    check_date_source(quote, at, story, report);
}

/// A quote dated by its story's date, or by the first of a month, says so
/// truly.
fn check_date_source(
    quote: &Quote,
    at: &dyn Fn() -> String,
    story: &Story,
    report: &mut dyn FnMut(Problem),
) {
    let Some(date) = quote.date else { return };
    let wrong = match quote.date_source {
        DateSource::Text => return,
        DateSource::Story => (date != story.date).then(|| {
            format!(
                "the date is marked as the story's, but the story is dated {}",
                story.date
            )
        }),
        DateSource::Month => (date.day() != 1)
            .then(|| "the date is marked as a month's, but it is not the first of one".into()),
    };
    if let Some(why) = wrong {
        report(
            Problem::warning(format!("{}.date_source", at()), why)
                .with_fix("give the date it names, or remove \"date_source\""),
        );
    }
}

/// The ids of one list: those of kept items (the first of each, when one
/// is repeated) and those of skipped items, each with its index.
struct Ids<'a> {
    list: List,
    known: HashMap<&'a str, usize>,
    skipped: HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    /// Reads the ids of `list`, with the problems of malformed and repeated
    /// ones by index.
    fn new(
        list: List,
        ids: impl Iterator<Item = &'a str>,
        skipped: &Skipped,
    ) -> (Ids<'a>, Vec<(usize, Problem)>) {
        let mut known: HashMap<&str, usize> = HashMap::new();
        let mut skipped_ids: HashMap<&str, usize> = HashMap::new();
        let mut problems = Vec::new();
        let (name, noun) = (list.name(), list.noun());
        for (i, id) in ids.enumerate() {
            if skipped.contains(ItemRef { list, index: i }) {
                if !id.is_empty() {
                    skipped_ids.entry(id).or_insert(i);
                }
                continue;
            }
            let path = &|| format!("{name}[{i}].id");
            let problem = if id.is_empty() {
                Problem::error(path(), "the id is empty")
                    .with_fix(format!("give the {noun} an id made of a-z, 0-9, - and _"))
            } else if id.len() > MAX_ID {
                Problem::error(
                    path(),
                    format!(
                        "the id is {} long; an id may be at most {MAX_ID} bytes",
                        size(id.len())
                    ),
                )
                .with_fix(format!("give the {noun} a shorter id"))
            } else if !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            {
                let slug = slugify(id, 12);
                Problem::error(
                    path(),
                    format!("the id \"{}\" may hold only a-z, 0-9, - and _", shown(id)),
                )
                .with_fix(if slug.is_empty() {
                    "write the id with a-z, 0-9, - and _ only".to_string()
                } else {
                    format!("write it as a slug, such as \"{}\"", shown(&slug))
                })
            } else if let Some(first) = known.get(id) {
                Problem::error(
                    path(),
                    format!("the id \"{id}\" is already used by {name}[{first}]"),
                )
                .with_fix(format!("give this {noun} an id of its own"))
            } else {
                known.insert(id, i);
                continue;
            };
            problems.push((i, problem));
        }
        (
            Ids {
                list,
                known,
                skipped: skipped_ids,
            },
            problems,
        )
    }

    /// Reports `id` unless it names a kept item; the path is only made
    /// when needed. A reference to a skipped story is an error (the item
    /// belongs to that story); to a skipped person or post, a warning.
    fn check_ref(&self, id: &str, path: &dyn Fn() -> String, report: &mut dyn FnMut(Problem)) {
        if self.known.contains_key(id) {
            return;
        }
        let (name, noun) = (self.list.name(), self.list.noun());
        report(match self.skipped.get(id) {
            Some(j) if self.list == List::Stories => Problem::error(
                path(),
                format!("its story \"{}\" was skipped ({name}[{j}])", shown(id)),
            )
            .with_fix(format!("fix the problem of {name}[{j}]")),
            Some(j) => Problem::warning(
                path(),
                format!(
                    "the {noun} \"{}\" was skipped ({name}[{j}]); the reference is dropped",
                    shown(id)
                ),
            )
            .with_fix(format!("fix the problem of {name}[{j}]")),
            None => Problem::error(path(), format!("no {noun} has the id \"{}\"", shown(id)))
                .with_fix(format!(
                    "add a {noun} with this id to \"{name}\", or correct the reference"
                )),
        });
    }
}

/// Tells `found` the id problems of `list`.
fn report_ids(
    list: List,
    problems: Vec<(usize, Problem)>,
    found: &mut dyn FnMut(Option<ItemRef>, Problem),
) {
    for (index, problem) in problems {
        found(Some(ItemRef { list, index }), problem);
    }
}

/// Reports `text` when it is longer than `max` bytes.
fn too_long(text: &str, max: usize, path: &dyn Fn() -> String, report: &mut dyn FnMut(Problem)) {
    if text.len() > max {
        report(
            Problem::error(
                path(),
                format!(
                    "the text is {} long; Storyscope reads at most {} here",
                    size(text.len()),
                    size(max)
                ),
            )
            .with_fix("shorten it, or split a long text into several blocks"),
        );
    }
}

/// The entries of a list inside an item to check one by one: none when it
/// holds more than [`MAX_LIST`], which is reported instead (one problem, not
/// one per entry).
fn checked<'a>(
    list: &'a [String],
    path: &dyn Fn() -> String,
    report: &mut dyn FnMut(Problem),
) -> &'a [String] {
    if list.len() <= MAX_LIST {
        return list;
    }
    report(
        Problem::error(
            path(),
            format!(
                "the list has {} entries; Storyscope reads at most {}",
                thousands(list.len()),
                thousands(MAX_LIST)
            ),
        )
        .with_fix("keep the entries that matter most"),
    );
    &[]
}

/// A value from the dataset as a message shows it: at most 60 characters.
pub(crate) fn shown(text: &str) -> String {
    excerpt(text, 60)
}

/// A byte count for people: "900 bytes", "100 KB", "10.5 MB".
pub(crate) fn size(bytes: usize) -> String {
    let (unit, name) = match bytes {
        b if b < 1_000 => return format!("{b} bytes"),
        b if b < 1_000_000 => (1_000, "KB"),
        _ => (1_000_000, "MB"),
    };
    let tenths = (bytes + unit / 20) / (unit / 10);
    match tenths % 10 {
        0 => format!("{} {name}", tenths / 10),
        d => format!("{}.{d} {name}", tenths / 10),
    }
}

/// A count with thousands separators: 100000 -> "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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

    /// Each problem without its fix.
    fn messages(dataset: &Dataset) -> Vec<String> {
        validate(dataset)
            .iter()
            .map(|p| format!("{}: {}: {}", p.location, p.severity, p.message))
            .collect()
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

    #[test]
    fn continued_parts_cues_and_date_sources_point_true() {
        use crate::model::{Attribution, Method};
        let mut d = sample();
        assert!(messages(&d).is_empty());
        let q = &mut d.quotes[0];
        q.continued = vec![Span {
            block: 0,
            start: 0,
            end: 3,
        }];
        q.attribution = Some(Attribution {
            method: Method::Explicit,
            cue: "Lee said".into(),
            span: Some(Span {
                block: 0,
                start: 12,
                end: 20,
            }),
        });
        q.date = "2024-01-05".parse().ok();
        q.date_source = DateSource::Story;
        assert_eq!(
            messages(&d),
            ["quotes[0].date_source: warning: the date is marked as the story's, but the story is dated 2024-01-02"]
        );
        let q = &mut d.quotes[0];
        q.date = Some(d.stories[0].date);
        q.continued[0].block = 1;
        q.continued[0].end = 9;
        q.attribution.as_mut().unwrap().span.as_mut().unwrap().start = 13;
        q.attribution.as_mut().unwrap().span.as_mut().unwrap().end = 40;
        let got = messages(&d);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].starts_with("quotes[0].continued[0]: error: block 1 bytes 0..9"));
        assert!(got[1].starts_with("quotes[0].attribution.span: error: block 0 bytes 13..40"));
        d.quotes[0].continued.clear();
        d.quotes[0].attribution = None;
        d.quotes[0].date = "2024-01-03".parse().ok();
        d.quotes[0].date_source = DateSource::Month;
        assert_eq!(
            messages(&d),
            ["quotes[0].date_source: warning: the date is marked as a month's, but it is not the first of one"]
        );
    }

    #[test]
    fn each_problem_says_how_to_fix_it() {
        let mut d = sample();
        d.people[0].id = "Ann Lee".into();
        d.stories[0].title = "t".repeat(MAX_NAME + 1);
        d.stories[0].sources = vec!["TMZ".into(); MAX_LIST + 1];
        let got: Vec<String> = validate(&d).iter().map(ToString::to_string).collect();
        assert_eq!(
            got[..4],
            [
                "people[0].id: error: the id \"Ann Lee\" may hold only a-z, 0-9, - and _. Fix: write it as a slug, such as \"ann-lee\"",
                "stories[0].title: error: the text is 501 bytes long; Storyscope reads at most 500 bytes here. Fix: shorten it, or split a long text into several blocks",
                "stories[0].people[0]: error: no person has the id \"ann-lee\". Fix: add a person with this id to \"people\", or correct the reference",
                "stories[0].sources: error: the list has 1,001 entries; Storyscope reads at most 1,000. Fix: keep the entries that matter most",
            ]
        );
        assert!(validate(&d).iter().all(|p| p.fix.is_some()));
    }
}
