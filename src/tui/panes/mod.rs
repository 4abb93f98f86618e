//! The panes of the screen. Each one only draws: it reads the [`crate::app::App`]
//! and writes to the frame, and never changes the state.

pub mod agenda;
pub mod help;
pub mod not_discussed;
pub mod notes;
pub mod panel;
pub mod roster;
pub mod status;
pub mod timer;
