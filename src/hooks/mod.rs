//! The app's hooks, one per file.

pub mod use_dataset;
pub mod use_explorer;
pub mod use_story_text;
pub mod use_timeline_query;
pub mod use_timeline_view;
pub mod use_viewport;

pub use use_dataset::use_dataset;
pub use use_explorer::use_explorer;
pub use use_story_text::use_story_text;
pub use use_timeline_query::use_timeline_query;
pub use use_timeline_view::use_timeline_view;
pub use use_viewport::use_viewport;
