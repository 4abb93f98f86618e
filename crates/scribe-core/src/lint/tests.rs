//! The checks on forms the group's own files do not have: other index layouts,
//! links that look like checkboxes, the layout's own Liquid, dates across a new
//! year. (The group's files, with each mistake planted, are in `tests/lint.rs`.)

use super::*;

fn minutes(body: &str) -> String {
    format!("---\nmeeting_time: 2025-12-10 17:00 UTC\ntitle: Minutes 2025-12-10\n---\n{body}")
}

fn messages(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| format!("{f}")).collect()
}

#[test]
fn a_next_meeting_in_january_written_in_december_is_next_year() {
    let text = minutes("## Next meeting\n- Next meeting is Wednesday January 7th @ 17:00 UTC\n");
    let findings = lint("m-2025-12-10.md", &text, &Folder::default());
    assert_eq!(messages(&findings), Vec::<String>::new());
    // 2026-01-07 is a Wednesday; a Thursday is reported.
    let text = minutes("- Next meeting is Thursday January 7th\n");
    let findings = lint("m-2025-12-10.md", &text, &Folder::default());
    assert_eq!(
        messages(&findings),
        [
            "5: Thursday January 7th is a Wednesday; fix: write Wednesday, or the date of the Thursday meant (2026-01-08?)"
        ]
    );
}

#[test]
fn links_and_references_are_not_checkboxes() {
    let text = minutes(
        "- [x](https://example.org) a link\n- [x]: https://example.org\n- [ ] fine\n- [X] fine\n",
    );
    assert_eq!(lint("m-2025-12-10.md", &text, &Folder::default()), []);
}

#[test]
fn the_layouts_own_liquid_is_left_alone() {
    let text = minutes(
        "* Time: {{ page.meeting_time | date: \"%H:%M\" }}\n{% include toc.html %}\n{% raw %}\n{{ typed }}\n{% endraw %}\n",
    );
    assert_eq!(lint("m-2025-12-10.md", &text, &Folder::default()), []);
    let text = minutes("- costs {{ price }}\n");
    let findings = lint("m-2025-12-10.md", &text, &Folder::default());
    assert_eq!(findings.len(), 1);
    assert_eq!(
        apply_fixes(&text, &findings, Target::Minutes),
        minutes("- {% raw %}costs {{ price }}{% endraw %}\n")
    );
}

#[test]
fn a_new_year_gets_its_section_in_the_index_order() {
    let index = "# Minutes\n\n## 2025\n\n- [Dec 10, 2025](m-2025-12-10.md)\n- [Nov 26, 2025](m-2025-11-26.md)\n\n## 2024\n\n- [Dec 11, 2024](m-2024-12-11.md)\n";
    let folder = Folder {
        index: Some(IndexPage {
            name: "index.md",
            text: index,
        }),
        ..Folder::default()
    };
    let text = "---\nmeeting_time: 2026-01-07 17:00 UTC\n---\nNotes\n";
    let findings = lint("m-2026-01-07.md", text, &folder);
    assert_eq!(
        messages(&findings),
        [
            "3: index.md does not list m-2026-01-07.md; fix (--fix): add `- [Jan 7, 2026](m-2026-01-07.md)`"
        ]
    );
    assert_eq!(
        apply_fixes(index, &findings, Target::Index),
        "# Minutes\n\n## 2026\n- [Jan 7, 2026](m-2026-01-07.md)\n\n## 2025\n\n- [Dec 10, 2025](m-2025-12-10.md)\n- [Nov 26, 2025](m-2025-11-26.md)\n\n## 2024\n\n- [Dec 11, 2024](m-2024-12-11.md)\n"
    );
}

#[test]
fn an_index_oldest_first_gets_the_entry_at_its_end() {
    let index = "Minutes:\n\n* [2025-11-26](notes/m-2025-11-26.md)\n* [2025-12-10](notes/m-2025-12-10.md)\n";
    let folder = Folder {
        index: Some(IndexPage {
            name: "README.md",
            text: index,
        }),
        ..Folder::default()
    };
    let findings = lint("m-2025-12-24.md", "Notes\n", &folder);
    assert_eq!(
        apply_fixes(index, &findings, Target::Index),
        format!("{index}* [2025-12-24](notes/m-2025-12-24.md)\n")
    );
}

#[test]
fn a_misspelling_copied_along_is_still_a_misspelling() {
    let others: Vec<String> = (0..6)
        .map(|i| format!("- @thibaultduponchelle item {i}\n"))
        .chain(["- @thibaultduponcelle\n".to_string()])
        .collect();
    let folder = Folder {
        other_minutes: others.iter().map(String::as_str).collect(),
        ..Folder::default()
    };
    let findings = lint(
        "m.md",
        "- @thibaultduponcelle and @Thibaultduponchelle\n",
        &folder,
    );
    assert_eq!(
        messages(&findings),
        [
            "1: @thibaultduponcelle is rare in the group's minutes, like a misspelling; fix: did you mean @thibaultduponchelle? (if @thibaultduponcelle is new, add it to the roster)"
        ]
    );
}

#[test]
fn fixes_keep_crlf_line_endings() {
    let text = "- [x]done\r\n- [] open\r\n";
    let findings = lint("m.md", text, &Folder::default());
    assert_eq!(
        apply_fixes(text, &findings, Target::Minutes),
        "- [x] done\r\n- [ ] open\r\n"
    );
}

#[test]
fn the_minutes_fixed_are_what_fix_writes_whatever_the_folder_and_fixing_twice_changes_nothing() {
    let text = minutes(
        "## Agenda\n-[ ] @tux - template\n- [] Funding\n- Typed {{ braces }} here\n- Fine\n",
    )
    .replace("2025-12-10 17:00", "2025-12-03 17:00");
    let folder = Folder {
        other_minutes: vec!["- [ ] @tux - template\n"],
        ..Folder::default()
    };
    let findings = lint("m-2025-12-10.md", &text, &folder);
    let by_fix = apply_fixes(&text, &findings, Target::Minutes);
    let fixed = fix_minutes("m-2025-12-10.md", &text);
    assert_eq!(fixed, by_fix);
    assert!(
        fixed.contains("meeting_time: 2025-12-10 17:00 UTC"),
        "{fixed}"
    );
    assert!(
        fixed.contains("\n- [ ] @tux - template\n- [ ] Funding\n"),
        "{fixed}"
    );
    assert!(fixed.contains("{% raw %}"), "{fixed}");
    assert_eq!(fix_minutes("m-2025-12-10.md", &fixed), fixed);
}
