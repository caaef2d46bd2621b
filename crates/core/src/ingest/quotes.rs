//! Direct quotes: telling speech from quoted titles and terms, and finding
//! who said it and through which outlet.

use super::lexicon::CITING_WORDS;
use super::text::{QuoteSpan, Reading, Token};

/// Whom a resolved mention stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// A roster person, by index.
    Person(usize),
    /// A news outlet.
    Outlet(std::sync::Arc<str>),
    /// A pronoun with no one to refer to.
    Nobody,
}

/// A mention whose pronoun, if any, has been resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token (inclusive).
    pub last: usize,
    /// Whom it stands for.
    pub who: Who,
    /// Whether it is a pronoun.
    pub pronoun: bool,
}

/// The result of attributing one quote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker, a roster person index.
    pub speaker: Option<usize>,
    /// The outlet cited for the quote.
    pub via: Option<String>,
    /// Whether the sentence names the speaker's role itself (a speech verb
    /// with a subject, even an unknown one). When false, the caller may carry
    /// the speaker of the quote before.
    pub decided: bool,
}

const SPEECH_VERBS: [&str; 60] = [
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "exclaimed",
    "exclaiming",
    "added",
    "adding",
    "adds",
    "claimed",
    "claiming",
    "claims",
    "stated",
    "stating",
    "states",
    "wrote",
    "writing",
    "writes",
    "asked",
    "asking",
    "asks",
    "explained",
    "explaining",
    "explains",
    "shared",
    "sharing",
    "revealed",
    "revealing",
    "insisted",
    "insisting",
    "admitted",
    "admitting",
    "noted",
    "noting",
    "recalled",
    "recalling",
    "joked",
    "joking",
    "replied",
    "responded",
    "declared",
    "announced",
    "tweeted",
    "captioned",
    "mentioned",
    "reported",
    "reporting",
    "quipped",
    "gushed",
    "confessed",
    "teased",
    "continued",
    "posted",
    "commented",
    "answered",
    "agreed",
    "sang",
];

const ADVERBS: [&str; 22] = [
    "also",
    "still",
    "later",
    "then",
    "reportedly",
    "once",
    "has",
    "had",
    "have",
    "would",
    "recently",
    "even",
    "further",
    "simply",
    "publicly",
    "previously",
    "allegedly",
    "just",
    "finally",
    "once",
    "again",
    "afterwards",
];

const TITLE_CUES: [&str; 14] = [
    "headlining",
    "headlined",
    "headline",
    "titled",
    "entitled",
    "called",
    "dubbed",
    "named",
    "album",
    "film",
    "show",
    "series",
    "song",
    "hashtag",
];

const SMALL_WORDS: [&str; 14] = [
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "but", "by",
];

fn is_speech_verb(t: &Token<'_>) -> bool {
    SPEECH_VERBS.iter().any(|v| t.is(v))
}

fn is_adverb(t: &Token<'_>) -> bool {
    ADVERBS.iter().any(|v| t.is(v))
}

/// Whether the words between quote marks are a title or term that nobody
/// said ("SNL", "The King Of Staten Island", a headline) rather than speech.
pub fn is_title_or_term(inner: &str, words_before: &[Token<'_>]) -> bool {
    let inner = inner.trim().trim_end_matches([',', '.', ';', ':']);
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() <= 1 {
        return true;
    }
    if words_before
        .last()
        .is_some_and(|t| TITLE_CUES.iter().any(|c| t.is(c)))
    {
        return true;
    }
    let mut counted = 0;
    let mut capitalized = 0;
    for (i, word) in words.iter().enumerate() {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        let small = SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word));
        if small && i > 0 {
            continue;
        }
        counted += 1;
        if first.is_uppercase() {
            capitalized += 1;
        }
    }
    counted > 0 && words.len() <= 15 && capitalized * 4 >= counted * 3
}

/// Finds the speaker and outlet of quote `q` of `reading`.
pub fn attribute(reading: &Reading<'_>, mentions: &[Resolved], q: usize) -> Attribution {
    let tokens = &reading.tokens;
    let span: QuoteSpan = reading.quotes[q];
    // Sentences, tokens and mentions are in text order and do not overlap:
    // every look-up below is a bisection, so that a block with thousands of
    // quotes stays linear.
    let sentence_of = |at: usize| {
        let s = reading.sentences.partition_point(|&(_, b)| b <= at);
        reading
            .sentences
            .get(s)
            .filter(|&&(a, _)| a <= at)
            .map_or(0, |_| s)
    };
    let (s_open, s_close) = (sentence_of(span.open), sentence_of(span.close));
    let prev_close = q.checked_sub(1).map(|p| reading.quotes[p].close);
    let next_open = reading.quotes.get(q + 1).map(|n| n.open);
    // Tokens are in text order, so each window is a run found by bisection.
    // The windows stop at the quotes before and after this one.
    let past_prev = prev_close.map_or(0, |c| tokens.partition_point(|t| t.start <= c));
    let first_of_open = tokens
        .partition_point(|t| t.sentence < s_open)
        .max(past_prev);
    let at_open = tokens.partition_point(|t| t.start < span.open);
    let after_close = tokens.partition_point(|t| t.start <= span.close);
    let before_next = next_open.map_or(tokens.len(), |o| tokens.partition_point(|t| t.start < o));
    let end_of_close = tokens
        .partition_point(|t| t.sentence <= s_close)
        .min(before_next);
    let before: Vec<usize> = (first_of_open..at_open.max(first_of_open))
        .filter(|&i| tokens[i].quote.is_none())
        .collect();
    let mut after: Vec<usize> = (after_close..end_of_close.max(after_close))
        .filter(|&i| tokens[i].quote.is_none())
        .collect();
    // `"We are friends again." He added, ...`: a quote that ends its own
    // sentence, followed by a capitalised pronoun, is not attributed by
    // what follows (a name may still follow: `"Wow!" Lee exclaimed`).
    let inner = reading.text[span.inner_start..span.inner_end].trim_end();
    let ends_sentence = inner.ends_with(['.', '!', '?']);
    let pronoun_follows = after
        .first()
        .is_some_and(|&i| ["He", "She", "They", "It", "We", "I"].contains(&tokens[i].text));
    if ends_sentence && pronoun_follows {
        after.clear();
    }

    let mention_ending_at = |i: usize| {
        mentions
            .get(mentions.partition_point(|m| m.last < i))
            .filter(|m| m.last == i)
    };
    let mention_starting_at = |i: usize| {
        mentions
            .get(mentions.partition_point(|m| m.first < i))
            .filter(|m| m.first == i)
    };
    let in_window = |window: &[usize], i: usize| window.binary_search(&i).is_ok();

    let mut result = Attribution::default();

    // The outlet: "per Fox News", "according to TMZ", "told People",
    // "TMZ reported".
    for &i in before.iter().chain(after.iter()) {
        if let Some(m) = mention_starting_at(i) {
            if let Who::Outlet(name) = &m.who {
                let cited = i > 0 && CITING_WORDS.iter().any(|w| tokens[i - 1].is(w));
                let reports = tokens.get(m.last + 1).is_some_and(is_speech_verb);
                if (cited || reports) && result.via.is_none() {
                    result.via = Some(name.to_string());
                }
            }
        }
    }

    // "According to Vance, ..." names the speaker directly.
    for window in [&before, &after] {
        for &i in window.iter() {
            if tokens[i].is("according") && tokens.get(i + 1).is_some_and(|t| t.is("to")) {
                if let Some(Who::Person(p)) = mention_starting_at(i + 2).map(|m| &m.who) {
                    result.speaker = Some(*p);
                    result.decided = true;
                    return result;
                }
            }
        }
    }

    // The subject of a speech verb, right before it or right after it.
    let subject_of = |window: &[usize], verb: usize| -> Option<Option<usize>> {
        let mut j = verb;
        while j > 0 && in_window(window, j - 1) && is_adverb(&tokens[j - 1]) {
            j -= 1;
        }
        if j > 0 && in_window(window, j - 1) {
            if let Some(m) = mention_ending_at(j - 1) {
                return Some(match &m.who {
                    Who::Person(p) => Some(*p),
                    _ => None,
                });
            }
        }
        if in_window(window, verb + 1) {
            if let Some(m) = mention_starting_at(verb + 1) {
                if let Who::Person(p) = m.who {
                    return Some(Some(p));
                }
            }
        }
        None
    };

    // After the quote: `"...," West still exclaimed` or `"...," said Vance`.
    if let Some(&verb) = after.iter().take(6).find(|&&i| is_speech_verb(&tokens[i])) {
        result.decided = true;
        result.speaker = subject_of(&after, verb).flatten();
        return result;
    }

    // Before it: `Ye said in his speech, "..."`.
    if let Some(&verb) = before.iter().rev().find(|&&i| is_speech_verb(&tokens[i])) {
        result.decided = true;
        if let Some(subject) = subject_of(&before, verb) {
            result.speaker = subject;
            return result;
        }
        // A participle after a comma ("..., saying ...") has the sentence's
        // subject: the first person it names.
        if tokens[verb].text.ends_with("ing") && tokens[verb].after_comma {
            let from = mentions.partition_point(|m| m.first < before[0]);
            result.speaker = mentions[from..]
                .iter()
                .take_while(|m| m.last < verb)
                .filter(|m| before.binary_search(&m.first).is_ok())
                .find_map(|m| match m.who {
                    Who::Person(p) => Some(p),
                    _ => None,
                });
        }
        return result;
    }

    // No speech verb: the nearest person named around the quote.
    let nearest = before.iter().rev().chain(after.iter()).find_map(|&i| {
        match mention_ending_at(i).map(|m| &m.who) {
            Some(Who::Person(p)) => Some(*p),
            _ => None,
        }
    });
    if nearest.is_some() {
        result.speaker = nearest;
        result.decided = true;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::read;

    #[test]
    fn titles_and_terms() {
        let none: &[Token<'_>] = &[];
        for title in [
            "SNL",
            "DONDA",
            "The King Of Staten Island",
            "Kanye West Says God Will Bring Kim and Him Back Together, Inspire Millions.",
            "reconciliation",
        ] {
            assert!(is_title_or_term(title, none), "{title}");
        }
        for speech in [
            "hopeful for her future",
            "in the house,",
            "We've made mistakes. I've made mistakes.",
            "The narrative God wants is to see that we can be redeemed in all these relationships.",
        ] {
            assert!(!is_title_or_term(speech, none), "{speech}");
        }
        let r = read("a show titled \"Real talk now\"");
        assert!(is_title_or_term("Real talk now", &r.tokens[..3]));
    }
}
