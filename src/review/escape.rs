//! The only ways text gets into the review page: [`text`] for element content and
//! [`attr`] for quoted attribute values — every manifest value goes through one of them.

use base64::Engine as _;

/// Text for element content: `&`, `<` and `>` as entities (quotes are harmless there).
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Text for a double-quoted attribute value: also both quotes.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A PNG as a `data:` URI: the page never references a file or the network.
pub fn png_uri(png: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// An id made only of `[a-z0-9-]`, safe in `id` and `href="#…"` whatever it came from.
pub fn anchor(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_values_stays_text() {
        assert_eq!(
            text("<script>alert(1)</script> & co"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
        );
        assert_eq!(
            attr("\"><img src=x onerror='y'>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;y&#39;&gt;"
        );
        assert_eq!(anchor("KCC-2026/014 \"x\""), "kcc-2026-014--x-");
    }
}
