//! The first screen of a long meeting file, shown before the file is read whole.
//!
//! Most of a long meeting file is its items' notes, and the first screen of a
//! new session shows only the first item's (with every item's title, check and
//! time). So a long file in the form scribe writes is read once without the
//! other items' notes ([`crate::input::preview_input`]), that screen is drawn,
//! and only then is the file read whole, as for any start. Nothing but the
//! screen comes from the preview: the session, its journal and its minutes all
//! work on the meeting read whole, and the event loop's first frame (drawn over
//! this one) shows that meeting.
//!
//! The preview is only for a start that goes straight to the session's first
//! screen: a new session (no journal yet, so no question to ask first), with
//! no `-o` or one naming a file that does not exist yet (an existing one may
//! still be refused), and after the terminal check. Should the
//! whole file still be refused (an error in the notes the preview passed over),
//! the terminal is given back before the error is shown, and nothing has been
//! written: the journal and the minutes come after the whole file is read.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::app::App;
use crate::config::{Config, ConfigPaths};
use crate::keymap::Keymap;
use crate::services::journal::JournalPaths;
use crate::theme::Theme;

use super::{RunOptions, minutes_path, new_app, through_links};

/// Below this size a meeting file is read whole in about a millisecond or
/// less: its first screen does not wait for a preview (which would be read as
/// well).
pub const PREVIEW_FROM: usize = 256 * 1024;

/// What the first screen is drawn from.
pub struct FirstScreen<'a> {
    /// The session's state as it starts, on the preview's meeting.
    pub app: &'a App,
    pub keymap: &'a Keymap,
    /// Where the minutes go (shown in the status line).
    pub output: &'a Path,
    pub theme: Theme,
    pub show_local_time: bool,
    pub mouse: bool,
}

/// What [`show`] needs of the start.
pub(super) struct Start<'a> {
    pub opts: &'a RunOptions,
    pub input: &'a Path,
    pub bytes: &'a [u8],
    pub config: &'a Config,
    pub paths: Option<&'a ConfigPaths>,
    pub keymap: &'a Keymap,
    pub now: DateTime<Utc>,
}

/// Draws the first screen through `draw` from a preview of the input, when
/// the start is one that goes straight to it (see the module's doc) and the
/// input is long enough to be worth it. `check_terminal` is run (and taken)
/// before anything is drawn.
pub(super) fn show(
    start: &Start<'_>,
    check_terminal: &mut Option<impl FnOnce() -> anyhow::Result<()>>,
    draw: impl FnOnce(FirstScreen<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Start {
        opts,
        input,
        bytes,
        config,
        paths,
        keymap,
        now,
    } = *start;
    if bytes.len() < PREVIEW_FROM {
        return Ok(());
    }
    let Some(paths) = paths else {
        return Ok(());
    };
    let Some(mut meeting) = crate::input::preview_input(input, bytes) else {
        return Ok(());
    };
    if let Some(date) = opts.date {
        meeting.set_date(date);
    }
    // The output as `open` finds it (a meeting's `output` is a top-level
    // field: the preview has it as the whole file does). `-o` naming a file
    // that exists is refused unless it holds these minutes, which takes the
    // whole meeting to tell.
    let output = match &opts.output {
        Some(out) if matches!(std::fs::exists(out), Ok(false)) => out.clone(),
        Some(_) => return Ok(()),
        None => {
            let folder = config.output_folder(paths);
            match minutes_path(input, bytes, &meeting, true, folder.as_deref()) {
                Ok(output) => output,
                Err(_) => return Ok(()),
            }
        }
    };
    let output = through_links(&output);
    // An earlier session of this meeting may be resumed or reopened: its
    // journal decides, and the question comes before any screen.
    let journal = JournalPaths::for_output(&paths.data_dir, &output).journal;
    if !matches!(std::fs::exists(&journal), Ok(false)) {
        return Ok(());
    }
    if let Some(check) = check_terminal.take() {
        check()?;
    }
    let app = new_app(meeting, true, Default::default(), now, config);
    draw(FirstScreen {
        app: &app,
        keymap,
        output: &output,
        theme: config.theme(),
        show_local_time: config.show_local_time,
        mouse: config.mouse,
    })
}
