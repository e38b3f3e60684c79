//! A workbook's structure: misplaced or unknown rows, columns and sheets are findings
//! at their cells, and everything else is still read.

use serde_json::json;

use kzinvite::location::Location;
use kzinvite::source::Document;

use super::book::{Book, Cells, Typed};
use super::{read_xlsx, yaml_value};

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
    book.set("Specialists", "R1", Typed::Text("surname".into()));
    book.set("Specialists", "S2", Typed::Text("a note".into()));
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
        ("excel-format", "Specialists!R1"),
        ("excel-format", "Specialists!S2"),
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
