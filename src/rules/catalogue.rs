//! The catalogue of diagnostic codes: each code's severity, the stages it applies at and
//! what it checks (docs/rules.md is the same table for people).

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::stage::Stage;

/// When a rule applies: from a stage on, at one stage only, or at render time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applies {
    /// At every stage.
    All,
    /// From this stage on.
    From(Stage),
    /// At this stage only.
    Only(Stage),
    /// Before rendering (depends on the fonts available).
    Render,
}

/// A rule's entry in the catalogue: its stable code and what it checks.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub applies: Applies,
    pub checks: &'static str,
}

const fn rule(
    code: &'static str,
    severity: Severity,
    applies: Applies,
    checks: &'static str,
) -> Rule {
    Rule {
        code,
        severity,
        applies,
        checks,
    }
}

use Applies::{All, From, Only};
use Severity::{Error, Warning};

/// Every diagnostic code the tool emits besides `schema/<keyword>`; codes never change meaning.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    rule("io", Error, All, "a file cannot be read"),
    rule("yaml-syntax", Error, All, "YAML does not parse, is not UTF-8, or holds several documents"),
    rule("yaml-duplicate-key", Error, All, "a mapping repeats a key"),
    rule("yaml-limits", Error, All, "aliases expand past a budget, nesting deeper than 64, over 100 000 values, file over 10 MiB"),
    rule("excel-format", Error, All, "missing sheet or header, unknown column, unreadable workbook"),
    rule("excel-cell", Error, All, "a cell whose type or text can't be the field's value"),
    rule("manifest-version", Error, All, "missing or unknown manifest_version"),
    rule("stage-missing", Error, All, "a field that --stage requires is absent"),
    rule("bin-checksum", Error, All, "inviting_party.bin fails the BIN control digit"),
    rule("date-order", Error, All, "dates in an impossible order, or a birth date in the future"),
    rule("passport-expiry", Error, All, "a passport expires before exit_date"),
    rule("passport-margin", Warning, All, "a passport expires less than 90 days after exit_date"),
    rule("duplicate-passport", Error, All, "two specialists share a passport number"),
    rule("duplicate-person", Warning, All, "two specialists share surname, given names and date of birth"),
    rule("age", Warning, All, "a specialist is under 18 or over 75 on entry_date"),
    rule("not-socially-significant", Warning, From(Stage::Request), "paragraph 26 admits employees of socially significant companies only"),
    rule("entry-date-past", Warning, All, "entry_date is before today"),
    rule("lead-time", Warning, Only(Stage::Petition), "fewer than 14 days between today and entry_date"),
    rule("approved-unknown", Error, From(Stage::Petition), "ic_decision.approved names a passport no specialist has"),
    rule("not-approved", Warning, From(Stage::Petition), "a specialist the IC did not approve is left out of later documents"),
    rule("scan-missing", Error, From(Stage::Petition), "an approved specialist has no passport scan, or a named file does not exist"),
    rule("scan-outside", Error, All, "a scan path leaves the manifest's folder, or is not a readable pdf/jpg/png by content"),
    rule("scan-too-large", Error, All, "a scan over 10 MiB or 40 megapixels, or a case's scans over 200 MiB together"),
    rule("work-permit-missing", Error, From(Stage::Petition), "a required work permit has no number or date"),
    rule("work-permit-date", Error, From(Stage::Petition), "a work permit is dated after visa support or entry"),
    rule("checkpoint-missing", Error, From(Stage::Notification), "project.entry_checkpoint is needed for the border notice"),
    rule("checkpoint-unknown", Warning, All, "entry_checkpoint is close to, but not, a known checkpoint"),
    rule("visa-category-unknown", Warning, All, "project.visa.category is outside the reference table"),
    rule("glyph-coverage", Warning, Applies::Render, "a text value has characters no available font can draw"),
    rule("letter-date", Warning, All, "a letter is dated before its document's stage was reached"),
    rule("stay-length", Warning, All, "the planned stay, entry and exit day both counted, is longer than a year (365 days)"),
    rule("translation-missing", Warning, All, "a document in Kazakh (or the English partner notice) falls back on a field's registered value: its _kk (_en) variant is missing; or a letter would print the specialists' positions in another language (position_ru, position_kk, position_en)"),
    rule("translation-suspect", Warning, All, "a _kk variant without a Cyrillic letter or the same as the registered value, an _en variant with Cyrillic letters, a position_ru without a Cyrillic letter"),
    rule("too-many-problems", Warning, All, "a file has more than 1000 problems: the rest are not reported"),
];

/// The catalogue entry of a code; `None` for `schema/<keyword>` and unknown codes.
pub fn rule_info(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}
