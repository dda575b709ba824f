//! Integration tests: the real binary on the real seed minutes.

mod util;

mod as_of;
mod blame;
mod color;
mod contract;
mod errors;
mod faults;
mod feed;
mod history;
mod hostile;
mod identity;
mod journey;
mod markup;
mod messy;
mod pdf;
mod properties;
mod reading;
mod real;
mod report;
mod search;
mod share;
mod store_safety;
mod usability;
