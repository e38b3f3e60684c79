//! Scalars resolved with the YAML 1.2 core schema: plain `1985` is a number, `true` a
//! boolean, `~` null, and `2026-03-15` or `no` stay text; quoted and block scalars are
//! always text. Tags beyond the core schema's are refused.

use saphyr_parser::{ScalarStyle, Span, Tag};
use serde_json::{Number, Value};

use super::errors::{Fatal, unsupported_tag};

/// The value of one scalar as written (`raw`, its style and tag).
pub(super) fn resolve_scalar(
    raw: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: &Span,
) -> Result<Value, Fatal> {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            return match tag.suffix.as_str() {
                "str" => Ok(text(raw)),
                "null" => Ok(Value::Null),
                "bool" | "int" | "float" => Ok(plain(raw)),
                other => Err(unsupported_tag(&format!("!!{other}"), span)),
            };
        }
        return Err(unsupported_tag(
            &format!("{}{}", tag.handle, tag.suffix),
            span,
        ));
    }
    Ok(match style {
        ScalarStyle::Plain => plain(raw),
        _ => text(raw),
    })
}

fn text(raw: &str) -> Value {
    Value::String(raw.trim().to_owned())
}

fn plain(raw: &str) -> Value {
    match raw {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    // A number starts with a digit, a sign or a point: most scalars of a manifest (names,
    // addresses, dates) are text at their first byte, without scanning them for digits.
    let numeric_start = raw
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if !numeric_start {
        return text(raw);
    }
    if let Some(n) = parse_int(raw) {
        return Value::Number(n);
    }
    if looks_like_float(raw)
        && let Some(n) = raw.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Value::Number(n);
    }
    text(raw)
}

fn parse_int(raw: &str) -> Option<Number> {
    let (digits, radix) = if let Some(h) = raw.strip_prefix("0x") {
        (h, 16)
    } else if let Some(o) = raw.strip_prefix("0o") {
        (o, 8)
    } else {
        (raw, 10)
    };
    let body = digits.strip_prefix(['-', '+']).unwrap_or(digits);
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if radix != 10 && body.len() != digits.len() {
        return None;
    }
    if let Ok(i) = i64::from_str_radix(digits, radix) {
        return Some(Number::from(i));
    }
    if let Ok(u) = u64::from_str_radix(digits.trim_start_matches('+'), radix) {
        return Some(Number::from(u));
    }
    // Too large for an integer: keep it a number (the schema then says "quote it").
    digits.parse::<f64>().ok().and_then(Number::from_f64)
}

/// YAML 1.2 core float: `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`.
fn looks_like_float(raw: &str) -> bool {
    let s = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.is_empty() && digits(frac)) || (digits(int) && (frac.is_empty() || digits(frac)))
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}
