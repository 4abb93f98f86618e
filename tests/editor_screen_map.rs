//! The notes editor maps its lines to screen rows line by line, keeping the rows
//! of the lines a key did not change (scribe's patch of ratatui-textarea, see
//! `vendor/ratatui-textarea/PATCHED.md`). These tests hold an editor that was
//! typed into, key after key, against a new editor made from the same lines, which
//! maps every line afresh: both must draw the same screen and move the cursor to
//! the same places, whatever was typed, wide or narrow, and at any width.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};

/// Tall enough that neither editor ever scrolls: what they draw then depends
/// on the lines, the cursor and the screen map only.
const HEIGHT: u16 = 200;

/// What the secretary does to the editor in one step.
#[derive(Debug, Clone)]
enum Step {
    Type(char),
    Key(Key),
    /// The cursor put somewhere, as scribe replays a cursor move.
    Jump(u16, u16),
    /// The pane drawn at this width (the terminal resized, or a frame after keys).
    Draw(u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => prop::sample::select(vec!['a', 'b', ' ', '-', '日', 'é', '\t', '👍', 'ﾞ'])
            .prop_map(Step::Type),
        2 => prop::sample::select(vec![
            Key::Enter,
            Key::Backspace,
            Key::Delete,
            Key::Left,
            Key::Right,
            Key::Up,
            Key::Down,
            Key::End,
            Key::Home,
        ])
        .prop_map(Step::Key),
        1 => (0u16..8, 0u16..30).prop_map(|(row, col)| Step::Jump(row, col)),
        1 => (4u16..40).prop_map(Step::Draw),
    ]
}

fn draw(textarea: &TextArea<'_>, width: u16) -> Buffer {
    let area = Rect::new(0, 0, width, HEIGHT);
    let mut buffer = Buffer::empty(area);
    textarea.render(area, &mut buffer);
    buffer
}

/// A new editor on `typed`'s lines with its cursor where `typed` has it, drawn
/// at `width` as `typed` was.
fn afresh(typed: &TextArea<'_>, width: u16) -> TextArea<'static> {
    let mut fresh = TextArea::new(typed.lines().to_vec());
    fresh.set_wrap_mode(WrapMode::WordOrGlyph);
    let DataCursor(row, col) = typed.cursor();
    fresh.move_cursor(CursorMove::Jump(row as u16, col as u16));
    draw(&fresh, width);
    fresh
}

/// Where each vertical and line-end move takes the cursor from where it is.
fn moves(textarea: &TextArea<'static>) -> Vec<DataCursor> {
    [
        CursorMove::Up,
        CursorMove::Down,
        CursorMove::End,
        CursorMove::Head,
        CursorMove::Forward,
        CursorMove::Back,
    ]
    .into_iter()
    .map(|m| {
        let mut moved = textarea.clone();
        moved.move_cursor(m);
        moved.cursor()
    })
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_typed_editor_maps_its_lines_as_a_new_one_would(
        first_width in 4u16..40,
        steps in prop::collection::vec(step(), 1..80),
    ) {
        let mut typed = TextArea::new(vec!["- note one".to_string(), "  - 二つ目 second".to_string()]);
        typed.set_wrap_mode(WrapMode::WordOrGlyph);
        let mut width = first_width;
        draw(&typed, width);
        for step in steps {
            match step {
                Step::Type(c) => {
                    typed.input(Input { key: Key::Char(c), ..Input::default() });
                }
                Step::Key(key) => {
                    typed.input(Input { key, ..Input::default() });
                }
                Step::Jump(row, col) => typed.move_cursor(CursorMove::Jump(row, col)),
                Step::Draw(w) => {
                    width = w;
                    draw(&typed, width);
                }
            }
            // Keys between frames map the lines without an area change; the
            // vertical moves below use that map.
            let fresh = afresh(&typed, width);
            prop_assert_eq!(moves(&typed), moves(&fresh), "lines {:?}", typed.lines());
        }
        let fresh = afresh(&typed, width);
        prop_assert_eq!(draw(&typed, width), draw(&fresh, width), "lines {:?}", typed.lines());
    }
}

/// The map of a line that did not change is kept also when lines before it are
/// added or removed: a line broken in two and joined again draws as before, at
/// the same rows as a new editor draws it.
#[test]
fn lines_added_and_removed_above_keep_their_rows_right() {
    let lines = vec![
        "- first note, long enough to wrap at twenty".to_string(),
        "- second".to_string(),
        "  - 三番目の note that wraps too".to_string(),
    ];
    let mut typed = TextArea::new(lines.clone());
    typed.set_wrap_mode(WrapMode::WordOrGlyph);
    draw(&typed, 20);
    typed.move_cursor(CursorMove::Jump(0, 7));
    typed.insert_newline();
    let fresh = afresh(&typed, 20);
    assert_eq!(draw(&typed, 20), draw(&fresh, 20));
    assert_eq!(moves(&typed), moves(&fresh));
    typed.delete_char();
    assert_eq!(typed.lines(), lines.as_slice());
    let fresh = afresh(&typed, 20);
    assert_eq!(draw(&typed, 20), draw(&fresh, 20));
    assert_eq!(moves(&typed), moves(&fresh));
}
