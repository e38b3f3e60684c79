//! `kzinvite convert IN OUT`: YAML ⇄ Excel by extension, without loss.
//!
//! A manifest that parses is converted even when it is invalid (people convert to fix it
//! in the other form); the run then says so and exits 1. The output is read back before
//! it is written, and any value that would not come back the same is named: conversion
//! never loses data silently. The output is never overwritten.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::Value;

use super::outcome::Outcome;
use super::settings::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil::write_new;
use crate::location::location_suffix;
use crate::pointer::{pointer_display, pointer_join};
use crate::schema;
use crate::source::{self, Document, Format, LoadError, excel, yaml, yaml_out};

/// Values named one by one when the round trip differs; the rest are counted.
const SHOWN: usize = 20;

/// `kzinvite convert IN OUT`, resolved.
#[derive(Debug, Clone)]
pub struct ConvertConfig {
    pub input: PathBuf,
    /// Its extension picks the format; never overwritten.
    pub output: PathBuf,
}

pub fn run(config: &ConvertConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let outcome = convert(&config.input, &config.output)?;
    if !settings.quiet && config.output.exists() {
        eprintln!("wrote {}", config.output.display());
    }
    Ok(outcome)
}

fn convert(input: &Path, output: &Path) -> anyhow::Result<Outcome> {
    let Some(_) = Format::of(input) else {
        bail!(
            "{}: convert reads .yaml, .yml or .xlsx manifests",
            input.display()
        );
    };
    let Some(to) = Format::of(output) else {
        bail!(
            "{}: the output's extension picks the format: .yaml, .yml or .xlsx",
            output.display()
        );
    };
    if output.exists() {
        bail!(
            "{} already exists: convert never overwrites (remove it or pick another name)",
            output.display()
        );
    }
    let shown_input = input.display().to_string();
    let doc = match source::load(input) {
        Ok(doc) => doc,
        Err(LoadError::Io(e)) => {
            return Err(e).with_context(|| format!("cannot read {shown_input}"));
        }
        Err(LoadError::Invalid { diagnostic, .. }) => {
            eprintln!("{}", line(&shown_input, &diagnostic));
            eprintln!("error: {shown_input} cannot be read as a manifest: nothing converted");
            return Ok(Outcome::Failure);
        }
    };
    if let Some(v) = doc.value.get("manifest_version").and_then(Value::as_u64)
        && !schema::KNOWN_VERSIONS.contains(&v)
    {
        bail!(
            "{shown_input}: manifest_version {v} is not one this kzinvite reads: nothing converted"
        );
    }
    let problems = problems(&doc);
    let bytes = match to {
        Format::Yaml => yaml_text(&doc.value, input).into_bytes(),
        Format::Excel => excel::write_workbook(&doc.value)?,
    };
    let back = match to {
        Format::Yaml => yaml::parse(&bytes),
        Format::Excel => excel::parse(&bytes),
    };
    let changed = match back {
        Ok(back) => {
            let mut changed = Vec::new();
            differences("", &doc.value, &back.value, &mut changed);
            changed
        }
        Err(_) => {
            bail!("internal error: the converted manifest does not read back; nothing written")
        }
    };
    write_new(output, &bytes)?;
    if to == Format::Yaml {
        // The modeline of the YAML written points here.
        let dir = output.parent().filter(|p| !p.as_os_str().is_empty());
        super::editor::write_schema_beside(dir.unwrap_or(Path::new(".")))?;
    }
    if !problems.is_empty() {
        eprintln!(
            "warning: {shown_input} is not a valid manifest ({} problem{}); converted what could be read:",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        for d in &problems {
            eprintln!("  {}", line(&shown_input, d));
        }
        eprintln!("  check it with `kzinvite validate {shown_input}`");
    }
    if !changed.is_empty() {
        eprintln!(
            "warning: {} value{} of {shown_input} cannot be written the same way in {}:",
            changed.len(),
            if changed.len() == 1 { "" } else { "s" },
            output.display()
        );
        for pointer in changed.iter().take(SHOWN) {
            eprintln!("  {}", pointer_display(pointer));
        }
        if changed.len() > SHOWN {
            eprintln!("  … and {} more", changed.len() - SHOWN);
        }
    }
    Ok(Outcome::from_ok(problems.is_empty() && changed.is_empty()))
}

/// What makes the input invalid as data: reading findings (cells left out, duplicate
/// keys) and schema errors. Business rules are `validate`'s job.
fn problems(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Diagnostics::default();
    out.extend(doc.findings.iter().filter(|d| d.is_error()).cloned());
    out.extend(
        schema::check(&doc.value, &doc.map, doc.text.as_deref())
            .into_iter()
            .filter(Diagnostic::is_error),
    );
    out.locate(&doc.map);
    out.into_vec()
}

/// `error[excel-cell] case.xlsx Specialists!F7: message`.
fn line(path: &str, d: &Diagnostic) -> String {
    format!(
        "{}[{}] {}: {}",
        d.severity.as_str(),
        d.code,
        location_suffix(path, d.location.as_ref()),
        d.message
    )
}

fn yaml_text(value: &Value, input: &Path) -> String {
    let name = input.file_name().map_or_else(
        || input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!(
        "{}\n# Converted from {name} by `kzinvite convert`.\n{}",
        super::editor::MODELINE,
        yaml_out::manifest(value)
    )
}

/// Pointers where `a` and `b` differ (a key on one side only counts as a difference).
fn differences(pointer: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let p = pointer_join(pointer, k);
                match y.get(k) {
                    Some(w) => differences(&p, v, w, out),
                    None => out.push(p),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(pointer_join(pointer, k));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                differences(&pointer_join(pointer, i), v, w, out);
            }
        }
        _ if a == b => {}
        _ => out.push(pointer.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_pointers() {
        let mut out = Vec::new();
        differences(
            "",
            &json!({"a": {"b": 1, "c": [1, 2]}, "d": "x"}),
            &json!({"a": {"b": 2, "c": [1, 2]}, "e": "y"}),
            &mut out,
        );
        assert_eq!(out, ["/a/b", "/d", "/e"]);
    }
}
