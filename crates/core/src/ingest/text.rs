//! The low-level reading of one block of prose: words with their byte
//! ranges, the spans inside quote marks, and sentence boundaries.

/// One word of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word as written, without a possessive `'s`.
    pub text: &'t str,
    /// Byte offset of the word in the block.
    pub start: usize,
    /// Byte offset just past the word (and past its `'s`, if any).
    pub end: usize,
    /// Index of the sentence the word belongs to.
    pub sentence: usize,
    /// Index of the quote span the word is inside, if any.
    pub quote: Option<usize>,
    /// Whether a comma stands right before the word.
    pub after_comma: bool,
}

impl Token<'_> {
    /// Whether the word starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word equals `word`, ignoring ASCII case.
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

/// A stretch of text between quote marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark.
    pub close: usize,
    /// First byte inside the marks.
    pub inner_start: usize,
    /// One past the last byte inside the marks (the closing mark's offset).
    pub inner_end: usize,
}

/// A block read into words, quote spans and sentences.
#[derive(Debug)]
pub struct Reading<'t> {
    /// The block's text.
    pub text: &'t str,
    /// Its words, in order.
    pub tokens: Vec<Token<'t>>,
    /// Its quote spans, in order.
    pub quotes: Vec<QuoteSpan>,
    /// Byte ranges of its sentences, in order.
    pub sentences: Vec<(usize, usize)>,
    /// Byte offset of a quote mark that is never closed, if any.
    pub unterminated: Option<usize>,
}

const ABBREVIATIONS: [&str; 12] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "vs", "Prof", "Gen", "Sen", "Rep",
];

/// Reads `text` into words, quote spans and sentences.
pub fn read(text: &str) -> Reading<'_> {
    let (quotes, unterminated) = quote_spans(text);
    let sentences = sentences(text, &quotes);
    let tokens = tokens(text, &quotes, &sentences);
    Reading {
        text,
        tokens,
        quotes,
        sentences,
        unterminated,
    }
}

/// Pairs quote marks: curly `“ ”` pair with each other, straight `"` open and
/// close in turn. Single quotes are left alone, as they double as apostrophes.
fn quote_spans(text: &str) -> (Vec<QuoteSpan>, Option<usize>) {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('\u{201C}', None) | ('"', None) => open = Some((i, c)),
            ('\u{201D}', Some((start, '\u{201C}'))) | ('"', Some((start, '"'))) => {
                let open_len = if text[start..].starts_with('"') { 1 } else { 3 };
                spans.push(QuoteSpan {
                    open: start,
                    close: i,
                    inner_start: start + open_len,
                    inner_end: i,
                });
                open = None;
            }
            // A curly opening inside an open curly quote: the first was never
            // closed; start over from here.
            ('\u{201C}', Some((_, '\u{201C}'))) => open = Some((i, c)),
            _ => {}
        }
    }
    (spans, open.map(|(i, _)| i))
}

fn inside_quote(quotes: &[QuoteSpan], at: usize) -> Option<usize> {
    let i = quotes.partition_point(|q| q.close < at);
    quotes
        .get(i)
        .filter(|q| q.open < at && at < q.close)
        .map(|_| i)
}

/// Splits at `.`, `!` or `?` followed by white space (or a closing quote and
/// white space) outside quotes, except after common abbreviations and initials.
fn sentences(text: &str, quotes: &[QuoteSpan]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && inside_quote(quotes, i).is_none() {
            let mut end = i + 1;
            // Let closing quotes and brackets stay with their sentence.
            while end < bytes.len() && matches!(bytes[end], b'"' | b')') {
                end += 1;
            }
            if text[end..].starts_with('\u{201D}') {
                end += 3;
            }
            let followed_by_space = end >= bytes.len() || bytes[end].is_ascii_whitespace();
            if followed_by_space && b != b'?' && is_abbreviation(&text[start..i], b) {
                i += 1;
                continue;
            }
            if followed_by_space {
                out.push((start, end));
                start = end;
                i = end;
                continue;
            }
        }
        // Quotes that end a sentence with their own punctuation ("...?" she
        // asked) do not split: the sentence goes on to the attribution.
        i += 1;
    }
    if text[start..].trim().is_empty() {
        if let Some(last) = out.last_mut() {
            last.1 = text.len();
        }
    } else {
        out.push((start, text.len()));
    }
    // Trim leading white space of each sentence.
    for s in &mut out {
        let skipped = text[s.0..s.1].len() - text[s.0..s.1].trim_start().len();
        s.0 += skipped;
    }
    out
}

/// Whether the `.` or `!` after `before` ends an abbreviation ("Mr.", an
/// initial, "E! News") rather than a sentence.
fn is_abbreviation(before: &str, mark: u8) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let initial = word.len() == 1 && word.chars().all(char::is_uppercase);
    initial || (mark == b'.' && ABBREVIATIONS.contains(&word))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn tokens<'t>(text: &'t str, quotes: &[QuoteSpan], sentences: &[(usize, usize)]) -> Vec<Token<'t>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut sentence = 0;
    let mut last_punct: Option<char> = None;
    let mut next_quote = 0;
    while let Some((i, c)) = chars.next() {
        if !is_word_char(c) {
            if !c.is_whitespace() {
                last_punct = Some(c);
            }
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        // Inner hyphens, apostrophes and decimal points join words:
        // "44-year-old", "We've", "2.0".
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            let joiner = matches!(d, '-' | '\'' | '\u{2019}' | '.' | '&');
            let next_is_word = text[j + d.len_utf8()..]
                .chars()
                .next()
                .is_some_and(is_word_char);
            let decimal_ok = d != '.'
                || (text[..j].ends_with(|x: char| x.is_ascii_digit())
                    && text[j + 1..].starts_with(|x: char| x.is_ascii_digit()));
            if joiner && next_is_word && decimal_ok {
                chars.next();
                continue;
            }
            break;
        }
        while sentence + 1 < sentences.len() && start >= sentences[sentence].1 {
            sentence += 1;
        }
        let word = &text[start..end];
        let base = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"))
            .filter(|b| !b.is_empty())
            .unwrap_or(word);
        while next_quote < quotes.len() && quotes[next_quote].close < start {
            next_quote += 1;
        }
        let quote = quotes
            .get(next_quote)
            .filter(|q| q.open < start && start < q.close)
            .map(|_| next_quote);
        out.push(Token {
            text: base,
            start,
            end,
            sentence,
            quote,
            after_comma: last_punct == Some(','),
        });
        last_punct = None;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_spans_straight_and_curly() {
        let text = "He said, \u{201C}Hi, you.\u{201D} Then \"DONDA\" and \"open";
        let r = read(text);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(
            &text[r.quotes[0].inner_start..r.quotes[0].inner_end],
            "Hi, you."
        );
        assert_eq!(
            &text[r.quotes[1].inner_start..r.quotes[1].inner_end],
            "DONDA"
        );
        assert_eq!(r.unterminated, Some(text.rfind('"').unwrap()));
    }

    #[test]
    fn sentences_respect_quotes_and_abbreviations() {
        let text = "Mr. West spoke. \"We made mistakes. I did,\" he said! Was it Dr. K. Lee? Yes";
        let r = read(text);
        let got: Vec<&str> = r.sentences.iter().map(|&(a, b)| &text[a..b]).collect();
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
    fn tokens_join_inner_marks_and_strip_possessives() {
        let r = read("The 44-year-old rapper's KimYe 2.0, West\u{2019}s \"DONDA\" We've.");
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
                "We've"
            ]
        );
        assert!(r.tokens[5].after_comma);
        assert_eq!(r.tokens[6].quote, Some(0));
        assert_eq!(r.tokens[5].quote, None);
    }
}
