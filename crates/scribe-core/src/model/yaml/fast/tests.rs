//! The agenda written directly against the YAML library's text for the same
//! meeting: on text chosen to sit on every edge of the rules, and on generated
//! meetings of generated text.

use crate::model::yaml::fast::{Style, printable, style};
use crate::model::yaml::fast_yaml;
use crate::model::{Item, ListStyle, Meeting, Note};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

pub(super) fn meeting(agenda: Vec<Item>) -> Meeting {
    let mut m = Meeting::new(
        "Minutes",
        Utc.with_ymd_and_hms(2024, 5, 15, 17, 0, 0).unwrap(),
    );
    m.front_matter = vec!["layout: single".into()];
    m.agenda = agenda.into();
    m
}

/// The library's text; and when the direct writer takes the meeting, its text
/// must be the same. Gives whether it took it.
fn same(m: &Meeting) -> bool {
    let library = yaml_serde::to_string(m).unwrap();
    match fast_yaml(m) {
        Some(fast) => {
            assert_eq!(fast, library, "{m:#?}");
            true
        }
        None => false,
    }
}

pub(super) fn with_text(text: &str) -> Meeting {
    let mut item = Item::new(text);
    item.heading = Some(2);
    item.notes = vec![Note::new(text), Note::new("after")].into();
    let mut deep = Note::new(text);
    deep.checked = Some(true);
    deep.notes = [Note::new(text)].into();
    item.notes.push(deep);
    let mut sub = Item::new(text);
    sub.owners = vec![text.to_string()];
    sub.link = Some(text.to_string());
    sub.list = Some(ListStyle {
        ordered: true,
        start: Some(3),
        loose: true,
    });
    item.items = vec![sub, Item::new(text)].into();
    meeting(vec![item, Item::new(text)])
}

/// Text on the edges of the writer's rules that it writes itself.
pub(super) const TAKEN: &[&str] = &[
    "plain words",
    "16:30 UTC – Pre-meeting",
    "@person2",
    "Meeting chair: @person2",
    "TPRF's Slack, #cpan-security",
    "a #tag",
    "a#b",
    "ends with:",
    "key: value",
    "a:b",
    "- item",
    "-x y",
    "? query",
    "?x",
    ":x",
    ": x",
    "---",
    "--- x",
    "...",
    "... x",
    "x ---",
    "'quoted'",
    "\"double\"",
    "[link](https://x.org)",
    "{{ liquid }}",
    "*bold*",
    "**Time**: on x",
    "!important",
    "|pipe",
    ">quote",
    "%percent",
    "`code`",
    "&anchor",
    "x, y",
    "x [y] {z}",
    "café über",
    "1 item",
    "2024-05-15 17:00 UTC",
    "yes",
    "no",
    "on",
    "nan",
    "inf",
    "Null value",
    "it's",
    "x\u{a0}y",
];

/// Text on the edges of the writer's rules that it leaves to the library.
pub(super) const LEFT: &[&str] = &[
    "",
    " lead",
    "trail ",
    "two\nlines",
    "tab\there",
    "null",
    "~",
    "true",
    "FALSE",
    "12",
    "1.5",
    "-3",
    "+4",
    ".5",
    "0x1F",
    "007",
    "emoji 😀",
    "nel\u{85}",
    "ls\u{2028}",
    "bom\u{feff}",
    "cr\r",
    "bell\u{7}",
];

#[test]
fn text_on_the_edges_of_the_rules_is_written_as_the_library_writes_it() {
    for text in TAKEN {
        assert!(same(&with_text(text)), "not written directly: {text:?}");
    }
    // Left to the library, which must then write them.
    for text in LEFT {
        assert!(!same(&with_text(text)), "written directly: {text:?}");
    }
    // Nothing to write directly: the library writes the empty agenda.
    assert!(!same(&meeting(Vec::new())));
}

fn text() -> impl Strategy<Value = String> {
    // Mostly characters the direct writer takes, on the edges of its rules; now
    // and then one it leaves to the library.
    let piece = prop_oneof![
        30 => prop::sample::select(vec![
            "a", "Z", "0", "7", " ", ":", "#", "-", "?", "'", "\"", "@", ".", "–", "é", "~", "!",
            "[", "]", ",", "|", ">", "%", "`", "&", "*", "{", "}", "+", "x", "true", "null", "---",
        ]),
        1 => prop::sample::select(vec!["\t", "\n", "😀", "\u{2028}"]),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|v| v.concat())
}

fn note() -> impl Strategy<Value = Note> {
    let leaf = (text(), any::<Option<bool>>(), any::<bool>(), any::<bool>()).prop_map(
        |(t, checked, decision, block)| {
            let mut n = Note::new(t);
            n.checked = checked;
            n.decision = decision;
            n.block = block;
            n
        },
    );
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            text(),
            any::<Option<bool>>(),
            prop::collection::vec(inner, 0..3),
        )
            .prop_map(|(t, checked, notes)| {
                let mut n = Note::new(t);
                n.checked = checked;
                n.notes = notes.into();
                n
            })
    })
}

pub(super) fn item() -> impl Strategy<Value = Item> {
    let leaf = (
        text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..2),
        any::<Option<bool>>(),
        prop::option::of(0u32..200),
        any::<bool>(),
        prop::collection::vec(note(), 0..3),
        prop::option::of(1u8..7),
        prop::option::of((any::<bool>(), prop::option::of(0u32..20), any::<bool>())),
    )
        .prop_map(
            |(title, link, owners, checked, minutes, numbered, notes, heading, list)| {
                let mut it = Item::new(title);
                it.link = link;
                it.owners = owners;
                it.checked = checked;
                it.minutes = minutes;
                it.numbered = numbered;
                it.notes = notes.into();
                it.heading = heading;
                it.list = list.map(|(ordered, start, loose)| ListStyle {
                    ordered,
                    start,
                    loose,
                });
                it
            },
        );
    leaf.prop_recursive(3, 12, 3, |inner| {
        (text(), prop::collection::vec(inner, 0..3), any::<u64>()).prop_map(
            |(title, items, spent)| {
                let mut it = Item::new(title);
                it.items = items.into();
                it.spent_seconds = spent % 3 * 60;
                it
            },
        )
    })
}

proptest! {
    // Many cases: the direct writer takes only some of them (one text it leaves
    // to the library is enough to leave it the whole meeting).
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_meetings_are_written_as_the_library_writes_them(
        agenda in prop::collection::vec(item(), 1..4)
    ) {
        same(&meeting(agenda));
    }
}

/// The emitter's analysis as first written here, a character at a time: the
/// byte-wise [`style`] must agree with it on any text.
fn style_char_by_char(text: &str) -> Option<Style> {
    // Printable characters only, no line breaks, no blank at either end.
    if text.is_empty()
        || text.starts_with(' ')
        || text.ends_with(' ')
        || !text.chars().all(printable)
    {
        return None;
    }
    // Indicators that keep a scalar from being plain in block context.
    let mut indicator = text.starts_with("---") || text.starts_with("...");
    let mut prev_blank = true;
    let mut chars = text.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next_blank = chars.peek().is_none_or(|n| *n == ' ');
        if first {
            indicator |= matches!(
                c,
                '#' | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            );
            indicator |= matches!(c, '?' | ':' | '-') && next_blank;
        } else {
            indicator |= c == ':' && next_blank;
            indicator |= c == '#' && prev_blank;
        }
        prev_blank = c == ' ';
        first = false;
    }
    if indicator {
        return Some(Style::Quoted);
    }
    // What the serializer would read as another type is quoted by it: null,
    // booleans and numbers (all of which start so, or are one word).
    if !text.contains(' ')
        && (text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '~'))
            || matches!(
                text,
                "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
            ))
    {
        return None;
    }
    Some(Style::Plain)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn the_style_of_text_looked_at_by_bytes_is_as_by_characters(
        text in prop::collection::vec(
            prop::sample::select(vec![
                "a", " ", ":", "#", "-", "?", ".", "'", "\"", "0", "~", "[", "é", "–", "😀",
                "\u{a0}", "\u{2028}", "\u{feff}", "\t", "\n", "null", "true", "---", "...",
            ]),
            0..7,
        ).prop_map(|v| v.concat())
    ) {
        prop_assert_eq!(style(&text), style_char_by_char(&text), "{:?}", text);
    }
}
