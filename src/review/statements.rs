//! What each document must state, as data: documents.md's column "must state" and the
//! README's table, each fact with its labels (ru, kk, en) and where its value comes from.

use crate::documents::DocumentId;

/// How a manifest value is printed in a letter, so it can be looked for in the text.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// As written (the `_kk`/`_en` variant in that language when the manifest has one).
    Text,
    Date,
    Country,
    VisaPost,
    Checkpoint,
    /// Shown, not looked for: the template words it.
    Wording,
}

#[derive(Debug, Clone, Copy)]
pub enum Source {
    Field(&'static str, Kind),
    /// The number of specialists, in figures before the words: `2 (два)`.
    Count,
    /// The approved specialists: every passport number and surname.
    Persons,
    /// Template wording only.
    Template,
}

/// (ru, kk, en) label and where the value comes from.
pub type Spec = ([&'static str; 3], Source);

const COMPANY: Spec = (
    ["компания", "компания", "company"],
    Source::Field("/inviting_party/name", Kind::Text),
);
const BIN: Spec = (
    ["БИН", "БСН", "BIN"],
    Source::Field("/inviting_party/bin", Kind::Text),
);
const SOCIAL: Spec = (
    [
        "социально значимая",
        "әлеуметтік маңызы бар",
        "socially significant",
    ],
    Source::Field("/inviting_party/socially_significant", Kind::Wording),
);
const DESCRIPTION: Spec = (
    [
        "описание проекта",
        "жоба сипаттамасы",
        "project description",
    ],
    Source::Field("/project/description", Kind::Text),
);
const LOCATION: Spec = (
    [
        "место работ и пребывания",
        "жұмыс және болу орны",
        "place of work and stay",
    ],
    Source::Field("/project/location", Kind::Text),
);
const CONTRACT_NUMBER: Spec = (
    ["номер контракта", "келісімшарт нөмірі", "contract number"],
    Source::Field("/project/contract/number", Kind::Text),
);
const CONTRACT_DATE: Spec = (
    ["дата контракта", "келісімшарт күні", "contract date"],
    Source::Field("/project/contract/date", Kind::Date),
);
const PARTNER: Spec = (
    ["партнёр", "серіктес", "partner"],
    Source::Field("/foreign_partner/name", Kind::Text),
);
const PARTNER_COUNTRY: Spec = (
    ["страна партнёра", "серіктестің елі", "partner's country"],
    Source::Field("/foreign_partner/country", Kind::Country),
);
const COUNT: Spec = (
    [
        "число специалистов",
        "мамандар саны",
        "number of specialists",
    ],
    Source::Count,
);
const ENTRY: Spec = (
    ["дата въезда", "келу күні", "entry date"],
    Source::Field("/project/entry_date", Kind::Date),
);
const EXIT: Spec = (
    ["дата выезда", "кету күні", "exit date"],
    Source::Field("/project/exit_date", Kind::Date),
);
const VISA_POST: Spec = (
    ["визовый пункт", "визалық пункт", "visa post"],
    Source::Field("/project/visa_post", Kind::VisaPost),
);
const LEGAL_BASIS: Spec = (
    [
        "правовое основание (п. 26), просьба внести список в МВК",
        "құқықтық негіз (26-т.), тізімді ВАК-қа енгізу өтініші",
        "legal basis (para. 26), request to bring the list to the IC",
    ],
    Source::Template,
);
const LIST: Spec = (
    [
        "список специалистов (паспорта)",
        "мамандар тізімі (паспорттар)",
        "list of specialists (passports)",
    ],
    Source::Persons,
);
const MINUTES: Spec = (
    [
        "номер протокола МВК",
        "ВАК хаттамасының нөмірі",
        "IC minutes number",
    ],
    Source::Field("/ic_decision/minutes_number", Kind::Text),
);
const MINUTES_DATE: Spec = (
    [
        "дата протокола МВК",
        "ВАК хаттамасының күні",
        "IC minutes date",
    ],
    Source::Field("/ic_decision/date", Kind::Date),
);
const PURPOSE: Spec = (
    ["цель (проект)", "мақсаты (жоба)", "purpose (project)"],
    Source::Field("/project/title", Kind::Text),
);
const VISA_CATEGORY: Spec = (
    ["категория визы", "виза санаты", "visa category"],
    Source::Field("/project/visa/category", Kind::Text),
);
const ENTRIES: Spec = (
    ["кратность визы", "виза еселігі", "visa entries"],
    Source::Field("/project/visa/entries", Kind::Wording),
);
const SUPPORT_NUMBER: Spec = (
    [
        "номер визовой поддержки",
        "визалық қолдау нөмірі",
        "visa support number",
    ],
    Source::Field("/visa_support/number", Kind::Text),
);
const SUPPORT_DATE: Spec = (
    [
        "дата визовой поддержки",
        "визалық қолдау күні",
        "visa support date",
    ],
    Source::Field("/visa_support/date", Kind::Date),
);
const CHECKPOINT: Spec = (
    ["пункт пропуска", "өткізу пункті", "checkpoint"],
    Source::Field("/project/entry_checkpoint", Kind::Checkpoint),
);
const CONTACT: Spec = (
    ["контактное лицо", "байланыс тұлғасы", "contact person"],
    Source::Field("/inviting_party/contact/name", Kind::Text),
);
const SANITARY: Spec = (
    [
        "санитарно-карантинные меры",
        "санитариялық-карантиндік шаралар",
        "sanitary and quarantine measures",
    ],
    Source::Template,
);
const INFORM: Spec = (
    [
        "просьба уведомить ПС КНБ, МЗ и ДКС МИД",
        "ШҚ ҰҚК, ДСМ және СІМ КҚД хабардар ету өтініші",
        "request to inform the Border Service, the MoH and the Consular Service",
    ],
    Source::Template,
);

pub fn specs(doc: DocumentId) -> &'static [Spec] {
    match doc {
        DocumentId::AkimatRequest => &[
            COMPANY,
            BIN,
            SOCIAL,
            DESCRIPTION,
            LOCATION,
            CONTRACT_NUMBER,
            CONTRACT_DATE,
            PARTNER,
            PARTNER_COUNTRY,
            COUNT,
            ENTRY,
            VISA_POST,
            LEGAL_BASIS,
            LIST,
        ],
        DocumentId::MigrationPetition => &[
            MINUTES,
            MINUTES_DATE,
            PURPOSE,
            ENTRY,
            EXIT,
            VISA_CATEGORY,
            ENTRIES,
            VISA_POST,
            LIST,
        ],
        DocumentId::PartnerNotice => &[
            SUPPORT_NUMBER,
            SUPPORT_DATE,
            VISA_POST,
            LIST,
            ENTRY,
            CHECKPOINT,
            SANITARY,
        ],
        DocumentId::AkimatNotification => &[
            SUPPORT_NUMBER,
            SUPPORT_DATE,
            INFORM,
            ENTRY,
            CHECKPOINT,
            LIST,
        ],
        DocumentId::BorderNotice => &[CHECKPOINT, ENTRY, SUPPORT_NUMBER, LIST],
        DocumentId::HealthNotice => &[ENTRY, LOCATION, CONTACT, LIST, SANITARY],
        DocumentId::ConsularNotice => &[
            VISA_POST,
            VISA_CATEGORY,
            ENTRIES,
            SUPPORT_NUMBER,
            SUPPORT_DATE,
            LIST,
        ],
    }
}
