//! `kzinvite init`: a complete example case that validates, with placeholder scans.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use time::{Date, Duration};

use super::outcome::Outcome;
use super::settings::Settings;
use crate::fsutil::write_new;
use crate::placeholder;

const CASE_TEMPLATE: &str = include_str!("../../templates/init/case.yaml");

/// The latest date the example is placed after `today` (the passport's expiry).
const EXAMPLE_SPAN_DAYS: i64 = 8 * 365;

/// The example manifest with dates placed around `today`, so it validates whenever
/// it is written (for a `today` within [`EXAMPLE_SPAN_DAYS`] of the calendar's end the
/// dates stop at 9999-12-31 rather than overflow).
pub fn example_yaml(today: Date) -> String {
    let iso = |d: Date| crate::dates::iso(d);
    let days = Duration::days;
    let entry = today.saturating_add(days(45));
    let values = [
        ("year", today.year().to_string()),
        ("contract_date", iso(today.saturating_sub(days(60)))),
        ("entry_date", iso(entry)),
        ("exit_date", iso(entry.saturating_add(days(183)))),
        ("issued", iso(today.saturating_sub(days(2 * 365)))),
        (
            "expires",
            iso(today.saturating_add(days(EXAMPLE_SPAN_DAYS))),
        ),
        ("permit_date", iso(today.saturating_sub(days(10)))),
    ];
    let mut text = CASE_TEMPLATE.to_owned();
    for (key, value) in values {
        text = text.replace(&format!("{{{{ {key} }}}}"), &value);
    }
    text
}

/// Scans named by the example, with the text their placeholder shows.
pub const EXAMPLE_SCANS: &[(&str, &str)] = &[
    (
        "scans/wang-lei.pdf",
        "Passport scan of WANG LEI (E12345678)",
    ),
    (
        "scans/zhang-min.pdf",
        "Passport scan of ZHANG MIN (E87654321)",
    ),
];

/// `kzinvite init`, resolved.
#[derive(Debug, Clone)]
pub struct InitConfig {
    /// The folder to create the case in.
    pub dir: PathBuf,
    /// A workbook instead of YAML.
    pub xlsx: bool,
    /// With `xlsx`: an empty workbook.
    pub blank: bool,
}

pub fn run(args: &InitConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let path = write_case(args, settings)?;
    if !settings.quiet {
        let scans = if args.blank {
            ""
        } else {
            " and placeholder scans"
        };
        let schema = if args.xlsx {
            String::new()
        } else {
            format!(
                " (editors find its schema in {})",
                args.dir.join(super::editor::SCHEMA_FILE).display()
            )
        };
        eprintln!(
            "wrote {}{scans}{schema}; check it with `kzinvite validate {}`",
            path.display(),
            path.display()
        );
    }
    Ok(Outcome::Success)
}

/// Writes the example case; returns the manifest's path.
fn write_case(args: &InitConfig, settings: &Settings) -> anyhow::Result<PathBuf> {
    let dir = &args.dir;
    let manifest = dir.join(if args.xlsx { "case.xlsx" } else { "case.yaml" });
    let targets: Vec<PathBuf> = std::iter::once(manifest.clone())
        .chain(
            EXAMPLE_SCANS
                .iter()
                .filter(|_| !args.blank)
                .map(|(p, _)| dir.join(p)),
        )
        .collect();
    if let Some(existing) = targets.iter().find(|p| p.exists()) {
        bail!(
            "{} already exists: init never overwrites (choose an empty folder)",
            existing.display()
        );
    }
    // Manifests write four-digit years: the example must end by 9999-12-31.
    if (time::macros::date!(9999 - 12 - 31) - settings.today).whole_days() < EXAMPLE_SPAN_DAYS {
        bail!(
            "--today {} is too close to the year 9999 to date an example case after it",
            crate::dates::iso(settings.today)
        );
    }
    let yaml = example_yaml(settings.today);
    if args.xlsx {
        let bytes = if args.blank {
            crate::source::excel::blank_workbook()?
        } else {
            let doc = crate::source::yaml::parse(yaml.as_bytes())
                .map_err(|_| anyhow::anyhow!("the embedded example does not parse"))?;
            crate::source::excel::write_workbook(&doc.value)?
        };
        write_new(&manifest, &bytes)?;
    } else {
        write_new(&manifest, yaml.as_bytes())?;
        // The modeline points here: the editor has the schema from the first opening.
        super::editor::write_schema_beside(dir)?;
    }
    if !args.blank {
        write_scans(dir)?;
    }
    Ok(manifest)
}

fn write_scans(dir: &Path) -> anyhow::Result<()> {
    for (path, label) in EXAMPLE_SCANS {
        let bytes = placeholder::pdf(&[
            label,
            "Replace this file with the real scan of the passport's data page.",
        ]);
        write_new(&dir.join(path), &bytes).with_context(|| format!("writing {path}"))?;
    }
    Ok(())
}
