//! A tolerant typed view of a manifest for the rules: a value of the wrong type reads
//! as absent (the schema has already reported it).

use serde_json::Value;
use time::{Date, Month};

/// Parses an ISO `YYYY-MM-DD` date; anything else is `None`.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
    if !s
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let month = Month::try_from(num(5..7)? as u8).ok()?;
    Date::from_calendar_date(num(0..4)? as i32, month, num(8..10)? as u8).ok()
}

/// The value at a JSON pointer, like [`Value::pointer`] but without allocating for
/// tokens that need no unescaping (the rules look up hundreds of literal pointers).
pub fn lookup<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    let mut node = root;
    for token in rest.split('/') {
        let unescaped;
        let token = if token.contains('~') {
            unescaped = token.replace("~1", "/").replace("~0", "~");
            unescaped.as_str()
        } else {
            token
        };
        node = match node {
            Value::Object(map) => map.get(token)?,
            Value::Array(list) => list.get(array_index(token)?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// An array index token as RFC 6901 spells it: no sign, no leading zeros.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

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
        let name = [self.str("/surname"), self.str("/given_names")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let name = if name.is_empty() {
            format!("specialist {}", self.index + 1)
        } else {
            name
        };
        match self.passport_number() {
            Some(n) => format!("{name} ({n})"),
            None => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_agrees_with_serde_json() {
        let v = serde_json::json!({"a": {"b/c": [1, {"~d": 2}]}, "": 3});
        for p in [
            "",
            "/a",
            "/a/b~1c",
            "/a/b~1c/1/~0d",
            "/a/b~1c/01",
            "/a/b~1c/+1",
            "/",
            "/x",
            "a",
        ] {
            assert_eq!(lookup(&v, p), v.pointer(p), "{p}");
        }
    }

    #[test]
    fn dates() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("+026-02-03").is_none());
        assert!(parse_date("03/04/2026").is_none());
    }
}
