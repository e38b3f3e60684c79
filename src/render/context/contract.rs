//! The templates' contract: the struct tree every document's `/case.json`,
//! `/letter.json`, `/context.json` (the two together) and minijinja context serialize
//! from. minijinja reads it as `{{ company.name }}`, `lib/letter.typ` as
//! `ctx.company.name`: a field renamed here is renamed for both. Field order is the
//! order of the JSON.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::language::Language;
use crate::model;
use crate::reference::{self, Region};
use crate::render::linebreaks::{TextLines, TextMetrics};
use crate::translations::pick;

/// A count with its words: `12`, `двенадцать`, `12 (двенадцать)`, and the noun
/// "specialist" agreeing with it.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub n: usize,
    pub words: String,
    pub text: String,
    pub noun: &'static str,
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

/// What every document of a case in one language shares (`/case.json`): everything but
/// the document's own [`LetterContext`]. Built and serialized once per case and
/// language, so that `lib/letter.typ`, which reads only this, is evaluated once per case
/// and Typst reuses what the documents have in common. Fields in the order templates
/// list them.
#[derive(Debug, Serialize)]
pub struct CaseContext<'a> {
    /// `ru`, `kk` or `en`: the document's language.
    pub lang: Language,
    /// `--today` as `dd.mm.yyyy`.
    pub today: String,
    pub draft: bool,
    /// Whether the PDF carries `manifest.json` (not under PDF/A-2).
    pub attach_manifest: bool,
    /// Virtual path of the logo from `--templates`, if any.
    pub logo: Option<&'a str>,
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
    /// The table font's facts the line steps go with (`null` without that font).
    pub text_metrics: Option<&'a TextMetrics>,
}

/// One document's own part of its context (`/letter.json`): which document it is and
/// its outgoing registration.
#[derive(Debug, Serialize)]
pub struct LetterContext<'a> {
    pub doc: DocRef,
    pub letter: LetterRef<'a>,
}

/// The whole context of one document: what minijinja templates see, and `/context.json`
/// (the two parts in one object, for templates that read it whole).
#[derive(Debug, Serialize)]
pub struct Context<'c, 'a> {
    #[serde(flatten)]
    pub own: LetterContext<'a>,
    #[serde(flatten)]
    pub case: &'c CaseContext<'a>,
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
    /// The name in the document's language: `name_kk` in Kazakh, `name_en` in English,
    /// else the name as registered.
    pub name: &'a str,
    pub name_en: &'a str,
    /// The name as registered (`inviting_party.name`): a letterhead shows it under a
    /// name in another language.
    pub name_registered: &'a str,
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
    /// In the document's language where the manifest has it.
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

impl<'a> ContactRef<'a> {
    pub fn of(c: &'a model::Contact, lang: Language) -> Self {
        ContactRef {
            name: pick(lang, &c.name, c.name_kk.as_deref(), c.name_en.as_deref()),
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
    pub fn of(r: &Region, lang: Language) -> Self {
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
pub struct Bodies(pub Language);

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
pub struct BodyForms(pub Language);

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
    /// Days of the stay, entry and exit both counted, with words: `184 (сто восемьдесят
    /// четыре)`.
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
#[derive(Debug, Clone, Serialize)]
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
    /// Single-line widths of the narrow columns' texts, in em of the table font.
    pub width: FixedWidths,
    /// Line counts of the shared columns' texts by column width.
    pub lines: ColumnLines,
}

#[derive(Debug, Clone, Serialize)]
pub struct PassportRef<'a> {
    pub number: &'a str,
    pub issued: String,
    pub expires: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PermitRef<'a> {
    pub number: Option<&'a str>,
    pub date: Option<String>,
}

/// Upper bounds, in em, of the widest word of the texts a table may set in a narrow
/// column (see [`Fonts::widest_word_em`](crate::render::fonts::Fonts::widest_word_em)):
/// most need no measuring in Typst.
#[derive(Debug, Clone, Serialize)]
pub struct WidthBounds {
    pub name: f64,
    pub native: f64,
    pub citizenship: f64,
    pub position: f64,
    pub permit: f64,
}

/// The single-line widths, in em of [`TextMetrics::family`], of a specialist's texts
/// in the table's narrow columns (`null` where kzinvite could not tell exactly): tables
/// size those columns from them instead of measuring every value in Typst.
#[derive(Debug, Clone, Serialize)]
pub struct FixedWidths {
    pub sex: Option<f64>,
    pub passport: Option<f64>,
    pub dob: Option<f64>,
    pub issued: Option<f64>,
    pub expires: Option<f64>,
}

/// How each of a specialist's texts in the shared columns sets at each column width
/// (see [`TextLines`]; `null` where kzinvite could not tell exactly): a table whose every
/// cell in a row is known sets the row's height itself.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnLines {
    pub name: Option<TextLines>,
    pub native: Option<TextLines>,
    pub citizenship: Option<TextLines>,
    pub position: Option<TextLines>,
    pub permit: Option<TextLines>,
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
