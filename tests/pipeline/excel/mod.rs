//! Excel manifests through the library: round trips, a workbook's structure, damaged
//! files and limits. (The command line on workbooks and the committed workbooks are in
//! `tests/cli/excel`.)
//!
//! The invalid fixtures are written by `generate_fixtures` (ignored; run it with
//! `cargo test --test pipeline -- --ignored generate_fixtures` after changing a
//! scenario); their `expected.json` files are written by hand.

mod book;
mod damaged;
mod generate;
mod round_trip;
mod structure;

use std::io::{Cursor, Read, Write};

use serde_json::Value;

use kzinvite::diagnostic::Diagnostic;
use kzinvite::source::{Document, LoadError, excel, yaml};

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
