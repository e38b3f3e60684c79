//! Which manifest values a template error quotes: an override that panics with a value,
//! or fails inside one a tag printed, names the value; the caller then shows where in
//! the manifest it stands. The rule: a string value of at least [`MIN_CHARS`]
//! characters, found as it is (or as a Typst string literal escapes it) and not as part
//! of a longer word or number; longer values first, a shorter one inside a longer one
//! found there does not count; at most [`MAX_VALUES`], in the order the text has them.

use serde_json::Value;

use crate::pointer::pointer_join;

/// Shorter values (`M`, `ru`, `1`) would be found in any message.
pub const MIN_CHARS: usize = 3;

/// More values than this are counted, not listed.
pub const MAX_VALUES: usize = 3;

/// A manifest value found in an error's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub pointer: String,
    pub value: String,
}

/// The manifest values `text` quotes (see the module docs), and how many
/// more there were past [`MAX_VALUES`].
pub fn quoted_values(text: &str, manifest: &Value) -> (Vec<Quoted>, usize) {
    let mut strings = Vec::new();
    collect(manifest, String::new(), &mut strings);
    strings.retain(|(_, s)| s.chars().count() >= MIN_CHARS);
    strings.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    // Byte ranges of `text` a longer value already took.
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut found: Vec<(usize, Quoted)> = Vec::new();
    for (pointer, value) in strings {
        let ranges: Vec<_> = [value.clone(), escaped(&value)]
            .iter()
            .flat_map(|form| occurrences(text, form))
            .collect();
        let free: Vec<_> = ranges
            .into_iter()
            .filter(|r| {
                !taken
                    .iter()
                    .any(|t| t.start <= r.start && r.end <= t.end && *t != *r)
            })
            .collect();
        if free.is_empty() {
            continue;
        }
        let first = free.iter().map(|r| r.start).min().unwrap_or_default();
        taken.extend(free);
        found.push((first, Quoted { pointer, value }));
    }
    // In the order the text quotes them.
    found.sort_by_key(|(first, _)| *first);
    let more = found.len().saturating_sub(MAX_VALUES);
    let found = found.into_iter().take(MAX_VALUES).map(|(_, q)| q).collect();
    (found, more)
}

fn collect(value: &Value, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((pointer, s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, pointer_join(&pointer, i), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                collect(item, pointer_join(&pointer, key), out);
            }
        }
        _ => {}
    }
}

/// The value as a Typst string literal writes it, without the quotes.
fn escaped(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// Where `needle` stands in `text` with no letter or digit right before or after it.
fn occurrences(text: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle)
        .map(|(at, _)| at..at + needle.len())
        .filter(|r| {
            !word(text[..r.start].chars().next_back()) && !word(text[r.end..].chars().next())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_values_of_three_characters_or_more_are_found_longest_first() {
        let manifest = serde_json::json!({
            "project": { "title": "Мост через Или", "code": "Или" },
            "specialists": [{ "surname": "WANG", "sex": "M", "given_names": "LEI" }],
            "note": "say \"hi\"",
        });
        let pointers = |text: &str| -> Vec<String> {
            quoted_values(text, &manifest)
                .0
                .into_iter()
                .map(|q| q.pointer)
                .collect()
        };
        assert_eq!(
            pointers("panicked with: Мост через Или"),
            ["/project/title"]
        );
        assert_eq!(
            pointers("panicked with: WANG, LEI, M"),
            ["/specialists/0/surname", "/specialists/0/given_names"]
        );
        // Inside a longer word, or shorter than three characters: not quoted.
        assert!(pointers("WANGARI is not M").is_empty());
        assert_eq!(pointers(r#"expected "say \"hi\"""#), ["/note"]);
        let many = serde_json::json!(["aaa", "bbb", "ccc", "ddd", "eee"]);
        let (found, more) = quoted_values("aaa bbb ccc ddd eee", &many);
        assert_eq!((found.len(), more), (MAX_VALUES, 2));
    }
}
