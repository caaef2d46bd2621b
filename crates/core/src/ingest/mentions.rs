//! Who a block mentions, before anyone is known: capitalised name
//! sequences (with the title or role before them and what the sentence
//! says of them), pronouns, descriptors ("the 31-year-old actress", "his
//! wife"), unnamed sources ("a source close to the pair"), outlets and
//! documents ("his statement"). Mentions do not overlap and come in text
//! order; quoted words are never mentions.

use super::text::{Case, Gap, Reading, Token};
use super::words::{class_of, Class, OUTLETS};

/// The gender a pronoun or a word carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    /// he, him, his.
    He,
    /// she, her, hers.
    She,
}

/// A descriptor: a phrase that stands for someone without naming them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Descriptor {
    /// The head word, lowercased: "actress", "duke", "wife".
    pub head: String,
    /// The words after "the", as written ("31-year-old actress", "King
    /// Richard star", "Duke of Sussex").
    pub phrase: String,
    /// The age it states ("the 31-year-old").
    pub age: Option<u8>,
    /// The gender its words carry.
    pub gender: Option<Gender>,
    /// For "his wife" or "Depp's lawyer": whose relation it is.
    pub of: Option<Possessor>,
}

/// Whose relation or document a phrase speaks of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Possessor {
    /// A possessive pronoun: his, her.
    Pronoun(Gender),
    /// "their".
    They,
    /// A named possessor: the token index of the name's last word.
    Name(usize),
}

/// What a mention refers to, before resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A capitalised name; `key` is its words as the cast compares them.
    Name {
        /// Words of the name, normalised (title case, no possessive).
        key: String,
        /// A title written before it that is not part of the name (Mr,
        /// Judge), lowercased.
        title: Option<String>,
    },
    /// he, she (and their other forms).
    Pronoun(Gender),
    /// they, them, their: a group or an unnamed source.
    They,
    /// "the actress", "his wife", "the Duke of Sussex".
    Descriptor(Descriptor),
    /// "a source", "an insider", "one fan", "another".
    Unnamed,
    /// A news outlet; `name` is the name to show, or `None` for a word that
    /// stands for the last outlet named ("the magazine").
    Outlet(Option<String>),
    /// A written thing that can say something: "his statement", "the email".
    Document(Option<Possessor>),
}

/// A run of tokens that refers to someone or something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token (inclusive).
    pub last: usize,
    /// What it refers to.
    pub kind: Kind,
    /// Whether its last word is possessive ("Roe's", "the singer's").
    pub possessive: bool,
}

impl Mention {
    /// Whether it can stand for a person (a name, pronoun or descriptor).
    pub fn is_personal(&self) -> bool {
        matches!(
            self.kind,
            Kind::Name { .. } | Kind::Pronoun(_) | Kind::Descriptor(_)
        )
    }
}

/// Titles that belong to the name they stand before ("Prince Harry").
const NOBLE: [&str; 14] = [
    "prince", "princess", "king", "queen", "duke", "duchess", "lord", "lady", "sir", "dame",
    "earl", "countess", "sheikh", "pope",
];

/// Whether a token can be part of a capitalised name.
fn name_word(t: &Token<'_>) -> bool {
    t.quote().is_none()
        && !t.tagged
        && matches!(t.case, Case::Capital | Case::Upper)
        && t.text.chars().next().is_some_and(char::is_alphabetic)
}

/// Appends `word` to `out` as it is written in a name ("KATE" -> "Kate").
fn push_name_case(out: &mut String, word: &str) {
    // Initials stay as written ("TJ", "AJ").
    if word.chars().any(char::is_lowercase) || word.chars().count() <= 3 {
        out.push_str(word);
        return;
    }
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
}

/// Every mention of `reading`, in order.
pub fn mentions(reading: &Reading<'_>) -> Vec<Mention> {
    let tokens = &reading.tokens;
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.quote().is_some() {
            i += 1;
            continue;
        }
        if let Some(m) = outlet_at(tokens, i)
            .or_else(|| phrase_at(reading, i))
            .or_else(|| pronoun_at(tokens, i))
        {
            i = m.last + 1;
            out.push(m);
            continue;
        }
        if name_word(t) {
            let headline = reading
                .sentences
                .get(t.sentence())
                .is_some_and(|s| s.title_case);
            let end = run_end(tokens, i, headline);
            let found = split_run(reading, i, end);
            out.extend(found);
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out
}

fn pronoun_at(tokens: &[Token<'_>], i: usize) -> Option<Mention> {
    let t = &tokens[i];
    let kind = if t.has(Class::HE) {
        Kind::Pronoun(Gender::He)
    } else if t.has(Class::SHE) {
        Kind::Pronoun(Gender::She)
    } else if t.has(Class::THEY) {
        Kind::They
    } else {
        return None;
    };
    Some(Mention {
        first: i,
        last: i,
        kind,
        possessive: false,
    })
}

/// The last token of the capitalised run starting at `i`: capitalised words
/// with nothing but spaces (or a joining "of", "de", "van") between them.
/// Closed-class words: capitalised, they start a sentence or a headline's
/// word, never a name.
const CLOSED: Class = Class::PREPOSITION
    .or(Class::CONJUNCTION)
    .or(Class::DETERMINER)
    .or(Class::HE)
    .or(Class::SHE)
    .or(Class::THEY)
    .or(Class::SUBJECT_PRONOUN)
    .or(Class::ADVERB)
    .or(Class::AUXILIARY)
    .or(Class::RELATIVE);

/// Verbs: capitalised in a headline, they end the name before them.
const VERBS: Class = Class::SPEECH
    .or(Class::VERB)
    .or(Class::COGNITIVE)
    .or(Class::REPORT);

/// Whether a capitalised word is an ordinary word rather than part of a
/// name: a closed-class word, or in a headline a verb or an organisation's
/// word, unless it is a given name ("Will", "May") or follows one ("Amber
/// Heard", "Chris Rock").
fn breaks_name(t: &Token<'_>, previous: Option<&Token<'_>>, headline: bool) -> bool {
    if super::words::is_given_name(t.text) || t.has(Class::TITLE) {
        return false;
    }
    if t.has(CLOSED) && !t.has(Class::NAME_JOINER) {
        return true;
    }
    let after_given = previous.is_some_and(|p| super::words::is_given_name(p.text));
    headline
        && !after_given
        && t.has(
            VERBS
                .or(Class::PLACE_OR_ORG)
                .or(Class::FUNCTION)
                .or(Class::ADVERB),
        )
}

fn run_end(tokens: &[Token<'_>], i: usize, headline: bool) -> usize {
    let mut j = i;
    while j + 1 < tokens.len() {
        let next = &tokens[j + 1];
        if next.sentence() != tokens[i].sentence() || tokens[j].possessive {
            break;
        }
        let joined =
            next.gap.is_empty() || next.gap == Gap::DASH && tokens[j].end() == next.start() - 1;
        if !joined {
            break;
        }
        if name_word(next) {
            if next.has(Class::DAY) || breaks_name(next, Some(&tokens[j]), headline) {
                break;
            }
            j += 1;
            continue;
        }
        // "Duke of Sussex", "Leonardo da Vinci"; "of" only after a title
        // ("Priyanka Dole of Ferrow Capital" is two names).
        let joiner = next.case == Case::Lower
            && next.has(Class::NAME_JOINER)
            && (!next.is("of")
                || NOBLE.iter().any(|n| tokens[j].is(n))
                || tokens[j].has(Class::TITLE));
        if joiner
            && tokens.get(j + 2).is_some_and(|n| {
                name_word(n) && n.gap.is_empty() && n.sentence() == next.sentence()
            })
        {
            j += 2;
            continue;
        }
        break;
    }
    j
}

/// Whether token `i` starts its sentence (or follows a colon or an
/// opening quote mark).
fn starts_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    i == 0
        || tokens[i - 1].sentence() != tokens[i].sentence()
        || tokens[i].gap.has(Gap::COLON)
        || tokens[i].gap.has(Gap::QUOTE)
        || tokens[i].gap.has(Gap::BRACKET) && tokens[i - 1].quote().is_some()
}

/// Splits the capitalised run `i..=j` into what it holds: titles and roles
/// before a name, a descriptor title ("Duke of Sussex"), or a name.
fn split_run(reading: &Reading<'_>, i: usize, j: usize) -> Vec<Mention> {
    let tokens = &reading.tokens;
    let start = after_ordinary_words(tokens, i, j);
    let Some(end) = end_before_month(tokens, start, j) else {
        return Vec::new();
    };
    if start > end {
        return Vec::new();
    }
    // "Duke of Sussex", "Duchess of Cambridge": a title of a place.
    if let Some(m) = noble_title(tokens, start, end) {
        return vec![m];
    }
    // A run that ends in a role or title is no name ("Best Actor", "CEO").
    let last = &tokens[end];
    if (last.has(Class::ROLE) || last.has(Class::TITLE))
        && !NOBLE.iter().any(|n| last.is(n) && end > start)
    {
        return Vec::new();
    }
    let (mut name_start, title) = after_titles(tokens, start, end);
    if name_start > end {
        return Vec::new();
    }
    if name_start == start && end > start + 1 {
        if let Some(k) = given_name_within(tokens, start, end) {
            name_start = k;
        }
    }
    name_mention(tokens, name_start, end, title)
        .into_iter()
        .collect()
}

/// Where the run `i..=j` starts once the ordinary words capitalised at its
/// start are left out.
fn after_ordinary_words(tokens: &[Token<'_>], i: usize, j: usize) -> usize {
    let mut start = i;
    // Ordinary words capitalised: "The", "Meanwhile", "Best"; and at the
    // start of a sentence a verb before a name ("Speaking Roe"). A single
    // capitalised word at a sentence's start stays: the cast decides
    // whether "Heard" or "Asked" is a name.
    let initial = starts_sentence(tokens, start);
    while start <= j {
        let t = &tokens[start];
        let given = super::words::is_given_name(t.text);
        let closed = (t.has(CLOSED) || initial && start == i && t.has(Class::FUNCTION))
            && !t.has(Class::TITLE)
            && !given;
        let verb_first = initial
            && start == i
            && start < j
            && t.has(VERBS)
            && !given
            && (t.text.ends_with("ing") || t.text.ends_with("ed"));
        if !(closed || verb_first) {
            break;
        }
        start += 1;
    }
    start
}

/// The last token of the run `start..=j` that can be part of a name, or
/// nothing when the run starts with a month before a number.
fn end_before_month(tokens: &[Token<'_>], start: usize, j: usize) -> Option<usize> {
    // A month before a number ("March 5") ends it; a day inside
    // ("Saturday Night Live", "The Sunday Ledger") stays, and the cast
    // knows such a name is no one's.
    for k in start..=j {
        let c = tokens[k].class;
        if c.has(Class::MONTH) && tokens.get(k + 1).is_some_and(|n| n.case == Case::Other) {
            if k == start {
                return None;
            }
            return Some(k.saturating_sub(1));
        }
    }
    Some(j)
}

/// Where the name in `start..=end` starts after the titles and roles
/// written before it, and the last of those titles, lowercased.
fn after_titles(tokens: &[Token<'_>], start: usize, end: usize) -> (usize, Option<String>) {
    // Titles and roles written before the name: the name is what follows
    // the last of them ("Los Angeles Superior Court Judge Brenda Penny",
    // "Twitter Chief Executive Parag Agrawal", "BRITISH MODEL KATE Moss").
    let mut title: Option<String> = None;
    let mut name_start = start;
    for (k, t) in tokens.iter().enumerate().take(end).skip(start) {
        let noble = NOBLE.iter().any(|n| t.is(n));
        if t.has(Class::TITLE | Class::ROLE | Class::UNNAMED) && !noble {
            name_start = k + 1;
            title = Some(t.text.to_ascii_lowercase());
        }
    }
    (name_start, title)
}

/// A given name after other capitalised words, where the name starts
/// ("Hall of Famer Tony Gonzalez").
fn given_name_within(tokens: &[Token<'_>], start: usize, end: usize) -> Option<usize> {
    let k = (start + 1..end)
        .find(|&k| super::words::is_given_name(tokens[k].text) && tokens[k - 1].text != "of")?;
    let rest_is_name = (k..=end).all(|m| !tokens[m].has(Class::PLACE_OR_ORG));
    // Only after words that are not a name ("Hall", "Famer"):
    // "Tobias James Wren" keeps its first name.
    let prefix_is_not_a_name = tokens[start..k].iter().any(|t| {
        t.has(Class::PLACE_OR_ORG | Class::ROLE | Class::TITLE | Class::UNNAMED)
            || t.text.ends_with("er")
    });
    (rest_is_name && prefix_is_not_a_name && end - k <= 2).then_some(k)
}

/// The name written in `name_start..=end`, after `title`, unless its words
/// are all single letters.
fn name_mention(
    tokens: &[Token<'_>],
    name_start: usize,
    end: usize,
    title: Option<String>,
) -> Option<Mention> {
    let words = &tokens[name_start..=end];
    if words.iter().all(|t| t.text.len() <= 1) {
        return None;
    }
    let mut key = String::with_capacity(words.iter().map(|t| t.text.len() + 1).sum());
    for (k, t) in words.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        push_name_case(&mut key, t.text);
    }
    Some(Mention {
        first: name_start,
        last: end,
        kind: Kind::Name { key, title },
        possessive: tokens[end].possessive,
    })
}

/// "Duke of Sussex", "the Prince of Wales": a noble title of a place, which
/// stands for a person the way a descriptor does.
fn noble_title(tokens: &[Token<'_>], start: usize, end: usize) -> Option<Mention> {
    let head = &tokens[start];
    if end < start + 2 || !NOBLE.iter().any(|n| head.is(n)) || !tokens[start + 1].is("of") {
        return None;
    }
    let lower = head.text.to_ascii_lowercase();
    let gender = gender_of_word(&lower);
    let phrase = tokens[start..=end]
        .iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ");
    Some(Mention {
        first: start,
        last: end,
        kind: Kind::Descriptor(Descriptor {
            head: lower,
            phrase,
            age: None,
            gender,
            of: None,
        }),
        possessive: tokens[end].possessive,
    })
}

/// The gender a word carries (actress, duke, wife), if any.
pub fn gender_of_word(word: &str) -> Option<Gender> {
    let c = class_of(word);
    if c.has(Class::FEMININE) {
        Some(Gender::She)
    } else if c.has(Class::MASCULINE) {
        Some(Gender::He)
    } else {
        None
    }
}

/// The gender of "he" or "she".
pub fn gender_of_pronoun(word: &str) -> Option<Gender> {
    if word.eq_ignore_ascii_case("he") {
        Some(Gender::He)
    } else if word.eq_ignore_ascii_case("she") {
        Some(Gender::She)
    } else {
        None
    }
}

/// The age in "31-year-old", if the word is one.
pub fn age_of(word: &str) -> Option<u8> {
    // Most words are not ages: those that cannot start a number go at once.
    if !word.starts_with(|c: char| c.is_ascii_digit() || c == '+') {
        return None;
    }
    let digits = word.split('-').next()?;
    let rest = &word[digits.len()..];
    (rest.eq_ignore_ascii_case("-year-old") || rest.eq_ignore_ascii_case("-years-old"))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A phrase starting at `i`: a descriptor, an unnamed source or a document.
fn phrase_at(reading: &Reading<'_>, i: usize) -> Option<Mention> {
    let tokens = &reading.tokens;
    let t = &tokens[i];
    if !t.has(Class::DETERMINER) {
        return bare_phrase_at(tokens, i);
    }
    // "another" and "a third" alone are unnamed speakers.
    if t.is("another")
        && tokens
            .get(i + 1)
            .is_none_or(|n| n.sentence() != t.sentence() || n.gap.breaks() || n.has(Class::SPEECH))
    {
        return Some(Mention {
            first: i,
            last: i,
            kind: Kind::Unnamed,
            possessive: false,
        });
    }
    phrase_after_determiner(reading, i)
}

/// A phrase of one word with no determiner before it, starting at `i`: a
/// role or source before a speech verb, or a plural source.
fn bare_phrase_at(tokens: &[Token<'_>], i: usize) -> Option<Mention> {
    let t = &tokens[i];
    // Headline style, "actor says", "source says": a bare noun before
    // a speech verb.
    let bare_subject = t.has(Class::ROLE | Class::UNNAMED)
        && t.case == Case::Lower
        && tokens.get(i + 1).is_some_and(|n| {
            n.has(Class::SPEECH)
                && n.case == Case::Lower
                && n.gap.is_empty()
                && n.sentence() == t.sentence()
        });
    if bare_subject {
        let kind = if t.has(Class::UNNAMED) && !t.has(Class::ROLE) {
            Kind::Unnamed
        } else {
            let head = t.text.to_ascii_lowercase();
            Kind::Descriptor(Descriptor {
                gender: gender_of_word(&head),
                phrase: t.text.to_string(),
                head,
                age: None,
                of: None,
            })
        };
        return Some(Mention {
            first: i,
            last: i,
            kind,
            possessive: false,
        });
    }
    // "Sources say", "Fans were quick": a bare plural source.
    if t.has(Class::UNNAMED)
        && t.text.ends_with('s')
        && !t.has(Class::DETERMINER)
        && t.case != Case::Upper
    {
        return Some(Mention {
            first: i,
            last: i,
            kind: Kind::Unnamed,
            possessive: t.possessive,
        });
    }
    None
}

/// Whose relation or document a determiner speaks of ("his", "her",
/// "their"), if it is a possessive one.
fn possessor_of(t: &Token<'_>) -> Option<Possessor> {
    if t.has(Class::HE) {
        Some(Possessor::Pronoun(Gender::He))
    } else if t.has(Class::SHE) && t.is("her") {
        Some(Possessor::Pronoun(Gender::She))
    } else if t.has(Class::THEY) {
        Some(Possessor::They)
    } else {
        None
    }
}

/// The phrase led by the determiner at `i`, read up to its head word: the
/// words before the head may be modifiers, titles and an age.
fn phrase_after_determiner(reading: &Reading<'_>, i: usize) -> Option<Mention> {
    let tokens = &reading.tokens;
    let t = &tokens[i];
    let possessor = possessor_of(t);
    let the = t.is("the");
    let indefinite = ["a", "an", "one", "another", "some"]
        .iter()
        .any(|w| t.is(w));
    let mut k = i + 1;
    let mut age = None;
    while k < tokens.len() && k <= i + 7 {
        let w = &tokens[k];
        if w.sentence() != t.sentence() || (w.gap.breaks() && !w.gap.has(Gap::QUOTE)) && k > i + 1 {
            break;
        }
        if w.gap.has(Gap::COMMA | Gap::COLON | Gap::STOP) {
            break;
        }
        if is_phrase_head(tokens, k, the) {
            if head_runs_on(tokens, k) {
                k += 1;
                continue;
            }
            return Some(classify_phrase(reading, i, k, possessor, indefinite, age));
        }
        if let Some(a) = age_of(w.text) {
            age = Some(a);
            // "the 39-year-old said": the age alone.
            if the && age_ends_phrase(tokens, k) {
                return Some(Mention {
                    first: i,
                    last: k,
                    kind: Kind::Descriptor(Descriptor {
                        head: String::new(),
                        phrase: w.text.to_string(),
                        age,
                        gender: None,
                        of: None,
                    }),
                    possessive: w.possessive,
                });
            }
            k += 1;
            continue;
        }
        if !is_modifier(tokens, i, k) || w.possessive {
            break;
        }
        k += 1;
    }
    None
}

/// Whether token `k` can be the head of a phrase: a source, a document, a
/// role or kin, an outlet word after "the", or the "end" of "tight end";
/// `the` says whether "the" leads the phrase.
fn is_phrase_head(tokens: &[Token<'_>], k: usize, the: bool) -> bool {
    let w = &tokens[k];
    let c = w.class;
    let quoted_title = w.quote().is_some();
    let tight_end = w.is("end") && tokens[k - 1].is("tight")
        || w.has(Class::DEMONYM)
            && the
            && tokens.get(k + 1).is_none_or(|n| {
                n.gap.breaks()
                    || n.case == Case::Lower
                        && n.has(Class::SPEECH | Class::VERB | Class::ADVERB | Class::AUXILIARY)
            });
    let generic = w.case == Case::Lower || !c.has(Class::OUTLET_NOUN | Class::DOCUMENT);
    !quoted_title
        && generic
        && (c.has(Class::UNNAMED)
            || c.has(Class::DOCUMENT)
            || c.has(Class::ROLE | Class::KIN)
            || c.has(Class::OUTLET_NOUN) && the
            || tight_end)
        && w.case != Case::Upper
}

/// Whether the phrase goes on past the head word at `k` to a noun after
/// it, the two making one compound.
fn head_runs_on(tokens: &[Token<'_>], k: usize) -> bool {
    let w = &tokens[k];
    let c = w.class;
    // The head, unless a noun follows it ("the star's team" keeps
    // it; "the host city" does not).
    let next = tokens.get(k + 1);
    let followed_by_noun = next.is_some_and(|n| {
        n.sentence() == w.sentence()
            && n.gap.is_empty()
            && n.quote().is_none()
            && !w.possessive
            && (n.has(Class::ROLE | Class::KIN | Class::DOCUMENT | Class::UNNAMED)
                || n.case == Case::Lower
                    && !n.has(Class::GRAMMAR)
                    && !n.text.ends_with("ed")
                    && !n.text.ends_with('s'))
    });
    // "a tour manager", "the talk show host"; but "a source close
    // to the pair" ends at "source".
    let compound = next
        .is_some_and(|n| n.has(Class::ROLE | Class::KIN | Class::UNNAMED | Class::DOCUMENT))
        || c.has(Class::ROLE) && !c.has(Class::UNNAMED);
    followed_by_noun && compound
}

/// Whether the phrase ends at the age at `k`: nothing follows it in its
/// sentence but a verb, an adverb or a break.
fn age_ends_phrase(tokens: &[Token<'_>], k: usize) -> bool {
    let w = &tokens[k];
    tokens.get(k + 1).is_none_or(|n| {
        n.sentence() != w.sentence()
            || n.gap.breaks()
            || n.has(Class::SPEECH | Class::ADVERB | Class::AUXILIARY | Class::VERB)
    })
}

/// Whether token `k` of the phrase led by the determiner at `i` can stand
/// before its head: a quoted or capitalised title, a number, or a
/// lowercase word that is not a verb, a pronoun or a small joining word.
fn is_modifier(tokens: &[Token<'_>], i: usize, k: usize) -> bool {
    let w = &tokens[k];
    let c = w.class;
    let quoted_title = w.quote().is_some();
    // "the Pirates of the Caribbean actor": small words inside a title.
    let inside_title = w.case == Case::Lower
        && ["of", "the", "and", "in", "on"].iter().any(|x| w.is(x))
        && k > i + 1
        && tokens[k - 1].is_capitalized()
        && tokens.get(k + 1).is_some_and(|n| {
            n.is_capitalized()
                || n.is("the") && tokens.get(k + 2).is_some_and(Token::is_capitalized)
        });
    quoted_title
        || inside_title
        || w.is_capitalized()
        || w.case == Case::Other
        || (w.case == Case::Lower && !c.has(Class::GRAMMAR | Class::GROUP))
}

/// The mention for the phrase `i..=head`.
fn classify_phrase(
    reading: &Reading<'_>,
    i: usize,
    head: usize,
    possessor: Option<Possessor>,
    indefinite: bool,
    age: Option<u8>,
) -> Mention {
    let tokens = &reading.tokens;
    let h = &tokens[head];
    let c = h.class;
    let possessive = h.possessive;
    let mention = |kind| Mention {
        first: i,
        last: head,
        kind,
        possessive,
    };
    if c.has(Class::UNNAMED) && !c.has(Class::ROLE | Class::KIN)
        || (indefinite && !c.has(Class::DOCUMENT))
    {
        // "a source", "an insider", "a friend", "a pop star", "one fan".
        return mention(Kind::Unnamed);
    }
    if c.has(Class::DOCUMENT) && !c.has(Class::ROLE) {
        return mention(Kind::Document(possessor));
    }
    if c.has(Class::OUTLET_NOUN) && !c.has(Class::ROLE | Class::KIN) {
        return mention(Kind::Outlet(None));
    }
    let head_word = h.text.to_ascii_lowercase();
    let gender = gender_of_word(&head_word).or_else(|| {
        tokens[i + 1..head]
            .iter()
            .find_map(|t| gender_of_word(&t.text.to_ascii_lowercase()))
    });
    let phrase = reading.text[tokens[i + 1].start()..h.start() + h.text.len()].to_string();
    let head_word = if tokens
        .get(head.wrapping_sub(1))
        .is_some_and(|p| p.is("tight"))
    {
        "tight end".to_string()
    } else {
        head_word
    };
    mention(Kind::Descriptor(Descriptor {
        head: head_word,
        phrase,
        age,
        gender,
        of: possessor,
    }))
}

type OutletEntry = (Vec<&'static str>, &'static str, bool);

/// The known outlets by their first word, each as its words.
static OUTLETS_BY_FIRST: std::sync::LazyLock<crate::hash::FastMap<&'static str, Vec<OutletEntry>>> =
    std::sync::LazyLock::new(|| {
        let mut map: crate::hash::FastMap<&'static str, Vec<OutletEntry>> = Default::default();
        for &(name, shown, needs_cue) in OUTLETS {
            let words: Vec<&'static str> =
                name.split([' ', '!']).filter(|w| !w.is_empty()).collect();
            if let Some(first) = words.first() {
                map.entry(first)
                    .or_default()
                    .push((words, shown, needs_cue));
            }
        }
        map
    });

/// A known outlet starting at `i` ("Fox News", "told People", "TIME
/// Magazine").
fn outlet_at(tokens: &[Token<'_>], i: usize) -> Option<Mention> {
    let t = &tokens[i];
    if !t.is_capitalized() || t.tagged {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for (words, shown, needs_cue) in OUTLETS_BY_FIRST.get(t.text).map_or(&[][..], Vec::as_slice) {
        let mut k = i;
        let mut ok = true;
        for word in words {
            match tokens.get(k) {
                Some(tk)
                    if tk.text == *word
                        && tk.sentence() == t.sentence()
                        && tk.quote().is_none()
                        && (k == i
                            || tk.gap.is_empty()
                            || tk.gap == Gap::OTHER
                            || tk.gap == Gap::STOP) =>
                {
                    k += 1
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok || k == i {
            continue;
        }
        let last = k - 1;
        // "told People", "according to the Guardian".
        let cue_at = if i > 1 && tokens[i - 1].is("the") && tokens[i - 1].case == Case::Lower {
            i - 1
        } else {
            i
        };
        let cued = cue_at > 0 && tokens[cue_at - 1].sentence() == t.sentence() && {
            let p = &tokens[cue_at - 1];
            p.has(Class::CITING)
                || p.is("told")
                || p.is("tells")
                || p.is("telling")
                || p.is("to")
                || p.is("by")
                || p.is("with")
                || p.is("in")
                || p.is("on")
                || p.is("reported")
        };
        let reports = tokens
            .get(last + 1)
            .is_some_and(|n| n.has(Class::REPORT | Class::SPEECH) && n.case == Case::Lower);
        if *needs_cue && !(cued || reports) {
            continue;
        }
        // "People magazine", "TIME Magazine".
        let last = if tokens
            .get(last + 1)
            .is_some_and(|n| n.is("magazine") && n.gap.is_empty())
        {
            last + 1
        } else {
            last
        };
        if best.is_none_or(|(b, _)| last > b) {
            best = Some((last, shown));
        }
    }
    let (last, shown) = best?;
    // "People" followed by a name is not an outlet ("People close to...").
    Some(Mention {
        first: i,
        last,
        kind: Kind::Outlet(Some((*shown).to_string())),
        possessive: tokens[last].possessive,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::read;

    fn found(text: &str) -> Vec<String> {
        let reading = read(text);
        mentions(&reading)
            .iter()
            .map(|m| {
                let words = &text[reading.tokens[m.first].start()..reading.tokens[m.last].end()];
                let what = match &m.kind {
                    Kind::Name { key, title } => format!(
                        "name {key}{}",
                        title.as_ref().map_or(String::new(), |t| format!(" ({t})"))
                    ),
                    Kind::Pronoun(g) => format!("{g:?}"),
                    Kind::They => "they".into(),
                    Kind::Descriptor(d) => format!(
                        "descriptor {}{}",
                        d.head,
                        d.age.map_or(String::new(), |a| format!(" {a}"))
                    ),
                    Kind::Unnamed => "unnamed".into(),
                    Kind::Outlet(o) => format!("outlet {}", o.as_deref().unwrap_or("?")),
                    Kind::Document(_) => "document".into(),
                };
                format!("{words} = {what}")
            })
            .collect()
    }

    #[test]
    fn names_titles_and_roles() {
        assert_eq!(
            found("Los Angeles Superior Court Judge Brenda Penny met Prince Harry and BRITISH MODEL KATE Moss."),
            [
                "Brenda Penny = name Brenda Penny (judge)",
                "Prince Harry = name Prince Harry",
                "KATE Moss = name Kate Moss (model)",
            ]
        );
        assert_eq!(
            found("Meanwhile Depp's lawyer Benjamin Chew watched Saturday Night Live in New York City."),
            [
                "Depp's = name Depp",
                "Benjamin Chew = name Benjamin Chew",
                // Names, for now: the cast knows they are no one's.
                "Saturday Night Live = name Saturday Night Live",
                "New York City = name New York City",
            ]
        );
    }

    #[test]
    fn descriptors_sources_outlets_documents() {
        assert_eq!(
            found("The 31-year-old actress told People that a source close to the pair and the “King Richard” star read his statement to the magazine; the Duke of Sussex and the 39-year-old agreed, as did his wife."),
            [
                "The 31-year-old actress = descriptor actress 31",
                "People = outlet People",
                "a source = unnamed",
                "the “King Richard” star = descriptor star",
                "his statement = document",
                "the magazine = outlet ?",
                "Duke of Sussex = descriptor duke",
                "the 39-year-old = descriptor  39",
                "his wife = descriptor wife",
            ]
        );
    }
}
