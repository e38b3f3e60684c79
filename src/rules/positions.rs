//! The specialists' positions in the language of each document that prints them:
//! `position_ru`, `position_kk`, `position_en` beside `position` as written in the
//! contract. One warning per language and problem, counting the specialists and naming
//! the first, so a list of 40 does not bring 40 warnings.

use super::{Specialist, View};
use crate::diagnostic::{Diagnostic, clip_text};
use crate::documents::DocumentId;
use crate::language::Language;
use crate::translations::POSITION_LETTERS;

fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// Letters Kazakh has and Russian has not: a position with one is already Kazakh.
fn kazakh(text: &str) -> bool {
    text.chars().any(|c| "ӘәҒғҚқҢңӨөҰұҮүҺһІі".contains(c))
}

/// The partner notice, the one document in English that prints the positions.
const PARTNER: &[DocumentId] = &[DocumentId::PartnerNotice];

/// Whether `position` as written can stand in a document in `lang` without its variant.
fn reads_in(lang: Language, registered: &str) -> bool {
    match lang {
        Language::Ru => cyrillic(registered),
        Language::Kk => kazakh(registered),
        Language::En => !cyrillic(registered),
    }
}

/// What is wrong with a `position_<lang>` that is present, if anything.
fn suspect(lang: Language, text: &str, registered: &str) -> Option<&'static str> {
    match lang {
        Language::Ru | Language::Kk if !cyrillic(text) => Some("has no Cyrillic letter"),
        Language::Kk if text.trim() == registered.trim() && !kazakh(registered) => {
            Some("is the same as `position`")
        }
        Language::En if cyrillic(text) => Some("has Cyrillic letters"),
        _ => None,
    }
}

/// The specialists a group of warnings counts, and the first of them.
#[derive(Default)]
struct Group<'a> {
    count: usize,
    first: Option<(Specialist<'a>, &'a str)>,
}

impl<'a> Group<'a> {
    fn add(&mut self, s: Specialist<'a>, text: &'a str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((s, text));
        }
    }
}

pub(super) fn check(
    view: &View<'_>,
    state: Language,
    printed: &[Language],
    unlocked: &[DocumentId],
    out: &mut Vec<Diagnostic>,
) {
    let total = view.specialists().count();
    let mut languages = vec![state];
    languages.extend(printed.iter().filter(|l| **l != state));
    for lang in languages {
        let documents: Vec<String> = match lang {
            Language::En => PARTNER,
            _ => POSITION_LETTERS,
        }
        .iter()
        .filter(|d| unlocked.contains(d))
        .map(|d| d.file_name().trim_end_matches(".pdf").to_owned())
        .collect();
        if documents.is_empty() {
            continue;
        }
        let key = match lang {
            Language::Ru => "position_ru",
            Language::Kk => "position_kk",
            Language::En => "position_en",
        };
        let mut missing = Group::default();
        let mut wrong: Vec<(&'static str, Group<'_>)> = Vec::new();
        for s in view.specialists() {
            let Some(registered) = s.str("/position") else {
                continue;
            };
            // What the document prints without the variant (`translations::position`).
            let fallback = match lang {
                Language::Kk => s.str("/position_ru").unwrap_or(registered),
                _ => registered,
            };
            match s.str(&format!("/{key}")) {
                None if !reads_in(lang, fallback) => missing.add(s, fallback),
                None => {}
                Some(text) => {
                    if let Some(problem) = suspect(lang, text, registered) {
                        let at = wrong.iter().position(|(p, _)| *p == problem);
                        let index = at.unwrap_or_else(|| {
                            wrong.push((problem, Group::default()));
                            wrong.len() - 1
                        });
                        if let Some((_, group)) = wrong.get_mut(index) {
                            group.add(s, text);
                        }
                    }
                }
            }
        }
        let language = lang.pick("Russian", "Kazakh", "English");
        let (noun, verb) = if documents.len() == 1 {
            ("document", "prints")
        } else {
            ("letters", "print")
        };
        if let Some((first, registered)) = missing.first {
            out.push(
                Diagnostic::warning(
                    "translation-missing",
                    format!(
                        "`specialists[].{key}` is missing for {} of {total} specialists (the first: {}): \
                         the {noun} in {language} ({}) {verb} the position as the manifest has it otherwise, «{}»",
                        missing.count,
                        first.label(),
                        documents.join(", "),
                        clip_text(registered, 60)
                    ),
                )
                .help(format!(
                    "add `{key}:` beside `position:` of each specialist (the `{key}` column of the \
                     Specialists sheet) with the position in {language}, or allow the warning \
                     with `--allow translation-missing`"
                ))
                .at(first.pointer("/position")),
            );
        }
        for (problem, group) in wrong {
            let Some((first, _)) = group.first else {
                continue;
            };
            out.push(
                Diagnostic::warning(
                    "translation-suspect",
                    format!(
                        "`specialists[].{key}` {problem} for {} of {total} specialists (the first: {})",
                        group.count,
                        first.label()
                    ),
                )
                .help(format!(
                    "write the position in {language}, or leave `{key}` out to print `position`"
                ))
                .at(first.pointer(&format!("/{key}"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_script_stands_for_which_language() {
        assert!(reads_in(Language::Ru, "Инженер-мостостроитель"));
        assert!(!reads_in(Language::Ru, "Bridge engineer"));
        assert!(!reads_in(Language::Kk, "Инженер-мостостроитель"));
        assert!(reads_in(Language::Kk, "Көпір инженері"));
        assert!(reads_in(Language::En, "Bridge engineer"));
        assert!(!reads_in(Language::En, "Инженер"));
        assert_eq!(
            suspect(Language::Kk, "Инженер", "Инженер"),
            Some("is the same as `position`")
        );
        assert_eq!(
            suspect(Language::Kk, "Bridge", "Bridge"),
            Some("has no Cyrillic letter")
        );
        assert_eq!(suspect(Language::Ru, "Инженер", "Bridge engineer"), None);
        assert_eq!(
            suspect(Language::En, "Инженер", "Инженер"),
            Some("has Cyrillic letters")
        );
        assert_eq!(suspect(Language::En, "Engineer", "Engineer"), None);
    }
}
