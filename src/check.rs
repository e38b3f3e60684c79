//! The validation pipeline for one document: version → schema → stage → rules.

use std::path::Path;

use serde_json::Value;
use time::Date;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::rules::{self, RuleContext, View};
use crate::schema;
use crate::source::{Document, Location};
use crate::stage::Stage;

/// Options that shape a check.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    pub today: Date,
    /// `--stage`: check as if at this stage (never below the derived one).
    pub stage: Option<Stage>,
}

/// The verdict on one manifest.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The stage reached by content.
    pub stage: Stage,
    pub diagnostics: Diagnostics,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// Checks a document completely: every problem, each located.
pub fn check(doc: &Document, options: &CheckOptions) -> Checked {
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(doc.findings.iter().cloned());
    let derived = Stage::of(&doc.value);
    if let Some(version) = version_problem(&doc.value) {
        let stop = version.1;
        diagnostics.push(version.0);
        if stop {
            diagnostics.locate(&doc.map);
            return Checked {
                stage: derived,
                diagnostics,
            };
        }
    }
    diagnostics.extend(schema::check(&doc.value, &doc.map, doc.text.as_deref()));
    let stage = options.stage.map_or(derived, |s| s.max(derived));
    if stage > derived {
        diagnostics.extend(schema::check_stage(&doc.value, &doc.map, stage));
    }
    let base_dir = doc.path.parent().unwrap_or(Path::new("."));
    let base_dir = if base_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base_dir
    };
    let ctx = RuleContext {
        today: options.today,
        derived,
        stage,
        base_dir,
    };
    diagnostics.extend(
        rules::check(&View::new(&doc.value), &ctx)
            .into_iter()
            .map(|d| {
                let location = d.location.clone().or_else(|| key_location(doc, &d.pointer));
                Diagnostic { location, ..d }
            }),
    );
    diagnostics.locate(&doc.map);
    Checked {
        stage: derived,
        diagnostics,
    }
}

/// Rules point at what they mean; a reader looks for a mapping or an absent field at the
/// key of the mapping (`project:`), not at its first entry. `None`: the value's own place.
fn key_location(doc: &Document, pointer: &str) -> Option<Location> {
    let mut p = pointer;
    while doc.value.pointer(p).is_none() {
        p = &p[..p.rfind('/')?];
    }
    let is_object = doc.value.pointer(p).is_some_and(Value::is_object);
    (is_object && !p.is_empty())
        .then(|| doc.map.locate_key(p))
        .flatten()
}

/// A missing, quoted or unknown version; `true` when the rest cannot be checked.
fn version_problem(value: &Value) -> Option<(Diagnostic, bool)> {
    let known: Vec<String> = schema::KNOWN_VERSIONS.iter().map(u64::to_string).collect();
    let known = known.join(", ");
    if !value.is_object() {
        return None;
    }
    match value.get("manifest_version") {
        None => Some((
            Diagnostic::error("manifest-version", "`manifest_version` is missing")
                .help(format!(
                    "add `manifest_version: 1` at the top (versions this kzinvite reads: {known})"
                ))
                .at("/manifest_version"),
            false,
        )),
        Some(Value::Number(n))
            if n.as_u64()
                .is_some_and(|v| schema::KNOWN_VERSIONS.contains(&v)) =>
        {
            None
        }
        Some(Value::String(s))
            if s.trim()
                .parse::<u64>()
                .is_ok_and(|v| schema::KNOWN_VERSIONS.contains(&v)) =>
        {
            Some((
                Diagnostic::error(
                    "manifest-version",
                    format!("manifest_version is the text \"{s}\", not a number"),
                )
                .help(format!(
                    "write it without quotes: `manifest_version: {}`",
                    s.trim()
                ))
                .at("/manifest_version"),
                false,
            ))
        }
        Some(other) => Some((
            Diagnostic::error(
                "manifest-version",
                format!("manifest_version {other} is not one this kzinvite reads"),
            )
            .help(format!(
                "versions this kzinvite reads: {known}; a newer manifest needs a newer kzinvite"
            ))
            .at("/manifest_version"),
            true,
        )),
    }
}
