//! One version of an open document checked: the diagnostics `kzinvite validate` gives
//! (same codes, messages, help and severities; scans resolved from the file's folder),
//! then the `glyph-coverage` warnings `render` would add, turned into the protocol's
//! diagnostics with the fixes that go with them.

use std::path::Path;
use std::sync::Arc;

use lsp_types::{DiagnosticSeverity, NumberOrString};
use serde_json::json;

use super::fixes::{Fix, Target, fixes_for};
use super::text::{LineIndex, scalar_extent};
use crate::check::{self, CheckOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::MAX_FILE_BYTES;
use crate::location::Location;
use crate::render::Engine;
use crate::render::fonts::Fonts;
use crate::scan::ScanCache;
use crate::source::{Document, LoadError, yaml};

/// What the check of one version found, ready to publish.
pub struct Analysed {
    pub diagnostics: Vec<lsp_types::Diagnostic>,
    pub fixes: Vec<Fix>,
    /// The document as read, when it could be read (for the key index).
    pub document: Option<Document>,
    pub lines: LineIndex,
    /// Characters before what the reader parsed (a byte order mark it skipped).
    pub offset: usize,
}

/// Checks `text` as the manifest at `path`. `cancelled` is asked between the stages: a
/// newer version of the document makes the rest of this one's work pointless.
pub fn analyse(
    text: &Arc<str>,
    path: &Path,
    options: &CheckOptions,
    engine: Option<&Engine>,
    scans: &ScanCache,
    cancelled: &dyn Fn() -> bool,
) -> Option<Analysed> {
    let lines = LineIndex::new(text);
    let offset = usize::from(text.starts_with('\u{FEFF}'));
    if text.len() as u64 > MAX_FILE_BYTES {
        let found = [too_large(text.len())];
        let diagnostics = to_protocol(&found, text, &lines, offset);
        return Some(Analysed {
            diagnostics,
            fixes: Vec::new(),
            document: None,
            lines,
            offset,
        });
    }
    let (found, document) = match yaml::parse(text.as_bytes()) {
        Ok(mut doc) => {
            doc.path = path.to_path_buf();
            if cancelled() {
                return None;
            }
            let mut found = check::check_cached(&doc, options, Some(scans))
                .diagnostics
                .into_vec();
            if cancelled() {
                return None;
            }
            if let Some(engine) = engine.filter(|e| may_lack_glyphs(text, e.fonts())) {
                let (mut glyphs, _) = engine.glyph_coverage(&doc.value);
                for d in &mut glyphs {
                    d.location = doc.map.locate(&d.pointer);
                }
                found.extend(glyphs);
            }
            (found, Some(doc))
        }
        Err(LoadError::Invalid { diagnostic, .. }) => (vec![*diagnostic], None),
        Err(LoadError::Io(e)) => (
            vec![Diagnostic::error(
                "io",
                format!("cannot read the document: {e}"),
            )],
            None,
        ),
    };
    let (diagnostics, spans) = convert(&found, text, &lines, offset);
    let fixes = fixes(&found, &diagnostics, &spans, document.as_ref(), text);
    Some(Analysed {
        diagnostics,
        fixes,
        document,
        lines,
        offset,
    })
}

/// Whether some character of `text` may be one no font draws. Each distinct character
/// is asked once, so a text the fonts cover — nearly every manifest — skips
/// `glyph-coverage`'s copy of the whole value. An escape (`"\u4E00"`) may spell any
/// character: then the values are walked.
fn may_lack_glyphs(text: &str, fonts: &Fonts) -> bool {
    if text.contains('\\') {
        return true;
    }
    let mut seen = vec![false; 0x1_0000];
    let mut rare = std::collections::HashSet::new();
    text.chars().any(|c| {
        let first = match seen.get_mut(c as usize) {
            Some(slot) => !std::mem::replace(slot, true),
            None => rare.insert(c),
        };
        first && !fonts.covers(c)
    })
}

/// Past [`MAX_FILE_BYTES`] a document is not read, as `validate` would not read the file.
fn too_large(len: usize) -> Diagnostic {
    Diagnostic::error(
        "yaml-limits",
        format!(
            "the document is larger than 10 MiB ({len} bytes; the limit is {MAX_FILE_BYTES}): not checked"
        ),
    )
    .help("a manifest describes one case; split it, or move large attachments out of it")
    .located(Location::Text {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    })
}

/// The character span of a diagnostic's location in `text` (none: the start of the file).
fn location_span(d: &Diagnostic, offset: usize) -> (usize, usize) {
    match d.location {
        Some(Location::Text { start, end, .. }) => (start + offset, end.max(start) + offset),
        _ => (0, 0),
    }
}

/// Where a diagnostic stands: the value (or key) as written, in characters and bytes.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    bytes: (usize, usize),
}

fn spans(found: &[Diagnostic], text: &str, lines: &LineIndex, offset: usize) -> Vec<Span> {
    let raw: Vec<(usize, usize)> = found.iter().map(|d| location_span(d, offset)).collect();
    let offsets: Vec<usize> = raw.iter().flat_map(|(s, e)| [*s, *e]).collect();
    let located = lines.locate(text, &offsets);
    raw.iter()
        .zip(located.chunks(2))
        .map(|(&(start, _), at)| {
            let (from, to) = (at[0].0, at[1].0.max(at[0].0));
            let (chars, bytes) = scalar_extent(text.get(from..to).unwrap_or_default());
            Span {
                start,
                end: start + chars,
                bytes: (from, from + bytes),
            }
        })
        .collect()
}

/// The protocol's diagnostics: ranges over the value (a zero-width location reaches to
/// the end of what follows it on its line), help after the message, the pointer, help
/// and suggestions as `data` for clients that show them apart.
pub fn to_protocol(
    found: &[Diagnostic],
    text: &str,
    lines: &LineIndex,
    offset: usize,
) -> Vec<lsp_types::Diagnostic> {
    convert(found, text, lines, offset).0
}

fn convert(
    found: &[Diagnostic],
    text: &str,
    lines: &LineIndex,
    offset: usize,
) -> (Vec<lsp_types::Diagnostic>, Vec<Span>) {
    let spans = spans(found, text, lines, offset);
    let offsets: Vec<usize> = spans
        .iter()
        .flat_map(|s| {
            let end = if s.end == s.start {
                lines.token_line_end(text, s.start)
            } else {
                s.end
            };
            [s.start, end]
        })
        .collect();
    let positions = lines.locate(text, &offsets);
    let diagnostics = found
        .iter()
        .zip(positions.chunks(2))
        .map(|(d, at)| {
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            let mut data = json!({ "pointer": d.pointer, "help": d.help });
            if !d.suggestions.is_empty() {
                data["suggestions"] = json!(d.suggestions);
            }
            lsp_types::Diagnostic {
                range: lsp_types::Range::new(at[0].1, at[1].1),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(d.code.clone())),
                source: Some("kzinvite".to_owned()),
                message,
                data: Some(data),
                ..Default::default()
            }
        })
        .collect();
    (diagnostics, spans)
}

/// The fixes of every diagnostic that may have one (suggestions, a type error).
fn fixes(
    found: &[Diagnostic],
    published: &[lsp_types::Diagnostic],
    spans: &[Span],
    document: Option<&Document>,
    text: &str,
) -> Vec<Fix> {
    let mut out = Vec::new();
    for (i, ((d, p), span)) in found.iter().zip(published).zip(spans).enumerate() {
        if span.end == span.start || (d.suggestions.is_empty() && d.code != "schema/type") {
            continue;
        }
        let Some(written) = text.get(span.bytes.0..span.bytes.1) else {
            continue;
        };
        let target = Target {
            written,
            range: p.range,
            value: document.and_then(|doc| doc.value.pointer(&d.pointer)),
        };
        out.extend(fixes_for(i, d, &target));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Analysed {
        let options =
            CheckOptions::at(crate::dates::parse_date("2026-01-15").unwrap_or(time::Date::MIN));
        analyse(
            &Arc::from(text),
            Path::new("case.yaml"),
            &options,
            None,
            &ScanCache::new(),
            &|| false,
        )
        .unwrap_or_else(|| panic!("not cancelled"))
    }

    #[test]
    fn a_number_for_text_gets_a_quote_fix_over_the_value() {
        let a = run("manifest_version: 1\ninviting_party:\n  bin: 080340021831  # note\n");
        let quote = a.fixes.iter().find(|f| f.title.starts_with("Quote it"));
        let Some(quote) = quote else {
            panic!("no quote fix in {:?}", a.fixes)
        };
        assert_eq!(quote.new_text, "\"080340021831\"");
        assert_eq!(quote.range.start, lsp_types::Position::new(2, 7));
        assert_eq!(quote.range.end, lsp_types::Position::new(2, 19));
        assert_eq!(a.diagnostics[quote.diagnostic].range, quote.range);
    }

    #[test]
    fn only_a_text_with_a_character_no_font_draws_needs_the_glyph_walk() {
        let fonts = Fonts::load(&[] as &[std::path::PathBuf]).unwrap_or_else(|e| panic!("{e}"));
        assert!(!may_lack_glyphs(
            "name: ТОО «Казахстан» Қазақстан\n",
            &fonts
        ));
        assert!(may_lack_glyphs("native_name: 王磊\n", &fonts));
        assert!(may_lack_glyphs("native_name: \"\\u738B\"\n", &fonts));
        assert!(may_lack_glyphs("a: \u{1}\n", &fonts));
    }

    #[test]
    fn half_typed_yaml_is_one_located_syntax_error() {
        let a = run("inviting_party:\n  bin: [\"18");
        assert_eq!(a.diagnostics.len(), 1);
        let d = &a.diagnostics[0];
        assert_eq!(d.code, Some(NumberOrString::String("yaml-syntax".into())));
        assert!(a.document.is_none());
    }

    #[test]
    fn a_document_past_the_size_limit_is_refused_with_one_diagnostic() {
        let text = "a: b\n".repeat(MAX_FILE_BYTES as usize / 5 + 1);
        let a = run(&text);
        assert_eq!(a.diagnostics.len(), 1);
        assert_eq!(
            a.diagnostics[0].code,
            Some(NumberOrString::String("yaml-limits".into()))
        );
        assert!(a.diagnostics[0].message.contains("not checked"));
    }
}
