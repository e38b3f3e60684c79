//! `--allow` and `--deny`: warnings a team tunes, as linters let them, so that a CI on
//! `--deny-warnings` keeps a way out when a new warning arrives.

use std::path::Path;
use std::process::Output;

fn kzinvite(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"))
}

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples/request/case.yaml")
        .display()
        .to_string()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn allowed_warnings_are_not_reported_and_denied_ones_fail() {
    let m = example();
    // Two years after its entry date the example warns `entry-date-past`.
    let late = ["--today", "2028-06-01"];
    let plain = kzinvite(&[&["validate", &m, "--deny-warnings"][..], &late].concat());
    assert_eq!(plain.status.code(), Some(1), "{}", text(&plain));
    assert!(text(&plain).contains("warning[entry-date-past]"));
    let allowed = kzinvite(
        &[
            &[
                "validate",
                &m,
                "--deny-warnings",
                "--allow",
                "entry-date-past",
            ][..],
            &late,
        ]
        .concat(),
    );
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed));
    assert!(!text(&allowed).contains("entry-date-past"));
    let denied = kzinvite(&[&["validate", &m, "--deny", "entry-date-past"][..], &late].concat());
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied));
    assert!(text(&denied).contains("error[entry-date-past]"));
}

#[test]
fn only_warning_codes_can_be_allowed_or_denied() {
    let m = example();
    let error = kzinvite(&["validate", &m, "--allow", "bin-checksum"]);
    assert_eq!(error.status.code(), Some(2));
    assert!(text(&error).contains("`bin-checksum` is an error, not a warning"));
    let typo = kzinvite(&["validate", &m, "--deny", "entry-date-pst"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        text(&typo).contains("did you mean `entry-date-past`?"),
        "{}",
        text(&typo)
    );
}

#[test]
fn render_applies_the_policy_to_its_own_warnings() {
    // The request example has a Chinese native name: `glyph-coverage` without a CJK font.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().display().to_string();
    let today = ["--today", "2026-01-15"];
    let denied = kzinvite(
        &[
            &[
                "render",
                &example(),
                "--out",
                &out,
                "--deny",
                "glyph-coverage",
            ][..],
            &today,
        ]
        .concat(),
    );
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied));
    assert!(text(&denied).contains("error[glyph-coverage]"));
    assert!(!dir.path().join("KCC-2026-011").exists());
    let allowed = kzinvite(
        &[
            &[
                "render",
                &example(),
                "--out",
                &out,
                "--allow",
                "glyph-coverage",
            ][..],
            &today,
        ]
        .concat(),
    );
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed));
    assert!(!text(&allowed).contains("glyph-coverage"));
}
