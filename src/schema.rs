//! The JSON Schemas of `schemas/`, embedded and compiled once per process, and the
//! translation of their violations into diagnostics located in the manifest.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, pointer_join};
use crate::source::SourceMap;
use crate::stage::Stage;
use crate::suggest::did_you_mean;

pub const MANIFEST_V1: &str = include_str!("../schemas/manifest.v1.json");
pub const STAGES_V1: &str = include_str!("../schemas/stages.v1.json");

/// Manifest format versions this build reads.
pub const KNOWN_VERSIONS: &[u64] = &[1];

struct Compiled {
    base_json: Value,
    base: Validator,
    stages: Vec<(Stage, Value, Validator)>,
}

fn compile(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("embedded schema does not compile: {e}"))
}

fn compiled() -> &'static Compiled {
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

/// The schema for editors: the base schema, with what `stage` requires merged in.
pub fn document(stage: Option<Stage>) -> Value {
    let c = compiled();
    let mut schema = c.base_json.clone();
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

/// Checks a manifest against the base schema: every violation, located.
pub fn check(manifest: &Value, map: &SourceMap) -> Vec<Diagnostic> {
    let c = compiled();
    let mut out = Vec::new();
    for error in c.base.iter_errors(manifest) {
        translate(&error, &c.base_json, map, &mut out);
    }
    // The version has its own rule (`manifest-version`).
    out.retain(|d| d.pointer != "/manifest_version");
    out
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
                .help(stage_missing_help(name))
                .at(pointer);
                d.location = map.locate_key(error.instance_path().as_str());
                out.push(d);
            }
        }
    }
    out
}

fn stage_missing_help(name: &str) -> String {
    match name {
        "ic_decision" => "add `ic_decision` (minutes number, date, approved) once the Intersectoral Commission has approved the list".into(),
        "visa_support" => "add `visa_support` (number, date) once the Migration Service has issued the invitation".into(),
        "entry_checkpoint" => "add `project.entry_checkpoint`: the border notice names the checkpoint of entry".into(),
        other => format!("add `{other}`"),
    }
}

/// `/specialists/0/passport` → `specialists[0].passport`, the way people read paths.
pub fn pointer_display(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty() {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    if out.is_empty() {
        "(the manifest)".into()
    } else {
        out
    }
}

/// The schema node that describes the value at an instance pointer.
fn node_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = resolve(root, root)?;
    for token in pointer.split('/').skip(1) {
        let next = if let Some(p) = node.get("properties").and_then(|p| p.get(token)) {
            p
        } else if let Some(items) = node.get("items") {
            items
        } else if let Some(els) = node.get("else").and_then(|e| e.get("items")) {
            els
        } else {
            return None;
        };
        node = resolve(root, next)?;
    }
    Some(node)
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> Option<&'a Value> {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let target = root.pointer(r.strip_prefix('#')?)?;
            // Keep the referring node's description when it has one.
            Some(target)
        }
        None => Some(node),
    }
}

fn description(root: &Value, pointer: &str) -> Option<String> {
    let node = node_at(root, pointer)?;
    node.get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            // The description may sit beside the `$ref`.
            let parent = pointer.rsplit_once('/')?.0;
            let name = pointer.rsplit('/').next()?;
            let parent_node = node_at(root, parent)?;
            parent_node
                .get("properties")?
                .get(name)?
                .get("description")?
                .as_str()
                .map(str::to_owned)
        })
}

fn short(value: &Value) -> String {
    let s = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn expected_name(kind: &TypeKind) -> String {
    let one = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "string" => "text",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "array" => "a list",
        "object" => "a mapping",
        "null" => "nothing",
        _ => "another type",
    };
    match kind {
        TypeKind::Single(t) => one(t).to_owned(),
        TypeKind::Multiple(ts) => ts.iter().map(|t| one(&t)).collect::<Vec<_>>().join(" or "),
    }
}

fn translate(
    error: &ValidationError<'_>,
    root: &Value,
    map: &SourceMap,
    out: &mut Vec<Diagnostic>,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let kind = error.kind();
    let code = format!("schema/{}", kind.keyword());
    let instance: &Value = error.instance();
    let field = pointer_display(&pointer);
    let described = || description(root, &pointer);
    let diag = match kind {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let child = pointer_join(&pointer, name);
            let help = description(root, &child)
                .map(|d| format!("add `{name}`: {}", lower_first(&d)))
                .unwrap_or_else(|| format!("add `{name}`"));
            let message = if kind.keyword() == "dependentRequired" {
                format!("`{name}` is required once `{field}` has what depends on it")
            } else {
                format!("`{}` is missing", pointer_display(&child))
            };
            let mut d = Diagnostic::error(code, message).help(help).at(child);
            // Point at the key of the mapping where the field belongs.
            d.location = map.locate_key(&pointer);
            d
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = node_at(root, &pointer)
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            for key in unexpected {
                let child = pointer_join(&pointer, key);
                let help = did_you_mean(key, allowed.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("known keys here: {}", allowed.join(", ")));
                let mut d = Diagnostic::error(&code, format!("unknown key `{key}` in {field}"))
                    .help(help)
                    .at(child.clone());
                d.location = map.locate_key(&child);
                out.push(d);
            }
            return;
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(short).collect())
                .unwrap_or_default();
            let hint = instance
                .as_str()
                .and_then(|s| did_you_mean(s, options.iter().map(String::as_str)));
            let listing = if options.len() <= 12 {
                format!("allowed: {}", options.join(", "))
            } else {
                "see `kzinvite schema` for the allowed values".into()
            };
            let help = match hint {
                Some(h) => format!("{h} ({listing})"),
                None => listing,
            };
            Diagnostic::error(
                code,
                format!("`{}` is not an allowed value for {field}", short(instance)),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::Constant { expected_value } => Diagnostic::error(
            code,
            format!(
                "{field} must be `{}`, not `{}`",
                short(expected_value),
                short(instance)
            ),
        )
        .help(format!(
            "write `{}`, or a list of passport numbers",
            short(expected_value)
        ))
        .at(&pointer),
        ValidationErrorKind::Type { kind: expected } => {
            let wanted = expected_name(expected);
            let help = match (instance, wanted.as_str()) {
                (Value::Number(n), "text") => {
                    format!(
                        "quote it so it stays text exactly as written: \"{n}\" (leading zeros and long digits are lost otherwise)"
                    )
                }
                (Value::String(s), "true or false") => {
                    format!(
                        "write true or false (without quotes), not `{}`",
                        short(&Value::String(s.clone()))
                    )
                }
                (Value::Null, _) => format!(
                    "give a value, or remove the key `{}`",
                    field.rsplit('.').next().unwrap_or(&field)
                ),
                _ => described().unwrap_or_else(|| format!("write {wanted} here")),
            };
            Diagnostic::error(
                code,
                format!("{field} must be {wanted}, found {}", type_name(instance)),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::Pattern { .. } => {
            let value = instance.as_str().unwrap_or_default();
            let help = pattern_help(&pointer, value)
                .or_else(described)
                .unwrap_or_else(|| "see `kzinvite schema` for the expected form".into());
            Diagnostic::error(
                code,
                format!(
                    "`{}` is not a valid {}",
                    short(instance),
                    field_noun(&pointer)
                ),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::Format { format } => {
            let help = match format.as_str() {
                "date" => {
                    "write the date as YYYY-MM-DD, e.g. 2026-03-15, and check that the day exists"
                        .to_owned()
                }
                "email" => "write an e-mail address such as office@example.kz".to_owned(),
                other => format!("write a valid {other}"),
            };
            Diagnostic::error(
                code,
                format!("`{}` is not a valid {format} for {field}", short(instance)),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::MinLength { limit } => {
            let count = instance.as_str().map_or(0, |s| s.chars().count());
            let help = if pointer == "/project/description" {
                format!(
                    "the Intersectoral Commission reads this: describe the project, the work the specialists will do and why they are needed, in at least {limit} characters"
                )
            } else {
                "give a value, or remove the key if it is optional".to_owned()
            };
            Diagnostic::error(
                code,
                format!("{field} has {count} characters, fewer than {limit}"),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::MaxLength { limit } => {
            let count = instance.as_str().map_or(0, |s| s.chars().count());
            Diagnostic::error(
                code,
                format!("{field} has {count} characters, more than {limit}"),
            )
            .help("shorten it; long texts belong in project.description")
            .at(&pointer)
        }
        ValidationErrorKind::MinItems { limit } => Diagnostic::error(
            code,
            format!(
                "{field} needs at least {limit} entr{}",
                if *limit == 1 { "y" } else { "ies" }
            ),
        )
        .help("add the entries, or remove the key if it is optional")
        .at(&pointer),
        ValidationErrorKind::MaxItems { limit } => {
            Diagnostic::error(code, format!("{field} has more than {limit} entries"))
                .help("split the case into several manifests")
                .at(&pointer)
        }
        ValidationErrorKind::UniqueItems => {
            Diagnostic::error(code, format!("{field} lists the same value twice"))
                .help("remove the repeated entry")
                .at(&pointer)
        }
        _ => Diagnostic::error(code, format!("{field}: {error}"))
            .with_help(described())
            .at(&pointer),
    };
    out.push(diag);
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The last meaningful token of a pointer, as a noun for messages.
fn field_noun(pointer: &str) -> String {
    let name = pointer
        .rsplit('/')
        .find(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or("value");
    let parent = pointer.split('/').rev().nth(1).unwrap_or_default();
    match (parent, name) {
        ("passport", "number") => "passport number".into(),
        ("work_permit", "number") => "work permit number".into(),
        (_, "bin") => "BIN (12 digits)".into(),
        (_, other) => other.replace('_', " "),
    }
}

fn pattern_help(pointer: &str, value: &str) -> Option<String> {
    let name = pointer.rsplit('/').next()?;
    let upper: String = value.to_uppercase();
    match name {
        "surname" | "given_names" => {
            if upper != value && !upper.chars().any(|c| !c.is_ascii_uppercase() && !" '-".contains(c)) {
                Some(format!("write it in capital Latin letters, as in the passport: {upper}"))
            } else {
                Some("use the Latin spelling of the passport (A–Z, space, hyphen, apostrophe); put other scripts in native_name".into())
            }
        }
        "number" if pointer.contains("/passport") || pointer.contains("/approved") => {
            let cleaned: String = upper.chars().filter(char::is_ascii_alphanumeric).collect();
            if cleaned != value && (5..=20).contains(&cleaned.len()) {
                Some(format!("write it as in the passport, capitals and digits only: {cleaned}"))
            } else {
                Some("5 to 20 capital letters and digits, as in the passport".into())
            }
        }
        "bin" => Some("a BIN has exactly 12 digits; quote it in YAML".into()),
        "phone" => Some("write + and the country code, then 8 to 15 digits in all; spaces are allowed: +7 727 000 00 00".into()),
        "id" => Some("start with a letter or digit; then letters, digits, `.`, `_` or `-`, 64 characters at most".into()),
        "category" => Some("a letter A, B or C and a number, e.g. C3 (work) or B2 (business trip)".into()),
        "scan" | "copy" => Some("a .pdf, .jpg or .png file, relative to the manifest's folder".into()),
        "date" | "issued" | "expires" | "date_of_birth" | "entry_date" | "exit_date" => {
            Some("write the date as YYYY-MM-DD, e.g. 2026-03-15".into())
        }
        _ if pointer.starts_with("/ic_decision/approved/") => {
            Some("passport numbers as in the passports: capitals and digits".into())
        }
        _ => {
            if value.contains('\n') {
                Some("this field is one line: remove the line breaks".into())
            } else {
                None
            }
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
    fn pointer_display_reads_like_a_path() {
        assert_eq!(
            pointer_display("/specialists/3/passport/number"),
            "specialists[3].passport.number"
        );
        assert_eq!(pointer_display(""), "(the manifest)");
    }
}
