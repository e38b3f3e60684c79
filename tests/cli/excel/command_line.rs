//! `convert`, `init --xlsx` and `validate` on workbooks, through the binary.

use serde_json::{Value, json};

use kzinvite::source::excel;

use super::{kzinvite, yaml_value};

#[test]
fn convert_round_trips_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("case.xlsx");
    let back = dir.path().join("back.yaml");
    let original = "fixtures/examples/notification/case.yaml";
    kzinvite()
        .args(["convert", original])
        .arg(&xlsx)
        .assert()
        .code(0);
    kzinvite()
        .arg("convert")
        .arg(&xlsx)
        .arg(&back)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&back).expect("written");
    assert!(text.contains("  description: |"), "{text}");
    assert!(text.contains("bin: \"180340021830\""), "{text}");
    assert_eq!(
        yaml_value(&back.display().to_string()),
        yaml_value(original)
    );
}

#[test]
fn convert_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("case.xlsx");
    std::fs::write(&out, b"mine").expect("write");
    kzinvite()
        .args(["convert", "fixtures/examples/notification/case.yaml"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(std::fs::read(&out).expect("read"), b"mine");
    let yaml_out = dir.path().join("case.yaml");
    std::fs::write(&yaml_out, b"mine").expect("write");
    kzinvite()
        .args(["convert", "fixtures/excel/valid/case.xlsx"])
        .arg(&yaml_out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&yaml_out).expect("read"), b"mine");
}

#[test]
fn convert_of_an_invalid_workbook_names_what_is_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("case.yaml");
    kzinvite()
        .args(["convert", "fixtures/excel/invalid/text-date/case.xlsx"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("excel-cell"))
        .stderr(predicates::str::contains("Specialists!E2"));
    assert!(out.exists(), "what could be read is converted");
    let unreadable = dir.path().join("nothing.yaml");
    kzinvite()
        .args(["convert", "fixtures/excel/invalid/missing-sheet/case.xlsx"])
        .arg(&unreadable)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("excel-format"));
    assert!(!unreadable.exists());
}

#[test]
fn init_xlsx_validates_out_of_the_box() {
    let dir = tempfile::tempdir().expect("tempdir");
    kzinvite()
        .args(["init", "--xlsx"])
        .arg(dir.path())
        .assert()
        .code(0);
    kzinvite().arg("validate").arg(dir.path()).assert().code(0);
    let blank = tempfile::tempdir().expect("tempdir");
    kzinvite()
        .args(["init", "--xlsx", "--blank"])
        .arg(blank.path())
        .assert()
        .code(0);
    let output = kzinvite()
        .args(["validate", "--format", "json"])
        .arg(blank.path().join("case.xlsx"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "a blank workbook lacks data");
    assert_all_in_cells(&output.stdout);
}

/// Every diagnostic of a `validate --format json` run names a sheet and a cell.
fn assert_all_in_cells(stdout: &[u8]) -> usize {
    let report: Value = serde_json::from_slice(stdout).expect("json");
    let mut count = 0;
    for file in report["files"].as_array().expect("files") {
        for d in file["diagnostics"].as_array().expect("diagnostics") {
            assert!(d["sheet"].is_string() && d["cell"].is_string(), "{d}");
            assert!(d["line"].is_null() && d["column"].is_null(), "{d}");
            count += 1;
        }
    }
    count
}

#[test]
fn every_diagnostic_on_a_workbook_names_its_cell() {
    let mut value = yaml_value("fixtures/examples/notification/case.yaml");
    let v = &mut value;
    v["inviting_party"]["bin"] = json!("180340021831");
    v["inviting_party"]["region"] = json!("almaty");
    v["inviting_party"]["email"] = json!("not an email");
    v["inviting_party"]["signatory"]
        .as_object_mut()
        .expect("signatory")
        .remove("position");
    v["project"]["exit_date"] = json!("2026-01-01");
    v["project"]["description"] = json!("short");
    v["specialists"][0]["passport"]["number"] = json!("e-123");
    v["specialists"][1]["date_of_birth"] = json!("2030-01-01");
    v["specialists"][1]["passport"]
        .as_object_mut()
        .expect("passport")
        .remove("expires");
    v["specialists"][1]["work_permit"] = json!({ "required": true });
    v["ic_decision"]["approved"] = json!(["X0000000"]);
    v["letters"]["border-notice"] = json!({ "number": "1", "date": "2020-01-01" });
    v["letters"]["akimat-request"]
        .as_object_mut()
        .expect("letter")
        .remove("date");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("case.xlsx");
    std::fs::write(&path, excel::write_workbook(&value).expect("written")).expect("write");
    let output = kzinvite()
        .args([
            "validate",
            "--format",
            "json",
            "--today",
            "2026-02-10",
            "--stage",
            "notification",
        ])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let count = assert_all_in_cells(&output.stdout);
    assert!(count >= 12, "{}", String::from_utf8_lossy(&output.stdout));
    // Missing values point at the empty cell where they belong.
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let at = |pointer: &str| -> Vec<String> {
        report["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["pointer"] == pointer)
            .map(|d| {
                format!(
                    "{}!{}",
                    d["sheet"].as_str().unwrap_or("?"),
                    d["cell"].as_str().unwrap_or("?")
                )
            })
            .collect()
    };
    assert_eq!(at("/inviting_party/signatory/position"), ["Case!B19"]);
    assert_eq!(at("/specialists/1/passport/expires"), ["Specialists!J3"]);
    assert_eq!(at("/letters/akimat-request/date"), ["Letters!C2"]);
    assert_eq!(at("/inviting_party/bin"), ["Case!B8"]);
}
