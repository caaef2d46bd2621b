//! The people of a run, found in its articles: every capitalised name
//! seen in a person's position (the subject of a speech verb, after a title
//! or a role, with an age or a role in apposition, as someone's relation)
//! becomes a person, and the forms of one person (full name, surname,
//! first name, longer forms, a nickname the text states) merge into one.
//! Pronouns come from the text too: the "she" or "his" that follows a name.
//! A roster (`people.toml`) adds on top what the text cannot tell.

use std::collections::BTreeMap;

use crate::hash::FastMap;
use crate::model::Person;
use crate::problem::Problem;
use crate::roster::Roster;
use crate::slug::slugify;

use super::mentions::{gender_of_word, Gender, Kind, Mention};
use super::text::{Case, Gap, Reading, Token};
use super::words::{given_name, is_given_name, is_place, Class, OUTLETS};

/// Why a sighting of a name looks like a person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence(u16);

impl Evidence {
    /// The subject of a speech verb ("Roe said", "said Roe").
    pub const SPEAKS: Evidence = Evidence(1);
    /// After a title ("Mr Roe", "Judge Roe").
    pub const TITLE: Evidence = Evidence(2);
    /// After a role or a relation ("host Jane Roe", "his wife Jane"), or
    /// with one in apposition ("Roe, the host,").
    pub const ROLE: Evidence = Evidence(4);
    /// With an age in apposition ("Roe, 31,").
    pub const AGE: Evidence = Evidence(8);
    /// Someone's relation ("Roe's wife", "Roe's lawyer").
    pub const RELATION: Evidence = Evidence(16);
    /// The subject of an ordinary verb ("Roe arrived").
    pub const ACTS: Evidence = Evidence(32);
    /// Followed by a pronoun of its own ("Roe ... she").
    pub const PRONOUN: Evidence = Evidence(64);
    /// After "the" (the Wilbur Theatre): rarely a person.
    pub const AFTER_THE: Evidence = Evidence(128);
    /// After "in", "at", "from": often a place.
    pub const AFTER_PLACE_WORD: Evidence = Evidence(256);
    /// Capitalised where a sentence does not start.
    pub const MID_SENTENCE: Evidence = Evidence(512);
    /// Credited as a source ("told Roe", "per Roe"): may be an outlet.
    pub const CREDITED: Evidence = Evidence(1024);

    /// Whether any of `other` is set.
    pub fn has(self, other: Evidence) -> bool {
        self.0 & other.0 != 0
    }

    fn add(&mut self, other: Evidence) {
        self.0 |= other.0;
    }

    /// Evidence that the name is a person's.
    const PERSONAL: Evidence = Evidence(1 | 2 | 4 | 8 | 16 | 64);
}

impl std::ops::BitOr for Evidence {
    type Output = Evidence;
    fn bitor(self, other: Evidence) -> Evidence {
        Evidence(self.0 | other.0)
    }
}

/// One sighting of a name in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sighting {
    /// The name's words.
    pub key: String,
    /// Why it looks like a person.
    pub evidence: Evidence,
    /// Votes for he and she from the words around it.
    pub votes: [u16; 2],
    /// A nickname the text gives it ("who now goes by Jay").
    pub nickname: Option<String>,
    /// Roles the text ties to it ("comedian", "host").
    pub roles: Vec<String>,
    /// Whether it stands in a headline, where capitals tell little.
    pub headline: bool,
}

/// What the cast knows of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    /// One person.
    Person(usize),
    /// A single word that is part of several people's names ("Smith"):
    /// the story decides.
    Ambiguous(Vec<usize>),
    /// Not a person.
    Nobody,
}

/// One person of the cast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CastMember {
    /// The slug id.
    pub id: String,
    /// The name to show.
    pub name: String,
    /// Every other form the texts use, and the roster's aliases.
    pub aliases: Vec<String>,
    /// Descriptors: from the roster, and the roles the texts tie to the name.
    pub descriptors: Vec<String>,
    /// The pronoun class, when the text or roster tells.
    pub gender: Option<Gender>,
    /// Social handles.
    pub handles: Vec<String>,
    /// How many times the texts name the person.
    pub mentions: usize,
    /// Why the person was found, in words, for the review of the cast.
    pub evidence: Vec<String>,
}

impl CastMember {
    /// The dataset's view of this person.
    pub fn to_person(&self) -> Person {
        Person {
            id: self.id.clone(),
            name: self.name.clone(),
            aliases: self.aliases.clone(),
            descriptors: self.descriptors.clone(),
            handles: self.handles.clone(),
        }
    }
}

/// The people of a run.
#[derive(Clone, Debug, Default)]
pub struct Cast {
    /// The people, ordered by id.
    pub people: Vec<CastMember>,
    names: FastMap<String, Known>,
    handles: FastMap<String, usize>,
    /// Role words tied to a person somewhere in the run ("comedian").
    roles: FastMap<String, Vec<usize>>,
}

impl Cast {
    /// What `key` names.
    pub fn lookup(&self, key: &str) -> &Known {
        self.names.get(key).unwrap_or(&Known::Nobody)
    }

    /// The person a social handle belongs to.
    pub fn by_handle(&self, handle: &str) -> Option<usize> {
        self.handles.get(&handle.to_ascii_lowercase()).copied()
    }

    /// The people the run ties a role word to ("comedian Chris Rock").
    pub fn with_role(&self, role: &str) -> &[usize] {
        self.roles.get(role).map_or(&[], Vec::as_slice)
    }

    /// The gender of person `p`, if known.
    pub fn gender(&self, p: usize) -> Option<Gender> {
        self.people[p].gender
    }

    /// Adds a handle seen on a post by a person whose name it shows.
    pub fn add_handle(&mut self, p: usize, handle: &str) {
        let lower = handle.to_ascii_lowercase();
        if !self.people[p]
            .handles
            .iter()
            .any(|h| h.eq_ignore_ascii_case(handle))
        {
            self.people[p].handles.push(handle.to_string());
        }
        self.handles.entry(lower).or_insert(p);
    }
}

/// The words of a key.
fn words(key: &str) -> Vec<&str> {
    key.split([' ', '-']).filter(|w| !w.is_empty()).collect()
}

/// Titles that come with a first name ("Prince Harry", "Lady Imogen").
const NOBLE_TITLES: [&str; 12] = [
    "prince", "princess", "king", "queen", "lady", "lord", "sir", "dame", "duke", "duchess",
    "earl", "countess",
];

/// Multi-word places that are never people.
const PLACE_NAMES: [&str; 24] = [
    "Los Angeles",
    "San Francisco",
    "San Fransisco",
    "San Diego",
    "Las Vegas",
    "New York",
    "New Jersey",
    "New Mexico",
    "New Zealand",
    "New Orleans",
    "Kansas City",
    "Hong Kong",
    "South Africa",
    "North Carolina",
    "South Carolina",
    "Saudi Arabia",
    "Sri Lanka",
    "East Rutherford",
    "Rhode Island",
    "Puerto Rico",
    "Costa Rica",
    "Buenos Aires",
    "Abu Dhabi",
    "Beverly Hills",
];

/// Whether a name of two or more words is a place, an organisation or an
/// outlet rather than a person.
fn not_a_person(key: &str) -> bool {
    let w = words(key);
    let Some(last) = w.last() else { return true };
    if PLACE_NAMES
        .iter()
        .any(|p| key.starts_with(p) || key.ends_with(p))
    {
        return true;
    }
    if OUTLETS.iter().any(|(name, _, _)| *name == key) {
        return true;
    }
    let last_class = super::words::class_of(last);
    if last_class
        .has(Class::PLACE_OR_ORG | Class::PLATFORM | Class::MONTH | Class::DAY | Class::DOCUMENT)
    {
        return true;
    }
    if w.iter().any(|x| super::words::class_of(x).has(Class::DAY)) {
        return true;
    }
    let first_given = is_given_name(w[0]);
    if !first_given && w.iter().any(|x| is_place(x)) {
        return true;
    }
    // Acronyms and numbers are not names.
    w.iter()
        .all(|x| x.len() <= 1 || x.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
}

/// Whether a single word can be a person's whole name.
fn single_can_be_person(word: &str) -> bool {
    let c = super::words::class_of(word);
    !(c.has(
        Class::DAY
            | Class::FUNCTION
            | Class::PLATFORM
            | Class::MONTH
            | Class::DAY
            | Class::PLACE_OR_ORG
            | Class::ROLE
            | Class::TITLE
            | Class::SPEECH
            | Class::VERB
            | Class::UNNAMED
            | Class::GROUP
            | Class::COGNITIVE
            | Class::PREPOSITION,
    ) || is_place(word)
        || OUTLETS.iter().any(|(name, _, _)| *name == word)
        || word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
        || word.chars().count() < 2)
}

/// The sightings of names among `mentions`, with what their sentence says
/// of them.
pub fn sightings(reading: &Reading<'_>, mentions: &[Mention]) -> Vec<Sighting> {
    let tokens = &reading.tokens;
    let mut out = Vec::new();
    for (n, m) in mentions.iter().enumerate() {
        let Kind::Name { key, title } = &m.kind else {
            continue;
        };
        let mut evidence = Evidence::default();
        let mut votes = [0u16; 2];
        let mut roles: Vec<String> = Vec::new();
        let mut vote = |g: Gender, weight: u16| votes[usize::from(g == Gender::She)] += weight;
        let first = &tokens[m.first];
        if let Some(title) = title {
            evidence.add(Evidence::TITLE);
            roles.push(title.clone());
            if let Some(g) = gender_of_word(title) {
                vote(g, 3);
            }
        }
        evidence_of_word_before(tokens, m, &mut evidence, &mut roles, &mut vote);
        if !starts_sentence(tokens, m.first) {
            evidence.add(Evidence::MID_SENTENCE);
        }
        // Within the name: a title ("Mr") or a noble title ("Prince").
        if let Some(g) = gender_of_word(first.text) {
            if first.has(Class::TITLE) {
                evidence.add(Evidence::TITLE);
                vote(g, 3);
            }
        }
        evidence_of_noun_in_apposition_before(tokens, m, &mut evidence, &mut roles, &mut vote);
        if m.possessive {
            if names_a_relation(tokens, m) {
                evidence.add(Evidence::RELATION);
            }
        } else {
            if let Some(role) = after_name(tokens, mentions, n, &mut evidence, &mut vote) {
                roles.push(role);
            }
        }
        let nickname = nickname(tokens, m.last);
        let headline = reading
            .sentences
            .get(first.sentence())
            .is_some_and(|s| s.title_case);
        out.push(Sighting {
            key: key.clone(),
            evidence,
            votes,
            nickname,
            roles,
            headline,
        });
    }
    out
}

/// What the word just before the name `m` says of it: a title, a role or a
/// relation, "the", a word that comes before places, or a credit.
fn evidence_of_word_before(
    tokens: &[Token<'_>],
    m: &Mention,
    evidence: &mut Evidence,
    roles: &mut Vec<String>,
    vote: &mut impl FnMut(Gender, u16),
) {
    let first = &tokens[m.first];
    let Some(before) = m.first.checked_sub(1).map(|b| &tokens[b]) else {
        return;
    };
    if before.sentence() != first.sentence() || before.quote().is_some() || !first.gap.is_empty() {
        return;
    }
    let c = before.class;
    if c.has(Class::TITLE) || c.has(Class::ROLE | Class::KIN) && before.case == Case::Lower {
        evidence.add(if c.has(Class::TITLE) {
            Evidence::TITLE
        } else {
            Evidence::ROLE
        });
        if c.has(Class::ROLE) {
            roles.push(before.text.to_ascii_lowercase());
        }
        if let Some(g) = gender_of_word(&before.text.to_ascii_lowercase()) {
            vote(g, 3);
        }
    }
    if before.is("the") {
        evidence.add(Evidence::AFTER_THE);
    }
    if ["in", "at", "from", "near", "to", "across", "of"]
        .iter()
        .any(|w| before.is(w))
    {
        evidence.add(Evidence::AFTER_PLACE_WORD);
    }
    // "told Roe", "per Roe": a credit, which outlets get too
    // ("played by Roe" is none).
    if before.has(Class::CITING) || ["told", "tells", "telling"].iter().any(|w| before.is(w)) {
        evidence.add(Evidence::CREDITED);
    }
}

/// What a noun before the name `m`, with the name in apposition to it,
/// says of it: "his former wife, Tessa Roe," and "the division's head,
/// Sam Lee," make it a person with that role.
fn evidence_of_noun_in_apposition_before(
    tokens: &[Token<'_>],
    m: &Mention,
    evidence: &mut Evidence,
    roles: &mut Vec<String>,
    vote: &mut impl FnMut(Gender, u16),
) {
    let first = &tokens[m.first];
    if !first.after_comma() || m.first == 0 {
        return;
    }
    let noun = &tokens[m.first - 1];
    let closes = tokens.get(m.last + 1).is_none_or(|n| {
        n.gap.has(Gap::COMMA | Gap::STOP | Gap::BRACKET | Gap::DASH)
            || n.sentence() != first.sentence()
    });
    let not_a_person_noun = Class::SPEECH
        | Class::VERB
        | Class::PREPOSITION
        | Class::CONJUNCTION
        | Class::DETERMINER
        | Class::ADVERB
        | Class::AUXILIARY
        | Class::OUTLET_NOUN
        | Class::DOCUMENT
        | Class::PLACE_OR_ORG
        | Class::TITLE_CUE
        | Class::GROUP;
    if noun.case == Case::Lower
        && closes
        && (noun.has(Class::ROLE | Class::KIN) || !noun.has(not_a_person_noun))
    {
        evidence.add(Evidence::ROLE);
        if noun.has(Class::ROLE | Class::KIN) {
            roles.push(noun.text.to_ascii_lowercase());
            if let Some(g) = gender_of_word(&noun.text.to_ascii_lowercase()) {
                vote(g, 3);
            }
        }
    }
}

/// Whether the possessive name `m` is followed by a relation of its own
/// ("Roe's wife").
fn names_a_relation(tokens: &[Token<'_>], m: &Mention) -> bool {
    // Only people have relations (companies have lawyers and chairmen
    // too).
    tokens
        .get(m.last + 1)
        .is_some_and(|next| next.has(Class::KIN) && next.case == Case::Lower && next.gap.is_empty())
}

/// What follows a name: an apposition, a speech verb, an ordinary verb, a
/// pronoun of its own.
fn after_name(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    n: usize,
    evidence: &mut Evidence,
    vote: &mut impl FnMut(Gender, u16),
) -> Option<String> {
    let m = &mentions[n];
    let sentence = tokens[m.last].sentence();
    let role = evidence_of_apposition_after(tokens, mentions, n, evidence, vote);
    evidence_of_verb_after(tokens, m, evidence);
    // The word before: "said Roe" (inverted).
    if m.first > 0 {
        let before = &tokens[m.first - 1];
        if before.has(Class::SPEECH)
            && before.case == Case::Lower
            && before.sentence() == sentence
            && tokens
                .get(m.last + 1)
                .is_none_or(|t| t.gap.breaks() || t.sentence() != sentence)
        {
            evidence.add(Evidence::SPEAKS);
        }
    }
    evidence_of_pronoun_after(tokens, mentions, n, evidence, vote);
    role
}

/// What an apposition after the name `mentions[n]` says of it: an age
/// (", 31,"), a role (", the host,", ", his lawyer,"), a "who" that acts,
/// or someone's relation. Gives back the role's word when the apposition
/// names one.
fn evidence_of_apposition_after(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    n: usize,
    evidence: &mut Evidence,
    vote: &mut impl FnMut(Gender, u16),
) -> Option<String> {
    let m = &mentions[n];
    let k = m.last + 1;
    let sentence = tokens[m.last].sentence();
    let next = tokens.get(k)?;
    if !next.after_comma() || next.sentence() != sentence {
        return None;
    }
    let mut role = None;
    if super::mentions::age_of(next.text).is_some()
        || next.case == Case::Other && next.text.len() <= 3
    {
        evidence.add(Evidence::AGE);
    }
    let role_follows = (next.has(Class::DETERMINER) && next.case == Case::Lower
        || next.has(Class::ROLE | Class::KIN))
        && mentions
            .get(n + 1)
            .is_some_and(|d| d.first == k && matches!(d.kind, Kind::Descriptor(_)));
    if role_follows {
        evidence.add(Evidence::ROLE);
        if let Some(Kind::Descriptor(d)) = mentions.get(n + 1).map(|d| &d.kind) {
            if let Some(g) = d.gender {
                vote(g, 2);
            }
            if d.of.is_none() && !d.head.is_empty() {
                role = Some(d.head.clone());
            }
        }
    }
    if next.is("who") {
        evidence.add(Evidence::ACTS);
    }
    // "Sam Asghari, Spears' fiancé,": a relation in apposition.
    let relation = mentions
        .get(n + 1)
        .filter(|o| o.first == k && o.possessive)
        .and_then(|o| tokens.get(o.last + 1));
    if let Some(noun) =
        relation.filter(|t| t.has(Class::KIN | Class::ROLE) && t.case == Case::Lower)
    {
        evidence.add(Evidence::ROLE);
        if let Some(g) = gender_of_word(&noun.text.to_ascii_lowercase()) {
            vote(g, 3);
        }
    }
    role
}

/// What the verb after the name `m` says of it: a speech verb makes it a
/// speaker, any other verb makes it act.
fn evidence_of_verb_after(tokens: &[Token<'_>], m: &Mention, evidence: &mut Evidence) {
    let sentence = tokens[m.last].sentence();
    let mut k = m.last + 1;
    // Skip adverbs to the verb.
    while tokens.get(k).is_some_and(|t| {
        t.sentence() == sentence
            && t.has(Class::ADVERB)
            && t.case == Case::Lower
            && t.gap.is_empty()
    }) {
        k += 1;
    }
    if let Some(verb) = tokens.get(k) {
        if verb.sentence() == sentence
            && verb.case == Case::Lower
            && verb.quote().is_none()
            && verb.gap.is_empty()
        {
            if verb.has(Class::SPEECH) && !verb.has(Class::REPORT) {
                evidence.add(Evidence::SPEAKS);
            } else if verb.has(Class::VERB | Class::COGNITIVE) {
                evidence.add(Evidence::ACTS);
            }
        }
    }
}

/// What a pronoun of its own after the name `mentions[n]` says of it.
///
/// The first pronoun after the name, before anyone else is named,
/// votes for its gender: "his" or "her" in the name's own sentence, a
/// subject pronoun ("she said") there or in the next. Only a name that
/// is a subject votes: after an object ("called Roe a fraud and said he
/// ...") the pronoun is often the subject's.
fn evidence_of_pronoun_after(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    n: usize,
    evidence: &mut Evidence,
    vote: &mut impl FnMut(Gender, u16),
) {
    let m = &mentions[n];
    let sentence = tokens[m.last].sentence();
    let object = m.first > 0 && {
        let b = &tokens[m.first - 1];
        b.sentence() == sentence
            && b.case == Case::Lower
            && tokens[m.first].gap.is_empty()
            && b.has(Class::SPEECH | Class::VERB | Class::PREPOSITION | Class::COGNITIVE)
    };
    // "Roe and Lee": a pronoun after a pair is either's.
    let paired = m.first > 0 && tokens[m.first - 1].is("and")
        || tokens.get(m.last + 1).is_some_and(|t| t.is("and"));
    for later in mentions[n + 1..].iter().take_while(|_| !object && !paired) {
        let s = tokens[later.first].sentence();
        if s > sentence + 1 {
            break;
        }
        match &later.kind {
            Kind::Pronoun(g) => {
                let t = &tokens[later.first];
                // "his" or "her" close by in the name's sentence; "he" or
                // "she" there, or opening the next sentence.
                let close = s == sentence && later.first <= m.last + 8;
                let subject = t.has(Class::SUBJECT_PRONOUN)
                    && (s == sentence
                        || tokens
                            .get(later.first.wrapping_sub(1))
                            .is_none_or(|p| p.sentence() != s));
                if close || subject || t.is("himself") || t.is("herself") {
                    vote(*g, 1);
                    evidence.add(Evidence::PRONOUN);
                    break;
                }
            }
            Kind::Name { .. } | Kind::Descriptor(_) | Kind::Unnamed | Kind::They => break,
            _ => {}
        }
    }
}

/// "X, who now goes by Jay", "X, known as Jay", "X (aka Jay)": the
/// nickname after the name ending at `last`.
pub fn nickname(tokens: &[Token<'_>], last: usize) -> Option<String> {
    let sentence = tokens[last].sentence();
    let after = &tokens[last + 1..];
    let len = after
        .iter()
        .take(6)
        .take_while(|t| t.sentence() == sentence)
        .count();
    let window = &after[..len];
    // Most names have none of the words that give a nickname.
    if !window
        .iter()
        .any(|t| t.is("by") || t.is("as") || t.is("aka"))
    {
        return None;
    }
    let position = window
        .iter()
        .position(|t| {
            t.is("by")
                && window.iter().any(|w| {
                    ["goes", "go", "going", "gone", "went"]
                        .iter()
                        .any(|x| w.is(x))
                })
        })
        .or_else(|| {
            window
                .iter()
                .position(|t| t.is("as") && window.iter().any(|w| w.is("known")))
        })
        .or_else(|| window.iter().position(|t| t.is("aka")))?;
    let name: Vec<&str> = window[position + 1..]
        .iter()
        .take_while(|t| t.is_capitalized() && !t.has(Class::FUNCTION))
        .map(|t| t.text)
        .collect();
    (!name.is_empty() && name.len() <= 3).then(|| name.join(" "))
}

fn starts_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    i == 0
        || tokens[i - 1].sentence() != tokens[i].sentence()
        || tokens[i].gap.has(Gap::COLON | Gap::QUOTE)
}

/// What the sightings of a run say of each name form. Headlines capitalise
/// every word: their names count only when prose names them too.
fn tally(sightings: &[Sighting], authors: &[String]) -> BTreeMap<String, Form> {
    let mut forms: BTreeMap<String, Form> = BTreeMap::new();
    let in_prose: crate::hash::FastSet<&str> = sightings
        .iter()
        .filter(|s| !s.headline)
        .map(|s| s.key.as_str())
        .collect();
    for s in sightings
        .iter()
        .filter(|s| in_prose.contains(s.key.as_str()))
    {
        let f = forms.entry(s.key.clone()).or_default();
        f.count += 1;
        f.evidence.add(s.evidence);
        f.speaks += usize::from(s.evidence.has(Evidence::SPEAKS));
        f.after_the += usize::from(s.evidence.has(Evidence::AFTER_THE));
        f.votes[0] += s.votes[0];
        f.votes[1] += s.votes[1];
        if let Some(n) = &s.nickname {
            if !f.nicknames.contains(n) {
                f.nicknames.push(n.clone());
            }
        }
    }
    // A post's author named in prose is a person speaking.
    for a in authors {
        if let Some(f) = forms.get_mut(a) {
            f.evidence.add(Evidence::SPEAKS);
            f.speaks += 1;
        }
    }
    forms
}

/// The people being found, with which form belongs to whom.
#[derive(Default)]
struct Found {
    people: Vec<Draft>,
    owner: FastMap<String, usize>,
    names: FastMap<String, Known>,
}

impl Found {
    /// Names of two words or more: a person where the texts say so (or the
    /// first word is a given name, or their surname alone speaks: "Roe
    /// said" makes "Jane Roe" a person), one person for the forms of one
    /// name.
    fn full_names(&mut self, forms: &BTreeMap<String, Form>) {
        let single_personal = |word: &str| {
            forms.get(word).is_some_and(|f| {
                f.evidence.has(Evidence::PERSONAL | Evidence::ACTS)
                    && f.evidence.has(
                        Evidence::MID_SENTENCE | Evidence::SPEAKS | Evidence::AGE | Evidence::TITLE,
                    )
            })
        };
        // Longer names first, so that shorter forms find their person.
        let mut multi: Vec<(&String, &Form)> =
            forms.iter().filter(|(k, _)| words(k).len() >= 2).collect();
        multi.sort_by(|a, b| {
            words(b.0)
                .len()
                .cmp(&words(a.0).len())
                .then(b.1.count.cmp(&a.1.count))
                .then(a.0.cmp(b.0))
        });
        let mut variants = Vec::new();
        for (key, form) in multi {
            if not_a_person(key) {
                continue;
            }
            let w = words(key);
            let given = is_given_name(w[0]);
            let part_speaks = w.len() == 2 && (single_personal(w[1]) || single_personal(w[0]));
            let acts = form.evidence.has(Evidence::ACTS) && given;
            let worthy = form.is_person()
                || (given || part_speaks || acts)
                    && form.after_the * 2 <= form.count
                    && !form.evidence.has(Evidence::CREDITED);
            if !worthy {
                variants.push((key, form));
                continue;
            }
            let matches: Vec<usize> = (0..self.people.len())
                .filter(|&p| self.people[p].contains_form(key))
                .collect();
            let p = match matches[..] {
                [p] => p,
                _ => {
                    self.people.push(Draft::default());
                    self.people.len() - 1
                }
            };
            self.add(key, form, p);
        }
        // Forms of a found name with nothing said of them ("whose full name
        // is Tobias James Wren") join it.
        for (key, form) in variants {
            let matches: Vec<usize> = (0..self.people.len())
                .filter(|&p| self.people[p].contains_form(key))
                .collect();
            if let [p] = matches[..] {
                self.add(key, form, p);
            }
        }
        self.titled_first_names();
    }

    fn add(&mut self, key: &str, form: &Form, p: usize) {
        self.people[p].add_form(key, form);
        self.owner.insert(key.to_string(), p);
    }

    /// "Lady Imogen" is Imogen Fairleigh when only one person of the run has
    /// that first name; "Prince Harry", with no one else named Harry, stays.
    fn titled_first_names(&mut self) {
        for p in 0..self.people.len() {
            let titled: Option<String> = self.people[p].forms.keys().find_map(|f| {
                let w = words(f);
                let only = self.people[p].forms.len() == 1;
                (only && w.len() == 2 && NOBLE_TITLES.contains(&w[0].to_ascii_lowercase().as_str()))
                    .then(|| w[1].to_string())
            });
            let Some(first) = titled else { continue };
            let others: Vec<usize> = (0..self.people.len())
                .filter(|&q| {
                    q != p
                        && self.people[q].forms.keys().any(|f| {
                            words(f).first() == Some(&first.as_str()) && words(f).len() >= 2
                        })
                })
                .collect();
            if let [q] = others[..] {
                let moved = std::mem::take(&mut self.people[p]);
                for (key, count) in &moved.forms {
                    self.owner.insert(key.clone(), q);
                    self.people[q].forms.insert(key.clone(), *count);
                }
                self.people[q].absorb_draft(&moved);
            }
        }
    }

    /// Single words: part of one or more full names, or a person known by
    /// one name ("Oprah", "Mr Depp" with no first name anywhere).
    fn single_names(&mut self, forms: &BTreeMap<String, Form>) {
        for (key, form) in forms.iter().filter(|(k, _)| words(k).len() == 1) {
            let holders: Vec<usize> = (0..self.people.len())
                .filter(|&p| self.people[p].has_part(key))
                .collect();
            match holders[..] {
                [] => {
                    let strong = form
                        .evidence
                        .has(Evidence::TITLE | Evidence::ROLE | Evidence::AGE | Evidence::RELATION)
                        || form.speaks >= 1
                            && (form.evidence.has(Evidence::PRONOUN) || is_given_name(key));
                    let seen_as_name = form.evidence.has(Evidence::MID_SENTENCE)
                        && !form.evidence.has(Evidence::CREDITED)
                        || form.evidence.has(Evidence::TITLE);
                    if strong && seen_as_name && single_can_be_person(key) {
                        self.people.push(Draft::default());
                        let p = self.people.len() - 1;
                        self.add(key, form, p);
                    }
                }
                [p] => {
                    self.people[p].add_single(key, form);
                    self.owner.insert(key.clone(), p);
                }
                _ => {
                    for &p in &holders {
                        self.people[p].add_single(key, form);
                    }
                    self.names.insert(key.clone(), Known::Ambiguous(holders));
                }
            }
        }
    }

    /// Nicknames the texts state ("who now goes by TJ") join their person.
    fn nicknames(&mut self, forms: &BTreeMap<String, Form>) {
        for (key, form) in forms {
            if let Some(&p) = self.owner.get(key) {
                for nick in &form.nicknames {
                    if !self.owner.contains_key(nick) {
                        self.owner.insert(nick.clone(), p);
                        self.people[p].aliases.push(nick.clone());
                    }
                }
            }
        }
    }
}

/// What the run knows of one name form.
#[derive(Clone, Debug, Default)]
struct Form {
    count: usize,
    evidence: Evidence,
    speaks: usize,
    after_the: usize,
    votes: [u16; 2],
    nicknames: Vec<String>,
}

impl Form {
    /// Whether what the texts say of the form makes it a person's name: a
    /// person's evidence, and not mostly "the ..." or credited as a source
    /// with nothing else said ("told Good Morning Harbor").
    fn is_person(&self) -> bool {
        let personal = self.evidence.has(Evidence::PERSONAL);
        let mostly_the = self.after_the * 2 > self.count
            && !self
                .evidence
                .has(Evidence::TITLE | Evidence::ROLE | Evidence::AGE);
        let only_credited = self.evidence.has(Evidence::CREDITED)
            && !self
                .evidence
                .has(Evidence::TITLE | Evidence::ROLE | Evidence::AGE | Evidence::RELATION)
            && self.speaks == 0;
        personal && !mostly_the && !only_credited
    }
}

impl Cast {
    /// Finds the people in the sightings of a run (in any order: the cast
    /// is the same) and applies the roster's corrections. Problems of the
    /// roster are located as `person[i].field`.
    pub fn build(
        sightings: &[Sighting],
        authors: &[String],
        roster: &Roster,
    ) -> (Cast, Vec<Problem>) {
        let forms = tally(sightings, authors);
        let mut found = Found::default();
        found.full_names(&forms);
        found.single_names(&forms);
        found.nicknames(&forms);
        let mut cast = Cast::from_drafts(found.people, found.owner, found.names);
        let problems = cast.correct(roster);
        (cast, problems)
    }

    fn from_drafts(
        drafts: Vec<Draft>,
        owner: FastMap<String, usize>,
        mut names: FastMap<String, Known>,
    ) -> Cast {
        // Ids are slugs of the names, in a stable order; drafts merged into
        // others are empty.
        let mut order: Vec<usize> = (0..drafts.len())
            .filter(|&d| !drafts[d].forms.is_empty() || !drafts[d].singles.is_empty())
            .collect();
        let display: Vec<String> = drafts.iter().map(Draft::display_name).collect();
        order.sort_by(|&a, &b| {
            slugify(&display[a], 8)
                .cmp(&slugify(&display[b], 8))
                .then(display[a].cmp(&display[b]))
        });
        let mut position = vec![usize::MAX; drafts.len()];
        let mut people = Vec::with_capacity(drafts.len());
        let mut used: FastMap<String, usize> = FastMap::default();
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
            let d = &drafts[old];
            let base = slugify(&display[old], 8);
            let base = if base.is_empty() {
                "person".to_string()
            } else {
                base
            };
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            let name = display[old].clone();
            let mut aliases: Vec<String> = d
                .forms
                .keys()
                .chain(d.singles.iter())
                .chain(d.aliases.iter())
                .filter(|f| **f != name)
                .cloned()
                .collect();
            aliases.sort();
            aliases.dedup();
            people.push(CastMember {
                id,
                name,
                aliases,
                descriptors: Vec::new(),
                gender: d.gender(),
                handles: Vec::new(),
                mentions: d.count,
                evidence: d.evidence_words(),
            });
        }
        for (key, p) in owner {
            if position[p] != usize::MAX {
                names.entry(key).or_insert(Known::Person(position[p]));
            }
        }
        for known in names.values_mut() {
            if let Known::Ambiguous(list) = known {
                for p in list.iter_mut() {
                    *p = position[*p];
                }
                list.sort_unstable();
            }
        }
        Cast {
            people,
            names,
            handles: FastMap::default(),
            roles: FastMap::default(),
        }
    }

    /// Records that the texts tie `role` to person `p`.
    pub fn add_role(&mut self, role: &str, p: usize) {
        let list = self.roles.entry(role.to_string()).or_default();
        if !list.contains(&p) {
            list.push(p);
            list.sort_unstable();
        }
        let person = &mut self.people[p];
        if !person.descriptors.iter().any(|d| d == role) {
            person.descriptors.push(role.to_string());
            person.descriptors.sort();
        }
    }
}

/// A person being put together from name forms.
#[derive(Clone, Debug, Default)]
struct Draft {
    forms: BTreeMap<String, usize>,
    singles: Vec<String>,
    aliases: Vec<String>,
    count: usize,
    votes: [u16; 2],
    evidence: Evidence,
}

impl Draft {
    /// Whether `key` is another form of this person: the same first and
    /// last words (a middle name more or less), or a longer or shorter run
    /// of the same words ("Pinkett Smith" of "Jada Pinkett Smith").
    fn contains_form(&self, key: &str) -> bool {
        let w = words(key);
        self.forms.keys().any(|f| {
            let fw = words(f);
            let (short, long) = if fw.len() <= w.len() {
                (&fw, &w)
            } else {
                (&w, &fw)
            };
            if short.len() < 2 {
                return false;
            }
            let same_ends = short.first() == long.first() && short.last() == long.last();
            let run = long
                .windows(short.len())
                .enumerate()
                .any(|(at, win)| win == &short[..] && (at == 0 || at + short.len() == long.len()));
            same_ends || run
        })
    }

    /// Whether `word` is the first or last word of one of its full forms.
    fn has_part(&self, word: &str) -> bool {
        self.forms.keys().any(|f| {
            let fw = words(f);
            fw.len() >= 2
                && (fw.first() == Some(&word)
                    || fw.last() == Some(&word)
                    || fw.len() >= 3 && fw[fw.len() - 2] == word)
        })
    }

    fn add_form(&mut self, key: &str, form: &Form) {
        self.forms.insert(key.to_string(), form.count);
        self.absorb(form);
    }

    fn add_single(&mut self, key: &str, form: &Form) {
        if !self.singles.iter().any(|s| s == key) {
            self.singles.push(key.to_string());
        }
        self.absorb(form);
    }

    fn absorb_draft(&mut self, other: &Draft) {
        self.singles.extend(other.singles.iter().cloned());
        self.aliases.extend(other.aliases.iter().cloned());
        self.count += other.count;
        self.votes[0] += other.votes[0];
        self.votes[1] += other.votes[1];
        self.evidence.add(other.evidence);
    }

    fn absorb(&mut self, form: &Form) {
        self.count += form.count;
        self.votes[0] += form.votes[0];
        self.votes[1] += form.votes[1];
        self.evidence.add(form.evidence);
    }

    /// The most frequent full form that starts as the longest one does (so
    /// "Pinkett Smith" never names Jada Pinkett Smith); ties go to the
    /// shorter ("Tobias Wren" over "Tobias James Wren"), then the first in
    /// order.
    fn display_name(&self) -> String {
        // A name without a title ("Imogen Fairleigh") over one with it
        // ("Lady Imogen"), when the texts give both.
        let titled = |k: &str| {
            words(k)
                .first()
                .is_some_and(|w| NOBLE_TITLES.contains(&w.to_ascii_lowercase().as_str()))
        };
        let plain = self.forms.keys().any(|k| !titled(k));
        let candidates = || self.forms.iter().filter(move |(k, _)| !plain || !titled(k));
        let longest = candidates().map(|(k, _)| k).max_by_key(|k| words(k).len());
        let first_word = longest.and_then(|k| words(k).first().copied());
        candidates()
            .filter(|(k, _)| first_word.is_none_or(|f| words(k).first() == Some(&f)))
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(words(b.0).len().cmp(&words(a.0).len()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(k, _)| k.clone())
            .or_else(|| self.singles.first().cloned())
            .unwrap_or_default()
    }

    fn gender(&self) -> Option<Gender> {
        let mut votes = self.votes;
        let name = self.display_name();
        let first = words(&name)
            .into_iter()
            .find(|w| !super::words::class_of(w).has(Class::TITLE));
        if let Some(she) = first.and_then(given_name) {
            votes[usize::from(she)] += 2;
        }
        let (he, she) = (votes[0], votes[1]);
        if he >= 2 && he >= 2 * she.max(1) || he >= 1 && she == 0 {
            Some(Gender::He)
        } else if she >= 2 && she >= 2 * he.max(1) || she >= 1 && he == 0 {
            Some(Gender::She)
        } else {
            None
        }
    }

    fn evidence_words(&self) -> Vec<String> {
        let e = self.evidence;
        [
            (Evidence::SPEAKS, "speaks"),
            (Evidence::TITLE, "has a title"),
            (Evidence::ROLE, "has a role"),
            (Evidence::AGE, "has an age"),
            (Evidence::RELATION, "has relations"),
            (Evidence::PRONOUN, "takes a pronoun"),
            (Evidence::ACTS, "acts"),
        ]
        .iter()
        .filter(|(flag, _)| e.has(*flag))
        .map(|(_, w)| (*w).to_string())
        .collect()
    }
}

impl Cast {
    /// Applies the roster on top of what the texts tell: a roster person
    /// whose id, name or alias matches found people becomes one person with
    /// the roster's id and name and all their forms; one that matches no
    /// one is added; `not_people` are taken out.
    fn correct(&mut self, roster: &Roster) -> Vec<Problem> {
        let mut problems = super::roster_problems(roster);
        // Outlets the roster lists are names, but no one's.
        for not in roster.not_people.iter().chain(roster.outlets.iter()) {
            self.remove_name(not);
        }
        for (i, r) in roster.person.iter().enumerate() {
            let mut forms: Vec<&str> = vec![r.name.as_str()];
            forms.extend(r.aliases.iter().map(String::as_str));
            let mut matched: Vec<usize> = Vec::new();
            for f in &forms {
                let key = f.trim();
                match self.names.get(key) {
                    Some(Known::Person(p)) if !matched.contains(p) => matched.push(*p),
                    _ => {}
                }
            }
            if let Some(p) = self.people.iter().position(|m| m.id == r.id) {
                if !matched.contains(&p) {
                    matched.push(p);
                }
            }
            matched.sort_unstable();
            let target = match matched.first() {
                Some(&p) => p,
                None => {
                    self.people.push(CastMember {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        aliases: Vec::new(),
                        descriptors: Vec::new(),
                        gender: None,
                        handles: Vec::new(),
                        mentions: 0,
                        evidence: vec!["in the roster".to_string()],
                    });
                    self.people.len() - 1
                }
            };
            // Merge the others into the target.
            for &other in matched.iter().skip(1).rev() {
                self.merge(other, target);
            }
            let target = self.people.iter().position(|m| m.id == r.id).or_else(|| {
                self.people.iter().position(|m| {
                    forms
                        .iter()
                        .any(|f| m.name == *f || m.aliases.iter().any(|a| a == f))
                })
            });
            let Some(target) = target else {
                problems.push(Problem::warning(
                    format!("person[{i}]"),
                    "could not apply this person",
                ));
                continue;
            };
            self.apply(target, r);
        }
        self.reindex();
        problems
    }

    fn remove_name(&mut self, name: &str) {
        let name = name.trim();
        if let Some(Known::Person(p)) = self.names.get(name).cloned() {
            if self.people[p].name == name {
                self.people[p].id.clear();
            } else {
                self.people[p].aliases.retain(|a| a != name);
            }
        }
        self.names.insert(name.to_string(), Known::Nobody);
        self.people.retain(|p| !p.id.is_empty());
        self.reindex();
    }

    fn merge(&mut self, from: usize, into: usize) {
        let taken = self.people[from].clone();
        let target = &mut self.people[into];
        target.aliases.push(taken.name.clone());
        target.aliases.extend(taken.aliases);
        target.mentions += taken.mentions;
        target.gender = target.gender.or(taken.gender);
        target.handles.extend(taken.handles);
        target.evidence.extend(taken.evidence);
        self.people[from].id.clear();
    }

    fn apply(&mut self, p: usize, r: &crate::roster::RosterPerson) {
        let person = &mut self.people[p];
        if person.name != r.name {
            let old = std::mem::replace(&mut person.name, r.name.clone());
            person.aliases.push(old);
        }
        person.id = r.id.clone();
        person.aliases.extend(r.aliases.iter().cloned());
        person.descriptors.extend(r.descriptors.iter().cloned());
        person.handles.extend(
            r.handles
                .iter()
                .map(|h| h.trim_start_matches('@').to_string()),
        );
        match r
            .pronouns
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("he") => person.gender = Some(Gender::He),
            Some("she") => person.gender = Some(Gender::She),
            Some("they") => person.gender = None,
            _ => {}
        }
        if !person.evidence.iter().any(|e| e == "in the roster") {
            person.evidence.push("in the roster".to_string());
        }
    }

    /// Rebuilds the lookups after corrections, and orders people by id.
    fn reindex(&mut self) {
        self.tidy_people();
        let nobody: Vec<String> = self
            .names
            .iter()
            .filter(|(_, k)| **k == Known::Nobody)
            .map(|(n, _)| n.clone())
            .collect();
        self.names.clear();
        self.handles.clear();
        self.index_names_and_handles();
        self.index_name_parts();
        for n in nobody {
            self.names.insert(n, Known::Nobody);
        }
        self.index_roles();
    }

    /// Drops the people corrections removed, sorts and dedups what each
    /// person keeps, and orders people by id.
    fn tidy_people(&mut self) {
        self.people.retain(|p| !p.id.is_empty());
        for p in &mut self.people {
            let name = p.name.clone();
            p.aliases.retain(|a| *a != name);
            p.aliases.sort();
            p.aliases.dedup();
            p.descriptors.sort();
            p.descriptors.dedup();
            p.handles.sort();
            p.handles.dedup();
            p.evidence.dedup();
        }
        self.people.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// Files every person under their name, their aliases and their
    /// handles; a form that several people share becomes ambiguous.
    fn index_names_and_handles(&mut self) {
        let mut ambiguous: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, p) in self.people.iter().enumerate() {
            for form in std::iter::once(&p.name).chain(p.aliases.iter()) {
                let entry = self.names.entry(form.clone()).or_insert(Known::Person(i));
                match entry {
                    Known::Person(q) if *q != i => {
                        ambiguous
                            .entry(form.clone())
                            .or_insert_with(|| vec![*q])
                            .push(i);
                    }
                    _ => {}
                }
            }
            for h in &p.handles {
                self.handles.insert(h.to_ascii_lowercase(), i);
            }
        }
        for (form, list) in ambiguous {
            self.names.insert(form, Known::Ambiguous(list));
        }
    }

    /// Files the people the texts never name under the first and last
    /// words of their names, where those words name nobody yet.
    fn index_name_parts(&mut self) {
        // A roster person the texts never name in full is still known by
        // the first and last words of the name ("West" of Kanye West).
        let mut parts: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, p) in self
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.mentions == 0)
        {
            let w = words(&p.name);
            if w.len() >= 2 {
                for part in [w[0], w[w.len() - 1]] {
                    parts.entry(part.to_string()).or_default().push(i);
                }
            }
        }
        for (part, mut list) in parts {
            if self.names.contains_key(&part) {
                continue;
            }
            list.dedup();
            let known = if let [one] = list[..] {
                Known::Person(one)
            } else {
                Known::Ambiguous(list)
            };
            self.names.insert(part, known);
        }
    }

    /// Rebuilds the lookup from a role word (the last word of a
    /// descriptor) to the people it describes.
    fn index_roles(&mut self) {
        self.roles.clear();
        for (i, p) in self.people.iter().enumerate() {
            for d in &p.descriptors {
                let head = d.rsplit(' ').next().unwrap_or(d).to_ascii_lowercase();
                let list = self.roles.entry(head).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
}
