//! The options every command shares, resolved once from the command line by `cli`.

use time::Date;

use crate::check::CheckOptions;
use crate::language::Language;
use crate::stage::Stage;

/// Common settings of a run, already resolved: a date, a number of workers, whether
/// to colour and to show progress — never a clap type.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Reference date for date rules and documents (`--today`, `SOURCE_DATE_EPOCH`, today).
    pub today: Date,
    /// `--stage`: checked as [`Stage::checked`], rendered as [`Stage::rendered`].
    pub stage: Option<Stage>,
    /// Parallel workers, at least 1.
    pub jobs: usize,
    pub quiet: bool,
    pub color: bool,
    /// Whether stdout/stderr is a terminal and not CI: progress bars are allowed.
    pub interactive: bool,
}

impl Settings {
    /// What checking a manifest needs of these settings, with the command's `--lang`.
    pub fn check_options(&self, lang: Option<Language>) -> CheckOptions {
        CheckOptions {
            today: self.today,
            stage: self.stage,
            lang,
        }
    }
}
