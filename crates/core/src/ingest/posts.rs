//! Embedded social posts as they survive in flattened article text:
//! Twitter/X attributions (`— Name (@handle) Month D, YYYY`), their
//! `pic.twitter.com` links, and bare Instagram links.

use crate::date::Day;

use super::dates::parse_month_day_year;

/// The `— Name (@handle) Date` part of a Twitter/X embed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// Byte offset of the dash that starts the attribution.
    pub start: usize,
    /// The account's display name.
    pub author: String,
    /// The handle without `@`.
    pub handle: String,
    /// The posting date; `Err` holds why a written date is not real.
    pub date: Option<Result<Day, String>>,
}

const DASHES: [&str; 3] = ["\u{2014}", "\u{2013}", "--"];

/// The attribution at the end of `text`, if `text` ends with one. A
/// trailing `×` (a crawl's close button) is ignored, and the dash may stand
/// right after a link (`https://t.co/x— Name (@x) May 1, 2024`).
pub fn trailing_attribution(text: &str) -> Option<Attribution> {
    let text = text.trim_end();
    let text = text.strip_suffix('\u{00D7}').map_or(text, str::trim_end);
    // Most lines are prose ending in punctuation: an attribution ends with
    // the year or the handle's bracket.
    if !text.ends_with(|c: char| c.is_ascii_digit() || c == ')') {
        return None;
    }
    let open = text.rfind("(@")?;
    let after = &text[open + 2..];
    let handle_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(after.len());
    if handle_len == 0 || !after[handle_len..].starts_with(')') {
        return None;
    }
    let handle = &after[..handle_len];
    let rest = after[handle_len + 1..].trim();
    let date = if rest.is_empty() {
        None
    } else {
        Some(parse_month_day_year(rest)?)
    };
    let before = &text[..open];
    let (dash, dash_len) = DASHES
        .iter()
        .filter_map(|d| before.rfind(d).map(|i| (i, d.len())))
        .max()?;
    let author = before[dash + dash_len..].trim();
    let ahead = &before[..dash];
    // The dash starts the line, follows a space, or is glued to the end of
    // a link or a sentence by the crawl.
    let glued = ahead.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '/')
        && date.is_some()
        && (ahead
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.contains("://") || w.contains("t.co/"))
            || ahead.ends_with(['.', '!', '?']));
    let starts_ok = dash == 0
        || ahead.ends_with(char::is_whitespace)
        || glued
        || ahead.ends_with(['.', '!', '?', '"', '\u{201D}']);
    if author.is_empty() || author.len() > 80 || !starts_ok {
        return None;
    }
    Some(Attribution {
        start: dash,
        author: author.to_string(),
        handle: handle.to_string(),
        date,
    })
}

/// The display name and handle of an Instagram embed's credit line,
/// `A post shared by Name (@handle)`.
pub fn shared_by(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("A post shared by ")?;
    let (name, handle) = rest.rsplit_once("(@")?;
    let handle = handle.strip_suffix(')')?;
    let valid = !handle.is_empty()
        && handle
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    let name = name.trim();
    (valid && !name.is_empty() && name.len() <= 80).then(|| (name.to_string(), handle.to_string()))
}

/// Splits a post's text from its trailing `pic.twitter.com/...` link and
/// gives the link as an https URL.
pub fn split_picture_link(text: &str) -> (&str, Option<String>) {
    let text = text.trim_end();
    for marker in ["pic.twitter.com/", "pic.x.com/"] {
        if let Some(at) = text.rfind(marker) {
            let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let link = &text[start..];
            let id_start = at + marker.len();
            let id: String = text[id_start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let tail = &text[id_start + id.len()..];
            if !id.is_empty() && tail.trim().is_empty() && !link.contains(char::is_whitespace) {
                return (
                    text[..start].trim_end(),
                    Some(format!("https://{marker}{id}")),
                );
            }
        }
    }
    (text.trim_end(), None)
}

/// The normalised link of a line that is nothing but an Instagram post link,
/// without its tracking query.
pub fn instagram_link(line: &str) -> Option<String> {
    let line = line
        .trim()
        .trim_start_matches('<')
        .trim_end_matches(['>', '.', ',', ')']);
    if line.contains(char::is_whitespace) {
        return None;
    }
    let strip = |text: &'_ str, prefix: &str| -> Option<usize> {
        text.get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| prefix.len())
    };
    let mut rest = line;
    for prefix in ["https://", "http://"] {
        if let Some(n) = strip(rest, prefix) {
            rest = &rest[n..];
            break;
        }
    }
    if let Some(n) = strip(rest, "www.") {
        rest = &rest[n..];
    }
    let path = &rest[strip(rest, "instagram.com/")?..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut parts = path.split('/');
    let kind = parts.next()?;
    let id = parts.next()?;
    let valid_id = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    // "/embed" and "/embed/captioned" are the same post.
    let tail_ok = parts.all(|p| p.is_empty() || p == "embed" || p == "captioned");
    if !matches!(kind, "p" | "reel" | "tv") || !valid_id || !tail_ok {
        return None;
    }
    Some(format!("https://www.instagram.com/{kind}/{id}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_attribution_with_picture_link() {
        let line = "Ye had something to say about his family today 🕊💙 pic.twitter.com/7TS9jUVGVJ — YEEZY MAFIA (@theyeezymafia) November 24, 2021";
        let a = trailing_attribution(line).unwrap();
        assert_eq!(a.author, "YEEZY MAFIA");
        assert_eq!(a.handle, "theyeezymafia");
        assert_eq!(a.date, Some(Ok(Day::from_ymd(2021, 11, 24).unwrap())));
        let (text, url) = split_picture_link(&line[..a.start]);
        assert_eq!(text, "Ye had something to say about his family today 🕊💙");
        assert_eq!(url.as_deref(), Some("https://pic.twitter.com/7TS9jUVGVJ"));
    }

    #[test]
    fn attribution_on_its_own_line_and_bad_dates() {
        let a = trailing_attribution("— Pop Crave (@PopCrave) November 26, 2021").unwrap();
        assert_eq!((a.start, a.author.as_str()), (0, "Pop Crave"));
        let a = trailing_attribution("– Fan (@fan_1) February 30, 2021").unwrap();
        assert!(matches!(a.date, Some(Err(_))));
        assert!(trailing_attribution("— Nobody (@) May 1, 2021").is_none());
        assert!(trailing_attribution("He wrote (@x) something").is_none());
        assert!(trailing_attribution("Sales rose — see (@chart) today").is_none());
        let a = trailing_attribution("x — Fan (@fan)").unwrap();
        assert_eq!(a.date, None);
    }

    #[test]
    fn picture_link_only_at_the_end() {
        assert_eq!(
            split_picture_link("see pic.twitter.com/abc then"),
            ("see pic.twitter.com/abc then", None)
        );
        assert_eq!(split_picture_link("no link"), ("no link", None));
    }

    #[test]
    fn instagram_links() {
        assert_eq!(
            instagram_link("https://www.instagram.com/p/CWxyz_1-/?utm_source=ig_web_copy_link")
                .as_deref(),
            Some("https://www.instagram.com/p/CWxyz_1-/")
        );
        assert_eq!(
            instagram_link("instagram.com/reel/abc").as_deref(),
            Some("https://www.instagram.com/reel/abc/")
        );
        assert_eq!(
            instagram_link("https://www.instagram.com/kimkardashian/"),
            None
        );
        assert_eq!(instagram_link("see https://www.instagram.com/p/x/"), None);
    }
}
