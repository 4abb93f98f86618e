//! Jekyll renders the minutes through Liquid, so text the secretary typed must not
//! contain live Liquid tags: `{{ ... }}` or `{% ... %}` would be executed.

/// Returns `text` with any Liquid markup made inert by wrapping it in
/// `{% raw %}...{% endraw %}`; text without `{{` or `{%` is returned unchanged.
pub fn neutralise_liquid(text: &str) -> String {
    if !text.contains("{{") && !text.contains("{%") {
        return text.to_string();
    }
    // An `{% endraw %}` inside the text would end the raw block early; split it so
    // that Liquid sees it as plain text.
    let inner = text.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}");
    format!("{{% raw %}}{inner}{{% endraw %}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            neutralise_liquid("@sjn – CoC {to be} added"),
            "@sjn – CoC {to be} added"
        );
    }

    #[test]
    fn liquid_is_wrapped_in_raw() {
        assert_eq!(
            neutralise_liquid("see {{ page.title }}"),
            "{% raw %}see {{ page.title }}{% endraw %}"
        );
    }
}
