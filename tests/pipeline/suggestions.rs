//! `Diagnostic::suggestions`: the candidates a rule's "did you mean" names, as data for
//! editors' quick fixes — the same candidates, best first, and none without a hint.

use std::path::Path;

use kzinvite::check::{CheckOptions, check};
use kzinvite::diagnostic::Diagnostic;

fn checked(manifest: &Path, edit: impl FnOnce(&mut String)) -> Vec<Diagnostic> {
    let mut text =
        std::fs::read_to_string(manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    edit(&mut text);
    let Ok(mut doc) = kzinvite::source::yaml::parse(text.as_bytes()) else {
        panic!("{} parses", manifest.display());
    };
    doc.path = manifest.to_path_buf();
    let options = CheckOptions::at(time::macros::date!(2026 - 01 - 15));
    check(&doc, &options).diagnostics.into_vec()
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/{name}/case.yaml"))
}

/// The one diagnostic with `code`.
fn only(diagnostics: &[Diagnostic], code: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == code).collect();
    match found.as_slice() {
        [one] => (*one).clone(),
        _ => panic!("expected one {code}, got {diagnostics:#?}"),
    }
}

/// What `did you mean `a`, `b` or `c`?` in a help text quotes, in order.
fn named_in_help(d: &Diagnostic) -> Vec<String> {
    let help = d.help.as_deref().unwrap_or_default();
    let Some(rest) = help.split_once("did you mean ").map(|(_, r)| r) else {
        return Vec::new();
    };
    let question = rest.split_once('?').map_or(rest, |(q, _)| q);
    question
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_misspelt_checkpoint_suggests_the_checkpoint_the_help_names() {
    let d = only(
        &checked(&fixture("invalid/checkpoint-unknown"), |_| {}),
        "checkpoint-unknown",
    );
    assert_eq!(d.suggestions, ["Khorgos"], "{d:?}");
    assert_eq!(named_in_help(&d), d.suggestions);
}

#[test]
fn several_close_checkpoints_are_suggested_best_first() {
    let d = only(
        &checked(&fixture("examples/notification"), |t| {
            *t = t.replace("entry_checkpoint: Khorgos", "entry_checkpoint: Airport");
        }),
        "checkpoint-unknown",
    );
    assert_eq!(d.suggestions, ["Almaty Airport", "Astana Airport"], "{d:?}");
    assert_eq!(named_in_help(&d), d.suggestions);
}

#[test]
fn an_approved_number_close_to_a_specialists_suggests_that_number() {
    let d = only(
        &checked(&fixture("invalid/approved-unknown-typo"), |_| {}),
        "approved-unknown",
    );
    assert_eq!(d.suggestions, ["E87654321"], "{d:?}");
    assert_eq!(named_in_help(&d), d.suggestions);
    assert_eq!(
        d.pointer, "/ic_decision/approved/1",
        "the value it replaces"
    );
}

#[test]
fn nothing_is_suggested_when_nothing_is_close() {
    let diagnostics = checked(&fixture("invalid/approved-unknown"), |_| {});
    let d = only(&diagnostics, "approved-unknown");
    assert!(named_in_help(&d).is_empty(), "{d:?}");
    assert!(d.suggestions.is_empty(), "{d:?}");
    // Nor by the rules that never give a "did you mean".
    for d in &diagnostics {
        assert!(d.suggestions.is_empty(), "{d:?}");
    }
}
