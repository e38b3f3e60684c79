//! Hover on a key or value: the field's description and form from the JSON Schema that
//! `kzinvite schema` prints, whether it is required, and the rules that read it.

use serde_json::Value;

use super::fields::rules_for;
use crate::pointer::pointer_display;
use crate::rules::{Applies, rule_info};

/// Enum values listed in full; longer lists are counted.
const MAX_LISTED: usize = 12;

/// Markdown for the field at `pointer`, described by `schema` (the manifest's schema
/// with what the checked stage requires merged in).
pub fn describe(schema: &Value, pointer: &str) -> String {
    let mut out = format!("**`{}`**", pointer_display(pointer));
    let Some(field) = field_at(schema, pointer) else {
        out.push_str(
            "\n\nnot a field of the manifest: see `kzinvite schema` for the keys allowed here",
        );
        return out;
    };
    let form = form(field.node);
    let required = if field.required {
        "required"
    } else {
        "optional"
    };
    out.push_str(&match form {
        Some(form) => format!(" — {form}, {required}"),
        None => format!(" — {required}"),
    });
    if let Some(description) = field.description {
        out.push_str("\n\n");
        out.push_str(description);
    }
    let mut rules = rules_for(pointer);
    let is_free_text = field.node.get("type").and_then(Value::as_str) == Some("string")
        && field.node.get("format").is_none()
        && field.node.get("enum").is_none();
    if is_free_text {
        rules.extend(rule_info("glyph-coverage"));
    }
    if !rules.is_empty() {
        out.push_str("\n\nRules:");
        for rule in rules {
            let when = match rule.applies {
                Applies::All => String::new(),
                Applies::From(stage) => format!(", from stage {stage}"),
                Applies::Only(stage) => format!(", at stage {stage}"),
                Applies::Render => ", when rendering".to_owned(),
            };
            out.push_str(&format!(
                "\n- `{}` ({}{when}): {}",
                rule.code,
                rule.severity.as_str(),
                rule.checks
            ));
        }
    }
    out
}

/// A field's schema: the node that says its form (its `$ref` followed), the
/// description (beside the `$ref` or at its target) and whether its mapping requires it.
struct Field<'a> {
    node: &'a Value,
    description: Option<&'a str>,
    required: bool,
}

fn field_at<'a>(root: &'a Value, pointer: &str) -> Option<Field<'a>> {
    let mut field = Field {
        node: root,
        description: root.get("description").and_then(Value::as_str),
        required: true,
    };
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let parent = field.node;
        let (next, required) = if let Some(p) = parent.get("properties").and_then(|p| p.get(&token))
        {
            let required = parent
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|n| n.as_str() == Some(token.as_str())));
            (p, required)
        } else if let Some(items) = parent.get("items") {
            (items, true)
        } else {
            // `ic_decision.approved`: `all`, or (`else`) a list of passport numbers.
            (parent.get("else")?.get("items")?, true)
        };
        let node = resolve(root, next)?;
        field = Field {
            node,
            description: next
                .get("description")
                .or_else(|| node.get("description"))
                .and_then(Value::as_str),
            required,
        };
    }
    Some(field)
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> Option<&'a Value> {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => root.pointer(r.strip_prefix('#')?),
        None => Some(node),
    }
}

/// What the value looks like, in a few words: `one of: ru, kk`, `a date (YYYY-MM-DD)`.
fn form(node: &Value) -> Option<String> {
    if let Some(options) = node.get("enum").and_then(Value::as_array) {
        let shown: Vec<String> = options
            .iter()
            .map(|o| match o {
                Value::String(s) => format!("`{s}`"),
                other => format!("`{other}`"),
            })
            .collect();
        return Some(if shown.len() <= MAX_LISTED {
            format!("one of {}", shown.join(", "))
        } else {
            format!("one of {} values", shown.len())
        });
    }
    if node.get("format").and_then(Value::as_str) == Some("date") {
        return Some("a date (YYYY-MM-DD)".to_owned());
    }
    if node.get("if").is_some() && node.get("else").is_some() {
        return Some("`all` or a list".to_owned());
    }
    let form = match node.get("type").and_then(Value::as_str)? {
        "string" => match node.get("maxLength").and_then(Value::as_u64) {
            Some(max) => format!("text of at most {max} characters"),
            None => "text".to_owned(),
        },
        "boolean" => "true or false".to_owned(),
        "integer" => "a whole number".to_owned(),
        "number" => "a number".to_owned(),
        "object" => "a mapping".to_owned(),
        "array" => "a list".to_owned(),
        other => other.to_owned(),
    };
    Some(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        crate::schema::document(None)
    }

    #[test]
    fn a_key_shows_its_description_form_and_rules() {
        let text = describe(&schema(), "/inviting_party/bin");
        assert!(
            text.starts_with("**`inviting_party.bin`** — text of at most 12 characters, required"),
            "{text}"
        );
        assert!(text.contains("Business identification number"), "{text}");
        assert!(text.contains("- `bin-checksum` (error): "), "{text}");
    }

    #[test]
    fn references_lists_and_enums_are_followed() {
        let s = schema();
        let expires = describe(&s, "/specialists/3/passport/expires");
        assert!(expires.contains("a date (YYYY-MM-DD)"), "{expires}");
        assert!(expires.contains("`passport-margin` (warning)"), "{expires}");
        let language = describe(&s, "/language");
        assert!(language.contains("one of `ru`, `kk`"), "{language}");
        let country = describe(&s, "/foreign_partner/country");
        assert!(country.contains("ISO 3166-1"), "{country}");
        let approved = describe(&s, "/ic_decision/approved/0");
        assert!(approved.contains("`approved-unknown`"), "{approved}");
        let name = describe(&s, "/specialists/0/native_name");
        assert!(
            name.contains("`glyph-coverage` (warning, when rendering)"),
            "{name}"
        );
        let stage = describe(&s, "/ic_decision");
        assert!(stage.contains("optional"), "{stage}");
        let petition = describe(
            &crate::schema::document(Some(crate::stage::Stage::Petition)),
            "/ic_decision",
        );
        assert!(petition.contains("required"), "{petition}");
    }

    #[test]
    fn an_unknown_key_says_so() {
        let text = describe(&schema(), "/inviting_party/regoin");
        assert!(text.contains("not a field of the manifest"), "{text}");
    }
}
