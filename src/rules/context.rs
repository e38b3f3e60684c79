//! What the rules need besides the manifest, and which of their findings apply.

use std::path::Path;

use time::Date;

use super::catalogue::{Applies, rule_info};
use crate::language::Language;
use crate::scan::ScanCache;
use crate::stage::Stage;

/// What the rules need besides the manifest.
#[derive(Debug, Clone)]
pub struct RuleContext<'a> {
    /// Reference date for date rules (`--today`).
    pub today: Date,
    /// The stage the manifest reached by its content.
    pub derived: Stage,
    /// The stage whose rules apply: the derived one, or a later one asked with `--stage`.
    pub stage: Stage,
    /// The manifest's folder: scan paths are resolved inside it only.
    pub base_dir: &'a Path,
    /// `--lang`: the language the letters to state bodies will be printed in, over the
    /// manifest's (`translation-missing`).
    pub lang: Option<Language>,
    /// Scans inspected by earlier checks, when the caller keeps them (the language server).
    pub scans: Option<&'a ScanCache>,
}

impl RuleContext<'_> {
    /// Whether a finding with this code is reported at `self.stage`.
    pub(super) fn applies(&self, code: &str) -> bool {
        match rule_info(code).map(|r| r.applies) {
            Some(Applies::From(s)) => self.stage >= s,
            Some(Applies::Only(s)) => self.stage == s,
            Some(Applies::All) | None => true,
            Some(Applies::Render) => false,
        }
    }
}
