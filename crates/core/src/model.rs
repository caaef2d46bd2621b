//! The dataset: stories, the quotes and posts found in them, and the people
//! they are about. This is the public contract of `data/stories.json`,
//! documented for people who write datasets by hand in `docs/dataset.md`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::date::Day;

/// The dataset format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole dataset, as stored in `stories.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// The format version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Everyone the stories are about.
    pub people: Vec<Person>,
    /// The stories, one per article.
    pub stories: Vec<Story>,
    /// Direct quotes found in the stories.
    pub quotes: Vec<Quote>,
    /// Social posts embedded in the stories.
    pub posts: Vec<Post>,
    /// Dated happenings the stories mention ("filed for divorce in February").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

/// A person the stories are about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// A stable slug such as `kanye-west`.
    pub id: String,
    /// The name to show.
    pub name: String,
    /// Other names the texts use ("Ye", "West").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Phrases that stand for the person after "the" ("rapper", "SKIMS founder").
    #[serde(default)]
    pub descriptors: Vec<String>,
    /// Social handles without the `@`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handles: Vec<String>,
}

/// One article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// A stable, readable slug: the date and the first words of the title.
    pub id: String,
    /// The publication date.
    pub date: Day,
    /// Whether the article gives its day or only its month (then `date`
    /// is the first of the month).
    #[serde(default, skip_serializing_if = "Precision::is_day")]
    pub precision: Precision,
    /// A short title.
    pub title: String,
    /// Ids of the people the story mentions, most mentioned first.
    pub people: Vec<String>,
    /// Outlets the story cites ("TMZ", "Fox News").
    #[serde(default)]
    pub sources: Vec<String>,
    /// Where the story came from, such as the article's file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The article's blocks in order. Together they hold all of its text.
    pub body: Vec<Block>,
}

/// One block of a story's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A sub-heading.
    Heading {
        /// The heading's text.
        text: String,
    },
    /// A paragraph of prose.
    Paragraph {
        /// The paragraph's text.
        text: String,
    },
    /// The place where a social post was embedded.
    Post {
        /// The id of the [`Post`].
        post: String,
        /// The embed's text exactly as it stood in the article.
        text: String,
    },
}

impl Block {
    /// The text of the block as it stood in the article.
    pub fn text(&self) -> &str {
        match self {
            Block::Heading { text } | Block::Paragraph { text } | Block::Post { text, .. } => text,
        }
    }
}

/// Where a quote stands: a block of its story and a byte range of that
/// block's text (UTF-8 offsets, the quoted words without the quote marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Index into the story's `body`.
    pub block: usize,
    /// First byte of the quoted words.
    pub start: usize,
    /// One past the last byte of the quoted words.
    pub end: usize,
}

/// Words a person said, as quoted by a story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// A unique id, `<story id>-q<n>`.
    pub id: String,
    /// The id of the story that quotes it.
    pub story: String,
    /// The id of the person who said it, or `null` when the text does not tell.
    pub speaker: Option<String>,
    /// The quoted words.
    pub text: String,
    /// When it was said: the day the text tells, or the story's date (see
    /// `date_source`).
    #[serde(default)]
    pub date: Option<Day>,
    /// Where `date` comes from: the text, or the story's publication date
    /// when the text does not say when the words were said.
    #[serde(default, skip_serializing_if = "DateSource::is_text")]
    pub date_source: DateSource,
    /// The outlet the story credits for it ("Fox News"), when it cites one.
    #[serde(default)]
    pub via: Option<String>,
    /// Where the quote stands in its story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Where it goes on, for a quote that runs on over several paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continued: Vec<Span>,
    /// How its speaker was found, when a cue in the text tells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
}

/// Where a quote's date comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The text says on which day the words were said.
    #[default]
    Text,
    /// The text gives only the month: the date is its first day.
    Month,
    /// The text does not say: the date is the story's.
    Story,
}

impl DateSource {
    /// Whether the date comes from the text.
    pub fn is_text(&self) -> bool {
        *self == DateSource::Text
    }
}

/// How a quote's speaker was found: the cue in the text and how it names
/// the speaker, so that a reader can check it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// How the cue names the speaker.
    pub method: Method,
    /// The cue's words as written ("Roe told People", "she added").
    pub cue: String,
    /// Where the cue stands in the story, when it is in its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Attribution {
    /// How `speaker` was found, in words a reader checks at a glance
    /// against the text: `from “she said”, after Jane Roe`.
    pub fn explained(&self, speaker: &str) -> String {
        let cue = &self.cue;
        match self.method {
            Method::Explicit => format!("from “{cue}”"),
            Method::Pronoun => format!("from “{cue}”, after {speaker}"),
            Method::Descriptor => format!("from “{cue}”, which the story ties to {speaker}"),
            Method::Continuation => format!("goes on from {speaker}’s quote before it (“{cue}”)"),
            Method::PostAuthor => format!("the words of {speaker}’s post in this story"),
            Method::Repeat => format!("quoted again: the story gives it as “{cue}”"),
        }
    }
}

/// How a cue names a quote's speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// By name: "Roe said".
    Explicit,
    /// By a pronoun, resolved to the person it stands for: "she said".
    Pronoun,
    /// By a descriptor the text ties to a person: "the 31-year-old actress said".
    Descriptor,
    /// It goes on from a quote before it, of the same speaker.
    Continuation,
    /// Its words are those of a post embedded in the story, by its author.
    PostAuthor,
    /// The same words are quoted with a cue elsewhere in the story.
    Repeat,
}

/// A social post embedded in a story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// A unique id, `<story id>-p<n>`.
    pub id: String,
    /// The id of the story that embeds it.
    pub story: String,
    /// `twitter`, `instagram`, ...
    pub platform: String,
    /// The display name of the account, when the embed shows it.
    #[serde(default)]
    pub author: Option<String>,
    /// The handle without `@`, when the embed shows it.
    #[serde(default)]
    pub handle: Option<String>,
    /// When it was posted, when the embed shows it.
    #[serde(default)]
    pub date: Option<Day>,
    /// The post's text (empty when the embed was a bare link).
    pub text: String,
    /// A link to the original (http or https), when known.
    #[serde(default)]
    pub url: Option<String>,
    /// Ids of the people the post mentions or who wrote it.
    #[serde(default)]
    pub people: Vec<String>,
    /// Index of the post's block in its story's body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
}

/// How exactly a date is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The day is known.
    #[default]
    Day,
    /// Only the month is known; the date is the month's first day.
    Month,
}

/// Something a story says happened on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// A unique id, `<story id>-e<n>`.
    pub id: String,
    /// The id of the story that tells it.
    pub story: String,
    /// When it happened (the first of the month for month precision).
    pub date: Day,
    /// Whether the day or only the month is known.
    pub precision: Precision,
    /// The sentence that tells it.
    pub text: String,
    /// Index of the sentence's block in its story's body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
}

impl Precision {
    /// Whether the day is known.
    pub fn is_day(&self) -> bool {
        *self == Precision::Day
    }
}

/// Unit enums read from their names, all by one small function rather than
/// a reader each (the app carries every byte of them).
macro_rules! by_name {
    ($($enum:ident { $($variant:ident = $name:literal,)* })*) => {$(
        impl $enum {
            /// The name of each value, as the dataset writes it.
            pub const NAMES: &'static [&'static str] = &[$($name),*];
            const ALL: &'static [$enum] = &[$($enum::$variant),*];

            /// The name the dataset writes for this value.
            pub fn name(self) -> &'static str {
                $enum::NAMES[$enum::ALL.iter().position(|v| *v == self).unwrap_or(0)]
            }
        }

        impl<'de> Deserialize<'de> for $enum {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$enum, D::Error> {
                Ok($enum::ALL[name_index(d, $enum::NAMES)?])
            }
        }
    )*};
}

by_name! {
    DateSource { Text = "text", Month = "month", Story = "story", }
    Method {
        Explicit = "explicit",
        Pronoun = "pronoun",
        Descriptor = "descriptor",
        Continuation = "continuation",
        PostAuthor = "post-author",
        Repeat = "repeat",
    }
    Precision { Day = "day", Month = "month", }
}

/// The position among `names` of the string `d` holds; an error that lists
/// the names, as serde's own enums give, for any other value.
fn name_index<'de, D: Deserializer<'de>>(
    d: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    struct Names(&'static [&'static str]);
    impl<'de> Visitor<'de> for Names {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("variant identifier")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
            self.0
                .iter()
                .position(|n| *n == v)
                .ok_or_else(|| E::unknown_variant(v, self.0))
        }
    }
    d.deserialize_str(Names(names))
}

/// A block is read field by field as it comes (serde's tagged enums read it
/// twice, through a copy, which costs the app kilobytes); the messages are
/// serde's own.
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Block, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = Block;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a block")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                const KINDS: &[&str] = &["heading", "paragraph", "post"];
                let (mut kind, mut text, mut post) = (None, None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "kind" => kind = Some(map.next_value_seed(Kind)?),
                        "text" => text = Some(map.next_value::<String>()?),
                        "post" => post = Some(map.next_value::<String>()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let kind = kind.ok_or_else(|| de::Error::missing_field("kind"))?;
                let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
                Ok(match KINDS[kind] {
                    "heading" => Block::Heading { text },
                    "paragraph" => Block::Paragraph { text },
                    _ => Block::Post {
                        post: post.ok_or_else(|| de::Error::missing_field("post"))?,
                        text,
                    },
                })
            }
        }
        struct Kind;
        impl<'de> de::DeserializeSeed<'de> for Kind {
            type Value = usize;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
                name_index(d, &["heading", "paragraph", "post"])
            }
        }
        d.deserialize_map(Fields)
    }
}

impl Dataset {
    /// An empty dataset of the current schema version.
    pub fn new() -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION,
            ..Dataset::default()
        }
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The story with this id.
    pub fn story(&self, id: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(json: &str) -> Result<Block, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn blocks_read_in_any_order_with_serde_messages() {
        let post = Block::Post {
            post: "s-p1".into(),
            text: "Hi".into(),
        };
        assert_eq!(
            block(r#"{"text": "Hi", "post": "s-p1", "kind": "post", "extra": [1, {}]}"#),
            Ok(post.clone())
        );
        let written = serde_json::to_string(&post).unwrap();
        assert_eq!(block(&written), Ok(post));
        assert_eq!(
            block(r#"{"kind": "heading", "text": "A", "post": "ignored"}"#),
            Ok(Block::Heading { text: "A".into() })
        );
        let error = |json: &str| block(json).unwrap_err();
        assert!(error(r#"{"text": "A"}"#).starts_with("missing field `kind`"));
        assert!(error(r#"{"kind": "paragraph"}"#).starts_with("missing field `text`"));
        assert!(error(r#"{"kind": "post", "text": "A"}"#).starts_with("missing field `post`"));
        assert!(error(r#"{"kind": "image", "text": "A"}"#).starts_with(
            "unknown variant `image`, expected one of `heading`, `paragraph`, `post`"
        ));
        assert!(error(r#"{"kind": 3, "text": "A"}"#)
            .starts_with("invalid type: integer `3`, expected variant identifier"));
        assert!(
            error(r#"["paragraph", "A"]"#).starts_with("invalid type: sequence, expected a block")
        );
    }

    #[test]
    fn an_attribution_says_why_in_words() {
        let why = |method, cue: &str| {
            Attribution {
                method,
                cue: cue.into(),
                span: None,
            }
            .explained("Jane Roe")
        };
        assert_eq!(
            why(Method::Pronoun, "she said"),
            "from “she said”, after Jane Roe"
        );
        assert_eq!(
            why(Method::Explicit, "Roe told People"),
            "from “Roe told People”"
        );
        assert_eq!(
            why(Method::Descriptor, "the singer wrote"),
            "from “the singer wrote”, which the story ties to Jane Roe"
        );
        assert_eq!(
            why(Method::Continuation, "Roe said"),
            "goes on from Jane Roe’s quote before it (“Roe said”)"
        );
        assert_eq!(
            why(Method::PostAuthor, "Jane Roe"),
            "the words of Jane Roe’s post in this story"
        );
        assert_eq!(
            why(Method::Repeat, "she wrote"),
            "quoted again: the story gives it as “she wrote”"
        );
    }

    #[test]
    fn unit_values_read_and_write_their_names() {
        for (i, m) in Method::ALL.iter().enumerate() {
            let written = serde_json::to_string(m).unwrap();
            assert_eq!(written, format!("\"{}\"", Method::NAMES[i]));
            assert_eq!(m.name(), Method::NAMES[i]);
            assert_eq!(serde_json::from_str::<Method>(&written).unwrap(), *m);
        }
        for source in DateSource::ALL {
            let written = serde_json::to_string(source).unwrap();
            assert_eq!(
                serde_json::from_str::<DateSource>(&written).unwrap(),
                *source
            );
        }
        let e = serde_json::from_str::<Precision>("\"year\"").unwrap_err();
        assert!(e
            .to_string()
            .starts_with("unknown variant `year`, expected `day` or `month`"));
    }
}
