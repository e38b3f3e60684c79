//! Letters wholly in their language: a variant (`_kk`, `_en`) a document of this case
//! will print is missing (`translation-missing`), or present but not in its language
//! (`translation-suspect`). The fields and the documents that print them:
//! [`crate::translations::TRANSLATED`].

use super::{RuleContext, View, positions};
use crate::diagnostic::{Diagnostic, clip_text};
use crate::documents::DocumentId;
use crate::language::Language;
use crate::pointer::pointer_display;
use crate::stage::Stage;
use crate::translations::{TRANSLATED, Translated};

/// People's names are written as in their identity documents: the Kazakh spelling is
/// often the Russian one, so an identical `_kk` is no sign of a forgotten translation.
const PERSON_NAMES: [&str; 2] = [
    "/inviting_party/signatory/name",
    "/inviting_party/contact/name",
];

pub(super) fn check(view: &View<'_>, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let state = ctx
        .lang
        .or_else(|| view.str("/language").and_then(|l| l.parse().ok()))
        .unwrap_or(Language::Ru);
    let mut printed = Vec::new();
    if state == Language::Kk {
        printed.push(Language::Kk);
    }
    if ctx.stage >= Stage::Notification {
        printed.push(Language::En);
    }
    let unlocked: Vec<DocumentId> = DocumentId::unlocked_by(ctx.stage).collect();
    positions::check(view, state, &printed, &unlocked, out);
    for t in TRANSLATED {
        let Some(registered) = view.str(t.field) else {
            continue;
        };
        for lang in [Language::Kk, Language::En] {
            let Some(variant) = t.variant(lang) else {
                continue;
            };
            match view.str(&variant) {
                Some(text) => suspect(t, lang, &variant, text, registered, out),
                None if printed.contains(&lang) => {
                    let documents: Vec<String> = t
                        .documents(lang)
                        .iter()
                        .filter(|d| unlocked.contains(d))
                        .map(|d| d.file_name().trim_end_matches(".pdf").to_owned())
                        .collect();
                    if !documents.is_empty() {
                        out.push(missing(t, lang, &variant, registered, &documents));
                    }
                }
                None => {}
            }
        }
    }
}

fn language_name(lang: Language) -> &'static str {
    lang.pick("Russian", "Kazakh", "English")
}

fn missing(
    t: &Translated,
    lang: Language,
    variant: &str,
    registered: &str,
    documents: &[String],
) -> Diagnostic {
    let key = variant.rsplit('/').next().unwrap_or(variant);
    let beside = t.field.rsplit('/').next().unwrap_or(t.field);
    Diagnostic::warning(
        "translation-missing",
        format!(
            "`{}` is missing: the {} in {} ({}) {} `{}` as registered, «{}»",
            pointer_display(variant),
            if documents.len() == 1 { "document" } else { "letters" },
            language_name(lang),
            documents.join(", "),
            if documents.len() == 1 { "prints" } else { "print" },
            pointer_display(t.field),
            clip_text(registered, 60)
        ),
    )
    .help(format!(
        "add `{key}:` beside `{beside}:` with the text in {}, or allow the warning with `--allow translation-missing`",
        language_name(lang)
    ))
    .at(t.field)
}

fn suspect(
    t: &Translated,
    lang: Language,
    variant: &str,
    text: &str,
    registered: &str,
    out: &mut Vec<Diagnostic>,
) {
    let cyrillic = text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    let problem = match lang {
        Language::Kk if !cyrillic => {
            Some("has no Cyrillic letter: Kazakh documents are written in Cyrillic".to_owned())
        }
        Language::Kk if text.trim() == registered.trim() && !PERSON_NAMES.contains(&t.field) => {
            Some(format!(
                "is the same as `{}`: the Kazakh letters would print the registered text",
                pointer_display(t.field)
            ))
        }
        Language::En if cyrillic => {
            Some("has Cyrillic letters: the foreign partner reads Latin letters".to_owned())
        }
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(
            Diagnostic::warning(
                "translation-suspect",
                format!("`{}` {problem}", pointer_display(variant)),
            )
            .help(format!(
                "write the text in {}, or leave `{}` out to print the registered value",
                language_name(lang),
                variant.rsplit('/').next().unwrap_or(variant)
            ))
            .at(variant),
        );
    }
}
