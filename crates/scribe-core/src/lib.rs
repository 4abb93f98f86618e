//! scribe-core: the meeting and everything that reads and writes it, with no
//! terminal and no command line.
//!
//! The `scribe` crate puts the live interface and the CLI on top of this one. What
//! is here is plain data and pure functions (apart from [`write`], the atomic file
//! write, and [`meeting_file::read_input_file`]), so every rule about meetings and
//! minutes is tested without a screen.
//!
//! # Layer map
//!
//! A module may use the modules of its own layer's predecessors, never one above it
//! (`tests/layers.rs` in the `scribe` crate reads the `use` lines and checks this):
//!
//! 1. [`error`], [`write`], [`text`] — the error type that names file, line and column;
//!    atomic writes; text from a file made safe to print.
//! 2. [`model`] — the meeting, its roster and agenda tree, and the minutes' [`model::Style`].
//! 3. [`dates`], [`liquid`] — reading dates from free text; neutralising Jekyll's Liquid.
//! 4. [`meeting_file`] — YAML meeting files.
//! 5. [`markdown`] — Markdown agendas and minutes, kept format-preserving.
//! 6. [`minutes`] — the two minutes styles; [`input`] — a user's file, YAML or Markdown.
//! 7. [`action_items`], [`ical`], [`workload`] — what is made from a meeting: open
//!    items by person, the next meeting as iCalendar, benchmark meetings.
//! 8. [`lint`] — checking finished minutes against their folder: dates, handles,
//!    rendering traps, the index page.
//! 9. [`history`] — a folder of minutes: the item ledger across meetings and the
//!    decision register.

pub mod action_items;
pub mod dates;
pub mod error;
pub mod history;
pub mod ical;
pub mod input;
pub mod lint;
pub mod liquid;
pub mod markdown;
pub mod meeting_file;
pub mod minutes;
pub mod model;
pub mod text;
pub mod workload;
pub mod write;
