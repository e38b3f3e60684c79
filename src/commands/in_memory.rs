//! A manifest validated as `render` validates it (checks, warning policy, `glyph-coverage`)
//! and rendered in memory into the [`PacketMeta`] its packet holds: what `render` writes
//! and what `diff` compares a manifest side by, so both sides compare the same way.

use std::path::Path;

use anyhow::Context as _;
use serde_json::Value;

use super::batch::load_and_check;
use super::settings::Settings;
use crate::check::CheckOptions;
use crate::diagnostic::WarningPolicy;
use crate::discover::Input;
use crate::location::location_suffix;
use crate::model::Case;
use crate::packet::{Inputs, ManifestRef, PacketMeta};
use crate::pointer::pointer_display;
use crate::render::diagnose::TemplateError;
use crate::render::fonts::not_a_font;
use crate::render::quoted::{Quoted, quoted_values};
use crate::render::{Engine, RenderOptions, RenderedCase};
use crate::report::{FileReport, JsonDiagnostic};
use crate::source::Document;
use crate::stage::Stage;

/// The render engine for a command that renders: templates and fonts loaded, and each
/// file under `--font-path` that holds no font said on standard error (it is left out,
/// the other fonts render).
pub fn engine(options: RenderOptions) -> anyhow::Result<Engine> {
    let engine = Engine::new(options).context("preparing templates and fonts")?;
    for file in &engine.fonts().skipped {
        eprintln!("warning: {}: left out", not_a_font(file));
    }
    Ok(engine)
}

/// A manifest read and checked for rendering.
pub struct Checked {
    pub report: FileReport,
    /// The manifest's `id` when it has one.
    pub id: Option<String>,
    /// The scan paths the manifest names, as written, valid or not (what `watch` follows).
    pub scans: Vec<String>,
    /// Present when the manifest may be rendered.
    pub validated: Option<Validated>,
}

/// A manifest that passed validation, ready to render, with the warnings it had.
pub struct Validated {
    pub doc: Document,
    /// The manifest with the characters no font draws left out.
    pub clean: Value,
    /// The stage the manifest reached by its content.
    pub derived: Stage,
    pub warnings: Vec<JsonDiagnostic>,
}

/// Reads and checks `input` as `render` does: the report has every diagnostic (the
/// `glyph-coverage` warnings at their manifest locations included).
pub fn check_for_render(
    engine: &Engine,
    input: &Input,
    check: &CheckOptions,
    policy: &WarningPolicy,
    deny_warnings: bool,
) -> Checked {
    let loaded = load_and_check(input, check, policy);
    let mut report = loaded.report;
    let id = loaded
        .document
        .as_ref()
        .and_then(|doc| doc.value.get("id"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let scans = loaded
        .document
        .as_ref()
        .map(|doc| crate::scan::named(&doc.value))
        .unwrap_or_default();
    let invalid = |report| Checked {
        report,
        id: id.clone(),
        scans: scans.clone(),
        validated: None,
    };
    let (Some(doc), Some(derived)) = (loaded.document, loaded.stage) else {
        return invalid(report);
    };
    if !report.is_valid(deny_warnings) {
        return invalid(report);
    }
    let (mut glyphs, clean) = engine.glyph_coverage(&doc.value);
    for d in &mut glyphs {
        d.location = doc.map.locate(&d.pointer);
    }
    let glyphs = policy.apply(glyphs);
    let glyph_warnings = !glyphs.is_empty();
    let glyph_errors = glyphs.iter().any(|d| d.is_error());
    report.diagnostics.extend(glyphs);
    if glyph_errors || (glyph_warnings && deny_warnings) {
        return invalid(report);
    }
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(JsonDiagnostic::of)
        .collect();
    Checked {
        report,
        id,
        scans,
        validated: Some(Validated {
            doc,
            clean,
            derived,
            warnings,
        }),
    }
}

impl Validated {
    pub fn case(&self) -> anyhow::Result<Case> {
        Case::from_value(&self.clean).context("reading the validated manifest")
    }

    /// The folder scans are resolved against: the manifest's.
    pub fn base_dir(&self) -> &Path {
        self.doc
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    /// The stage whose documents are rendered (`--stage` applied).
    pub fn stage(&self, settings: &Settings) -> Stage {
        Stage::rendered(self.derived, settings.stage)
    }

    /// What a packet of this manifest rendered now is made from.
    pub fn inputs(&self, case: &Case, engine: &Engine, settings: &Settings) -> Inputs {
        let stage = self.stage(settings);
        Inputs::gather(
            &self.doc.sha256,
            case,
            self.base_dir(),
            engine,
            stage,
            settings.today,
        )
    }

    /// Renders the case in memory: the documents, and the `packet.json` they make, the
    /// manifest named `display` in it.
    pub fn render(
        &self,
        case: &Case,
        inputs: Inputs,
        engine: &Engine,
        display: &str,
        settings: &Settings,
    ) -> anyhow::Result<(RenderedCase, PacketMeta)> {
        let stage = self.stage(settings);
        let rendered = engine
            .render_case(case, &self.clean, self.base_dir(), stage, settings.today)
            .map_err(|e| self.locate_quoted(e, display))?;
        let manifest = ManifestRef {
            path: display.to_owned(),
            sha256: self.doc.sha256.clone(),
            value: crate::render::normalized(&self.clean),
        };
        let meta = PacketMeta::new(&case.id, manifest, self.warnings.clone(), &rendered, inputs);
        Ok((rendered, meta))
    }

    /// A template error told where each manifest value it quotes stands in the manifest
    /// named `display` (the rule: [`crate::render::quoted`]).
    fn locate_quoted(&self, mut e: anyhow::Error, display: &str) -> anyhow::Error {
        let Some(error) = e.downcast_mut::<TemplateError>() else {
            return e;
        };
        for (index, text) in error.quoting().iter().enumerate() {
            let (found, more) = quoted_values(text, &self.clean);
            for Quoted { pointer, value } in found {
                let at = location_suffix(display, self.doc.map.locate(&pointer).as_ref());
                let field = pointer_display(&pointer);
                error.note(
                    index,
                    format!(
                        "the value {} is the manifest's {field}, at {at}",
                        shown(&value)
                    ),
                );
            }
            if more > 0 {
                error.note(index, format!("and {more} more values of the manifest"));
            }
        }
        e
    }
}

/// A value quoted in a note: one line, at most [`SHOWN_CHARS`] characters.
fn shown(value: &str) -> String {
    let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("\"{}…\"", &line[..cut]),
        None => format!("\"{line}\""),
    }
}

const SHOWN_CHARS: usize = 60;
