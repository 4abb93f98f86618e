//! Reading YAML meeting files: the examples load, round-trip through
//! `to_yaml`, and every kind of bad file under `tests/bad/` is refused with its
//! own message naming line, column and what was expected — without panicking.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use scribe::error::InputError;
use scribe::meeting_file::{MAX_FILE_BYTES, load_meeting, parse_meeting, to_yaml};
use scribe::model::{Attendance, Meeting};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn load_example(name: &str) -> Meeting {
    load_meeting(&manifest(&format!("examples/{name}"))).unwrap_or_else(|e| panic!("{e}"))
}

/// The error for `tests/bad/<name>`, checked to be displayed as
/// `path:line:column: message`.
fn bad(name: &str) -> InputError {
    let path = manifest(&format!("tests/bad/{name}"));
    let e = load_meeting(&path).expect_err("a bad file must be refused");
    assert_eq!(e.path, path);
    assert_eq!(
        e.to_string(),
        format!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message)
    );
    e
}

fn assert_error(e: &InputError, line: usize, column: usize, message: &str) {
    assert_eq!(
        (e.line, e.column, e.message.as_str()),
        (line, column, message)
    );
}

// ----------------------------------------------------------------------------
// Good files

#[test]
fn demo_loads_with_allowances_that_fill_the_timebox() {
    let m = load_example("demo.yaml");
    assert_eq!(m.roster.len(), 6);
    let planned: u32 = m.agenda.iter().filter_map(|s| s.minutes).sum();
    assert_eq!(planned, m.timebox);
    assert_eq!(
        m.meeting_time,
        Utc.with_ymd_and_hms(2025, 6, 4, 16, 0, 0).unwrap()
    );
}

#[test]
fn seed_meeting_reads_handles_with_and_without_at() {
    let m = load_example("cpansec-2024-05-15.yaml");
    assert_eq!(m.chairs, ["timlegge", "tux"]);
    assert_eq!(m.secretary, ["sjn"]);
    assert_eq!(m.next.chairs, ["oalders"]);
    assert_eq!(
        m.person("@book").map(|p| p.attendance),
        Some(Attendance::ArrivedLate { at: None })
    );
}

#[test]
fn examples_round_trip_through_to_yaml() {
    for name in ["demo.yaml", "cpansec-2024-05-15.yaml"] {
        let m = load_example(name);
        let again = parse_meeting(&to_yaml(&m), Path::new("again.yaml"))
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", to_yaml(&m)));
        assert_eq!(again, m, "{name}");
    }
}

#[test]
fn arrival_time_of_day_lands_on_the_meeting_date() {
    let src = "title: T\nmeeting_time: 2024-05-15 17:00 UTC\nroster:\n  - handle: book\n    attendance: arrived-late\n    at: 17:12\n  - handle: tux\n    attendance: left-early\n    at: 2024-05-15T19:40:00+02:00\nagenda: [Welcome]\n";
    let m = parse_meeting(src, Path::new("t.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        m.roster[0].attendance,
        Attendance::ArrivedLate {
            at: Some(Utc.with_ymd_and_hms(2024, 5, 15, 17, 12, 0).unwrap())
        }
    );
    assert_eq!(
        m.roster[1].attendance,
        Attendance::LeftEarly {
            at: Some(Utc.with_ymd_and_hms(2024, 5, 15, 17, 40, 0).unwrap())
        }
    );
}

#[test]
fn meeting_time_accepts_offsets_and_rfc3339() {
    for text in [
        "2024-05-15T17:00:00Z",
        "2024-05-15 19:00 +02:00",
        "2024-05-15 17:00:00 UTC",
    ] {
        let src = format!("title: T\nmeeting_time: {text}\nagenda: [Welcome]\n");
        let m = parse_meeting(&src, Path::new("t.yaml")).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            m.meeting_time,
            Utc.with_ymd_and_hms(2024, 5, 15, 17, 0, 0).unwrap(),
            "{text}"
        );
    }
}

// ----------------------------------------------------------------------------
// Bad files, one test each

#[test]
fn unknown_key_suggests_the_right_one() {
    assert_error(
        &bad("unknown_key.yaml"),
        3,
        1,
        "unknown field `timebx`, expected one of `title`, `meeting_time`, `timebox`, `pre_meeting`, `after`, `location`, `chairs`, `secretary`, `roster`, `agenda`, `next`, `actual`, `output`, `style`, `layout`, `front_matter`, `date_assumed` — did you mean `timebox`?",
    );
}

#[test]
fn unknown_attendance_suggests_the_right_word() {
    assert_error(
        &bad("unknown_attendance.yaml"),
        5,
        17,
        "roster[0].attendance: unknown variant `presnt`, expected one of `expected`, `present`, `regrets`, `absent`, `arrived-late`, `left-early` — did you mean `present`?",
    );
}

#[test]
fn unknown_style_suggests_the_right_one() {
    assert_error(
        &bad("unknown_style.yaml"),
        3,
        8,
        "style: unknown variant `chekbox`, expected `seed` or `checkbox` — did you mean `checkbox`?",
    );
}

#[test]
fn wrong_type_names_what_was_expected() {
    assert_error(
        &bad("wrong_type.yaml"),
        3,
        10,
        "timebox: invalid type: string \"sixty\", expected the timebox as a whole number of minutes, at least 1",
    );
}

#[test]
fn timebox_of_zero_is_refused() {
    assert_error(
        &bad("timebox_zero.yaml"),
        3,
        10,
        "timebox: the timebox must be at least 1 minute, found 0",
    );
}

#[test]
fn negative_timebox_is_refused() {
    assert_error(
        &bad("timebox_negative.yaml"),
        3,
        10,
        "timebox: the timebox must be at least 1 minute, found -15",
    );
}

#[test]
fn item_allowance_of_zero_is_refused() {
    assert_error(
        &bad("item_minutes_zero.yaml"),
        5,
        14,
        "agenda[0].minutes: an item's time allowance (`minutes`) must be at least 1 minute, found 0",
    );
}

#[test]
fn meeting_time_without_zone_is_refused() {
    assert_error(
        &bad("time_without_zone.yaml"),
        2,
        15,
        "meeting_time: the time `2024-05-15 17:00` has no time zone; expected `2024-05-15 17:00 UTC` or RFC 3339 like `2024-05-15T19:00:00+02:00` (add ` UTC` or an offset)",
    );
}

#[test]
fn duplicated_handle_points_at_the_second_entry() {
    assert_error(
        &bad("duplicate_handle.yaml"),
        7,
        5,
        "roster[2]: @SJN is on the roster twice (entry 2 is @sjn); expected each handle once",
    );
}

#[test]
fn empty_agenda_is_refused() {
    assert_error(
        &bad("empty_agenda.yaml"),
        3,
        9,
        "agenda: the agenda has no items; expected at least one section, e.g. `- title: Welcome`",
    );
}

#[test]
fn missing_agenda_is_refused() {
    assert_error(
        &bad("missing_agenda.yaml"),
        1,
        1,
        "missing field `agenda`; expected an `agenda:` with a list of sections, e.g. `- title: Welcome`",
    );
}

#[test]
fn time_with_present_is_refused() {
    assert_error(
        &bad("time_for_present.yaml"),
        4,
        5,
        "roster[0]: `at` is only for `attendance: arrived-late` or `left-early` (@tux)",
    );
}

#[test]
fn unreadable_arrival_time_is_refused() {
    assert_error(
        &bad("bad_late_time.yaml"),
        6,
        9,
        "roster[0].at: `quarter past` is not a time; expected a time of day like `17:12` (UTC) or `2024-05-15 17:00 UTC` or RFC 3339 like `2024-05-15T19:00:00+02:00`",
    );
}

#[test]
fn handle_with_a_space_is_refused() {
    assert_error(
        &bad("bad_handle.yaml"),
        3,
        9,
        "chairs: `@tim legge` is not a handle; expected one name like `@sjn` or `sjn`",
    );
}

#[test]
fn yaml_syntax_error_gives_its_position() {
    assert_error(
        &bad("bad_indentation.yaml"),
        5,
        4,
        "did not find expected '-' indicator, while parsing a block collection (YAML syntax: check the indentation and quoting here)",
    );
}

#[test]
fn a_list_instead_of_a_meeting_is_refused() {
    assert_error(
        &bad("not_a_mapping.yaml"),
        1,
        1,
        "invalid type: sequence, expected a meeting: a mapping with `title`, `meeting_time` and `agenda`",
    );
}

#[test]
fn binary_file_is_refused() {
    assert_error(
        &bad("binary.yaml"),
        1,
        15,
        "the file is binary (it has a NUL byte); expected a UTF-8 text file",
    );
}

#[test]
fn a_nul_written_as_an_escape_is_refused_at_its_backslash() {
    let nul = "a NUL character (`\\0`) in the text; expected text without control characters";
    // Backslashes that are not a NUL come first: the one reported is the NUL's.
    for escape in ["\\0", "\\x00", "\\u0000", "\\U00000000"] {
        let src = format!(
            "title: \"C:\\\\dir \\x41\"\nmeeting_time: 2024-05-15 17:00 UTC\nlocation: \"ab{escape}c\"\nagenda: [Welcome]\n"
        );
        let e = parse_meeting(&src, Path::new("t.yaml")).expect_err(&src);
        assert_error(&e, 3, 14, nul);
    }
    // The same characters that are not an escape (single quotes, or an escaped
    // backslash before a 0) are text like any other.
    let src = "title: 'a \\0 b'\nmeeting_time: 2024-05-15 17:00 UTC\nlocation: \"C:\\\\0\"\nagenda: [Welcome]\n";
    let m = parse_meeting(src, Path::new("t.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.title, "a \\0 b");
    assert_eq!(m.location.as_deref(), Some("C:\\0"));
}

#[test]
fn non_utf8_file_is_refused_at_the_bad_byte() {
    assert_error(
        &bad("not_utf8.yaml"),
        2,
        14,
        "the file is not valid UTF-8 (byte 0xE9); expected a UTF-8 text file",
    );
}

#[test]
fn empty_file_is_refused() {
    assert_error(
        &bad("empty.yaml"),
        1,
        1,
        "the file is empty; expected a meeting with `title`, `meeting_time` and `agenda`",
    );
}

#[test]
fn file_of_only_comments_is_refused_as_empty() {
    assert_error(
        &bad("comments_only.yaml"),
        1,
        1,
        "the file is empty; expected a meeting with `title`, `meeting_time` and `agenda`",
    );
}

#[test]
fn huge_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    // A sparse 50 MB file: refused by its size before a byte of it is read.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    drop(file);
    assert!(std::fs::metadata(&path).unwrap().len() > MAX_FILE_BYTES);
    let e = load_meeting(&path).expect_err("a 50 MB file must be refused");
    assert_error(
        &e,
        1,
        1,
        "the file is 52428800 bytes, over the limit of 10485760 bytes (10 MB); expected a meeting file of a few kilobytes",
    );
    // One byte over: the sizes said must differ ("10 MB, over the limit of 10 MB" did not).
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    let e = load_meeting(&path).expect_err("one byte over is over");
    assert!(
        e.message
            .starts_with("the file is 10485761 bytes, over the limit of 10485760 bytes"),
        "{}",
        e.message
    );
}

#[test]
fn missing_file_is_reported_with_its_path() {
    let path = manifest("tests/bad/no-such-file.yaml");
    let e = load_meeting(&path).expect_err("a missing file must be refused");
    assert_eq!(e.path, path);
    assert!(
        e.message.starts_with("cannot open the file: "),
        "{}",
        e.message
    );
}

#[test]
fn bom_is_skipped() {
    let src = "\u{FEFF}title: T\nmeeting_time: 2024-05-15 17:00 UTC\nagenda: [Welcome]\n";
    assert!(parse_meeting(src, Path::new("bom.yaml")).is_ok());
}

// ----------------------------------------------------------------------------
// Any meeting survives to_yaml and back

mod round_trip {
    use super::*;
    use proptest::prelude::*;
    use scribe::model::{Item, Note, Person};

    /// Text with the characters that YAML treats specially.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z :#@&*!|>'\"%{}\\[\\],?-]{0,12}",
            Just("yes".to_string()),
            Just("null".to_string()),
            Just("~".to_string()),
            Just("0x1F".to_string()),
            Just("1.10".to_string()),
            Just("2024-05-15".to_string()),
            Just("- item".to_string()),
            any::<String>(),
        ]
    }

    fn handle() -> impl Strategy<Value = String> {
        "[A-Za-z][A-Za-z0-9_.-]{0,8}"
    }

    fn note() -> impl Strategy<Value = Note> {
        let leaf = (text(), proptest::option::of(any::<bool>())).prop_map(|(text, checked)| Note {
            text,
            checked,
            ..Note::default()
        });
        leaf.prop_recursive(2, 6, 3, |inner| {
            (text(), proptest::collection::vec(inner, 0..3)).prop_map(|(text, notes)| Note {
                text,
                notes: notes.into(),
                ..Note::default()
            })
        })
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            text(),
            proptest::option::of(text()),
            proptest::collection::vec(handle(), 0..2),
            proptest::option::of(any::<bool>()),
            proptest::option::of(1u32..120),
            any::<bool>(),
            proptest::collection::vec(note(), 0..3),
        )
            .prop_map(
                |(title, link, owners, checked, minutes, numbered, notes)| Item {
                    title,
                    link,
                    owners,
                    checked,
                    minutes,
                    numbered,
                    notes: notes.into(),
                    ..Item::default()
                },
            )
    }

    fn meeting() -> impl Strategy<Value = Meeting> {
        (
            text(),
            0i64..2_000_000_000,
            1u32..600,
            proptest::option::of(text()),
            proptest::collection::vec(handle(), 0..3),
            proptest::collection::vec((item(), proptest::collection::vec(item(), 0..3)), 1..4),
            proptest::collection::btree_set("[a-z]{1,6}", 0..4),
            0usize..6,
        )
            .prop_map(
                |(title, secs, timebox, location, chairs, sections, roster, late)| {
                    let time = Utc.timestamp_opt(secs - secs % 60, 0).unwrap();
                    let mut m = Meeting::new(title, time);
                    m.timebox = timebox;
                    m.location = location;
                    m.chairs = chairs;
                    m.agenda = sections
                        .into_iter()
                        .map(|(mut s, items)| {
                            s.items = items.into();
                            s
                        })
                        .collect();
                    m.roster = roster
                        .into_iter()
                        .enumerate()
                        .map(|(i, handle)| Person {
                            handle,
                            name: None,
                            attendance: match (i + late) % 6 {
                                0 => Attendance::Expected,
                                1 => Attendance::Present,
                                2 => Attendance::Regrets,
                                3 => Attendance::Absent,
                                4 => Attendance::ArrivedLate { at: Some(time) },
                                _ => Attendance::LeftEarly { at: None },
                            },
                        })
                        .collect();
                    m
                },
            )
    }

    proptest! {
        #[test]
        fn to_yaml_reads_back_the_same_meeting(m in meeting()) {
            let yaml = to_yaml(&m);
            let again = parse_meeting(&yaml, Path::new("round-trip.yaml"));
            prop_assert_eq!(again.as_ref(), Ok(&m), "{}", yaml);
        }
    }
}
