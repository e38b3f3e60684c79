//! The render context: what templates see, built from the validated, typed case —
//! dates as `dd.mm.yyyy`, counts in words, region and body names from the reference
//! tables in the document's language. Templates never see the raw manifest.
//!
//! [`Context`] is the templates' contract: minijinja reads it as `{{ company.name }}`,
//! `lib/letter.typ` as `ctx.company.name` from `/context.json`. A field renamed here is
//! renamed for both, and the compiler checks every use in Rust.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use time::Date;

use super::fonts::Fonts;
use super::words;
use crate::dates::dotted;
use crate::documents::DocumentId;
use crate::language::Language;
use crate::model::{self, Case, Entries, Sex, Specialist};
use crate::reference::{self, Region};

/// A count with its words: `12`, `двенадцать`, `12 (двенадцать)`, and the noun
/// "specialist" agreeing with it.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub n: usize,
    pub words: String,
    pub text: String,
    pub noun: &'static str,
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

/// A scan annexed to a document, as the compiler will find it.
#[derive(Debug, Clone, Serialize)]
pub struct Annex {
    /// Virtual path inside the Typst world (`/scans/0.pdf`).
    pub path: String,
    /// `pdf` or `image`.
    pub kind: &'static str,
    pub pages: usize,
    pub label: String,
}

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
}

/// The context of one document (`/context.json`); fields in the order templates list them.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    /// `ru`, `kk` or `en`: the document's language.
    pub lang: Language,
    /// `--today` as `dd.mm.yyyy`.
    pub today: String,
    pub draft: bool,
    /// Whether the PDF carries `manifest.json` (not under PDF/A-2).
    pub attach_manifest: bool,
    /// Virtual path of the logo from `--templates`, if any.
    pub logo: Option<&'a str>,
    pub doc: DocRef,
    pub letter: LetterRef<'a>,
    pub case_id: &'a str,
    pub company: Company<'a>,
    /// Nominative names of the state bodies, by id (`ic`, `border`, `health`, `consular`).
    pub bodies: Bodies,
    /// Case forms of the bodies' names for running text: `body_forms.border.dat`.
    pub body_forms: BodyForms,
    pub partner: Partner<'a>,
    pub project: ProjectFacts<'a>,
    /// Every specialist, in list order.
    pub specialists: Vec<Person<'a>>,
    /// The specialists the IC approved (all of them before the decision), renumbered.
    pub approved: Vec<Person<'a>>,
    pub count: Counts,
    pub ic: Option<Decision<'a>>,
    pub visa_support: Option<VisaSupportRef<'a>>,
    pub scans: &'a [Annex],
    /// Pages of all passport scans together.
    pub scans_pages: usize,
    pub visa_copy: Option<&'a Annex>,
}

#[derive(Debug, Serialize)]
pub struct DocRef {
    /// `akimat-request`.
    pub id: &'static str,
    /// `1` … `7`: its place in the packet.
    pub number: usize,
}

/// The outgoing registration of the letter: `letters.<id>` of the manifest.
#[derive(Debug, Serialize)]
pub struct LetterRef<'a> {
    /// `None`: a blank line to fill in by hand.
    pub number: Option<&'a str>,
    /// The letter's date, else `--today`.
    pub date: String,
}

#[derive(Debug, Serialize)]
pub struct Company<'a> {
    pub name: &'a str,
    pub name_en: &'a str,
    pub bin: &'a str,
    pub address: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub socially_significant: bool,
    pub signatory: Signatory<'a>,
    pub contact: Option<ContactRef<'a>>,
    pub region: Option<RegionNames>,
}

#[derive(Debug, Serialize)]
pub struct Signatory<'a> {
    pub name: &'a str,
    pub position: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ContactRef<'a> {
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

impl<'a> ContactRef<'a> {
    fn of(c: &'a model::Contact) -> Self {
        ContactRef {
            name: &c.name,
            phone: c.phone.as_deref(),
            email: c.email.as_deref(),
        }
    }
}

/// The region of registration: its names in the document's language and in all three.
#[derive(Debug, Serialize)]
pub struct RegionNames {
    pub code: &'static str,
    pub iso: &'static str,
    pub name: &'static str,
    /// Genitive, for "Акиму …" / "… әкіміне" (English has one form).
    pub genitive: &'static str,
    pub ru: &'static str,
    pub kk: &'static str,
    pub en: &'static str,
}

impl RegionNames {
    fn of(r: &Region, lang: Language) -> Self {
        RegionNames {
            code: r.code,
            iso: r.iso,
            name: lang.pick(r.ru, r.kk, r.en),
            genitive: lang.pick(r.ru_genitive, r.kk_genitive, r.en),
            ru: r.ru,
            kk: r.kk,
            en: r.en,
        }
    }
}

/// The state bodies' names in one language, keyed by their id in the reference table.
#[derive(Debug)]
pub struct Bodies(Language);

impl Serialize for Bodies {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lang = self.0;
        serializer.collect_map(
            reference::BODIES
                .iter()
                .map(|b| (b.id, lang.pick(b.ru, b.kk, b.en))),
        )
    }
}

/// The state bodies' names in the four case forms of running text, by id.
#[derive(Debug)]
pub struct BodyForms(Language);

#[derive(Serialize)]
struct Forms<'a> {
    nom: &'a str,
    #[serde(rename = "gen")]
    genitive: &'a str,
    dat: &'a str,
    acc: &'a str,
}

impl Serialize for BodyForms {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lang = self.0;
        let mut map = serializer.serialize_map(Some(reference::BODIES.len()))?;
        for b in reference::BODIES {
            let forms = Forms {
                nom: lang.pick(b.ru, b.kk, b.en),
                genitive: lang.pick(b.ru_gen, b.kk_gen, b.en),
                dat: lang.pick(b.ru_dat, b.kk_dat, b.en),
                acc: lang.pick(b.ru_acc, b.kk_acc, b.en),
            };
            map.serialize_entry(b.id, &forms)?;
        }
        map.end()
    }
}

#[derive(Debug, Serialize)]
pub struct Partner<'a> {
    pub name: &'a str,
    pub country: &'a str,
    pub country_name: String,
    pub address: &'a str,
    pub contact: Option<ContactRef<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ProjectFacts<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub contract: Option<ContractRef<'a>>,
    pub entry_date: String,
    pub exit_date: String,
    /// Days from entry to exit, with words: `183 (сто восемьдесят три)`.
    pub stay_days: String,
    pub visa_post: VisaPostRef<'a>,
    pub checkpoint: Option<CheckpointRef<'a>>,
    pub visa: VisaRef<'a>,
}

#[derive(Debug, Serialize)]
pub struct ContractRef<'a> {
    pub number: &'a str,
    pub date: String,
}

#[derive(Debug, Serialize)]
pub struct VisaPostRef<'a> {
    pub country: &'a str,
    pub country_name: String,
    /// The city as the manifest writes it.
    pub city: &'a str,
    /// The city's name in the document's language when the reference table knows it.
    pub city_local: &'a str,
}

#[derive(Debug, Serialize)]
pub struct CheckpointRef<'a> {
    pub name: &'a str,
    /// The checkpoint's name in the document's language when it is a known one.
    pub local: &'a str,
}

#[derive(Debug, Serialize)]
pub struct VisaRef<'a> {
    pub category: &'a str,
    /// What the reference table says the category is for, in the document's language.
    pub purpose: Option<&'static str>,
    /// `однократная`, `бір реттік`, `single-entry`.
    pub entries: &'static str,
}

/// One specialist as a row of the tables.
#[derive(Debug, Serialize)]
pub struct Person<'a> {
    /// Row number, from 1.
    pub n: usize,
    /// `WANG LEI`.
    pub full_name: String,
    pub surname: &'a str,
    pub given_names: &'a str,
    pub native_name: Option<&'a str>,
    /// `муж.`, `ер`, `M`.
    pub sex: &'static str,
    pub date_of_birth: String,
    pub citizenship: &'a str,
    pub citizenship_name: String,
    pub position: &'a str,
    pub passport: PassportRef<'a>,
    /// The work permit when one is required.
    pub permit: Option<PermitRef<'a>>,
    /// `№ AL-1 от 10.02.2026`, or "not required" in the document's language.
    pub permit_text: String,
    pub em: WidthBounds,
}

#[derive(Debug, Serialize)]
pub struct PassportRef<'a> {
    pub number: &'a str,
    pub issued: String,
    pub expires: String,
}

#[derive(Debug, Serialize)]
pub struct PermitRef<'a> {
    pub number: Option<&'a str>,
    pub date: Option<String>,
}

/// Upper bounds, in em, of the widest word of the texts a table may set in a narrow
/// column (see [`Fonts::widest_word_em`]): most need no measuring in Typst.
#[derive(Debug, Serialize)]
pub struct WidthBounds {
    pub name: f64,
    pub native: f64,
    pub citizenship: f64,
    pub position: f64,
    pub permit: f64,
}

#[derive(Debug, Serialize)]
pub struct Counts {
    pub all: Count,
    pub approved: Count,
    /// Approved specialists that need a work permit.
    pub permits: usize,
}

#[derive(Debug, Serialize)]
pub struct Decision<'a> {
    pub minutes_number: &'a str,
    pub date: String,
}

#[derive(Debug, Serialize)]
pub struct VisaSupportRef<'a> {
    pub number: &'a str,
    pub date: String,
}

fn country_name(code: &str, lang: Language) -> String {
    reference::country(code)
        .map(|c| lang.pick(&c.ru, &c.kk, &c.en).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

fn person<'a>(s: &'a Specialist, n: usize, lang: Language, fonts: &Fonts) -> Person<'a> {
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
        position: fonts.widest_word_em(&s.position),
        permit: fonts.widest_word_em(&permit_text),
    };
    Person {
        n,
        full_name,
        surname: &s.surname,
        given_names: &s.given_names,
        native_name: s.native_name.as_deref(),
        sex,
        date_of_birth: dotted(s.date_of_birth),
        citizenship: &s.citizenship,
        citizenship_name,
        position: &s.position,
        passport: PassportRef {
            number: &s.passport.number,
            issued: dotted(s.passport.issued),
            expires: dotted(s.passport.expires),
        },
        permit: permit.map(|p| PermitRef {
            number: p.number.as_deref(),
            date: p.date.map(dotted),
        }),
        permit_text,
        em,
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

/// The context of one document.
pub fn build<'a>(inputs: &Inputs<'a>, doc: DocumentId) -> Context<'a> {
    let case = inputs.case;
    let lang = if doc.is_for_partner() {
        Language::En
    } else {
        inputs.lang
    };
    let party = &case.inviting_party;
    let project = &case.project;
    let fonts = inputs.fonts;
    let people = |list: &mut dyn Iterator<Item = &'a Specialist>| -> Vec<Person<'a>> {
        list.enumerate()
            .map(|(i, s)| person(s, i + 1, lang, fonts))
            .collect()
    };
    let stay_days = (project.exit_date - project.entry_date).whole_days().max(0) as usize;
    let letter = case.letters.get(doc.as_str());
    let post_city = reference::visa_post_city(&project.visa_post.country, &project.visa_post.city)
        .map_or(project.visa_post.city.as_str(), |c| {
            lang.pick(c.ru, c.kk, c.en)
        });
    Context {
        lang,
        today: dotted(inputs.today),
        draft: inputs.draft,
        attach_manifest: inputs.attach_manifest,
        logo: inputs.logo,
        doc: DocRef {
            id: doc.as_str(),
            number: doc.number(),
        },
        letter: LetterRef {
            number: letter.map(|l| l.number.as_str()),
            date: dotted(letter.map_or(inputs.today, |l| l.date)),
        },
        case_id: &case.id,
        company: Company {
            name: &party.name,
            name_en: &party.name_en,
            bin: &party.bin,
            address: &party.address,
            phone: &party.phone,
            email: &party.email,
            socially_significant: party.socially_significant,
            signatory: Signatory {
                name: &party.signatory.name,
                position: &party.signatory.position,
            },
            contact: party.contact.as_ref().map(ContactRef::of),
            region: reference::region_by_code(&party.region).map(|r| RegionNames::of(r, lang)),
        },
        bodies: Bodies(lang),
        body_forms: BodyForms(lang),
        partner: Partner {
            name: &case.foreign_partner.name,
            country: &case.foreign_partner.country,
            country_name: country_name(&case.foreign_partner.country, lang),
            address: &case.foreign_partner.address,
            contact: case.foreign_partner.contact.as_ref().map(ContactRef::of),
        },
        project: ProjectFacts {
            title: &project.title,
            description: &project.description,
            location: &project.location,
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
        specialists: people(&mut case.specialists.iter()),
        approved: people(&mut case.approved()),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree() {
        assert_eq!(count(12, Language::Ru).text, "12 (двенадцать)");
        assert_eq!(count(2, Language::Ru).noun, "специалиста");
        assert_eq!(count(12, Language::Kk).text, "12 (он екі)");
        assert_eq!(count(1, Language::En).noun, "specialist");
    }
}
