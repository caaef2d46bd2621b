//! What the ingest recognises in prose: the roster's people by name, alias,
//! descriptor ("the rapper") and pronoun, and news outlets.

use std::collections::HashMap;
use std::sync::Arc;

use crate::problem::Problem;
use crate::roster::Roster;

use super::text::{read, Token};

/// The grammatical person class a pronoun stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, him, his, himself.
    He,
    /// she, her, hers, herself.
    She,
}

/// What a run of words refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Referent {
    /// A roster person, by index.
    Person(usize),
    /// A pronoun, resolved later against the people named before it.
    Pronoun(Pronoun),
    /// A news outlet, by its display name.
    Outlet(Arc<str>),
}

/// A run of tokens that refers to someone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token (inclusive).
    pub last: usize,
    /// Whom it refers to.
    pub referent: Referent,
}

/// Outlets recognised without being listed in the roster. Those marked
/// `true` are also ordinary words and count only after a citing word
/// ("told People", "per Variety").
const OUTLETS: [(&str, bool); 32] = [
    ("TMZ", false),
    ("Fox News", false),
    ("People", true),
    ("Page Six", false),
    ("E! News", false),
    ("E News", false),
    ("Us Weekly", false),
    ("Entertainment Tonight", false),
    ("ET", true),
    ("Variety", true),
    ("Billboard", true),
    ("Rolling Stone", false),
    ("The Hollywood Reporter", false),
    ("Hollywood Reporter", false),
    ("Deadline", true),
    ("Vanity Fair", false),
    ("Vogue", true),
    ("CNN", false),
    ("BBC", false),
    ("NBC", false),
    ("ABC News", false),
    ("CBS", false),
    ("The New York Times", false),
    ("The Washington Post", false),
    ("Daily Mail", false),
    ("The Sun", true),
    ("Radar Online", false),
    ("Hollywood Life", false),
    ("Access Hollywood", false),
    ("Extra", true),
    ("Reuters", false),
    ("Associated Press", false),
];

/// Words after which an outlet name is a citation.
pub const CITING_WORDS: [&str; 9] = [
    "told", "per", "to", "by", "via", "with", "tells", "telling", "in",
];

const MODIFIERS: [&str; 14] = [
    "former",
    "famous",
    "new",
    "same",
    "controversial",
    "beloved",
    "embattled",
    "outspoken",
    "young",
    "veteran",
    "star",
    "retired",
    "legendary",
    "celebrity",
];

type WordMap<V> = crate::hash::FastMap<String, V>;

/// A phrase of tokens standing for a referent.
#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<String>,
    target: Target,
}

#[derive(Clone, Debug)]
enum Target {
    Person(usize),
    Outlet { name: Arc<str>, needs_cue: bool },
}

/// The recogniser built from a roster.
#[derive(Clone, Debug)]
pub struct Lexicon {
    ids: Vec<String>,
    names: Vec<String>,
    pronouns: Vec<Option<Pronoun>>,
    /// Names, aliases and outlets, keyed by their first word (case-sensitive).
    by_first_word: WordMap<Vec<Phrase>>,
    /// Descriptors, lowercased, matched after "the".
    descriptors: Vec<Phrase>,
    handles: HashMap<String, usize>,
    first_handles: Vec<Option<String>>,
}

fn words(text: &str) -> Vec<String> {
    read(text)
        .tokens
        .iter()
        .map(|t| t.text.to_string())
        .collect()
}

impl Lexicon {
    /// Builds the recogniser; problems in the roster (duplicate ids, a name
    /// claimed by two people) are located as `person[i].field`.
    pub fn new(roster: &Roster) -> (Lexicon, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut lexicon = Lexicon {
            ids: Vec::new(),
            names: Vec::new(),
            pronouns: Vec::new(),
            by_first_word: WordMap::default(),
            descriptors: Vec::new(),
            handles: HashMap::new(),
            first_handles: Vec::new(),
        };
        let mut claimed: HashMap<String, (usize, String)> = HashMap::new();
        for (i, person) in roster.person.iter().enumerate() {
            let at = format!("person[{i}]");
            if let Some(first) = roster.person[..i].iter().position(|p| p.id == person.id) {
                problems.push(Problem::error(
                    format!("{at}.id"),
                    format!(
                        "the id \"{}\" is already used by person[{first}]",
                        person.id
                    ),
                ));
            }
            let id_ok = !person.id.is_empty()
                && person
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !id_ok {
                problems.push(Problem::error(
                    format!("{at}.id"),
                    format!(
                        "the id \"{}\" should be a slug of a-z, 0-9 and -, such as \"kanye-west\"",
                        person.id
                    ),
                ));
            }
            if person.name.trim().is_empty() {
                problems.push(Problem::error(format!("{at}.name"), "the name is empty"));
            }
            let pronoun = match person
                .pronouns
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                None | Some("they") => None,
                Some("he") => Some(Pronoun::He),
                Some("she") => Some(Pronoun::She),
                Some(other) => {
                    problems.push(Problem::error(
                        format!("{at}.pronouns"),
                        format!("pronouns should be \"he\", \"she\" or \"they\", not \"{other}\""),
                    ));
                    None
                }
            };
            lexicon.ids.push(person.id.clone());
            lexicon.names.push(person.name.clone());
            lexicon.pronouns.push(pronoun);
            lexicon.first_handles.push(
                person
                    .handles
                    .first()
                    .map(|h| h.trim_start_matches('@').to_string()),
            );
            let index = lexicon.ids.len() - 1;
            for (field, name) in std::iter::once(("name", &person.name))
                .chain(person.aliases.iter().map(|a| ("aliases", a)))
            {
                let key = name.trim().to_string();
                if key.is_empty() {
                    continue;
                }
                if let Some((other, _)) = claimed.get(&key).filter(|(o, _)| *o != i) {
                    problems.push(Problem::warning(
                        format!("{at}.{field}"),
                        format!(
                            "\"{key}\" also names {}; it will be read as {}",
                            roster.person[*other].id, roster.person[*other].id
                        ),
                    ));
                    continue;
                }
                claimed.insert(key.clone(), (i, field.to_string()));
                lexicon.add(&key, Target::Person(index));
            }
            for descriptor in &person.descriptors {
                let mut w = words(descriptor);
                if w.first().is_some_and(|f| f.eq_ignore_ascii_case("the")) {
                    w.remove(0);
                }
                if !w.is_empty() {
                    lexicon.descriptors.push(Phrase {
                        words: w,
                        target: Target::Person(index),
                    });
                }
            }
            for handle in &person.handles {
                lexicon
                    .handles
                    .insert(handle.trim_start_matches('@').to_ascii_lowercase(), index);
            }
        }
        // Longest descriptors first, so "44-year-old rapper" wins over "rapper".
        lexicon
            .descriptors
            .sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        for (name, needs_cue) in OUTLETS {
            lexicon.add_outlet(name, needs_cue);
        }
        for name in &roster.outlets {
            lexicon.add_outlet(name, false);
        }
        (lexicon, problems)
    }

    fn add(&mut self, text: &str, target: Target) {
        let w = words(text);
        if let Some(first) = w.first() {
            let list = self.by_first_word.entry(first.clone()).or_default();
            list.push(Phrase { words: w, target });
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
    }

    fn add_outlet(&mut self, name: &str, needs_cue: bool) {
        self.add(
            name,
            Target::Outlet {
                name: Arc::from(name),
                needs_cue,
            },
        );
    }

    /// The id of person `index`.
    pub fn id(&self, index: usize) -> &str {
        &self.ids[index]
    }

    /// The name of person `index`.
    pub fn name(&self, index: usize) -> &str {
        &self.names[index]
    }

    /// How many people the roster has.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The pronoun class of person `index`, if known.
    pub fn pronoun(&self, index: usize) -> Option<Pronoun> {
        self.pronouns[index]
    }

    /// The first social handle of person `index`, if any.
    pub fn handle(&self, index: usize) -> Option<&str> {
        self.first_handles[index].as_deref()
    }

    /// The person who owns a social handle.
    pub fn person_by_handle(&self, handle: &str) -> Option<usize> {
        self.handles.get(&handle.to_ascii_lowercase()).copied()
    }

    /// All mentions in `tokens`, left to right, longest match first.
    pub fn mentions(&self, tokens: &[Token<'_>]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(m) = self.match_at(tokens, i) {
                i = m.last + 1;
                out.push(m);
            } else {
                i += 1;
            }
        }
        out
    }

    fn match_at(&self, tokens: &[Token<'_>], i: usize) -> Option<Mention> {
        let t = tokens[i];
        let same_run = |a: &Token<'_>, b: &Token<'_>| a.sentence == b.sentence;
        let fits = |start: usize, words: &[String], exact: bool| -> bool {
            words.iter().enumerate().all(|(k, w)| {
                tokens.get(start + k).is_some_and(|tk| {
                    same_run(tk, &t)
                        && if exact {
                            tk.text == w
                        } else {
                            tk.text.eq_ignore_ascii_case(w)
                        }
                })
            })
        };
        // "the rapper", "The DONDA producer", "the 44-year-old rapper".
        if t.is("the") {
            for skip in 0..=2 {
                let modifiers_ok = (1..=skip).all(|k| {
                    tokens.get(i + k).is_some_and(|m| {
                        same_run(m, &t)
                            && (m.text.contains(|c: char| c.is_ascii_digit() || c == '-')
                                || MODIFIERS.iter().any(|w| m.is(w)))
                    })
                });
                if !modifiers_ok {
                    break;
                }
                for phrase in &self.descriptors {
                    if fits(i + 1 + skip, &phrase.words, false) {
                        if let Target::Person(p) = phrase.target {
                            return Some(Mention {
                                first: i,
                                last: i + skip + phrase.words.len(),
                                referent: Referent::Person(p),
                            });
                        }
                    }
                }
            }
        }
        if let Some(phrases) = self.by_first_word.get(t.text) {
            for phrase in phrases {
                if !fits(i, &phrase.words, true) {
                    continue;
                }
                let last = i + phrase.words.len() - 1;
                let referent = match &phrase.target {
                    Target::Person(p) => Referent::Person(*p),
                    Target::Outlet { name, needs_cue } => {
                        let cued = i > 0
                            && same_run(&tokens[i - 1], &t)
                            && CITING_WORDS.iter().any(|w| tokens[i - 1].is(w));
                        if *needs_cue && !cued {
                            continue;
                        }
                        Referent::Outlet(name.clone())
                    }
                };
                return Some(Mention {
                    first: i,
                    last,
                    referent,
                });
            }
        }
        // Pronouns are short words starting with h or s.
        if t.text.len() > 7 || !t.text.starts_with(['h', 'H', 's', 'S']) {
            return None;
        }
        let pronoun = if ["he", "him", "his", "himself"].iter().any(|w| t.is(w)) {
            Some(Pronoun::He)
        } else if ["she", "her", "hers", "herself"].iter().any(|w| t.is(w)) {
            Some(Pronoun::She)
        } else {
            None
        };
        pronoun.map(|p| Mention {
            first: i,
            last: i,
            referent: Referent::Pronoun(p),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::RosterPerson;

    pub(crate) fn roster() -> Roster {
        let person =
            |id: &str, name: &str, aliases: &[&str], descriptors: &[&str], pronouns: &str| {
                RosterPerson::sample(id, name, aliases, descriptors, pronouns, None)
            };
        Roster {
            outlets: vec![],
            person: vec![
                person(
                    "kanye-west",
                    "Kanye West",
                    &["Ye", "Kanye", "West"],
                    &["rapper", "DONDA producer"],
                    "he",
                ),
                person(
                    "kim-kardashian",
                    "Kim Kardashian",
                    &["Kim", "Kardashian"],
                    &["SKIMS founder", "mother of four"],
                    "she",
                ),
            ],
        }
    }

    fn found(text: &str) -> Vec<String> {
        let (lexicon, problems) = Lexicon::new(&roster());
        assert!(problems.is_empty(), "{problems:?}");
        let reading = read(text);
        lexicon
            .mentions(&reading.tokens)
            .iter()
            .map(|m| {
                let words = &text[reading.tokens[m.first].start..reading.tokens[m.last].end];
                let who = match &m.referent {
                    Referent::Person(p) => lexicon.id(*p).to_string(),
                    Referent::Pronoun(p) => format!("{p:?}"),
                    Referent::Outlet(o) => format!("outlet {o}"),
                };
                format!("{words} = {who}")
            })
            .collect()
    }

    #[test]
    fn names_aliases_descriptors_pronouns_outlets() {
        assert_eq!(
            found("The \"DONDA\" producer told TMZ that West's ex Kim Kardashian, the SKIMS founder, and the 44-year-old rapper met her."),
            [
                "The \"DONDA\" producer = kanye-west",
                "TMZ = outlet TMZ",
                "West's = kanye-west",
                "Kim Kardashian = kim-kardashian",
                "the SKIMS founder = kim-kardashian",
                "the 44-year-old rapper = kanye-west",
                "her = She",
            ]
        );
    }

    #[test]
    fn ambiguous_outlets_need_a_citing_word() {
        assert_eq!(found("People were there."), Vec::<String>::new());
        assert_eq!(
            found("she told People."),
            ["she = She", "People = outlet People"]
        );
    }

    #[test]
    fn roster_problems() {
        let mut r = roster();
        r.person[1].id = "kanye-west".into();
        r.person[1].aliases.push("Ye".into());
        r.person[0].pronouns = Some("it".into());
        let (_, problems) = Lexicon::new(&r);
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "person[0].pronouns: error: pronouns should be \"he\", \"she\" or \"they\", not \"it\"",
                "person[1].id: error: the id \"kanye-west\" is already used by person[0]",
                "person[1].aliases: warning: \"Ye\" also names kanye-west; it will be read as kanye-west",
            ]
        );
    }
}
