//! Putting the terminal into the state the interface needs, and back.
//!
//! Raw mode, the alternate screen, bracketed paste and (when configured) mouse
//! reporting are switched on by [`enter`]
//! and off by [`leave`]; a panic hook calls [`leave`] before the panic message is
//! printed, so a crash never leaves the secretary's shell in raw mode.

use std::io::{self, stdout};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::style::ResetColor;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::layout::Size;

use super::backend::Screen;

/// The live terminal scribe draws on.
pub type Tty = Terminal<Screen<io::Stdout>>;

/// Sets the terminal up for the interface (and the panic hook that undoes it);
/// with `mouse`, mouse events are reported to scribe instead of the terminal.
pub fn enter(mouse: bool) -> io::Result<Tty> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut setup = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste);
    if mouse && setup.is_ok() {
        setup = execute!(stdout(), EnableMouseCapture);
    }
    if let Err(e) = setup {
        leave();
        return Err(e);
    }
    // The size is read once here; the event loop tells the backend of resizes.
    let (width, height) = crossterm::terminal::size().inspect_err(|_| leave())?;
    let mut terminal = Terminal::new(Screen::new(stdout(), Size { width, height }))?;
    // The alternate screen is blank; cleared through the backend, it is known
    // to be (see `Screen`: a frame's cells are then sent grouped by look).
    terminal.clear().inspect_err(|_| leave())?;
    Ok(terminal)
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn leave() {
    // Raw mode first: it decides how everything after it is shown.
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        ResetColor,
        LeaveAlternateScreen,
        Show
    );
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
    });
}
