//! scribe: take the minutes of a timeboxed meeting live, in a terminal.
//!
//! The library holds the meeting model and everything that reads and writes it;
//! the `scribe` binary is the CLI and the TUI on top.

pub mod actions;
pub mod app;
pub mod cli;
pub mod config;
mod dates;
pub mod error;
pub mod fuzzing;
pub mod ical;
pub mod input;
pub mod journal;
pub mod keymap;
pub mod liquid;
pub mod lock;
pub mod markdown;
pub mod meeting_file;
pub mod model;
mod model_serde;
pub mod render;
pub mod shell;
pub mod theme;
pub mod tui;
pub mod workload;
pub mod write;
