//! The embedded schemas, compiled once per process: the base schema of manifest version
//! 1 and what each stage adds to it (`schemas/stages.v1.json`), and the schema printed
//! for editors, with a stage's requirements merged in.

use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

use super::wording;
use crate::stage::Stage;

pub const MANIFEST_V1: &str = include_str!("../../schemas/manifest.v1.json");
pub const STAGES_V1: &str = include_str!("../../schemas/stages.v1.json");

/// Manifest format versions this build reads.
pub const KNOWN_VERSIONS: &[u64] = &[1];

/// The schemas as JSON (to navigate) and as validators (to check with).
pub(super) struct Compiled {
    pub(super) base_json: Value,
    pub(super) base: Validator,
    /// Per stage after request: its overlay and the overlay's validator.
    pub(super) stages: Vec<(Stage, Value, Validator)>,
}

fn compile(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("embedded schema does not compile: {e}"))
}

pub(super) fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let base_json: Value =
            serde_json::from_str(MANIFEST_V1).expect("embedded manifest schema is JSON");
        let overlays: Value =
            serde_json::from_str(STAGES_V1).expect("embedded stage schema is JSON");
        let stages = [Stage::Petition, Stage::Notification]
            .into_iter()
            .map(|stage| {
                let overlay = overlays[stage.as_str()].clone();
                let validator = compile(&overlay);
                (stage, overlay, validator)
            })
            .collect();
        Compiled {
            base: compile(&base_json),
            base_json,
            stages,
        }
    })
}

/// The schema for editors: the base schema, with what `stage` requires merged in, and
/// without kzinvite's own wording annotations.
pub fn document(stage: Option<Stage>) -> Value {
    let c = compiled();
    let mut schema = c.base_json.clone();
    wording::strip(&mut schema);
    for (s, overlay, _) in &c.stages {
        if stage.is_some_and(|wanted| *s <= wanted) {
            merge_required(&mut schema, overlay);
        }
    }
    if let Some(stage) = stage {
        schema["title"] = Value::String(format!("kzinvite manifest, version 1, stage {stage}"));
    }
    schema
}

fn merge_required(schema: &mut Value, overlay: &Value) {
    if let Some(required) = overlay.get("required").and_then(Value::as_array) {
        let target = schema["required"].as_array_mut();
        if let Some(target) = target {
            for r in required {
                if !target.contains(r) {
                    target.push(r.clone());
                }
            }
        }
    }
    if let Some(props) = overlay.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            merge_required(&mut schema["properties"][name], sub);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schemas_compile() {
        let _ = compiled();
        let schema = document(Some(Stage::Notification));
        let required = schema["required"].as_array().expect("required");
        assert!(required.contains(&Value::from("visa_support")));
        assert!(
            schema["properties"]["project"]["required"]
                .as_array()
                .expect("project.required")
                .contains(&Value::from("entry_checkpoint"))
        );
        let base = document(None);
        assert!(
            !base["required"]
                .as_array()
                .expect("required")
                .contains(&Value::from("ic_decision"))
        );
    }

    #[test]
    fn the_printed_schema_has_no_wording_annotations() {
        let printed = document(Some(Stage::Notification)).to_string();
        assert!(!printed.contains("x-kzinvite-"));
        assert!(MANIFEST_V1.contains("x-kzinvite-noun"));
    }
}
