//! The emitter: a JSON value walked in schema order, each collection written as a block,
//! in flow style when it is small, or as a literal `|` block for multi-line text.

use serde_json::{Map, Value};

use super::quote::{block_literal, scalar, string};
use crate::schema;

/// A manifest as YAML, keys in the order of the manifest schema.
pub fn manifest(value: &Value) -> String {
    let schema = schema::document(None);
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
        schema::resolve(self.schema, node).unwrap_or(node)
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
