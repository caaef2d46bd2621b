//! The low-level reading of one block of prose: words with their byte
//! ranges and classes, the spans inside quote marks, and sentences.
//!
//! Quote marks are read as they appear in the wild: straight and curly
//! double quotes, UK-style single quotes told apart from apostrophes
//! (`Roe's`, `'90s`, `rock 'n' roll`, `the Joneses' house`), and a mark
//! facing the wrong way (`”I hope`) read by where it stands, not by its
//! shape.

use super::words::{class_of, Class};

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Starts with a lowercase letter.
    Lower,
    /// Starts with an uppercase letter and is not all uppercase.
    Capital,
    /// All its letters are uppercase, and it has two or more.
    Upper,
    /// Starts with a digit or another character.
    Other,
}

/// The punctuation between a word and the one before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gap(u8);

impl Gap {
    /// A comma.
    pub const COMMA: Gap = Gap(1);
    /// A colon.
    pub const COLON: Gap = Gap(2);
    /// A dash (`-`, `–`, `—` standing alone).
    pub const DASH: Gap = Gap(4);
    /// An opening or closing bracket.
    pub const BRACKET: Gap = Gap(8);
    /// The end of a sentence or a semicolon.
    pub const STOP: Gap = Gap(16);
    /// A quote mark.
    pub const QUOTE: Gap = Gap(32);
    /// Any other punctuation (`@`, `#`, `/`, ...).
    pub const OTHER: Gap = Gap(64);

    /// Whether any of `other` is in the gap.
    pub fn has(self, other: Gap) -> bool {
        self.0 & other.0 != 0
    }

    /// Both gaps' punctuation.
    pub const fn or(self, other: Gap) -> Gap {
        Gap(self.0 | other.0)
    }

    /// Whether there is no punctuation at all.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the gap breaks a phrase (anything but nothing).
    pub fn breaks(self) -> bool {
        self.0 != 0
    }
}

/// One word of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word as written, without a possessive `'s` or `s'`.
    pub text: &'t str,
    // Offsets and indexes in 32 bits: a block is read only when its text
    // fits them (see [`read`]), and a reading's tokens, kept for a whole
    // run, take two thirds of the memory they would in 64.
    start: u32,
    end: u32,
    sentence: u32,
    /// The quote span's index plus one; 0 outside quotes.
    quote: u32,
    /// The punctuation between the word before and this one.
    pub gap: Gap,
    /// What the word can be.
    pub class: Class,
    /// How it is capitalised.
    pub case: Case,
    /// Whether it ends in a possessive (`Roe's`, `Jones'`).
    pub possessive: bool,
    /// Whether `@` or `#` stands right before it (a handle or hashtag).
    pub tagged: bool,
}

impl std::ops::BitOr for Gap {
    type Output = Gap;
    fn bitor(self, other: Gap) -> Gap {
        self.or(other)
    }
}

impl Token<'_> {
    /// Byte offset of the word in the block.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset just past the word (and past its `'s`, if any).
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Index of the sentence the word belongs to.
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// Index of the quote span the word is inside, if any.
    pub fn quote(&self) -> Option<usize> {
        (self.quote as usize).checked_sub(1)
    }

    /// Whether the word starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        matches!(self.case, Case::Capital | Case::Upper)
    }

    /// Whether the word equals `word`, ignoring ASCII case.
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    /// Whether the word has any flag of `class`.
    pub fn has(&self, class: Class) -> bool {
        self.class.has(class)
    }

    /// Whether a comma stands right before the word.
    pub fn after_comma(&self) -> bool {
        self.gap.has(Gap::COMMA)
    }
}

/// A stretch of text between quote marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark (the block's length when unclosed).
    pub close: usize,
    /// First byte inside the marks.
    pub inner_start: usize,
    /// One past the last byte inside the marks.
    pub inner_end: usize,
    /// Whether the marks are single quotes.
    pub single: bool,
    /// Whether a closing mark was found; an unclosed span runs to the end
    /// of the block.
    pub closed: bool,
}

/// A sentence of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether it is written in title case, as headlines are: then a
    /// capital tells nothing about names or titles.
    pub title_case: bool,
}

/// A block read into words, quote spans and sentences.
#[derive(Debug)]
pub struct Reading<'t> {
    /// The block's text.
    pub text: &'t str,
    /// Its words, in order.
    pub tokens: Vec<Token<'t>>,
    /// Its quote spans, in order; they do not overlap.
    pub quotes: Vec<QuoteSpan>,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Where each sentence's tokens start; one more entry for the end.
    sentence_starts: Vec<usize>,
}

impl Reading<'_> {
    /// The quote span that runs to the end of the block without a closing
    /// mark, if any.
    pub fn unclosed(&self) -> Option<&QuoteSpan> {
        self.quotes.last().filter(|q| !q.closed)
    }

    /// Whether the block opens with a quote mark.
    pub fn opens_with_quote(&self) -> bool {
        self.quotes.first().is_some_and(|q| {
            self.text[..q.open]
                .chars()
                .all(|c| c.is_whitespace() || c == '(' || c == '[')
        })
    }

    /// The index of the sentence holding byte `at`.
    pub fn sentence_at(&self, at: usize) -> usize {
        let s = self.sentences.partition_point(|s| s.end <= at);
        s.min(self.sentences.len().saturating_sub(1))
    }

    /// The tokens of sentence `s`, as a range of token indexes.
    pub fn sentence_tokens(&self, s: usize) -> std::ops::Range<usize> {
        self.sentence_starts[s]..self.sentence_starts[s + 1]
    }

    /// The quoted words of span `q`, without the marks.
    pub fn inner(&self, q: usize) -> &str {
        let span = &self.quotes[q];
        &self.text[span.inner_start..span.inner_end]
    }
}

/// The longest block [`read`] takes: its offsets are kept in 32 bits
/// (layout refuses a longer article).
pub const LONGEST_BLOCK: usize = u32::MAX as usize;

/// Reads `text` into words, quote spans and sentences; a text over
/// [`LONGEST_BLOCK`] is read up to there.
pub fn read(text: &str) -> Reading<'_> {
    let text = match u32::try_from(text.len()) {
        Ok(_) => text,
        Err(_) => {
            let mut cut = LONGEST_BLOCK;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            &text[..cut]
        }
    };
    let quotes = quote_spans(text);
    let mut sentences = sentences(text, &quotes);
    let tokens = tokens(text, &quotes, &sentences);
    mark_title_case(&tokens, &mut sentences);
    let mut sentence_starts = Vec::with_capacity(sentences.len() + 1);
    for s in 0..=sentences.len() {
        sentence_starts.push(tokens.partition_point(|t| t.sentence() < s));
    }
    Reading {
        text,
        tokens,
        quotes,
        sentences,
        sentence_starts,
    }
}

/// What a quote mark's neighbours say it does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn opens_space(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '\u{2026}'
            )
    })
}

fn closes_space(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '\u{2026}'
            )
    })
}

fn role_of(text: &str, at: usize, mark: char) -> Role {
    let before = text[..at].chars().next_back();
    let after = text[at + mark.len_utf8()..].chars().next();
    match (opens_space(before), closes_space(after)) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => match mark {
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => Role::Open,
            '\u{201D}' | '\u{00BB}' => Role::Close,
            _ => Role::Either,
        },
    }
}

/// Quote spans: double marks first, then single marks outside them.
fn quote_spans(text: &str) -> Vec<QuoteSpan> {
    let mut spans = double_spans(text);
    let singles = single_spans(text, &spans);
    if !singles.is_empty() {
        spans.extend(singles);
        spans.sort_by_key(|s| s.open);
        // A span inside another is part of it (a quote within a quote).
        let mut kept: Vec<QuoteSpan> = Vec::with_capacity(spans.len());
        for s in spans {
            match kept.last() {
                Some(last) if s.open < last.close => {}
                _ => kept.push(s),
            }
        }
        spans = kept;
    }
    spans
}

fn span(open: usize, open_len: usize, close: usize, single: bool, closed: bool) -> QuoteSpan {
    QuoteSpan {
        open,
        close,
        inner_start: open + open_len,
        inner_end: close,
        single,
        closed,
    }
}

/// The first byte at or after `from` that is one of `set`, or the length
/// of `bytes`. Eight bytes are tested at a step: prose is skipped fast.
pub fn find_any<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A byte of `set` is a zero byte of `word ^ b`; the lowest flagged
        // byte of the zero-byte test is always a real one.
        let hit = set.iter().fold(0, |hit, &b| {
            let x = word ^ (ONES * u64::from(b));
            hit | (x.wrapping_sub(ONES) & !x & HIGH)
        });
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|b| set.contains(b))
        .map_or(bytes.len(), |k| i + k)
}

/// The marks among `marks` in `text`, with their byte offsets. Only bytes
/// that can start one are decoded (`ascii`, the ASCII mark, and the lead
/// bytes of the others), found eight bytes at a step.
fn marks<'a>(
    text: &'a str,
    ascii: u8,
    marks: &'a [char],
) -> impl Iterator<Item = (usize, char)> + 'a {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        // Every mark but the ASCII one has a lead byte of 0xC2 or 0xE2.
        i = find_any(bytes, i, [ascii, 0xE2, 0xC2]);
        let at = i;
        let c = text.get(at..)?.chars().next()?;
        i += c.len_utf8();
        if c == char::from(ascii) || marks.contains(&c) {
            return Some((at, c));
        }
    })
}

fn double_spans(text: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let others = ['\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}'];
    for (i, c) in marks(text, b'"', &others) {
        let role = role_of(text, i, c);
        match (role, open) {
            (Role::Open, None) | (Role::Either, None) => open = Some((i, c.len_utf8())),
            (Role::Close, Some((start, len))) | (Role::Either, Some((start, len))) => {
                spans.push(span(start, len, i, false, true));
                open = None;
            }
            // An opening mark while one is open: the first was never
            // closed; start over from here.
            (Role::Open, Some(_)) => open = Some((i, c.len_utf8())),
            (Role::Close, None) => {}
        }
    }
    if let Some((start, len)) = open {
        spans.push(span(start, len, text.len(), false, false));
    }
    spans
}

/// Words that start with an apostrophe standing for left-out letters.
const ELISIONS: [&str; 12] = [
    "tis", "twas", "em", "cause", "cos", "til", "till", "bout", "round", "n", "nuff", "kay",
];

fn is_elision(after: &str) -> bool {
    let word: &str = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        // '90s, '22
        return word.len() <= 3;
    }
    ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e))
}

fn single_spans(text: &str, doubles: &[QuoteSpan]) -> Vec<QuoteSpan> {
    let inside_double = |at: usize| {
        let i = doubles.partition_point(|d| d.close < at);
        doubles.get(i).is_some_and(|d| d.open < at && at <= d.close)
    };
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // A closing mark after an "s" ("the Joneses' house") may be a plural
    // possessive: kept as a fallback until a better one comes.
    let mut weak_close: Option<usize> = None;
    for (i, c) in marks(text, b'\'', &['\u{2018}', '\u{2019}']) {
        if inside_double(i) {
            continue;
        }
        let before = text[..i].chars().next_back();
        let rest = &text[i + c.len_utf8()..];
        let after = rest.chars().next();
        let opener = c != '\u{2019}'
            && opens_space(before)
            && after.is_some_and(|a| {
                a.is_alphanumeric()
                    || matches!(a, '[' | '(' | '\u{2026}' | '.')
                    || (c == '\u{2018}'
                        && a == ' '
                        && rest.trim_start().starts_with(char::is_uppercase))
            })
            && !is_elision(rest);
        let closer = c != '\u{2018}'
            && before.is_some_and(|b| !b.is_whitespace())
            && closes_space(after)
            && !(before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric));
        match open {
            None if opener => {
                open = Some(i);
                weak_close = None;
            }
            Some(start) if closer => {
                let weak = before.is_some_and(|b| b == 's' || b == 'S')
                    && after == Some(' ')
                    && rest[1..].starts_with(|c: char| c.is_alphanumeric());
                if weak {
                    weak_close = Some(i);
                } else {
                    spans.push(span(start, 1, i, true, true).with_len(text, start));
                    open = None;
                    weak_close = None;
                }
            }
            Some(start) if opener => {
                // A new opening mark: close at the fallback, or start over.
                if let Some(w) = weak_close.take() {
                    spans.push(span(start, 1, w, true, true).with_len(text, start));
                }
                open = Some(i);
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        match weak_close {
            Some(w) => spans.push(span(start, 1, w, true, true).with_len(text, start)),
            None => spans.push(span(start, 1, text.len(), true, false).with_len(text, start)),
        }
    }
    spans
}

impl QuoteSpan {
    /// Corrects `inner_start` for the byte length of the opening mark.
    fn with_len(mut self, text: &str, open: usize) -> QuoteSpan {
        let len = text[open..].chars().next().map_or(1, char::len_utf8);
        self.inner_start = open + len;
        self
    }
}

const ABBREVIATIONS: [&str; 38] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "vs", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt",
    "Col", "Capt", "Sgt", "Rev", "Inc", "Corp", "Ltd", "Co", "No", "Jan", "Feb", "Mar", "Apr",
    "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Mt", "Ft", "approx", "etc", "Wed",
];

fn inside_quote(quotes: &[QuoteSpan], at: usize) -> bool {
    let i = quotes.partition_point(|q| q.close < at);
    quotes.get(i).is_some_and(|q| q.open < at && at < q.close)
}

/// Splits at `.`, `!` or `?` followed by white space and a word that can
/// start a sentence, outside quotes, except after common abbreviations and
/// initials; and after a quote that ends its own sentence when the words
/// after it start a new one (`"I'm done." He left.`), not when they
/// attribute it (`"Wow!" Lee exclaimed`).
fn sentences(text: &str, quotes: &[QuoteSpan]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut next_quote = 0;
    let mut i = 0;
    let stops = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b';');
    while i < bytes.len() {
        while next_quote < quotes.len() && quotes[next_quote].close < i {
            next_quote += 1;
        }
        let close = quotes
            .get(next_quote)
            .filter(|q| q.closed)
            .map_or(usize::MAX, |q| q.close);
        let b = bytes[i];
        if i != close && !stops(&b) {
            // Nothing can end here: on to the next stop or closing mark.
            i = find_any(bytes, i, [b'.', b'!', b'?', b';']).min(close);
            continue;
        }
        if i == close {
            let q = &quotes[next_quote];
            let mark_len = text[i..].chars().next().map_or(1, char::len_utf8);
            let inner = text[q.inner_start..q.inner_end].trim_end();
            let end = i + mark_len;
            if inner.ends_with(['.', '!', '?']) && starts_new_sentence(&text[end..]) {
                out.push((start, end));
                start = end;
            }
            i = end;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?' | b';') && !inside_quote(quotes, i) {
            if let Some(end) = end_at_stop(text, start, i) {
                out.push((start, end));
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if text[start..].trim().is_empty() {
        if let Some(last) = out.last_mut() {
            last.1 = text.len();
        }
    } else {
        out.push((start, text.len()));
    }
    if out.is_empty() {
        out.push((0, text.len()));
    }
    out.into_iter()
        .map(|(a, b)| {
            let skipped = text[a..b].len() - text[a..b].trim_start().len();
            Sentence {
                start: a + skipped,
                end: b,
                title_case: false,
            }
        })
        .collect()
}

/// Where the sentence that began at `start` ends when the stop mark at `i`
/// ends it: past the mark and any marks or closing bracket right after it.
/// It does not end there when no space follows, when the next word is
/// lowercase (after anything but `;`), or when the mark ends an
/// abbreviation.
fn end_at_stop(text: &str, start: usize, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let mut end = i + 1;
    while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b')') {
        end += 1;
    }
    let rest = &text[end..];
    let followed = rest.is_empty() || rest.starts_with(char::is_whitespace);
    let next_ok = b == b';' || sentence_can_start(rest);
    // "Mr.", "Nov.", and "E! News".
    let abbreviation = match b {
        b'.' => is_abbreviation(&text[start..i]),
        b'!' => {
            text[..i].ends_with(|c: char| c.is_uppercase())
                && text[..i]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.len() == 1)
        }
        _ => false,
    };
    (followed && next_ok && !abbreviation).then_some(end)
}

/// Whether the text after a sentence mark starts another sentence: its next
/// word is not lowercase.
fn sentence_can_start(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_none_or(|c| !c.is_lowercase())
}

/// Whether the words after a quote ending in `.`, `!` or `?` start a new
/// sentence rather than attributing the quote.
fn starts_new_sentence(rest: &str) -> bool {
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return false;
    }
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    // Another quote starts another sentence.
    if matches!(first, '"' | '\u{201C}' | '\u{2018}' | '\'') {
        return true;
    }
    if !first.is_uppercase() {
        return false;
    }
    let words: Vec<&str> = trimmed
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let Some(head) = words.first() else {
        return false;
    };
    let head_class = class_of(head);
    if head_class.has(Class::SUBJECT_PRONOUN) {
        return true;
    }
    // "Added another," / "Lee exclaimed" / "The actor said": an
    // attribution when a speech verb comes within the next few words,
    // unless the verb leads into a quote of its own ("The source added,
    // "...""), which starts a new sentence.
    let verb = words.iter().take(4).position(|w| {
        class_of(w).has(Class::SPEECH)
            && (w.chars().next().is_some_and(char::is_lowercase) || w == head)
    });
    match verb {
        None => true,
        Some(k) => {
            let word = words[k];
            let at = trimmed.find(word).map_or(0, |i| i + word.len());
            let after = &trimmed[at..];
            // "Roe wrote that ...": reported speech, a sentence of its own.
            if after.trim_start().starts_with("that ") {
                return true;
            }
            // What stands between the verb and the next quote mark: a few
            // words ending in a comma or colon lead into that quote.
            let mark = after.find(['"', '\u{201C}', '\u{2018}', '\u{201D}']);
            mark.is_some_and(|m| {
                let between = after[..m].trim_end();
                between.len() <= 40 && between.ends_with([',', ':'])
            })
        }
    }
}

/// Whether the `.` after `before` ends an abbreviation ("Mr.", an
/// initial, "Nov.") rather than a sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = before.len() >= 2 && before[..before.len() - word.len()].ends_with('.');
    initial || (dotted && word.len() == 1) || ABBREVIATIONS.contains(&word)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn case_of(word: &str) -> Case {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return match bytes.first() {
            Some(b) if b.is_ascii_lowercase() => Case::Lower,
            Some(b) if b.is_ascii_uppercase() => {
                let mut letters = bytes.iter().filter(|b| b.is_ascii_alphabetic());
                let all_upper = letters.clone().all(u8::is_ascii_uppercase);
                if all_upper && letters.nth(1).is_some() {
                    Case::Upper
                } else {
                    Case::Capital
                }
            }
            _ => Case::Other,
        };
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => Case::Lower,
        Some(c) if c.is_uppercase() => {
            let mut letters = 1;
            let mut upper = true;
            for c in chars {
                if c.is_alphabetic() {
                    letters += 1;
                    upper &= c.is_uppercase();
                }
            }
            if upper && letters >= 2 {
                Case::Upper
            } else {
                Case::Capital
            }
        }
        _ => Case::Other,
    }
}

fn gap_of(between: &str) -> Gap {
    if between == " " {
        return Gap::default();
    }
    let mut gap = Gap::default();
    for c in between.chars() {
        let g = match c {
            ',' => Gap::COMMA,
            ':' => Gap::COLON,
            '-' | '\u{2013}' | '\u{2014}' => Gap::DASH,
            '(' | ')' | '[' | ']' => Gap::BRACKET,
            '.' | '!' | '?' | ';' | '\u{2026}' => Gap::STOP,
            '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{00AB}'
            | '\u{00BB}' | '\u{201E}' => Gap::QUOTE,
            c if c.is_whitespace() => Gap::default(),
            _ => Gap::OTHER,
        };
        gap.0 |= g.0;
    }
    gap
}

/// Whether a single-quote span closes at byte `at`.
fn closes_single(quotes: &[QuoteSpan], at: usize) -> bool {
    let i = quotes.partition_point(|q| q.close < at);
    quotes.get(i).is_some_and(|q| q.single && q.close == at)
}

/// The character at byte `i` of `text` and its length; ASCII is read
/// without decoding.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// The end of the word that starts at `start`: word characters, joined
/// across inner hyphens, apostrophes and decimal points ("44-year-old",
/// "We've", "2.0") and dotted initials ("U.S"), but not across an
/// apostrophe that closes a single quote.
fn word_end(text: &str, start: usize, quotes: &[QuoteSpan]) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while let Some((d, len)) = char_at(text, end) {
        if is_word_char(d) {
            end += len;
            continue;
        }
        let next = char_at(text, end + len).map(|(c, _)| c);
        let next_is_word = next.is_some_and(is_word_char);
        let joins = match d {
            '-' | '\'' | '\u{2019}' | '&' => next_is_word,
            '.' => {
                let upper_then_dot = next.is_some_and(|x| x.is_ascii_uppercase())
                    && bytes.get(end + 2) == Some(&b'.');
                let digits =
                    bytes[end - 1].is_ascii_digit() && next.is_some_and(|x| x.is_ascii_digit());
                let initials =
                    end - start == 1 && bytes[start].is_ascii_uppercase() && upper_then_dot;
                let dotted = end - start >= 3 && bytes[end - 2] == b'.' && upper_then_dot;
                digits || initials || dotted
            }
            _ => false,
        };
        // A closing single quote is not an apostrophe inside a word.
        let closes_quote = matches!(d, '\'' | '\u{2019}') && closes_single(quotes, end);
        if !joins || closes_quote {
            break;
        }
        end += len;
    }
    end
}

fn tokens<'t>(text: &'t str, quotes: &[QuoteSpan], sentences: &[Sentence]) -> Vec<Token<'t>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut sentence = 0;
    let mut next_quote = 0;
    let mut last_end = 0;
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if !is_word_char(c) {
            i += len;
            continue;
        }
        let start = i;
        let end = word_end(text, start, quotes);
        while sentence + 1 < sentences.len() && start >= sentences[sentence].end {
            sentence += 1;
        }
        let word = &text[start..end];
        let mut base = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"))
            .filter(|b| !b.is_empty())
            .unwrap_or(word);
        let mut possessive = base.len() < word.len();
        let mut token_end = end;
        // "Jones' house": a plural possessive, unless the mark closes a quote.
        if !possessive && word.ends_with(['s', 'S']) {
            if let Some(('\'' | '\u{2019}', mark_len)) = char_at(text, end) {
                if text.as_bytes().get(end + mark_len) == Some(&b' ') && !closes_single(quotes, end)
                {
                    possessive = true;
                    token_end = end + mark_len;
                }
            }
        }
        if base.ends_with('.') {
            base = base.trim_end_matches('.');
        }
        while next_quote < quotes.len() && quotes[next_quote].close < start {
            next_quote += 1;
        }
        let quote = quotes
            .get(next_quote)
            .filter(|q| q.open < start && start < q.close)
            .map(|_| next_quote);
        let between = &text[last_end..start];
        // Within 32 bits: `read` takes no text longer.
        out.push(Token {
            text: base,
            start: start as u32,
            end: token_end as u32,
            sentence: sentence as u32,
            quote: quote.map_or(0, |q| q as u32 + 1),
            gap: gap_of(between),
            class: super::words::class_in(text, start, start + base.len()),
            case: case_of(base),
            possessive,
            tagged: between.ends_with(['@', '#']),
        });
        last_end = token_end;
        i = token_end;
    }
    out
}

/// Marks sentences written in title case: three or more capitalised words
/// outside quotes and no lowercase word but small ones (articles,
/// prepositions, conjunctions), as headlines are written.
fn mark_title_case(tokens: &[Token<'_>], sentences: &mut [Sentence]) {
    let mut counts = vec![(0usize, false); sentences.len()];
    for t in tokens {
        if t.quote().is_some() || t.case == Case::Other {
            continue;
        }
        let entry = &mut counts[t.sentence()];
        if t.is_capitalized() {
            entry.0 += 1;
        } else if !(t.text.len() <= 4
            && t.has(
                Class::PREPOSITION | Class::DETERMINER | Class::CONJUNCTION | Class::AUXILIARY,
            ))
        {
            entry.1 = true;
        }
    }
    for (s, (capitals, lowercase_word)) in sentences.iter_mut().zip(counts) {
        s.title_case = capitals >= 3 && !lowercase_word;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let r = read(text);
        r.quotes
            .iter()
            .map(|q| &text[q.inner_start..q.inner_end])
            .collect()
    }

    #[test]
    fn bytes_are_found_eight_at_a_step_as_one_at_a_time() {
        let text = "Lead. \u{201C}Quote\u{201D}! Then? a;b... end \"x\" \u{2019}90s";
        let bytes = text.as_bytes();
        let set = [b'.', b'!', b'?', b';', 0xE2];
        for from in 0..=bytes.len() {
            let slow = bytes[from..]
                .iter()
                .position(|b| set.contains(b))
                .map_or(bytes.len(), |k| from + k);
            assert_eq!(find_any(bytes, from, set), slow, "from {from}");
        }
        assert_eq!(find_any(b"", 0, [b'.']), 0);
    }

    #[test]
    fn quote_spans_straight_and_curly() {
        let text = "He said, \u{201C}Hi, you.\u{201D} Then \"DONDA\" and \"open";
        let r = read(text);
        assert_eq!(quoted(text), ["Hi, you.", "DONDA", "open"]);
        assert!(!r.quotes[2].closed);
        assert_eq!(r.unclosed().map(|q| q.open), Some(text.rfind('"').unwrap()));
    }

    #[test]
    fn a_mark_facing_the_wrong_way_is_read_by_where_it_stands() {
        assert_eq!(
            quoted("She wrote: \u{201D}I hope so,\u{201D} and left."),
            ["I hope so,"]
        );
        assert_eq!(
            quoted("\u{201C}The disappointment is real,\" Lee said."),
            ["The disappointment is real,"]
        );
    }

    #[test]
    fn single_quotes_are_told_apart_from_apostrophes() {
        assert_eq!(
            quoted("'We are thrilled,' she said of Roe's rock 'n' roll band from the '90s."),
            ["We are thrilled,"]
        );
        assert_eq!(
            quoted("\u{2018}It\u{2019}s the Joneses\u{2019} house now,\u{2019} he said, as \u{2018}tis the season."),
            ["It\u{2019}s the Joneses\u{2019} house now,"]
        );
        assert_eq!(
            quoted("She called it 'shameful' and Travis' mum agreed."),
            ["shameful"]
        );
        // A quote within a quote is part of it.
        assert_eq!(
            quoted("\"She kept saying, 'I am not in your will,' again,\" he said."),
            ["She kept saying, 'I am not in your will,' again,"]
        );
        // A single quote that runs on to the end of the paragraph.
        let r = read("\u{2018}I was ashamed to admit it.");
        assert!(!r.quotes[0].closed);
    }

    #[test]
    fn sentences_respect_quotes_and_abbreviations() {
        let text = "Mr. West spoke. \"We made mistakes. I did,\" he said! Was it Dr. K. Lee? Yes";
        let r = read(text);
        let got: Vec<&str> = r.sentences.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            [
                "Mr. West spoke.",
                "\"We made mistakes. I did,\" he said!",
                "Was it Dr. K. Lee?",
                "Yes"
            ]
        );
    }

    #[test]
    fn a_finished_quote_ends_its_sentence_unless_attributed() {
        let text = "\"We are friends again.\" He added, \"Good.\" \"Wow!\" Lee exclaimed. The show starts at 8 p.m. and ends late.";
        let r = read(text);
        let got: Vec<&str> = r.sentences.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            [
                "\"We are friends again.\"",
                "He added, \"Good.\"",
                "\"Wow!\" Lee exclaimed.",
                "The show starts at 8 p.m. and ends late."
            ]
        );
    }

    #[test]
    fn title_case_sentences_are_marked() {
        let r =
            read("Amber Roe Calls The Ruling A 'Setback' For Women. She was sad about it today.");
        assert!(r.sentences[0].title_case);
        assert!(!r.sentences[1].title_case);
    }

    #[test]
    fn tokens_join_inner_marks_and_strip_possessives() {
        let r = read("The 44-year-old rapper's KimYe 2.0, West\u{2019}s \"DONDA\" We've the Joneses' U.S. #Tag @handle.");
        let words: Vec<&str> = r.tokens.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "The",
                "44-year-old",
                "rapper",
                "KimYe",
                "2.0",
                "West",
                "DONDA",
                "We've",
                "the",
                "Joneses",
                "U.S",
                "Tag",
                "handle"
            ]
        );
        assert!(r.tokens[5].after_comma());
        assert!(r.tokens[5].possessive && r.tokens[9].possessive);
        assert_eq!(r.tokens[6].quote(), Some(0));
        assert_eq!(r.tokens[5].quote(), None);
        assert!(r.tokens[11].tagged && r.tokens[12].tagged);
        assert_eq!(r.tokens[6].case, Case::Upper);
    }
}
