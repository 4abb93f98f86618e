//! What the screen shows besides the meeting: where the minutes go, the keys in
//! force, the zone times are shown in, the colours, and the last save. None of it
//! goes into the minutes or the journal, so it lives in the terminal layer and
//! never in the meeting's state (`crate::app::App`).

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local, Offset, Utc};

use crate::keymap::Keymap;
use crate::theme::Theme;

/// How times are shown beside UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// UTC only: no local time is shown.
    Utc,
    /// The system's local time zone.
    Local,
    /// A fixed offset (tests).
    Fixed(FixedOffset),
}

impl Zone {
    /// The local offset at `now`, or `None` when it is UTC itself.
    pub fn offset(self, now: DateTime<Utc>) -> Option<FixedOffset> {
        let offset = match self {
            Zone::Utc => return None,
            Zone::Local => now.with_timezone(&Local).offset().fix(),
            Zone::Fixed(offset) => offset,
        };
        (offset.local_minus_utc() != 0).then_some(offset)
    }
}

/// The last write of the minutes file, as the writer reported it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// When the minutes were last written whole.
    pub saved_at: Option<DateTime<Utc>>,
    /// The error of the last failed write, until a write succeeds.
    pub error: Option<String>,
    /// The minutes file was changed by someone else, and scribe's went to this
    /// file beside it (until `overwrite-minutes`, `O`, writes them over it).
    pub diverted_to: Option<PathBuf>,
}

/// What the screen shows besides the meeting: it never goes into the minutes.
#[derive(Debug, Clone)]
pub struct View {
    /// Where the minutes are written.
    pub output: PathBuf,
    /// The keys in force (status line and help are made from it).
    pub keymap: Keymap,
    /// Local time beside UTC.
    pub zone: Zone,
    /// The colours (colourless when `NO_COLOR` is set).
    pub theme: Theme,
    /// The minutes file's last write.
    pub save: SaveStatus,
    /// The panel over the notes, while one is shown: the lint findings at the
    /// end of the meeting, a publication, a ticket (see `crate::tui::jobs`).
    pub panel: Option<Panel>,
}

/// What a panel is for, which decides the keys it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelKind {
    /// Something is being done in the background; any key hides the panel.
    Busy,
    /// Something to read (the lint findings, a result): `Esc` or `Enter`
    /// closes it, and its own keys act.
    Report,
    /// The publication is ready: `y` pushes, `n` gives up.
    ConfirmPush,
    /// A ticket's text to paste: the link can be typed or pasted into
    /// the panel, and `Enter` adds it to the item at `path` titled `title`.
    TicketLink {
        path: crate::model::ItemPath,
        title: String,
    },
}

/// A panel over the notes pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub kind: PanelKind,
    pub title: String,
    /// What it says, one entry a line.
    pub lines: Vec<String>,
    /// Its keys, said at its foot (`y push · n cancel`).
    pub keys: String,
    /// What is typed into it (a ticket's link).
    pub input: String,
    /// How many rows are scrolled past (the arrows move it; drawing keeps it
    /// within the text).
    pub scroll: usize,
}
