//! The first stage of the ingest: raw article text into its date and its
//! blocks (sub-headings, paragraphs, embedded posts), each with its line.

use crate::date::Day;
use crate::problem::Problem;

use super::posts::{instagram_link, split_picture_link, trailing_attribution, Attribution};

/// A block of the article as laid out in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    /// What kind of block it is.
    pub kind: RawKind,
    /// Its text exactly as written (lines joined by `\n`).
    pub text: String,
    /// The line where it starts, from 1.
    pub line: usize,
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
    /// A bare Instagram link.
    Instagram {
        /// The normalised link.
        url: String,
    },
}

/// An article's date and blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The publication date from the date marker.
    pub date: Day,
    /// The blocks in order.
    pub blocks: Vec<RawBlock>,
}

/// Reads the date marker and the blocks. Fails only when the date marker is
/// missing or wrong, or the article holds no text.
pub fn layout(text: &str) -> Result<Layout, Problem> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::error(
            "1",
            "the article is empty; it should start with \" date YYYY-MM-DD \" and its first paragraph",
        ));
    }
    let mut lines = text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate();
    let (_, first) = lines.next().unwrap_or((0, ""));
    let (date, rest) = date_marker(first)?;

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
    if let Some(first) = blocks.first_mut() {
        // The lede shares the marker's line and is never a heading.
        if first.line == 1 && first.kind == RawKind::Heading {
            first.kind = RawKind::Paragraph;
        }
    }
    Ok(Layout { date, blocks })
}

fn date_marker(line: &str) -> Result<(Day, &str), Problem> {
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
    let date = word
        .parse::<Day>()
        .map_err(|e| Problem::error("1", format!("bad date marker: {e}")))?;
    Ok((date, rest))
}

/// Turns one group of consecutive non-blank lines into blocks: a line that
/// ends with a post attribution closes a post made of the lines above it.
fn flush(group: &mut Vec<(usize, &str)>, blocks: &mut Vec<RawBlock>) {
    let mut pending: Vec<(usize, &str)> = Vec::with_capacity(group.len());
    for (number, line) in group.drain(..) {
        pending.push((number, line));
        let Some(attribution) = trailing_attribution(line) else {
            continue;
        };
        let joined = join(&pending);
        let offset = joined.len() - line.len();
        let (post_text, url) = split_picture_link(joined[..offset + attribution.start].trim_end());
        if !post_text.is_empty() {
            blocks.push(RawBlock {
                kind: RawKind::Tweet {
                    text: post_text.to_string(),
                    url,
                    attribution: Attribution {
                        start: offset + attribution.start,
                        ..attribution
                    },
                },
                text: joined,
                line: pending[0].0,
            });
            pending.clear();
            continue;
        }
        // The attribution stands alone after a blank line: the post's text
        // is the block above.
        let above = blocks
            .last()
            .filter(|b| matches!(b.kind, RawKind::Heading | RawKind::Paragraph))
            .cloned();
        if let Some(above) = above {
            blocks.pop();
            let (post_text, url) = split_picture_link(&above.text);
            let text = format!("{}\n{}", above.text, joined);
            blocks.push(RawBlock {
                kind: RawKind::Tweet {
                    text: post_text.to_string(),
                    url,
                    attribution: Attribution {
                        start: above.text.len() + 1 + attribution.start,
                        ..attribution
                    },
                },
                text,
                line: above.line,
            });
            pending.clear();
        }
    }
    if pending.is_empty() {
        return;
    }
    if let [(line, only)] = pending[..] {
        if let Some(url) = instagram_link(only) {
            blocks.push(RawBlock {
                kind: RawKind::Instagram { url },
                text: only.to_string(),
                line,
            });
            return;
        }
    }
    // A heading line directly above prose with no blank line between.
    let mut rest = &pending[..];
    if rest.len() > 1 && is_heading(rest[0].1) {
        blocks.push(RawBlock {
            kind: RawKind::Heading,
            text: rest[0].1.to_string(),
            line: rest[0].0,
        });
        rest = &rest[1..];
    }
    let text = join(rest);
    let kind = if rest.len() == 1 && is_heading(&text) {
        RawKind::Heading
    } else {
        RawKind::Paragraph
    };
    blocks.push(RawBlock {
        kind,
        text,
        line: rest[0].0,
    });
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
    let has_quote = line.contains(['"', '\u{201C}', '\u{201D}']);
    starts_ok
        && ends_ok
        && !has_quote
        && (1..=12).contains(&words)
        && line.len() <= 100
        && !line.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    RawKind::Instagram { url } => format!("instagram:{url}"),
                };
                format!("{}:{kind}", b.line)
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
    fn bad_markers() {
        let err = layout("Kanye West did").unwrap_err();
        assert_eq!(err.location, "1");
        assert!(err.message.starts_with("no date marker"), "{}", err.message);
        let err = layout(" date 2021-02-30 Text").unwrap_err();
        assert!(
            err.message.contains("February 2021 has no day 30"),
            "{}",
            err.message
        );
        assert!(layout("  \n\n ")
            .unwrap_err()
            .message
            .starts_with("the article is empty"));
        assert_eq!(
            layout("\u{FEFF} date 2021-01-02 Hi.\r\n\r\nMore.\r\n")
                .unwrap()
                .blocks
                .len(),
            2
        );
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
