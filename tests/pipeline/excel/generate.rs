//! The generator of the committed workbook fixtures (`--ignored generate_fixtures`).

use std::io::Cursor;
use std::path::Path;

use kzinvite::source::{excel, yaml};

use super::book::{Book, Typed};
use super::{unzip, yaml_value};

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
