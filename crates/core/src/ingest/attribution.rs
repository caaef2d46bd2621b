//! Who said a quote, by the grammar of its sentence: the subject of the
//! speech verb that governs it wins over any name that merely stands near
//! it. A cue comes after the quote (`"...," Roe said`, `"...," said the
//! actor`, with an apposition between: `Roe, 31, wrote`), before it (`Roe
//! told People: "..."`, a participle whose subject is the sentence's:
//! `..., calling it "a setback"`), or at the end of the paragraph before
//! (`The actress wrote,`). This module finds cues, their subjects and the
//! outlets they credit, and tells speech from quoted titles and terms;
//! [`super::story`] resolves the subjects to people.

use super::mentions::{Kind, Mention};
use super::text::{Case, Gap, Reading, Token};
use super::words::Class;

/// Where a cue stands relative to its quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// After the quote: `"...," Roe said`.
    After,
    /// Before it in the same sentence: `Roe said, "..."`.
    Before,
    /// At the end of the paragraph before: `The actress wrote,`.
    ParagraphBefore,
    /// "According to Roe, ...".
    According,
}

/// A speech cue: its verb, its subject and the words that make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Token index of the speech verb.
    pub verb: usize,
    /// Index of the subject among the block's mentions, if it has one.
    pub subject: Option<usize>,
    /// First token of the cue's words.
    pub first: usize,
    /// Last token of the cue's words (inclusive).
    pub last: usize,
    /// Where it stands.
    pub place: Place,
}

/// Verbs in `-ing` that head a cue only after a comma, a preposition or
/// their own subject (`..., saying`, `by stating`, `with Roe replying`).
fn participle_ok(tokens: &[Token<'_>], v: usize, mentions: &[Mention]) -> bool {
    let t = &tokens[v];
    if !t.text.ends_with("ing") {
        return true;
    }
    if t.after_comma() || t.gap.has(Gap::COLON | Gap::DASH) {
        return true;
    }
    let Some(before) = v.checked_sub(1).map(|b| &tokens[b]) else {
        return true;
    };
    if before.sentence() != t.sentence() {
        return true;
    }
    if [
        "by", "before", "after", "while", "when", "without", "upon", "also", "then", "and", "in",
    ]
    .iter()
    .any(|w| before.is(w))
    {
        return true;
    }
    // "with Harry replying", and "the rapper claiming" (who was claiming).
    mention_ending_at(mentions, v - 1).is_some_and(|m| {
        m.first > 0 && tokens[m.first - 1].is("with")
            || matches!(m.kind, Kind::Name { .. } | Kind::Descriptor(_))
                && !m.possessive
                && tokens[v].gap.is_empty()
    })
}

/// The mention that ends at token `i`.
pub fn mention_ending_at(mentions: &[Mention], i: usize) -> Option<&Mention> {
    mentions
        .get(mentions.partition_point(|m| m.last < i))
        .filter(|m| m.last == i)
}

/// The index of the mention that starts at token `i`.
pub fn mention_starting_at(mentions: &[Mention], i: usize) -> Option<usize> {
    let k = mentions.partition_point(|m| m.first < i);
    mentions.get(k).filter(|m| m.first == i).map(|_| k)
}

fn mention_index_ending_at(mentions: &[Mention], i: usize) -> Option<usize> {
    let k = mentions.partition_point(|m| m.last < i);
    mentions.get(k).filter(|m| m.last == i).map(|_| k)
}

/// Whether token `t` is a speech verb that can head a cue.
fn is_cue_verb(t: &Token<'_>, title_case: bool) -> bool {
    t.has(Class::SPEECH | Class::REPORT)
        && t.quote().is_none()
        && (t.case == Case::Lower || title_case && t.is_capitalized())
}

/// Whether a speech word stands as a noun: after a determiner or an
/// ordinal ("a second post", "his reply", "her statement").
fn noun_use(tokens: &[Token<'_>], v: usize) -> bool {
    let Some(before) = v.checked_sub(1).map(|b| &tokens[b]) else {
        return false;
    };
    // "his claims that ...": a possessor's speech, told as a noun.
    let owned = (before.has(Class::HE | Class::SHE | Class::THEY) || before.possessive)
        && tokens.get(v + 1).is_some_and(|n| n.is("that"));
    if owned {
        return false;
    }
    // An ordinal or adjective counts only after a determiner: "a second
    // post", but "Roe later posted".
    let determined = v >= 2
        && (tokens[v - 2].has(Class::DETERMINER) || tokens[v - 2].possessive)
        && tokens[v - 1].gap.is_empty();
    before.sentence() == tokens[v].sentence()
        && tokens[v].gap.is_empty()
        && (before.has(Class::DETERMINER) && !before.is("that")
            || determined
                && [
                    "first",
                    "second",
                    "third",
                    "last",
                    "new",
                    "latest",
                    "recent",
                    "follow-up",
                    "final",
                    "original",
                    "separate",
                    "lengthy",
                    "long",
                    "short",
                    "brief",
                    "earlier",
                    "later",
                    "instagram",
                    "twitter",
                    "public",
                    "written",
                    "official",
                    "joint",
                ]
                .iter()
                .any(|w| before.is(w)))
}

/// Whether the verb is passive or an infinitive of another verb ("was
/// called", "is reported to allege").
fn passive(tokens: &[Token<'_>], v: usize) -> bool {
    v > 0 && {
        let b = &tokens[v - 1];
        b.sentence() == tokens[v].sentence()
            && b.has(Class::AUXILIARY)
            && b.gap.is_empty()
            && !tokens[v].text.ends_with("ing")
    }
}

/// The subject of verb `v` written before it: the mention ending right
/// before it, past adverbs and a parenthesis between commas or dashes
/// (`Roe, 31, wrote`; `the actor, who was not there, told`).
pub fn subject_before(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    v: usize,
    floor: usize,
) -> Option<usize> {
    let mut j = past_adverbs(tokens, v, floor);
    // "went on to thank", "wanted to say": the subject of the verb that
    // governs the infinitive.
    if let Some(k) = governing_verb(tokens, mentions, j, floor) {
        j = past_adverbs(tokens, k, floor);
    }
    if j == 0 || j <= floor {
        return None;
    }
    // "the peer, ..., who once described": the relative's antecedent.
    if tokens[j - 1].is("who") && tokens[j].gap.is_empty() {
        return relative_antecedent(mentions, j - 1, floor);
    }
    if tokens[j].gap.is_empty() {
        if let Some(m) = mention_index_ending_at(mentions, j - 1) {
            if !mentions[m].possessive && mentions[m].first >= floor {
                return Some(head_of(tokens, mentions, m, floor));
            }
        }
        return None;
    }
    // A parenthesis closed by a comma or dash right before the verb: find
    // its opening and the mention before that.
    subject_before_parenthesis(tokens, mentions, v, j, floor)
}

/// Where the lowercase adverbs written right before token `j` begin ("Roe
/// later said"), going no lower than `floor`.
fn past_adverbs(tokens: &[Token<'_>], mut j: usize, floor: usize) -> usize {
    while j > floor
        && tokens[j - 1].has(Class::ADVERB)
        && tokens[j - 1].case == Case::Lower
        && tokens[j].gap.is_empty()
    {
        j -= 1;
    }
    j
}

/// Where the verb that governs an infinitive begins, when token `j` comes
/// right after "to" ("went on to thank", "wanted to say"): up to three
/// lowercase words before the "to", with no mention ending among them and
/// no determiner or preposition other than "on".
fn governing_verb(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    j: usize,
    floor: usize,
) -> Option<usize> {
    if !(j > floor + 1 && tokens[j - 1].is("to") && tokens[j].gap.is_empty()) {
        return None;
    }
    let mut k = j - 1;
    let mut words = 0;
    while k > floor
        && words < 3
        && tokens[k].gap.is_empty()
        && mention_index_ending_at(mentions, k - 1).is_none()
        && tokens[k - 1].case == Case::Lower
        && (!tokens[k - 1].has(Class::DETERMINER | Class::PREPOSITION) || tokens[k - 1].is("on"))
    {
        k -= 1;
        words += 1;
    }
    (words > 0).then_some(k)
}

/// The person a "who" at token `who` stands for: the nearest personal,
/// not possessive mention before it, within twenty words and not before
/// `floor`.
fn relative_antecedent(mentions: &[Mention], who: usize, floor: usize) -> Option<usize> {
    let end = mentions.partition_point(|m| m.first < who);
    (0..end)
        .rev()
        .take_while(|&k| mentions[k].first >= floor && who - mentions[k].last <= 20)
        .find(|&k| mentions[k].is_personal() && !mentions[k].possessive)
}

/// The subject of verb `v` when a parenthesis closed by a comma, dash or
/// bracket stands right before token `j`: a name in apposition, or else
/// the mention right before the parenthesis opens (`Roe, 31, wrote`).
fn subject_before_parenthesis(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    v: usize,
    j: usize,
    floor: usize,
) -> Option<usize> {
    let closing = tokens[j].gap;
    if !closing.has(Gap::COMMA | Gap::DASH | Gap::BRACKET) {
        return None;
    }
    // "his lawyer, Jane Roe, said": the name in apposition is the subject.
    if let Some(m) = mention_index_ending_at(mentions, j - 1) {
        let named = &mentions[m];
        if matches!(named.kind, Kind::Name { .. })
            && !named.possessive
            && tokens[named.first].after_comma()
            && named.first >= floor
        {
            return Some(m);
        }
    }
    let mut k = j - 1;
    let sentence = tokens[v].sentence();
    let limit = j.saturating_sub(25).max(floor);
    while k > limit {
        if tokens[k].sentence() != sentence || tokens[k].quote().is_some() {
            return None;
        }
        if tokens[k].gap.has(Gap::COMMA | Gap::DASH | Gap::BRACKET) {
            let m = mention_index_ending_at(mentions, k - 1)?;
            return (!mentions[m].possessive && mentions[m].first >= floor).then_some(m);
        }
        k -= 1;
    }
    None
}

/// "A friend of the player", "a spokesperson for the network": the head
/// of a phrase whose last words are a prepositional phrase.
fn head_of(tokens: &[Token<'_>], mentions: &[Mention], m: usize, floor: usize) -> usize {
    let first = mentions[m].first;
    if first >= 2
        && first > floor
        && tokens[first - 1].case == Case::Lower
        && ["of", "for", "at", "from"]
            .iter()
            .any(|w| tokens[first - 1].is(w))
    {
        if let Some(head) = mention_index_ending_at(mentions, first - 2) {
            return head;
        }
    }
    m
}

/// The subject of verb `v` written after it (`said Roe`, `added the
/// actor`, `commented musician Jane Roe`, `Wrote a third`).
fn subject_after(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    v: usize,
    ceiling: usize,
) -> Option<usize> {
    // "said promoter Jane Roe", "commented longtime manager Jane Roe": a
    // few lowercase words of role before the name.
    let mut k = v + 1;
    let mut skipped = 0;
    while k < ceiling
        && skipped < 3
        && tokens[k].case == Case::Lower
        && tokens[k].gap.is_empty()
        && !tokens[k].has(
            Class::DETERMINER
                | Class::PREPOSITION
                | Class::CONJUNCTION
                | Class::SPEECH
                | Class::VERB
                | Class::HE
                | Class::SHE
                | Class::THEY
                | Class::UNNAMED
                | Class::RELATIVE,
        )
        && mention_starting_at(mentions, k).is_none()
    {
        k += 1;
        skipped += 1;
    }
    if skipped > 0
        && mention_starting_at(mentions, k)
            .is_none_or(|m| !matches!(mentions[m].kind, Kind::Name { .. }))
    {
        k = v + 1;
    }
    if k >= ceiling {
        return None;
    }
    let m = mention_starting_at(mentions, k)?;
    let speaker_like = matches!(
        mentions[m].kind,
        Kind::Name { .. } | Kind::Pronoun(_) | Kind::Descriptor(_) | Kind::Unnamed | Kind::They
    );
    (speaker_like && mentions[m].last < ceiling && !mentions[m].possessive).then_some(m)
}

/// The subject of the clause that holds token `before`: the first mention
/// of the sentence that is not possessive, not the object of a verb or
/// preposition, and comes before the first verb.
pub fn clause_subject(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    from: usize,
    before: usize,
) -> Option<usize> {
    // "While Roe waited, Lee said": a clause opening with a subordinating
    // word is not the main one; its subject comes after its comma.
    let mut from = from;
    let opens_clause = |t: &Token<'_>| {
        t.is_capitalized()
            && (t.has(Class::CONJUNCTION) && !["and", "but", "or", "so"].iter().any(|w| t.is(w))
                || t.has(Class::PREPOSITION))
    };
    if tokens.get(from).is_some_and(opens_clause) {
        if let Some(c) =
            (from + 1..before).find(|&k| tokens[k].after_comma() && tokens[k].quote().is_none())
        {
            from = c;
        }
    }
    let first = mentions.partition_point(|m| m.first < from);
    for (k, m) in mentions.iter().enumerate().skip(first) {
        if m.first >= before {
            break;
        }
        if !matches!(
            m.kind,
            Kind::Name { .. }
                | Kind::Pronoun(_)
                | Kind::Descriptor(_)
                | Kind::Unnamed
                | Kind::They
                | Kind::Document(_)
                | Kind::Outlet(_)
        ) {
            continue;
        }
        if m.possessive {
            continue;
        }
        // "Brightloom chief executive Anika Roe": a name before a role is
        // a modifier of the name after it.
        let modifier = matches!(m.kind, Kind::Name { .. })
            && tokens.get(m.last + 1).is_some_and(|n| {
                n.case == Case::Lower
                    && n.gap.is_empty()
                    && n.has(Class::ROLE | Class::KIN | Class::OUTLET_NOUN | Class::DOCUMENT)
            });
        if modifier {
            continue;
        }
        let prev = m
            .first
            .checked_sub(1)
            .map(|p| &tokens[p])
            .filter(|p| p.sentence() == tokens[m.first].sentence());
        let object = prev.is_some_and(|p| {
            tokens[m.first].gap.is_empty()
                && (p.has(Class::PREPOSITION) && !p.has(Class::CONJUNCTION)
                    || p.has(Class::SPEECH | Class::VERB | Class::COGNITIVE)
                        && p.case == Case::Lower)
        });
        if object {
            // A subordinate clause before the main one: "After X left, Roe
            // said" keeps looking.
            continue;
        }
        return Some(k);
    }
    None
}

/// Whether a speech verb gives an order rather than a quote: "told him
/// to", "asked Roe to".
fn directive(tokens: &[Token<'_>], mentions: &[Mention], v: usize) -> bool {
    let next = v + 1;
    let after_object = match mention_starting_at(mentions, next) {
        Some(m) => mentions[m].last + 1,
        None if tokens.get(next).is_some_and(|t| {
            ["him", "her", "them", "me", "us", "you"]
                .iter()
                .any(|w| t.is(w))
        }) =>
        {
            next + 1
        }
        None => return false,
    };
    let after_object = if tokens.get(after_object).is_some_and(|t| t.is("not")) {
        after_object + 1
    } else {
        after_object
    };
    tokens
        .get(after_object)
        .is_some_and(|t| t.is("to") && t.gap.is_empty())
        && tokens
            .get(after_object + 1)
            .is_some_and(|t| t.case == Case::Lower && !t.has(Class::DETERMINER))
}

/// Whether a comma of the sentence's own stands right before token `k`: not
/// one inside a quote's closing marks (`"...," and`).
fn comma_outside(reading: &Reading<'_>, k: usize) -> bool {
    let tokens = &reading.tokens;
    if k == 0 || !tokens[k].after_comma() {
        return false;
    }
    let between = &reading.text[tokens[k - 1].end()..tokens[k].start()];
    let comma = between.rfind(',').unwrap_or(0);
    !between[comma + 1..].contains(['"', '\u{201D}', '\u{2019}', '\''])
}

/// The subject of the first speech verb of the sentence before token
/// `before`, when it has one.
fn earlier_speech_subject(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    from: usize,
    before: usize,
) -> Option<usize> {
    (from..before)
        .find(|&k| is_cue_verb(&tokens[k], false) && !passive(tokens, k) && !noun_use(tokens, k))
        .and_then(|k| subject_before(tokens, mentions, k, from))
}

/// Whether a speech verb is the infinitive of an order ("asking him not to
/// tell", "told Roe to say"): its speaker is not the one who speaks the
/// quote.
fn ordered(tokens: &[Token<'_>], mentions: &[Mention], v: usize) -> bool {
    let Some(to) = v.checked_sub(1).filter(|&t| tokens[t].is("to")) else {
        return false;
    };
    let mut k = to;
    if k > 0 && tokens[k - 1].is("not") {
        k -= 1;
    }
    k > 0 && {
        let object = &tokens[k - 1];
        ["him", "her", "them", "me", "us", "you"]
            .iter()
            .any(|w| object.is(w))
            || mention_ending_at(mentions, k - 1).is_some_and(|m| {
                m.first > 0
                    && tokens[m.first - 1].has(Class::SPEECH)
                    && tokens[m.first - 1].case == Case::Lower
            })
    }
}

/// The subject-like mention nearest before token `before` in
/// `from..before`: not possessive and not the object of a verb or
/// preposition.
fn nearest_subject(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    from: usize,
    before: usize,
) -> Option<usize> {
    let end = mentions.partition_point(|m| m.first < before);
    (0..end)
        .rev()
        .take_while(|&k| mentions[k].first >= from)
        .find(|&k| {
            let m = &mentions[k];
            if m.possessive
                || !matches!(
                    m.kind,
                    Kind::Name { .. }
                        | Kind::Pronoun(_)
                        | Kind::Descriptor(_)
                        | Kind::Unnamed
                        | Kind::They
                )
            {
                return false;
            }
            let prev = m
                .first
                .checked_sub(1)
                .map(|p| &tokens[p])
                .filter(|p| p.sentence() == tokens[m.first].sentence());
            // Object pronouns ("him", "her") are not subjects either, nor a
            // name after "the" ("the Boston date").
            let object_form = matches!(m.kind, Kind::Pronoun(_))
                && !tokens[m.first].has(Class::SUBJECT_PRONOUN)
                || matches!(m.kind, Kind::Name { .. }) && prev.is_some_and(|p| p.is("the"));
            !object_form
                && !prev.is_some_and(|p| {
                    tokens[m.first].gap.is_empty()
                        && (p.has(Class::PREPOSITION) && !p.has(Class::CONJUNCTION)
                            || p.has(Class::SPEECH | Class::VERB | Class::COGNITIVE)
                                && p.case == Case::Lower)
                })
        })
}

/// The cue after quote `q` in its sentence, if the words right after it
/// attribute it.
pub fn cue_after(reading: &Reading<'_>, mentions: &[Mention], q: usize) -> Option<Cue> {
    let tokens = &reading.tokens;
    let span = reading.quotes[q];
    let a = tokens.partition_point(|t| t.start() < span.close);
    if a >= tokens.len() || !span.closed {
        return None;
    }
    let sentence = reading.sentence_at(span.close);
    if tokens[a].sentence() != sentence {
        return None;
    }
    let title_case = reading.sentences[sentence].title_case;
    let ceiling = reading
        .quotes
        .get(q + 1)
        .map_or(tokens.len(), |n| {
            tokens.partition_point(|t| t.start() < n.open)
        })
        .min(reading.sentence_tokens(sentence).end);
    verb_first_cue_after(tokens, mentions, a, ceiling, title_case)
        .or_else(|| subject_first_cue_after(tokens, mentions, a, ceiling, title_case))
}

/// The cue right after a quote, from token `a` to before token `ceiling`,
/// when its verb comes first and its subject follows it.
fn verb_first_cue_after(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    a: usize,
    ceiling: usize,
    title_case: bool,
) -> Option<Cue> {
    // `said Roe`, `added another`, `Added another,`.
    let mut v = a;
    while v < ceiling && tokens[v].has(Class::ADVERB) && tokens[v].case == Case::Lower {
        v += 1;
    }
    if v < ceiling
        && is_cue_verb(&tokens[v], title_case || v == a)
        && !tokens[v].text.ends_with("ing")
    {
        if let Some(s) = subject_after(tokens, mentions, v, ceiling) {
            return Some(Cue {
                verb: v,
                subject: Some(s),
                first: a,
                last: mentions[s].last,
                place: Place::After,
            });
        }
    }
    None
}

/// The cue right after a quote, from token `a` to before token `ceiling`,
/// when its subject comes first, as the mention that starts at `a`, and
/// its speech verb follows within a few words.
fn subject_first_cue_after(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    a: usize,
    ceiling: usize,
    title_case: bool,
) -> Option<Cue> {
    // `Roe said`, `the actor, who was not there, told Us`.
    let m = mention_starting_at(mentions, a)?;
    let mention = &mentions[m];
    if mention.possessive && !matches!(mention.kind, Kind::Document(_)) {
        // "his statement following the verdict read": a document's owner.
    }
    let search_to = (mention.last + 28).min(ceiling);
    for v in mention.last + 1..search_to {
        let t = &tokens[v];
        if t.quote().is_some() {
            return None;
        }
        if is_cue_verb(t, title_case) && !passive(tokens, v) && !noun_use(tokens, v) {
            return cue_of_mention_and_verb(tokens, mentions, m, a, v);
        }
        if v > mention.last + 1
            && !t.gap.breaks()
            && t.has(Class::VERB)
            && t.case == Case::Lower
            && !tokens[mention.last + 1].gap.breaks()
        {
            // The name is the subject of some other verb.
            return None;
        }
    }
    None
}

/// The cue of speech verb `v` after a quote, when mention `m`, which
/// starts right after the quote at token `a`, is the verb's subject:
/// directly, through a phrase with no verb of its own, or as a document
/// with a few words between.
fn cue_of_mention_and_verb(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    m: usize,
    a: usize,
    v: usize,
) -> Option<Cue> {
    let mention = &mentions[m];
    let subject = subject_before(tokens, mentions, v, a);
    // "a source close to the pair told", "a spokesperson for the
    // network said": a phrase after the subject, with no verb.
    let modified = v <= mention.last + 7
        && tokens[mention.last + 1..v].iter().all(|x| {
            !x.gap.breaks()
                && !x.has(Class::SPEECH | Class::VERB | Class::AUXILIARY | Class::RELATIVE)
        });
    // A name or pronoun nearer the verb is a subject of its own
    // ("Roe and Lee said"): then the quote has none.
    let own_subject = subject.is_some_and(|s| {
        s != m && matches!(mentions[s].kind, Kind::Name { .. } | Kind::Pronoun(_))
    });
    if subject == Some(m) || modified && !own_subject {
        return Some(Cue {
            verb: v,
            subject: Some(m),
            first: a,
            last: v,
            place: Place::After,
        });
    }
    // A document with words between: "his statement following the
    // verdict read".
    if matches!(mention.kind, Kind::Document(_))
        && v <= mention.last + 6
        && !tokens[mention.last + 1..v].iter().any(|x| x.gap.breaks())
    {
        return Some(Cue {
            verb: v,
            subject: Some(m),
            first: a,
            last: v,
            place: Place::After,
        });
    }
    None
}

/// The cue before quote `q` in its sentence: the nearest speech verb
/// before the quote, and its subject.
pub fn cue_before(reading: &Reading<'_>, mentions: &[Mention], q: usize) -> Option<Cue> {
    let tokens = &reading.tokens;
    let span = reading.quotes[q];
    let sentence = reading.sentence_at(span.open);
    let range = reading.sentence_tokens(sentence);
    // The search may pass quotes before this one in the sentence: `Roe
    // said she was "hurt" and "angry"` has one cue for both.
    let open = tokens.partition_point(|t| t.start() < span.open);
    cue_before_token(reading, mentions, range.start, open, sentence)
}

/// The cue before token `open` in `floor..open` of `sentence`.
pub fn cue_before_token(
    reading: &Reading<'_>,
    mentions: &[Mention],
    floor: usize,
    open: usize,
    sentence: usize,
) -> Option<Cue> {
    let tokens = &reading.tokens;
    if open <= floor {
        return None;
    }
    let title_case = reading
        .sentences
        .get(sentence)
        .is_some_and(|s| s.title_case);
    let range = reading.sentence_tokens(sentence);
    let mut v = open;
    while v > floor {
        v -= 1;
        let t = &tokens[v];
        if t.quote().is_some() {
            continue;
        }
        // "words which 'parroted'": a quote inside a relative clause
        // belongs to no speech verb before it; a relative clause closed by
        // a comma before the quote is only a parenthesis.
        if opens_relative_clause(tokens, v, open) {
            return None;
        }
        let initial = v == range.start || v == floor;
        if !(is_cue_verb(t, title_case) || initial && t.has(Class::SPEECH) && t.is_capitalized()) {
            continue;
        }
        if passive(tokens, v)
            || noun_use(tokens, v)
            || !participle_ok(tokens, v, mentions)
            || directive(tokens, mentions, v)
            || ordered(tokens, mentions, v)
        {
            continue;
        }
        return Some(cue_before_at_verb(
            reading, mentions, v, floor, open, &range, initial,
        ));
    }
    None
}

/// Whether token `v` is a relative word ("which", "who") whose clause runs
/// on into the quote at token `open`, with no comma or dash between to
/// close it.
fn opens_relative_clause(tokens: &[Token<'_>], v: usize, open: usize) -> bool {
    let t = &tokens[v];
    let predicate = tokens.get(open).is_some_and(|q| {
        q.has(Class::AUXILIARY)
            || [
                "would", "will", "could", "can", "should", "might", "must", "has", "had", "have",
            ]
            .iter()
            .any(|w| q.is(w))
    });
    t.has(Class::RELATIVE)
        && !t.is("that")
        && (!predicate || open - v <= 2)
        && !tokens[v + 1..open]
            .iter()
            .any(|x| x.gap.has(Gap::COMMA | Gap::DASH))
}

/// The cue that speech verb `v` makes before the quote at token `open`,
/// with the subject written next to the verb, or else the one its clause
/// gives it. `initial` says the verb opens the sentence (or the search).
fn cue_before_at_verb(
    reading: &Reading<'_>,
    mentions: &[Mention],
    v: usize,
    floor: usize,
    open: usize,
    range: &std::ops::Range<usize>,
    initial: bool,
) -> Cue {
    let tokens = &reading.tokens;
    let t = &tokens[v];
    // "Asked if ..., Roe said": a participle opening the sentence
    // quotes the question, not an answer.
    if initial
        && t.is_capitalized()
        && t.text.ends_with("ed")
        && tokens.get(v + 1).is_some_and(|n| {
            n.has(Class::CONJUNCTION | Class::PREPOSITION | Class::RELATIVE) || n.is("whether")
        })
    {
        return Cue {
            verb: v,
            subject: None,
            first: v,
            last: v,
            place: Place::Before,
        };
    }
    // `Added another, "..."`: the verb first, its subject after.
    if initial {
        if let Some(s) = subject_after(tokens, mentions, v, open) {
            return Cue {
                verb: v,
                subject: Some(s),
                first: v,
                last: mentions[s].last,
                place: Place::Before,
            };
        }
    }
    if let Some(s) = subject_before(tokens, mentions, v, floor.min(range.start)) {
        let first = mentions[s].first;
        return Cue {
            verb: v,
            subject: Some(s),
            first,
            last: v,
            place: Place::Before,
        };
    }
    cue_before_from_clause(reading, mentions, v, range, initial)
}

/// The cue that speech verb `v` makes before a quote when no subject is
/// written next to it: a participle or a verb joined to an earlier one
/// takes the subject of its clause, and any other verb has none.
fn cue_before_from_clause(
    reading: &Reading<'_>,
    mentions: &[Mention],
    v: usize,
    range: &std::ops::Range<usize>,
    initial: bool,
) -> Cue {
    let tokens = &reading.tokens;
    let t = &tokens[v];
    // A participle opening the sentence has the main clause's subject:
    // "Saying that ..., he set the record straight".
    if initial && t.text.ends_with("ing") {
        let comma =
            (v + 1..range.end).find(|&k| tokens[k].after_comma() && tokens[k].quote().is_none());
        let subject = comma.and_then(|c| clause_subject(tokens, mentions, c, range.end));
        return Cue {
            verb: v,
            subject,
            first: v,
            last: v,
            place: Place::Before,
        };
    }
    // A participle or a second verb of the same subject: "..., saying",
    // "She called it X, compared it to Y, stated that ...": the subject
    // nearest before it.
    if t.text.ends_with("ing") {
        // A participle: the subject of its clause ("Roe opened the show
        // by stating", "..., saying").
        let subject = clause_subject(tokens, mentions, range.start, v);
        return Cue {
            verb: v,
            subject,
            first: subject.map_or(v, |s| mentions[s].first),
            last: v,
            place: Place::Before,
        };
    }
    let joined = t.after_comma()
        || v > 0
            && (tokens[v - 1].is("and")
                || tokens[v - 1].is("but")
                || tokens[v - 1].is("then")
                || tokens[v - 1].is("also"));
    if joined {
        // ", and described": after a comma the verb joins the main
        // clause, whose speech verb has the subject; "and called" with
        // no comma joins the clause nearest before.
        let comma = comma_outside(reading, v)
            || v > 0 && tokens[v - 1].has(Class::CONJUNCTION) && comma_outside(reading, v - 1);
        let earlier = comma
            .then(|| earlier_speech_subject(tokens, mentions, range.start, v))
            .flatten();
        let subject = earlier.or_else(|| nearest_subject(tokens, mentions, range.start, v));
        return Cue {
            verb: v,
            subject,
            first: subject.map_or(v, |s| mentions[s].first),
            last: v,
            place: Place::Before,
        };
    }
    // A verb whose subject is not a mention ("the Academy said",
    // "it has been claimed"): the quote is attributed, to no one.
    Cue {
        verb: v,
        subject: None,
        first: v,
        last: v,
        place: Place::Before,
    }
}

/// "According to Roe, ...": a person credited for the sentence.
pub fn according_to(reading: &Reading<'_>, mentions: &[Mention], sentence: usize) -> Option<Cue> {
    let tokens = &reading.tokens;
    let range = reading.sentence_tokens(sentence);
    for i in range.clone() {
        if tokens[i].quote().is_none()
            && tokens[i].is("according")
            && tokens.get(i + 1).is_some_and(|t| t.is("to"))
        {
            let m = mention_starting_at(mentions, i + 2)?;
            if matches!(
                mentions[m].kind,
                Kind::Name { .. } | Kind::Pronoun(_) | Kind::Descriptor(_)
            ) && !mentions[m].possessive
            {
                return Some(Cue {
                    verb: i,
                    subject: Some(m),
                    first: i,
                    last: mentions[m].last,
                    place: Place::According,
                });
            }
        }
    }
    None
}

/// What a credit in a sentence names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credit {
    /// A known outlet or an unknown one named in a credit's position.
    Named(String),
    /// "the magazine", "the outlet": the last outlet named.
    Last,
    /// A name in a credit's position: an outlet unless it is a person.
    Maybe(usize),
}

/// Whether the words before token `at` credit what stands there as an
/// outlet: "told", "per", "via", "according to", "by" after a verb of
/// publishing, "to" after speaking, "with" after an interview, "in" after
/// writing, "on" (a show).
fn credits(tokens: &[Token<'_>], at: usize) -> bool {
    let Some(t) = at.checked_sub(1).map(|b| &tokens[b]) else {
        return false;
    };
    if t.case != Case::Lower || t.sentence() != tokens[at].sentence() {
        return false;
    }
    if t.has(Class::CITING) || ["told", "tells", "telling", "on"].iter().any(|w| t.is(w)) {
        return true;
    }
    let before = at
        .checked_sub(2)
        .map(|b| &tokens[b])
        .filter(|b| b.sentence() == t.sentence());
    let before_is = |words: &[&str]| before.is_some_and(|b| words.iter().any(|w| b.is(w)));
    (t.is("to")
        && (before_is(&[
            "according",
            "speaking",
            "spoke",
            "said",
            "update",
            "statement",
            "confirmed",
            "told",
            "interview",
            "talking",
        ]) || before.is_some_and(|b| b.has(Class::SPEECH))))
        || (t.is("by")
            && before_is(&[
                "obtained",
                "seen",
                "posted",
                "published",
                "reported",
                "shared",
                "aired",
                "released",
                "first",
                "asked",
                "interviewed",
                "questioned",
            ]))
        || (t.is("with")
            && before_is(&[
                "interview",
                "sit-down",
                "chat",
                "conversation",
                "speaking",
                "spoke",
                "talking",
            ]))
        || (t.is("in")
            && before_is(&[
                "wrote",
                "writes",
                "writing",
                "written",
                "published",
                "column",
                "piece",
                "op-ed",
                "essay",
                "told",
            ]))
        || (t.is("for")
            && before_is(&[
                "wrote", "writes", "writing", "column", "piece", "op-ed", "essay",
            ]))
}

/// The outlet the words of `range` credit, nearest to token `near`.
pub fn credit(
    reading: &Reading<'_>,
    mentions: &[Mention],
    range: std::ops::Range<usize>,
    near: usize,
) -> Option<(Credit, usize)> {
    let tokens = &reading.tokens;
    let mut best: Option<(Credit, usize)> = None;
    let mut consider = |c: Credit, at: usize| {
        if best
            .as_ref()
            .is_none_or(|(_, b)| at.abs_diff(near) < b.abs_diff(near))
        {
            best = Some((c, at));
        }
    };
    let first = mentions.partition_point(|m| m.first < range.start);
    for (k, m) in mentions.iter().enumerate().skip(first) {
        if m.first >= range.end {
            break;
        }
        if let Some(c) = mention_credit(tokens, k, m) {
            consider(c, m.first);
        }
    }
    // A quoted title after "on" or "to" in the cue's words: `said on "The
    // Late Show"`.
    for q in 0..reading.quotes.len() {
        if let Some((title, at)) = quoted_title(reading, q, &range) {
            consider(Credit::Named(title), at);
        }
    }
    best
}

/// What mention `m`, the `k`th of its block, credits when it stands where
/// an outlet is credited: after words of citing, before words of
/// reporting, or as the owner or name of a show.
fn mention_credit(tokens: &[Token<'_>], k: usize, m: &Mention) -> Option<Credit> {
    // "told People", "according to the Guardian".
    let through_the =
        m.first > 1 && tokens[m.first - 1].is("the") && tokens[m.first].gap.is_empty();
    let at = if through_the { m.first - 1 } else { m.first };
    let before = at
        .checked_sub(1)
        .map(|b| &tokens[b])
        .filter(|b| b.sentence() == tokens[m.first].sentence());
    let cued = before.is_some() && credits(tokens, at) && tokens[at].gap.is_empty();
    // "according to", "in an interview with", "wrote in", "speaking to".
    let after = tokens.get(m.last + 1);
    let reports = after.is_some_and(|a| {
        a.has(Class::REPORT) || a.has(Class::SPEECH) && a.case == Case::Lower && a.gap.is_empty()
    });
    let followed_by_show = after.is_some_and(names_a_show);
    let owned = m.possessive || followed_by_show;
    match &m.kind {
        Kind::Outlet(Some(name)) if cued || reports || owned => Some(Credit::Named(name.clone())),
        Kind::Outlet(None) if cued => Some(Credit::Last),
        // "The Harbor Ledger reported": an outlet the lexicon does not
        // know, reporting.
        Kind::Name { key, .. }
            if after.is_some_and(|a| a.has(Class::REPORT) && a.gap.is_empty())
                && !m.possessive
                && could_be_outlet(key) =>
        {
            Some(Credit::Maybe(k))
        }
        Kind::Name { key, .. }
            if cued
                && !m.possessive
                && (cites(tokens, at)
                    || could_be_outlet(key) && (!told(tokens, at) || outlet_like(tokens, m))) =>
        {
            // "told The Daily Lantern", "on Night Owls".
            Some(Credit::Maybe(k))
        }
        Kind::Name { key, .. }
            if before.is_some_and(|b| b.has(Class::OUTLET_NOUN) && b.case == Case::Lower)
                || followed_by_show && !m.possessive && could_be_outlet(key) =>
        {
            Some(Credit::Maybe(k))
        }
        _ => None,
    }
}

/// Whether the word after a name makes the name a show's or a
/// publication's: "her TIME Magazine profile", "the same Backroom Tapes
/// episode".
fn names_a_show(a: &Token<'_>) -> bool {
    ([
        "profile",
        "interview",
        "episode",
        "special",
        "appearance",
        "segment",
        "cover",
    ]
    .iter()
    .any(|w| a.is(w))
        || a.has(Class::DOCUMENT | Class::OUTLET_NOUN))
        && a.gap.is_empty()
        && a.case == Case::Lower
}

/// The title quote `q` gives, with the token where it opens, when it is a
/// short quote in title case within `range` after "on" or a word for an
/// outlet (`said on "The Late Show"`).
fn quoted_title(
    reading: &Reading<'_>,
    q: usize,
    range: &std::ops::Range<usize>,
) -> Option<(String, usize)> {
    let tokens = &reading.tokens;
    let span = reading.quotes[q];
    let at = tokens.partition_point(|t| t.start() < span.open);
    if at < range.start || at >= range.end || at == 0 {
        return None;
    }
    let before = &tokens[at - 1];
    let inner = reading.inner(q).trim().trim_end_matches([',', '.']);
    let titled = inner.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || w.len() <= 3
    });
    ((before.is("on") || before.has(Class::OUTLET_NOUN))
        && titled
        && !inner.is_empty()
        && inner.split_whitespace().count() <= 6)
        .then(|| (inner.to_string(), at))
}

/// Whether "per", "via" or "according to" stands before `at`: a source
/// credited, whatever its name ("via NBC10 Boston").
fn cites(tokens: &[Token<'_>], at: usize) -> bool {
    at.checked_sub(1).is_some_and(|b| {
        let t = &tokens[b];
        t.is("per") || t.is("via") || t.is("to") && b > 0 && tokens[b - 1].is("according")
    })
}

/// Whether "told" stands before `at`: people are told things as often as
/// outlets are ("told Dax Shepard", "told The Messenger").
fn told(tokens: &[Token<'_>], at: usize) -> bool {
    at.checked_sub(1).is_some_and(|b| {
        let t = &tokens[b];
        t.is("told") || t.is("tells") || t.is("telling")
    })
}

/// Whether a name reads as an outlet's rather than a person's: "The"
/// before it, a word of outlets or organisations in it ("Good Morning
/// Harbor", "Harbor Daily"), or letters and digits ("NBC10").
fn outlet_like(tokens: &[Token<'_>], m: &Mention) -> bool {
    let the = m.first > 0 && tokens[m.first - 1].is("the");
    the || tokens[m.first..=m.last].iter().any(|t| {
        t.has(Class::PLACE_OR_ORG | Class::OUTLET_NOUN)
            || t.case == Case::Upper && t.text.len() >= 2
            || t.text.chars().any(|c| c.is_ascii_digit())
    })
}

/// Whether a name can be an outlet's: not a place, a day, a month or a
/// platform.
fn could_be_outlet(key: &str) -> bool {
    let last = key.rsplit(' ').next().unwrap_or(key);
    let class = super::words::class_of(last);
    !(super::words::is_place(key)
        || super::words::is_place(last)
        || class.has(Class::DAY | Class::MONTH | Class::PLATFORM))
}

/// Words before a quote that make it a title ("the song", "titled").
fn title_cue_before(reading: &Reading<'_>, q: usize, open: usize) -> bool {
    let tokens = &reading.tokens;
    open > 0 && {
        let b = &tokens[open - 1];
        // Right before the mark, in the same sentence: "the song "X"".
        let between = &reading.text[b.end()..reading.quotes[q].open];
        let adjacent = between.trim().is_empty() || between.trim() == ",";
        let cue =
            |t: &Token<'_>| t.has(Class::TITLE_CUE) && t.case == Case::Lower || t.is("so-called");
        // "dubbed the "Brenner tapes"".
        let through_the = b.is("the")
            && open > 1
            && cue(&tokens[open - 2])
            && tokens[open - 2].has(Class::SPEECH);
        adjacent && (cue(b) || through_the)
    }
}

/// Whether the word before a quote both names it and reports speech
/// ("dubbed", "nicknamed", "titled"): a title even with a cue.
fn naming_verb(tokens: &[Token<'_>], open: usize) -> bool {
    let at = if open > 1 && tokens[open - 1].is("the") {
        open - 2
    } else {
        open.wrapping_sub(1)
    };
    tokens.get(at).is_some_and(|t| {
        [
            "dubbed",
            "nicknamed",
            "titled",
            "entitled",
            "named",
            "dubbing",
            "branded",
        ]
        .iter()
        .any(|w| t.is(w))
    })
}

/// Whether the quote follows "called" or "calling" directly (`a show called
/// "Loud Neighbors"`): a name, when in title case; speech when it follows
/// an object (`called it "shameful"`).
fn named_by_call(tokens: &[Token<'_>], open: usize) -> bool {
    open > 0
        && (tokens[open - 1].is("called")
            || tokens[open - 1].is("calling")
            || tokens[open - 1].is("named"))
}

/// Whether the word right after a quote is a noun the quote modifies (`the
/// "King Richard" star`, `a "post-nuptial" agreement`).
fn modifies_next(reading: &Reading<'_>, q: usize) -> bool {
    let span = reading.quotes[q];
    let tokens = &reading.tokens;
    let a = tokens.partition_point(|t| t.start() < span.close);
    let Some(next) = tokens.get(a) else {
        return false;
    };
    if !next.gap.has(Gap::QUOTE) || next.gap.breaks() && next.gap != Gap::QUOTE {
        return false;
    }
    let inner = reading.inner(q);
    if inner.trim_end().ends_with([',', '.', '!', '?', ':', ';']) {
        return false;
    }
    next.case == Case::Lower
        && (next.has(Class::ROLE | Class::TITLE_CUE | Class::OUTLET_NOUN | Class::PLACE_OR_ORG)
            || !next.has(Class::GRAMMAR | Class::SUBJECT_PRONOUN | Class::FIRST_PERSON)
                && !next.text.ends_with("ed")
                && !next.text.ends_with("ly"))
}

/// How a quote stands to the cues found for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Governed {
    /// A cue stands right next to it (`Roe said, "`, `"...," Roe said`).
    pub adjacent: bool,
    /// The cue comes after it.
    pub after: bool,
    /// A cue with a subject stands within a few words of it.
    pub near: bool,
    /// Some speech verb of its sentence governs it.
    pub any: bool,
}

/// How quote `q` reads: speech, or a title or term nobody said.
pub fn is_speech(reading: &Reading<'_>, q: usize, g: Governed) -> bool {
    let (cued, governed, cued_after) = (g.adjacent, g.any, g.after);
    let tokens = &reading.tokens;
    let span = reading.quotes[q];
    let inner = reading.inner(q).trim();
    let bare = inner.trim_matches(|c: char| !c.is_alphanumeric());
    // The first words are enough to tell one word from several, and title
    // case (at most fifteen words) from speech.
    let mut first_words = [""; 16];
    let mut count = 0;
    for (slot, w) in first_words.iter_mut().zip(bare.split_whitespace()) {
        *slot = w;
        count += 1;
    }
    let words = &first_words[..count];
    if words.is_empty() {
        return false;
    }
    let open = tokens.partition_point(|t| t.start() < span.open);
    let sentence = reading.sentence_at(span.open);
    let headline = reading.sentences[sentence].title_case;
    if title_cue_before(reading, q, open) && (!cued || naming_verb(tokens, open)) {
        return false;
    }
    if modifies_next(reading, q) && (words.len() == 1 || !(cued || governed)) {
        return false;
    }
    let first_person = || {
        bare.split_whitespace().any(|w| {
            super::words::class_of(
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}'),
            )
            .has(Class::FIRST_PERSON)
        })
    };
    let capitals = capitalised_share(words);
    if words.len() == 1 {
        // One word is someone's only when a cue is right by it: `called it
        // "shameful"`, not `little hope of a "reconciliation"`.
        let capital = words[0].chars().next().is_some_and(char::is_uppercase);
        return if capital && !headline {
            cued
        } else {
            cued || g.near
        };
    }
    // Title case: a title, unless the sentence is a headline (where every
    // word is capitalised), it speaks in the first person, or a cue says it
    // is speech ("THANK YOU FOR EVERYTHING," Roe posted).
    // Title case with a cue before it ("wrote that "Loud Neighbors," ...")
    // is a title unless written as speech: all capitals, or sentences.
    // Read only when it counts: a long quote is not scanned for nothing.
    let speech_like = || {
        let shouted = || {
            bare.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        };
        let sentences =
            || super::text::find_any(bare.as_bytes(), 0, [b'.', b'!', b'?']) < bare.len();
        cued_after || shouted() || sentences()
    };
    if capitals
        && !headline
        && (!(cued && speech_like()) || named_by_call(tokens, open))
        && !first_person()
    {
        return false;
    }
    // `on "The Late Show"`: a title after "on" or "to".
    if open > 0
        && capitals
        && (tokens[open - 1].is("on") || tokens[open - 1].is("in"))
        && tokens[open - 1].case == Case::Lower
        && !first_person()
    {
        return false;
    }
    true
}

/// Whether most words that count are capitalised.
fn capitalised_share(words: &[&str]) -> bool {
    const SMALL: [&str; 15] = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "but", "by",
        "is",
    ];
    if words.len() > 15 {
        return false;
    }
    let mut counted = 0;
    let mut capital = 0;
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if i > 0 && SMALL.iter().any(|s| s.eq_ignore_ascii_case(w)) {
            continue;
        }
        counted += 1;
        capital += usize::from(first.is_uppercase());
    }
    counted > 0 && capital * 4 >= counted * 3
}
