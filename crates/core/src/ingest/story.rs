//! One article into a story: its mentions resolved to the run's people
//! (names through the cast, pronouns and descriptors by salience), each
//! quote attributed by the grammar of its sentence, and the story, quotes,
//! posts and events assembled.
//!
//! Salience is what a reader keeps in mind while reading: the subject of
//! the paragraph, the last person who spoke, who the last sentences named.
//! A pronoun or descriptor goes to the person it agrees with that stands
//! out; when two do and nothing tells them apart, it goes to no one.

use crate::date::Day;
use crate::model::{
    Attribution, Block, DateSource, Event, Method, Post, Precision, Quote, Span, Story,
};
use crate::problem::Problem;
use crate::split::numbered_id;

use super::attribution::{
    according_to, clause_subject, credit, cue_after, cue_before, cue_before_token, is_speech,
    Credit, Cue, Governed, Place,
};
use super::dates;
use super::layout::{RawBlock, RawKind};
use super::mentions::{Descriptor, Gender, Kind, Mention, Possessor};
use super::people::{Cast, Known};
use super::text::Reading;
use super::{Laid, ReadArticle};

/// What a mention stands for, once resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ref {
    /// A person of the cast.
    Person(usize),
    /// Someone the text does not name: a source, a fan, "they".
    Unnamed,
    /// A pronoun or descriptor that cannot be resolved with confidence, or
    /// a name that is no one's.
    Unknown,
    /// An outlet, by the name to show.
    Outlet(String),
}

/// One analysed article.
pub struct Analysed {
    /// The story.
    pub story: Story,
    /// Its quotes.
    pub quotes: Vec<Quote>,
    /// Its posts.
    pub posts: Vec<Post>,
    /// Its events.
    pub events: Vec<Event>,
    /// What is worth telling about it, located by line.
    pub problems: Vec<Problem>,
}

/// Someone seen in a sentence outside quotes: a person of the cast, or an
/// unnamed speaker ([`UNNAMED`]: "a spokesman", "a source").
#[derive(Clone, Copy, Debug)]
struct Seen {
    person: usize,
    block: usize,
    sentence: usize,
    subject: bool,
    /// The gender of an unnamed speaker's noun ("spokeswoman").
    gender: Option<Gender>,
}

/// The `person` of a [`Seen`] that is someone the text does not name.
const UNNAMED: usize = usize::MAX;

/// The sentence whose mentions are being resolved: its block, its number
/// in the story, which of its mentions is its subject, and whether that
/// subject is two people ("Roe and Lee").
#[derive(Clone, Copy)]
struct SentenceAt {
    block: usize,
    id: usize,
    subject: Option<usize>,
    plural: bool,
}

/// Where a pronoun or descriptor is resolved, and what it needs.
struct Salience<'s> {
    gender: Option<Gender>,
    block: usize,
    current: &'s [Seen],
    /// Whether the mention is the subject of its own sentence.
    is_subject: bool,
    /// Whether a speech verb follows it ("she said").
    speaking: bool,
}

/// What one level of salience gives.
enum Found {
    /// This person (or [`UNNAMED`]).
    One(usize),
    /// Two who agree and nothing to tell them apart: no one.
    Open,
    /// No one at this level; try the next.
    Nobody,
}

/// A quote being put together.
#[derive(Clone, Debug)]
struct Draft {
    block: usize,
    sentence: usize,
    spans: Vec<(usize, usize, usize)>,
    text: String,
    speaker: Option<usize>,
    decided: bool,
    via: Option<String>,
    attribution: Option<Attribution>,
    said_on: Option<Day>,
    /// Whether it is a whole sentence or more, rather than words inside one.
    whole: bool,
}

/// A tie the text makes between a descriptor and a person.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Tie {
    head: String,
    phrase: String,
    person: usize,
}

/// Per person of a story: how often it names them (in full, or as a
/// speaker), and the order of its first full mention of them. Only the
/// story's own people are kept, however large the run's cast.
#[derive(Default)]
struct Named(crate::hash::FastMap<usize, (usize, usize)>);

impl Named {
    fn count(&self, p: usize) -> usize {
        self.0.get(&p).map_or(0, |n| n.0)
    }

    fn first(&self, p: usize) -> usize {
        self.0.get(&p).map_or(usize::MAX, |n| n.1)
    }

    /// One more naming of `p`, as the story's `order`th full mention.
    fn add(&mut self, p: usize, order: usize) {
        let n = self.0.entry(p).or_insert((0, order));
        n.0 += 1;
        n.1 = n.1.min(order);
    }
}

/// The reading state of one story.
struct Reader<'a, 't> {
    cast: &'a Cast,
    article: &'a ReadArticle<'t>,
    laid: &'a Laid,
    /// How often and how early the story names each of its people.
    named: Named,
    ties: Vec<Tie>,
    ages: Vec<(u8, usize)>,
    /// Who each sentence read so far named, in reading order (by block and
    /// by sentence).
    seen: Vec<Seen>,
    /// The subject of the paragraph: the last sentence subject of the
    /// current block, with its block, and the person (`None` for "Roe and
    /// Lee", which leaves "she" open).
    paragraph_subject: Option<(usize, Option<usize>)>,
    /// The people of a subject of two ("Roe and Lee"), when it is the
    /// paragraph's.
    plural_subject: Vec<usize>,
    /// Nicknames the story gives ("the singer, who now goes by Gus").
    nicknames: Vec<(String, usize)>,
    /// Who last asked something, and in which sentence: a reply is not theirs.
    last_asker: Option<(usize, usize)>,
    /// The line of a quote mark left open at the end of the block before.
    unclosed: Option<usize>,
    /// The last person who spoke: person, block, sentence.
    last_speaker: Option<(usize, usize, usize)>,
    last_outlet: Option<String>,
    /// The last outlet named as a show or podcast ("his podcast Night Owls").
    last_show: Option<String>,
    /// The last person whose document the text named ("Harry's memoir").
    document_owner: Option<usize>,
    refs: Vec<Vec<Ref>>,
    drafts: Vec<Draft>,
    sources: Vec<String>,
    problems: Vec<Problem>,
    sentence_counter: usize,
}

impl<'a, 't> Reader<'a, 't> {
    fn new(cast: &'a Cast, article: &'a ReadArticle<'t>, laid: &'a Laid) -> Reader<'a, 't> {
        let mut reader = Reader {
            cast,
            article,
            laid,
            named: Named::default(),
            ties: Vec::new(),
            ages: Vec::new(),
            seen: Vec::new(),
            paragraph_subject: None,
            plural_subject: Vec::new(),
            nicknames: Vec::new(),
            last_asker: None,
            unclosed: None,
            last_speaker: None,
            last_outlet: None,
            last_show: None,
            document_owner: None,
            refs: Vec::new(),
            drafts: Vec::new(),
            sources: Vec::new(),
            problems: Vec::new(),
            sentence_counter: 0,
        };
        reader.count_names();
        reader.collect_ties();
        reader
    }

    /// How often this story names each person in full (single words that
    /// could be several people are decided by these counts).
    fn count_names(&mut self) {
        let mut order = 0;
        for mentions in &self.article.mentions {
            for m in mentions {
                if let Kind::Name { key, .. } = &m.kind {
                    if let Known::Person(p) = self.cast.lookup(key) {
                        self.named.add(*p, order);
                        order += 1;
                    }
                }
            }
        }
    }

    /// The person a name stands for in this story: a word of several
    /// people's names ("Smith") is the one the story names most, or, when
    /// as often, first.
    fn name(&self, key: &str) -> Option<usize> {
        if let Some((_, p)) = self.nicknames.iter().find(|(n, _)| n == key) {
            return Some(*p);
        }
        match self.cast.lookup(key) {
            Known::Person(p) => Some(*p),
            Known::Ambiguous(list) => {
                let most = list.iter().map(|&p| self.named.count(p)).max().unwrap_or(0);
                if most == 0 {
                    return None;
                }
                list.iter()
                    .copied()
                    .filter(|&p| self.named.count(p) == most)
                    .min_by_key(|&p| self.named.first(p))
            }
            Known::Nobody => None,
        }
    }

    /// The person a name stands for where it stands: a word of several
    /// people's names is first narrowed to those who agree with a "he" or
    /// "she" of its sentence ("Asked whether he had..., Fairleigh said").
    fn name_in_sentence(&self, key: &str, m: &Mention, block: usize) -> Option<usize> {
        let Known::Ambiguous(list) = self.cast.lookup(key) else {
            return self.name(key);
        };
        let reading = self.article.readings[block].as_ref()?;
        let tokens = &reading.tokens;
        let sentence = tokens[m.first].sentence();
        let range = reading.sentence_tokens(sentence);
        let gender = tokens[range]
            .iter()
            .filter(|t| t.quote().is_none() && t.has(super::words::Class::SUBJECT_PRONOUN))
            .find_map(|t| super::mentions::gender_of_pronoun(t.text));
        let agreeing: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&p| gender.is_none() || self.cast.gender(p) == gender)
            .collect();
        let pool = if agreeing.is_empty() {
            list.clone()
        } else {
            agreeing
        };
        let most = pool.iter().map(|&p| self.named.count(p)).max().unwrap_or(0);
        if most == 0 {
            return (pool.len() == 1).then(|| pool[0]);
        }
        pool.iter()
            .copied()
            .filter(|&p| self.named.count(p) == most)
            .min_by_key(|&p| self.named.first(p))
    }

    /// A known name inside a longer run of capitalised words (a headline's
    /// "Will Smith Apologizes"): its longest known part, first first.
    fn name_within(&self, key: &str) -> Option<usize> {
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() < 2 {
            return None;
        }
        for len in (2..words.len()).rev() {
            for start in 0..=words.len() - len {
                if let Some(p) = self.name(&words[start..start + len].join(" ")) {
                    return Some(p);
                }
            }
        }
        None
    }

    /// Ties between descriptors and names the story states: `Roe, the
    /// singer,`, `the Academy president, David Rubin,`, `his wife Jada
    /// Roe`, `comedian Sam Lee`, `Roe, 31,`.
    fn collect_ties(&mut self) {
        for (b, mentions) in self.article.mentions.iter().enumerate() {
            let Some(reading) = self.article.readings[b].as_ref() else {
                continue;
            };
            let tokens = &reading.tokens;
            for (k, m) in mentions.iter().enumerate() {
                let Kind::Name { key, title } = &m.kind else {
                    continue;
                };
                let Some(p) = self.name(key) else { continue };
                if let Some(t) = title {
                    self.ties.push(Tie {
                        head: t.clone(),
                        phrase: t.clone(),
                        person: p,
                    });
                }
                if m.first > 0 {
                    let before = &tokens[m.first - 1];
                    if before.has(super::words::Class::ROLE | super::words::Class::KIN)
                        && before.case == super::text::Case::Lower
                        && tokens[m.first].gap.is_empty()
                    {
                        let head = before.text.to_ascii_lowercase();
                        self.ties.push(Tie {
                            head: head.clone(),
                            phrase: head,
                            person: p,
                        });
                    }
                }
                if let Some(next) = tokens.get(m.last + 1) {
                    if next.after_comma() {
                        if let Some(age) = super::mentions::age_of(next.text).or_else(|| {
                            next.text
                                .parse::<u8>()
                                .ok()
                                .filter(|a| (10..=110).contains(a))
                        }) {
                            if next.case == super::text::Case::Other
                                && tokens.get(m.last + 2).is_none_or(|n| n.gap.breaks())
                            {
                                self.ages.push((age, p));
                            }
                        }
                    }
                }
                let neighbours = [k.checked_sub(1), Some(k + 1)];
                for d in neighbours.into_iter().flatten() {
                    let Some(other) = mentions.get(d) else {
                        continue;
                    };
                    let Kind::Descriptor(desc) = &other.kind else {
                        continue;
                    };
                    let apposition = if d > k {
                        other.first == m.last + 1 && tokens[other.first].after_comma()
                    } else {
                        other.last + 1 == m.first
                            && (tokens[m.first].after_comma() || tokens[m.first].gap.is_empty())
                    };
                    if apposition {
                        self.ties.push(Tie {
                            head: desc.head.clone(),
                            phrase: desc.phrase.to_lowercase(),
                            person: p,
                        });
                    }
                }
            }
        }
        // Both are read as sets (who has this phrase, this age): a tie
        // stated again is kept once, so that a long story is not read
        // again for each descriptor.
        self.ties.sort_unstable();
        self.ties.dedup();
        let mut kept = crate::hash::FastSet::default();
        self.ages.retain(|&pair| kept.insert(pair));
    }

    /// Whether person `p` can be what a word of `gender` stands for: the
    /// same gender, or one the text never told.
    fn agrees(&self, p: usize, gender: Option<Gender>) -> bool {
        if p == UNNAMED {
            return true;
        }
        match (gender, self.cast.gender(p)) {
            (Some(g), Some(h)) => g == h,
            _ => true,
        }
    }

    /// Whether person `p` agrees with `gender`: `strict`, only when the
    /// texts tell the person's gender and it is the same.
    fn agrees_with(&self, p: usize, gender: Option<Gender>, strict: bool) -> bool {
        let known = if p == UNNAMED {
            None
        } else {
            self.cast.gender(p)
        };
        match (gender, known) {
            (Some(g), Some(h)) => g == h,
            (Some(_), None) => !strict,
            (None, _) => true,
        }
    }

    /// Whether a seen one agrees with `gender`.
    fn seen_agrees_with(&self, s: &Seen, gender: Option<Gender>, strict: bool) -> bool {
        if s.person == UNNAMED {
            return match (gender, s.gender) {
                (Some(g), Some(h)) => g == h,
                (Some(_), None) => !strict,
                (None, _) => true,
            };
        }
        self.agrees_with(s.person, gender, strict)
    }

    /// The person a pronoun or descriptor of `gender` stands for, by
    /// salience, at `block`, in the sentence being read (`current` holds the
    /// people it has named so far).
    fn salient(
        &self,
        gender: Option<Gender>,
        block: usize,
        current: &[Seen],
        is_subject: bool,
        speaking: bool,
    ) -> Option<usize> {
        // Level by level, most salient first; at each, someone whose gender
        // the texts tell and agrees, then someone whose gender they do not.
        let at = Salience {
            gender,
            block,
            current,
            is_subject,
            speaking,
        };
        for level in 0..4 {
            for strict in [true, false] {
                match self.salient_at(level, &at, strict) {
                    Found::One(p) => return Some(p),
                    Found::Open => return None,
                    Found::Nobody => {}
                }
            }
        }
        None
    }

    /// The candidate of one level of salience: 0, the subject of the
    /// sentence so far (and, for a pronoun later in it, the one person of its
    /// gender it named); 1, the paragraph's subject; 2, the last speaker,
    /// until someone else who agrees is a subject; 3, the most recent
    /// sentence of this paragraph or the two before that names someone who
    /// agrees: its subject, or the one it names.
    fn salient_at(&self, level: usize, at: &Salience<'_>, strict: bool) -> Found {
        let gender = at.gender;
        let agrees = |p: usize| self.agrees_with(p, gender, strict);
        let seen_agrees = |s: &Seen| self.seen_agrees_with(s, gender, strict);
        // An unnamed speaker ("a spokesman") is what a "he said" right after
        // it stands for, never the "he" of narration.
        let unnamed_ok = |p: usize| p != UNNAMED || at.speaking;
        let one = |p: Option<usize>| p.map_or(Found::Nobody, Found::One);
        match level {
            0 => {
                let subject = at
                    .current
                    .iter()
                    .find(|s| s.subject && seen_agrees(s) && unnamed_ok(s.person));
                if let Some(s) = subject {
                    return Found::One(s.person);
                }
                if at.is_subject || gender.is_none() || !strict {
                    return Found::Nobody;
                }
                let mut here: Vec<usize> = at
                    .current
                    .iter()
                    .filter(|s| s.person != UNNAMED && self.cast.gender(s.person) == gender)
                    .map(|s| s.person)
                    .collect();
                here.dedup();
                one(match here[..] {
                    [only] => Some(only),
                    _ => None,
                })
            }
            1 => match self.paragraph_subject {
                // "Roe and Diaz were asked. "...," she said": either of them.
                Some((b, None))
                    if b == at.block
                        && self.plural_subject.iter().filter(|&&p| agrees(p)).count() >= 2 =>
                {
                    Found::Open
                }
                Some((b, Some(p))) if b == at.block && agrees(p) && unnamed_ok(p) => Found::One(p),
                _ => Found::Nobody,
            },
            2 => one(self
                .last_speaker
                .filter(|&(p, b, when)| {
                    b + 6 >= at.block
                        && agrees(p)
                        && unnamed_ok(p)
                        && !self
                            .seen_after(when)
                            .iter()
                            .any(|s| s.subject && s.person != p && seen_agrees(s))
                })
                .map(|(p, _, _)| p)),
            _ => self.recent(at, &seen_agrees, &unnamed_ok),
        }
    }

    /// Who was seen in the sentences read after sentence `when`: the tail
    /// of `seen`, which is in reading order.
    fn seen_after(&self, when: usize) -> &[Seen] {
        &self.seen[self.seen.partition_point(|s| s.sentence <= when)..]
    }

    /// The most recent sentence (this paragraph or the two before) that
    /// names someone who agrees: its subject, or the one it names, or no
    /// one when it names two.
    fn recent(
        &self,
        at: &Salience<'_>,
        seen_agrees: &dyn Fn(&Seen) -> bool,
        unnamed_ok: &dyn Fn(usize) -> bool,
    ) -> Found {
        // `seen` is in reading order: the last three blocks are its tail.
        let from = self.seen.partition_point(|s| s.block + 2 < at.block);
        let tail = &self.seen[from..];
        let mut sentences: Vec<usize> = tail.iter().map(|s| s.sentence).collect();
        sentences.dedup();
        for &s in sentences.iter().rev() {
            let found: Vec<Seen> = tail
                .iter()
                .filter(|x| x.sentence == s && seen_agrees(x))
                .copied()
                .collect();
            if found.is_empty() {
                continue;
            }
            if let Some(subject) = found.iter().find(|x| x.subject && unnamed_ok(x.person)) {
                return Found::One(subject.person);
            }
            let mut people: Vec<usize> = found
                .iter()
                .filter(|x| x.person != UNNAMED)
                .map(|x| x.person)
                .collect();
            people.sort_unstable();
            people.dedup();
            return match people[..] {
                [only] => Found::One(only),
                [] => Found::Nobody,
                _ => Found::Open,
            };
        }
        Found::Nobody
    }

    /// The relative a kin descriptor of a known possessor stands for: the
    /// one person of the story, other than the possessor, who shares the
    /// possessor's surname and agrees with the word's gender.
    fn family(
        &self,
        of: &Possessor,
        d: &Descriptor,
        block: usize,
        current: &[Seen],
    ) -> Option<usize> {
        if !super::words::class_of(&d.head).has(super::words::Class::KIN) {
            return None;
        }
        let owner = match of {
            Possessor::Pronoun(g) => self.salient(Some(*g), block, current, false, false)?,
            _ => return None,
        };
        if owner == UNNAMED {
            return None;
        }
        let surname = self.cast.people[owner].name.rsplit(' ').next()?.to_string();
        let mut found: Vec<usize> = self
            .named
            .0
            .keys()
            .copied()
            .filter(|&p| p != owner && self.named.count(p) > 0 && self.agrees(p, d.gender))
            .filter(|&p| {
                self.cast.people[p].name.rsplit(' ').next() == Some(surname.as_str())
                    && self.cast.people[p].name.contains(' ')
            })
            .collect();
        found.sort_unstable();
        match found[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Whether a speech verb follows token `i` of `block` ("she said").
    fn speaks_after(&self, block: usize, i: usize) -> bool {
        let Some(reading) = self.article.readings[block].as_ref() else {
            return false;
        };
        let tokens = &reading.tokens;
        let mut k = i + 1;
        while tokens.get(k).is_some_and(|t| {
            t.has(super::words::Class::ADVERB)
                && t.case == super::text::Case::Lower
                && t.gap.is_empty()
        }) {
            k += 1;
        }
        tokens.get(k).is_some_and(|t| {
            t.has(super::words::Class::SPEECH)
                && t.case == super::text::Case::Lower
                && t.gap.is_empty()
        })
    }

    /// Resolves a descriptor: a tie the story states, an age it gives, a
    /// role the run ties to one of its people, or else salience.
    fn descriptor(&self, d: &Descriptor, block: usize, current: &[Seen]) -> Option<usize> {
        let phrase = d.phrase.to_lowercase();
        let tied = |f: &dyn Fn(&Tie) -> bool| {
            let mut people: Vec<usize> = self
                .ties
                .iter()
                .filter(|t| f(t))
                .map(|t| t.person)
                .collect();
            people.sort_unstable();
            people.dedup();
            match people[..] {
                [one] => Some(Some(one)),
                [] => None,
                _ => Some(None),
            }
        };
        if let Some(found) = tied(&|t| t.phrase == phrase) {
            return found;
        }
        if let Some(age) = d.age {
            let mut people: Vec<usize> = self
                .ages
                .iter()
                .filter(|(a, _)| *a == age)
                .map(|(_, p)| *p)
                .collect();
            people.dedup();
            if let [one] = people[..] {
                return Some(one);
            }
        }
        if let Some(of) = &d.of {
            // "his wife", "Depp's lawyer": a tie tells who; for family, the
            // one person of the story who shares the possessor's surname
            // ("her son" of Donna Reyes is Marco Reyes).
            if let Some(found) = tied(&|t| t.head == d.head) {
                return found;
            }
            return self.family(of, d, block, current);
        }
        if !d.head.is_empty() {
            if let Some(found) = tied(&|t| t.head == d.head) {
                return found;
            }
            let in_story: Vec<usize> = self
                .cast
                .with_role(&d.head)
                .iter()
                .copied()
                .filter(|&p| self.named.count(p) > 0)
                .collect();
            if let [one] = in_story[..] {
                return Some(one);
            }
        }
        self.salient(d.gender, block, current, true, false)
    }

    /// Resolves the mentions of block `b`, sentence by sentence, updating
    /// salience; then attributes the block's quotes.
    fn read_block(&mut self, b: usize) {
        let Some(reading) = self.article.readings[b].as_ref() else {
            self.refs.push(Vec::new());
            self.close_unclosed(false);
            return;
        };
        let mentions = &self.article.mentions[b];
        let mut refs: Vec<Ref> = Vec::with_capacity(mentions.len());
        for s in 0..reading.sentences.len() {
            self.read_sentence(b, reading, s, &mut refs);
        }
        while refs.len() < mentions.len() {
            refs.push(Ref::Unknown);
        }
        self.refs.push(refs);
        // Quotes in a post are not read as speech: the post is its own item.
        if matches!(
            self.laid.layout.blocks[b].kind,
            RawKind::Paragraph | RawKind::Heading
        ) {
            self.attribute_block(b, reading);
        } else {
            self.close_unclosed(false);
        }
    }

    /// Resolves the mentions of sentence `s` of block `b`, adding what they
    /// stand for to `refs`, and notes who its subject is, who asks
    /// something in it and who publishes something in it.
    fn read_sentence(&mut self, b: usize, reading: &Reading<'_>, s: usize, refs: &mut Vec<Ref>) {
        let mentions = &self.article.mentions[b];
        let id = self.sentence_counter;
        self.sentence_counter += 1;
        let mut current: Vec<Seen> = Vec::new();
        let range = reading.sentence_tokens(s);
        let subject = clause_subject(&reading.tokens, mentions, range.start, range.end);
        let plural = is_plural_subject(reading, mentions, subject);
        if plural {
            self.paragraph_subject = Some((b, None));
            self.plural_subject.clear();
        }
        let sentence = SentenceAt {
            block: b,
            id,
            subject,
            plural,
        };
        // `refs` has one entry for each mention of the block read so far, so
        // its length is the mention to read next.
        while refs.len() < mentions.len() && mentions[refs.len()].first < range.end {
            let r = self.read_mention(sentence, reading, refs.len(), &mut current, refs);
            refs.push(r);
        }
        if asks(reading, range.clone()) {
            if let Some(s) = current.iter().find(|s| s.subject && s.person != UNNAMED) {
                self.last_asker = Some((s.person, id));
            }
        }
        // "Roe posted a photo": what is read or captioned next is Roe's.
        if publishes(reading, range) {
            if let Some(s) = current.iter().find(|s| s.subject && s.person != UNNAMED) {
                self.document_owner = Some(s.person);
            }
        }
        self.seen.extend(current);
    }

    /// Resolves mention `k` of the sentence, given what the mentions before
    /// it stand for, and notes what it tells: who is seen in the sentence
    /// and whether they are its subject, whose document is meant next, a
    /// nickname, the last outlet named.
    fn read_mention(
        &mut self,
        sentence: SentenceAt,
        reading: &Reading<'_>,
        k: usize,
        current: &mut Vec<Seen>,
        refs: &[Ref],
    ) -> Ref {
        let b = sentence.block;
        let mentions = &self.article.mentions[b];
        let m = &mentions[k];
        let is_subject = sentence.subject == Some(k);
        let r = self.resolve(m, b, current, refs, mentions, is_subject);
        if let (Ref::Person(p), true) = (&r, m.possessive) {
            if reading
                .tokens
                .get(m.last + 1)
                .is_some_and(|t| t.has(super::words::Class::DOCUMENT))
            {
                self.document_owner = Some(*p);
            }
        }
        if r == Ref::Unnamed && is_subject && matches!(m.kind, Kind::Unnamed) {
            let noun = reading.tokens[m.last].text.to_ascii_lowercase();
            current.push(Seen {
                person: UNNAMED,
                block: b,
                sentence: sentence.id,
                subject: true,
                gender: super::mentions::gender_of_word(&noun),
            });
            self.paragraph_subject = Some((b, Some(UNNAMED)));
        }
        if let Ref::Person(p) = r {
            self.see_person(sentence, reading, k, p, current);
        }
        // "Roe said in an email": the email is Roe's.
        if matches!(m.kind, Kind::Document(_)) {
            if let Some(s) = current.iter().find(|s| s.subject && s.person != UNNAMED) {
                self.document_owner = Some(s.person);
            }
        }
        if let Ref::Outlet(name) = &r {
            if matches!(m.kind, Kind::Outlet(Some(_))) {
                self.last_outlet = Some(name.clone());
            }
        }
        r
    }

    /// Notes that mention `k` of the sentence is person `p`: one of a
    /// subject of two, someone seen in the sentence (its subject, and so
    /// the paragraph's, when the mention is), and the owner of any
    /// nickname given right after.
    fn see_person(
        &mut self,
        sentence: SentenceAt,
        reading: &Reading<'_>,
        k: usize,
        p: usize,
        current: &mut Vec<Seen>,
    ) {
        if sentence.plural && sentence.subject.is_some_and(|s| k == s || k == s + 1) {
            self.plural_subject.push(p);
        }
        let is_subject = sentence.subject == Some(k) && !sentence.plural;
        current.push(Seen {
            person: p,
            block: sentence.block,
            sentence: sentence.id,
            subject: is_subject,
            gender: None,
        });
        if is_subject {
            self.paragraph_subject = Some((sentence.block, Some(p)));
        }
        let last = self.article.mentions[sentence.block][k].last;
        if let Some(nick) = super::people::nickname(&reading.tokens, last) {
            self.nicknames.push((nick, p));
        }
    }

    fn resolve(
        &self,
        m: &Mention,
        block: usize,
        current: &[Seen],
        refs: &[Ref],
        mentions: &[Mention],
        is_subject: bool,
    ) -> Ref {
        let person = |p: Option<usize>| match p {
            Some(UNNAMED) => Ref::Unnamed,
            Some(p) => Ref::Person(p),
            None => Ref::Unknown,
        };
        match &m.kind {
            Kind::Name { key, .. } => person(
                self.name_in_sentence(key, m, block)
                    .or_else(|| self.name_within(key)),
            ),
            Kind::Pronoun(g) => person(self.salient(
                Some(*g),
                block,
                current,
                is_subject,
                self.speaks_after(block, m.last),
            )),
            Kind::They | Kind::Unnamed => Ref::Unnamed,
            Kind::Descriptor(d) => person(self.descriptor(d, block, current)),
            Kind::Outlet(Some(name)) => Ref::Outlet(name.clone()),
            Kind::Outlet(None) => {
                let noun = &self.article.readings[block]
                    .as_ref()
                    .map_or("", |r| r.tokens[m.last].text);
                let show = ["podcast", "show", "programme", "program", "series"]
                    .iter()
                    .any(|w| noun.eq_ignore_ascii_case(w));
                let last = if show {
                    self.last_show.clone().or_else(|| self.last_outlet.clone())
                } else {
                    self.last_outlet.clone()
                };
                last.map_or(Ref::Unknown, Ref::Outlet)
            }
            Kind::Document(of) => match of {
                Some(Possessor::Pronoun(g)) => {
                    person(self.salient(Some(*g), block, current, is_subject, false))
                }
                Some(Possessor::Name(i)) => {
                    let k = mentions.partition_point(|x| x.last < *i);
                    refs.get(k).cloned().unwrap_or(Ref::Unknown)
                }
                Some(Possessor::They) => Ref::Unnamed,
                // "the email said": the document of the person last named
                // with one ("Harry's memoir"), or of the last speaker.
                None => person(
                    self.document_owner
                        .or(self
                            .paragraph_subject
                            .filter(|&(b, _)| b + 1 >= block)
                            .and_then(|(_, p)| p))
                        .or(self
                            .last_speaker
                            .filter(|&(_, b, _)| b + 2 >= block)
                            .map(|(p, _, _)| p)),
                ),
            },
        }
    }
}

/// Whether the subject of a sentence, mention `subject`, is the first of
/// two people joined by "and" ("Roe and Lee were asked").
fn is_plural_subject(reading: &Reading<'_>, mentions: &[Mention], subject: Option<usize>) -> bool {
    subject.is_some_and(|s| {
        mentions.get(s + 1).is_some_and(|n| {
            let between = &reading.tokens[mentions[s].last + 1..n.first];
            n.is_personal()
                && between.iter().any(|t| t.is("and"))
                && between.len() <= 4
                && between.iter().all(|t| {
                    t.case == super::text::Case::Lower
                        && !t.has(
                            super::words::Class::SPEECH
                                | super::words::Class::VERB
                                | super::words::Class::PREPOSITION
                                | super::words::Class::AUXILIARY,
                        )
                })
        })
    })
}

/// Whether the tokens `range` of a sentence say, outside quotes, that
/// someone asks something ("Roe asked"): a word of asking not after an
/// auxiliary ("Roe was asked" is someone else asking).
fn asks(reading: &Reading<'_>, range: std::ops::Range<usize>) -> bool {
    reading.tokens[range.clone()]
        .iter()
        .enumerate()
        .any(|(k, t)| {
            t.quote().is_none()
                && t.case == super::text::Case::Lower
                && t.has(super::words::Class::ASKING)
                && !(k > 0
                    && reading.tokens[range.start + k - 1].has(super::words::Class::AUXILIARY))
        })
}

/// Whether the tokens `range` of a sentence say, outside quotes, that
/// something was published ("Roe posted a photo").
fn publishes(reading: &Reading<'_>, range: std::ops::Range<usize>) -> bool {
    reading.tokens[range].iter().any(|t| {
        t.quote().is_none()
            && t.case == super::text::Case::Lower
            && t.has(super::words::Class::PUBLISHING)
    })
}

impl Reader<'_, '_> {
    /// Attributes the quotes of block `b`.
    fn attribute_block(&mut self, b: usize, reading: &Reading<'_>) {
        let mentions = &self.article.mentions[b];
        let refs = self.refs[b].clone();
        let mut block_start = self.drafts.len();
        let runs_on = self.runs_on(b, reading);
        self.close_unclosed(runs_on);
        for q in 0..reading.quotes.len() {
            if q == 0 && runs_on {
                self.continue_run_on(b, reading);
                // The quote it continues is this paragraph's too.
                block_start = self.drafts.len() - 1;
                continue;
            }
            let span = reading.quotes[q];
            let after = cue_after(reading, mentions, q);
            let before = cue_before(reading, mentions, q);
            let sentence = reading.sentence_at(span.open);
            let whole = self.is_whole(reading, q);
            let adjacent_before = before.filter(|c| adjacent(reading, c, q));
            let caption = caption_cue(reading, mentions, q);
            let adjacent_before = caption.or(adjacent_before);
            let cue = adjacent_before
                .or(after)
                .or(before)
                .or_else(|| according_to(reading, mentions, sentence))
                .or_else(|| colon_cue(reading, mentions, q).filter(|_| whole))
                .or_else(|| {
                    sentence_before_cue(reading, mentions, q)
                        .filter(|_| whole && block_start == self.drafts.len())
                });
            let cued = adjacent_before.is_some() || after.is_some();
            // A quote right after another of the paragraph that has a cue
            // goes on with it ("Hello," Roe said. "Goodbye.").
            let continuing =
                cue.is_none() && whole && self.drafts[block_start..].iter().any(|d| d.decided);
            let governed = Governed {
                adjacent: cued || continuing,
                after: after.is_some(),
                near: cue.is_some_and(|c| near(reading, &c, q)),
                any: cue.is_some(),
            };
            if !is_speech(reading, q, governed) {
                continue;
            }
            let mut draft = self.new_draft(b, reading, q, sentence, whole);
            match cue {
                Some(c) => self.apply_cue(&mut draft, b, reading, &refs, &c),
                None => self.without_cue(&mut draft, b, reading, block_start),
            }
            if draft.via.is_none()
                && draft.decided
                && draft
                    .attribution
                    .as_ref()
                    .is_some_and(|a| a.method != Method::Continuation)
            {
                let range = reading.sentence_tokens(sentence);
                let near = cue.map_or(range.start, |c| c.verb);
                draft.via = self.credited(reading, mentions, &refs, range, near);
            }
            self.keep_draft(b, draft);
        }
        self.note_left_open(b, reading);
    }

    /// Keeps a quote of block `b`: its speaker becomes the last to have
    /// spoken, and the outlet it came through the last outlet and one of
    /// the story's sources.
    fn keep_draft(&mut self, b: usize, draft: Draft) {
        if let Some(p) = draft.speaker {
            self.last_speaker = Some((p, b, self.sentence_counter));
            self.named.add(p, usize::MAX);
        }
        if let Some(via) = &draft.via {
            self.last_outlet = Some(via.clone());
            if !self.sources.contains(via) {
                self.sources.push(via.clone());
            }
        }
        self.drafts.push(draft);
    }

    /// Remembers the line of a quote mark block `b` leaves open at its
    /// end, to report unless the next block goes on with it.
    fn note_left_open(&mut self, b: usize, reading: &Reading<'_>) {
        if let Some(open) = reading.unclosed() {
            let line = super::line_of(
                &self.laid.layout.blocks[b].text,
                self.laid.layout.blocks[b].line,
                open.open,
            );
            self.unclosed = Some(line);
        }
    }

    /// Reports the quote left open in the block before, unless this block
    /// goes on with it.
    fn close_unclosed(&mut self, runs_on: bool) {
        if let Some(line) = self.unclosed.take().filter(|_| !runs_on) {
            self.problems.push(Problem::warning(
                line.to_string(),
                "a quote mark is never closed; the quote is read to the end of its paragraph",
            ));
        }
    }

    /// Whether block `b` goes on with a quote left open at the end of the
    /// block before.
    /// The last quote left open ends its block and this block opens
    /// with a quote mark; unless that quote has a cue of its own naming
    /// someone else, it is the same quote going on.
    fn runs_on(&self, b: usize, reading: &Reading<'_>) -> bool {
        let Some(open) = b
            .checked_sub(1)
            .and_then(|p| self.article.readings[p].as_ref())
            .and_then(Reading::unclosed)
        else {
            return false;
        };
        let Some(draft) = self.drafts.last() else {
            return false;
        };
        let continues_it = draft
            .spans
            .last()
            .is_some_and(|&(block, start, _)| block + 1 == b && start >= open.inner_start);
        if !reading.opens_with_quote() || !continues_it {
            return false;
        }
        let mentions = &self.article.mentions[b];
        let own = cue_after(reading, mentions, 0).or_else(|| cue_before(reading, mentions, 0));
        // A name in its cue that is not the speaker's: someone else speaks.
        own.and_then(|c| c.subject)
            .is_none_or(|s| match (&mentions[s].kind, self.refs[b].get(s)) {
                (_, Some(Ref::Person(p))) => draft.speaker == Some(*p),
                (Kind::Name { .. }, _) => false,
                _ => true,
            })
    }

    fn continue_run_on(&mut self, b: usize, reading: &Reading<'_>) {
        let span = reading.quotes[0];
        let inner = &reading.text[span.inner_start..span.inner_end];
        let trimmed = inner.trim().trim_end_matches(',').trim_end();
        let lead = inner.len() - inner.trim_start().len();
        let Some(draft) = self.drafts.last_mut() else {
            return;
        };
        draft.spans.push((
            b,
            span.inner_start + lead,
            span.inner_start + lead + trimmed.len(),
        ));
        draft.text.push('\n');
        draft.text.push_str(trimmed);
        // A run-on quote may carry its cue after its last part.
        if draft.speaker.is_none() && !draft.decided {
            let mentions = &self.article.mentions[b];
            if let Some(cue) = cue_after(reading, mentions, 0) {
                let refs = self.refs[b].clone();
                let mut d = draft.clone();
                self.apply_cue(&mut d, b, reading, &refs, &cue);
                if let Some(last) = self.drafts.last_mut() {
                    *last = d;
                }
            }
        }
    }

    fn new_draft(
        &self,
        b: usize,
        reading: &Reading<'_>,
        q: usize,
        sentence: usize,
        whole: bool,
    ) -> Draft {
        let span = reading.quotes[q];
        let inner = &reading.text[span.inner_start..span.inner_end];
        let trimmed = inner.trim_end().trim_end_matches(',').trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        let text = trimmed.trim_start();
        Draft {
            block: b,
            sentence,
            spans: vec![(b, span.inner_start + lead, span.inner_start + trimmed.len())],
            text: text.to_string(),
            speaker: None,
            decided: false,
            via: None,
            attribution: None,
            said_on: None,
            whole,
        }
    }

    /// Whether quote `q` is a sentence or more of its own, rather than words
    /// inside a sentence.
    fn is_whole(&self, reading: &Reading<'_>, q: usize) -> bool {
        let span = reading.quotes[q];
        let s = reading.sentence_at(span.open);
        let before = reading.text[reading.sentences[s].start..span.open].trim_end();
        let inner = reading.inner(q).trim_start();
        let starts_upper = inner
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '[');
        starts_upper
            && (before.is_empty()
                || before.ends_with([':', ','])
                || before.ends_with(|c: char| c.is_alphabetic()) && {
                    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
                    super::words::class_of(last).has(super::words::Class::SPEECH)
                })
    }

    /// A reply is not the asker's: "Roe asked whether it hurt. "Very," she
    /// replied." goes to the last speaker who is not Roe, or to no one.
    fn not_the_asker(&self, draft: &mut Draft, reading: &Reading<'_>, cue: &Cue) {
        let replies = [
            "replied",
            "answered",
            "responded",
            "replies",
            "answers",
            "responds",
        ]
        .iter()
        .any(|w| reading.tokens[cue.verb].is(w));
        let Some((asker, at)) = self.last_asker else {
            return;
        };
        if !replies || draft.speaker != Some(asker) || at + 2 < self.sentence_counter {
            return;
        }
        let gender = match cue
            .subject
            .map(|s| &self.article.mentions[draft.block][s].kind)
        {
            Some(Kind::Pronoun(g)) => Some(*g),
            _ => None,
        };
        draft.speaker = self
            .last_speaker
            .map(|(p, _, _)| p)
            .filter(|&p| p != asker && self.agrees(p, gender));
    }

    fn apply_cue(
        &mut self,
        draft: &mut Draft,
        b: usize,
        reading: &Reading<'_>,
        refs: &[Ref],
        cue: &Cue,
    ) {
        let mentions = &self.article.mentions[b];
        draft.decided = true;
        let (speaker, method) = match cue.subject {
            Some(s) => {
                let method = match &mentions[s].kind {
                    Kind::Name { .. } => Method::Explicit,
                    Kind::Pronoun(_) => Method::Pronoun,
                    Kind::Document(Some(Possessor::Pronoun(_))) => Method::Pronoun,
                    Kind::Document(Some(Possessor::Name(_))) => Method::Explicit,
                    _ => Method::Descriptor,
                };
                match &refs[s] {
                    Ref::Person(p) => (Some(*p), method),
                    Ref::Outlet(name) => {
                        draft.via = Some(name.clone());
                        (None, method)
                    }
                    _ => (None, method),
                }
            }
            None => (None, Method::Explicit),
        };
        draft.speaker = speaker;
        if matches!(method, Method::Pronoun | Method::Descriptor) {
            self.not_the_asker(draft, reading, cue);
        }
        let tokens = &reading.tokens;
        let (start, end) = (
            tokens[cue.first].start(),
            tokens[cue.last].start() + tokens[cue.last].text.len(),
        );
        draft.attribution = Some(Attribution {
            method,
            cue: reading.text[start..end].to_string(),
            span: Some(Span {
                block: b,
                start,
                end,
            }),
        });
    }

    /// A quote with no cue of its own: it goes on from the quote before it
    /// in its paragraph, or from the paragraph before (whose last words are
    /// a cue ending in `:` or `,`, or its last quote); otherwise no one is
    /// named.
    fn without_cue(
        &mut self,
        draft: &mut Draft,
        b: usize,
        reading: &Reading<'_>,
        block_start: usize,
    ) {
        if !draft.whole {
            // Words inside a sentence with no cue: nobody is named.
            return;
        }
        if let Some(previous) = self.drafts[block_start..].iter().rev().find(|d| d.decided) {
            let (speaker, via, cue) = (
                previous.speaker,
                previous.via.clone(),
                previous.attribution.clone(),
            );
            self.continues(draft, speaker, via, cue);
            return;
        }
        let opens = reading.opens_with_quote()
            && reading
                .quotes
                .first()
                .is_some_and(|q| q.open == reading.quotes[0].open)
            && draft.spans[0].1 <= reading.quotes[0].inner_start + 3;
        if !opens || b == 0 || !draft.whole {
            return;
        }
        if self.paragraph_before_cue(draft, b) {
            return;
        }
        let previous = self.drafts.last().filter(|d| {
            d.decided && d.speaker.is_some() && d.spans.last().is_some_and(|s| s.0 + 1 == b)
        });
        if let Some(previous) = previous {
            let ends_in_speech = self.article.readings[b - 1].as_ref().is_some_and(|r| {
                let last = r.sentences.len().saturating_sub(1);
                r.quotes.iter().any(|q| r.sentence_at(q.open) == last)
            });
            if ends_in_speech {
                let (speaker, cue) = (previous.speaker, previous.attribution.clone());
                self.continues(draft, speaker, None, cue);
            }
        }
    }

    fn continues(
        &self,
        draft: &mut Draft,
        speaker: Option<usize>,
        via: Option<String>,
        cue: Option<Attribution>,
    ) {
        draft.decided = true;
        draft.speaker = speaker;
        draft.via = via;
        draft.attribution = cue.map(|c| Attribution {
            method: Method::Continuation,
            ..c
        });
    }

    /// `The actress wrote,` at the end of the paragraph before.
    fn paragraph_before_cue(&mut self, draft: &mut Draft, b: usize) -> bool {
        let Some(previous) = self.article.readings[b - 1].as_ref() else {
            return false;
        };
        if !matches!(self.laid.layout.blocks[b - 1].kind, RawKind::Paragraph)
            || !previous.text.trim_end().ends_with([':', ','])
        {
            return false;
        }
        let last = previous.sentences.len().saturating_sub(1);
        let range = previous.sentence_tokens(last);
        let floor = previous
            .quotes
            .last()
            .filter(|q| previous.sentence_at(q.close) == last)
            .map_or(range.start, |q| {
                previous
                    .tokens
                    .partition_point(|t| t.start() <= q.close)
                    .max(range.start)
            });
        let mentions = &self.article.mentions[b - 1];
        let cue = cue_before_token(previous, mentions, floor, range.end, last).or_else(|| {
            // "The King Richard actor released the following statement:".
            clause_subject(&previous.tokens, mentions, floor, range.end).map(|s| Cue {
                verb: range.end - 1,
                subject: Some(s),
                first: mentions[s].first,
                last: range.end - 1,
                place: Place::ParagraphBefore,
            })
        });
        let Some(cue) = cue else { return false };
        let refs = self.refs[b - 1].clone();
        let mut cue = cue;
        cue.place = Place::ParagraphBefore;
        self.apply_cue(draft, b - 1, previous, &refs, &cue);
        let range = previous.sentence_tokens(last);
        draft.via = self.credited(previous, mentions, &refs, range, cue.verb);
        true
    }

    /// The outlet credited in `range`, nearest to token `near`; a show or
    /// podcast it names is remembered for "the podcast".
    fn credited(
        &mut self,
        reading: &Reading<'_>,
        mentions: &[Mention],
        refs: &[Ref],
        range: std::ops::Range<usize>,
        near: usize,
    ) -> Option<String> {
        let (found, at) = credit(reading, mentions, range, near)?;
        let show_word = |t: &super::text::Token<'_>| {
            ["podcast", "show", "programme", "program", "series"]
                .iter()
                .any(|w| t.is(w))
        };
        let shown = at > 0
            && (show_word(&reading.tokens[at - 1])
                || reading.tokens[at].quote().is_some()
                || reading.quotes.iter().any(|q| {
                    reading.tokens[at].start() > q.open && reading.tokens[at].start() < q.close
                }));
        let via = self.credit_name(reading, mentions, refs, found)?;
        if shown {
            self.last_show = Some(via.clone());
        }
        Some(via)
    }

    fn credit_name(
        &self,
        reading: &Reading<'_>,
        mentions: &[Mention],
        refs: &[Ref],
        found: Credit,
    ) -> Option<String> {
        match found {
            Credit::Named(name) => Some(name),
            Credit::Last => self.last_outlet.clone(),
            Credit::Maybe(k) => {
                if !matches!(refs.get(k), Some(Ref::Unknown) | None) {
                    return None;
                }
                if let Kind::Name { key, .. } = &mentions[k].kind {
                    if matches!(self.cast.lookup(key), Known::Ambiguous(_)) {
                        return None;
                    }
                }
                let m = &mentions[k];
                let tokens = &reading.tokens;
                let from = if m.first > 0
                    && tokens[m.first - 1].is("the")
                    && tokens[m.first - 1].case == super::text::Case::Capital
                {
                    m.first - 1
                } else {
                    m.first
                };
                let end = tokens[m.last].start() + tokens[m.last].text.len();
                Some(reading.text[tokens[from].start()..end].to_string())
            }
        }
    }
}

/// The cue of a quote opening at token `open` whose speaker is the
/// subject of the clause before it, from token `from`: the cue runs from
/// that subject to the word before the quote.
fn clause_cue(
    tokens: &[super::text::Token<'_>],
    mentions: &[Mention],
    from: usize,
    open: usize,
) -> Option<Cue> {
    let subject = clause_subject(tokens, mentions, from, open)?;
    Some(Cue {
        verb: open - 1,
        subject: Some(subject),
        first: mentions[subject].first,
        last: open - 1,
        place: Place::Before,
    })
}

/// `with the caption "Onwards"`, `captioned "..."`: the caption is the
/// words of the subject of its clause.
fn caption_cue(reading: &Reading<'_>, mentions: &[Mention], q: usize) -> Option<Cue> {
    let span = reading.quotes[q];
    let tokens = &reading.tokens;
    let open = tokens.partition_point(|t| t.start() < span.open);
    let before = tokens.get(open.checked_sub(1)?)?;
    let between = reading.text[before.end()..span.open].trim();
    let caption = ["caption", "captioned", "captioning", "captions"]
        .iter()
        .any(|w| before.is(w));
    if !caption
        || !(between.is_empty() || between == ":" || between == ",")
        || before.quote().is_some()
    {
        return None;
    }
    let sentence = reading.sentence_at(span.open);
    let range = reading.sentence_tokens(sentence);
    clause_cue(tokens, mentions, range.start, open)
}

/// `Roe made a plea to the judge: "..."`: a quote after a colon belongs
/// to the subject of the clause before it.
fn colon_cue(reading: &Reading<'_>, mentions: &[Mention], q: usize) -> Option<Cue> {
    let span = reading.quotes[q];
    let tokens = &reading.tokens;
    let lead = reading.text[..span.open].trim_end();
    let sentence = reading.sentence_at(span.open);
    let range = reading.sentence_tokens(sentence);
    let open = tokens.partition_point(|t| t.start() < span.open);
    if open <= range.start {
        return None;
    }
    // "His words, "..."": a document's words, after a comma.
    let document = lead.ends_with(',')
        && super::attribution::mention_starting_at(mentions, range.start).is_some_and(|m| {
            matches!(mentions[m].kind, Kind::Document(Some(_))) && mentions[m].last + 1 == open
        });
    if !lead.ends_with(':') && !document {
        return None;
    }
    clause_cue(tokens, mentions, range.start, open)
}

/// `Roe asked for a recess. "I need a minute."`: a quote standing alone
/// after a sentence of its paragraph that reports its subject's speech.
fn sentence_before_cue(reading: &Reading<'_>, mentions: &[Mention], q: usize) -> Option<Cue> {
    let span = reading.quotes[q];
    let sentence = reading.sentence_at(span.open);
    let previous = sentence.checked_sub(1)?;
    let range = reading.sentence_tokens(previous);
    if reading
        .quotes
        .iter()
        .any(|x| reading.sentence_at(x.open) == previous)
    {
        return None;
    }
    let cue = cue_before_token(reading, mentions, range.start, range.end, previous)?;
    cue.subject.map(|_| Cue {
        place: Place::Before,
        ..cue
    })
}

/// Whether cue `c` governs quote `q` closely enough for a single word to be
/// speech: with a subject, within twelve words of it outside quotes
/// (`Roe said she was "heartbroken"`); without one, right before it (`to
/// call Lee "rude"`).
fn near(reading: &Reading<'_>, c: &Cue, q: usize) -> bool {
    let tokens = &reading.tokens;
    let span = reading.quotes[q];
    let open = tokens.partition_point(|t| t.start() < span.open);
    let close = tokens.partition_point(|t| t.start() < span.close);
    let end = c.last.max(c.verb);
    let between = if end < open {
        end + 1..open
    } else {
        close..c.first
    };
    let words = tokens[between]
        .iter()
        .filter(|t| t.quote().is_none())
        .count();
    if c.subject.is_some() {
        words <= 12
    } else {
        words <= 2
    }
}

/// Whether cue `c` before quote `q` stands right before it: `Roe said, "`,
/// `Roe said: "`, `said "`, `told Us that "`.
fn adjacent(reading: &Reading<'_>, c: &Cue, q: usize) -> bool {
    let tokens = &reading.tokens;
    let open = tokens.partition_point(|t| t.start() < reading.quotes[q].open);
    let end = c.last.max(c.verb);
    if open == 0 || end + 1 > open {
        return false;
    }
    let between = &tokens[end + 1..open];
    between.len() <= 8
        && !between
            .iter()
            .any(|t| t.has(super::words::Class::SPEECH) && t.case == super::text::Case::Lower)
        && (reading.text[tokens[open - 1].end()..reading.quotes[q].open].contains([',', ':'])
            || between.is_empty()
            || between.last().is_some_and(|t| t.is("that")))
}

impl Reader<'_, '_> {
    /// A quote credited on the line under it, as lists of quotes do:
    /// `"..."` then `— Jane Roe, on the tour, to People`.
    fn dash_credits(&mut self) {
        for i in 0..self.drafts.len() {
            if self.drafts[i].decided || !self.drafts[i].whole {
                continue;
            }
            let Some(&(b, _, _)) = self.drafts[i].spans.last() else {
                continue;
            };
            let next = b + 1;
            let Some(reading) = self.article.readings.get(next).and_then(Option::as_ref) else {
                continue;
            };
            let dashed = reading
                .text
                .trim_start()
                .starts_with(['\u{2014}', '\u{2013}']);
            let mentions = &self.article.mentions[next];
            let first = mentions
                .first()
                .filter(|m| m.first == 0 && matches!(m.kind, Kind::Name { .. }));
            let (true, Some(m)) = (dashed, first) else {
                continue;
            };
            let cue = Cue {
                verb: m.last,
                subject: Some(0),
                first: 0,
                last: m.last,
                place: Place::After,
            };
            let refs = self.refs[next].clone();
            let mut draft = self.drafts[i].clone();
            self.apply_cue(&mut draft, next, reading, &refs, &cue);
            let range = reading.sentence_tokens(0);
            draft.via = self.credited(reading, mentions, &refs, range, m.last);
            self.drafts[i] = draft;
        }
    }

    /// Quotes with no speaker whose words another quote of the story gives
    /// with one (a headline's quote, a repeat), or whose words are a post's.
    fn repeats(&mut self, posts: &[(usize, String)]) {
        let open = |d: &Draft| d.speaker.is_none() && !d.decided;
        if !self.drafts.iter().any(open) {
            return;
        }
        let words: Vec<Vec<String>> = self.drafts.iter().map(|d| normal_words(&d.text)).collect();
        let post_words: Vec<(usize, Vec<String>)> = posts
            .iter()
            .map(|(p, text)| (*p, normal_words(text)))
            .collect();
        for i in 0..self.drafts.len() {
            if self.drafts[i].speaker.is_some() || self.drafts[i].decided || words[i].len() < 2 {
                continue;
            }
            let found = (0..self.drafts.len()).find(|&j| {
                j != i
                    && self.drafts[j].speaker.is_some()
                    && self.drafts[j]
                        .attribution
                        .as_ref()
                        .is_some_and(|a| a.method != Method::Repeat)
                    && (contains(&words[j], &words[i])
                        || words[j].len() >= 4 && contains(&words[i], &words[j]))
            });
            if let Some(j) = found {
                let (speaker, cue, via) = (
                    self.drafts[j].speaker,
                    self.drafts[j].attribution.clone(),
                    self.drafts[j].via.clone(),
                );
                let d = &mut self.drafts[i];
                d.speaker = speaker;
                d.via = d.via.take().or(via);
                d.attribution = cue.map(|c| Attribution {
                    method: Method::Repeat,
                    ..c
                });
                continue;
            }
            let post = post_words
                .iter()
                .find(|(_, text)| contains(text, &words[i]) && words[i].len() >= 3);
            if let Some((p, _)) = post {
                let d = &mut self.drafts[i];
                d.speaker = Some(*p);
                d.attribution = Some(Attribution {
                    method: Method::PostAuthor,
                    cue: self.cast.people[*p].name.clone(),
                    span: None,
                });
            }
        }
    }
}

/// Lowercase words of `text`, for comparing quotes.
fn normal_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace(['\'', '\u{2019}'], ""))
        .collect()
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// Reads one article into its story.
pub fn analyse(laid: &Laid, article: &ReadArticle<'_>, cast: &Cast) -> Analysed {
    let mut reader = Reader::new(cast, article, laid);
    for b in 0..laid.layout.blocks.len() {
        reader.read_block(b);
    }
    reader.close_unclosed(false);
    let (posts, post_words) = posts(laid, article, &reader);
    reader.dash_credits();
    reader.repeats(&post_words);
    assemble(laid, article, reader, posts)
}

/// The story's posts, and the words of those written by people.
fn posts(
    laid: &Laid,
    article: &ReadArticle<'_>,
    reader: &Reader<'_, '_>,
) -> (Vec<Post>, Vec<(usize, String)>) {
    let mut posts = Vec::new();
    let mut words = Vec::new();
    let id = &laid.id;
    let cast = reader.cast;
    for (b, raw) in laid.layout.blocks.iter().enumerate() {
        let Some(embed) = embed(article, reader, b, raw) else {
            continue;
        };
        let mut people: Vec<usize> = Vec::new();
        if let Some(p) = post_owner(cast, embed.handle.as_deref(), embed.author.as_deref()) {
            people.push(p);
            words.push((p, embed.text.clone()));
        }
        add_people_of_block(reader, b, &mut people);
        if let (RawKind::Instagram { author: None, .. }, Some(b2)) = (&raw.kind, b.checked_sub(1)) {
            add_people_of_block(reader, b2, &mut people);
        }
        let post_id = nth_id(id, "-p", posts.len() + 1);
        posts.push(Post {
            id: post_id,
            story: id.clone(),
            platform: embed.platform.into(),
            author: embed.author,
            handle: embed.handle,
            date: embed.date,
            text: embed.text,
            url: embed.url,
            people: people.iter().map(|&p| cast.people[p].id.clone()).collect(),
            block: Some(b),
        });
    }
    (posts, words)
}

/// What an embedded post shows of itself, before its people are known.
struct Embed {
    platform: &'static str,
    author: Option<String>,
    handle: Option<String>,
    date: Option<Day>,
    text: String,
    url: Option<String>,
}

/// The post embedded as block `b`, if it is one: a tweet as its
/// attribution gives it, or an Instagram post whose author, when the embed
/// does not credit one, is whoever the paragraph above says shared it.
fn embed(
    article: &ReadArticle<'_>,
    reader: &Reader<'_, '_>,
    b: usize,
    raw: &RawBlock,
) -> Option<Embed> {
    let cast = reader.cast;
    match &raw.kind {
        RawKind::Tweet {
            text,
            url,
            attribution,
        } => {
            let date = attribution.date.clone().and_then(Result::ok);
            Some(Embed {
                platform: "twitter",
                author: Some(attribution.author.clone()),
                handle: Some(attribution.handle.clone()),
                date,
                text: text.clone(),
                url: url.clone(),
            })
        }
        RawKind::Instagram {
            url,
            caption,
            author,
            date,
        } => {
            let (name, handle) = match author {
                Some((n, h)) => (Some(n.clone()), Some(h.clone())),
                None => sharer(article, reader, b).map_or((None, None), |p| {
                    (
                        Some(cast.people[p].name.clone()),
                        cast.people[p].handles.first().cloned(),
                    )
                }),
            };
            Some(Embed {
                platform: "instagram",
                author: name,
                handle,
                date: *date,
                text: caption.clone(),
                url: url.clone(),
            })
        }
        _ => None,
    }
}

/// The person who wrote a post: the one with its handle, or else the one
/// its author's name stands for.
fn post_owner(cast: &Cast, handle: Option<&str>, author: Option<&str>) -> Option<usize> {
    handle.and_then(|h| cast.by_handle(h)).or_else(|| {
        author.and_then(|a| match cast.lookup(a) {
            Known::Person(p) => Some(*p),
            _ => None,
        })
    })
}

/// Adds to `people` each person block `b` mentions who is not there yet.
fn add_people_of_block(reader: &Reader<'_, '_>, b: usize, people: &mut Vec<usize>) {
    for r in reader.refs.get(b).into_iter().flatten() {
        if let Ref::Person(p) = r {
            if !people.contains(p) {
                people.push(*p);
            }
        }
    }
}

/// Who the last sentence of the paragraph before a bare link says shared
/// something: its subject, when its verb is one of sharing.
fn sharer(article: &ReadArticle<'_>, reader: &Reader<'_, '_>, b: usize) -> Option<usize> {
    let above = b.checked_sub(1)?;
    let reading = article.readings[above].as_ref()?;
    let mentions = &article.mentions[above];
    let last = reading.sentences.len().checked_sub(1)?;
    let range = reading.sentence_tokens(last);
    let shares = reading.tokens[range.clone()].iter().position(|t| {
        [
            "shared",
            "posted",
            "reposted",
            "uploaded",
            "published",
            "wrote",
            "captioned",
        ]
        .iter()
        .any(|w| t.is(w))
    })?;
    let verb = range.start + shares;
    let s = super::attribution::subject_before(&reading.tokens, mentions, verb, range.start)?;
    match reader.refs[above].get(s) {
        Some(Ref::Person(p)) => Some(*p),
        _ => None,
    }
}

/// The story, quotes, events and problems of a read article.
fn assemble(
    laid: &Laid,
    article: &ReadArticle<'_>,
    mut reader: Reader<'_, '_>,
    posts: Vec<Post>,
) -> Analysed {
    let id = &laid.id;
    let date = laid.layout.date;
    let mut events = Vec::new();
    let mut body = Vec::with_capacity(laid.layout.blocks.len());
    let mut post_n = 0;
    let mut day_dates: Vec<Vec<dates::DateMention>> = Vec::new();
    for (b, raw) in laid.layout.blocks.iter().enumerate() {
        let found = match (&raw.kind, article.readings[b].as_ref()) {
            (RawKind::Paragraph, Some(reading)) if !raw.furniture => {
                dates::find_dates(reading, date)
            }
            _ => Vec::new(),
        };
        if let Some(reading) = article.readings[b].as_ref() {
            add_events(&mut events, id, b, raw, reading, &found);
        }
        day_dates.push(found);
        body.push(body_block(id, raw, &mut post_n));
    }
    let quotes = quotes(&mut reader, &day_dates, date, laid);
    let people = story_people(&reader);
    if laid.layout.precision == Precision::Month {
        reader.problems.insert(0, Problem::warning("1", format!("the date marker gives only the month: the story is dated {} {} with month precision", date.month_name(), date.year())));
    }
    Analysed {
        story: Story {
            id: id.clone(),
            date,
            precision: laid.layout.precision,
            title: laid.title.clone(),
            people,
            sources: reader.sources.clone(),
            origin: Some(laid.origin.clone()),
            body,
        },
        quotes,
        posts,
        events,
        problems: std::mem::take(&mut reader.problems),
    }
}

/// Adds to `events` one event of story `id` for each date `found` in
/// block `b`, told by the words of the date's sentence.
fn add_events(
    events: &mut Vec<Event>,
    id: &str,
    b: usize,
    raw: &RawBlock,
    reading: &Reading<'_>,
    found: &[dates::DateMention],
) {
    for d in found {
        let s = reading.sentences[d.sentence];
        events.push(Event {
            id: nth_id(id, "-e", events.len() + 1),
            story: id.to_string(),
            date: d.day,
            precision: d.precision,
            text: dates::event_text(&raw.text, (s.start, s.end), d),
            block: Some(b),
        });
    }
}

/// The id of the `n`-th quote, post or event of story `id` (see
/// [`numbered_id`]). An article of at most 4 GiB has fewer than 2^32 of each.
fn nth_id(id: &str, infix: &str, n: usize) -> String {
    numbered_id(id, infix, u32::try_from(n).unwrap_or(u32::MAX))
}

/// Block `raw` of the body of story `id`; a post counts itself in
/// `post_n` to name the post it shows.
fn body_block(id: &str, raw: &RawBlock, post_n: &mut usize) -> Block {
    match raw.kind {
        RawKind::Heading => Block::Heading {
            text: raw.text.clone(),
        },
        RawKind::Paragraph => Block::Paragraph {
            text: raw.text.clone(),
        },
        RawKind::Tweet { .. } | RawKind::Instagram { .. } => {
            *post_n += 1;
            Block::Post {
                post: nth_id(id, "-p", *post_n),
                text: raw.text.clone(),
            }
        }
    }
}

/// The ids of the story's people, the most often named first and, when
/// as often, in order of id.
fn story_people(reader: &Reader<'_, '_>) -> Vec<String> {
    let cast = reader.cast;
    let mut ranked: Vec<(usize, usize)> = reader
        .named
        .0
        .iter()
        .map(|(&p, &(n, _))| (p, n))
        .filter(|&(_, n)| n > 0)
        .collect();
    ranked.sort_by_key(|&(p, n)| (std::cmp::Reverse(n), cast.people[p].id.clone()));
    ranked
        .iter()
        .map(|&(p, _)| cast.people[p].id.clone())
        .collect()
}

/// The quotes, dated: the day told nearest each in its sentence, or the
/// last day its speaker was said to speak, or else the story's date.
fn quotes(
    reader: &mut Reader<'_, '_>,
    dated: &[Vec<dates::DateMention>],
    date: Day,
    laid: &Laid,
) -> Vec<Quote> {
    let day_dates = with_precision(dated, Precision::Day);
    let month_dates = with_precision(dated, Precision::Month);
    let cast = reader.cast;
    let mut last_dated: crate::hash::FastMap<usize, Day> = crate::hash::FastMap::default();
    let mut out = Vec::with_capacity(reader.drafts.len());
    for d in reader.drafts.iter_mut() {
        let (b, start, _) = d.spans[0];
        let same = day_dates.get(b).map_or(&[][..], |v| &v[..]);
        let from = same.partition_point(|x| x.sentence < d.sentence);
        let to = same.partition_point(|x| x.sentence <= d.sentence);
        let here = &same[from..to];
        let said_on = here
            .iter()
            .min_by_key(|x| x.start.abs_diff(start))
            .map(|x| x.day)
            .or_else(|| d.speaker.and_then(|s| last_dated.get(&s).copied()));
        let month = match said_on {
            None => month_after_cue(d, &month_dates),
            Some(_) => None,
        };
        if let (Some(s), Some(day)) = (d.speaker, said_on) {
            last_dated.insert(s, day);
        }
        d.said_on = said_on;
        let (date, date_source) = match (said_on, month) {
            (Some(day), _) => (Some(day), DateSource::Text),
            (None, Some(first)) => (Some(first), DateSource::Month),
            (None, None) => (Some(date), DateSource::Story),
        };
        let span = |&(block, start, end): &(usize, usize, usize)| Span { block, start, end };
        out.push(Quote {
            id: nth_id(&laid.id, "-q", out.len() + 1),
            story: laid.id.clone(),
            speaker: d.speaker.map(|p| cast.people[p].id.clone()),
            text: d.text.clone(),
            date,
            date_source,
            via: d.via.clone(),
            span: d.spans.first().map(span),
            continued: d.spans[1..].iter().map(span).collect(),
            // A cue that names nobody ("a source said") explains no speaker.
            attribution: d.attribution.clone().filter(|_| d.speaker.is_some()),
        });
    }
    out
}

/// The dates of each block, keeping only those known to `precision`.
fn with_precision(
    dated: &[Vec<dates::DateMention>],
    precision: Precision,
) -> Vec<Vec<dates::DateMention>> {
    dated
        .iter()
        .map(|v| {
            v.iter()
                .filter(|d| d.precision == precision)
                .copied()
                .collect()
        })
        .collect()
}

/// The month told right after a quote's cue, in the cue's own block and
/// sentence: "Roe told People in November" gives the month of the words.
fn month_after_cue(d: &Draft, month_dates: &[Vec<dates::DateMention>]) -> Option<Day> {
    let (b, _, _) = d.spans[0];
    // Only a month right after the cue ("told People in November"):
    // a month elsewhere in the sentence dates something else.
    let end = d
        .attribution
        .as_ref()
        .and_then(|a| a.span)
        .filter(|s| s.block == b)
        .map(|s| s.end)?;
    month_dates
        .get(b)
        .and_then(|v| {
            v.iter()
                .find(|x| x.sentence == d.sentence && x.start >= end && x.start - end <= 40)
        })
        .map(|x| x.day)
}
