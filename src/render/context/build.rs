//! Building a document's context from the validated case — the [`CaseContext`] its case
//! shares in its language, its own [`LetterContext`] — with dates as `dd.mm.yyyy`,
//! counts in words, names from the reference tables in the document's language.

use time::Date;

use super::contract::{
    Annex, Bodies, BodyForms, CaseContext, CheckpointRef, ColumnLines, Company, ContactRef,
    ContractRef, Count, Counts, Decision, DocRef, FixedWidths, LetterContext, LetterRef, Partner,
    PassportRef, PermitRef, Person, ProjectFacts, RegionNames, Signatory, VisaPostRef, VisaRef,
    VisaSupportRef, WidthBounds,
};
use crate::dates::{dotted, stay_days};
use crate::documents::DocumentId;
use crate::language::Language;
use crate::model::{Case, Entries, Sex, Specialist};
use crate::reference;
use crate::render::fonts::Fonts;
use crate::render::linebreaks::Measurer;
use crate::render::words;
use crate::translations::{pick, position};

/// Everything outside the case that shapes the context.
pub struct Inputs<'a> {
    pub case: &'a Case,
    /// Language of documents to state bodies.
    pub lang: Language,
    pub today: Date,
    pub draft: bool,
    pub attach_manifest: bool,
    /// Passport scans of the approved specialists, in list order.
    pub scans: &'a [Annex],
    pub visa_copy: Option<&'a Annex>,
    pub logo: Option<&'a str>,
    /// The fonts, for the width bounds tables use to size their text.
    pub fonts: &'a Fonts,
    /// The table texts' widths and line steps, measured once for all the documents.
    pub measurer: &'a Measurer,
}

pub fn count(n: usize, lang: Language) -> Count {
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let words = match lang {
        Language::Ru => words::ru(n32),
        Language::Kk => words::kk(n32),
        Language::En => words::en(n32),
    };
    let noun = match lang {
        Language::Ru => words::ru_plural(n32, ["специалист", "специалиста", "специалистов"]),
        Language::Kk => "маман",
        Language::En if n == 1 => "specialist",
        Language::En => "specialists",
    };
    Count {
        n,
        text: format!("{n} ({words})"),
        words,
        noun,
    }
}

fn country_name(code: &str, lang: Language) -> String {
    reference::country(code)
        .map(|c| lang.pick(&c.ru, &c.kk, &c.en).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

fn person<'a>(
    s: &'a Specialist,
    n: usize,
    lang: Language,
    fonts: &Fonts,
    measurer: &Measurer,
) -> Person<'a> {
    let sex = match (s.sex, lang) {
        (Sex::M, Language::Ru) => "муж.",
        (Sex::F, Language::Ru) => "жен.",
        (Sex::M, Language::Kk) => "ер",
        (Sex::F, Language::Kk) => "әйел",
        (Sex::M, Language::En) => "M",
        (Sex::F, Language::En) => "F",
    };
    let permit = s.work_permit.as_ref().filter(|p| p.required);
    let permit_text = match permit {
        Some(p) => {
            let number = p.number.as_deref().unwrap_or_default();
            match (p.date, lang) {
                // No-break spaces keep "№ N" and "от dd.mm.yyyy" whole in narrow columns.
                (Some(d), Language::Ru) => format!("№\u{a0}{number} от\u{a0}{}", dotted(d)),
                (Some(d), Language::Kk) => format!("{}\u{a0}ж. №\u{a0}{number}", dotted(d)),
                (Some(d), Language::En) => format!("No.\u{a0}{number} of\u{a0}{}", dotted(d)),
                (None, _) => number.to_owned(),
            }
        }
        None => lang
            .pick("не требуется", "талап етілмейді", "not required")
            .to_owned(),
    };
    let full_name = s.full_name();
    let citizenship_name = country_name(&s.citizenship, lang);
    let em = WidthBounds {
        name: fonts.widest_word_em(&full_name),
        native: s
            .native_name
            .as_deref()
            .map_or(0.0, |t| fonts.widest_word_em(t)),
        citizenship: fonts.widest_word_em(&citizenship_name),
        position: fonts.widest_word_em(position(s, lang)),
        permit: fonts.widest_word_em(&permit_text),
    };
    let width = |text: &str| measurer.measure(text, lang).map(|m| m.width);
    let lines = |text: &str| measurer.measure(text, lang).map(|m| m.lines);
    let date_of_birth = dotted(s.date_of_birth);
    let (issued, expires) = (dotted(s.passport.issued), dotted(s.passport.expires));
    let width = FixedWidths {
        sex: width(sex),
        passport: width(&s.passport.number),
        dob: width(&date_of_birth),
        issued: width(&issued),
        expires: width(&expires),
    };
    let lines = ColumnLines {
        name: lines(&full_name),
        native: s.native_name.as_deref().and_then(lines),
        citizenship: lines(&citizenship_name),
        position: lines(position(s, lang)),
        permit: lines(&permit_text),
    };
    Person {
        n,
        full_name,
        surname: &s.surname,
        given_names: &s.given_names,
        native_name: s.native_name.as_deref(),
        sex,
        date_of_birth,
        citizenship: &s.citizenship,
        citizenship_name,
        position: position(s, lang),
        passport: PassportRef {
            number: &s.passport.number,
            issued,
            expires,
        },
        permit: permit.map(|p| PermitRef {
            number: p.number.as_deref(),
            date: p.date.map(dotted),
        }),
        permit_text,
        em,
        width,
        lines,
    }
}

fn entries(entries: Entries, lang: Language) -> &'static str {
    match (entries, lang) {
        (Entries::Single, Language::Ru) => "однократная",
        (Entries::Double, Language::Ru) => "двукратная",
        (Entries::Multiple, Language::Ru) => "многократная",
        (Entries::Single, Language::Kk) => "бір реттік",
        (Entries::Double, Language::Kk) => "екі реттік",
        (Entries::Multiple, Language::Kk) => "көп реттік",
        (Entries::Single, Language::En) => "single-entry",
        (Entries::Double, Language::En) => "double-entry",
        (Entries::Multiple, Language::En) => "multiple-entry",
    }
}

/// The language of `doc`: the partner's letter is in English, the others in the case's.
pub fn language(inputs: &Inputs<'_>, doc: DocumentId) -> Language {
    if doc.is_for_partner() {
        Language::En
    } else {
        inputs.lang
    }
}

/// One document's own part of its context.
pub fn letter<'a>(inputs: &Inputs<'a>, doc: DocumentId) -> LetterContext<'a> {
    let letter = inputs.case.letters.get(doc.as_str());
    LetterContext {
        doc: DocRef {
            id: doc.as_str(),
            number: doc.number(),
        },
        letter: LetterRef {
            number: letter.map(|l| l.number.as_str()),
            date: dotted(letter.map_or(inputs.today, |l| l.date)),
        },
    }
}

/// What every document of the case in `lang` shares.
pub fn case<'a>(inputs: &Inputs<'a>, lang: Language) -> CaseContext<'a> {
    let case = inputs.case;
    let party = &case.inviting_party;
    let sig = &party.signatory;
    let project = &case.project;
    let fonts = inputs.fonts;
    let people = |list: &mut dyn Iterator<Item = &'a Specialist>| -> Vec<Person<'a>> {
        list.enumerate()
            .map(|(i, s)| person(s, i + 1, lang, fonts, inputs.measurer))
            .collect()
    };
    let stay_days = usize::try_from(stay_days(project.entry_date, project.exit_date)).unwrap_or(0);
    let post_city = reference::visa_post_city(&project.visa_post.country, &project.visa_post.city)
        .map_or(project.visa_post.city.as_str(), |c| {
            lang.pick(c.ru, c.kk, c.en)
        });
    let specialists = people(&mut case.specialists.iter());
    // The approved are rows of the same list, renumbered: each measured once. (`approved`
    // keeps the list's order, so one pass over it finds them.)
    let mut rows = case.specialists.iter().zip(&specialists);
    let approved = case
        .approved()
        .enumerate()
        .filter_map(|(i, s)| {
            let (_, row) = rows.find(|(x, _)| std::ptr::eq(*x, s))?;
            Some(Person {
                n: i + 1,
                ..row.clone()
            })
        })
        .collect();
    CaseContext {
        lang,
        today: dotted(inputs.today),
        draft: inputs.draft,
        attach_manifest: inputs.attach_manifest,
        logo: inputs.logo,
        case_id: &case.id,
        company: Company {
            name: pick(
                lang,
                &party.name,
                party.name_kk.as_deref(),
                Some(&party.name_en),
            ),
            name_en: &party.name_en,
            name_registered: &party.name,
            bin: &party.bin,
            address: pick(
                lang,
                &party.address,
                party.address_kk.as_deref(),
                party.address_en.as_deref(),
            ),
            phone: &party.phone,
            email: &party.email,
            socially_significant: party.socially_significant,
            signatory: Signatory {
                name: pick(
                    lang,
                    &sig.name,
                    sig.name_kk.as_deref(),
                    sig.name_en.as_deref(),
                ),
                position: pick(
                    lang,
                    &sig.position,
                    sig.position_kk.as_deref(),
                    sig.position_en.as_deref(),
                ),
            },
            contact: party.contact.as_ref().map(|c| ContactRef::of(c, lang)),
            region: reference::region_by_code(&party.region).map(|r| RegionNames::of(r, lang)),
        },
        bodies: Bodies(lang),
        body_forms: BodyForms(lang),
        partner: Partner {
            name: &case.foreign_partner.name,
            country: &case.foreign_partner.country,
            country_name: country_name(&case.foreign_partner.country, lang),
            address: &case.foreign_partner.address,
            contact: case
                .foreign_partner
                .contact
                .as_ref()
                .map(|c| ContactRef::of(c, lang)),
        },
        project: ProjectFacts {
            title: pick(
                lang,
                &project.title,
                project.title_kk.as_deref(),
                project.title_en.as_deref(),
            ),
            description: pick(
                lang,
                &project.description,
                project.description_kk.as_deref(),
                None,
            ),
            location: pick(
                lang,
                &project.location,
                project.location_kk.as_deref(),
                project.location_en.as_deref(),
            ),
            contract: project.contract.as_ref().map(|c| ContractRef {
                number: &c.number,
                date: dotted(c.date),
            }),
            entry_date: dotted(project.entry_date),
            exit_date: dotted(project.exit_date),
            stay_days: count(stay_days, lang).text,
            visa_post: VisaPostRef {
                country: &project.visa_post.country,
                country_name: country_name(&project.visa_post.country, lang),
                city: &project.visa_post.city,
                city_local: post_city,
            },
            checkpoint: project
                .entry_checkpoint
                .as_deref()
                .map(|name| CheckpointRef {
                    name,
                    local: reference::checkpoint(name)
                        .map_or(name, |c| lang.pick(c.ru, c.kk, c.en)),
                }),
            visa: VisaRef {
                category: &project.visa.category,
                purpose: reference::visa_category(&project.visa.category)
                    .map(|c| lang.pick(c.ru, c.kk, c.en)),
                entries: entries(project.visa.entries, lang),
            },
        },
        approved,
        specialists,
        count: Counts {
            all: count(case.specialists.len(), lang),
            approved: count(case.approved().count(), lang),
            permits: case
                .approved()
                .filter(|s| s.work_permit.as_ref().is_some_and(|p| p.required))
                .count(),
        },
        ic: case.ic_decision.as_ref().map(|d| Decision {
            minutes_number: &d.minutes_number,
            date: dotted(d.date),
        }),
        visa_support: case.visa_support.as_ref().map(|v| VisaSupportRef {
            number: &v.number,
            date: dotted(v.date),
        }),
        scans: inputs.scans,
        scans_pages: inputs.scans.iter().map(|a| a.pages).sum(),
        visa_copy: inputs.visa_copy,
        text_metrics: inputs.measurer.metrics(),
    }
}

/// `/context.json` from the two serialized parts: the document's own object with the
/// case's fields after its own — the bytes `serde_json::to_vec` gives for [`Context`]
/// (`super::Context`), without serializing the case once more for every document.
/// Both parts are objects with fields (serialized structs), so the seam is `,`.
pub fn joined(letter: &[u8], case: &[u8]) -> Vec<u8> {
    let own = letter.strip_suffix(b"}").unwrap_or(letter);
    let rest = case.strip_prefix(b"{").unwrap_or(case);
    let mut out = Vec::with_capacity(own.len() + 1 + rest.len());
    out.extend_from_slice(own);
    out.push(b',');
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_parts_are_the_whole_context_serialized() {
        #[derive(serde::Serialize)]
        struct Whole<'a> {
            #[serde(flatten)]
            own: &'a serde_json::Value,
            #[serde(flatten)]
            case: &'a serde_json::Value,
        }
        let own = serde_json::json!({"doc": {"id": "border-notice", "number": 5}, "letter": {"number": null, "date": "15.01.2026"}});
        let case = serde_json::json!({"lang": "ru", "company": {"name": "ТОО «А}{»"}, "approved": [{"n": 1}]});
        let whole = serde_json::to_vec(&Whole {
            own: &own,
            case: &case,
        })
        .unwrap_or_default();
        let parts = joined(
            &serde_json::to_vec(&own).unwrap_or_default(),
            &serde_json::to_vec(&case).unwrap_or_default(),
        );
        assert_eq!(
            String::from_utf8_lossy(&parts),
            String::from_utf8_lossy(&whole)
        );
        let back: serde_json::Value = serde_json::from_slice(&parts).unwrap_or_default();
        assert_eq!(back["company"]["name"], "ТОО «А}{»");
        assert_eq!(back["doc"]["number"], 5);
    }

    #[test]
    fn counts_agree() {
        assert_eq!(count(12, Language::Ru).text, "12 (двенадцать)");
        assert_eq!(count(2, Language::Ru).noun, "специалиста");
        assert_eq!(count(12, Language::Kk).text, "12 (он екі)");
        assert_eq!(count(1, Language::En).noun, "specialist");
    }
}
