//! JSON pointers (RFC 6901), the one way every layer names a place in a manifest:
//! building them, resolving them and showing them to people. A leaf.

use serde_json::Value;

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends a token to a pointer.
pub fn pointer_join(base: &str, token: impl std::fmt::Display) -> String {
    use std::fmt::Write as _;
    // Called for every node of every manifest: one allocation when nothing needs escaping.
    let mut out = String::with_capacity(base.len() + 24);
    out.push_str(base);
    out.push('/');
    let start = out.len();
    let _ = write!(out, "{token}");
    if out[start..].contains(['~', '/']) {
        let escaped = pointer_token(&out[start..]);
        out.truncate(start);
        out.push_str(&escaped);
    }
    out
}

/// `/specialists/0/passport` → `specialists[0].passport`, the way people read paths.
pub fn pointer_display(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty() {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    if out.is_empty() {
        "(the manifest)".into()
    } else {
        out
    }
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
    fn pointer_display_reads_like_a_path() {
        assert_eq!(
            pointer_display("/specialists/3/passport/number"),
            "specialists[3].passport.number"
        );
        assert_eq!(pointer_display(""), "(the manifest)");
    }
}
