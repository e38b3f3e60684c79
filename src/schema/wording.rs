//! Per-field wording, read from the schema's own annotations: the `x-kzinvite-*`
//! keywords of `schemas/manifest.v1.json` say what a field is called in a message, what
//! to write when its pattern, format, minimum length or constant is not met, what a
//! stage asks for, and which fix to offer. A field added to the schema brings its
//! wording with it; the code here knows only the keywords. `kzinvite schema` prints the
//! schema without them ([`strip`]).
//!
//! An annotation written where a field is declared wins over the one of the definition
//! it refers to (`passport.number` over `$defs/passport_number`).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use jsonschema::Validator;
use serde_json::Value;

use super::navigate::{annotation, node_at};

/// What the annotations' names start with.
const PREFIX: &str = "x-kzinvite-";

/// The annotation `name` (without [`PREFIX`]) for the value at `pointer`, as text.
fn text<'a>(root: &'a Value, pointer: &str, name: &str) -> Option<&'a str> {
    annotation(root, pointer, &format!("{PREFIX}{name}"))?.as_str()
}

/// `template` with each `{name}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |t, (name, value)| {
        t.replace(&format!("{{{name}}}"), value)
    })
}

/// The schema without its `x-kzinvite-*` annotations, as editors get it.
pub(super) fn strip(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            map.retain(|key, _| !key.starts_with(PREFIX));
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

/// What the value at `pointer` is called in "`x` is not a valid …" (`noun`): by default
/// its key, the last one that is not a list index, with spaces for underscores.
pub(super) fn noun(root: &Value, pointer: &str) -> String {
    if let Some(noun) = text(root, pointer, "noun") {
        return noun.to_owned();
    }
    pointer
        .rsplit('/')
        .find(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or("value")
        .replace('_', " ")
}

/// What to write when `value` does not match the pattern at `pointer`: the fix when one
/// applies (`fix`), else the field's advice (`pattern-help`), else "one line" for text
/// with a line break.
pub(super) fn pattern_help(root: &Value, pointer: &str, value: &str) -> Option<String> {
    fix(root, pointer, value)
        .or_else(|| text(root, pointer, "pattern-help").map(str::to_owned))
        .or_else(|| {
            value
                .contains('\n')
                .then(|| "this field is one line: remove the line breaks".to_owned())
        })
}

/// The help of `fix`: `{"to": how, "when": pattern, "help": "… {fixed}"}`, offered when
/// the value fixed `to` differs from it and matches `when` (by default the field's own
/// pattern).
fn fix(root: &Value, pointer: &str, value: &str) -> Option<String> {
    let fix = annotation(root, pointer, &format!("{PREFIX}fix"))?;
    let upper = value.to_uppercase();
    let fixed = match fix.get("to")?.as_str()? {
        "capitals" => upper,
        "capitals-and-digits" => upper.chars().filter(char::is_ascii_alphanumeric).collect(),
        _ => return None,
    };
    let when = match fix.get("when") {
        Some(when) => when.as_str()?,
        None => node_at(root, pointer)?.get("pattern")?.as_str()?,
    };
    let help = fix.get("help")?.as_str()?;
    (fixed != value && matches(when, &fixed)).then(|| fill(help, &[("fixed", &fixed)]))
}

/// Whether `text` matches the regular expression `pattern` (as a schema `pattern` does).
fn matches(pattern: &str, text: &str) -> bool {
    // A few patterns, each compiled the first time a fix is considered.
    static COMPILED: OnceLock<Mutex<HashMap<String, Option<Validator>>>> = OnceLock::new();
    let mut compiled = COMPILED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    compiled
        .entry(pattern.to_owned())
        .or_insert_with(|| {
            jsonschema::validator_for(&serde_json::json!({ "pattern": pattern })).ok()
        })
        .as_ref()
        .is_some_and(|v| v.is_valid(&Value::from(text)))
}

/// What to write when the value at `pointer` has fewer than `limit` characters.
pub(super) fn min_length_help(root: &Value, pointer: &str, limit: u64) -> String {
    match text(root, pointer, "min-length-help") {
        Some(help) => fill(help, &[("limit", &limit.to_string())]),
        None => "give a value, or remove the key if it is optional".to_owned(),
    }
}

/// What to write when the value at `pointer` is not a valid `format`.
pub(super) fn format_help(root: &Value, pointer: &str, format: &str) -> String {
    text(root, pointer, "format-help")
        .map_or_else(|| format!("write a valid {format}"), str::to_owned)
}

/// What to write when the value at `pointer` is not the constant `expected`.
pub(super) fn const_help(root: &Value, pointer: &str, expected: &str) -> String {
    let help = text(root, pointer, "const-help").unwrap_or("write `{expected}`");
    fill(help, &[("expected", expected)])
}

/// What to add when a stage needs the field at `pointer`, named `name`, and it is missing.
pub(super) fn stage_help(root: &Value, pointer: &str, name: &str) -> String {
    text(root, pointer, "stage-help").map_or_else(|| format!("add `{name}`"), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Value {
        serde_json::from_str(super::super::MANIFEST_V1).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_fix_is_offered_only_when_it_makes_the_value_valid() {
        let root = root();
        let surname = "/specialists/0/surname";
        let passport = "/specialists/0/passport/number";
        let help = |pointer, value| pattern_help(&root, pointer, value).unwrap_or_default();
        assert_eq!(
            help(surname, "wang"),
            "write it in capital Latin letters, as in the passport: WANG"
        );
        assert!(help(surname, "王磊").starts_with("use the Latin spelling"));
        assert_eq!(
            help(passport, "e 123-4567"),
            "write it as in the passport, capitals and digits only: E1234567"
        );
        assert_eq!(
            help(passport, "e12"),
            "5 to 20 capital letters and digits, as in the passport"
        );
        // The approved list names passports too, with its own wording.
        assert!(help("/ic_decision/approved/0", "e1").starts_with("passport numbers"));
    }

    #[test]
    fn nouns_default_to_the_key() {
        let root = root();
        assert_eq!(
            noun(&root, "/specialists/3/passport/number"),
            "passport number"
        );
        assert_eq!(noun(&root, "/inviting_party/bin"), "BIN (12 digits)");
        assert_eq!(noun(&root, "/specialists/0/date_of_birth"), "date of birth");
        assert_eq!(noun(&root, "/ic_decision/approved/1"), "approved");
    }
}
