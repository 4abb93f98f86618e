//! A model of Jekyll's Liquid 4 for tests: its tokenizer (`{%…%}` tags,
//! `{{…}` / `{{…}}` variables, lone `{{`/`{%`) and its `raw` tag (closed by
//! the first token whose last `{%` names `endraw`). A rendering succeeds only
//! if every tag is `raw`/`endraw` and every variable is the literal brace that
//! `neutralise_liquid` writes (or one the caller says is the template's own).

#![allow(dead_code)]

/// Splits a template the way Liquid 4's tokenizer does.
fn tokenize(src: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = src;
    loop {
        let start = match (rest.find("{%"), rest.find("{{")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        if start > 0 {
            tokens.push(&rest[..start]);
        }
        let from = &rest[start..];
        let body = &from[2..];
        let len = if from.starts_with("{%") {
            body.find("%}").map_or(2, |end| end + 4)
        } else {
            match body.find('}') {
                Some(end) => {
                    let close = 2 + end + 1;
                    if from[close..].starts_with('}') {
                        close + 1
                    } else {
                        close
                    }
                }
                None => 2,
            }
        };
        tokens.push(&from[..len]);
        rest = &from[len..];
    }
    if !rest.is_empty() {
        tokens.push(rest);
    }
    tokens
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tag name after the `{%` at the start of `s`, as Liquid reads it.
fn tag_name(s: &str) -> Option<&str> {
    let s = s.strip_prefix("{%")?;
    let s = s.strip_prefix('-').unwrap_or(s).trim_start();
    let end = s.find(|c: char| !is_word(c)).unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

/// Inside `raw`: does `token` close the block, and with what text before it?
/// (`\A(.*)\{%-?\s*(\w+)\s*(.*)?-?%\}\z`, with a greedy first group.)
fn raw_close(token: &str) -> Option<&str> {
    if !(token.starts_with("{%") && token.ends_with("%}")) {
        return None;
    }
    let mut positions: Vec<usize> = token.match_indices("{%").map(|(i, _)| i).collect();
    positions.reverse();
    for q in positions {
        if let Some(name) = tag_name(&token[q..]) {
            return (name == "endraw").then(|| &token[..q]);
        }
    }
    None
}

/// Renders `src` with the model; `Err` when anything in it would run.
pub fn render_liquid(src: &str) -> Result<String, String> {
    render_liquid_allowing(src, |_| false)
}

/// Like [`render_liquid`], but variables for which `template_variable` holds
/// are the template's own: they print as themselves.
pub fn render_liquid_allowing(
    src: &str,
    template_variable: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let tokens = tokenize(src);
    let mut out = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        i += 1;
        if t.starts_with("{%") {
            if t.len() > 2 && t.ends_with("%}") && tag_name(t) == Some("raw") {
                let mut closed = false;
                while i < tokens.len() {
                    let inner = tokens[i];
                    i += 1;
                    if let Some(before) = raw_close(inner) {
                        out.push_str(before);
                        closed = true;
                        break;
                    }
                    out.push_str(inner);
                }
                if !closed {
                    return Err("raw never closed".into());
                }
            } else {
                return Err(format!("live tag {t:?}"));
            }
        } else if t.starts_with("{{") {
            if t == "{{ \"{\" }}" {
                out.push('{');
            } else if template_variable(t) {
                out.push_str(t);
            } else {
                return Err(format!("live variable {t:?}"));
            }
        } else {
            out.push_str(t);
        }
    }
    Ok(out)
}
