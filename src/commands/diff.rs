//! `kzinvite diff OLD NEW`: two packets (or two folders of packets) compared; exit 0
//! when nothing differs, 1 when something does, 2 when they cannot be compared.

use std::path::PathBuf;

use super::outcome::{Outcome, print};
use super::settings::Settings;
use crate::diff::{self, DiffReport};
use crate::redact::Redactor;
use crate::review::{self, Against, Review};

/// How the differences are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
    /// The review page of NEW with the redline against OLD (one pair of packets).
    Html,
}

/// `kzinvite diff`, resolved.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: DiffFormat,
    /// `--out FILE` for `--format html` (else standard output).
    pub out: Option<PathBuf>,
    /// `--redact`: passport numbers and dates of birth masked.
    pub redact: bool,
}

pub fn run(config: &DiffConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let old = diff::load(&config.old)?;
    let new = diff::load(&config.new)?;
    let pairs = diff::pair(old, new, &config.old, &config.new)?;
    let redactor = |pair: &diff::packets::Pair| {
        let sides = [&pair.old, &pair.new];
        Redactor::of_manifests(sides.into_iter().flatten().map(|p| &p.meta.manifest.value))
    };
    let mut cases: Vec<_> = pairs.iter().map(diff::compare_case).collect();
    if config.redact {
        for (case, pair) in cases.iter_mut().zip(&pairs) {
            diff::redact_case(case, &redactor(pair));
        }
    }
    if config.format == DiffFormat::Html {
        let (Some(case), Some(pair), 1) = (cases.pop(), pairs.first(), pairs.len()) else {
            anyhow::bail!(
                "{}: --format html shows one pair of packets; for folders use `kzinvite review --against`",
                config.new.display()
            );
        };
        let Some(new) = &pair.new else {
            anyhow::bail!("{}: no packet", config.new.display());
        };
        let differs = case.status != crate::diff::model::Status::Unchanged;
        let mut page = Review::packet(new.meta.clone());
        page.against = Some(Against {
            path: config.old.display().to_string(),
            diff: case,
        });
        if config.redact {
            review::redact(&mut page, &redactor(pair));
        }
        let html = review::case_page(&page);
        match &config.out {
            Some(file) => super::review::write_page(file, &html)?,
            None => print(html.as_bytes())?,
        }
        return Ok(Outcome::from_ok(!differs));
    }
    let report = DiffReport::new(cases);
    let text = match config.format {
        DiffFormat::Text | DiffFormat::Html => diff::report::text(&report, settings.color),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report)?;
            json.push('\n');
            json
        }
    };
    print(text.as_bytes())?;
    Ok(Outcome::from_ok(!report.differs()))
}
