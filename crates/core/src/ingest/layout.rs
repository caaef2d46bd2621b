//! The first stage of the ingest: raw article text into its date and its
//! blocks (sub-headings, paragraphs, embedded posts), each with its line.
//!
//! Paragraphs are separated by blank lines, or, in many crawls, by single
//! newlines: a line that ends a sentence and a line that starts one are two
//! paragraphs, while a line broken mid-sentence continues. What a crawl
//! keeps before the lede (navigation, photo credits, bylines, datelines,
//! notices) is marked as such, so that the title skips it.

use crate::date::Day;
use crate::model::Precision;
use crate::problem::Problem;

use super::posts::{
    instagram_link, shared_by, split_picture_link, trailing_attribution, Attribution,
};

/// A block of the article as laid out in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    /// What kind of block it is.
    pub kind: RawKind,
    /// Its text exactly as written (lines joined by `\n`).
    pub text: String,
    /// The line where it starts, from 1.
    pub line: usize,
    /// Whether it is crawl furniture (navigation, a photo credit, a byline,
    /// a dateline, a notice) rather than the article's own words.
    pub furniture: bool,
}

/// The kinds of [`RawBlock`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawKind {
    /// A sub-heading.
    Heading,
    /// Prose.
    Paragraph,
    /// A Twitter/X embed: its text, picture link and attribution.
    Tweet {
        /// The post's own words.
        text: String,
        /// The `pic.twitter.com` link, as https.
        url: Option<String>,
        /// Who posted it and when.
        attribution: Attribution,
    },
    /// An Instagram post: a bare link, or an embed with its caption.
    Instagram {
        /// The normalised link, when the text gives one.
        url: Option<String>,
        /// The caption, empty for a bare link.
        caption: String,
        /// The display name and handle of `A post shared by Name (@handle)`.
        author: Option<(String, String)>,
        /// The date line under the credit, when there is one.
        date: Option<crate::date::Day>,
    },
}

/// An article's date and blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleLayout {
    /// The publication date from the date marker (the first of the month
    /// when the marker gives only a month).
    pub date: Day,
    /// Whether the marker gave the day or only the month.
    pub precision: Precision,
    /// The blocks in order.
    pub blocks: Vec<RawBlock>,
}

/// Reads the date marker and the blocks. Fails only when the date marker is
/// missing or unreadable, or the article holds no text.
pub fn layout(text: &str) -> Result<ArticleLayout, Problem> {
    // The reading of a text keeps its offsets in 32 bits.
    layout_within(text, super::text::LONGEST_BLOCK)
}

fn layout_within(text: &str, longest: usize) -> Result<ArticleLayout, Problem> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::error(
            "1",
            "the article is empty; it should start with \" date YYYY-MM-DD \" and its first paragraph",
        ));
    }
    if text.len() > longest {
        return Err(Problem::error(
            "1",
            "the article is over 4 GiB; split it into the articles it holds",
        ));
    }
    let mut lines = text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate();
    let (_, first) = lines.next().unwrap_or((0, ""));
    let (date, precision, rest) = date_marker(first)?;

    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut group: Vec<(usize, &str)> = Vec::new();
    if !rest.trim().is_empty() {
        group.push((1, rest.trim()));
    }
    for (i, line) in lines {
        if line.trim().is_empty() {
            flush(&mut group, &mut blocks);
        } else {
            group.push((i + 1, line.trim()));
        }
    }
    flush(&mut group, &mut blocks);
    join_instagram_embeds(&mut blocks);
    if let Some(first) = blocks.first_mut() {
        // The lede shares the marker's line and is never a heading.
        if first.line == 1 && first.kind == RawKind::Heading {
            first.kind = RawKind::Paragraph;
        }
    }
    mark_furniture(&mut blocks);
    Ok(ArticleLayout {
        date,
        precision,
        blocks,
    })
}

fn date_marker(line: &str) -> Result<(Day, Precision, &str), Problem> {
    let trimmed = line.trim_start();
    let Some(after) = trimmed.strip_prefix("date ") else {
        let shown: String = line.chars().take(40).collect();
        return Err(Problem::error(
            "1",
            format!("no date marker: the first line should start with \" date YYYY-MM-DD \", but it reads \"{shown}\""),
        ));
    };
    let after = after.trim_start();
    let (word, rest) = after.split_at(after.find(char::is_whitespace).unwrap_or(after.len()));
    // A time after the day ("2021-11-26T10:00:00Z") is not needed.
    let day_part = word.split_once('T').map_or(word, |(d, _)| d);
    if let Ok(day) = day_part.parse::<Day>() {
        return Ok((day, Precision::Day, rest));
    }
    if let Some(day) = month_only(day_part) {
        return Ok((day, Precision::Month, rest));
    }
    let why = match day_part.parse::<Day>() {
        Err(e) => e.to_string(),
        Ok(_) => String::new(),
    };
    Err(Problem::error(
        "1",
        format!("bad date marker: {why}; write the publication date as YYYY-MM-DD, or YYYY-MM when only the month is known"),
    ))
}

/// `YYYY-MM` as the first of that month.
fn month_only(word: &str) -> Option<Day> {
    let (year, month) = word.split_once('-')?;
    if year.len() != 4
        || month.len() != 2
        || !year
            .bytes()
            .chain(month.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Day::from_ymd(year.parse().ok()?, month.parse().ok()?, 1)
}

/// Whether a line ends what it says: sentence punctuation, possibly
/// inside closing quote marks or brackets.
fn ends_sentence(line: &str) -> bool {
    let trimmed =
        line.trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')', ']', ' ', '\u{00BB}']);
    trimmed.ends_with(['.', '!', '?', ':', '\u{2026}'])
        || trimmed.len() < line.trim_end().len() && trimmed.ends_with(',')
}

/// Whether a line stops mid-phrase, so that the next line goes on with it.
fn continues(line: &str) -> bool {
    let line = line.trim_end();
    if line.ends_with([',', ';', '-', '(', '[', '&', '/']) {
        return true;
    }
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let class = super::words::class_of(last);
    last.chars().next().is_some_and(char::is_lowercase)
        && class.has(
            super::words::Class::PREPOSITION
                | super::words::Class::CONJUNCTION
                | super::words::Class::DETERMINER,
        )
}

/// Whether a line can start a paragraph: a capital, a digit or a mark.
fn starts_paragraph(line: &str) -> bool {
    line.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '\u{201C}'
                    | '\u{2018}'
                    | '\''
                    | '\u{201D}'
                    | '('
                    | '['
                    | '#'
                    | '@'
                    | '\u{2014}'
                    | '\u{2013}'
            )
    })
}

/// Turns one group of consecutive non-blank lines into blocks.
fn flush(group: &mut Vec<(usize, &str)>, blocks: &mut Vec<RawBlock>) {
    if group.is_empty() {
        return;
    }
    // Lines into paragraphs: a break after a line that ends a sentence (or
    // is a heading or a post's line) and before one that starts another.
    let mut start = 0;
    for k in 1..=group.len() {
        let new = k == group.len() || {
            let (line, previous) = (group[k].1, group[k - 1].1);
            let post_line = trailing_attribution(line).is_some()
                || trailing_attribution(previous).is_some()
                || instagram_link(line).is_some()
                || instagram_link(previous).is_some()
                || is_embed_marker(line)
                || is_embed_marker(previous);
            // Crawls keep a paragraph on one line: a line that starts
            // like a paragraph starts one, unless the line before
            // stops mid-phrase (a comma, a hyphen, "and", "the").
            post_line
                || starts_paragraph(line) && !continues(previous)
                || ends_sentence(previous) && starts_paragraph(line)
        };
        if new {
            push_paragraph(&group[start..k], blocks);
            start = k;
        }
    }
    group.clear();
}

/// One paragraph of lines as a block: a post, a heading or prose.
fn push_paragraph(lines: &[(usize, &str)], blocks: &mut Vec<RawBlock>) {
    let text = join(lines);
    let line = lines[0].0;
    if let Some(attribution) = trailing_attribution(&text) {
        let (post_text, url) = split_picture_link(text[..attribution.start].trim_end());
        if !post_text.is_empty() {
            blocks.push(block(
                RawKind::Tweet {
                    text: post_text.to_string(),
                    url,
                    attribution,
                },
                text,
                line,
            ));
            return;
        }
        // The attribution stands alone: the post's text is the block above.
        let above = blocks
            .last()
            .filter(|b| matches!(b.kind, RawKind::Heading | RawKind::Paragraph))
            .cloned();
        if let Some(above) = above {
            blocks.pop();
            let (post_text, url) = split_picture_link(&above.text);
            let joined = format!("{}\n{}", above.text, text);
            blocks.push(block(
                RawKind::Tweet {
                    text: post_text.to_string(),
                    url,
                    attribution: Attribution {
                        start: above.text.len() + 1 + attribution.start,
                        ..attribution
                    },
                },
                joined,
                above.line,
            ));
            return;
        }
    }
    if lines.len() == 1 {
        if let Some(url) = instagram_link(&text) {
            blocks.push(block(
                RawKind::Instagram {
                    url: Some(url),
                    caption: String::new(),
                    author: None,
                    date: None,
                },
                text,
                line,
            ));
            return;
        }
    }
    let kind = if lines.len() == 1 && is_heading(&text) {
        RawKind::Heading
    } else {
        RawKind::Paragraph
    };
    blocks.push(block(kind, text, line));
}

fn block(kind: RawKind, text: String, line: usize) -> RawBlock {
    RawBlock {
        kind,
        text,
        line,
        furniture: false,
    }
}

fn join(lines: &[(usize, &str)]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|(_, l)| l.len() + 1).sum());
    for (i, (_, line)) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

fn is_embed_marker(line: &str) -> bool {
    line.eq_ignore_ascii_case("View this post on Instagram") || shared_by(line).is_some()
}

/// Instagram embeds flattened by the crawl: `View this post on Instagram`,
/// the caption, then `A post shared by Name (@handle)` and perhaps a date,
/// in up to eight blocks, become one post block.
fn join_instagram_embeds(blocks: &mut Vec<RawBlock>) {
    let mut i = 0;
    while i < blocks.len() {
        let Some((author, handle)) = shared_by(&blocks[i].text) else {
            i += 1;
            continue;
        };
        let from = (i.saturating_sub(8)..i).rev().find(|&j| {
            blocks[j]
                .text
                .eq_ignore_ascii_case("View this post on Instagram")
        });
        let mut to = i;
        let mut date = None;
        if let Some(Some(found)) = blocks
            .get(i + 1)
            .map(|b| super::dates::parse_month_day_year(&b.text))
        {
            to = i + 1;
            date = found.ok();
        }
        let start = from.unwrap_or(i);
        let caption_blocks = from.map_or(start..start, |f| f + 1..i);
        let caption = blocks[caption_blocks]
            .iter()
            .filter(|b| instagram_link(&b.text).is_none())
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let url = blocks[start..=to].iter().find_map(|b| match &b.kind {
            RawKind::Instagram { url, .. } => url.clone(),
            _ => None,
        });
        let text = blocks[start..=to]
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let line = blocks[start].line;
        blocks.splice(
            start..=to,
            [block(
                RawKind::Instagram {
                    url,
                    caption,
                    author: Some((author, handle)),
                    date,
                },
                text,
                line,
            )],
        );
        i = start + 1;
    }
}

/// A sub-heading is a short line that starts with a capital or a digit and
/// ends without sentence punctuation, or with a question mark.
pub fn is_heading(line: &str) -> bool {
    if line.len() > 100 {
        return false;
    }
    let words = line.split_whitespace().count();
    let starts_ok = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let last = line.chars().last().unwrap_or('.');
    let ends_ok = last == '?' || last.is_alphanumeric();
    let has_quote = line.contains(['"', '\u{201C}', '\u{201D}', '\u{2018}'])
        || line.starts_with('\'')
        || line.contains(" '");
    starts_ok && ends_ok && !has_quote && (1..=12).contains(&words) && !line.contains("://")
}

/// Marks the crawl furniture among the blocks before the lede.
fn mark_furniture(blocks: &mut [RawBlock]) {
    for b in blocks.iter_mut() {
        if matches!(b.kind, RawKind::Paragraph | RawKind::Heading) && is_furniture(&b.text) {
            b.furniture = true;
        }
    }
}

/// Words that make a short line a notice of the page rather than the
/// article: navigation, sharing, subscription and copyright text.
const NOTICES: [&str; 24] = [
    "skip to content",
    "skip to main content",
    "advertisement",
    "article content",
    "logo",
    "menu",
    "sign in",
    "sign up",
    "subscribe",
    "share this article",
    "share on",
    "read more",
    "related:",
    "non-commercial use",
    "all rights reserved",
    "copyright",
    "cookies",
    "get in touch with",
    "for more stories like this",
    "not convinced?",
    "newsletter",
    "this is a developing story",
    "with inputs from",
    "(reporting by",
];

/// Marks of a photo credit or caption.
const CREDITS: [&str; 14] = [
    "picture:",
    "photo:",
    "image:",
    "credit:",
    "(credit",
    "photo by",
    "photograph:",
    "getty images",
    "reuters/",
    "ap photo",
    "/ap",
    "/invision",
    "shutterstock",
    "(photo",
];

/// Whether lowercase `text` has what every credit of [`CREDITS`] has: a
/// colon, a bracket or a slash, or the word "photo", "getty" or
/// "shutterstock". Prose seldom does, and so skips the search for each.
fn might_credit(text: &str) -> bool {
    super::text::find_any(text.as_bytes(), 0, [b':', b'(', b'/']) < text.len()
        || ["photo", "getty", "shutterstock"]
            .iter()
            .any(|w| text.contains(w))
}

/// Whether a block is crawl furniture: a notice, a photo credit, a byline,
/// a dateline, a section label or navigation words run together.
pub fn is_furniture(text: &str) -> bool {
    // Words counted up to the most a caption has (ASCII is split fast).
    let count = if text.is_ascii() {
        text.split_ascii_whitespace()
            .take(CAPTION_WORDS + 1)
            .count()
    } else {
        text.split_whitespace().take(CAPTION_WORDS + 1).count()
    };
    if count == 0 {
        return false;
    }
    if run_together(text, count <= CAPTION_WORDS) {
        return true;
    }
    if count > CAPTION_WORDS {
        return false;
    }
    // The notices are ASCII: ASCII lowercase finds them all.
    let lower = text.to_ascii_lowercase();
    let short = count <= 12;
    if short && NOTICES.iter().any(|n| lower.contains(n)) || lower.contains("non-commercial use") {
        return true;
    }
    if might_credit(&lower) && CREDITS.iter().any(|c| lower.contains(c)) {
        return true;
    }
    if short && count <= 6 && text.split_whitespace().next() == Some("By") {
        return true;
    }
    if count <= 10 && (lower.starts_with("published") || lower.starts_with("updated")) {
        return true;
    }
    if !short {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    is_dateline(&words)
}

/// Navigation run together ("GearShop Money TalksNorthgateWeekly"): a word
/// with two capitals inside it, or, in a `short` block, two words with one
/// (prose has a "YouTube" or a "McAdams" now and then). Only the words
/// around a lowercase letter followed by a capital are looked at.
fn run_together(text: &str, short: bool) -> bool {
    let bytes = text.as_bytes();
    let mut glued = 0;
    let mut i = 1;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase()) {
            i += 1;
            continue;
        }
        let start = text[..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        let end = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |k| i + k);
        let inner = inner_capitals(&text[start..end]);
        glued += usize::from(inner >= 1);
        if inner >= 2 || short && glued >= 2 {
            return true;
        }
        i = end + 1;
    }
    false
}

/// The most words a photo caption or credit runs to; longer blocks are
/// prose, whatever words they contain.
const CAPTION_WORDS: usize = 60;

/// Capitals after a lowercase letter inside a word ("TalksNorthgate": 1).
/// Names like "McAfee" or "DeSo" have one, so one alone does not count.
fn inner_capitals(word: &str) -> usize {
    if word.len() < 4 {
        return 0;
    }
    if word.is_ascii() {
        let mut count = 0;
        let bytes = word.as_bytes();
        let mut letters = usize::from(bytes[0].is_ascii_alphabetic());
        for pair in bytes.windows(2) {
            if pair[1].is_ascii_uppercase() && pair[0].is_ascii_lowercase() && letters >= 3 {
                count += 1;
            }
            letters += usize::from(pair[1].is_ascii_alphabetic());
        }
        return count;
    }
    let mut count = 0;
    let mut previous_lower = false;
    let mut letters = 0;
    for c in word.chars() {
        if c.is_uppercase() && previous_lower && letters >= 3 {
            count += 1;
        }
        previous_lower = c.is_lowercase();
        letters += usize::from(c.is_alphabetic());
    }
    count
}

/// Whether a short line is only a date, a weekday, a place and a date, a
/// time or a section label.
fn is_dateline(words: &[&str]) -> bool {
    let mut dated = 0;
    let mut other = 0;
    for w in words {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() {
            continue;
        }
        let class = super::words::class_of(bare);
        let numeric = bare.chars().next().is_some_and(|c| c.is_ascii_digit());
        let time_word = [
            "am", "pm", "ago", "min", "read", "updated", "gmt", "est", "pt", "et", "bst", "utc",
        ]
        .iter()
        .any(|x| bare.eq_ignore_ascii_case(x));
        if class.has(super::words::Class::MONTH | super::words::Class::DAY) || numeric || time_word
        {
            dated += 1;
        } else {
            other += 1;
        }
    }
    dated >= 2 && other <= 2 || (words.len() <= 3 && dated >= 1 && other <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_credit_passes_the_quick_test() {
        for credit in CREDITS {
            assert!(might_credit(credit), "{credit}");
        }
        assert!(!might_credit("she said the show would go on, as planned"));
    }

    fn kinds(text: &str) -> Vec<String> {
        layout(text)
            .unwrap()
            .blocks
            .iter()
            .map(|b| {
                let kind = match &b.kind {
                    RawKind::Heading => "heading".to_string(),
                    RawKind::Paragraph => "paragraph".to_string(),
                    RawKind::Tweet {
                        text, attribution, ..
                    } => format!("tweet@{}:{text}", attribution.handle),
                    RawKind::Instagram { url, author, .. } => format!(
                        "instagram:{}{}",
                        url.as_deref().unwrap_or("-"),
                        author
                            .as_ref()
                            .map_or(String::new(), |(_, h)| format!("@{h}"))
                    ),
                };
                let furniture = if b.furniture { " (furniture)" } else { "" };
                format!("{}:{kind}{furniture}", b.line)
            })
            .collect()
    }

    #[test]
    fn marker_paragraphs_headings_and_posts() {
        let text = " date 2021-11-26 Lede here.\n\nInside The Story\n\n\n\nBody text.\nsecond line.\n\nPost words\n— A B (@ab) November 1, 2021\n\nhttps://www.instagram.com/p/x/?utm_source=ig\n\nSolo post\n\n— C (@c) November 2, 2021\nIs It Over?";
        assert_eq!(
            kinds(text),
            [
                "1:paragraph",
                "3:heading",
                "7:paragraph",
                "10:tweet@ab:Post words",
                "13:instagram:https://www.instagram.com/p/x/",
                "15:tweet@c:Solo post",
                "18:heading",
            ]
        );
    }

    #[test]
    fn single_newlines_separate_paragraphs_that_end_and_start_sentences() {
        let text = " date 2024-05-01 The lede ends here.\nA second paragraph starts, and it is\nbroken mid-sentence.\n\u{201C}A quote,\u{201D} she said.\nA Heading Line\nMore prose.";
        assert_eq!(
            kinds(text),
            [
                "1:paragraph",
                "2:paragraph",
                "4:paragraph",
                "5:heading",
                "6:paragraph"
            ]
        );
    }

    #[test]
    fn tweets_in_their_other_layouts_and_instagram_embeds() {
        let text = " date 2024-05-01 Lede.\n\nBig news tonight https://t.co/Ab12— Pop Pulse (@PopPulseHQ) May 1, 2024\n\nthe bird is home — Ann Lee (@annlee) May 1, 2024 \u{00D7}\n\nView this post on Instagram\n\nGood times with the crew\n\nA post shared by Ann Lee (@annlee)\n\nMay 2, 2024\n\nAfter.";
        assert_eq!(
            kinds(text),
            [
                "1:paragraph",
                "3:tweet@PopPulseHQ:Big news tonight https://t.co/Ab12",
                "5:tweet@annlee:the bird is home",
                "7:instagram:-@annlee",
                "15:paragraph",
            ]
        );
    }

    #[test]
    fn month_only_markers_and_bad_markers() {
        let l = layout(" date 2021-11 Lede.").unwrap();
        assert_eq!(
            (l.date.to_string().as_str(), l.precision),
            ("2021-11-01", Precision::Month)
        );
        assert_eq!(
            layout(" date 2021-11-26T10:00:00Z Lede.")
                .unwrap()
                .date
                .to_string(),
            "2021-11-26"
        );
        let err = layout("Kanye West did").unwrap_err();
        assert_eq!(err.location, "1");
        assert!(err.message.starts_with("no date marker"), "{}", err.message);
        let err = layout(" date 2021-02-30 Text").unwrap_err();
        assert!(
            err.message.contains("February 2021 has no day 30"),
            "{}",
            err.message
        );
        let err = layout(" date 2021 Text").unwrap_err();
        assert!(
            err.message.contains("YYYY-MM when only the month"),
            "{}",
            err.message
        );
        assert!(layout("  \n\n ")
            .unwrap_err()
            .message
            .starts_with("the article is empty"));
        // An article longer than the reading's 32-bit offsets (4 GiB) is
        // refused whole, here with the limit made small.
        let long = format!(" date 2021-01-02 {}", "Word. ".repeat(20));
        assert!(layout_within(&long, long.len()).is_ok());
        let err = layout_within(&long, long.len() - 1).unwrap_err();
        assert!(err.message.contains("over 4 GiB"), "{}", err.message);
        assert_eq!(
            layout("\u{FEFF} date 2021-01-02 Hi.\r\n\r\nMore.\r\n")
                .unwrap()
                .blocks
                .len(),
            2
        );
    }

    #[test]
    fn crawl_furniture() {
        for furniture in [
            "Deals @ GearShop Money TalksNorthgateWeekly RadioCity Homes",
            "Tuesday, March 29, 2022",
            "Published 3h ago",
            "Jane Roe arrives at the gala. Picture: Getty Images",
            "By Sam Lee",
            "13 Nov 2021 07:14AM",
            "Skip to Content",
            "Reprinted for private, non-commercial use; ask the desk before sharing it further.",
            "ContributorsPublishersAdvertisers",
        ] {
            assert!(is_furniture(furniture), "{furniture}");
        }
        for prose in [
            "Jane Roe has apologised to Sam Lee after the show on Tuesday.",
            "Inside The Story",
            "The Pat McAfee Show returns on March 3.",
        ] {
            assert!(!is_furniture(prose), "{prose}");
        }
    }

    #[test]
    fn headings() {
        assert!(is_heading("Inside The Story"));
        assert!(is_heading("Is KimYe 2.0 Possible?"));
        assert!(!is_heading("He left."));
        assert!(!is_heading("it was lowercase"));
        assert!(!is_heading("\"Quoted\" Thing"));
    }
}
