//! Integration tests: the real binary on the real seed minutes.

mod util;

mod color;
mod errors;
mod history;
mod messy;
mod properties;
mod reading;
