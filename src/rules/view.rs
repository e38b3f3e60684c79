//! A tolerant typed view of a manifest for the rules: a value of the wrong type reads
//! as absent (the schema has already reported it).

use serde_json::Value;
use time::Date;

use crate::dates::parse_date;
use crate::pointer::lookup;

#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub root: &'a Value,
}

impl<'a> View<'a> {
    pub fn new(root: &'a Value) -> Self {
        View { root }
    }

    pub fn str(&self, pointer: &str) -> Option<&'a str> {
        lookup(self.root, pointer)?.as_str()
    }

    pub fn date(&self, pointer: &str) -> Option<Date> {
        parse_date(self.str(pointer)?)
    }

    pub fn bool(&self, pointer: &str) -> Option<bool> {
        lookup(self.root, pointer)?.as_bool()
    }

    pub fn has(&self, pointer: &str) -> bool {
        lookup(self.root, pointer).is_some_and(|v| !v.is_null())
    }

    pub fn specialists(&self) -> impl Iterator<Item = Specialist<'a>> + 'a {
        self.root
            .get("specialists")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(index, value)| Specialist { index, value })
    }

    /// Passport numbers the IC approved: `None` when everyone is (`all`, or no decision yet).
    pub fn approved(&self) -> Option<Vec<(usize, &'a str)>> {
        let approved = lookup(self.root, "/ic_decision/approved")?;
        let list = approved.as_array()?;
        Some(
            list.iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i, v.as_str()?)))
                .collect(),
        )
    }

    /// Whether the IC approved this specialist (everyone, while there is no list).
    pub fn is_approved(&self, specialist: &Specialist<'_>) -> bool {
        match self.approved() {
            None => true,
            Some(list) => specialist
                .passport_number()
                .is_some_and(|n| list.iter().any(|(_, a)| *a == n)),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Specialist<'a> {
    pub index: usize,
    pub value: &'a Value,
}

impl<'a> Specialist<'a> {
    pub fn pointer(&self, rest: &str) -> String {
        format!("/specialists/{}{rest}", self.index)
    }

    pub fn str(&self, pointer: &str) -> Option<&'a str> {
        lookup(self.value, pointer)?.as_str()
    }

    pub fn date(&self, pointer: &str) -> Option<Date> {
        parse_date(self.str(pointer)?)
    }

    pub fn passport_number(&self) -> Option<&'a str> {
        self.str("/passport/number")
    }

    /// `WANG LEI (E12345678)`, or `specialist 3` when the names are missing.
    pub fn label(&self) -> String {
        self.who().to_string()
    }

    /// [`label`](Self::label), written only where it is shown: the rules name the
    /// specialist in every message they might give, and give one for few specialists.
    pub fn who(&self) -> Who<'_, 'a> {
        Who(self)
    }
}

/// A specialist's label, as [`Specialist::label`] spells it.
pub struct Who<'s, 'a>(&'s Specialist<'a>);

impl std::fmt::Display for Who<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        match (s.str("/surname"), s.str("/given_names")) {
            (Some(surname), Some(given)) => write!(f, "{surname} {given}")?,
            (Some(name), None) | (None, Some(name)) if !name.is_empty() => f.write_str(name)?,
            _ => write!(f, "specialist {}", s.index + 1)?,
        }
        match s.passport_number() {
            Some(n) => write!(f, " ({n})"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label as it was spelled before it was written lazily: the names present
    /// joined by a space, `specialist N` when that is empty, the passport number after.
    fn joined(value: &Value, index: usize) -> String {
        let s = Specialist { index, value };
        let name = [s.str("/surname"), s.str("/given_names")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let name = if name.is_empty() {
            format!("specialist {}", index + 1)
        } else {
            name
        };
        match s.passport_number() {
            Some(n) => format!("{name} ({n})"),
            None => name,
        }
    }

    #[test]
    fn a_label_names_the_specialist_or_their_place() {
        let cases = [
            serde_json::json!({"surname": "WANG", "given_names": "LEI", "passport": {"number": "E1"}}),
            serde_json::json!({"surname": "WANG"}),
            serde_json::json!({"given_names": "LEI", "passport": {"number": "E1"}}),
            serde_json::json!({"surname": "", "passport": {"number": "E1"}}),
            serde_json::json!({"surname": "", "given_names": ""}),
            serde_json::json!({}),
            serde_json::json!({"surname": 7, "given_names": "LEI"}),
        ];
        for value in &cases {
            let s = Specialist { index: 2, value };
            assert_eq!(s.label(), joined(value, 2), "{value}");
        }
        let s = Specialist {
            index: 2,
            value: &cases[0],
        };
        assert_eq!(s.label(), "WANG LEI (E1)");
        assert_eq!(
            Specialist {
                index: 2,
                value: &cases[5]
            }
            .label(),
            "specialist 3"
        );
    }
}
