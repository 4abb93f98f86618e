//! Keeping Jekyll's Liquid from running text the secretary typed.
//!
//! The minutes are published with Jekyll, which runs Liquid over the whole page
//! before Markdown: `{{ … }}` and `{% … %}` in a note would be executed, or
//! break the build. Every piece of user text goes through
//! [`neutralise_liquid`], which wraps it in `{% raw %}…{% endraw %}`. Inside a
//! raw block Liquid still tokenises, so a `{` that could open a tag running past
//! the block's end, or an `{% endraw %}` typed by the user, is written outside
//! the block as the Liquid string output `{{ "{" }}`. [`restore_liquid`] undoes
//! this for readers of our own output.

/// The Liquid output that prints one literal `{`.
const LITERAL_BRACE: &str = "{{ \"{\" }}";
const RAW_OPEN: &str = "{% raw %}";
const RAW_CLOSE: &str = "{% endraw %}";

/// `text` written so that Jekyll prints it literally. Text without `{{` or `{%`
/// is returned unchanged.
pub fn neutralise_liquid(text: &str) -> String {
    neutralised(text).into_owned()
}

/// [`neutralise_liquid`] without a copy of text that needs no change (almost all
/// text): the renderer writes tens of thousands of notes per render.
pub fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    // Most text has no brace at all: one fast scan for it says so, before the
    // slower searches for the two openings.
    if !text.as_bytes().contains(&b'{') || (!text.contains("{{") && !text.contains("{%")) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut segment = String::new();
    let flush = |segment: &mut String, out: &mut String| {
        if segment.is_empty() {
            return;
        }
        if segment.contains("{{") || segment.contains("{%") {
            out.push_str(RAW_OPEN);
            out.push_str(segment);
            out.push_str(RAW_CLOSE);
        } else {
            out.push_str(segment);
        }
        segment.clear();
    };
    // Scans the way Liquid's tokenizer does, left to right: a token that is
    // safe inside a raw block is kept whole (its inner braces start nothing);
    // an unsafe opening brace is written outside the block.
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            match safe_token_len(rest) {
                Some(len) => {
                    segment.push_str(&rest[..len]);
                    rest = &rest[len..];
                }
                None => {
                    flush(&mut segment, &mut out);
                    out.push_str(LITERAL_BRACE);
                    rest = &rest[1..];
                }
            }
        } else {
            segment.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut segment, &mut out);
    std::borrow::Cow::Owned(out)
}

/// For `rest` starting with `{`: how many bytes can stay inside a raw block
/// from here — 1 for a brace that opens nothing, the whole token for a Liquid
/// token that closes cleanly — or `None` when the brace must go outside: it
/// ends the text (it would join the block's closing tag), or opens a token
/// that does not close cleanly, or opens a `raw` or `endraw` tag.
fn safe_token_len(rest: &str) -> Option<usize> {
    let after = &rest[1..];
    match after.chars().next() {
        None => None,
        Some('{') => {
            // Liquid ends a variable at its first `}` (older) or `}}` (newer):
            // safe only when both agree and no other `{` is in between.
            let body = &after[1..];
            let end = body.find('}')?;
            (body[end..].starts_with("}}") && !body[..end].contains('{')).then_some(2 + end + 2)
        }
        Some('%') => {
            let body = &after[1..];
            let end = body.find("%}")?;
            let inner = &body[..end];
            let name = inner.trim_start_matches('-').trim_start();
            let unsafe_tag =
                inner.contains('{') || name.starts_with("raw") || name.starts_with("endraw");
            (!unsafe_tag).then_some(2 + end + 2)
        }
        Some(_) => Some(1),
    }
}

/// The text that [`neutralise_liquid`] was given, from its output.
pub fn restore_liquid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(RAW_OPEN)
            && let Some(end) = after.find(RAW_CLOSE)
        {
            out.push_str(&after[..end]);
            rest = &after[end + RAW_CLOSE.len()..];
            continue;
        }
        if let Some(after) = rest.strip_prefix(LITERAL_BRACE) {
            out.push('{');
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            neutralise_liquid("@sjn – CoC to be added"),
            "@sjn – CoC to be added"
        );
        assert_eq!(neutralise_liquid("a { b } c"), "a { b } c");
    }

    #[test]
    fn liquid_in_text_is_wrapped_in_raw() {
        assert_eq!(
            neutralise_liquid("use `{{ page.title }}` here"),
            "{% raw %}use `{{ page.title }}` here{% endraw %}"
        );
    }

    #[test]
    fn typed_endraw_cannot_close_the_block() {
        let out = neutralise_liquid("x {% endraw %} y");
        assert_eq!(out, "x {{ \"{\" }}% endraw %} y");
        assert_eq!(restore_liquid(&out), "x {% endraw %} y");
    }

    #[test]
    fn trailing_brace_is_kept_out_of_the_closing_tag() {
        let out = neutralise_liquid("{{ a }} {");
        assert_eq!(out, "{% raw %}{{ a }} {% endraw %}{{ \"{\" }}");
    }
}
