//! Workbooks on the command line: `convert`, `init --xlsx` and `validate`, and the
//! committed workbook fixtures. (Reading and writing workbooks through the library is
//! in `tests/pipeline/excel`.)

mod command_line;
mod workbooks;

use assert_cmd::Command;
use serde_json::Value;

use kzinvite::diagnostic::Diagnostic;
use kzinvite::source::{Document, LoadError, excel, yaml};

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
