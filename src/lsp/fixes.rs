//! Quick fixes, computed with the diagnostics they fix: "did you mean" replacements
//! (from [`Diagnostic::suggestions`]) and "quote it" for a number where text belongs.

use lsp_types::Range;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, clip_text};

/// Suggestions offered as separate fixes for one diagnostic.
const MAX_SUGGESTIONS: usize = 3;

/// One edit that fixes one diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// Index of the diagnostic it fixes, in the published list.
    pub diagnostic: usize,
    pub title: String,
    pub range: Range,
    pub new_text: String,
    /// The fix an editor may apply without asking (the best suggestion).
    pub preferred: bool,
}

/// What a fix needs to know of the text a diagnostic points at.
pub struct Target<'a> {
    /// The characters at the diagnostic's location, exactly as written.
    pub written: &'a str,
    /// Where they stand, in the protocol's terms.
    pub range: Range,
    /// The value the reader made of the document at the diagnostic's pointer.
    pub value: Option<&'a Value>,
}

/// The fixes for the diagnostic at `index`.
pub fn fixes_for(index: usize, d: &Diagnostic, target: &Target<'_>) -> Vec<Fix> {
    let written = target.written;
    // Block scalars and multi-line spans are not replaced in place.
    if written.is_empty() || written.contains(['\n', '\r']) || written.starts_with(['|', '>']) {
        return Vec::new();
    }
    let mut out: Vec<Fix> = d
        .suggestions
        .iter()
        .filter(|s| s.as_str() != written)
        .take(MAX_SUGGESTIONS)
        .enumerate()
        .map(|(n, s)| Fix {
            diagnostic: index,
            title: format!("Replace with `{}`", clip_text(s, 60)),
            range: target.range,
            new_text: scalar_like(s, written),
            preferred: n == 0,
        })
        .collect();
    let is_number = target.value.is_some_and(Value::is_number);
    if d.code == "schema/type" && is_number && !written.starts_with(['"', '\'']) {
        let quoted = format!("\"{written}\"");
        out.push(Fix {
            diagnostic: index,
            title: format!("Quote it: {}", clip_text(&quoted, 60)),
            range: target.range,
            new_text: quoted,
            preferred: out.is_empty(),
        });
    }
    out
}

/// `text` as a YAML scalar in the style of `written`: quoted the same way, or plain when
/// plain YAML reads it back as the same text (`no`, `1985` or `a: b` need quotes).
fn scalar_like(text: &str, written: &str) -> String {
    if written.starts_with('\'') {
        return format!("'{}'", text.replace('\'', "''"));
    }
    if written.starts_with('"') || !reads_back_as_text(text) {
        return Value::String(text.to_owned()).to_string();
    }
    text.to_owned()
}

fn reads_back_as_text(text: &str) -> bool {
    if text.is_empty() || text.contains(['\n', '\r']) || text.len() > 200 {
        return false;
    }
    let probe = format!("k: {text}\n");
    crate::source::yaml::parse(probe.as_bytes())
        .is_ok_and(|doc| doc.value.get("k").and_then(Value::as_str) == Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Position;

    fn range() -> Range {
        Range::new(Position::new(11, 2), Position::new(11, 8))
    }

    fn target<'a>(written: &'a str, value: Option<&'a Value>) -> Target<'a> {
        Target {
            written,
            range: range(),
            value,
        }
    }

    #[test]
    fn suggestions_become_replacements_best_first() {
        // By hand: the schema does not fill `suggestions` yet on this branch.
        let d = Diagnostic::error("schema/additionalProperties", "unknown key `regoin`")
            .suggest(["region", "regions"]);
        let fixes = fixes_for(4, &d, &target("regoin", None));
        assert_eq!(fixes.len(), 2);
        assert_eq!(fixes[0].title, "Replace with `region`");
        assert_eq!(fixes[0].new_text, "region");
        assert_eq!((fixes[0].diagnostic, fixes[0].range), (4, range()));
        assert!(fixes[0].preferred && !fixes[1].preferred);
    }

    #[test]
    fn replacements_keep_the_quoting_and_stay_text() {
        let d = Diagnostic::error("schema/enum", "not allowed").suggest(["almaty-region"]);
        let quoted = fixes_for(0, &d, &target("\"almaty\"", None));
        assert_eq!(quoted[0].new_text, "\"almaty-region\"");
        let single = fixes_for(0, &d.clone().suggest(["it's"]), &target("'x'", None));
        assert_eq!(single[0].new_text, "'it''s'");
        // Plain `no` or `0123` would still read as text, `1985` or `a: b` would not.
        let plain = |s: &str| {
            fixes_for(0, &d.clone().suggest([s]), &target("x", None))[0]
                .new_text
                .clone()
        };
        assert_eq!(plain("no"), "no");
        assert_eq!(plain("1985"), "\"1985\"");
        assert_eq!(plain("a: b"), "\"a: b\"");
        assert_eq!(plain("true"), "\"true\"");
    }

    #[test]
    fn a_number_where_text_belongs_is_quoted_as_written() {
        let d = Diagnostic::error(
            "schema/type",
            "inviting_party.bin must be text, found a number",
        );
        let n = Value::from(80340021831_u64);
        let fixes = fixes_for(0, &d, &target("080340021831", Some(&n)));
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].new_text, "\"080340021831\"");
        assert!(fixes[0].preferred);
        // Text already, or another kind of type error: nothing to quote.
        let s = Value::from("x");
        assert!(fixes_for(0, &d, &target("x", Some(&s))).is_empty());
        assert!(fixes_for(0, &d, &target("|", Some(&n))).is_empty());
    }
}
