//! The items never discussed, over the notes while the secretary answers the
//! not-discussed prompt: each with the choice the typed answer makes for it
//! (`k` keep as "not discussed", `m` move to the next agenda).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::{App, PromptKind};
use crate::tui::view::View;
use crate::tui::widgets::{block, fit, plain_title, printable};

/// What the answer typed so far chooses for item `i` of `n`.
fn choice(answer: &str, i: usize, n: usize) -> &'static str {
    let letters: Vec<char> = answer.chars().filter(|c| !c.is_whitespace()).collect();
    let letter = match letters.len() {
        1 => letters.first(),
        len if len == n => letters.get(i),
        _ => letters.get(i),
    };
    match letter.map(char::to_ascii_lowercase) {
        Some('k') => "keep",
        Some('m') => "move",
        _ => "?",
    }
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    let Some(prompt) = app
        .prompt
        .as_ref()
        .filter(|p| p.kind == PromptKind::NotDiscussed)
    else {
        return;
    };
    let titles = app.not_discussed_titles();
    let n = titles.len();
    let height = u16::try_from(n)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height);
    let overlay = Rect {
        height,
        y: area.y + (area.height - height) / 2,
        ..area
    };
    let block =
        block(&view.theme, true).title(" Never discussed — k keep · m move to the next agenda ");
    let inner = block.inner(overlay);
    frame.render_widget(Clear, overlay);
    frame.render_widget(block, overlay);
    let room = usize::from(inner.width);
    let lines: Vec<Line<'_>> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let text = format!(
                "{:>2}. [{}] {}",
                i + 1,
                choice(prompt.text(), i, n),
                printable(&plain_title(title))
            );
            Line::raw(fit(&text, room))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::choice;

    #[test]
    fn one_letter_is_for_all_and_more_are_per_item() {
        assert_eq!(choice("m", 2, 3), "move");
        assert_eq!(choice("kmk", 1, 3), "move");
        assert_eq!(choice("km", 2, 3), "?");
        assert_eq!(choice("", 0, 3), "?");
    }
}
