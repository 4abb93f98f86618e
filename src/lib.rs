//! scribe: take the minutes of a timeboxed meeting live, in a terminal.
//!
//! The library holds the meeting model and everything that reads and writes it;
//! the `scribe` binary is the CLI and the TUI on top.

pub mod error;
pub mod liquid;
pub mod markdown;
pub mod model;
