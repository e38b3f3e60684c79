//! Validating one manifest: read + YAML parse with positions, JSON Schema, business
//! rules, at 1, 20 and 500 specialists. `cargo bench --bench validate`.

mod support;

use std::path::PathBuf;

use kzinvite::check::{self, CheckOptions};
use kzinvite::source;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1, 20, 500];

/// A generated manifest with its scans, in a folder that lives as long as the bench.
fn manifest(specialists: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = support::manifests::write_all(dir.path(), 1, specialists).expect("generated");
    (dir, paths[0].clone())
}

fn options() -> CheckOptions {
    CheckOptions::at(support::manifests::today())
}

/// The whole check, as `kzinvite validate` runs it per file.
#[divan::bench(args = SIZES)]
fn validate(bencher: divan::Bencher, specialists: usize) {
    let (_dir, path) = manifest(specialists);
    let options = options();
    bencher.bench(|| {
        let doc = source::load(&path).expect("loads");
        let checked = check::check(&doc, &options);
        assert!(checked.is_valid());
        checked
    });
}

/// Reading and parsing alone (YAML events → JSON value + source map).
#[divan::bench(args = SIZES)]
fn parse(bencher: divan::Bencher, specialists: usize) {
    let (_dir, path) = manifest(specialists);
    let bytes = std::fs::read(&path).expect("reads");
    bencher.bench(|| source::yaml::parse(&bytes).expect("parses"));
}

/// The JSON Schema alone, on a parsed document.
#[divan::bench(args = SIZES)]
fn schema(bencher: divan::Bencher, specialists: usize) {
    let (_dir, path) = manifest(specialists);
    let doc = source::load(&path).expect("loads");
    bencher.bench(|| kzinvite::schema::check(&doc.value, &doc.map, doc.text.as_deref()));
}
