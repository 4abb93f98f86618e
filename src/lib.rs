//! scribe: take the minutes of a timeboxed meeting live, in a terminal.
//!
//! The library holds the meeting model and everything that reads and writes it;
//! the `scribe` binary is the CLI and the TUI on top.

pub mod actions;
pub mod config;
pub mod ical;
pub mod journal;
pub mod lock;
pub mod model;
pub mod shell;
pub mod theme;
