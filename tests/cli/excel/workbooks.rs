//! The committed workbooks: the invalid scenarios give exactly their diagnostics, the
//! valid one is what `init` writes, and files saved by LibreOffice read the same.

use std::path::{Path, PathBuf};

use serde_json::Value;

use kzinvite::source::yaml;

use super::{TODAY, kzinvite, read_xlsx, yaml_value};

#[test]
fn invalid_fixtures_give_exactly_their_diagnostics() {
    let root = Path::new("fixtures/excel/invalid");
    let mut scenarios: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 10, "{scenarios:?}");
    for dir in scenarios {
        let expected: Value = serde_json::from_slice(
            &std::fs::read(dir.join("expected.json")).expect("expected.json"),
        )
        .expect("expected.json is JSON");
        let output = kzinvite()
            .args(["validate", "--format", "json", "--today", TODAY])
            .arg(dir.join("case.xlsx"))
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{}", dir.display());
        let report: Value = serde_json::from_slice(&output.stdout).expect("json");
        let key = |d: &Value| {
            (
                d["code"].to_string(),
                d["sheet"].to_string(),
                d["cell"].to_string(),
            )
        };
        let mut got: Vec<_> = report["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(key)
            .collect();
        let mut want: Vec<_> = expected["diagnostics"]
            .as_array()
            .expect("list")
            .iter()
            .map(key)
            .collect();
        got.sort();
        want.sort();
        assert_eq!(
            got,
            want,
            "{}: {}",
            dir.display(),
            report["files"][0]["diagnostics"]
        );
    }
}

#[test]
fn workbook_saved_by_libreoffice_validates() {
    kzinvite()
        .args([
            "validate",
            "--today",
            "2026-02-10",
            "fixtures/excel/libreoffice/case.xlsx",
        ])
        .assert()
        .code(0);
    let bytes = std::fs::read("fixtures/excel/libreoffice/case.xlsx").expect("fixture");
    let doc = read_xlsx(&bytes).expect("reads");
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
    assert_eq!(
        doc.value,
        yaml_value("fixtures/excel/libreoffice/case.yaml")
    );
}

#[test]
fn workbook_resaved_by_libreoffice_reads_the_same() {
    // `soffice --headless --convert-to xlsx` of fixtures/excel/libreoffice/source.xlsx (the
    // valid workbook as `init --xlsx` wrote it before the Case sheet gained translation rows).
    let ours =
        read_xlsx(&std::fs::read("fixtures/excel/libreoffice/source.xlsx").expect("fixture"))
            .expect("reads");
    let resaved =
        read_xlsx(&std::fs::read("fixtures/excel/libreoffice/converted.xlsx").expect("fixture"))
            .expect("reads");
    assert!(resaved.findings.is_empty(), "{:?}", resaved.findings);
    assert_eq!(resaved.value, ours.value);
    kzinvite()
        .args([
            "validate",
            "--today",
            "2026-01-15",
            "fixtures/excel/libreoffice/converted.xlsx",
        ])
        .assert()
        .code(0);
}

#[test]
fn committed_valid_workbook_is_what_init_writes() {
    let today = time::macros::date!(2026 - 01 - 15);
    let yaml = kzinvite::commands::init::example_yaml(today);
    let value = match yaml::parse(yaml.as_bytes()) {
        Ok(doc) => doc.value,
        Err(_) => panic!("example parses"),
    };
    let committed = read_xlsx(&std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture"))
        .expect("reads");
    assert_eq!(committed.value, value);
    kzinvite()
        .args([
            "validate",
            "--today",
            "2026-01-15",
            "fixtures/excel/valid/case.xlsx",
        ])
        .assert()
        .code(0);
}
