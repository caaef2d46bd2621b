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
    /// The people, one `[[person]]` table each: corrections of the people
    /// found in the text (an alias it cannot reveal, two found people
    /// merged into one, a new name or id), or people to add.
    #[serde(default)]
    pub person: Vec<RosterPerson>,
    /// Names that are not people, although the text seems to say so.
    #[serde(default)]
    pub not_people: Vec<String>,
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
