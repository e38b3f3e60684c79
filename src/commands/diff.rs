//! `kzinvite diff OLD NEW`: two packets (or two folders of packets) compared; exit 0
//! when nothing differs, 1 when something does, 2 when they cannot be compared.

use std::path::PathBuf;

use super::outcome::{Outcome, print};
use super::settings::Settings;
use crate::diff::{self, DiffReport};

/// How the differences are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
}

/// `kzinvite diff`, resolved.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: DiffFormat,
}

pub fn run(config: &DiffConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let old = diff::load(&config.old)?;
    let new = diff::load(&config.new)?;
    let pairs = diff::pair(old, new, &config.old, &config.new)?;
    let report = DiffReport::new(pairs.iter().map(diff::compare_case).collect());
    let text = match config.format {
        DiffFormat::Text => diff::report::text(&report, settings.color),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report)?;
            json.push('\n');
            json
        }
    };
    print(text.as_bytes())?;
    Ok(Outcome::from_ok(!report.differs()))
}
