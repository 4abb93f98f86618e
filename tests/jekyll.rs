//! The minutes build on a real Jekyll, as on the group's site: a minimal site with
//! a `single` layout, the seed minutes (whose own Liquid computes the meeting
//! date), a minutes page whose notes contain Liquid typed by the secretary
//! (neutralised by `liquid::neutralise_liquid`), and the seed meeting rendered by
//! scribe with those notes added. The test passes when the build succeeds, the
//! template's Liquid was evaluated (the dates show in the HTML) and the typed
//! text appears literally.
//!
//! Needs `jekyll` on PATH; `.ci/run` installs Debian's package when it is missing.
//! Without it the test fails, saying so.

mod common;

use std::path::Path;
use std::process::Command;

/// What the secretary typed in three notes, each a way Liquid could run or break.
const TYPED: [&str; 3] = [
    "try {{ evil }} and {% include x %}",
    "x {% endraw %} y",
    "{{ a }} {",
];

/// User text as scribe writes it into the minutes.
fn neutralised(text: &str) -> String {
    scribe::liquid::neutralise_liquid(text)
}

const LAYOUT: &str = "<!DOCTYPE html>\n<html>\n<head><title>{{ page.title }}</title></head>\n\
<body>\n<h1>{{ page.title }}</h1>\n{{ content }}\n</body>\n</html>\n";

/// A minutes page in the seed's style whose notes hold `notes` as written.
fn minutes_page(notes: &[String]) -> String {
    let mut page = String::from(
        "---\nlayout: single\ntoc: true\nmeeting_time: June 5th, 2024 16:00 UTC\n\
         title: Minutes 2024-06-05\n---\n## Meeting details\n\n\
         *   **Time**: on {{ page.meeting_time | date_to_string: \"ordinal\", \"US\" }}, at \
         {{ page.meeting_time | date: \"%H:%M %Z\" }}.\n\n### Operating changes\n\n\
         *   @sjn – Liquid in notes\n",
    );
    for note in notes {
        page.push_str(&format!("    *   {note}\n"));
    }
    page
}

/// Builds the site in `source` into `source/_site`; Err with Jekyll's output.
fn jekyll_build(source: &Path) -> Result<(), String> {
    common::ensure_jekyll();
    let output = Command::new("jekyll")
        .arg("build")
        .arg("--source")
        .arg(source)
        .arg("--destination")
        .arg(source.join("_site"))
        .arg("--disable-disk-cache")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `jekyll` ({e}): install it (Debian: apt-get install jekyll); \
                 .ci/run installs it when missing"
            )
        });
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn site(pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "title: Minutes\nmarkdown: kramdown\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("_layouts")).unwrap();
    std::fs::write(dir.path().join("_layouts/single.html"), LAYOUT).unwrap();
    for (name, text) in pages {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Undoes the HTML escaping kramdown applies to text (`&quot;`, `&amp;`, …).
fn html_text(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn seed_and_user_liquid_build_on_jekyll() {
    let seed = std::fs::read_to_string(common::test_file("seed/minutes-2024-05-15.md")).unwrap();
    let notes: Vec<String> = TYPED.iter().map(|t| neutralised(t)).collect();
    let page = minutes_page(&notes);
    // The seed meeting as scribe renders it, with the typed notes under its first
    // "Operating changes" item.
    let mut meeting = scribe::meeting_file::load_meeting(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cpansec-2024-05-15.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let operating = meeting
        .agenda
        .iter_mut()
        .find(|s| s.title == "Operating changes")
        .expect("the seed meeting has Operating changes");
    operating.items[0]
        .notes
        .extend(TYPED.iter().map(|t| scribe::model::Note::new(*t)));
    let rendered = scribe::minutes::to_markdown(&meeting, scribe::model::Style::Seed);
    let dir = site(&[
        ("minutes-2024-05-15.md", &seed),
        ("minutes-2024-06-05.md", &page),
        ("rendered.md", &rendered),
    ]);

    if let Err(output) = jekyll_build(dir.path()) {
        panic!("jekyll build failed:\n{output}");
    }

    // The seed's Liquid ran: its meeting time (front matter "May 15th, 2024 17:00
    // UTC") is printed by `date_to_string: "ordinal", "US"` and `date: "%H:%M %Z"`,
    // and the timeanddate.com links get the date parameters.
    let seed_html = html_text(
        &std::fs::read_to_string(dir.path().join("_site/minutes-2024-05-15.html")).unwrap(),
    );
    assert!(
        seed_html.contains("<title>Minutes 2024-05-15</title>"),
        "layout used"
    );
    assert!(
        seed_html.contains("on May 15th, 2024, at 17:00 UTC."),
        "{seed_html}"
    );
    assert!(seed_html.contains("year=2024&month=05&day=15&hour=17&min=00&sec=0"));
    assert!(
        !seed_html.contains("{{") && !seed_html.contains("{%"),
        "no Liquid left"
    );
    assert!(seed_html.contains("Previous meeting minutes were approved in PR#65"));

    let html = html_text(
        &std::fs::read_to_string(dir.path().join("_site/minutes-2024-06-05.html")).unwrap(),
    );
    // `date_to_string` abbreviates the month.
    assert!(html.contains("on Jun 5th, 2024, at 16:00 UTC."), "{html}");
    for typed in TYPED {
        assert!(
            html.contains(&format!("<li>{typed}</li>")),
            "{typed:?} does not appear literally in:\n{html}"
        );
    }

    let rendered_html =
        html_text(&std::fs::read_to_string(dir.path().join("_site/rendered.html")).unwrap());
    assert!(
        rendered_html.contains("on May 15th, 2024, at 17:00 UTC."),
        "{rendered_html}"
    );
    assert!(
        !rendered_html.contains("page.meeting_time"),
        "the template's own Liquid was run"
    );
    for typed in TYPED {
        assert!(
            rendered_html.contains(&format!("<li>{typed}</li>")),
            "{typed:?} does not appear literally in:\n{rendered_html}"
        );
    }
}

/// The control: each note written as typed either breaks the build (`{% include x %}`
/// names no include, `{% endraw %}` closes nothing) or loses its text (`{{ a }}`
/// prints nothing), so the test above depends on the neutralising.
#[test]
fn user_liquid_written_as_typed_breaks_the_build_or_is_lost() {
    for typed in TYPED {
        let dir = site(&[("minutes-2024-06-05.md", &minutes_page(&[typed.to_string()]))]);
        match jekyll_build(dir.path()) {
            Err(output) => assert!(output.contains("Liquid"), "{output}"),
            Ok(()) => {
                let html = html_text(
                    &std::fs::read_to_string(dir.path().join("_site/minutes-2024-06-05.html"))
                        .unwrap(),
                );
                assert!(!html.contains(typed), "{typed:?} survived unprotected");
            }
        }
    }
}
