//! Pages written at build time: one per story, person and quote, each the
//! app's own markup for that view (so that it reads with JavaScript off, is
//! crawlable, and paints before the wasm arrives) with its title,
//! description, canonical link and Open Graph and Twitter card tags; and a
//! sitemap of them. Pure: the command-line tool writes the files.
//!
//! Dataset text is untrusted: it is escaped for HTML (and XML) everywhere,
//! links leave only when http(s), and a page is made only for an id that is
//! safe as a path segment.

use std::fmt::Write;

use crate::hash::FastMap;
use crate::model::{Block, Dataset, DateSource, Person, Post, Quote, Story};
use crate::url::safe_link;
use crate::Day;

/// Where the site is published: an absolute http(s) URL ending in `/`, or
/// nothing (then the tags that need an absolute URL are left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    url: Option<String>,
}

impl Site {
    /// A site published at `url` (`https://example.org/stories`), or an
    /// error saying why the URL cannot be used.
    pub fn at(url: &str) -> Result<Site, String> {
        let url = url.trim();
        let link = safe_link(url).ok_or_else(|| {
            format!("the site URL \"{url}\" should be an absolute http:// or https:// URL")
        })?;
        if link.contains(['?', '#']) {
            return Err(format!(
                "the site URL \"{url}\" should have no query or fragment"
            ));
        }
        let mut link = link;
        if !link.ends_with('/') {
            link.push('/');
        }
        Ok(Site { url: Some(link) })
    }

    /// The site's absolute URL, if known.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    fn absolute(&self, path: &str) -> Option<String> {
        self.url.as_ref().map(|u| format!("{u}{path}"))
    }
}

/// What a page's preview card shows (the command-line tool draws it):
/// in large type the quote or the title, then who, when and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The large text: a quote's words (shown in quote marks) or a title.
    pub headline: String,
    /// Whether the headline is a quote.
    pub quoted: bool,
    /// The person it is about or by: their name and initials.
    pub person: Option<(String, String)>,
    /// The date and outlet, as one line ("November 26, 2021 · via TMZ").
    pub meta: String,
    /// The story's title, under it all (empty when the headline is it).
    pub story: String,
    /// The image's text alternative.
    pub alt: String,
}

/// The size of a preview card, in pixels: what link previews ask for.
pub const CARD_SIZE: (u32, u32) = (1200, 630);

/// One page to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Its route, relative to the site's root: `story/<id>`.
    pub route: String,
    /// The `<title>`.
    pub title: String,
    /// The description, for search results and previews.
    pub description: String,
    /// The tags for `<head>`: canonical link, Open Graph, Twitter card.
    pub head: String,
    /// The page's content: the app's header and main view.
    pub body: String,
    /// Its preview card.
    pub card: Card,
}

impl Page {
    /// The file the page is written to, relative to the site's root.
    pub fn file(&self) -> String {
        format!("{}/index.html", self.route)
    }

    /// The file of its preview card, relative to the site's root.
    pub fn card_file(&self) -> String {
        format!("{}/card.png", self.route)
    }

    /// The built app's `index.html` made into this page: its title,
    /// description and head tags, and its content (`#pre`) after an empty
    /// `#app` in place of the app's root with its loading notice (the app
    /// renders into `#app` and takes over when its data is in). `None` when
    /// the template lacks what is replaced.
    pub fn fill(&self, template: &str) -> Option<String> {
        let title_at = template.find("<title>")?;
        let title_end = title_at + template[title_at..].find("</title>")? + "</title>".len();
        let mut out = String::with_capacity(template.len() + self.body.len() + self.head.len());
        out.push_str(&template[..title_at]);
        out.push_str("<title>");
        escape_into(&mut out, &self.title);
        out.push_str("</title>");
        let rest = &template[title_end..];
        let rest = replace_description(rest, &self.description)?;
        let head_end = rest.find("</head>")?;
        out.push_str(&without_preloads(&rest[..head_end]));
        out.push_str(&self.head);
        let rest = &rest[head_end..];
        let boot = rest.find("<div id=\"app\"><div id=\"boot\"")?;
        let boot_end = boot + rest[boot..].find("</div></div>")? + "</div></div>".len();
        // The page reads without JavaScript: the notice saying it needs it
        // goes.
        let before = &rest[..boot];
        match (before.find("<noscript>"), before.find("</noscript>")) {
            (Some(a), Some(b)) if a < b => {
                out.push_str(&before[..a]);
                out.push_str(&before[b + "</noscript>".len()..]);
            }
            _ => out.push_str(before),
        }
        out.push_str("<div id=\"app\"></div><div id=\"pre\">");
        out.push_str(&self.body);
        out.push_str("</div>");
        out.push_str(&rest[boot_end..]);
        Some(out)
    }
}

/// `head` without its `<link rel="preload">` tags. The index preloads the
/// wasm and the dataset, to start them before the app asks; a page that
/// already shows its view lets them wait for the app's own requests, so
/// that they do not compete with the page's first paint on a slow network.
fn without_preloads(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(at) = rest.find("<link rel=\"preload\"") {
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

fn replace_description(html: &str, description: &str) -> Option<String> {
    let at = html.find("<meta name=\"description\"")?;
    let end = at + html[at..].find('>')? + 1;
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..at]);
    out.push_str("<meta name=\"description\" content=\"");
    escape_into(&mut out, description);
    out.push_str("\" />");
    out.push_str(&html[end..]);
    Some(out)
}

/// What has a page: a story, a person or a quote of the dataset of a
/// [`Pages`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageOf(Item);

/// Positions in the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Story(usize),
    Person(usize),
    Quote { quote: usize, story: usize },
}

/// The pages of a dataset, made one at a time ([`Pages::render`]): a site
/// of many thousands of stories need not hold them all.
pub struct Pages<'d> {
    index: Index<'d>,
    /// Everything that gets a page, stories first, then people, then
    /// quotes, each in dataset order.
    pub items: Vec<PageOf>,
    /// The ids left out, unfit for a path.
    pub left_out: Vec<String>,
    /// Stories with no page of their own (nor their quotes) because they
    /// are older than the newest `newest`.
    pub older: usize,
}

impl<'d> Pages<'d> {
    /// The pages of `dataset`: every person; every story whose id is safe as
    /// a path segment, or with `newest`, only the newest so many of them;
    /// and the quotes of the stories that have one.
    pub fn new(dataset: &'d Dataset, newest: Option<usize>) -> Pages<'d> {
        let index = Index::new(dataset);
        let mut items = Vec::new();
        let mut left_out = Vec::new();
        let mut chosen = vec![true; dataset.stories.len()];
        let mut older = 0;
        if let Some(n) = newest.filter(|&n| n < dataset.stories.len()) {
            let mut by_age: Vec<usize> = (0..dataset.stories.len()).collect();
            by_age.sort_by_key(|&i| std::cmp::Reverse((dataset.stories[i].date, i)));
            for &i in &by_age[n..] {
                chosen[i] = false;
            }
            older = dataset.stories.len() - n;
        }
        for (i, story) in dataset.stories.iter().enumerate() {
            if !safe_segment(&story.id) {
                left_out.push(format!("story \"{}\"", story.id));
                chosen[i] = false;
            } else if chosen[i] {
                items.push(PageOf(Item::Story(i)));
            }
        }
        for (i, person) in dataset.people.iter().enumerate() {
            if safe_segment(&person.id) {
                items.push(PageOf(Item::Person(i)));
            } else {
                left_out.push(format!("person \"{}\"", person.id));
            }
        }
        for (i, quote) in dataset.quotes.iter().enumerate() {
            let Some(story) = index.story_at(&quote.story).filter(|&s| chosen[s]) else {
                continue;
            };
            if safe_segment(&quote.id) {
                items.push(PageOf(Item::Quote { quote: i, story }));
            } else {
                left_out.push(format!("quote \"{}\"", quote.id));
            }
        }
        Pages {
            index,
            items,
            left_out,
            older,
        }
    }

    /// The route of `item`'s page, relative to the site's root.
    pub fn route(&self, item: PageOf) -> String {
        let dataset = self.index.dataset;
        match item.0 {
            Item::Story(i) => format!("story/{}", dataset.stories[i].id),
            Item::Person(i) => format!("person/{}", dataset.people[i].id),
            Item::Quote { quote, .. } => format!("quote/{}", dataset.quotes[quote].id),
        }
    }

    /// The page of `item`, for a site published at `site`.
    pub fn render(&self, item: PageOf, site: &Site) -> Page {
        let index = &self.index;
        let dataset = index.dataset;
        match item.0 {
            Item::Story(i) => index.story_view(&dataset.stories[i], None).page(site),
            Item::Person(i) => person_page(index, &dataset.people[i], site),
            Item::Quote { quote, story } => index
                .story_view(&dataset.stories[story], Some(&dataset.quotes[quote]))
                .page(site),
        }
    }
}

/// The dataset's items by id and by who and what they belong to: each
/// page looks up only its own.
struct Index<'d> {
    dataset: &'d Dataset,
    stories: FastMap<&'d str, usize>,
    people: FastMap<&'d str, &'d Person>,
    quotes_of: FastMap<&'d str, Vec<&'d Quote>>,
    posts_of: FastMap<&'d str, Vec<&'d Post>>,
    said_by: FastMap<&'d str, Vec<&'d Quote>>,
    posts_about: FastMap<&'d str, Vec<&'d Post>>,
    /// Positions in `dataset.stories`, ascending.
    stories_with: FastMap<&'d str, Vec<usize>>,
}

impl<'d> Index<'d> {
    fn new(dataset: &'d Dataset) -> Index<'d> {
        let mut index = Index {
            dataset,
            stories: FastMap::default(),
            // The first of a repeated id, as a search from the start finds.
            people: dataset
                .people
                .iter()
                .rev()
                .map(|p| (p.id.as_str(), p))
                .collect(),
            quotes_of: FastMap::default(),
            posts_of: FastMap::default(),
            said_by: FastMap::default(),
            posts_about: FastMap::default(),
            stories_with: FastMap::default(),
        };
        index.stories = dataset
            .stories
            .iter()
            .enumerate()
            .rev()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        // Each item once for each person it names, however often.
        let first = |people: &[String], k: usize| !people[..k].contains(&people[k]);
        for (i, s) in dataset.stories.iter().enumerate() {
            for (_, p) in s
                .people
                .iter()
                .enumerate()
                .filter(|&(k, _)| first(&s.people, k))
            {
                index.stories_with.entry(p.as_str()).or_default().push(i);
            }
        }
        for q in &dataset.quotes {
            index.quotes_of.entry(q.story.as_str()).or_default().push(q);
            if let Some(speaker) = &q.speaker {
                index.said_by.entry(speaker.as_str()).or_default().push(q);
            }
        }
        for p in &dataset.posts {
            index.posts_of.entry(p.story.as_str()).or_default().push(p);
            for (_, person) in p
                .people
                .iter()
                .enumerate()
                .filter(|&(k, _)| first(&p.people, k))
            {
                index
                    .posts_about
                    .entry(person.as_str())
                    .or_default()
                    .push(p);
            }
        }
        index
    }

    fn story_at(&self, id: &str) -> Option<usize> {
        self.stories.get(id).copied()
    }

    fn story(&self, id: &str) -> Option<&'d Story> {
        self.story_at(id).map(|i| &self.dataset.stories[i])
    }

    fn person(&self, id: &str) -> Option<&'d Person> {
        self.people.get(id).copied()
    }

    fn story_view(&'d self, story: &'d Story, quote: Option<&'d Quote>) -> StoryView<'d> {
        StoryView {
            index: self,
            story,
            quotes: self
                .quotes_of
                .get(story.id.as_str())
                .map_or(&[], Vec::as_slice),
            posts: self
                .posts_of
                .get(story.id.as_str())
                .map_or(&[], Vec::as_slice),
            quote,
        }
    }
}

/// The sitemap of the pages at `routes` (and the timeline), for a site with
/// a URL.
pub fn sitemap<'r>(routes: impl IntoIterator<Item = &'r str>, site: &Site) -> Option<String> {
    let root = site.url()?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for loc in std::iter::once(root.to_string())
        .chain(routes.into_iter().map(|route| format!("{root}{route}/")))
    {
        out.push_str("  <url><loc>");
        escape_into(&mut out, &loc);
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    Some(out)
}

/// Whether `id` can name a folder of the site: letters, digits, `-`, `_`
/// and `.`, not only dots, at most 200 bytes.
pub fn safe_segment(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !id.bytes().all(|b| b == b'.')
}

/// `text` escaped for HTML text and attribute values (and XML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` cut to at most `max` characters at a word, with an ellipsis.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = head
        .rfind(' ')
        .filter(|&i| i > end / 2)
        .map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A date as the app writes it: "November 26, 2021".
pub fn long_date(day: Day) -> String {
    format!("{} {}, {}", day.month_name(), day.day(), day.year())
}

/// A person's initials as the app shows them: the first letters of their
/// first two words, in capitals.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The head tags every page has, and those that need the site's URL.
fn head(
    site: &Site,
    route: &str,
    title: &str,
    description: &str,
    kind: &str,
    published: Option<Day>,
    card: &Card,
) -> String {
    let mut out = String::new();
    let meta = |out: &mut String, attr: &str, name: &str, content: &str| {
        let _ = write!(
            out,
            "<meta {attr}=\"{name}\" content=\"{}\" />",
            escape(content)
        );
    };
    // The folder's own address, with its slash: hosts answer the address
    // without it with a redirect to it.
    if let Some(url) = site.absolute(&format!("{route}/")) {
        let _ = write!(out, "<link rel=\"canonical\" href=\"{}\" />", escape(&url));
        meta(&mut out, "property", "og:url", &url);
    }
    meta(&mut out, "property", "og:site_name", "Storyscope");
    meta(&mut out, "property", "og:type", kind);
    let title = title.strip_suffix(" · Storyscope").unwrap_or(title);
    meta(&mut out, "property", "og:title", title);
    meta(&mut out, "property", "og:description", description);
    if let Some(day) = published {
        meta(
            &mut out,
            "property",
            "article:published_time",
            &day.to_string(),
        );
    }
    // The card needs an absolute address too; without one a preview shows
    // the text alone.
    let image = site.absolute(&format!("{route}/card.png"));
    if let Some(image) = &image {
        meta(&mut out, "property", "og:image", image);
        meta(&mut out, "property", "og:image:type", "image/png");
        meta(
            &mut out,
            "property",
            "og:image:width",
            &CARD_SIZE.0.to_string(),
        );
        meta(
            &mut out,
            "property",
            "og:image:height",
            &CARD_SIZE.1.to_string(),
        );
        meta(&mut out, "property", "og:image:alt", &card.alt);
        meta(&mut out, "name", "twitter:image", image);
        meta(&mut out, "name", "twitter:image:alt", &card.alt);
    }
    let twitter_card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    meta(&mut out, "name", "twitter:card", twitter_card);
    meta(&mut out, "name", "twitter:title", title);
    meta(&mut out, "name", "twitter:description", description);
    out
}

/// The app's header, as it renders it.
fn site_header(out: &mut String) {
    out.push_str("<header class=\"site-header\"><a href=\"./\" class=\"brand\">Storyscope</a><span class=\"tagline\">who said what, when, and where</span></header>");
}

/// The copy-link button, as the app renders it (it works once the app is
/// in; the page reserves its place).
fn copy_link(out: &mut String, what: &str) {
    let _ = write!(
        out,
        "<button type=\"button\" class=\"copy-link\" aria-label=\"Copy link: {}\">Copy link<span class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></span></button>",
        escape(what)
    );
}

fn person_chip(out: &mut String, person: &Person) {
    let _ = write!(
        out,
        "<a href=\"person/{}\" class=\"person-chip\"><span class=\"avatar\" aria-hidden=\"true\">{}</span><span class=\"name\">{}</span></a>",
        escape(&person.id),
        escape(&initials(&person.name)),
        escape(&person.name)
    );
}

fn time(out: &mut String, day: Day, text: &str) {
    let _ = write!(out, "<time datetime=\"{day}\">{}</time>", escape(text));
}

/// A story's page, or a quote's (its story, at the quote).
struct StoryView<'d> {
    index: &'d Index<'d>,
    story: &'d Story,
    quotes: &'d [&'d Quote],
    posts: &'d [&'d Post],
    quote: Option<&'d Quote>,
}

impl StoryView<'_> {
    fn page(&self, site: &Site) -> Page {
        let story = self.story;
        let lede = story.body.iter().find_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        });
        let (route, title, description) = match self.quote {
            None => (
                format!("story/{}", story.id),
                format!("{} · Storyscope", story.title),
                cut(lede.unwrap_or(&story.title), 200),
            ),
            Some(q) => {
                let speaker = q
                    .speaker
                    .as_deref()
                    .and_then(|id| self.index.person(id))
                    .map_or("Someone", |p| p.name.as_str());
                let when = q.date.unwrap_or(story.date);
                let via = q
                    .via
                    .as_deref()
                    .map(|v| format!(", via {v}"))
                    .unwrap_or_default();
                (
                    format!("quote/{}", q.id),
                    format!("{speaker}: “{}” · Storyscope", cut(&q.text, 70)),
                    format!(
                        "“{}” {speaker}, {}{via}. In “{}”.",
                        cut(&q.text, 160),
                        long_date(when),
                        story.title
                    ),
                )
            }
        };
        let published = Some(self.quote.and_then(|q| q.date).unwrap_or(story.date));
        let card = self.card();
        Page {
            head: head(
                site,
                &route,
                &title,
                &description,
                "article",
                published,
                &card,
            ),
            body: self.body(),
            route,
            title,
            description,
            card,
        }
    }

    /// A story's card: its title, its first person, its date and sources;
    /// a quote's: its words, its speaker, when, via whom, and the story.
    fn card(&self) -> Card {
        let story = self.story;
        let person_of = |id: &str| {
            self.index
                .person(id)
                .map(|p| (p.name.clone(), initials(&p.name)))
        };
        match self.quote {
            None => {
                let mut meta = long_date(story.date);
                if !story.sources.is_empty() {
                    let _ = write!(meta, " · {}", story.sources.join(", "));
                }
                Card {
                    alt: format!("“{}”, {meta}", story.title),
                    headline: story.title.clone(),
                    quoted: false,
                    person: story.people.first().and_then(|id| person_of(id)),
                    meta,
                    story: String::new(),
                }
            }
            Some(q) => {
                let person = q.speaker.as_deref().and_then(person_of);
                let mut meta = match (q.date, q.date_source) {
                    (Some(day), DateSource::Month) => {
                        format!("{} {}", day.month_name(), day.year())
                    }
                    (Some(day), _) => long_date(day),
                    (None, _) => long_date(story.date),
                };
                if let Some(via) = &q.via {
                    let _ = write!(meta, " · via {via}");
                }
                let who = person.as_ref().map_or("Someone", |p| p.0.as_str());
                Card {
                    alt: format!(
                        "{who}: “{}”, {meta}, in “{}”",
                        cut(&q.text, 200),
                        story.title
                    ),
                    headline: q.text.clone(),
                    quoted: true,
                    person,
                    meta,
                    story: story.title.clone(),
                }
            }
        }
    }

    fn body(&self) -> String {
        let (index, story) = (self.index, self.story);
        let mut out = String::new();
        site_header(&mut out);
        out.push_str("<main><article class=\"story\"><header class=\"story-header\"><p class=\"story-date\">");
        time(&mut out, story.date, &long_date(story.date));
        out.push_str("</p><h1>");
        escape_into(&mut out, &story.title);
        out.push_str("</h1>");
        if !story.sources.is_empty() {
            let _ = write!(
                out,
                "<p class=\"sources\">Cites {}</p>",
                escape(&story.sources.join(", "))
            );
        }
        out.push_str("<div class=\"people\" aria-label=\"People in this story\">");
        for p in story.people.iter().filter_map(|id| index.person(id)) {
            person_chip(&mut out, p);
        }
        out.push_str("</div>");
        copy_link(&mut out, "this story");
        out.push_str("</header><div class=\"story-body\">");
        for (i, block) in story.body.iter().enumerate() {
            self.block(&mut out, i, block);
        }
        out.push_str("</div>");
        if !self.quotes.is_empty() {
            let _ = write!(out, "<section class=\"story-quotes\" aria-labelledby=\"quotes-title\"><h2 id=\"quotes-title\">Quotes ({})</h2>", self.quotes.len());
            for q in self.quotes {
                out.push_str("<div class=\"listed\">");
                quote_card(&mut out, index, q, true);
                let _ = write!(
                    out,
                    "<a href=\"story/{}#quote-{}\" class=\"in-context\">Show in the text</a></div>",
                    escape(&story.id),
                    escape(&q.id)
                );
            }
            out.push_str("</section>");
        }
        if !self.posts.is_empty() {
            let _ = write!(out, "<section class=\"story-posts\" aria-labelledby=\"posts-title\"><h2 id=\"posts-title\">Posts ({})</h2><ul class=\"post-list\">", self.posts.len());
            for p in self.posts {
                let _ = write!(
                    out,
                    "<li><a href=\"story/{}#post-{}\">",
                    escape(&story.id),
                    escape(&p.id)
                );
                escape_into(&mut out, p.author.as_deref().unwrap_or(&p.platform));
                if let Some(h) = &p.handle {
                    let _ = write!(out, " (@{})", escape(h));
                }
                out.push_str("</a>");
                if let Some(day) = p.date {
                    let _ = write!(out, ", {}", long_date(day));
                }
                out.push_str("</li>");
            }
            out.push_str("</ul></section>");
        }
        self.related(&mut out);
        out.push_str("</article></main>");
        out
    }

    fn related(&self, out: &mut String) {
        let (index, story) = (self.index, self.story);
        // The first ten stories in dataset order that share someone with
        // this one: among the first eleven of each of its people's.
        let mut candidates: Vec<usize> = story
            .people
            .iter()
            .filter_map(|p| index.stories_with.get(p.as_str()))
            .flat_map(|with| with.iter().take(11).copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let related: Vec<(&Story, Vec<&str>)> = candidates
            .into_iter()
            .map(|i| &index.dataset.stories[i])
            .filter(|s| s.id != story.id)
            .filter_map(|s| {
                let shared: Vec<&str> = s
                    .people
                    .iter()
                    .filter(|p| story.people.contains(p))
                    .filter_map(|p| index.person(p).map(|p| p.name.as_str()))
                    .collect();
                (!shared.is_empty()).then_some((s, shared))
            })
            .take(10)
            .collect();
        if related.is_empty() {
            return;
        }
        out.push_str("<section class=\"related\" aria-labelledby=\"related-title\"><h2 id=\"related-title\">Related stories</h2><ul class=\"story-list\">");
        for (s, shared) in related {
            out.push_str("<li>");
            time(out, s.date, &long_date(s.date));
            let _ = write!(
                out,
                "<span><a href=\"story/{}\">{}</a><span class=\"meta\"> · with {}</span></span></li>",
                escape(&s.id),
                escape(&s.title),
                escape(&shared.join(", "))
            );
        }
        out.push_str("</ul></section>");
    }

    fn block(&self, out: &mut String, index: usize, block: &Block) {
        match block {
            Block::Heading { text } => {
                let _ = write!(out, "<h2 class=\"subheading\">{}</h2>", escape(text));
            }
            Block::Post { post, text } => match self.posts.iter().find(|p| &p.id == post) {
                Some(post) => post_card(out, post, true),
                None => {
                    let _ = write!(out, "<p>{}</p>", escape(text));
                }
            },
            Block::Paragraph { text } => {
                out.push_str("<p>");
                let mut at = 0;
                for (start, end, quote, kind) in marks(self.quotes, index, text) {
                    if start < at {
                        continue;
                    }
                    escape_into(out, &text[at..start]);
                    at = end;
                    let words = escape(&text[start..end]);
                    if kind == 2 {
                        let _ = write!(
                            out,
                            "<span class=\"cue\" title=\"Names the speaker\">{words}</span>"
                        );
                        continue;
                    }
                    if kind == 0 {
                        let marked = if self.quote.is_some_and(|q| q.id == quote.id) {
                            " highlight"
                        } else {
                            ""
                        };
                        let _ = write!(
                            out,
                            "<mark class=\"quote{marked}\" id=\"quote-{}\">{words}</mark>",
                            escape(&quote.id)
                        );
                    } else {
                        let _ = write!(out, "<mark class=\"quote\">{words}</mark>");
                    }
                    let speaker = quote
                        .speaker
                        .as_deref()
                        .and_then(|id| self.index.person(id));
                    if let Some(p) = speaker.filter(|_| kind == 0) {
                        let _ = write!(
                            out,
                            "<a href=\"person/{}\" class=\"speaker-tag\"><span aria-hidden=\"true\">{}</span><span class=\"visually-hidden\">(said by {})</span></a>",
                            escape(&p.id),
                            escape(&initials(&p.name)),
                            escape(&p.name)
                        );
                    }
                }
                escape_into(out, &text[at..]);
                out.push_str("</p>");
            }
        }
    }
}

/// What paragraph `index` holds of each quote, in text order: its words
/// (`0`), the words it goes on with (`1`), the cue naming its speaker
/// (`2`), as byte ranges that are within the text and on its characters.
pub fn marks<'q>(
    quotes: &[&'q Quote],
    index: usize,
    text: &str,
) -> Vec<(usize, usize, &'q Quote, u8)> {
    let mut marks: Vec<(usize, usize, &Quote, u8)> = Vec::new();
    for &q in quotes {
        let cue = q.attribution.as_ref().and_then(|a| a.span);
        let parts = q
            .span
            .iter()
            .map(|s| (s, 0))
            .chain(q.continued.iter().map(|s| (s, 1)));
        for (s, kind) in parts.chain(cue.iter().map(|s| (s, 2))) {
            if s.block == index {
                marks.push((s.start, s.end, q, kind));
            }
        }
    }
    marks.retain(|&(a, b, ..)| {
        a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    });
    // Stable: marks that start together keep the quotes' order.
    marks.sort_by_key(|m| m.0);
    marks
}

/// A quote card as the app renders it: on a story page with its copy
/// link, on a person page with a link to its story.
fn quote_card(out: &mut String, index: &Index<'_>, q: &Quote, on_story_page: bool) {
    let speaker = q.speaker.as_deref().and_then(|id| index.person(id));
    let _ = write!(
        out,
        "<figure class=\"quote-card\"><blockquote>{}</blockquote><figcaption>",
        escape(&q.text)
    );
    match speaker {
        Some(p) => person_chip(out, p),
        None => out.push_str("<span class=\"unknown-speaker\">Speaker not named</span>"),
    }
    if let Some(day) = q.date {
        let when = match q.date_source {
            DateSource::Month => format!("{} {}", day.month_name(), day.year()),
            _ => long_date(day),
        };
        time(out, day, &when);
        if q.date_source == DateSource::Story {
            out.push_str("<span class=\"date-note\" title=\"The text does not say when the words were said\">the story’s date</span>");
        }
    }
    if let Some(via) = &q.via {
        let _ = write!(out, "<span class=\"via\">via {}</span>", escape(via));
    }
    if let (Some(a), Some(p)) = (&q.attribution, speaker) {
        let _ = write!(
            out,
            "<span class=\"why\">{}</span>",
            escape(&a.explained(&p.name))
        );
    }
    if on_story_page {
        copy_link(out, "this quote");
    } else if let Some(story) = index.story(&q.story) {
        let _ = write!(
            out,
            "<a href=\"story/{}#quote-{}\" class=\"in-story\">in “{}”</a>",
            escape(&story.id),
            escape(&q.id),
            escape(&story.title)
        );
    }
    out.push_str("</figcaption></figure>");
}

/// A post card as the app renders it, with its copy link on a story page.
fn post_card(out: &mut String, post: &Post, copy: bool) {
    let (name, class, mark) = match post.platform.as_str() {
        "twitter" => ("X (Twitter)", "twitter", "𝕏"),
        "instagram" => ("Instagram", "instagram", "◎"),
        other => (other, "other-platform", "●"),
    };
    let _ = write!(
        out,
        "<article class=\"post-card {class}\" id=\"post-{}\" aria-label=\"{} post\"><header><span class=\"platform-mark\" title=\"{}\" aria-hidden=\"true\">{mark}</span><span class=\"author\">{}</span>",
        escape(&post.id),
        escape(name),
        escape(name),
        escape(post.author.as_deref().unwrap_or(name))
    );
    if let Some(handle) = &post.handle {
        let _ = write!(out, "<span class=\"handle\">@{}</span>", escape(handle));
    }
    if let Some(day) = post.date {
        time(out, day, &long_date(day));
    }
    out.push_str("</header>");
    if !post.text.is_empty() {
        let _ = write!(out, "<p class=\"post-text\">{}</p>", escape(&post.text));
    }
    out.push_str("<footer>");
    match post.url.as_deref().map(|url| (url, safe_link(url))) {
        Some((_, Some(link))) => {
            let _ = write!(out, "<a class=\"original\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">View original</a>", escape(&link));
        }
        Some((url, None)) => {
            let _ = write!(
                out,
                "<span class=\"original unsafe-url\">{}</span>",
                escape(url)
            );
        }
        None => {}
    }
    if copy {
        copy_link(out, "this post");
    }
    out.push_str("</footer></article>");
}

/// A person's page: who they are, their quotes, the posts about them and
/// their stories, newest first, the first fifty of each as the app shows.
fn person_page(index: &Index<'_>, person: &Person, site: &Site) -> Page {
    let route = format!("person/{}", person.id);
    let story_day = |id: &str| index.story(id).map(|s| s.date);
    let newest = |d: Option<Day>| std::cmp::Reverse(d);
    let id = person.id.as_str();
    let mut quotes: Vec<&Quote> = index.said_by.get(id).cloned().unwrap_or_default();
    quotes.sort_by_key(|q| newest(q.date.or_else(|| story_day(&q.story))));
    let mut posts: Vec<&Post> = index.posts_about.get(id).cloned().unwrap_or_default();
    posts.sort_by_key(|p| newest(p.date.or_else(|| story_day(&p.story))));
    let mut stories: Vec<&Story> = index
        .stories_with
        .get(id)
        .map(|with| with.iter().map(|&i| &index.dataset.stories[i]).collect())
        .unwrap_or_default();
    stories.sort_by_key(|s| newest(Some(s.date)));
    let title = format!("{} · Storyscope", person.name);
    let description = match quotes.first() {
        Some(q) => format!("{} said: “{}”", person.name, cut(&q.text, 180)),
        None => format!(
            "{}: {} in Storyscope.",
            person.name,
            plural(stories.len(), "story", "stories")
        ),
    };
    let mut out = String::new();
    site_header(&mut out);
    let _ = write!(out, "<main><article class=\"person\"><header class=\"person-header\"><span class=\"avatar large\" aria-hidden=\"true\">{}</span><div><h1>{}</h1>", escape(&initials(&person.name)), escape(&person.name));
    if !person.aliases.is_empty() {
        let _ = write!(
            out,
            "<p class=\"aliases\">Also called {}</p>",
            escape(&person.aliases.join(", "))
        );
    }
    if !person.descriptors.is_empty() {
        let _ = write!(
            out,
            "<p class=\"descriptors\">{}</p>",
            escape(&person.descriptors.join(" · "))
        );
    }
    let _ = write!(
        out,
        "<p class=\"meta\">{} · {} · {}</p></div>",
        plural(quotes.len(), "quote", "quotes"),
        plural(posts.len(), "post", "posts"),
        plural(stories.len(), "story", "stories")
    );
    copy_link(&mut out, &person.name);
    out.push_str("</header>");
    appears_with(&mut out, index, &stories, person);
    let _ = write!(
        out,
        "<section aria-labelledby=\"person-quotes\"><h2 id=\"person-quotes\">Quotes ({})</h2>",
        quotes.len()
    );
    if quotes.is_empty() {
        out.push_str("<p class=\"empty\">No quotes by this person.</p>");
    }
    for q in quotes.iter().take(50) {
        quote_card(&mut out, index, q, false);
    }
    let _ = write!(out, "</section><section aria-labelledby=\"person-posts\"><h2 id=\"person-posts\">Posts about them ({})</h2>", posts.len());
    if posts.is_empty() {
        out.push_str("<p class=\"empty\">No posts mention this person.</p>");
    }
    for p in posts.iter().take(50) {
        post_card(&mut out, p, false);
    }
    let _ = write!(out, "</section><section aria-labelledby=\"person-stories\"><h2 id=\"person-stories\">Stories ({})</h2><ol class=\"story-list mini-timeline\">", stories.len());
    for s in stories.iter().take(50) {
        out.push_str("<li>");
        time(&mut out, s.date, &long_date(s.date));
        let _ = write!(
            out,
            "<a href=\"story/{}\">{}</a></li>",
            escape(&s.id),
            escape(&s.title)
        );
    }
    out.push_str("</ol></section></article></main>");
    // Their most recent quote, or their name alone.
    let card = match quotes.first() {
        Some(q) => Card {
            alt: format!("{}: “{}”", person.name, cut(&q.text, 200)),
            headline: q.text.clone(),
            quoted: true,
            person: Some((person.name.clone(), initials(&person.name))),
            meta: format!(
                "{} · {}",
                plural(quotes.len(), "quote", "quotes"),
                plural(stories.len(), "story", "stories")
            ),
            story: index
                .story(&q.story)
                .map(|s| s.title.clone())
                .unwrap_or_default(),
        },
        // The name in large type, their stories under it.
        None => Card {
            alt: person.name.clone(),
            headline: person.name.clone(),
            quoted: false,
            person: None,
            meta: match person.aliases.first() {
                Some(alias) => format!(
                    "{} · also called {alias}",
                    plural(stories.len(), "story", "stories")
                ),
                None => plural(stories.len(), "story", "stories"),
            },
            story: stories.first().map(|s| s.title.clone()).unwrap_or_default(),
        },
    };
    Page {
        head: head(site, &route, &title, &description, "profile", None, &card),
        body: out,
        route,
        title,
        description,
        card,
    }
}

/// The people who share a story with `person`, most shared first.
fn appears_with(out: &mut String, index: &Index<'_>, stories: &[&Story], person: &Person) {
    let mut with: std::collections::BTreeMap<&str, usize> = Default::default();
    for story in stories {
        for other in story.people.iter().filter(|p| **p != person.id) {
            *with.entry(other.as_str()).or_default() += 1;
        }
    }
    let mut with: Vec<(&str, usize)> = with.into_iter().collect();
    with.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    if with.is_empty() {
        return;
    }
    out.push_str("<section class=\"appears-with\" aria-labelledby=\"with-title\"><h2 id=\"with-title\">Appears with</h2><ul class=\"with-list\">");
    for (p, n) in with
        .iter()
        .filter_map(|(id, n)| index.person(id).map(|p| (p, *n)))
    {
        out.push_str("<li>");
        person_chip(out, p);
        let _ = write!(
            out,
            "<span class=\"count\" aria-label=\"in {n} shared stories\">{n}</span></li>"
        );
    }
    out.push_str("</ul></section>");
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::validate::thousands(n),
        if n == 1 { one } else { many }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page of `dataset` at once, and the ids left out.
    fn pages(dataset: &Dataset, site: &Site) -> (Vec<Page>, Vec<String>) {
        let pages = Pages::new(dataset, None);
        let rendered = pages
            .items
            .iter()
            .map(|&item| pages.render(item, site))
            .collect();
        (rendered, pages.left_out)
    }

    const TEMPLATE: &str = "<!doctype html><html><head><title>Storyscope</title>\n<meta name=\"description\" content=\"Who said what\" />\n<base href=\"/\" /><link rel=\"preload\" href=\"data/stories.json\" as=\"fetch\" crossorigin /></head><body>\n<noscript>needs JavaScript</noscript>\n<div id=\"app\"><div id=\"boot\" class=\"boot\" role=\"status\">Loading…</div></div>\n</body></html>";

    const HOSTILE: &str =
        "<script>alert(1)</script> & \"quoted\" 'single' <img src=x onerror=alert(1)>";

    fn dataset() -> Dataset {
        let text = format!("Jane Roe spoke. \"{HOSTILE}\" she said.");
        let start = text.find('<').unwrap();
        let end = start + HOSTILE.len();
        let story = "2024-03-01-a-story";
        serde_json::from_value(serde_json::json!({
            "schema_version": crate::model::SCHEMA_VERSION,
            "people": [{ "id": "jane-roe", "name": format!("Jane {HOSTILE}"), "aliases": [] }],
            "stories": [{
                "id": story, "date": "2024-03-01", "title": format!("Title {HOSTILE}"),
                "people": ["jane-roe"], "body": [{ "kind": "paragraph", "text": text }]
            }],
            "quotes": [
                {
                    "id": "q1", "story": story, "speaker": "jane-roe", "text": HOSTILE,
                    "date": "2024-03-01", "span": { "block": 0, "start": start, "end": end },
                    "attribution": { "method": "explicit", "cue": "she said" }
                },
                { "id": "../../etc", "story": story, "speaker": null, "text": "Words" }
            ],
            "posts": [],
            "events": []
        }))
        .expect("a dataset")
    }

    #[test]
    fn a_site_url_is_absolute_http_and_ends_in_a_slash() {
        assert_eq!(
            Site::at("https://example.org/news").unwrap().url(),
            Some("https://example.org/news/")
        );
        assert_eq!(
            Site::at(" http://example.org/ ").unwrap().url(),
            Some("http://example.org/")
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/",
            "/news/",
            "example.org",
            "https://example.org/?a=1",
        ] {
            assert!(Site::at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_that_cannot_name_a_folder_get_no_page() {
        for good in ["2021-11-26-a-story", "q1", "kanye_west", "a.b"] {
            assert!(safe_segment(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a\\b",
            "a b",
            "é",
            "%2e%2e",
            &"x".repeat(201),
        ] {
            assert!(!safe_segment(bad), "{bad}");
        }
        let (pages, left_out) = pages(&dataset(), &Site::default());
        assert_eq!(left_out, ["quote \"../../etc\""]);
        let routes: Vec<&str> = pages.iter().map(|p| p.route.as_str()).collect();
        assert_eq!(
            routes,
            ["story/2024-03-01-a-story", "person/jane-roe", "quote/q1"]
        );
    }

    #[test]
    fn dataset_text_is_escaped_in_every_page_and_tag() {
        let site = Site::at("https://example.org/").unwrap();
        let (pages, _) = pages(&dataset(), &site);
        for page in &pages {
            let html = page.fill(TEMPLATE).expect("the template takes the page");
            assert!(!html.contains("<script>"), "{}: {html}", page.route);
            assert!(!html.contains("<img"), "{}", page.route);
            assert!(!html.contains("\"quoted\""), "{}", page.route);
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"), "{}", page.route);
            // One title, one description, the app's root before the view.
            assert_eq!(html.matches("<title>").count(), 1);
            assert_eq!(html.matches("name=\"description\"").count(), 1);
            assert!(html
                .contains("<div id=\"app\"></div><div id=\"pre\"><header class=\"site-header\">"));
            assert!(!html.contains("noscript") && !html.contains("Loading…"));
            assert!(!html.contains("rel=\"preload\"") && html.contains("<base href=\"/\" />"));
            assert!(html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://example.org/{}/\" />",
                page.route
            )));
            assert!(page.head.contains(&format!(
                "<meta property=\"og:image\" content=\"https://example.org/{}/card.png\" />",
                page.route
            )));
            assert!(page.head.contains("content=\"summary_large_image\""));
            // The card's text alternative is escaped like the rest.
            assert!(!page.head.contains("<script"), "{}", page.head);
            assert!(!page.card.alt.is_empty());
        }
        let story = &pages[0];
        assert!(
            story
                .body
                .contains("<mark class=\"quote\" id=\"quote-q1\">&lt;script&gt;"),
            "{}",
            story.body
        );
        assert!(story
            .body
            .contains("<span class=\"why\">from “she said”</span>"));
        let quote = &pages[2];
        assert!(quote
            .body
            .contains("<mark class=\"quote highlight\" id=\"quote-q1\">"));
        assert!(quote.title.starts_with("Jane <script>"));
        assert!(quote.head.contains("og:type\" content=\"article\""));
        assert!(quote
            .head
            .contains("article:published_time\" content=\"2024-03-01\""));
        let sitemap = sitemap(pages.iter().map(|p| p.route.as_str()), &site).unwrap();
        assert!(sitemap.contains("<loc>https://example.org/quote/q1/</loc>"));
        assert_eq!(sitemap.matches("<url>").count(), 4);
    }

    #[test]
    fn without_the_site_url_absolute_tags_and_the_sitemap_are_left_out() {
        let (pages, _) = pages(&dataset(), &Site::default());
        for page in &pages {
            assert!(!page.head.contains("canonical") && !page.head.contains("og:url"));
            assert!(!page.head.contains("og:image") && page.head.contains("content=\"summary\""));
            assert!(page.head.contains("og:title") && page.head.contains("twitter:card"));
        }
        assert_eq!(
            sitemap(pages.iter().map(|p| p.route.as_str()), &Site::default()),
            None
        );
    }

    #[test]
    fn a_page_needs_the_apps_own_template() {
        let (pages, _) = pages(&dataset(), &Site::default());
        for broken in [
            "<html><head></head><body></body></html>",
            "<title>x</title><meta name=\"description\" content=\"\"></head><body></body>",
        ] {
            assert_eq!(pages[0].fill(broken), None);
        }
    }

    #[test]
    fn long_text_is_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(cut("short  text\n here", 50), "short text here");
        let long = "one two three four five six seven eight nine ten";
        let cut_text = cut(long, 20);
        assert!(
            cut_text.ends_with('…') && cut_text.chars().count() <= 21,
            "{cut_text}"
        );
        assert!(long.starts_with(cut_text.trim_end_matches('…')));
        assert_eq!(cut(&"é".repeat(30), 10), format!("{}…", "é".repeat(10)));
    }

    #[test]
    fn initials_and_dates_are_the_apps() {
        assert_eq!(initials("kanye west"), "KW");
        assert_eq!(initials("Émile Zola Jr"), "ÉZ");
        assert_eq!(initials("  "), "");
        assert_eq!(
            long_date(Day::from_ymd(2021, 11, 26).unwrap()),
            "November 26, 2021"
        );
    }
}
