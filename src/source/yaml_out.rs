//! JSON value → YAML text, for `convert` (serde_yaml is deprecated; the output needs
//! little of it). Keys follow the schema's order; small leaf mappings are written in flow
//! style as in the example manifests; multi-line text is a literal `|` block.
//!
//! Quoting is conservative: a string is plain only when no YAML reader — 1.2 core schema
//! or 1.1 (`yes`, `on`, dates, sexagesimal numbers) — could take it for anything but that
//! string. Whatever starts with a digit, a sign or an indicator is double-quoted, so BINs,
//! phone numbers and dates stay text everywhere.

use serde_json::{Map, Value};

/// A manifest as YAML, keys in the order of the manifest schema.
pub fn manifest(value: &Value) -> String {
    let schema = crate::schema::document(None);
    let mut e = Emitter {
        schema: &schema,
        out: String::new(),
    };
    e.document(value, Some(&schema));
    e.out
}

/// Any value as YAML, keys in their own order.
pub fn to_yaml(value: &Value) -> String {
    let empty = Value::Null;
    let mut e = Emitter {
        schema: &empty,
        out: String::new(),
    };
    e.document(value, None);
    e.out
}

/// Longest line a flow mapping or sequence may make.
const FLOW_WIDTH: usize = 88;

struct Emitter<'s> {
    schema: &'s Value,
    out: String,
}

impl<'s> Emitter<'s> {
    fn resolve(&self, node: &'s Value) -> &'s Value {
        node.get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| self.schema.pointer(p))
            .unwrap_or(node)
    }

    fn property(&self, node: Option<&'s Value>, key: &str) -> Option<&'s Value> {
        let node = self.resolve(node?);
        node.get("properties")?.get(key)
    }

    fn items(&self, node: Option<&'s Value>) -> Option<&'s Value> {
        let node = self.resolve(node?);
        node.get("items")
            .or_else(|| node.get("else").and_then(|e| e.get("items")))
    }

    /// Entries of `map` in schema order, then any others in their own order.
    fn ordered<'v>(
        &self,
        map: &'v Map<String, Value>,
        node: Option<&'s Value>,
    ) -> Vec<(&'v String, &'v Value)> {
        let props = node
            .map(|n| self.resolve(n))
            .and_then(|n| n.get("properties"))
            .and_then(Value::as_object);
        let mut out: Vec<(&String, &Value)> = Vec::with_capacity(map.len());
        if let Some(props) = props {
            for key in props.keys() {
                if let Some((k, v)) = map.get_key_value(key) {
                    out.push((k, v));
                }
            }
        }
        for (k, v) in map {
            if !props.is_some_and(|p| p.contains_key(k)) {
                out.push((k, v));
            }
        }
        out
    }

    fn document(&mut self, value: &Value, node: Option<&'s Value>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                let entries = self.ordered(map, node);
                for (i, (k, v)) in entries.iter().enumerate() {
                    // A blank line before each section, as people write manifests.
                    if i > 0 && is_block(v) {
                        self.out.push('\n');
                    }
                    self.entry(k, v, self.property(node, k), 0);
                }
            }
            Value::Array(items) if !items.is_empty() => self.sequence(items, self.items(node), 0),
            other => {
                self.out.push_str(&scalar(other, false));
                self.out.push('\n');
            }
        }
    }

    /// `key: value` at `indent`, the value inline, in flow style, or as a block below.
    fn entry(&mut self, key: &str, value: &Value, node: Option<&'s Value>, indent: usize) {
        self.out.push_str(&" ".repeat(indent));
        self.out.push_str(&string(key, false));
        self.out.push(':');
        self.value_after_key(value, node, indent);
    }

    /// Ends the key's line with the collection in flow style where it fits (true), or
    /// just ends it, for the block lines that follow (false).
    fn flow_line(&mut self, value: &Value, node: Option<&'s Value>, indent: usize) -> bool {
        let flow = self.flow(value, node, indent);
        if let Some(flow) = &flow {
            self.out.push(' ');
            self.out.push_str(flow);
        }
        self.out.push('\n');
        flow.is_some()
    }

    fn value_after_key(&mut self, value: &Value, node: Option<&'s Value>, indent: usize) {
        match value {
            Value::String(s) if block_literal(s).is_some() => {
                self.literal(s, indent + 2);
            }
            Value::Object(map) if !map.is_empty() => {
                if !self.flow_line(value, node, indent) {
                    for (k, v) in self.ordered(map, node) {
                        self.entry(k, v, self.property(node, k), indent + 2);
                    }
                }
            }
            Value::Array(items) if !items.is_empty() => {
                if !self.flow_line(value, node, indent) {
                    self.sequence(items, self.items(node), indent + 2);
                }
            }
            other => {
                self.out.push(' ');
                self.out.push_str(&scalar(other, false));
                self.out.push('\n');
            }
        }
    }

    fn sequence(&mut self, items: &[Value], node: Option<&'s Value>, indent: usize) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match item {
                Value::Object(map) if !map.is_empty() => {
                    // The first entry on the dash's line, the others aligned under it.
                    for (i, (k, v)) in self.ordered(map, node).into_iter().enumerate() {
                        if i == 0 {
                            self.out.push(' ');
                            self.out.push_str(&string(k, false));
                            self.out.push(':');
                            self.value_after_key(v, self.property(node, k), indent + 2);
                        } else {
                            self.entry(k, v, self.property(node, k), indent + 2);
                        }
                    }
                }
                Value::Array(inner) if !inner.is_empty() => {
                    self.out.push('\n');
                    self.sequence(inner, self.items(node), indent + 2);
                }
                Value::String(s) if block_literal(s).is_some() => self.literal(s, indent + 2),
                other => {
                    self.out.push(' ');
                    self.out.push_str(&scalar(other, false));
                    self.out.push('\n');
                }
            }
        }
    }

    /// ` |-` and the lines of `s` at `indent`.
    fn literal(&mut self, s: &str, indent: usize) {
        let header = block_literal(s).unwrap_or("|-");
        self.out.push(' ');
        self.out.push_str(header);
        self.out.push('\n');
        let body = s.strip_suffix('\n').unwrap_or(s);
        for line in body.split('\n') {
            if !line.is_empty() {
                self.out.push_str(&" ".repeat(indent));
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
    }

    /// `{ k: v, … }` or `[a, b]` for a collection of short scalars that fits on the line.
    fn flow(&self, value: &Value, node: Option<&'s Value>, indent: usize) -> Option<String> {
        // Sections at the top stay blocks: they are what a reader scans for.
        if indent == 0 {
            return None;
        }
        let text = match value {
            Value::Object(map) => {
                if map.len() > 3 {
                    return None;
                }
                let mut parts = Vec::new();
                for (k, v) in self.ordered(map, node) {
                    if !is_flow_scalar(v) {
                        return None;
                    }
                    parts.push(format!("{}: {}", string(k, true), scalar(v, true)));
                }
                format!("{{ {} }}", parts.join(", "))
            }
            Value::Array(items) => {
                if !items.iter().all(is_flow_scalar) {
                    return None;
                }
                let parts: Vec<String> = items.iter().map(|v| scalar(v, true)).collect();
                format!("[{}]", parts.join(", "))
            }
            _ => return None,
        };
        (indent + text.chars().count() + 24 <= FLOW_WIDTH).then_some(text)
    }
}

fn is_block(v: &Value) -> bool {
    matches!(v, Value::Object(m) if !m.is_empty()) || matches!(v, Value::Array(a) if !a.is_empty())
}

fn is_flow_scalar(v: &Value) -> bool {
    match v {
        Value::String(s) => !s.contains('\n'),
        Value::Object(_) | Value::Array(_) => false,
        _ => true,
    }
}

fn scalar(value: &Value, flow: bool) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, flow),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

/// A string, plain when that is unambiguous, else double-quoted.
pub fn string(s: &str, flow: bool) -> String {
    if plain_ok(s, flow) {
        s.to_owned()
    } else {
        double_quoted(s)
    }
}

/// Words some YAML reader (1.1 or 1.2) takes for a boolean or null.
const RESERVED: [&str; 11] = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
];

fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || !s.chars().all(printable) {
        return false;
    }
    if first.is_ascii_digit() || "-?:,[]{}#&*!|>'\"%@`+.~<=\\".contains(first) {
        return false;
    }
    if RESERVED.contains(&s.to_lowercase().as_str()) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    !(flow && s.contains([',', '[', ']', '{', '}', ':', '#']))
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// The header of a literal block for `s` (`|-`, `|`), or `None` when a block would not
/// read back exactly (leading spaces, whitespace-only lines, control characters).
fn block_literal(s: &str) -> Option<&'static str> {
    if !s.contains('\n') || s.starts_with([' ', '\n', '\t']) {
        return None;
    }
    if !s.chars().all(|c| c == '\n' || c == '\t' || printable(c)) {
        return None;
    }
    let body = s.strip_suffix('\n');
    if body.is_some_and(|b| b.ends_with('\n')) {
        return None;
    }
    let lines = body.unwrap_or(s);
    if lines
        .split('\n')
        .any(|l| !l.is_empty() && l.trim().is_empty() || l.ends_with([' ', '\t']))
    {
        return None;
    }
    Some(if body.is_some() { "|" } else { "|-" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml;
    use serde_json::json;

    fn back(text: &str) -> Value {
        match yaml::parse(text.as_bytes()) {
            Ok(doc) => doc.value,
            Err(_) => panic!("does not parse:\n{text}"),
        }
    }

    #[test]
    fn quotes_what_could_be_read_otherwise() {
        for s in [
            "180340021830",
            "0012345678",
            "true",
            "Yes",
            "no",
            "null",
            "~",
            "2026-03-15",
            "+7 727 000 00 00",
            "1:20",
            "- x",
            "a: b",
            "a #b",
            "x:",
            ".5",
            "@x",
            "",
            " x",
            "'q'",
            "\"q\"",
            "*a",
            "&a",
            "!t",
            "%x",
            "<<",
            "=",
            "a\tb",
        ] {
            assert!(!plain_ok(s, false), "{s:?} should be quoted");
            let text = to_yaml(&json!({ "k": s }));
            assert_eq!(back(&text)["k"], json!(s.trim()), "{text}");
        }
        for s in [
            "WANG",
            "KCC-2026-014",
            "office@example.kz",
            "scans/wang-lei.pdf",
            "ТОО «Компания»",
            "王磊",
            "Li Wei, Jr",
        ] {
            assert!(plain_ok(s, false), "{s:?} can be plain");
        }
        assert!(!plain_ok("Li Wei, Jr", true));
    }

    #[test]
    fn manifest_layout() {
        let v = json!({
            "id": "X-1",
            "manifest_version": 1,
            "project": {
                "description": "line one\nline two",
                "contract": { "number": "17", "date": "2025-11-16" },
                "title": "T"
            },
            "specialists": [ { "surname": "WANG", "passport": { "number": "E1", "issued": "2020-01-01" } } ],
            "ic_decision": { "approved": ["E1", "E2"] }
        });
        let text = manifest(&v);
        assert!(text.starts_with("manifest_version: 1\nid: X-1\n"), "{text}");
        assert!(
            text.contains("  description: |-\n    line one\n    line two\n"),
            "{text}"
        );
        assert!(
            text.contains("  contract: { number: \"17\", date: \"2025-11-16\" }\n"),
            "{text}"
        );
        assert!(
            text.contains("specialists:\n  - surname: WANG\n    passport:"),
            "{text}"
        );
        assert!(text.contains("approved: [E1, E2]"), "{text}");
        assert_eq!(back(&text), v);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back(key in "\\PC{0,12}", text in proptest::prelude::any::<String>(), lines in proptest::collection::vec("\\PC{1,20}", 2..5)) {
            let multi = lines.join("\n");
            let v = json!({ key.trim(): { "a": text, "b": [text, 1], "c": multi } });
            let doc = back(&to_yaml(&v));
            // The reader trims text, as it does for every manifest.
            let want = json!({ key.trim(): { "a": text.trim(), "b": [text.trim(), 1], "c": multi.trim() } });
            proptest::prop_assert_eq!(doc, want);
        }
    }

    #[test]
    fn escapes_and_blocks() {
        let v = json!({
            "a": "tab\there \u{1} \u{85} \u{2028} \u{FEFF} 😀 \\ \"",
            "b": "first\n\nthird\n",
            "c": "x\n  indented\nend",
            "d": "trailing \nspace",
            "e": [],
            "f": {},
            "g": [[1, 2], {"k": null}],
            "h": 1.5,
        });
        let text = to_yaml(&v);
        let mut want = v.clone();
        // The reader trims text.
        want["b"] = json!("first\n\nthird");
        assert_eq!(back(&text), want, "{text}");
    }
}
