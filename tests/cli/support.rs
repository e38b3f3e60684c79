//! What the tests of several commands share: the binary as CI runs it, and `render` run
//! on a manifest with the suite's `--today`.

use std::path::Path;
use std::process::{Command, Output};

/// The binary with no `SOURCE_DATE_EPOCH` and `CI=true` (no progress bar, no colour).
pub(crate) fn kzinvite() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kzinvite"));
    c.env_remove("SOURCE_DATE_EPOCH").env("CI", "true");
    c
}

/// `kzinvite render MANIFEST --out OUT --today 2026-01-15 EXTRA...`, run to its end.
pub(crate) fn render(manifest: &Path, out: &Path, extra: &[&str]) -> Output {
    kzinvite()
        .arg("render")
        .arg(manifest)
        .arg("--out")
        .arg(out)
        .args(["--today", "2026-01-15"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"))
}

/// Fails the test, with what the command printed, unless it exited 0.
pub(crate) fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Copies the folder `from` (a case with its scans) to `to`, recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
