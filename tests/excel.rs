//! Excel manifests: round trips, the committed workbook fixtures, damaged files, limits,
//! and the command line (`init --xlsx`, `validate`, `convert`).
//!
//! The invalid fixtures are written by `generate_fixtures` (ignored; run it with
//! `cargo test --test excel -- --ignored generate_fixtures` after changing a scenario);
//! their `expected.json` files are written by hand.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use proptest::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Formula, Workbook};
use serde_json::{Map, Value, json};

use kzinvite::diagnostic::Diagnostic;
use kzinvite::location::Location;
use kzinvite::source::excel::layout::{self, Kind};
use kzinvite::source::{Document, LoadError, excel, yaml, yaml_out};

/// `--today` for the fixtures built on the request example.
const TODAY: &str = "2026-01-10";

fn kzinvite() -> Command {
    Command::cargo_bin("kzinvite").expect("the kzinvite binary")
}

fn yaml_value(path: &str) -> Value {
    let bytes = std::fs::read(path).expect("fixture");
    match yaml::parse(&bytes) {
        Ok(doc) => doc.value,
        Err(_) => panic!("{path} parses"),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Document, Box<Diagnostic>> {
    match excel::parse(bytes) {
        Ok(doc) => Ok(doc),
        Err(LoadError::Invalid { diagnostic, .. }) => Err(diagnostic),
        Err(LoadError::Io(e)) => panic!("no I/O in parse: {e}"),
    }
}

fn round_trip(value: &Value) -> Result<(), String> {
    let bytes = excel::write_workbook(value).map_err(|e| format!("write: {e:#}"))?;
    let doc = read_xlsx(&bytes).map_err(|d| format!("read: {d:?}"))?;
    if !doc.findings.is_empty() {
        return Err(format!("findings: {:?}", doc.findings));
    }
    if doc.value != *value {
        return Err(format!(
            "differs:\n{}\n---\n{}",
            serde_json::to_string_pretty(value).unwrap_or_default(),
            serde_json::to_string_pretty(&doc.value).unwrap_or_default()
        ));
    }
    let text = yaml_out::manifest(value);
    match yaml::parse(text.as_bytes()) {
        Ok(back) if back.value == *value => Ok(()),
        Ok(back) => Err(format!("YAML differs:\n{text}\n{:?}", back.value)),
        Err(_) => Err(format!("YAML does not parse:\n{text}")),
    }
}

#[test]
fn example_round_trips_through_a_workbook_and_yaml() {
    for path in [
        "fixtures/examples/request/case.yaml",
        "fixtures/examples/petition/case.yaml",
        "fixtures/examples/notification/case.yaml",
    ] {
        if let Err(e) = round_trip(&yaml_value(path)) {
            panic!("{path}: {e}");
        }
    }
    // Text Excel escapes (control characters, `_xHHHH_` typed literally) or could
    // mistake for a number, a date or a formula.
    let mut value = yaml_value("fixtures/examples/notification/case.yaml");
    value["specialists"][0]["native_name"] = json!("a\u{0}b\u{7}c _x0041_ _x005F_ 😀");
    value["specialists"][0]["position"] = json!("=SUM(A1:A2)");
    value["project"]["contract"]["number"] = json!("1-2");
    value["visa_support"]["number"] = json!("000000000000000000012");
    value["inviting_party"]["contact"]["name"] = json!("TRUE");
    if let Err(e) = round_trip(&value) {
        panic!("tricky text: {e}");
    }
}

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

/// `Sheet!A1` of a location.
fn sheet_cell(location: Option<&Location>) -> String {
    match location {
        Some(loc @ Location::Cell { sheet, .. }) => {
            format!("{sheet}!{}", loc.cell_name().unwrap_or_default())
        }
        other => format!("{other:?}"),
    }
}

fn cell_of(doc: &Document, pointer: &str) -> String {
    sheet_cell(doc.map.locate(pointer).as_ref())
}

#[test]
fn structure_problems_are_findings_and_the_rest_is_read() {
    let mut value = yaml_value("fixtures/examples/request/case.yaml");
    value["letters"] = json!({
        "akimat-request": { "number": "1", "date": "2026-01-05" },
        "akimat-reqest": { "number": "2", "date": "2026-01-06" },
    });
    let mut book = Book::from_manifest(&value);
    // The second specialist moves down, past two empty rows.
    let second: Vec<((u32, u16), Typed)> = book
        .sheet("Specialists")
        .iter()
        .filter(|((r, _), _)| *r == 2)
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    for ((_, c), v) in second {
        book.sheet("Specialists").remove(&(2, c));
        book.sheet("Specialists").insert((4, c), v);
    }
    book.set("Specialists", "O1", Typed::Text("surname".into()));
    book.set("Specialists", "P2", Typed::Text("a note".into()));
    book.set("Case", "B60", Typed::Text("a value".into()));
    book.set("Letters", "A4", Typed::Text("akimat-request".into()));
    book.set("Letters", "B4", Typed::Text("3".into()));
    book.sheets.push(("Notes".into(), Cells::new()));
    let doc = read_xlsx(&book.bytes()).expect("reads");
    let mut findings: Vec<(String, String)> = doc
        .findings
        .iter()
        .map(|d| (d.code.clone(), sheet_cell(d.location.as_ref())))
        .collect();
    findings.sort();
    let want: Vec<(String, String)> = [
        ("excel-format", "Case!A60"),
        ("excel-format", "Letters!A4"),
        ("excel-format", "Specialists!O1"),
        ("excel-format", "Specialists!P2"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(findings, want, "{:?}", doc.findings);
    // Everything else is read: both specialists, the letters as typed.
    assert_eq!(doc.value["specialists"], value["specialists"]);
    assert_eq!(doc.value["letters"], value["letters"]);
    assert_eq!(
        cell_of(&doc, "/specialists/1/passport/number"),
        "Specialists!H5"
    );
    assert_eq!(
        cell_of(&doc, "/specialists/1/native_name"),
        "Specialists!C5"
    );
    assert_eq!(cell_of(&doc, "/letters/akimat-reqest/date"), "Letters!C3");
    // The unknown document id is the schema's to report, with a hint, at its cell.
    let checked = kzinvite::check::check(
        &doc,
        &kzinvite::check::CheckOptions::at(time::macros::date!(2026 - 01 - 10)),
    );
    let unknown = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "schema/additionalProperties")
        .expect("unknown letter");
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("akimat-request")
    );
    assert_eq!(
        unknown
            .location
            .as_ref()
            .and_then(|l| l.cell_name())
            .as_deref(),
        Some("A3")
    );

    // A sheet whose name looks like a missing one is reported, not silently skipped.
    let mut book = Book::from_manifest(&value);
    book.sheets[2].0 = "Leters".into();
    let doc = read_xlsx(&book.bytes()).expect("reads");
    assert_eq!(doc.findings.len(), 1, "{:?}", doc.findings);
    assert!(
        doc.findings[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("`Letters`")
    );
    assert!(doc.value.get("letters").is_none());
}

// ---- damaged files and limits ------------------------------------------------------

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().expect("entry name").into_owned(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(name.as_str(), options).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn assert_format_error_or_document(bytes: &[u8], what: &str) {
    match read_xlsx(bytes) {
        Ok(_) => {}
        Err(d) => {
            assert_eq!(d.code, "excel-format", "{what}: {d:?}");
            assert!(
                !d.message.contains("reader failed"),
                "{what}: the reader panicked: {d:?}"
            );
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn damaged_bytes_give_excel_format_never_a_panic() {
    let good = std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture");
    for bytes in [
        &b""[..],
        b"PK",
        b"PK\x03\x04",
        b"hello",
        &good[..good.len() / 2],
    ] {
        let d = read_xlsx(bytes).expect_err("not a workbook");
        assert_eq!(d.code, "excel-format");
    }
    for cut in (0..good.len()).step_by(good.len() / 97 + 1) {
        assert_format_error_or_document(&good[..cut], &format!("cut at {cut}"));
    }
    let mut rng = Lcg(7);
    for i in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..1 + i % 4 {
            let at = rng.next(bytes.len());
            bytes[at] ^= 1 << rng.next(8);
        }
        assert_format_error_or_document(&bytes, &format!("flip {i}"));
    }
    // Damaged XML in a well-formed zip reaches the workbook parser itself.
    let entries = unzip(&good);
    for i in 0..200 {
        let mut damaged = entries.clone();
        let which = rng.next(damaged.len());
        let data = &mut damaged[which].1;
        match i % 3 {
            0 => {
                let cut = rng.next(data.len());
                data.truncate(cut);
            }
            1 => {
                for _ in 0..8 {
                    let at = rng.next(data.len());
                    data[at] = b"<>\"'&=/ x0"[rng.next(10)];
                }
            }
            _ => {
                let at = rng.next(data.len());
                data.splice(
                    at..at,
                    b"<c r=\"ZZZZ99999999\" t=\"s\"><v>99999999</v></c>"
                        .iter()
                        .copied(),
                );
            }
        }
        let name = damaged[which].0.clone();
        assert_format_error_or_document(&rezip(&damaged), &format!("damaged {name} ({i})"));
    }
}

#[test]
fn limits_are_refused_quickly() {
    // A zip bomb: 100 MiB of zeros in a few hundred kilobytes.
    let mut entries = unzip(&std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture"));
    entries.push(("xl/media/bomb.bin".into(), vec![0; 100 * 1024 * 1024]));
    let bomb = rezip(&entries);
    assert!(bomb.len() < 1024 * 1024);
    let d = read_xlsx(&bomb).expect_err("bomb");
    assert_eq!(d.code, "excel-format");
    assert!(d.message.contains("MiB"), "{d:?}");

    // A shared-string table claiming billions of entries.
    let mut entries = unzip(&std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture"));
    for (name, data) in &mut entries {
        if name.ends_with("sharedStrings.xml") {
            let text = String::from_utf8_lossy(data).replacen(
                "uniqueCount=\"",
                "uniqueCount=\"4000000000",
                1,
            );
            *data = text.into_bytes();
        }
    }
    let d = read_xlsx(&rezip(&entries)).expect_err("strings");
    assert_eq!(d.code, "excel-format");

    // More cells than any manifest has.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Case").expect("name");
    ws.write(0, 0, "field").expect("w");
    ws.write(0, 1, "value").expect("w");
    let ws = wb.add_worksheet().set_name("Specialists").expect("name");
    let rows = kzinvite::limits::MAX_CELLS as u32 / 10 + 10;
    for r in 0..rows {
        for c in 0..10u16 {
            ws.write_number(r, c, 1.0).expect("w");
        }
    }
    let d = read_xlsx(&wb.save_to_buffer().expect("saved")).expect_err("cells");
    assert_eq!(d.code, "excel-format");
    assert!(matches!(
        d.location,
        Some(kzinvite::location::Location::Cell { .. })
    ));

    // More sheets than any manifest has.
    let mut wb = Workbook::new();
    for i in 0..=kzinvite::limits::MAX_SHEETS {
        wb.add_worksheet().set_name(format!("S{i}")).expect("name");
    }
    let d = read_xlsx(&wb.save_to_buffer().expect("saved")).expect_err("sheets");
    assert_eq!(d.code, "excel-format");
}

// ---- random manifests ---------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zA-Zа-яА-ЯёәғқңөұүһіӘҒҚҢӨҰҮҺІ0-9 «»—–:#,&*!|>'\"%@_./()王磊😀-]{1,40}",
        1 => prop::sample::select(vec![
            "TRUE", "false", "no", "null", "2026-03-15", "0012", "1e5", "+7", "=A1+1",
            "_x0041_ as typed", "- dash", "a: b", "#hash", "~", "'quoted'", "12.50",
            "tab\tinside", "bell\u{7}inside", "zero\u{0}width\u{200B}",
        ])
        .prop_map(str::to_owned),
    ]
    .prop_map(|s| s.trim().to_owned())
    .prop_filter("non-empty", |s| !s.is_empty())
}

fn date() -> impl Strategy<Value = String> {
    (1890u16..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn latin() -> impl Strategy<Value = String> {
    "[A-Z]{1,10}( [A-Z]{1,8})?"
}

fn digits() -> impl Strategy<Value = String> {
    prop_oneof!["0[0-9]{1,11}", "[1-9][0-9]{0,14}", "[0-9]{16,20}"]
}

fn passport() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Z][A-Z0-9]{4,19}", "0[0-9]{4,19}"]
}

fn choice(path: &str) -> impl Strategy<Value = String> + use<> {
    let values = layout::layout()
        .case_field(path)
        .or_else(|| layout::layout().specialist_field(path))
        .and_then(|f| f.choices.clone())
        .map(|c| c.values)
        .expect("a list");
    prop::sample::select(values)
}

fn optional<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn object(entries: Vec<(&str, Option<Value>)>) -> Value {
    let map: Map<String, Value> = entries
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect();
    Value::Object(map)
}

fn s(v: String) -> Option<Value> {
    Some(Value::String(v))
}

fn specialist() -> impl Strategy<Value = Value> {
    (
        (
            latin(),
            latin(),
            optional(text()),
            choice("sex"),
            date(),
            choice("citizenship"),
            text(),
        ),
        (
            passport(),
            date(),
            date(),
            optional("scans/[a-z]{1,8}\\.(pdf|jpg|png)"),
        ),
        optional((any::<bool>(), optional(digits()), optional(date()))),
    )
        .prop_map(
            |(
                (surname, given, native, sex, born, citizen, position),
                (number, issued, expires, scan),
                permit,
            )| {
                object(vec![
                    ("surname", s(surname)),
                    ("given_names", s(given)),
                    ("native_name", native.map(Value::String)),
                    ("sex", s(sex)),
                    ("date_of_birth", s(born)),
                    ("citizenship", s(citizen)),
                    ("position", s(position)),
                    (
                        "passport",
                        Some(object(vec![
                            ("number", s(number)),
                            ("issued", s(issued)),
                            ("expires", s(expires)),
                            ("scan", scan.map(Value::String)),
                        ])),
                    ),
                    (
                        "work_permit",
                        permit.map(|(required, number, date)| {
                            object(vec![
                                ("required", Some(Value::Bool(required))),
                                ("number", number.map(Value::String)),
                                ("date", date.map(Value::String)),
                            ])
                        }),
                    ),
                ])
            },
        )
}

fn description() -> impl Strategy<Value = String> {
    prop::collection::vec(text(), 1..8).prop_map(|lines| lines.join("\n"))
}

fn manifest() -> impl Strategy<Value = Value> {
    let party = (
        (
            text(),
            text(),
            prop_oneof!["0[0-9]{11}", "[1-9][0-9]{11}"],
            choice("inviting_party.region"),
            text(),
        ),
        (
            "\\+[0-9]{1,3}( [0-9]{3}){2,3}",
            "[a-z]{1,8}@[a-z]{1,8}\\.kz",
            any::<bool>(),
            text(),
            text(),
        ),
        optional((text(), optional("\\+7 [0-9]{3} [0-9]{3} [0-9]{2} [0-9]{2}"))),
    )
        .prop_map(
            |(
                (name, name_en, bin, region, address),
                (phone, email, social, signer, position),
                contact,
            )| {
                object(vec![
                    ("name", s(name)),
                    ("name_en", s(name_en)),
                    ("bin", s(bin)),
                    ("region", s(region)),
                    ("address", s(address)),
                    ("phone", s(phone)),
                    ("email", s(email)),
                    ("socially_significant", Some(Value::Bool(social))),
                    (
                        "signatory",
                        Some(object(vec![("name", s(signer)), ("position", s(position))])),
                    ),
                    (
                        "contact",
                        contact.map(|(n, p)| {
                            object(vec![("name", s(n)), ("phone", p.map(Value::String))])
                        }),
                    ),
                ])
            },
        );
    let partner = (
        text(),
        choice("foreign_partner.country"),
        text(),
        optional((text(), optional("[a-z]{1,8}@[a-z]{2,8}\\.cn"))),
    )
        .prop_map(|(name, country, address, contact)| {
            object(vec![
                ("name", s(name)),
                ("country", s(country)),
                ("address", s(address)),
                (
                    "contact",
                    contact.map(|(n, e)| {
                        object(vec![("name", s(n)), ("email", e.map(Value::String))])
                    }),
                ),
            ])
        });
    let project = (
        (
            text(),
            description(),
            text(),
            optional((prop_oneof![digits(), text()], date())),
        ),
        (
            date(),
            date(),
            choice("project.visa_post.country"),
            text(),
            optional(text()),
        ),
        ("[ABC][0-9]{1,2}", choice("project.visa.entries")),
    )
        .prop_map(
            |(
                (title, description, location, contract),
                (entry, exit, country, city, checkpoint),
                (category, entries),
            )| {
                object(vec![
                    ("title", s(title)),
                    ("description", s(description)),
                    ("location", s(location)),
                    (
                        "contract",
                        contract.map(|(n, d)| object(vec![("number", s(n)), ("date", s(d))])),
                    ),
                    ("entry_date", s(entry)),
                    ("exit_date", s(exit)),
                    (
                        "visa_post",
                        Some(object(vec![("country", s(country)), ("city", s(city))])),
                    ),
                    ("entry_checkpoint", checkpoint.map(Value::String)),
                    (
                        "visa",
                        Some(object(vec![
                            ("category", s(category)),
                            ("entries", s(entries)),
                        ])),
                    ),
                ])
            },
        );
    let decision = optional((
        digits(),
        date(),
        prop_oneof![
            Just(json!("all")),
            prop::collection::vec(passport(), 1..4).prop_map(|v| json!(v))
        ],
    ));
    let support = optional((digits(), date(), optional("scans/[a-z]{1,8}\\.pdf")));
    let letters = prop::collection::btree_map(
        prop::sample::select(layout::layout().letter_ids.clone()),
        (prop_oneof![digits(), text()], date()),
        1..4,
    );
    (
        ("[A-Za-z0-9][A-Za-z0-9._-]{0,20}", choice("language")),
        party,
        partner,
        project,
        prop::collection::vec(specialist(), 1..5),
        (decision, support, optional(letters)),
    )
        .prop_map(
            |(
                (id, language),
                party,
                partner,
                project,
                specialists,
                (decision, support, letters),
            )| {
                object(vec![
                    ("manifest_version", Some(json!(1))),
                    ("id", s(id)),
                    ("language", s(language)),
                    ("inviting_party", Some(party)),
                    ("foreign_partner", Some(partner)),
                    ("project", Some(project)),
                    ("specialists", Some(Value::Array(specialists))),
                    (
                        "ic_decision",
                        decision.map(|(n, d, a)| {
                            object(vec![
                                ("minutes_number", s(n)),
                                ("date", s(d)),
                                ("approved", Some(a)),
                            ])
                        }),
                    ),
                    (
                        "visa_support",
                        support.map(|(n, d, c)| {
                            object(vec![
                                ("number", s(n)),
                                ("date", s(d)),
                                ("copy", c.map(Value::String)),
                            ])
                        }),
                    ),
                    (
                        "letters",
                        letters.map(|l| {
                            Value::Object(
                                l.into_iter()
                                    .map(|(id, (n, d))| (id, json!({ "number": n, "date": d })))
                                    .collect(),
                            )
                        }),
                    ),
                ])
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_manifests_survive_yaml_to_excel_to_yaml(value in manifest()) {
        if let Err(e) = round_trip(&value) {
            prop_assert!(false, "{}", e);
        }
    }
}

// ---- fixture generator --------------------------------------------------------------

/// A cell as a person or another program might leave it.
#[derive(Debug, Clone)]
enum Typed {
    Text(String),
    Number(f64),
    Bool(bool),
    Date(String),
    /// A formula saved without its result (as some tools write them).
    FormulaWithoutValue(String),
}

/// Sheets of cells, written with rust_xlsxwriter without the template's formats, so
/// each scenario controls exactly what a cell holds.
struct Book {
    sheets: Vec<(String, Cells)>,
}

/// A sheet's cells by (row, column).
type Cells = BTreeMap<(u32, u16), Typed>;

const NO_VALUE: &str = "__no_value__";

impl Book {
    /// The manifest laid out as kzinvite writes it.
    fn from_manifest(value: &Value) -> Book {
        let l = layout::layout();
        let typed = |kind: Kind, v: &Value| -> Typed {
            match (kind, v) {
                (Kind::Date, Value::String(s)) => Typed::Date(s.clone()),
                (_, Value::Bool(b)) => Typed::Bool(*b),
                (_, Value::Number(n)) => Typed::Number(n.as_f64().unwrap_or_default()),
                (_, Value::String(s)) => Typed::Text(s.clone()),
                (_, Value::Array(a)) => Typed::Text(
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (_, other) => Typed::Text(other.to_string()),
            }
        };
        let mut case = BTreeMap::new();
        case.insert((0, 0), Typed::Text("field".into()));
        case.insert((0, 1), Typed::Text("value".into()));
        for (i, f) in l.case.iter().enumerate() {
            let row = i as u32 + 1;
            case.insert((row, 0), Typed::Text(f.path.clone()));
            if let Some(v) = value.pointer(&f.pointer("")) {
                case.insert((row, 1), typed(f.kind, v));
            }
        }
        let mut specialists = BTreeMap::new();
        for (c, f) in l.specialist.iter().enumerate() {
            specialists.insert((0, c as u16), Typed::Text(f.path.clone()));
            for (r, s) in value["specialists"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(v) = s.pointer(&f.pointer("")) {
                    specialists.insert((r as u32 + 1, c as u16), typed(f.kind, v));
                }
            }
        }
        let mut letters = BTreeMap::new();
        for (c, name) in layout::LETTER_COLUMNS.iter().enumerate() {
            letters.insert((0, c as u16), Typed::Text((*name).into()));
        }
        for (r, (id, letter)) in value["letters"]
            .as_object()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let row = r as u32 + 1;
            letters.insert((row, 0), Typed::Text(id.clone()));
            letters.insert((row, 1), typed(Kind::Text, &letter["number"]));
            letters.insert((row, 2), typed(Kind::Date, &letter["date"]));
        }
        Book {
            sheets: vec![
                ("Case".into(), case),
                ("Specialists".into(), specialists),
                ("Letters".into(), letters),
            ],
        }
    }

    fn sheet(&mut self, name: &str) -> &mut Cells {
        let i = self
            .sheets
            .iter()
            .position(|(n, _)| n == name)
            .expect("sheet");
        &mut self.sheets[i].1
    }

    /// The Case row of a field (0-based).
    fn case_row(&mut self, field: &str) -> u32 {
        self.sheet("Case")
            .iter()
            .find(|((_, c), v)| *c == 0 && matches!(v, Typed::Text(t) if t == field))
            .map(|((r, _), _)| *r)
            .expect("field row")
    }

    fn set(&mut self, sheet: &str, cell: &str, value: Typed) {
        let (row, col) = address(cell);
        self.sheet(sheet).insert((row, col), value);
    }

    fn bytes(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        // A fixed creation time, so regenerating leaves unchanged fixtures unchanged.
        let created = ExcelDateTime::from_ymd(2026, 1, 1).expect("date");
        wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for (name, cells) in &self.sheets {
            let ws = wb.add_worksheet().set_name(name).expect("name");
            for (&(r, c), v) in cells {
                match v {
                    Typed::Text(s) => ws.write_string(r, c, s),
                    Typed::Number(n) => ws.write_number(r, c, *n),
                    Typed::Bool(b) => ws.write_boolean(r, c, *b),
                    Typed::Date(s) => {
                        let d = ExcelDateTime::parse_from_str(s).expect("date");
                        ws.write_date_with_format(r, c, &d, &date)
                    }
                    Typed::FormulaWithoutValue(f) => {
                        ws.write_formula(r, c, Formula::new(f).set_result(NO_VALUE))
                    }
                }
                .expect("cell");
            }
        }
        let bytes = wb.save_to_buffer().expect("saved");
        // rust_xlsxwriter always stores a result: take it out again.
        let entries: Vec<(String, Vec<u8>)> = unzip(&bytes)
            .into_iter()
            .map(|(name, data)| {
                let text = String::from_utf8_lossy(&data);
                if text.contains(NO_VALUE) {
                    let text = text
                        .replace(&format!("<v>{NO_VALUE}</v>"), "")
                        .replace(" t=\"str\"><f>", "><f>");
                    (name, text.into_bytes())
                } else {
                    (name, data)
                }
            })
            .collect();
        rezip(&entries)
    }
}

/// `E2` → (1, 4).
fn address(cell: &str) -> (u32, u16) {
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters
        .bytes()
        .fold(0u16, |n, b| n * 26 + u16::from(b - b'A') + 1)
        - 1;
    let row: u32 = cell[letters.len()..].parse().expect("row");
    (row - 1, col)
}

/// Writes a fixture unless the file there differs only in its creation time.
fn write_fixture(dir: &str, bytes: &[u8]) {
    let dir = Path::new("fixtures/excel").join(dir);
    std::fs::create_dir_all(&dir).expect("folder");
    let path = dir.join("case.xlsx");
    let content = |b: &[u8]| -> Option<Vec<(String, Vec<u8>)>> {
        zip::ZipArchive::new(Cursor::new(b)).ok()?;
        Some(
            unzip(b)
                .into_iter()
                .filter(|(n, _)| n != "docProps/core.xml")
                .collect(),
        )
    };
    if let Ok(old) = std::fs::read(&path)
        && (old == bytes || content(&old).is_some_and(|c| Some(c) == content(bytes)))
    {
        return;
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
#[ignore = "writes the committed fixtures; run after changing a scenario"]
fn generate_fixtures() {
    // The valid workbook: what `kzinvite init --xlsx` writes on 2026-01-15.
    let yaml = kzinvite::commands::init::example_yaml(time::macros::date!(2026 - 01 - 15));
    let value = match yaml::parse(yaml.as_bytes()) {
        Ok(doc) => doc.value,
        Err(_) => panic!("example parses"),
    };
    write_fixture("valid", &excel::write_workbook(&value).expect("written"));

    let base = yaml_value("fixtures/examples/request/case.yaml");
    let scenario = |name: &str, edit: &dyn Fn(&mut Book)| {
        let mut book = Book::from_manifest(&base);
        edit(&mut book);
        write_fixture(&format!("invalid/{name}"), &book.bytes());
    };
    scenario("text-date", &|b| {
        b.set("Specialists", "E2", Typed::Text("12/04/1985".into()))
    });
    scenario("lossy-number", &|b| {
        b.set("Specialists", "H2", Typed::Number(1.2345678901234567e19))
    });
    scenario("leading-zeros", &|b| {
        let row = b.case_row("inviting_party.bin");
        b.sheet("Case")
            .insert((row, 1), Typed::Number(12345678901.0));
    });
    scenario("formula-without-value", &|b| {
        let row = b.case_row("project.title");
        b.sheet("Case").insert(
            (row, 1),
            Typed::FormulaWithoutValue("CONCATENATE(\"Road \",\"works\")".into()),
        );
    });
    scenario("not-a-boolean", &|b| {
        let row = b.case_row("inviting_party.socially_significant");
        b.sheet("Case")
            .insert((row, 1), Typed::Text("maybe".into()));
    });
    scenario("unknown-column", &|b| {
        b.set("Specialists", "C1", Typed::Text("native-name".into()))
    });
    scenario("unknown-field", &|b| {
        let row = b.case_row("inviting_party.region");
        b.sheet("Case")
            .insert((row, 0), Typed::Text("inviting_party.regoin".into()));
    });
    scenario("missing-sheet", &|b| b.sheets[1].0 = "specialists".into());
    scenario("missing-header", &|b| {
        b.set("Case", "A1", Typed::Text("feld".into()))
    });
    scenario("duplicate-field", &|b| {
        let row = b.case_row("project.location");
        b.sheet("Case")
            .insert((row, 0), Typed::Text("project.title".into()));
    });
    let mut not_a_workbook = b"manifest_version: 1\nid: saved-with-the-wrong-extension\n".to_vec();
    not_a_workbook.extend_from_slice(b"language: ru\n");
    write_fixture("invalid/not-a-workbook", &not_a_workbook);
    let whole = Book::from_manifest(&base).bytes();
    write_fixture("invalid/truncated", &whole[..whole.len() / 2]);
}
