//! The binary's side: the command line ([`args`]), one module per command
//! ([`commands`]), the surroundings read once ([`ui`]) and the one error
//! path ([`error`]). The library does the work; this only wires and renders.

pub mod args;
pub mod commands;
pub mod error;
pub mod ui;
