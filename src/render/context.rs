//! The render context: what templates see, built from the validated, typed case —
//! dates as `dd.mm.yyyy`, counts in words, region and body names from the reference
//! tables in the document's language. Templates never see the raw manifest.

use serde_json::{Value, json};
use time::Date;

use super::fonts::Fonts;
use super::words;
use crate::documents::DocumentId;
use crate::model::{Case, Entries, Sex, Specialist};
use crate::reference::{self, Region};

/// A language documents are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ru,
    Kk,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::En => "en",
        }
    }

    fn pick<'a>(self, ru: &'a str, kk: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::Kk => kk,
            Lang::En => en,
        }
    }
}

/// `dd.mm.yyyy`, the form of dates in documents.
pub fn date(d: Date) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), u8::from(d.month()), d.year())
}

/// A count with its words: `{"n": 12, "words": "двенадцать", "text": "12 (двенадцать)"}`.
pub fn count(n: usize, lang: Lang) -> Value {
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let words = match lang {
        Lang::Ru => words::ru(n32),
        Lang::Kk => words::kk(n32),
        Lang::En => words::en(n32),
    };
    let noun = match lang {
        Lang::Ru => words::ru_plural(n32, ["специалист", "специалиста", "специалистов"]),
        Lang::Kk => "маман",
        Lang::En => {
            if n == 1 {
                "specialist"
            } else {
                "specialists"
            }
        }
    };
    json!({ "n": n, "words": words, "text": format!("{n} ({words})"), "noun": noun })
}

/// A scan annexed to a document, as the compiler will find it.
#[derive(Debug, Clone)]
pub struct Annex {
    /// Virtual path inside the Typst world (`/scans/0.pdf`).
    pub path: String,
    pub kind: &'static str,
    pub pages: usize,
    pub label: String,
}

/// Everything outside the case that shapes the context.
pub struct Inputs<'a> {
    pub case: &'a Case,
    /// Language of documents to state bodies.
    pub lang: Lang,
    pub today: Date,
    pub draft: bool,
    pub attach_manifest: bool,
    /// Passport scans of the approved specialists, in list order.
    pub scans: &'a [Annex],
    pub visa_copy: Option<&'a Annex>,
    pub logo: Option<&'a str>,
    /// The fonts, for the width bounds tables use to size their text.
    pub fonts: &'a Fonts,
}

fn region_json(region: Option<&Region>, lang: Lang) -> Value {
    match region {
        Some(r) => json!({
            "code": r.code,
            "iso": r.iso,
            "name": lang.pick(r.ru, r.kk, r.en),
            "genitive": lang.pick(r.ru_genitive, r.kk_genitive, r.en),
            "ru": r.ru, "kk": r.kk, "en": r.en,
        }),
        None => Value::Null,
    }
}

fn country_name(code: &str, lang: Lang) -> String {
    reference::country(code)
        .map(|c| lang.pick(&c.ru, &c.kk, &c.en).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

fn person(s: &Specialist, n: usize, lang: Lang, fonts: &Fonts) -> Value {
    let sex = match (s.sex, lang) {
        (Sex::M, Lang::Ru) => "муж.",
        (Sex::F, Lang::Ru) => "жен.",
        (Sex::M, Lang::Kk) => "ер",
        (Sex::F, Lang::Kk) => "әйел",
        (Sex::M, Lang::En) => "M",
        (Sex::F, Lang::En) => "F",
    };
    let permit = s.work_permit.as_ref().filter(|p| p.required);
    let permit_text = match permit {
        Some(p) => {
            let number = p.number.clone().unwrap_or_default();
            match (p.date, lang) {
                // No-break spaces keep "№ N" and "от dd.mm.yyyy" whole in narrow columns.
                (Some(d), Lang::Ru) => format!("№\u{a0}{number} от\u{a0}{}", date(d)),
                (Some(d), Lang::Kk) => format!("{}\u{a0}ж. №\u{a0}{number}", date(d)),
                (Some(d), Lang::En) => format!("No.\u{a0}{number} of\u{a0}{}", date(d)),
                (None, _) => number,
            }
        }
        None => lang
            .pick("не требуется", "талап етілмейді", "not required")
            .to_owned(),
    };
    let full_name = s.full_name();
    let citizenship_name = country_name(&s.citizenship, lang);
    // Upper bounds of the widest word of the texts a table may set in a narrow column
    // (see `Fonts::widest_word_em`): most need no measuring.
    let em = json!({
        "name": fonts.widest_word_em(&full_name),
        "native": s.native_name.as_deref().map_or(0.0, |t| fonts.widest_word_em(t)),
        "citizenship": fonts.widest_word_em(&citizenship_name),
        "position": fonts.widest_word_em(&s.position),
        "permit": fonts.widest_word_em(&permit_text),
    });
    json!({
        "n": n,
        "full_name": full_name,
        "surname": s.surname,
        "given_names": s.given_names,
        "native_name": s.native_name,
        "sex": sex,
        "date_of_birth": date(s.date_of_birth),
        "citizenship": s.citizenship,
        "citizenship_name": citizenship_name,
        "position": s.position,
        "passport": {
            "number": s.passport.number,
            "issued": date(s.passport.issued),
            "expires": date(s.passport.expires),
        },
        "permit": permit.map(|p| json!({
            "number": p.number,
            "date": p.date.map(date),
        })),
        "permit_text": permit_text,
        "em": em,
    })
}

/// The context of one document.
pub fn build(inputs: &Inputs<'_>, doc: DocumentId) -> Value {
    let case = inputs.case;
    let lang = if doc.is_for_partner() {
        Lang::En
    } else {
        inputs.lang
    };
    let party = &case.inviting_party;
    let project = &case.project;
    let region = reference::region_by_code(&party.region);
    let checkpoint = project.entry_checkpoint.as_deref().map(|name| {
        let known = reference::checkpoint(name);
        json!({
            "name": name,
            "local": known.map_or(name, |c| lang.pick(c.ru, c.kk, c.en)),
        })
    });
    let category = reference::visa_category(&project.visa.category);
    let entries = match (project.visa.entries, lang) {
        (Entries::Single, Lang::Ru) => "однократная",
        (Entries::Double, Lang::Ru) => "двукратная",
        (Entries::Multiple, Lang::Ru) => "многократная",
        (Entries::Single, Lang::Kk) => "бір реттік",
        (Entries::Double, Lang::Kk) => "екі реттік",
        (Entries::Multiple, Lang::Kk) => "көп реттік",
        (Entries::Single, Lang::En) => "single-entry",
        (Entries::Double, Lang::En) => "double-entry",
        (Entries::Multiple, Lang::En) => "multiple-entry",
    };
    let everyone: Vec<Value> = case
        .specialists
        .iter()
        .enumerate()
        .map(|(i, s)| person(s, i + 1, lang, inputs.fonts))
        .collect();
    let approved: Vec<Value> = case
        .approved()
        .enumerate()
        .map(|(i, s)| person(s, i + 1, lang, inputs.fonts))
        .collect();
    let stay_days = (project.exit_date - project.entry_date).whole_days().max(0) as usize;
    let letter = case.letters.get(doc.as_str());
    let bodies: serde_json::Map<String, Value> = reference::BODIES
        .iter()
        .map(|b| (b.id.to_owned(), Value::from(lang.pick(b.ru, b.kk, b.en))))
        .collect();
    // Case forms of the bodies' names for running text; English has one form.
    let body_forms: serde_json::Map<String, Value> = reference::BODIES
        .iter()
        .map(|b| {
            let forms = json!({
                "nom": lang.pick(b.ru, b.kk, b.en),
                "gen": lang.pick(b.ru_gen, b.kk_gen, b.en),
                "dat": lang.pick(b.ru_dat, b.kk_dat, b.en),
                "acc": lang.pick(b.ru_acc, b.kk_acc, b.en),
            });
            (b.id.to_owned(), forms)
        })
        .collect();
    let post_city = reference::visa_post_city(&project.visa_post.country, &project.visa_post.city)
        .map_or(project.visa_post.city.as_str(), |c| {
            lang.pick(c.ru, c.kk, c.en)
        });
    let permits = case
        .approved()
        .filter(|s| s.work_permit.as_ref().is_some_and(|p| p.required))
        .count();
    let contact =
        |c: &crate::model::Contact| json!({ "name": c.name, "phone": c.phone, "email": c.email });
    let annex =
        |a: &Annex| json!({ "path": a.path, "kind": a.kind, "pages": a.pages, "label": a.label });
    json!({
        "lang": lang.as_str(),
        "today": date(inputs.today),
        "draft": inputs.draft,
        "attach_manifest": inputs.attach_manifest,
        "logo": inputs.logo,
        "doc": {
            "id": doc.as_str(),
            "number": doc.number(),
        },
        "letter": {
            "number": letter.map(|l| l.number.clone()),
            "date": date(letter.map_or(inputs.today, |l| l.date)),
        },
        "case_id": case.id,
        "company": {
            "name": party.name,
            "name_en": party.name_en,
            "bin": party.bin,
            "address": party.address,
            "phone": party.phone,
            "email": party.email,
            "socially_significant": party.socially_significant,
            "signatory": { "name": party.signatory.name, "position": party.signatory.position },
            "contact": party.contact.as_ref().map(contact),
            "region": region_json(region, lang),
        },
        "bodies": bodies,
        "body_forms": body_forms,
        "partner": {
            "name": case.foreign_partner.name,
            "country": case.foreign_partner.country,
            "country_name": country_name(&case.foreign_partner.country, lang),
            "address": case.foreign_partner.address,
            "contact": case.foreign_partner.contact.as_ref().map(contact),
        },
        "project": {
            "title": project.title,
            "description": project.description,
            "location": project.location,
            "contract": project.contract.as_ref().map(|c| json!({ "number": c.number, "date": date(c.date) })),
            "entry_date": date(project.entry_date),
            "exit_date": date(project.exit_date),
            "stay_days": count(stay_days, lang)["text"],
            "visa_post": {
                "country": project.visa_post.country,
                "country_name": country_name(&project.visa_post.country, lang),
                "city": project.visa_post.city,
                "city_local": post_city,
            },
            "checkpoint": checkpoint,
            "visa": {
                "category": project.visa.category,
                "purpose": category.map(|c| lang.pick(c.ru, c.kk, c.en)),
                "entries": entries,
            },
        },
        "specialists": everyone,
        "approved": approved,
        "count": {
            "all": count(case.specialists.len(), lang),
            "approved": count(case.approved().count(), lang),
            "permits": permits,
        },
        "ic": case.ic_decision.as_ref().map(|d| json!({ "minutes_number": d.minutes_number, "date": date(d.date) })),
        "visa_support": case.visa_support.as_ref().map(|v| json!({ "number": v.number, "date": date(v.date) })),
        "scans": inputs.scans.iter().map(annex).collect::<Vec<_>>(),
        "scans_pages": inputs.scans.iter().map(|a| a.pages).sum::<usize>(),
        "visa_copy": inputs.visa_copy.map(annex),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_counts() {
        let d = Date::from_calendar_date(2026, time::Month::March, 5).unwrap_or(Date::MIN);
        assert_eq!(date(d), "05.03.2026");
        assert_eq!(count(12, Lang::Ru)["text"], "12 (двенадцать)");
        assert_eq!(count(2, Lang::Ru)["noun"], "специалиста");
        assert_eq!(count(12, Lang::Kk)["text"], "12 (он екі)");
    }

    /// Every document template compiles, in Russian and Kazakh, for the example cases at
    /// every stage, including 40 specialists with markup characters in their data.
    #[test]
    fn every_template_renders() {
        let out = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let root = env!("CARGO_MANIFEST_DIR");
        for case in ["request", "petition", "notification", "notification-large"] {
            for lang in ["ru", "kk"] {
                let manifest = format!("{root}/fixtures/examples/{case}/case.yaml");
                let dir = out.path().join(format!("{case}-{lang}"));
                let code = crate::main_with_args(
                    [
                        "kzinvite",
                        "render",
                        &manifest,
                        "--out",
                        &dir.to_string_lossy(),
                        "--lang",
                        lang,
                        "--today",
                        "2026-01-15",
                        "--force",
                        "--quiet",
                        "-j",
                        "1",
                    ]
                    .map(std::ffi::OsString::from),
                );
                assert_eq!(code, std::process::ExitCode::SUCCESS, "{case} ({lang})");
            }
        }
        let packet = out.path().join("notification-kk").join("KCC-2026-014");
        for doc in DocumentId::ALL {
            assert!(packet.join(doc.file_name()).is_file(), "{doc}");
        }
    }
}
