//! `glyph-coverage`: text values with characters no available font can draw are
//! reported at their manifest location and left out, never printed as boxes.

use serde_json::Value;

use super::fonts::Fonts;
use crate::diagnostic::Diagnostic;
use crate::pointer::{pointer_display, pointer_join};

/// The warnings, and the manifest with the uncovered characters left out.
pub fn glyph_coverage(fonts: &Fonts, manifest: &Value) -> (Vec<Diagnostic>, Value) {
    let mut out = Vec::new();
    let mut clean = manifest.clone();
    strip_uncovered(&mut clean, "", fonts, &mut out);
    (out, clean)
}

/// Removes characters no font covers from every string, recording a warning for each.
fn strip_uncovered(value: &mut Value, pointer: &str, fonts: &Fonts, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(s) => {
            let missing = fonts.uncovered(s);
            if !missing.is_empty() {
                let shown: String = missing.iter().take(8).collect();
                out.push(
                    Diagnostic::warning(
                        "glyph-coverage",
                        format!("no available font can draw `{shown}` in {}: left out of the documents", pointer_display(pointer)),
                    )
                    .help("add a font that covers these characters with --font-path (e.g. Noto Sans CJK for Chinese), or write the text in Latin or Cyrillic")
                    .at(pointer),
                );
                let kept: String = s.chars().filter(|c| fonts.covers(*c)).collect();
                *s = kept.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                strip_uncovered(item, &pointer_join(pointer, i), fonts, out);
            }
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                let child = pointer_join(pointer, &k);
                if let Some(v) = map.get_mut(&k) {
                    strip_uncovered(v, &child, fonts, out);
                }
                // An optional text left empty is dropped rather than printed blank: a
                // translation then falls back on the registered value.
                let optional = k == "native_name"
                    || (["_ru", "_kk", "_en"].iter().any(|s| k.ends_with(s))
                        && child != "/inviting_party/name_en");
                if optional
                    && map
                        .get(&k)
                        .and_then(Value::as_str)
                        .is_some_and(str::is_empty)
                {
                    map.remove(&k);
                }
            }
        }
        _ => {}
    }
}
