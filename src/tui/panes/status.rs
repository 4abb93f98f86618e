//! The status line: the keys that matter in the focused pane (from the keymap in
//! force), a prompt when one is open, the last message, and where the minutes go
//! with the time of the last save.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::Mode;
use crate::app::{Action, App};
use crate::keymap::{Context, Keymap};
use crate::tui::view::View;
use crate::tui::widgets::{alarm, fit, fit_end, printable, warn, width};

/// The actions worth a place in the status line, per mode.
fn featured(mode: Mode) -> &'static [Action] {
    match mode {
        Mode::Agenda | Mode::Help => &[
            Action::Help,
            Action::NextPane,
            Action::ToggleCheck,
            Action::EditNotes,
            Action::DiscussNow,
            Action::Quit,
            Action::StartMeeting,
            Action::EndMeeting,
            Action::AddItemAfter,
            Action::AddSubItem,
        ],
        Mode::Roster => &[
            Action::Help,
            Action::NextPane,
            Action::Present,
            Action::Regrets,
            Action::Absent,
            Action::ArrivedLate,
            Action::LeftEarly,
            Action::Quit,
            Action::AddPerson,
            Action::ToggleChair,
            Action::ToggleSecretary,
        ],
        Mode::Editor => &[
            Action::LeaveEditor,
            Action::Indent,
            Action::Outdent,
            Action::CycleNoteCheck,
            Action::ToggleDecision,
        ],
        Mode::Prompt => &[Action::Confirm, Action::Cancel],
    }
}

/// `key action` pairs for the status line, first key of each featured action.
pub fn key_hints(keymap: &Keymap, mode: Mode) -> Vec<(String, &'static str)> {
    let contexts: &[Context] = match mode {
        Mode::Agenda | Mode::Help => &[Context::Agenda, Context::Global],
        Mode::Roster => &[Context::Roster, Context::Global],
        Mode::Editor => &[Context::Editor],
        Mode::Prompt => &[Context::Prompt],
    };
    featured(mode)
        .iter()
        .filter_map(|action| {
            let key = contexts
                .iter()
                .find_map(|c| keymap.keys_for(*c, *action).into_iter().next())?;
            Some((key.to_string(), action.label()))
        })
        .collect()
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    let theme = &view.theme;
    let key_style = theme.status.add_modifier(Modifier::BOLD);
    let total = usize::from(area.width);

    // Right: where the minutes go and when they were last written.
    let file = printable(&view.output.display().to_string());
    let (right, right_style) = match (&view.save.error, view.save.saved_at) {
        (Some(err), _) => (
            format!("{file}: NOT SAVED: {}", printable(err)),
            alarm(theme).add_modifier(Modifier::BOLD),
        ),
        (None, Some(_)) if view.save.diverted.is_some() => (
            format!(
                "{file}: {}",
                printable(view.save.diverted.as_deref().unwrap_or_default())
            ),
            warn(theme).add_modifier(Modifier::BOLD),
        ),
        (None, Some(at)) => (
            format!("{file} · saved {}", at.format("%H:%M:%S")),
            theme.dim,
        ),
        (None, None) => (format!("{file} · not yet saved"), theme.dim),
    };
    // While a prompt is open, what is typed has the whole line; a message (the
    // answer to the last key, often a question) comes before the file name.
    let right = match (&app.prompt, &app.message) {
        (Some(_), _) => String::new(),
        (None, Some(message)) => {
            let room = total.saturating_sub(1 + width(&printable(message)) + 2);
            let right = fit(&right, room.min(total / 2));
            if width(&right) < 8 {
                String::new()
            } else {
                right
            }
        }
        (None, None) => fit(&right, total / 2),
    };

    // The left part is made of units that are shown whole or not at all, most
    // important first, so the line never ends in half a hint.
    let mut units: Vec<Vec<Span<'_>>> = Vec::new();
    let mode = app.mode();
    if let Some(prompt) = &app.prompt {
        // The end of the text shows, where typing goes on (the cursor): a long
        // title scrolls to the left rather than being cut at its end.
        let question = prompt.kind.question();
        // The line less its margins (one before, two kept free after), the
        // question, the cursor and the two spaces after it: the unit fits whole.
        let room = total.saturating_sub(1 + width(question) + 1 + 2 + 2);
        units.push(vec![
            Span::styled(question, key_style),
            Span::raw(fit_end(&printable(&prompt.text), room)),
            Span::styled(" ", Style::default().add_modifier(Modifier::REVERSED)),
            Span::raw("  "),
        ]);
    } else if let Some(message) = &app.message {
        units.push(vec![
            Span::styled(
                printable(message),
                theme.status.add_modifier(Modifier::BOLD),
            ),
            Span::raw("  "),
        ]);
    }
    if mode == Mode::Editor
        && let Some((_, candidates)) = app.handle_candidates()
    {
        let tab = view
            .keymap
            .keys_for(Context::Editor, Action::Indent)
            .first()
            .map_or_else(|| "Tab".to_string(), |k| k.to_string());
        let list: Vec<String> = candidates.iter().take(8).map(|h| format!("@{h}")).collect();
        units.push(vec![
            Span::styled(tab, key_style),
            Span::raw(format!(" {}  ", list.join(" "))),
        ]);
    }
    for (key, label) in key_hints(&view.keymap, mode) {
        units.push(vec![
            Span::styled(key, key_style),
            Span::raw(format!(" {label}  ")),
        ]);
    }
    let room = total.saturating_sub(width(&right) + 2);
    let mut used = 1;
    let mut left: Vec<Span<'_>> = vec![Span::raw(" ")];
    for (i, unit) in units.into_iter().enumerate() {
        let w: usize = unit.iter().map(|s| width(&s.content)).sum();
        if used + w > room {
            // The first unit (a prompt or message) is cut rather than dropped.
            if i == 0 {
                for span in unit {
                    let cut = fit(&span.content, room.saturating_sub(used));
                    used += width(&cut);
                    left.push(Span::styled(cut, span.style));
                }
            }
            break;
        }
        used += w;
        left.extend(unit);
    }
    left.push(Span::raw(
        " ".repeat(total.saturating_sub(used + width(&right))),
    ));
    left.push(Span::styled(right, right_style));
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), area);
}
