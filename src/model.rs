//! The typed case: built from a document only after it validated, for rendering.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates;
use crate::language::Language;

#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub manifest_version: u64,
    pub id: String,
    pub language: Language,
    pub inviting_party: InvitingParty,
    pub foreign_partner: ForeignPartner,
    pub project: Project,
    pub specialists: Vec<Specialist>,
    pub ic_decision: Option<IcDecision>,
    pub visa_support: Option<VisaSupport>,
    #[serde(default)]
    pub letters: std::collections::BTreeMap<String, Letter>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvitingParty {
    pub name: String,
    pub name_kk: Option<String>,
    pub name_en: String,
    pub bin: String,
    pub region: String,
    pub address: String,
    pub address_kk: Option<String>,
    pub address_en: Option<String>,
    pub phone: String,
    pub email: String,
    pub socially_significant: bool,
    pub signatory: Signatory,
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Signatory {
    pub name: String,
    pub name_kk: Option<String>,
    pub name_en: Option<String>,
    pub position: String,
    pub position_kk: Option<String>,
    pub position_en: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Contact {
    pub name: String,
    /// Only the inviting company's contact has these (`$defs/company_contact`).
    #[serde(default)]
    pub name_kk: Option<String>,
    #[serde(default)]
    pub name_en: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ForeignPartner {
    pub name: String,
    pub country: String,
    pub address: String,
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Project {
    pub title: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    pub description: String,
    pub description_kk: Option<String>,
    pub location: String,
    pub location_kk: Option<String>,
    pub location_en: Option<String>,
    pub contract: Option<Contract>,
    #[serde(deserialize_with = "dates::deserialize")]
    pub entry_date: Date,
    #[serde(deserialize_with = "dates::deserialize")]
    pub exit_date: Date,
    pub visa_post: VisaPost,
    pub entry_checkpoint: Option<String>,
    pub visa: Visa,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Contract {
    pub number: String,
    #[serde(deserialize_with = "dates::deserialize")]
    pub date: Date,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VisaPost {
    pub country: String,
    pub city: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Visa {
    pub category: String,
    pub entries: Entries,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Entries {
    Single,
    Double,
    Multiple,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Specialist {
    pub surname: String,
    pub given_names: String,
    pub native_name: Option<String>,
    pub sex: Sex,
    #[serde(deserialize_with = "dates::deserialize")]
    pub date_of_birth: Date,
    pub citizenship: String,
    /// As in the contract or work permit, in any language.
    pub position: String,
    pub position_ru: Option<String>,
    pub position_kk: Option<String>,
    pub position_en: Option<String>,
    pub passport: Passport,
    pub work_permit: Option<WorkPermit>,
}

impl Specialist {
    /// `WANG LEI`, as in the passport.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.surname, self.given_names)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Sex {
    M,
    F,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Passport {
    pub number: String,
    #[serde(deserialize_with = "dates::deserialize")]
    pub issued: Date,
    #[serde(deserialize_with = "dates::deserialize")]
    pub expires: Date,
    pub scan: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WorkPermit {
    pub required: bool,
    pub number: Option<String>,
    #[serde(default, deserialize_with = "dates::deserialize_opt")]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IcDecision {
    pub minutes_number: String,
    #[serde(deserialize_with = "dates::deserialize")]
    pub date: Date,
    pub approved: Approved,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Approved {
    All(AllMarker),
    List(Vec<String>),
}

/// The literal `all`.
#[derive(Debug, Clone, Deserialize)]
pub enum AllMarker {
    #[serde(rename = "all")]
    All,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VisaSupport {
    pub number: String,
    #[serde(deserialize_with = "dates::deserialize")]
    pub date: Date,
    pub copy: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Letter {
    pub number: String,
    #[serde(deserialize_with = "dates::deserialize")]
    pub date: Date,
}

impl Case {
    /// Builds the typed case from a validated document's value.
    pub fn from_value(value: &serde_json::Value) -> Result<Case, serde_json::Error> {
        Case::deserialize(value)
    }

    /// The specialists the IC approved (all of them before a decision or with `all`).
    pub fn approved(&self) -> impl Iterator<Item = &Specialist> {
        self.specialists.iter().filter(move |s| {
            match self.ic_decision.as_ref().map(|d| &d.approved) {
                None | Some(Approved::All(_)) => true,
                Some(Approved::List(list)) => list.contains(&s.passport.number),
            }
        })
    }
}
