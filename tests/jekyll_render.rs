//! scribe's own output built by a real Jekyll: user text full of Liquid, in
//! every field and both styles, comes out literally, while the seed template's
//! Liquid still runs. Needs `jekyll` on PATH (`.ci/run` installs it).

mod common;

use std::path::Path;
use std::process::Command;

use scribe::meeting_file::load_meeting;
use scribe::minutes::to_markdown;
use scribe::model::Style;

const LAYOUT: &str =
    "<html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n";

/// The user text of `tests/fixtures/liquid-everywhere.yaml` as it must read
/// on the page.
const TYPED: [&str; 14] = [
    "Minutes {{ site.time }} {% raw %}",
    "Room {{ x }} {% endraw %}",
    "@a{{b",
    "@x{%y",
    "Name {% include x %} (@r{{s}})",
    "Sec {% if true %}IF{% endif %}",
    "item {{{ x }}}",
    "@o{%",
    "note {%- endraw -%} {{ site.a }}",
    "{{% rrwa-r}}- {{a%n",
    "ends {",
    "topic {% comment %}",
    "task {{ site.pages.size }}",
    "Next {{ site.x }}",
];

/// The text of an HTML page: tags removed, the few entities Jekyll writes decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn build(pages: &[(&str, String)]) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("_layouts")).unwrap();
    std::fs::write(site.path().join("_layouts/single.html"), LAYOUT).unwrap();
    for (name, text) in pages {
        std::fs::write(site.path().join(name), text).unwrap();
    }
    common::ensure_jekyll();
    let output = Command::new("jekyll")
        .args(["build", "--quiet", "--source"])
        .arg(site.path())
        .arg("--destination")
        .arg(site.path().join("_site"))
        .output()
        .unwrap_or_else(|e| panic!("jekyll must be installed (`.ci/run` installs it): {e}"));
    assert!(
        output.status.success(),
        "jekyll build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    site
}

fn page_text(site: &tempfile::TempDir, name: &str) -> String {
    let html = std::fs::read_to_string(site.path().join("_site").join(name)).unwrap();
    html_text(&html)
}

#[test]
fn user_liquid_is_printed_literally_and_template_liquid_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tricky = load_meeting(&root.join("tests/fixtures/liquid-everywhere.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let seed = load_meeting(&root.join("examples/cpansec-2024-05-15.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let site = build(&[
        ("seed-style.md", to_markdown(&tricky, Style::Seed)),
        ("checkbox-style.md", to_markdown(&tricky, Style::Checkbox)),
        ("cpansec.md", to_markdown(&seed, Style::Seed)),
    ]);
    for page in ["seed-style.html", "checkbox-style.html"] {
        let text = page_text(&site, page);
        for typed in TYPED {
            assert!(
                text.contains(typed),
                "{page}: {typed:?} missing from\n{text}"
            );
        }
    }
    // The link target keeps its braces too.
    let html = std::fs::read_to_string(site.path().join("_site/seed-style.html")).unwrap();
    assert!(
        html.contains("href=\"https://example.org/{{ page.url }}\""),
        "{html}"
    );
    // The seed template's own Liquid ran: the meeting date is filled in.
    let cpansec = page_text(&site, "cpansec.html");
    assert!(
        cpansec.contains("on May 15th, 2024, at 17:00 UTC"),
        "{cpansec}"
    );
    assert!(!cpansec.contains("page.meeting_time"), "{cpansec}");
}
