//! The JSON Schemas of `schemas/`, embedded and compiled once per process, and the
//! translation of their violations into diagnostics located in the manifest.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, clip_text};
use crate::location::{Location, SourceMap};
use crate::pointer::{pointer_display, pointer_join};
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

/// Checks a manifest against the base schema: every violation, located. `text` is the
/// source (YAML), to quote values as written. Stops translating a little past
/// [`crate::limits::MAX_DIAGNOSTICS`]: the caller reports no more than that.
pub fn check(manifest: &Value, map: &SourceMap, text: Option<&str>) -> Vec<Diagnostic> {
    let c = compiled();
    // Most manifests are valid: answering yes/no is much cheaper than collecting errors.
    if c.base.is_valid(manifest) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let source = Source {
        map,
        text,
        lines: std::cell::OnceCell::new(),
    };
    // Some reports below are dropped as repeats of others: translate twice the limit.
    let budget = 2 * crate::limits::MAX_DIAGNOSTICS;
    for error in c.base.iter_errors(manifest) {
        if out.len() >= budget {
            break;
        }
        translate(&error, &c.base_json, &source, &mut out);
    }
    // The version has its own rule (`manifest-version`).
    out.retain(|d| d.pointer != "/manifest_version");
    // A date like `03.09.1990` fails both its pattern and its format, a 30-digit BIN its
    // pattern and its length: one problem, one report — the pattern's, which says the form.
    let patterns: std::collections::HashSet<String> = out
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
            Some((parent.to_owned(), key.to_owned()))
        })
        .flat_map(|(parent, key)| {
            let allowed: Vec<String> = node_at(&compiled().base_json, &parent)
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            crate::suggest::close_matches(&key, allowed.iter().map(String::as_str))
                .into_iter()
                .take(1)
                .map(|name| pointer_join(&parent, name))
                .collect::<Vec<_>>()
        })
        .collect();
    out.retain(|d| d.code != "schema/required" || !typos.contains(&d.pointer));
    out
}

/// Where the manifest came from: positions, and the text to quote from.
struct Source<'a> {
    map: &'a SourceMap,
    text: Option<&'a str>,
    /// The text's lines, split once when the first value is quoted.
    lines: std::cell::OnceCell<Vec<&'a str>>,
}

impl Source<'_> {
    /// A scalar exactly as the file spells it (`080340021831`, not the number 80340021831).
    fn raw(&self, pointer: &str) -> Option<String> {
        let text = self.text?;
        let Some(Location::Text {
            line,
            column,
            start,
            end,
        }) = self.map.locate(pointer)
        else {
            return None;
        };
        let lines = self.lines.get_or_init(|| text.split('\n').collect());
        let raw: String = lines
            .get(line.checked_sub(1)?)?
            .chars()
            .skip(column.checked_sub(1)?)
            .take(end.saturating_sub(start))
            .take_while(|c| !c.is_whitespace() && *c != '#' && *c != ',' && *c != '}' && *c != ']')
            .collect();
        (!raw.is_empty()).then_some(raw)
    }
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

/// The schema node that describes the value at an instance pointer.
fn node_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = resolve(root, root)?;
    for token in pointer.split('/').skip(1) {
        let next = if let Some(p) = node.get("properties").and_then(|p| p.get(token)) {
            p
        } else if let Some(items) = node.get("items") {
            items
        } else {
            node.get("else").and_then(|e| e.get("items"))?
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
    match value {
        Value::String(s) => clip_text(s, 40),
        other => clip_text(&other.to_string(), 40),
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

/// Whether the schema node at `parent` lists `name` as required.
fn is_required(root: &Value, parent: &str, name: &str) -> bool {
    node_at(root, parent)
        .and_then(|n| n.get("required"))
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|x| x == name))
}

/// For a `dependentRequired` failure: the present key that needs `missing`.
fn dependent_trigger(
    root: &Value,
    pointer: &str,
    instance: &Value,
    missing: &str,
) -> Option<String> {
    let deps = node_at(root, pointer)?
        .get("dependentRequired")?
        .as_object()?;
    deps.iter()
        .find(|(key, needs)| {
            instance.get(key.as_str()).is_some()
                && needs
                    .as_array()
                    .is_some_and(|n| n.iter().any(|x| x == missing))
        })
        .map(|(key, _)| key.clone())
}

fn translate(
    error: &ValidationError<'_>,
    root: &Value,
    source: &Source<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let map = source.map;
    let pointer = error.instance_path().as_str().to_owned();
    let kind = error.kind();
    // `dependentRequired` reports through its inner `required`; the code names the keyword
    // the schema author wrote.
    let keyword = if error
        .schema_path()
        .as_str()
        .split('/')
        .any(|t| t == "dependentRequired")
    {
        "dependentRequired"
    } else {
        kind.keyword()
    };
    let code = format!("schema/{keyword}");
    let instance: &Value = error.instance();
    let field = pointer_display(&pointer);
    let described = || description(root, &pointer);
    let diag = match kind {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let child = pointer_join(&pointer, name);
            let trigger = (keyword == "dependentRequired")
                .then(|| dependent_trigger(root, &pointer, instance, name))
                .flatten();
            let described = description(root, &child).map(|d| lower_first(&d));
            let (message, help, at) = match trigger {
                Some(trigger) => (
                    format!(
                        "`{}` is given, but `{}` is missing",
                        pointer_display(&pointer_join(&pointer, &trigger)),
                        pointer_display(&child)
                    ),
                    format!(
                        "`{trigger}` comes after `{name}`: add `{name}` too, or remove `{trigger}`"
                    ),
                    // Point at the key that calls for the missing one.
                    pointer_join(&pointer, &trigger),
                ),
                None => (
                    format!("`{}` is missing", pointer_display(&child)),
                    match described {
                        Some(d) => format!("add `{name}`: {d}"),
                        None => format!("add `{name}`"),
                    },
                    // Point at the key of the mapping where the field belongs.
                    pointer.clone(),
                ),
            };
            let mut d = Diagnostic::error(code, message).help(help).at(child);
            d.location = map.locate_key(&at);
            d
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = node_at(root, &pointer)
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            let budget = (2 * crate::limits::MAX_DIAGNOSTICS).saturating_sub(out.len());
            for key in unexpected.iter().take(budget) {
                let child = pointer_join(&pointer, key);
                let help =
                    did_you_mean(key, allowed.iter().map(String::as_str)).unwrap_or_else(|| {
                        format!(
                            "remove it; the keys allowed here are {}",
                            allowed.join(", ")
                        )
                    });
                let shown = clip_text(key, 60);
                let mut d = Diagnostic::error(&code, format!("unknown key `{shown}` in {field}"))
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
                match described() {
                    Some(d) => format!(
                        "{}; see `kzinvite schema` for the allowed values",
                        d.trim_end_matches('.')
                    ),
                    None => "see `kzinvite schema` for the allowed values".into(),
                }
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
                    // The number has already lost leading zeros: quote the file's spelling.
                    let raw = source.raw(&pointer).unwrap_or_else(|| n.to_string());
                    format!(
                        "quote it so it stays text exactly as written: \"{raw}\" (unquoted, leading zeros and long digits are lost)"
                    )
                }
                (Value::String(s), "true or false") => {
                    format!(
                        "write true or false (without quotes), not `{}`",
                        short(&Value::String(s.clone()))
                    )
                }
                (Value::Null, _) => {
                    let (parent, name) = pointer.rsplit_once('/').unwrap_or_default();
                    if is_required(root, parent, name) {
                        match described() {
                            Some(d) => format!("give a value: {}", lower_first(&d)),
                            None => format!("give a value: `{name}` is required"),
                        }
                    } else {
                        format!("give a value, or remove the key `{name}`")
                    }
                }
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
        _ => Diagnostic::error(
            code,
            format!("{field}: {}", clip_text(&error.to_string(), 300)),
        )
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
}
