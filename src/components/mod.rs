//! Reusable pieces of the pages, one component per file.

pub mod copy_link;
pub mod date_range;
pub mod person_chip;
pub mod person_filter;
pub mod post_card;
pub mod problem_list;
pub mod quote_card;
pub mod story_link;
pub mod virtual_timeline;
