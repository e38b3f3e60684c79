//! Scalars as YAML text. Quoting is conservative: a string is plain only when no YAML
//! reader — 1.2 core schema or 1.1 (`yes`, `on`, dates, sexagesimal numbers) — could take
//! it for anything but that string; otherwise it is double-quoted, with escapes.

use serde_json::Value;

pub(super) fn scalar(value: &Value, flow: bool) -> String {
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

pub(super) fn plain_ok(s: &str, flow: bool) -> bool {
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
pub(super) fn block_literal(s: &str) -> Option<&'static str> {
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
