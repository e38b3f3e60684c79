//! Manifests as sides of a diff: rendered in memory, the cause located at its line, and
//! nothing written.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use super::{causes, changed_documents, render, variant};
use crate::support::kzinvite;

/// Every file under `dir` with its length and modification time.
fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{e}")) {
            let entry = entry.unwrap_or_else(|e| panic!("{e}"));
            let meta = entry.metadata().unwrap_or_else(|e| panic!("{e}"));
            if meta.is_dir() {
                stack.push(entry.path());
            }
            let modified = meta.modified().unwrap_or_else(|e| panic!("{e}"));
            out.push((entry.path(), meta.len(), modified));
        }
    }
    out.sort();
    out
}

fn diff_with(old: &Path, new: &Path, extra: &[&str]) -> Output {
    kzinvite()
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--today", "2026-01-15"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn two_manifests_are_rendered_in_memory_and_the_cause_has_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let old = variant(dir.path(), "notification", "notification", |t| t);
    let new = variant(dir.path(), "notification", "later", |t| {
        t.replace("entry_date: 2026-03-01", "entry_date: 2026-03-15")
    });
    let before = listing(dir.path());
    let output = diff_with(&old, &new, &["--format", "json"]);
    assert_eq!(listing(dir.path()), before, "diff wrote something");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let report: Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let causes = causes(&report);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(causes[0]["pointer"], "/project/entry_date");
    let line = std::fs::read_to_string(&new)
        .unwrap_or_else(|e| panic!("{e}"))
        .lines()
        .position(|l| l.contains("entry_date: 2026-03-15"))
        .map(|k| k + 1)
        .unwrap_or_else(|| panic!("no entry_date"));
    let location = format!("{}:{line}:15", new.display());
    assert_eq!(causes[0]["location"], Value::from(location.clone()));
    // Every document of the notification stage states the entry date.
    let changed = changed_documents(&report);
    let all = report["cases"][0]["documents"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(all > 0 && changed.len() == all, "{changed:?}");
    let text = String::from_utf8_lossy(&diff_with(&old, &new, &[]).stdout).into_owned();
    assert!(
        text.contains(&format!(
            "project.entry_date: \"2026-03-01\" → \"2026-03-15\"  ({location})"
        )),
        "{text}"
    );
}

#[test]
fn a_manifest_against_its_own_packet_is_no_difference() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = variant(dir.path(), "notification", "notification", |t| t);
    let out = dir.path().join("out");
    let packet = render(&manifest, &out, &["--draft"]);
    let before = listing(dir.path());
    for (side, extra) in [(&packet, vec!["--draft"]), (&out, vec!["--draft"])] {
        let output = diff_with(side, &manifest, &extra);
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{text}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(text.contains("1 case(s): 0 changed"), "{text}");
    }
    // Without --draft the manifest renders final copies: an option change only.
    let (code, report) = {
        let output = diff_with(&packet, &manifest, &["--format", "json"]);
        let report: Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
        (output.status.code(), report)
    };
    assert_eq!(code, Some(1));
    assert_eq!(changed_documents(&report), Vec::<String>::new(), "{report}");
    assert_eq!(causes(&report).len(), 1, "{report}");
    assert_eq!(causes(&report)[0]["name"], "draft");
    assert_eq!(listing(dir.path()), before, "diff wrote something");
}

#[test]
fn a_manifest_that_does_not_validate_prints_its_diagnostics_and_exits_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let old = variant(dir.path(), "notification", "notification", |t| t);
    let new = variant(dir.path(), "notification", "bad-bin", |t| {
        t.replace("bin: \"180340021830\"", "bin: \"180340021831\"")
    });
    let before = listing(dir.path());
    let output = diff_with(&old, &new, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    let validate = kzinvite()
        .arg("validate")
        .arg(&new)
        .args(["--today", "2026-01-15"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let validated = String::from_utf8_lossy(&validate.stdout);
    assert!(validated.contains("error"), "{validated}");
    assert!(
        stderr.starts_with(&*validated),
        "{stderr}\n---\n{validated}"
    );
    assert!(stderr.contains("does not validate"), "{stderr}");
    assert_eq!(listing(dir.path()), before, "diff wrote something");
}
