//! `kzinvite status`: where each case stands in the seven-step procedure.

use std::io::Write;

use serde_json::Value;

use std::path::PathBuf;

use super::batch::load_and_check;
use super::outcome::Outcome;
use super::settings::Settings;
use crate::check::{self, CheckOptions};
use crate::diagnostic::{Severity, WarningPolicy};
use crate::discover::{self, BadPath};
use crate::documents::DocumentId;
use crate::location::location_suffix;
use crate::pointer::pointer_display;
use crate::source::Document;
use crate::stage::Stage;

/// `kzinvite status`, resolved.
#[derive(Debug, Clone)]
pub struct StatusConfig {
    pub paths: Vec<PathBuf>,
}

pub fn run(config: &StatusConfig, settings: &Settings) -> Result<Outcome, BadPath> {
    let inputs = discover::manifests(&config.paths, None)?;
    let options = settings.check_options(None);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut all_ok = true;
    for input in &inputs {
        let loaded = load_and_check(input, &options, &WarningPolicy::default());
        let (Some(doc), Some(stage)) = (&loaded.document, loaded.stage) else {
            all_ok = false;
            let reason = loaded
                .report
                .diagnostics
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            let _ = writeln!(out, "{}: cannot be read — {reason}\n", input.display);
            continue;
        };
        let valid = loaded.report.is_valid(false);
        let text = describe(doc, stage, valid, &options, &input.display);
        all_ok &= valid;
        let _ = writeln!(out, "{text}");
    }
    Ok(Outcome::from_ok(all_ok))
}

/// The status of one case as text.
pub fn describe(
    doc: &Document,
    stage: Stage,
    valid: bool,
    options: &CheckOptions,
    display: &str,
) -> String {
    let v = &doc.value;
    let id = v.get("id").and_then(Value::as_str).unwrap_or("(no id)");
    let mut s = format!(
        "{display} — case {id}: stage {stage}{}\n",
        if valid { "" } else { " (has errors)" }
    );
    let letter = |doc: DocumentId| v.pointer(&format!("/letters/{doc}")).is_some();
    let n_spec = v
        .get("specialists")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut steps: Vec<(bool, String)> = vec![
        (
            n_spec > 0,
            format!("1. list of specialists fixed ({n_spec}), entry date and visa post chosen"),
        ),
        (
            letter(DocumentId::AkimatRequest) || stage >= Stage::Petition,
            "2. request sent to the akimat".into(),
        ),
    ];
    let ic = v.get("ic_decision");
    steps.push((
        ic.is_some(),
        match ic {
            Some(ic) => format!(
                "3–4. Intersectoral Commission approved the list (minutes {} of {})",
                ic.get("minutes_number")
                    .and_then(Value::as_str)
                    .unwrap_or("?"),
                ic.get("date").and_then(Value::as_str).unwrap_or("?")
            ),
            None => "3–4. Intersectoral Commission approves the list".into(),
        },
    ));
    let vs = v.get("visa_support");
    steps.push((
        vs.is_some(),
        match vs {
            Some(vs) => format!(
                "5. visa support issued (No. {} of {})",
                vs.get("number").and_then(Value::as_str).unwrap_or("?"),
                vs.get("date").and_then(Value::as_str).unwrap_or("?")
            ),
            None => "5. petition the Migration Service for visa support".into(),
        },
    ));
    steps.push((
        letter(DocumentId::PartnerNotice) && letter(DocumentId::AkimatNotification),
        "6. partner notified; akimat asked to inform the Border Service, Ministry of Health and Consular Service".into(),
    ));
    steps.push((
        false,
        "7. specialists enter under the sanitary rules".into(),
    ));
    for (done, text) in &steps {
        s.push_str(&format!("  [{}] {text}\n", if *done { "x" } else { " " }));
    }
    let unlocked: Vec<&str> = DocumentId::unlocked_by(stage)
        .map(DocumentId::as_str)
        .collect();
    if valid {
        s.push_str(&format!("  documents now: {}\n", unlocked.join(", ")));
    } else {
        s.push_str(&format!(
            "  documents now: none until the errors are fixed (the stage unlocks {})\n",
            unlocked.join(", ")
        ));
    }
    let next = match stage {
        Stage::Request => Some(Stage::Petition),
        Stage::Petition => Some(Stage::Notification),
        Stage::Notification => None,
    };
    match next {
        Some(next) => {
            let ahead = check::check(
                doc,
                &CheckOptions {
                    stage: Some(next),
                    ..*options
                },
            );
            let missing: Vec<String> = ahead
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| {
                    let at = location_suffix(display, d.location.as_ref());
                    format!(
                        "    - {} ({}; {at})",
                        d.message,
                        pointer_display(&d.pointer)
                    )
                })
                .collect();
            s.push_str(&format!("  missing for stage {next}:\n"));
            if missing.is_empty() {
                s.push_str("    - nothing\n");
            }
            for m in missing {
                s.push_str(&m);
                s.push('\n');
            }
        }
        None => s.push_str("  all documents can be rendered; next: the specialists enter\n"),
    }
    s
}
