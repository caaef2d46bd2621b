//! The app's hooks, one per file.

pub mod use_timeline_query;
