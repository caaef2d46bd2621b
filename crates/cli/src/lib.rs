//! The library side of the `storyscope` command: the pieces the binary is
//! built from, exposed so that tests and other tools can reuse them. All of
//! Storyscope's file I/O lives here; the logic it drives lives in
//! `storyscope-core`.

pub mod args;
pub mod card;
pub mod csp;
pub mod error;
pub mod files;
pub mod ingest;
pub mod pages;
pub mod precompress;
pub mod progress;
pub mod serve;
pub mod validate;
