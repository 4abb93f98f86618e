//! The front matter's fields as the secretary set them (`layout: single`):
//! each changed field is written in its place, new ones before the closing
//! line; everything else in the front matter keeps its bytes.

use super::Writer;
use crate::markdown::lines::line_end;

impl Writer<'_> {
    /// Front matter fields set by the secretary (`layout: single`): a field the
    /// document has gets the new value in its place, a new one goes last.
    pub(super) fn front_fields(
        &mut self,
        old: &crate::model::Meeting,
        new: &crate::model::Meeting,
    ) {
        let mut added = String::new();
        for line in &new.front_matter {
            if old.front_matter.contains(line) {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim(), value.trim());
            match self.doc.front.iter().find(|(k, _)| k == key) {
                Some((_, r)) => self.edit(r.clone(), value.to_string()),
                None => {
                    added.push_str(&format!("{key}: {value}\n"));
                }
            }
        }
        if added.is_empty() {
            return;
        }
        // Before the closing `---` of the front matter, or a new front matter.
        let src = self.src();
        let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
        let close = src[bom..]
            .strip_prefix("---")
            .filter(|rest| rest.starts_with(['\n', '\r']))
            .and_then(|_| {
                let mut at = line_end(src, bom);
                while at < src.len() {
                    let end = line_end(src, at);
                    if matches!(src[at..end].trim_end(), "---" | "...") {
                        return Some(at);
                    }
                    at = end;
                }
                None
            });
        match close {
            Some(at) => self.edit(at..at, added),
            None => self.edit(bom..bom, format!("---\n{added}---\n\n")),
        }
    }
}
