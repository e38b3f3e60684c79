//! The validation pipeline for one document: version → schema → stage → rules.
//!
//! The work is bounded whatever the file holds: lists are checked up to one entry past
//! their schema limit, and at most [`MAX_DIAGNOSTICS`] problems are reported.

use std::borrow::Cow;
use std::path::Path;

use serde_json::Value;
use time::Date;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::language::Language;
use crate::limits::MAX_DIAGNOSTICS;
use crate::location::{Location, SourceMap};
use crate::rules::{self, RuleContext, View};
use crate::scan::ScanCache;
use crate::schema;
use crate::source::Document;
use crate::stage::Stage;

/// Options that shape a check.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    pub today: Date,
    /// `--stage`: check as if at this stage (see [`Stage::checked`]).
    pub stage: Option<Stage>,
    /// `--lang`: the documents to state bodies will be in this language, not the
    /// manifest's (decides which translations are missing).
    pub lang: Option<Language>,
}

impl CheckOptions {
    /// The options of a plain check on `today`: the stage and language the manifest has.
    pub fn at(today: Date) -> CheckOptions {
        CheckOptions {
            today,
            stage: None,
            lang: None,
        }
    }
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

/// Checks a document completely: every problem, each located (up to [`MAX_DIAGNOSTICS`]).
pub fn check(doc: &Document, options: &CheckOptions) -> Checked {
    check_cached(doc, options, None)
}

/// [`check`], reading again only the scans that changed since `scans` saw them.
pub fn check_cached(doc: &Document, options: &CheckOptions, scans: Option<&ScanCache>) -> Checked {
    let derived = Stage::of(&doc.value);
    let mut found: Vec<Diagnostic> = doc.findings.clone();
    let version = version_problem(&doc.value);
    let stop = version.as_ref().is_some_and(|v| v.1);
    found.extend(version.map(|v| v.0));
    if !stop {
        found.extend(check_content(doc, options, derived, scans));
    }
    Checked {
        stage: derived,
        diagnostics: limited(found, &doc.map),
    }
}

/// Schema, stage and rules on the document's content.
fn check_content(
    doc: &Document,
    options: &CheckOptions,
    derived: Stage,
    scans: Option<&ScanCache>,
) -> Vec<Diagnostic> {
    let value = clip_lists(&doc.value);
    let mut found = schema::check(&value, &doc.map, doc.text.as_deref());
    let stage = Stage::checked(derived, options.stage);
    if stage > derived {
        found.extend(schema::check_stage(&value, &doc.map, stage));
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
        lang: options.lang,
        scans,
    };
    found.extend(rules::check(&View::new(&value), &ctx).into_iter().map(|d| {
        let location = d.location.clone().or_else(|| key_location(doc, &d.pointer));
        Diagnostic { location, ..d }
    }));
    found
}

/// The document with every list cut to one entry past the longest the schema allows:
/// `maxItems` still fires, and neither the schema nor the rules walk 100 000 specialists.
fn clip_lists(value: &Value) -> Cow<'_, Value> {
    fn too_long(v: &Value) -> bool {
        match v {
            Value::Array(items) => {
                items.len() > crate::limits::MAX_LIST_ITEMS + 1 || items.iter().any(too_long)
            }
            Value::Object(map) => map.values().any(too_long),
            _ => false,
        }
    }
    fn clip(v: &mut Value) {
        match v {
            Value::Array(items) => {
                items.truncate(crate::limits::MAX_LIST_ITEMS + 1);
                items.iter_mut().for_each(clip);
            }
            Value::Object(map) => map.values_mut().for_each(clip),
            _ => {}
        }
    }
    if !too_long(value) {
        return Cow::Borrowed(value);
    }
    let mut clipped = value.clone();
    clip(&mut clipped);
    Cow::Owned(clipped)
}

/// Locates and orders the diagnostics; past [`MAX_DIAGNOSTICS`] keeps errors first, in
/// file order, and ends with a `too-many-problems` warning where the first one left out
/// stands.
fn limited(found: Vec<Diagnostic>, map: &SourceMap) -> Diagnostics {
    let mut all = Diagnostics::default();
    all.extend(found);
    all.locate(map);
    if all.len() <= MAX_DIAGNOSTICS {
        return all;
    }
    let all = all.into_vec();
    let total = all.len();
    let errors = (0..total).filter(|i| all[*i].is_error());
    let warnings = (0..total).filter(|i| !all[*i].is_error());
    let mut keep = vec![false; total];
    for i in errors.chain(warnings).take(MAX_DIAGNOSTICS) {
        keep[i] = true;
    }
    let first_left_out = keep.iter().position(|k| !k);
    let mut note = Diagnostic::warning(
        "too-many-problems",
        format!(
            "this file has more than {MAX_DIAGNOSTICS} problems: only the first {MAX_DIAGNOSTICS} are reported, errors first"
        ),
    )
    .help("fix these and check again; this many usually means one mistake repeated, or a file that is not a manifest");
    if let Some(i) = first_left_out {
        note.pointer = all[i].pointer.clone();
        note.location = all[i].location.clone();
    }
    let mut out = Diagnostics::default();
    out.extend(
        all.into_iter()
            .zip(keep)
            .filter_map(|(d, keep)| keep.then_some(d)),
    );
    out.push(note);
    out
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
