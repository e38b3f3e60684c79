//! One jsonschema violation → a diagnostic: a message that names the field as people
//! read it (`specialists[0].passport.number`), help that says what to write (from the
//! field's wording and description), the pointer, and — for unknown keys and enum
//! values — the close names as suggestions.

use std::cell::OnceCell;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::navigate::{dependent_trigger, description, is_required, property_names};
use super::wording;
use crate::diagnostic::{Diagnostic, clip_text};
use crate::limits::MAX_DIAGNOSTICS;
use crate::location::{Location, SourceMap};
use crate::pointer::{pointer_display, pointer_join};
use crate::suggest::{close_matches, did_you_mean};

/// Where the manifest came from: positions, and the text to quote from.
pub(super) struct Source<'a> {
    map: &'a SourceMap,
    text: Option<&'a str>,
    /// The text's lines, split once when the first value is quoted.
    lines: OnceCell<Vec<&'a str>>,
}

impl<'a> Source<'a> {
    pub(super) fn new(map: &'a SourceMap, text: Option<&'a str>) -> Self {
        Source {
            map,
            text,
            lines: OnceCell::new(),
        }
    }

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

/// Translates one violation into diagnostics (one, or one per unknown key), appended to
/// `out`.
pub(super) fn translate(
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
            let allowed = property_names(root, &pointer);
            let allowed = || allowed.iter().map(String::as_str);
            let budget = (2 * MAX_DIAGNOSTICS).saturating_sub(out.len());
            for key in unexpected.iter().take(budget) {
                let child = pointer_join(&pointer, key);
                let help = did_you_mean(key, allowed()).unwrap_or_else(|| {
                    format!(
                        "remove it; the keys allowed here are {}",
                        allowed().collect::<Vec<_>>().join(", ")
                    )
                });
                let shown = clip_text(key, 60);
                let mut d = Diagnostic::error(&code, format!("unknown key `{shown}` in {field}"))
                    .help(help)
                    .suggest(close_matches(key, allowed()))
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
            let options = || options.iter().map(String::as_str);
            let hint = instance.as_str().and_then(|s| did_you_mean(s, options()));
            let close = instance.as_str().map(|s| close_matches(s, options()));
            let listing = if options().count() <= 12 {
                format!("allowed: {}", options().collect::<Vec<_>>().join(", "))
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
            .suggest(close.unwrap_or_default())
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
        .help(wording::const_help(root, &pointer, &short(expected_value)))
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
            let help = wording::pattern_help(root, &pointer, value)
                .or_else(described)
                .unwrap_or_else(|| "see `kzinvite schema` for the expected form".into());
            Diagnostic::error(
                code,
                format!(
                    "`{}` is not a valid {}",
                    short(instance),
                    wording::noun(root, &pointer)
                ),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::Format { format } => {
            let help = wording::format_help(root, &pointer, format);
            Diagnostic::error(
                code,
                format!("`{}` is not a valid {format} for {field}", short(instance)),
            )
            .help(help)
            .at(&pointer)
        }
        ValidationErrorKind::MinLength { limit } => {
            let count = instance.as_str().map_or(0, |s| s.chars().count());
            let help = wording::min_length_help(root, &pointer, *limit);
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
