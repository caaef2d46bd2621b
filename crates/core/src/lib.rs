//! Storyscope's pure logic: the dataset model and its validation, and the
//! ingest parser that turns raw article text into that model.
//!
//! This crate knows nothing of the browser or the file system. It does no I/O
//! and never panics on input: parsers and validators return what they could
//! make of the input together with a list of [`Problem`]s.

pub mod cite;
pub mod date;
pub mod embed;
pub mod explore;
pub mod export;
pub mod generate;
pub mod hash;
pub mod ingest;
pub mod load;
pub mod model;
pub mod page;
pub mod problem;
pub mod query;
pub mod roster;
pub mod slug;
pub mod split;
pub mod timeline;
pub mod url;
pub mod validate;

pub use date::Day;
pub use model::{
    Attribution, Block, Dataset, DateSource, Event, Method, Person, Post, Quote, Span, Story,
    SCHEMA_VERSION,
};
pub use problem::{Problem, Severity};
pub use roster::{Roster, RosterPerson};
