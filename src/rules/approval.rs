//! The IC's list of approved passports against the specialists of the manifest.

use super::context::RuleContext;
use super::view::View;
use crate::diagnostic::Diagnostic;
use crate::suggest::{close_matches, did_you_mean};

pub(super) fn check(view: &View<'_>, _ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(approved) = view.approved() else {
        return;
    };
    let known: Vec<&str> = view
        .specialists()
        .filter_map(|s| s.passport_number())
        .collect();
    for (i, number) in &approved {
        if !known.contains(number) {
            let help = did_you_mean(number, known.iter().copied())
                .map(|h| format!("{h} Copy the number exactly from the IC minutes"))
                .unwrap_or_else(|| "copy the number exactly from the IC minutes, or add the specialist it belongs to".into());
            out.push(
                Diagnostic::error(
                    "approved-unknown",
                    format!("the IC minutes approve passport {number}, which no specialist in the manifest has"),
                )
                .help(help)
                .suggest(close_matches(number, known.iter().copied()))
                .at(format!("/ic_decision/approved/{i}")),
            );
        }
    }
    for s in view.specialists() {
        if !view.is_approved(&s) {
            out.push(
                Diagnostic::warning(
                    "not-approved",
                    format!("{} is not in the IC's approved list: left out of the petition and all later documents", s.label()),
                )
                .help("if the minutes do approve this person, add the passport number to ic_decision.approved")
                .at(s.pointer("")),
            );
        }
    }
}
