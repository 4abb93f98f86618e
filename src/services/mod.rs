//! What runs beside the meeting's state while a meeting is open: the clock, the
//! journal every action goes to, the lock that keeps a meeting open once, the
//! session that joins the state to its journal and undo history, and the writer
//! thread that keeps the minutes file on disk.
//!
//! None of it draws: the terminal layer (`crate::tui`) drives these services and
//! shows what they report.

pub mod clock;
pub mod journal;
pub mod lock;
pub mod session;
pub mod snapshot;
pub mod writer;
