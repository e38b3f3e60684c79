//! The workbook layout shared by the reader and the writer: sheet and column names, and
//! what each dotted path holds, derived once from the manifest schema (a field added to
//! the schema appears in the workbook without code here).

use std::sync::OnceLock;

use serde_json::Value;

use crate::pointer::pointer_join;
use crate::schema;
use crate::stage::Stage;

pub const CASE: &str = "Case";
pub const SPECIALISTS: &str = "Specialists";
pub const LETTERS: &str = "Letters";
/// Hidden sheet with the long drop-down lists; the reader ignores it.
pub const LISTS: &str = "Lists";
/// The sheets the reader looks at, for "did you mean" on misnamed sheets.
pub const SHEETS: [&str; 3] = [CASE, SPECIALISTS, LETTERS];

pub const CASE_COLUMNS: [&str; 2] = ["field", "value"];
pub const LETTER_COLUMNS: [&str; 3] = ["document", "number", "date"];

/// What a cell holds for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Text whose line breaks are kept (`project.description`).
    Multiline,
    /// A date: a date cell or ISO `YYYY-MM-DD` text.
    Date,
    Bool,
    /// A whole number (`manifest_version`).
    Integer,
    /// `all`, or passport numbers separated by commas (`ic_decision.approved`).
    Approved,
}

/// What a numeric cell may stand for in a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numeric {
    /// A whole number Excel keeps exactly (at most 15 significant digits).
    Lossless,
    /// A whole number of exactly this many digits: fewer means Excel dropped leading
    /// zeros (the BIN).
    Digits(usize),
    /// Never: Excel drops the leading `+` of a phone number.
    Never,
}

/// Values offered in a drop-down.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    pub values: Vec<String>,
    /// Only these values are valid (a schema `enum`); otherwise the list is a suggestion.
    pub strict: bool,
}

/// One field of a sheet: a dotted path relative to the sheet's record.
#[derive(Debug, Clone)]
pub struct Field {
    /// `inviting_party.bin` on Case, `passport.number` on Specialists.
    pub path: String,
    pub tokens: Vec<String>,
    /// `required[i]`: the schema requires `tokens[i]` wherever its parent object is present.
    pub required: Vec<bool>,
    pub kind: Kind,
    pub numeric: Numeric,
    pub choices: Option<Choices>,
    /// What to enter, for the input message (from the schema's descriptions).
    pub description: String,
    /// The stage from which the field must be filled; `None` when it is optional.
    pub needed_from: Option<Stage>,
}

impl Field {
    /// The JSON pointer of this field below `base` (`""` or `/specialists/3`).
    pub fn pointer(&self, base: &str) -> String {
        self.tokens
            .iter()
            .fold(base.to_owned(), |p, t| pointer_join(&p, t))
    }

    /// Whether the field must be present once the object at `depth` tokens is.
    pub fn required_below(&self, depth: usize) -> bool {
        self.required.iter().skip(depth).all(|r| *r)
    }
}

/// The fields of every sheet.
#[derive(Debug)]
pub struct Layout {
    /// Scalar fields of the Case sheet, in schema order.
    pub case: Vec<Field>,
    /// Columns of the Specialists sheet, in schema order.
    pub specialist: Vec<Field>,
    /// `number` and `date` of a letter.
    pub letter: Vec<Field>,
    /// Document ids a letter may be for.
    pub letter_ids: Vec<String>,
    /// Top-level keys in schema order (for assembling the manifest).
    pub root_keys: Vec<String>,
}

impl Layout {
    pub fn case_field(&self, path: &str) -> Option<&Field> {
        self.case.iter().find(|f| f.path == path)
    }

    pub fn specialist_field(&self, path: &str) -> Option<&Field> {
        self.specialist.iter().find(|f| f.path == path)
    }
}

/// The layout of manifest version 1.
pub fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let base = schema::document(None);
        let stages = [
            (Stage::Petition, schema::document(Some(Stage::Petition))),
            (
                Stage::Notification,
                schema::document(Some(Stage::Notification)),
            ),
        ];
        let walker = Walker {
            root: &base,
            stages: &stages,
        };
        let mut case = Vec::new();
        walker.object(&base, &[], &[], "", &mut case, &["specialists", "letters"]);
        let mut specialist = Vec::new();
        let specialist_node = base.pointer("/$defs/specialist").unwrap_or(&Value::Null);
        walker.object(specialist_node, &[], &[], "", &mut specialist, &[]);
        let mut letter = Vec::new();
        let letter_node = base.pointer("/$defs/letter").unwrap_or(&Value::Null);
        walker.object(letter_node, &[], &[], "", &mut letter, &[]);
        let keys = |node: Option<&Value>| -> Vec<String> {
            node.and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        Layout {
            case,
            specialist,
            letter,
            letter_ids: keys(base.pointer("/properties/letters/properties")),
            root_keys: keys(base.get("properties")),
        }
    })
}

struct Walker<'a> {
    root: &'a Value,
    stages: &'a [(Stage, Value)],
}

impl Walker<'_> {
    fn resolve<'v>(&'v self, node: &'v Value) -> &'v Value {
        schema::resolve(self.root, node).unwrap_or(node)
    }

    /// Collects the scalar fields below an object node, skipping `skip` at this level.
    fn object(
        &self,
        node: &Value,
        prefix: &[String],
        required: &[bool],
        context: &str,
        out: &mut Vec<Field>,
        skip: &[&str],
    ) {
        let node = self.resolve(node);
        let Some(props) = node.get("properties").and_then(Value::as_object) else {
            return;
        };
        let req: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, child) in props {
            if skip.contains(&name.as_str()) {
                continue;
            }
            let mut tokens = prefix.to_vec();
            tokens.push(name.clone());
            let mut required = required.to_vec();
            required.push(req.contains(&name.as_str()));
            let own = child
                .get("description")
                .or_else(|| self.resolve(child).get("description"))
                .and_then(Value::as_str);
            let resolved = self.resolve(child);
            if resolved.get("properties").is_some() {
                let context = own.unwrap_or(context);
                self.object(child, &tokens, &required, context, out, &[]);
                continue;
            }
            let description = match own {
                Some(d) => d.to_owned(),
                None => {
                    let parent = prefix.last().map_or("", String::as_str);
                    let context = if context.is_empty() { parent } else { context };
                    format!(
                        "{}: {}.",
                        context.trim_end_matches('.').replace('_', " "),
                        name.replace('_', " ")
                    )
                }
            };
            out.push(self.leaf(tokens, required, resolved, description));
        }
    }

    fn leaf(
        &self,
        tokens: Vec<String>,
        required: Vec<bool>,
        node: &Value,
        description: String,
    ) -> Field {
        let path = tokens.join(".");
        let strings = |v: &Value| -> Option<Vec<String>> {
            v.as_array()?
                .iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect()
        };
        let mut choices = node.get("enum").and_then(strings).map(|values| Choices {
            values,
            strict: true,
        });
        let kind = if path == "project.description" {
            Kind::Multiline
        } else if path == "ic_decision.approved" {
            Kind::Approved
        } else if node.get("type").and_then(Value::as_str) == Some("boolean") {
            Kind::Bool
        } else if node.get("format").and_then(Value::as_str) == Some("date") {
            Kind::Date
        } else if node.get("enum").is_some() && choices.is_none() {
            Kind::Integer
        } else {
            Kind::Text
        };
        if path.ends_with("visa.category") {
            choices = Some(Choices {
                values: crate::reference::VISA_CATEGORIES
                    .iter()
                    .map(|v| v.code.to_owned())
                    .collect(),
                strict: false,
            });
        }
        let pattern = node
            .get("pattern")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let numeric = if pattern.starts_with("^\\+") {
            Numeric::Never
        } else if let Some(n) = fixed_digits(pattern) {
            Numeric::Digits(n)
        } else {
            Numeric::Lossless
        };
        let needed_from = self.needed_from(&tokens, &required);
        Field {
            path,
            tokens,
            required,
            kind,
            numeric,
            choices,
            description,
            needed_from,
        }
    }

    /// The first stage at which every object on the field's path is required.
    fn needed_from(&self, tokens: &[String], required: &[bool]) -> Option<Stage> {
        if required.iter().all(|r| *r) {
            return Some(Stage::Request);
        }
        self.stages.iter().find_map(|(stage, schema)| {
            let mut node = schema;
            for t in tokens {
                let obj = self.resolve(node);
                let req = obj
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|r| r.as_str() == Some(t)));
                if !req {
                    return None;
                }
                node = obj.get("properties")?.get(t)?;
            }
            Some(*stage)
        })
    }
}

/// `^[0-9]{12}$` → 12.
fn fixed_digits(pattern: &str) -> Option<usize> {
    pattern
        .strip_prefix("^[0-9]{")?
        .strip_suffix("}$")?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_the_schema() {
        let l = layout();
        let paths: Vec<&str> = l.case.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths[..3], ["manifest_version", "id", "language"]);
        assert!(paths.contains(&"inviting_party.signatory.name"));
        assert!(paths.contains(&"ic_decision.approved"));
        assert!(
            !paths
                .iter()
                .any(|p| p.starts_with("specialists") || p.starts_with("letters"))
        );
        let bin = l.case_field("inviting_party.bin").expect("bin");
        assert_eq!(bin.numeric, Numeric::Digits(12));
        assert_eq!(bin.needed_from, Some(Stage::Request));
        let phone = l.case_field("inviting_party.phone").expect("phone");
        assert_eq!(phone.numeric, Numeric::Never);
        assert_eq!(
            l.case_field("manifest_version").map(|f| f.kind),
            Some(Kind::Integer)
        );
        assert_eq!(
            l.case_field("inviting_party.socially_significant")
                .map(|f| f.kind),
            Some(Kind::Bool)
        );
        assert_eq!(
            l.case_field("ic_decision.date").and_then(|f| f.needed_from),
            Some(Stage::Petition)
        );
        assert_eq!(
            l.case_field("project.entry_checkpoint")
                .and_then(|f| f.needed_from),
            Some(Stage::Notification)
        );
        assert_eq!(
            l.case_field("inviting_party.contact.name")
                .and_then(|f| f.needed_from),
            None
        );
        let region = l.case_field("inviting_party.region").expect("region");
        assert!(
            region
                .choices
                .as_ref()
                .is_some_and(|c| c.strict && c.values.len() == 20)
        );
        let spec: Vec<&str> = l.specialist.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(spec[0], "surname");
        assert!(spec.contains(&"passport.number"));
        assert!(spec.contains(&"work_permit.required"));
        let number = l.specialist_field("passport.number").expect("number");
        assert!(number.required_below(0));
        let permit = l.specialist_field("work_permit.number").expect("permit");
        assert!(!permit.required_below(0));
        assert_eq!(l.letter_ids.len(), 7);
        assert_eq!(l.letter.len(), 2);
    }
}
