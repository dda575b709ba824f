//! sagsspor follows Danish municipal cases (sager) through the meetings that
//! treat them.
//!
//! The pipeline, one module each:
//! [`text`] decodes a minutes file, [`parse`] reads it into a
//! [`model::Meeting`], [`classify`] gives each decision its outcome,
//! [`treatment`] turns items into treatments of cases, [`normalize`] and
//! [`diff`] compare treatments word by word, and [`store`] files everything
//! in a git history. [`render`] and [`sanitize`] serve the command line in
//! `main.rs`, [`report`] writes the shareable HTML site, and [`pdf`] brings
//! PDF minutes in through `pdftotext`.

pub mod classify;
pub mod dates;
pub mod diff;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod pdf;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod store;
pub mod text;
pub mod treatment;
