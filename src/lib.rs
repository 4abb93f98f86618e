//! scribe: take the minutes of a timeboxed meeting live, in a terminal.
//!
//! The meeting itself — the model, YAML meeting files, Markdown agendas kept
//! format-preserving, the minutes styles, action items, iCal and the history of a
//! folder of minutes — is the
//! `scribe-core` crate, re-exported here under the same names. This crate puts the
//! live interface and the command line on top.
//!
//! # Layer map
//!
//! Data flows one way: terminal event → keymap → [`app::Action`] →
//! [`app::update`] → draw. Each layer may use the layers below it and
//! `scribe_core`, never one above (`tests/layers.rs` reads the `use` lines and
//! checks it):
//!
//! 1. [`app`] — the live meeting's state and the one function that changes it;
//!    no terminal, no files, a clock passed in.
//! 2. [`theme`], [`keymap`], [`config`] — settings: colours, key → action, the
//!    user's config file.
//! 3. [`services`] — what runs beside the state while a meeting is open: the
//!    journal, the meeting's lock, the minutes writer thread, the session that
//!    journals every action, the clock.
//! 4. [`launch`] — opening a meeting: settings resolved once, the input read once,
//!    lock, journal, resume, writer. [`checkout`] — the group's git checkout
//!    (`scribe lint` against the folder, `scribe publish` with git, tickets with
//!    `gh`), which the live interface runs at the end of a meeting too.
//! 5. [`tui`] — the terminal: events in, panes drawn; the view (keymap, theme,
//!    zone, save status) lives here.
//! 6. [`shell`] — completions and the man page.
//! 7. [`cli`] — the command line.
//!
//! [`workload`] and [`fuzzing`] serve the benchmarks and fuzzers.

pub use scribe_core::{
    action_items, dates, error, history, ical, input, lint, liquid, markdown, meeting_file,
    minutes, model, text, write,
};

pub mod app;
pub mod checkout;
pub mod cli;
pub mod config;
pub mod fuzzing;
pub mod keymap;
pub mod launch;
pub mod services;
pub mod shell;
pub mod theme;
pub mod tui;
pub mod workload;
