//! Dates written in prose ("November 24", "last Wednesday", "in February",
//! "February 12, 2024", "yesterday"), resolved against the article's date.

use crate::date::{Day, MONTH_NAMES};
use crate::model::Precision;

use super::text::{Reading, Token};

/// A date found in a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the words that tell it.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The sentence it stands in.
    pub sentence: usize,
    /// The day (the first of the month for month precision).
    pub day: Day,
    /// How exactly the date is known.
    pub precision: Precision,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const FUTURE_CUES: [&str; 6] = ["will", "upcoming", "scheduled", "next", "tomorrow", "later"];
const MONTH_CUES: [&str; 12] = [
    "in", "since", "last", "early", "late", "mid", "until", "by", "of", "this", "during", "before",
];

/// The month number of a month name or its unambiguous abbreviation ("Nov").
pub fn month_number(word: &str) -> Option<u8> {
    const ABBREVIATIONS: [(&str, u8); 9] = [
        ("Jan", 1),
        ("Feb", 2),
        ("Apr", 4),
        ("Aug", 8),
        ("Sep", 9),
        ("Sept", 9),
        ("Oct", 10),
        ("Nov", 11),
        ("Dec", 12),
    ];
    let word = word.trim_end_matches('.');
    if let Some(i) = MONTH_NAMES.iter().position(|m| *m == word) {
        return u8::try_from(i + 1).ok();
    }
    ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == word)
        .map(|(_, m)| *m)
}

fn weekday_number(word: &str) -> Option<u8> {
    WEEKDAYS.iter().position(|d| *d == word).map(|i| i as u8)
}

fn day_number(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// Parses exactly `Month D, YYYY` (as in post attributions).
pub fn parse_month_day_year(text: &str) -> Option<Result<Day, String>> {
    let mut words = text.split_whitespace();
    let month = month_number(words.next()?)?;
    let day_word = words.next()?.strip_suffix(',')?;
    let day: u8 = day_word.parse().ok()?;
    let year = year_number(words.next()?)?;
    if words.next().is_some() {
        return None;
    }
    Some(Day::from_ymd(year, month, day).ok_or_else(|| {
        format!(
            "{} {day}, {year} is not a real date",
            MONTH_NAMES[usize::from(month) - 1]
        )
    }))
}

/// The year for a month and day written without one: the latest such day
/// not after the article, or the earliest not before it when the sentence
/// speaks of the future.
fn resolve(article: Day, month: u8, day: u8, future: bool) -> Option<Day> {
    let candidates = [article.year() - 1, article.year(), article.year() + 1]
        .into_iter()
        .filter_map(|y| Day::from_ymd(y, month, day));
    if future {
        candidates.filter(|d| *d >= article).min()
    } else {
        candidates.filter(|d| *d <= article).max()
    }
}

fn resolve_month(article: Day, month: u8, future: bool) -> Option<Day> {
    let this_month = Day::from_ymd(article.year(), article.month(), 1)?;
    let candidates = [article.year() - 1, article.year(), article.year() + 1]
        .into_iter()
        .filter_map(|y| Day::from_ymd(y, month, 1));
    if future {
        candidates.filter(|d| *d >= this_month).min()
    } else {
        candidates.filter(|d| *d <= this_month).max()
    }
}

/// Whether the sentences of a block speak of the future, asked one sentence
/// at a time.
struct FutureSentences<'r, 't> {
    /// The block's tokens, in sentence order: a sentence's words are one
    /// slice.
    tokens: &'r [Token<'t>],
    /// The answer for the last sentence asked about, kept so that a
    /// sentence with many dates is read once.
    last_asked: Option<(usize, bool)>,
}

impl<'r, 't> FutureSentences<'r, 't> {
    /// Ready to answer for the sentences of `tokens`.
    fn new(tokens: &'r [Token<'t>]) -> Self {
        FutureSentences {
            tokens,
            last_asked: None,
        }
    }

    /// Whether sentence `s` speaks of the future: a word outside quote
    /// marks such as "will", "upcoming" or "tomorrow", or a "'ll".
    fn is_future(&mut self, s: usize) -> bool {
        if let Some((_, future)) = self.last_asked.filter(|&(asked, _)| asked == s) {
            return future;
        }
        let tokens = self.tokens;
        let from = tokens.partition_point(|t| t.sentence() < s);
        let to = tokens.partition_point(|t| t.sentence() <= s);
        let future = tokens[from..to]
            .iter()
            .filter(|t| t.quote().is_none())
            .any(|t| {
                FUTURE_CUES.iter().any(|c| t.is(c))
                    || t.text.ends_with("'ll")
                    || t.text.ends_with("\u{2019}ll")
            });
        self.last_asked = Some((s, future));
        future
    }
}

/// Every date told in `reading` outside quote marks, resolved against `article`.
pub fn find_dates(reading: &Reading<'_>, article: Day) -> Vec<DateMention> {
    let tokens = &reading.tokens;
    let mut out = Vec::new();
    let mut future = FutureSentences::new(tokens);
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t.quote().is_some() {
            i += 1;
            continue;
        }
        if let Some(month) = Some(())
            .filter(|_| t.is_capitalized())
            .and_then(|_| month_number(t.text))
        {
            i += month_date(tokens, i, month, article, &mut future, &mut out);
            continue;
        }
        if let Some(weekday) = Some(())
            .filter(|_| t.is_capitalized())
            .and_then(|_| weekday_number(t.text))
        {
            out.extend(weekday_date(tokens, i, weekday, article, &mut future));
            i += 1;
            continue;
        }
        if let Some(offset) = relative_offset(&t) {
            out.extend(date_mention(
                tokens,
                i,
                i,
                article.add_days(offset),
                Precision::Day,
            ));
        }
        i += 1;
    }
    out
}

/// The date told by tokens `first..=last`, when `day` is a real day.
fn date_mention(
    tokens: &[Token<'_>],
    first: usize,
    last: usize,
    day: Option<Day>,
    precision: Precision,
) -> Option<DateMention> {
    let t = &tokens[first];
    Some(DateMention {
        start: t.start(),
        end: tokens[last].end(),
        sentence: t.sentence(),
        day: day?,
        precision,
    })
}

/// Reads the date told by the month name at token `i` ("November 24",
/// "February 12, 2024", "February 2024", "in February") into `out`, and
/// says how many tokens it took.
fn month_date(
    tokens: &[Token<'_>],
    i: usize,
    month: u8,
    article: Day,
    future: &mut FutureSentences<'_, '_>,
    out: &mut Vec<DateMention>,
) -> usize {
    let t = &tokens[i];
    let next = tokens
        .get(i + 1)
        .filter(|n| n.quote().is_none() && n.sentence() == t.sentence());
    let after = tokens
        .get(i + 2)
        .filter(|n| n.quote().is_none() && n.sentence() == t.sentence());
    if let Some(day) = next.and_then(|n| day_number(n.text)) {
        if let Some(year) = after.and_then(|a| year_number(a.text)) {
            let day = Day::from_ymd(year, month, day);
            out.extend(date_mention(tokens, i, i + 2, day, Precision::Day));
            return 3;
        }
        let day = resolve(article, month, day, future.is_future(t.sentence()));
        out.extend(date_mention(tokens, i, i + 1, day, Precision::Day));
        return 2;
    }
    if let Some(year) = next.and_then(|n| year_number(n.text)) {
        let day = Day::from_ymd(year, month, 1);
        out.extend(date_mention(tokens, i, i + 1, day, Precision::Month));
        return 2;
    }
    let cued = i > 0
        && tokens[i - 1].sentence() == t.sentence()
        && MONTH_CUES.iter().any(|c| tokens[i - 1].is(c));
    if cued && t.text.len() > 3 {
        let future = future.is_future(t.sentence()) || tokens[i - 1].is("next");
        let day = resolve_month(article, month, future);
        out.extend(date_mention(tokens, i, i, day, Precision::Month));
    }
    1
}

/// The day told by the weekday at token `i` ("last Wednesday", "next
/// Friday"): the latest such day not after the article, or after "next" or
/// "this" in a sentence about the future the earliest not before it.
fn weekday_date(
    tokens: &[Token<'_>],
    i: usize,
    weekday: u8,
    article: Day,
    future: &mut FutureSentences<'_, '_>,
) -> Option<DateMention> {
    let t = &tokens[i];
    // "Wednesday, November 24" and "November 26, Friday" are told by
    // the month and day next to them.
    let near_month = tokens.iter().skip(i.saturating_sub(3)).take(7).any(|n| {
        n.sentence() == t.sentence() && month_number(n.text).is_some() && n.is_capitalized()
    });
    if near_month {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| tokens[p]);
    let future =
        prev.is_some_and(|p| p.is("next") || p.is("this")) && future.is_future(t.sentence());
    let today = i64::from(article.weekday_from_monday());
    let target = i64::from(weekday);
    let offset = if future {
        (target - today).rem_euclid(7)
    } else {
        let back = (today - target).rem_euclid(7);
        if prev.is_some_and(|p| p.is("last")) && back == 0 {
            -7
        } else {
            -back
        }
    };
    date_mention(tokens, i, i, article.add_days(offset), Precision::Day)
}

/// How many days from the article a word such as "today", "yesterday" or
/// "tomorrow" means, if it is one.
fn relative_offset(t: &Token<'_>) -> Option<i64> {
    if t.is("today") || t.is("tonight") {
        Some(0)
    } else if t.is("yesterday") {
        Some(-1)
    } else if t.is("tomorrow") {
        Some(1)
    } else {
        None
    }
}

/// The longest an event's text may be, in bytes, before it is cut to the
/// words around its date.
pub const MAX_EVENT_TEXT: usize = 500;

/// The text of the event told by `mention` in `block`: the sentence at
/// byte range `sentence`, or, when that is longer than [`MAX_EVENT_TEXT`],
/// the words around the date with `…` where the sentence was cut. The bound
/// keeps a sentence with thousands of dates from being copied thousands of
/// times.
pub fn event_text(block: &str, sentence: (usize, usize), mention: &DateMention) -> String {
    let (a, b) = sentence;
    if b - a <= MAX_EVENT_TEXT {
        return block[a..b].to_string();
    }
    let room = MAX_EVENT_TEXT.saturating_sub(mention.end - mention.start) / 2;
    let mut from = mention.start.saturating_sub(room).max(a);
    let mut to = (mention.end + room).min(b);
    while !block.is_char_boundary(from) {
        from += 1;
    }
    while !block.is_char_boundary(to) {
        to -= 1;
    }
    // Cut between words, never inside the date.
    if from > a {
        if let Some(space) = block[from..mention.start].find(char::is_whitespace) {
            from += space;
        }
    }
    if to < b {
        if let Some(space) = block[mention.end..to].rfind(char::is_whitespace) {
            to = mention.end + space;
        }
    }
    let mut text = String::with_capacity(to - from + 6);
    if from > a {
        text.push('\u{2026}');
    }
    text.push_str(block[from..to].trim());
    if to < b {
        text.push('\u{2026}');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::read;

    fn dates(text: &str, article: &str) -> Vec<String> {
        let article: Day = article.parse().unwrap();
        find_dates(&read(text), article)
            .iter()
            .map(|d| {
                let p = match d.precision {
                    Precision::Day => "day",
                    Precision::Month => "month",
                };
                format!("{} {p} {}", d.day, &text[d.start..d.end])
            })
            .collect()
    }

    #[test]
    fn long_sentences_give_the_words_around_the_date() {
        let text = "Short, on May 3, it ended.";
        let reading = read(text);
        let found = find_dates(&reading, "2021-11-26".parse().unwrap());
        assert_eq!(
            event_text(
                text,
                (reading.sentences[0].start, reading.sentences[0].end),
                &found[0]
            ),
            text
        );
        let long = format!(
            "{}on May 3 they met{}.",
            "and é so ".repeat(80),
            " and then".repeat(80)
        );
        let reading = read(&long);
        let found = find_dates(&reading, "2021-11-26".parse().unwrap());
        let cut = event_text(
            &long,
            (reading.sentences[0].start, reading.sentences[0].end),
            &found[0],
        );
        assert!(cut.len() <= MAX_EVENT_TEXT + 6, "{}", cut.len());
        assert!(
            cut.starts_with("\u{2026}é so") || cut.starts_with("\u{2026}so"),
            "{cut}"
        );
        assert!(
            cut.contains(" on May 3 they met ") && cut.ends_with("then\u{2026}"),
            "{cut}"
        );
    }

    #[test]
    fn month_and_day_resolve_to_the_past() {
        assert_eq!(
            dates("last Wednesday, November 24, Ye said", "2021-11-26"),
            ["2021-11-24 day November 24"]
        );
        assert_eq!(
            dates("on December 30 they met", "2022-01-03"),
            ["2021-12-30 day December 30"]
        );
        assert_eq!(
            dates("She will tour on March 9th.", "2024-03-05"),
            ["2024-03-09 day March 9th"]
        );
    }

    #[test]
    fn months_alone_need_a_cue() {
        assert_eq!(
            dates("despite her filing a divorce in February", "2021-11-26"),
            ["2021-02-01 month February"]
        );
        assert_eq!(
            dates("in November they split", "2024-03-05"),
            ["2023-11-01 month November"]
        );
        assert_eq!(
            dates("March on, said May", "2024-03-05"),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("in March 2019 it began", "2024-03-05"),
            ["2019-03-01 month March 2019"]
        );
    }

    #[test]
    fn full_dates_weekdays_and_relative_words() {
        assert_eq!(
            dates("on February 12, 2024 at noon", "2024-03-05"),
            ["2024-02-12 day February 12, 2024"]
        );
        // 2021-11-26 was a Friday.
        assert_eq!(
            dates("last Wednesday he spoke", "2021-11-26"),
            ["2021-11-24 day Wednesday"]
        );
        assert_eq!(
            dates("posted one afternoon of November 26, Friday,", "2021-11-26"),
            ["2021-11-26 day November 26"]
        );
        assert_eq!(
            dates("yesterday and today", "2021-11-26"),
            ["2021-11-25 day yesterday", "2021-11-26 day today"]
        );
        assert_eq!(
            dates("She said \"see you tomorrow\"", "2021-11-26"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn attribution_dates() {
        assert_eq!(
            parse_month_day_year("November 26, 2021"),
            Some(Ok(Day::from_ymd(2021, 11, 26).unwrap()))
        );
        assert!(matches!(
            parse_month_day_year("February 30, 2021"),
            Some(Err(_))
        ));
        assert_eq!(parse_month_day_year("November 26 2021"), None);
        assert_eq!(month_number("Nov"), Some(11));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Mar"), None);
    }
}
