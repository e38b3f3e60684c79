//! The facts each document must state (documents.md, the README's table "What each
//! document states"), each with its manifest value and the pages of the laid-out text
//! where it appears — a fact the text does not show is flagged.

use serde_json::Value;

use crate::blocks::Block;
use crate::documents::DocumentId;
use crate::language::Language;
use crate::reference;

use super::statements::{Kind, Source, specs};

/// Whether and where the text states a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// On these pages.
    On(Vec<u32>),
    /// Not in the text: these looked-for strings are not there.
    Missing(Vec<String>),
    /// The manifest has no value for it.
    NoValue,
    /// Worded by the template: not looked for.
    Wording,
}

/// One fact of a document.
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: &'static str,
    /// The manifest field (JSON pointer), when it is one.
    pub pointer: Option<&'static str>,
    /// The manifest value as shown.
    pub value: Option<String>,
    pub found: Found,
}

/// The facts `doc` must state, looked for in `text`; `ui` picks the labels' language.
pub fn facts(
    doc: DocumentId,
    manifest: &Value,
    lang: Language,
    ui: Language,
    text: &[Block],
) -> Vec<Fact> {
    let blocks: Vec<(u32, String)> = text.iter().map(|b| (b.page, squash(&b.text))).collect();
    specs(doc)
        .iter()
        .map(|(labels, source)| {
            let label = *ui.pick(&labels[0], &labels[1], &labels[2]);
            let (pointer, value, needles) = expected(*source, manifest, lang);
            let found = match (source, &value) {
                (Source::Template, _) | (Source::Field(_, Kind::Wording), Some(_)) => {
                    Found::Wording
                }
                (_, None) => Found::NoValue,
                _ => look_for(&needles, &blocks),
            };
            Fact {
                label,
                pointer,
                value,
                found,
            }
        })
        .collect()
}

fn look_for(needles: &[String], blocks: &[(u32, String)]) -> Found {
    let mut pages = Vec::new();
    let mut missing = Vec::new();
    for needle in needles.iter().map(|n| squash(n)).filter(|n| !n.is_empty()) {
        let on: Vec<u32> = blocks
            .iter()
            .filter(|(_, t)| t.contains(&needle))
            .map(|(p, _)| *p)
            .collect();
        if on.is_empty() {
            missing.push(needle);
        }
        pages.extend(on);
    }
    pages.sort_unstable();
    pages.dedup();
    if missing.is_empty() {
        Found::On(pages)
    } else {
        Found::Missing(missing)
    }
}

/// (pointer, value as shown, strings to look for in the text).
fn expected(
    source: Source,
    manifest: &Value,
    lang: Language,
) -> (Option<&'static str>, Option<String>, Vec<String>) {
    let people = approved(manifest);
    match source {
        Source::Template => (None, None, Vec::new()),
        Source::Count => {
            let n = people.len();
            (
                Some("/specialists"),
                Some(n.to_string()),
                vec![format!("{n} (")],
            )
        }
        Source::Persons => {
            let needles: Vec<String> = people
                .iter()
                .flat_map(|p| [p.pointer("/passport/number"), p.get("surname")])
                .filter_map(|v| v.and_then(Value::as_str).map(str::to_owned))
                .collect();
            let shown = people
                .iter()
                .map(|p| {
                    format!(
                        "{} {} ({})",
                        s(p, "/surname"),
                        s(p, "/given_names"),
                        s(p, "/passport/number")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            (
                Some("/specialists"),
                (!people.is_empty()).then_some(shown),
                needles,
            )
        }
        Source::Field(pointer, kind) => {
            let Some(value) = variant(manifest, pointer, lang) else {
                return (Some(pointer), None, Vec::new());
            };
            let (shown, needle) = printed(value, kind, lang);
            (Some(pointer), Some(shown), needle.into_iter().collect())
        }
    }
}

/// The value in the document's language: `name_kk` for a Kazakh letter when given.
fn variant<'a>(manifest: &'a Value, pointer: &str, lang: Language) -> Option<&'a Value> {
    let localized = match lang {
        Language::Ru => None,
        other => manifest.pointer(&format!("{pointer}_{}", other.as_str())),
    };
    localized
        .or_else(|| manifest.pointer(pointer))
        .filter(|v| !v.is_null())
}

fn printed(value: &Value, kind: Kind, lang: Language) -> (String, Option<String>) {
    let text = value
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| match value {
            Value::Bool(true) => lang.pick("да", "иә", "yes").to_owned(),
            Value::Bool(false) => lang.pick("нет", "жоқ", "no").to_owned(),
            Value::Object(_) => format!("{}, {}", s(value, "/country"), s(value, "/city")),
            other => other.to_string(),
        });
    let pick = |ru: &str, kk: &str, en: &str| lang.pick(ru, kk, en).to_owned();
    let needle = match kind {
        Kind::Text => Some(first_words(&text)),
        Kind::Date => crate::dates::parse_date(&text).map(crate::dates::dotted),
        Kind::Country => reference::country(&text).map(|c| pick(&c.ru, &c.kk, &c.en)),
        Kind::Checkpoint => reference::checkpoint(&text).map(|c| pick(c.ru, c.kk, c.en)),
        Kind::VisaPost => reference::visa_post_city(&s(value, "/country"), &s(value, "/city"))
            .map(|c| pick(c.ru, c.kk, c.en))
            .or_else(|| Some(s(value, "/city"))),
        Kind::Wording => None,
    };
    let shown = match (kind, &needle) {
        (Kind::Country | Kind::Checkpoint | Kind::VisaPost, Some(name)) => {
            format!("{text} ({name})")
        }
        _ => text,
    };
    (shown, needle)
}

/// A long value (a project description) is looked for by its first sixty characters.
fn first_words(text: &str) -> String {
    let text = squash(text);
    if text.chars().count() <= 60 {
        return text;
    }
    let cut: String = text.chars().take(60).collect();
    match cut.rfind(' ') {
        Some(k) => cut[..k].to_owned(),
        None => cut,
    }
}

/// Whitespace runs (line breaks of a YAML block, no-break spaces) as one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn s(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The specialists the IC approved (all before a decision or with `all`), as `Case::approved`.
fn approved(manifest: &Value) -> Vec<&Value> {
    let list = manifest
        .pointer("/ic_decision/approved")
        .and_then(Value::as_array);
    let people = manifest.get("specialists").and_then(Value::as_array);
    people
        .into_iter()
        .flatten()
        .filter(|p| list.is_none_or(|l| l.iter().any(|n| Some(n) == p.pointer("/passport/number"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Value {
        serde_json::json!({
            "project": { "entry_date": "2026-03-01", "entry_checkpoint": "Khorgos" },
            "visa_support": { "number": "0012345678", "date": "2026-02-05" },
            "specialists": [{ "surname": "WANG", "given_names": "LEI", "passport": { "number": "E12345678" } }]
        })
    }

    #[test]
    fn a_fact_the_text_lacks_is_flagged_and_the_others_have_pages() {
        let text = [
            Block::paragraph("Въезд 01.03.2026 через пункт пропуска.", 1),
            Block::row("1 | WANG LEI | E12345678", 2, Some("E12345678"), Some(1)),
        ];
        let facts = facts(
            DocumentId::BorderNotice,
            &manifest(),
            Language::Ru,
            Language::Ru,
            &text,
        );
        let found = |label: &str| {
            facts
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.found.clone())
        };
        assert_eq!(found("дата въезда"), Some(Found::On(vec![1])));
        assert_eq!(
            found("список специалистов (паспорта)"),
            Some(Found::On(vec![2]))
        );
        assert_eq!(
            found("номер визовой поддержки"),
            Some(Found::Missing(vec!["0012345678".into()]))
        );
    }

    #[test]
    fn a_value_the_manifest_lacks_is_flagged_too() {
        let mut m = manifest();
        m["project"]
            .as_object_mut()
            .map(|p| p.remove("entry_checkpoint"));
        let facts = facts(
            DocumentId::BorderNotice,
            &m,
            Language::Ru,
            Language::Ru,
            &[],
        );
        assert_eq!(facts.first().map(|f| f.found.clone()), Some(Found::NoValue));
    }
}
