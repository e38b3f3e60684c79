//! Who and what: the company's BIN, the visa category, the checkpoint's spelling.

use super::bin;
use super::context::RuleContext;
use super::view::View;
use crate::diagnostic::Diagnostic;
use crate::reference;
use crate::suggest::{close_matches, did_you_mean};

pub(super) fn check(view: &View<'_>, _ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(b) = view.str("/inviting_party/bin") {
        let well_formed = b.len() == 12 && b.bytes().all(|c| c.is_ascii_digit());
        if well_formed && !bin::is_valid(b) {
            let expected = bin::control_digit(&b.as_bytes()[..11]);
            let help = match expected {
                Some(d) => format!(
                    "check the BIN against the company's registration certificate: with these first 11 digits the last one would be {d}"
                ),
                None => "no BIN starts with these 11 digits: check it against the company's registration certificate".into(),
            };
            out.push(
                Diagnostic::error(
                    "bin-checksum",
                    format!("BIN {b} fails the control-digit check"),
                )
                .help(help)
                .at("/inviting_party/bin"),
            );
        }
    }
    if let Some(code) = view.str("/project/visa/category") {
        let well_formed = code.len() >= 2 && code.starts_with(['A', 'B', 'C']);
        if well_formed && reference::visa_category(code).is_none() {
            let known: Vec<&str> = reference::VISA_CATEGORIES.iter().map(|v| v.code).collect();
            out.push(
                Diagnostic::warning(
                    "visa-category-unknown",
                    format!("visa category {code} is not in kzinvite's reference table"),
                )
                .help(format!(
                    "check the category with the Migration Service; the known ones are {}",
                    known.join(", ")
                ))
                .at("/project/visa/category"),
            );
        }
    }
    if let Some(name) = view.str("/project/entry_checkpoint")
        && reference::checkpoint(name).is_none()
        && let Some(hint) = did_you_mean(name, reference::checkpoint_names())
    {
        out.push(
            Diagnostic::warning(
                "checkpoint-unknown",
                format!("entry checkpoint `{name}` is not a known checkpoint"),
            )
            .help(format!(
                "{hint} The border notice prints this name as written"
            ))
            .suggest(close_matches(name, reference::checkpoint_names()))
            .at("/project/entry_checkpoint"),
        );
    }
}
