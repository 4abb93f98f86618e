//! User text goes through Jekyll's Liquid unchanged once neutralised.
//!
//! The check is a model of Liquid 4, the version Jekyll uses
//! (`tests/common/liquid_model.rs`): the text printed must be the input, with
//! nothing of it run as a tag or variable.

mod common;

use common::liquid_model::render_liquid;
use proptest::prelude::*;
use scribe::liquid::{neutralise_liquid, restore_liquid};

/// The text as the template places it: between a list marker and a newline.
fn check(text: &str) {
    let neutral = neutralise_liquid(text);
    let page = format!("*   @sjn – {neutral}\n");
    assert_eq!(
        render_liquid(&page),
        Ok(format!("*   @sjn – {text}\n")),
        "input {text:?} written as {neutral:?}"
    );
    assert_eq!(restore_liquid(&neutral), text);
}

#[test]
fn the_model_sees_live_liquid() {
    assert!(render_liquid("{{ page.title }}").is_err());
    assert!(render_liquid("{% include x.html %}").is_err());
    assert!(render_liquid("{% raw %}{{ x }}").is_err());
    assert_eq!(
        render_liquid("{% raw %}{{ x }}{% endraw %}"),
        Ok("{{ x }}".into())
    );
    // The trap: a user's `{% endraw %}` inside a naive raw block.
    assert!(render_liquid("{% raw %}a {% endraw %} {{ b }}{% endraw %}").is_err());
}

#[test]
fn tricky_texts() {
    for text in [
        "{{ page.title }}",
        "use `{% include foo.html %}` in a layout",
        "{% endraw %}",
        "{%- endraw -%} and {%endraw%}",
        "{% raw %}nested{% endraw %}",
        "ends with {",
        "{{",
        "{%",
        "{{{ x }}}",
        "{{ a } b }}",
        "{% a {% endraw %}",
        "{{ \"{\" }}",
        "}} %} {",
        "a {{ b",
        // Found by proptest: a safe `{{` whose second brace opens an unsafe `{%`.
        "{{% rrwa-r}}- {{a%n ",
    ] {
        check(text);
    }
}

proptest! {
    #[test]
    fn no_user_text_runs_as_liquid(text in "[{}%\\- rawendxy\"]{0,24}") {
        check(&text);
    }

    #[test]
    fn any_text_survives(text in any::<String>()) {
        check(&text);
    }
}
