//! `--redact`: the personal data a shared diff or review page must not show — passport
//! numbers (all but the last 2 characters masked) and dates of birth (masked whole) —
//! found in the manifests and masked wherever their text appears. A leaf.

use serde_json::Value;

/// The character that stands for a masked one.
pub const MASK: char = '•';

/// How many trailing characters of a passport number stay readable.
const KEPT: usize = 2;

/// The secrets of one or more manifests and their masked forms, longest first, so that
/// a number that contains another is masked whole.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<(String, String)>,
}

impl Redactor {
    /// The passport numbers and dates of birth of every manifest given (OLD and NEW of a
    /// diff: a number that changed is masked on both sides).
    pub fn of_manifests<'a>(manifests: impl IntoIterator<Item = &'a Value>) -> Redactor {
        let mut secrets = Vec::new();
        for manifest in manifests {
            let people = manifest.get("specialists").and_then(Value::as_array);
            for person in people.into_iter().flatten() {
                let number = person.pointer("/passport/number").and_then(Value::as_str);
                if let Some(number) = number.filter(|n| !n.trim().is_empty()) {
                    secrets.push((number.to_owned(), mask_passport(number)));
                }
                let born = person.get("date_of_birth").and_then(Value::as_str);
                if let Some(born) = born.filter(|b| !b.trim().is_empty()) {
                    secrets.push((born.to_owned(), mask_all(born)));
                    if let Some(dotted) = dotted(born) {
                        let masked = mask_all(&dotted);
                        secrets.push((dotted, masked));
                    }
                }
            }
        }
        secrets.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        secrets.dedup();
        Redactor { secrets }
    }

    /// `text` with every secret masked.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (secret, masked) in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), masked);
            }
        }
        out
    }

    /// Whether `text` holds a secret.
    pub fn finds(&self, text: &str) -> bool {
        self.secrets.iter().any(|(s, _)| text.contains(s.as_str()))
    }

    /// Every string of `value` (keys too) masked in place.
    pub fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) => {
                let entries = std::mem::take(map);
                for (key, mut v) in entries {
                    self.value(&mut v);
                    map.insert(self.text(&key), v);
                }
            }
            _ => {}
        }
    }
}

/// `E12345678` → `•••••••78`.
pub fn mask_passport(number: &str) -> String {
    let count = number.chars().count();
    let hidden = count.saturating_sub(KEPT).max(count.min(1));
    let kept: String = number.chars().skip(hidden).collect();
    std::iter::repeat_n(MASK, hidden)
        .chain(kept.chars())
        .collect()
}

/// Every letter and digit masked, separators kept: `1985-04-12` → `••••-••-••`.
pub fn mask_all(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { MASK } else { c })
        .collect()
}

/// `1985-04-12` → `12.04.1985`, the form documents print.
fn dotted(iso: &str) -> Option<String> {
    let mut parts = iso.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && y.len() == 4 && m.len() == 2 && d.len() == 2)
        .then(|| format!("{d}.{m}.{y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Value {
        serde_json::json!({
            "specialists": [
                { "date_of_birth": "1985-04-12", "passport": { "number": "E12345678" } },
                { "date_of_birth": "1990-09-03", "passport": { "number": "E1234567" } }
            ]
        })
    }

    #[test]
    fn passport_numbers_keep_their_last_two_characters() {
        assert_eq!(mask_passport("E12345678"), "•••••••78");
        assert_eq!(mask_passport("AB"), "•B");
        assert_eq!(mask_passport("A"), "•");
        assert_eq!(mask_passport(""), "");
    }

    #[test]
    fn every_form_of_a_secret_is_masked_in_text() {
        let r = Redactor::of_manifests([&manifest()]);
        let text = "WANG LEI | 12.04.1985 | E12345678; born 1985-04-12; ZHANG E1234567";
        let masked = r.text(text);
        assert_eq!(
            masked,
            "WANG LEI | ••.••.•••• | •••••••78; born ••••-••-••; ZHANG ••••••67"
        );
        assert!(r.finds(text));
        assert!(!r.finds(&masked));
    }

    #[test]
    fn values_are_masked_in_keys_and_nested_strings() {
        let r = Redactor::of_manifests([&manifest()]);
        let mut v = serde_json::json!({ "E12345678": ["1990-09-03", 7, { "x": "see E1234567" }] });
        r.value(&mut v);
        assert_eq!(
            v,
            serde_json::json!({ "•••••••78": ["••••-••-••", 7, { "x": "see ••••••67" }] })
        );
    }

    #[test]
    fn a_manifest_without_specialists_masks_nothing() {
        let r = Redactor::of_manifests([&serde_json::json!({ "id": "X" })]);
        assert_eq!(r.text("E12345678 1985-04-12"), "E12345678 1985-04-12");
    }
}
