//! Citations of a quote, a post or a story, in the forms their readers'
//! venues want: plain text, Markdown, and a wiki `{{cite news}}` template.
//!
//! Every dataset string is untrusted: each form escapes it for itself
//! (Markdown's marks, the template's `|`, braces and brackets), and line
//! breaks become spaces, which none of the forms can carry inside a field.
//! The link is the item's Storyscope URL, which the app makes from its own
//! base and a route; a post's own address is cited only when it is
//! http(s) ([`safe_link`]).

use crate::model::{DateSource, Person, Post, Precision, Quote, Story};
use crate::url::safe_link;
use crate::Day;

/// What is cited, with what the citation names.
#[derive(Clone, Copy, Debug)]
pub enum Cited<'a> {
    /// A quote, with its speaker (when named) and its story.
    Quote {
        /// The quote, with its words.
        quote: &'a Quote,
        /// Its speaker.
        speaker: Option<&'a Person>,
        /// The story it was quoted in.
        story: &'a Story,
    },
    /// A post, with the story that shows it.
    Post {
        /// The post, with its words.
        post: &'a Post,
        /// Its story.
        story: &'a Story,
    },
    /// A story.
    Story(&'a Story),
}

/// The forms of a citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One line of plain text.
    Plain,
    /// Markdown: the words as a block quote, the title as a link.
    Markdown,
    /// A `{{cite news}}` template for wikis.
    Wiki,
}

impl Format {
    /// Every form, in the order a menu offers them.
    pub const ALL: [Format; 3] = [Format::Plain, Format::Markdown, Format::Wiki];

    /// The form's name in a menu.
    pub fn label(self) -> &'static str {
        match self {
            Format::Plain => "Plain text",
            Format::Markdown => "Markdown",
            Format::Wiki => "Wiki {{cite news}}",
        }
    }
}

/// A day as citations write it: "1 March 2024", or "March 2024" when
/// only its month is known.
pub fn cited_date((day, month_only): (Day, bool)) -> String {
    if month_only {
        format!("{} {}", day.month_name(), day.year())
    } else {
        format!("{} {} {}", day.day(), day.month_name(), day.year())
    }
}

/// A post's platform as readers name it.
pub fn platform_name(platform: &str) -> &str {
    match platform {
        "twitter" => "X (Twitter)",
        "instagram" => "Instagram",
        other => other,
    }
}

/// Who wrote a post, as a citation or an export names them: "Jane Roe
/// (@janeroe)", "Jane Roe", or "@janeroe".
pub fn post_author(post: &Post) -> Option<String> {
    match (&post.author, &post.handle) {
        (Some(a), Some(h)) => Some(format!("{a} (@{h})")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(h)) => Some(format!("@{h}")),
        (None, None) => None,
    }
}

/// The parts every form is made of, taken from the item.
struct Parts<'a> {
    /// Who said or wrote it, as the citation names them.
    who: Option<String>,
    /// The quoted words.
    words: Option<&'a str>,
    title: &'a str,
    /// Where it was published or reported.
    work: Option<String>,
    /// The day, and whether only its month is known.
    date: Option<(Day, bool)>,
    /// The address cited: the item in Storyscope, or a post's own.
    url: String,
}

impl<'a> Parts<'a> {
    fn of(cited: &Cited<'a>, link: &str) -> Parts<'a> {
        match *cited {
            Cited::Quote {
                quote,
                speaker,
                story,
            } => Parts {
                who: speaker.map(|p| p.name.clone()),
                words: Some(&quote.text),
                title: &story.title,
                work: quote.via.clone(),
                date: match quote.date {
                    Some(day) => Some((day, quote.date_source == DateSource::Month)),
                    None => Some((story.date, story.precision == Precision::Month)),
                },
                url: link.to_string(),
            },
            Cited::Post { post, story } => Parts {
                who: post_author(post),
                words: Some(&post.text),
                title: &story.title,
                work: Some(platform_name(&post.platform).to_string()),
                date: match post.date {
                    Some(day) => Some((day, false)),
                    None => Some((story.date, story.precision == Precision::Month)),
                },
                url: post
                    .url
                    .as_deref()
                    .and_then(safe_link)
                    .unwrap_or_else(|| link.to_string()),
            },
            Cited::Story(story) => Parts {
                who: None,
                words: None,
                title: &story.title,
                work: (!story.sources.is_empty()).then(|| story.sources.join(", ")),
                date: Some((story.date, story.precision == Precision::Month)),
                url: link.to_string(),
            },
        }
    }
}

/// The citation of `cited` in `format`, with `link` its address in
/// Storyscope.
pub fn citation(cited: &Cited<'_>, format: Format, link: &str) -> String {
    let parts = Parts::of(cited, link);
    // The verb, and its form at the start of the citation; a story is
    // cited by its title alone.
    let verb = match cited {
        Cited::Quote { .. } => Some(("quoted in", "Quoted in")),
        Cited::Post { .. } => Some(("post shown in", "Post shown in")),
        Cited::Story(_) => None,
    };
    match format {
        Format::Plain => plain(&parts, verb),
        Format::Markdown => markdown(&parts, verb),
        Format::Wiki => wiki(&parts),
    }
}

/// `“words” Jane Roe, quoted in “Title”, Outlet, 1 March 2024, <link>`.
/// A verb and its form at the start of a citation: `("quoted in", "Quoted in")`.
type Verb<'a> = Option<(&'a str, &'a str)>;

/// What comes first: "Jane Roe, quoted in “Title”", "Quoted in “Title”"
/// when no one is named, or the title alone (a story).
fn credit(who: Option<String>, verb: Verb<'_>, title: String) -> String {
    match (who, verb) {
        (Some(who), Some((verb, _))) => format!("{who}, {verb} {title}"),
        (None, Some((_, first))) => format!("{first} {title}"),
        (_, None) => title,
    }
}

fn plain(p: &Parts<'_>, verb: Verb<'_>) -> String {
    let mut out = String::new();
    if let Some(words) = p.words {
        out.push_str(&format!("“{}” ", one_line(words)));
    }
    let title = format!("“{}”", one_line(p.title));
    let mut fields = vec![credit(p.who.as_deref().map(one_line), verb, title)];
    fields.extend(p.work.as_deref().map(one_line));
    fields.extend(p.date.map(cited_date));
    fields.push(one_line(&p.url));
    out.push_str(&fields.join(", "));
    out
}

/// `> words` then `— Jane Roe, quoted in [“Title”](link), Outlet, 1 March 2024`.
fn markdown(p: &Parts<'_>, verb: Verb<'_>) -> String {
    let mut out = String::new();
    if let Some(words) = p.words {
        out.push_str(&format!("> {}\n\n— ", markdown_text(words)));
    }
    let title = format!("[“{}”](<{}>)", markdown_text(p.title), markdown_url(&p.url));
    let mut fields = vec![credit(p.who.as_deref().map(markdown_text), verb, title)];
    fields.extend(p.work.as_deref().map(|w| format!("*{}*", markdown_text(w))));
    fields.extend(p.date.map(cited_date));
    out.push_str(&fields.join(", "));
    out
}

/// `{{cite news |title=... |date=YYYY-MM-DD |work=... |url=... |quote=...}}`.
fn wiki(p: &Parts<'_>) -> String {
    let mut out = format!("{{{{cite news |title={}", wiki_text(p.title));
    match p.date {
        Some((day, true)) => out.push_str(&format!(" |date={:04}-{:02}", day.year(), day.month())),
        Some((day, false)) => out.push_str(&format!(" |date={day}")),
        None => {}
    }
    if let Some(work) = &p.work {
        out.push_str(&format!(" |work={}", wiki_text(work)));
    }
    out.push_str(&format!(" |url={}", wiki_url(&p.url)));
    if let Some(words) = p.words {
        let words = match &p.who {
            Some(who) => format!("{}: {}", wiki_text(who), wiki_text(words)),
            None => wiki_text(words),
        };
        out.push_str(&format!(" |quote={words}"));
    }
    out.push_str("}}");
    out
}

/// `text` on one line: each run of white space (line breaks included) and
/// control characters one space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text that Markdown shows as written: every mark that can start or end
/// emphasis, a link, an image, code, HTML or an entity escaped with a
/// backslash, and a first character that would start a heading or a list.
fn markdown_text(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len());
    let starts_block = text.starts_with(['-', '+', '#', '=']) || {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && text[digits..].starts_with(['.', ')'])
    };
    if starts_block {
        out.push('\\');
    }
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link target inside `<...>`: what could close it or break the line
/// percent-encoded.
fn markdown_url(url: &str) -> String {
    percent_encode(url, |c| {
        matches!(c, '<' | '>' | ' ' | '\\') || c.is_control()
    })
}

/// A template value that stays one value and shows as written: `|`, `=`,
/// braces, brackets, angle brackets, `&`, `~` and runs of apostrophes
/// (wiki markup for italics and bold) as character references.
fn wiki_text(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '=' => out.push_str("&#61;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '~' => out.push_str("&#126;"),
            '\'' if next == Some('\'') || previous == Some('\'') => out.push_str("&#39;"),
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// A URL as a template value: what wiki markup would read percent-encoded.
fn wiki_url(url: &str) -> String {
    percent_encode(url, |c| {
        matches!(
            c,
            '|' | '{' | '}' | '[' | ']' | '<' | '>' | ' ' | '\'' | '~'
        ) || c.is_control()
    })
}

fn percent_encode(text: &str, encode: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if encode(c) {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> Story {
        Story {
            id: "2024-03-01-the-show".into(),
            date: Day::from_ymd(2024, 3, 1).unwrap(),
            precision: Precision::default(),
            title: "The show goes on".into(),
            people: vec!["jane-roe".into()],
            sources: vec!["Daily Planet".into()],
            origin: None,
            body: Vec::new(),
        }
    }

    fn person() -> Person {
        Person {
            id: "jane-roe".into(),
            name: "Jane Roe".into(),
            aliases: Vec::new(),
            descriptors: Vec::new(),
            handles: Vec::new(),
        }
    }

    fn quote(text: &str) -> Quote {
        Quote {
            id: "2024-03-01-the-show-q1".into(),
            story: "2024-03-01-the-show".into(),
            speaker: Some("jane-roe".into()),
            text: text.into(),
            date: Day::from_ymd(2024, 2, 28),
            date_source: DateSource::Text,
            via: Some("Daily Planet".into()),
            span: None,
            continued: Vec::new(),
            attribution: None,
        }
    }

    const LINK: &str = "https://example.org/quote/2024-03-01-the-show-q1";

    fn cite_quote(text: &str, format: Format) -> String {
        let (q, s, p) = (quote(text), story(), person());
        let cited = Cited::Quote {
            quote: &q,
            speaker: Some(&p),
            story: &s,
        };
        citation(&cited, format, LINK)
    }

    #[test]
    fn a_quote_in_plain_text_names_speaker_story_outlet_date_and_link() {
        assert_eq!(
            cite_quote("We are back.", Format::Plain),
            "“We are back.” Jane Roe, quoted in “The show goes on”, Daily Planet, 28 February 2024, https://example.org/quote/2024-03-01-the-show-q1"
        );
    }

    #[test]
    fn a_quote_in_markdown_is_a_block_quote_with_its_story_linked() {
        assert_eq!(
            cite_quote("We are back.", Format::Markdown),
            "> We are back.\n\n— Jane Roe, quoted in [“The show goes on”](<https://example.org/quote/2024-03-01-the-show-q1>), *Daily Planet*, 28 February 2024"
        );
    }

    #[test]
    fn a_quote_as_a_wiki_template_fills_title_date_work_url_and_quote() {
        assert_eq!(
            cite_quote("We are back.", Format::Wiki),
            "{{cite news |title=The show goes on |date=2024-02-28 |work=Daily Planet |url=https://example.org/quote/2024-03-01-the-show-q1 |quote=Jane Roe: We are back.}}"
        );
    }

    #[test]
    fn hostile_text_stays_text_in_every_form() {
        let hostile = "a|b}} [[Category:X]] <script>x</script> **bold** [link](javascript:alert(1)) ''it'' ~~~~\nnext";
        let wiki = cite_quote(hostile, Format::Wiki);
        // One template, its only `|` the ones that start its fields.
        assert_eq!(wiki.matches("}}").count(), 1, "{wiki}");
        assert!(wiki.ends_with("}}"));
        assert_eq!(wiki.matches('|').count(), 5, "{wiki}");
        for raw in ["[[", "<script", "''", "~~", "\n"] {
            assert!(!wiki.contains(raw), "{raw} in {wiki}");
        }
        let md = cite_quote(hostile, Format::Markdown);
        // Each mark of the text escaped; the credit's own link is the one
        // unescaped `[`.
        let unescaped = |mark: char| {
            md.char_indices()
                .filter(|&(i, c)| c == mark && !md[..i].ends_with('\\'))
                .count()
        };
        for (mark, own) in [('<', 1), ('[', 1), (']', 1), ('*', 2), ('~', 0), ('|', 0)] {
            assert_eq!(unescaped(mark), own, "{mark} in {md}");
        }
        // One line of words, then the credit: the text's own line break is
        // a space.
        assert_eq!(md.lines().count(), 3, "{md}");
        let plain = cite_quote(hostile, Format::Plain);
        assert!(!plain.contains('\n'));
        assert!(plain.contains("''it'' ~~~~ next"));
    }

    #[test]
    fn a_quote_with_no_named_speaker_is_credited_to_its_story() {
        let (q, s) = (quote("Soon."), story());
        let cited = Cited::Quote {
            quote: &q,
            speaker: None,
            story: &s,
        };
        let plain = citation(&cited, Format::Plain, LINK);
        assert!(
            plain.starts_with("“Soon.” Quoted in “The show goes on”"),
            "{plain}"
        );
        assert!(citation(&cited, Format::Wiki, LINK).contains("|quote=Soon.}}"));
    }

    #[test]
    fn a_post_cites_its_author_platform_and_own_address_when_safe() {
        let s = story();
        let mut post = Post {
            id: "2024-03-01-the-show-p1".into(),
            story: s.id.clone(),
            platform: "twitter".into(),
            author: Some("Jane Roe".into()),
            handle: Some("janeroe".into()),
            date: None,
            text: "Thank you all".into(),
            url: Some("https://x.com/janeroe/status/1".into()),
            people: Vec::new(),
            block: None,
        };
        let cited = |post: &Post| citation(&Cited::Post { post, story: &s }, Format::Plain, LINK);
        assert_eq!(
            cited(&post),
            "“Thank you all” Jane Roe (@janeroe), post shown in “The show goes on”, X (Twitter), 1 March 2024, https://x.com/janeroe/status/1"
        );
        post.url = Some("javascript:alert(1)".into());
        assert!(cited(&post).ends_with(LINK));
    }

    #[test]
    fn a_story_cites_its_title_sources_and_date() {
        let s = story();
        assert_eq!(
            citation(
                &Cited::Story(&s),
                Format::Plain,
                "https://example.org/story/x"
            ),
            "“The show goes on”, Daily Planet, 1 March 2024, https://example.org/story/x"
        );
        let wiki = citation(
            &Cited::Story(&s),
            Format::Wiki,
            "https://example.org/story/x",
        );
        assert_eq!(
            wiki,
            "{{cite news |title=The show goes on |date=2024-03-01 |work=Daily Planet |url=https://example.org/story/x}}"
        );
    }

    #[test]
    fn words_that_would_start_a_list_or_heading_stay_words() {
        for (words, starts) in [
            ("- not a list", "> \\-"),
            ("1. not a list", "> \\1."),
            ("# no", "> \\#"),
        ] {
            assert!(
                cite_quote(words, Format::Markdown).starts_with(starts),
                "{words}"
            );
        }
    }

    #[test]
    fn a_month_only_date_is_cited_as_its_month() {
        let mut q = quote("Later.");
        q.date_source = DateSource::Month;
        q.date = Day::from_ymd(2024, 2, 1);
        let (s, p) = (story(), person());
        let cited = Cited::Quote {
            quote: &q,
            speaker: Some(&p),
            story: &s,
        };
        assert!(citation(&cited, Format::Plain, LINK).contains(", February 2024, "));
        assert!(citation(&cited, Format::Wiki, LINK).contains("|date=2024-02 "));
    }

    #[test]
    fn urls_cannot_leave_their_place() {
        let s = story();
        let md = citation(&Cited::Story(&s), Format::Markdown, "https://e.org/a b>c");
        assert!(md.contains("(<https://e.org/a%20b%3Ec>)"), "{md}");
        let wiki = citation(&Cited::Story(&s), Format::Wiki, "https://e.org/a|b}}");
        assert!(wiki.contains("|url=https://e.org/a%7Cb%7D%7D}}"), "{wiki}");
    }
}
