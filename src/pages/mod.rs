//! One page per route.

pub mod not_found;
pub mod person;
pub mod story;
pub mod timeline;
