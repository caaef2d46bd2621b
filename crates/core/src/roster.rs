//! The people roster (`data/people.toml`): who the ingest should recognise,
//! under which names, descriptors and pronouns.

use serde::Deserialize;

use crate::model::Person;

/// The roster as written by the user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Extra outlet names to recognise besides the built-in list.
    #[serde(default)]
    pub outlets: Vec<String>,
    /// The people, one `[[person]]` table each.
    #[serde(default)]
    pub person: Vec<RosterPerson>,
}

/// One `[[person]]` of the roster.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterPerson {
    /// A slug such as `kanye-west`.
    pub id: String,
    /// The full name.
    pub name: String,
    /// Other names ("Ye", "West").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Phrases used after "the" ("rapper", "DONDA producer").
    #[serde(default)]
    pub descriptors: Vec<String>,
    /// `he`, `she` or `they`: lets "he said" find the last man named.
    #[serde(default)]
    pub pronouns: Option<String>,
    /// Social handles without `@`.
    #[serde(default)]
    pub handles: Vec<String>,
}

impl RosterPerson {
    /// A person for tests: `handle`, if given, is their only handle.
    #[cfg(test)]
    pub(crate) fn sample(
        id: &str,
        name: &str,
        aliases: &[&str],
        descriptors: &[&str],
        pronouns: &str,
        handle: Option<&str>,
    ) -> RosterPerson {
        RosterPerson {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            descriptors: descriptors.iter().map(|s| s.to_string()).collect(),
            pronouns: Some(pronouns.into()),
            handles: handle.map(str::to_string).into_iter().collect(),
        }
    }

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
