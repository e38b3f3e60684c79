//! The fields a manifest may carry in more than one language, and which documents print
//! each variant. One table for the render context (which value a document prints), the
//! `translation-missing` rule (which variant a case still lacks) and the README.
//!
//! The unsuffixed field is the value as registered (usually Russian); `<field>_kk` is
//! printed by documents in Kazakh, `<field>_en` by the partner notice (English).

use crate::documents::DocumentId;
use crate::language::Language;
use crate::model::Specialist;

/// A field with language variants.
#[derive(Debug, Clone, Copy)]
pub struct Translated {
    /// JSON pointer of the unsuffixed field (`/inviting_party/name`).
    pub field: &'static str,
    /// The documents that print its `_kk` variant when they are in Kazakh.
    pub kk: &'static [DocumentId],
    /// The documents that print its `_en` variant (the partner notice, in English);
    /// `None` when the field has no `_en` variant in the schema.
    pub en: Option<&'static [DocumentId]>,
}

impl Translated {
    /// The pointer of the variant in `lang` (`/inviting_party/name_kk`); `None` for
    /// Russian, and for a language the field has no variant in.
    pub fn variant(&self, lang: Language) -> Option<String> {
        match lang {
            Language::Ru => None,
            Language::Kk => Some(format!("{}_kk", self.field)),
            Language::En => self.en.map(|_| format!("{}_en", self.field)),
        }
    }

    /// The embedded documents that print the variant in `lang`.
    pub fn documents(&self, lang: Language) -> &'static [DocumentId] {
        match lang {
            Language::Ru => &[],
            Language::Kk => self.kk,
            Language::En => self.en.unwrap_or_default(),
        }
    }
}

use DocumentId::{
    AkimatNotification, AkimatRequest, BorderNotice, ConsularNotice, HealthNotice,
    MigrationPetition, PartnerNotice,
};

/// Every letter to a state body: the letterhead, the signature and the executor line.
const STATE_LETTERS: &[DocumentId] = &[
    AkimatRequest,
    MigrationPetition,
    AkimatNotification,
    BorderNotice,
    HealthNotice,
    ConsularNotice,
];
const PARTNER: &[DocumentId] = &[PartnerNotice];
const PROJECT_LETTERS: &[DocumentId] = &[
    AkimatRequest,
    MigrationPetition,
    AkimatNotification,
    HealthNotice,
];

/// The fields with language variants. `inviting_party.name_en` is required (manifest.md)
/// and so never missing; the partner notice names the project and the place of work
/// (`title_en`, `location_en`); the description has no English variant (the partner
/// notice does not describe the project).
#[rustfmt::skip]
pub const TRANSLATED: &[Translated] = &[
    Translated { field: "/inviting_party/name", kk: STATE_LETTERS, en: Some(PARTNER) },
    Translated { field: "/inviting_party/address", kk: STATE_LETTERS, en: Some(PARTNER) },
    Translated { field: "/inviting_party/signatory/name", kk: STATE_LETTERS, en: Some(PARTNER) },
    Translated { field: "/inviting_party/signatory/position", kk: STATE_LETTERS, en: Some(PARTNER) },
    Translated { field: "/inviting_party/contact/name", kk: STATE_LETTERS, en: Some(PARTNER) },
    Translated { field: "/project/title", kk: PROJECT_LETTERS, en: Some(PARTNER) },
    Translated { field: "/project/description", kk: &[AkimatRequest], en: None },
    Translated { field: "/project/location", kk: PROJECT_LETTERS, en: Some(PARTNER) },
];

/// The value a document in `lang` prints: the variant when there is one, else the
/// unsuffixed value as registered.
pub fn pick<'a>(
    lang: Language,
    registered: &'a str,
    kk: Option<&'a str>,
    en: Option<&'a str>,
) -> &'a str {
    match lang {
        Language::Ru => registered,
        Language::Kk => kk.unwrap_or(registered),
        Language::En => en.unwrap_or(registered),
    }
}

/// The documents that print the specialists' positions, in the state language (and, with
/// `position_en`, the partner notice).
pub const POSITION_LETTERS: &[DocumentId] = &[
    AkimatRequest,
    MigrationPetition,
    AkimatNotification,
    HealthNotice,
];

/// The position a document in `lang` prints: `position_ru`, `position_kk` or
/// `position_en`, else `position` as written (the only field with a Russian variant: a
/// contract often names the position in English only). A Kazakh letter without
/// `position_kk` prints `position_ru` before an English `position`: a state body reads both.
pub fn position(s: &Specialist, lang: Language) -> &str {
    let variant = match lang {
        Language::Ru => s.position_ru.as_deref(),
        Language::Kk => s.position_kk.as_deref().or(s.position_ru.as_deref()),
        Language::En => s.position_en.as_deref(),
    };
    variant.unwrap_or(&s.position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_fallbacks() {
        let t = TRANSLATED[1];
        assert_eq!(
            t.variant(Language::Kk).as_deref(),
            Some("/inviting_party/address_kk")
        );
        assert_eq!(t.variant(Language::Ru), None);
        assert_eq!(pick(Language::Kk, "ru", Some("kk"), Some("en")), "kk");
        assert_eq!(pick(Language::Kk, "ru", None, Some("en")), "ru");
        assert_eq!(pick(Language::En, "ru", Some("kk"), None), "ru");
        assert_eq!(pick(Language::Ru, "ru", Some("kk"), Some("en")), "ru");
    }

    /// Every variant the table names exists in the schema, with a description.
    #[test]
    fn every_variant_is_in_the_schema() {
        let schema = crate::schema::document(None);
        for t in TRANSLATED {
            for lang in [Language::Kk, Language::En] {
                let Some(variant) = t.variant(lang) else {
                    continue;
                };
                let (parent, name) = variant.rsplit_once('/').unwrap_or_default();
                let node = crate::schema::node_at(&schema, parent)
                    .and_then(|n| n.get("properties"))
                    .and_then(|p| p.get(name));
                assert!(
                    node.and_then(|n| n.get("description")).is_some(),
                    "{variant} has no described property in the schema"
                );
            }
        }
    }
}
