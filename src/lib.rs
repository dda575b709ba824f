//! sagsspor follows Danish municipal cases (sager) through the meetings that
//! treat them.
//!
//! The pipeline, one module each:
//! [`ingest`] finds the minutes files among the paths a user names and reads
//! each into a [`store::Minutes`], with [`text`] decoding the file and
//! [`parse`] reading it into a [`model::Meeting`]; [`classify`] gives each
//! decision its outcome, [`treatment`] turns items into treatments of cases,
//! [`normalize`] and [`diff`] compare treatments word by word, [`blame`]
//! finds on that diff which treatment wrote each word, and [`store`]
//! files everything in a git history. [`query`] answers every question from
//! one snapshot of the store as a [`views`] value (the JSON contract), with
//! [`journey`] saying where a case stands and [`filter`] narrowing lists;
//! [`render`] (with [`sanitize`]) draws views for the terminal and
//! [`report`] as the shareable HTML site; [`pdf`] brings PDF minutes in
//! through `pdftotext`. The binary (`src/cli/`) only wires these together.

pub mod blame;
pub mod bodies;
pub mod classify;
pub mod dates;
pub mod diff;
pub mod feed;
pub mod filter;
pub mod formats;
pub mod identity;
pub mod ingest;
pub mod journey;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod pdf;
pub mod query;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod search;
pub mod segment;
pub mod store;
pub mod table;
pub mod text;
pub mod treatment;
pub mod views;
