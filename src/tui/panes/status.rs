//! The status line: the keys that matter in the focused pane (from the keymap in
//! force), a prompt when one is open, the last message, and where the minutes go
//! with the time of the last save.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::Mode;
use crate::app::{Action, App};
use crate::keymap::{Context, Keymap};
use crate::tui::view::View;
use crate::tui::widgets::{alarm, fit, fit_end, printable, width};

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
            Action::Search,
            Action::CycleBox,
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
            // A key without Ctrl or Alt is the one to learn (`q`, not Ctrl-c).
            let key = contexts.iter().find_map(|c| {
                let keys = keymap.keys_for(*c, *action);
                keys.iter()
                    .find(|k| !k.ctrl && !k.alt)
                    .or(keys.first())
                    .copied()
            })?;
            Some((key.to_string(), action.label()))
        })
        .collect()
}

/// Draws the status line; while a prompt is open, where the terminal's cursor
/// goes (the terminal shows it, rather than a drawn cell).
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) -> Option<Position> {
    let theme = &view.theme;
    let key_style = theme.status.add_modifier(Modifier::BOLD);
    let total = usize::from(area.width);

    // Right: where the minutes go and when they were last written.
    let file = printable(&view.output.display().to_string());
    let (right, right_style) = match (&view.save.error, view.save.saved_at) {
        // Someone else's edit is kept; where scribe's copy went comes first, as
        // the end of a long line is what gives way.
        (None, _) if let Some(to) = &view.save.diverted_to => (
            format!(
                "ours saved to {} · {file} changed by someone else, kept{}",
                printable(&to.file_name().map_or_else(
                    || to.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )),
                // The key is pressed twice: the second confirms.
                view.keymap
                    .command_key(Action::OverwriteMinutes)
                    .map(|k| format!(" · {k} twice: ours over it"))
                    .unwrap_or_default()
            ),
            alarm(theme).add_modifier(Modifier::BOLD),
        ),
        (Some(err), _) => (
            format!("{file}: NOT SAVED: {}", printable(err)),
            alarm(theme).add_modifier(Modifier::BOLD),
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
        // A failed or diverted write matters more than the key hints.
        (None, None) if view.save.error.is_some() || view.save.diverted_to.is_some() => {
            fit(&right, total.saturating_sub(12))
        }
        (None, None) => fit(&right, total / 2),
    };

    // The left part is made of units that are shown whole or not at all, most
    // important first, so the line never ends in half a hint.
    let mut units: Vec<Vec<Span<'_>>> = Vec::new();
    let mode = app.mode();
    // The prompt's cursor: columns from the start of the line.
    let mut cursor_at = None;
    if let Some(prompt) = &app.prompt {
        // The text around the cursor shows: a long title scrolls to keep the
        // cursor in view, with what comes before it given most of the room.
        let question = prompt.kind.question();
        // The line less its margins (one before, two kept free after), the
        // question, the cursor and the two spaces after it: the unit fits whole.
        let room = total.saturating_sub(1 + width(question) + 1 + 2 + 2);
        let text = printable(prompt.text());
        let split = text
            .char_indices()
            .nth(prompt.cursor())
            .map_or(text.len(), |(i, _)| i);
        let (before, rest) = text.split_at(split);
        let mut rest = rest.chars();
        let under = rest.next().map_or_else(|| " ".to_string(), String::from);
        let after_text: String = rest.collect();
        let after = if width(before) + width(&after_text) <= room {
            after_text
        } else {
            // What follows the cursor has the room before it does not need,
            // and at least a third of the line.
            fit(
                &after_text,
                (room / 3).max(room.saturating_sub(width(before))),
            )
        };
        let before = fit_end(before, room.saturating_sub(width(&after)));
        cursor_at = Some(1 + width(question) + width(&before));
        units.push(vec![
            Span::styled(question, key_style),
            Span::raw(before),
            Span::raw(under),
            Span::raw(after),
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
    // A filtered or sorted agenda says so while it is on, with the key back.
    if app.prompt.is_none()
        && let Some(label) = app.agenda_view_label()
    {
        let key = view
            .keymap
            .keys_for(Context::Agenda, Action::CycleAgendaView)
            .first()
            .map_or_else(String::new, |k| format!(" ({k}: next view)"));
        units.push(vec![
            Span::styled(format!("agenda: {label}"), key_style),
            Span::raw(format!("{key}  ")),
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
    let mut hints = key_hints(&view.keymap, mode);
    // A search goes from match to match while the words are typed.
    if app.prompt.as_ref().map(|p| p.kind) == Some(crate::app::PromptKind::Search) {
        for action in [Action::SearchNext, Action::SearchPrev] {
            if let Some(key) = view.keymap.keys_for(Context::Prompt, action).first() {
                hints.push((key.to_string(), action.label()));
            }
        }
    }
    for (key, label) in hints {
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
    // Shown only where the prompt was drawn (a line too narrow cuts it).
    let x = cursor_at.filter(|&at| at < used)?;
    Some(Position {
        x: area.x.saturating_add(u16::try_from(x).ok()?),
        y: area.y,
    })
}
