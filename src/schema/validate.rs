//! A manifest checked against the schemas: every violation of the base schema translated
//! and located, less the reports that repeat another; and what a stage requires that
//! the manifest lacks, as `stage-missing`.

use std::collections::HashSet;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::compile::compiled;
use super::navigate::property_names;
use super::translate::{Source, translate};
use super::wording;
use crate::diagnostic::Diagnostic;
use crate::limits::MAX_DIAGNOSTICS;
use crate::location::SourceMap;
use crate::pointer::{pointer_display, pointer_join};
use crate::stage::Stage;
use crate::suggest::close_matches;

/// Checks a manifest against the base schema: every violation, located. `text` is the
/// source (YAML), to quote values as written. Stops translating a little past
/// [`MAX_DIAGNOSTICS`]: the caller reports no more than that.
pub fn check(manifest: &Value, map: &SourceMap, text: Option<&str>) -> Vec<Diagnostic> {
    let c = compiled();
    // Most manifests are valid: answering yes/no is much cheaper than collecting errors.
    if c.base.is_valid(manifest) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let source = Source::new(map, text);
    // Some reports below are dropped as repeats of others: translate twice the limit.
    let budget = 2 * MAX_DIAGNOSTICS;
    for error in c.base.iter_errors(manifest) {
        if out.len() >= budget {
            break;
        }
        translate(&error, &c.base_json, &source, &mut out);
    }
    drop_repeats(&mut out, &c.base_json);
    out
}

/// Leaves one report per problem.
fn drop_repeats(out: &mut Vec<Diagnostic>, root: &Value) {
    // The version has its own rule (`manifest-version`).
    out.retain(|d| d.pointer != "/manifest_version");
    // A date like `03.09.1990` fails both its pattern and its format, a 30-digit BIN its
    // pattern and its length: one problem, one report — the pattern's, which says the form.
    let patterns: HashSet<String> = out
        .iter()
        .filter(|d| d.code == "schema/pattern")
        .map(|d| d.pointer.clone())
        .collect();
    out.retain(|d| {
        !matches!(d.code.as_str(), "schema/format" | "schema/maxLength")
            || !patterns.contains(&d.pointer)
    });
    // `regoin:` is an unknown key and leaves `region` missing: one typo, one report, the
    // unknown key's, whose "did you mean `region`?" fixes both.
    let typos: Vec<String> = out
        .iter()
        .filter(|d| d.code == "schema/additionalProperties")
        .filter_map(|d| {
            let (parent, key) = d.pointer.rsplit_once('/')?;
            let allowed = property_names(root, parent);
            close_matches(key, allowed.iter().map(String::as_str))
                .first()
                .map(|name| pointer_join(parent, name))
        })
        .collect();
    out.retain(|d| d.code != "schema/required" || !typos.contains(&d.pointer));
}

/// What `stage` requires that the manifest lacks: one `stage-missing` per absent field.
pub fn check_stage(manifest: &Value, map: &SourceMap, stage: Stage) -> Vec<Diagnostic> {
    let c = compiled();
    let mut out = Vec::new();
    for (s, _, validator) in &c.stages {
        if *s != stage {
            continue;
        }
        for error in validator.iter_errors(manifest) {
            if let ValidationErrorKind::Required { property } = error.kind() {
                let name = property.as_str().unwrap_or_default();
                let pointer = pointer_join(error.instance_path().as_str(), name);
                let mut d = Diagnostic::error(
                    "stage-missing",
                    format!(
                        "`{}` is missing for stage {stage}",
                        pointer_display(&pointer)
                    ),
                )
                .help(wording::stage_help(&c.base_json, &pointer, name))
                .at(pointer);
                d.location = map.locate_key(error.instance_path().as_str());
                out.push(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    fn text_at(line: usize, column: usize) -> Location {
        Location::Text {
            line,
            column,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn an_unknown_key_suggests_the_close_key_at_the_key() {
        let manifest = serde_json::json!({ "inviting_party": { "regoin": "almaty-region" } });
        let mut map = SourceMap::default();
        map.insert_key("/inviting_party/regoin".into(), text_at(7, 3));
        map.insert_value("/inviting_party/regoin".into(), text_at(7, 11));
        let found = check(&manifest, &map, None);
        let unknown: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| d.code == "schema/additionalProperties")
            .collect();
        assert_eq!(unknown.len(), 1, "{found:#?}");
        assert_eq!(unknown[0].pointer, "/inviting_party/regoin");
        assert_eq!(unknown[0].suggestions, ["region"]);
        assert_eq!(unknown[0].location, Some(text_at(7, 3)));
        // The typo is the one report: `region` is not also reported missing.
        assert!(!found.iter().any(|d| d.pointer == "/inviting_party/region"));
    }

    #[test]
    fn an_enum_value_suggests_the_close_values() {
        let manifest = serde_json::json!({ "inviting_party": { "region": "almaty" } });
        let found = check(&manifest, &SourceMap::default(), None);
        let Some(d) = found.iter().find(|d| d.code == "schema/enum") else {
            panic!("{found:#?}")
        };
        assert_eq!(d.suggestions, ["almaty-city", "almaty-region"]);
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean `almaty-city` or `almaty-region`?"))
        );
    }
}
