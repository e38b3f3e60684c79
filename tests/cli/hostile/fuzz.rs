//! Random and mutated input through the reader, the checks and every reporter; every
//! file of `fixtures/hostile/` through the library and the binary.

use std::path::Path;

use kzinvite::check::check;
use kzinvite::report::{
    FileReport, GithubReporter, JsonReporter, JunitReporter, ReportOptions, Reporter, TextReporter,
};
use kzinvite::source::{LoadError, yaml};
use proptest::prelude::*;
use proptest::sample::Index;

use super::{crate_root, example, guarded, options, validate_json};

fn example_bytes() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| std::fs::read(example("notification")).expect("the example manifest"))
}

/// Reads, checks and reports `bytes` as a manifest beside the example (so relative
/// scan paths resolve), the way `validate` does, every reporter writing into memory.
/// `Ok(diagnostics)` for a document, `Err(code)` when the reader refused it.
fn pipeline(bytes: &[u8], path: &Path) -> Result<usize, String> {
    let report_options = ReportOptions {
        color: false,
        deny_warnings: false,
        quiet: false,
    };
    let (report, outcome) = match yaml::parse(bytes) {
        Ok(mut doc) => {
            doc.path = path.to_path_buf();
            let checked = check(&doc, &options());
            let n = checked.diagnostics.len();
            let report = FileReport {
                path: "case.yaml".into(),
                stage: Some(checked.stage),
                diagnostics: checked.diagnostics.into_vec(),
                text: doc.text.clone(),
            };
            (report, Ok(n))
        }
        Err(LoadError::Invalid { diagnostic, text }) => {
            let code = diagnostic.code.clone();
            assert!(
                !diagnostic.message.is_empty() && diagnostic.help.is_some(),
                "{diagnostic:?}"
            );
            assert!(diagnostic.location.is_some(), "not located: {diagnostic:?}");
            let report = FileReport {
                path: "case.yaml".into(),
                stage: None,
                diagnostics: vec![*diagnostic],
                text,
            };
            (report, Err(code))
        }
        Err(LoadError::Io(e)) => panic!("parsing bytes gave an I/O error: {e}"),
    };
    let reporters: Vec<Box<dyn Reporter>> = vec![
        Box::new(TextReporter::new(report_options)),
        Box::new(JsonReporter::new(report_options)),
        Box::new(JunitReporter::new(report_options)),
        Box::new(GithubReporter),
    ];
    for mut reporter in reporters {
        let mut out = Vec::new();
        reporter
            .file(&mut out, &report)
            .expect("reporting into memory");
    }
    outcome
}

/// [`pipeline`] under the watchdog, as if the bytes were the example's manifest.
fn run_bytes(bytes: Vec<u8>) -> Result<usize, String> {
    let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    guarded(&format!("input {shown:?}"), move || {
        pipeline(&bytes, &example("notification"))
    })
}

/// Small pieces of YAML syntax that parsers trip over.
const TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "&a [*a, *a, *a]",
    "<<: *a\n",
    "!!tag ",
    "!!str ",
    "!!binary ",
    "!<tag:x> ",
    "!local ",
    "? ",
    "? [a]\n: b\n",
    "{",
    "[",
    "}",
    "]",
    ", ",
    ": ",
    "- ",
    "-\n",
    "\t",
    " #",
    "'",
    "\"",
    "|",
    ">-",
    "|9\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n---\n",
    "%TAG ! !x\n",
    "\"\\uD800\"",
    "\"\\U0010FFFF\"",
    "\"\\x00\"",
    "\"\\",
    "~",
    "null",
    "0x",
    "-0o7",
    "1e999",
    ".inf",
    "\r",
    "\r\n",
    "\u{2028}",
    "\u{FEFF}",
    "\u{0}",
    "\u{85}",
    "@",
    "`",
    "%",
    "a: &b\n  c: *b\n",
];

/// Byte sequences that are not UTF-8: lone surrogates, a stray continuation byte, a cut
/// sequence, a code point past U+10FFFF, a UTF-16 byte order mark.
const NOT_UTF8: &[&[u8]] = &[
    b"\xED\xA0\x80",
    b"\xED\xBF\xBF",
    b"\x80",
    b"\xC3",
    b"\xF4\x90\x80\x80",
    b"\xFF\xFE",
];

/// Values at the edges of what fields hold: calendar ends, impossible dates, numbers
/// past every integer type, paths that leave the folder or name devices, odd text.
const VALUES: &[&str] = &[
    "9999-12-31",
    "9999-12-30",
    "0000-01-01",
    "2026-02-29",
    "2024-02-29",
    "1970-01-01",
    "-1",
    "0",
    "1e999",
    "-1e-999",
    ".nan",
    "99999999999999999999999999",
    "0x7FFFFFFFFFFFFFFF",
    "-0o777",
    "\"\"",
    "~",
    "[]",
    "{}",
    "[[], {}, [[]]]",
    "true",
    "\"../../../../etc/passwd.pdf\"",
    "/dev/zero.pdf",
    "\"C:\\\\scans\\\\x.pdf\"",
    "scans/",
    "\".\"",
    "\"\\u202Ereversed\\u200B\"",
    "\"\\U0001F600 王磊 Ғ\"",
    "E12345678",
    "all",
    "KCC-2026-014",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replaces the value after the first `: ` of a line.
    Value(Index, &'static str),
    FlipBit(Index, u8),
    Truncate(Index),
    DeleteLine(Index),
    DuplicateLine(Index),
    /// Adds (positive) or removes (negative) leading spaces of a line.
    Indent(Index, i8),
    Insert(Index, &'static str),
    LongLine(Index, usize),
    Nul(Index),
    NotUtf8(Index, &'static [u8]),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), proptest::sample::select(VALUES))
            .prop_map(|(i, v)| Mutation::Value(i, v)),
        1 => (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), -6i8..6).prop_map(|(i, d)| Mutation::Indent(i, d)),
        1 => (any::<Index>(), proptest::sample::select(TOKENS))
            .prop_map(|(i, t)| Mutation::Insert(i, t)),
        1 => (any::<Index>(), 1000usize..200_000).prop_map(|(i, n)| Mutation::LongLine(i, n)),
        1 => any::<Index>().prop_map(Mutation::Nul),
        1 => (any::<Index>(), proptest::sample::select(NOT_UTF8))
            .prop_map(|(i, b)| Mutation::NotUtf8(i, b)),
    ]
}

/// Byte offsets where lines start.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|i| *i < bytes.len())
        .collect()
}

fn line_range(bytes: &[u8], at: &Index) -> Option<std::ops::Range<usize>> {
    let starts = line_starts(bytes);
    if starts.is_empty() {
        return None;
    }
    let start = starts[at.index(starts.len())];
    let end = bytes[start..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |p| start + p + 1);
    Some(start..end)
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Value(i, value) => {
            if let Some(r) = line_range(bytes, i) {
                let line = &bytes[r.clone()];
                if let Some(colon) = line.windows(2).position(|w| w == b": ") {
                    let end = if line.ends_with(b"\n") {
                        r.end - 1
                    } else {
                        r.end
                    };
                    bytes.splice(r.start + colon + 2..end, value.bytes());
                }
            }
        }
        Mutation::FlipBit(i, bit) => {
            if !bytes.is_empty() {
                let at = i.index(bytes.len());
                bytes[at] ^= 1 << bit;
            }
        }
        Mutation::Truncate(i) => bytes.truncate(pos(i, bytes.len())),
        Mutation::DeleteLine(i) => {
            if let Some(r) = line_range(bytes, i) {
                bytes.drain(r);
            }
        }
        Mutation::DuplicateLine(i) => {
            if let Some(r) = line_range(bytes, i) {
                let line = bytes[r.clone()].to_vec();
                bytes.splice(r.start..r.start, line);
            }
        }
        Mutation::Indent(i, delta) => {
            if let Some(r) = line_range(bytes, i) {
                if *delta >= 0 {
                    let spaces = vec![b' '; *delta as usize];
                    bytes.splice(r.start..r.start, spaces);
                } else {
                    let leading = bytes[r.clone()].iter().take_while(|b| **b == b' ').count();
                    let cut = leading.min(delta.unsigned_abs() as usize);
                    bytes.drain(r.start..r.start + cut);
                }
            }
        }
        Mutation::Insert(i, token) => {
            let at = pos(i, bytes.len());
            bytes.splice(at..at, token.bytes());
        }
        Mutation::LongLine(i, n) => {
            let at = pos(i, bytes.len());
            let long = "x".repeat(*n);
            bytes.splice(at..at, long.into_bytes());
        }
        Mutation::Nul(i) => {
            let at = pos(i, bytes.len());
            bytes.insert(at, 0);
        }
        Mutation::NotUtf8(i, bad) => {
            let at = pos(i, bytes.len());
            bytes.splice(at..at, bad.iter().copied());
        }
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking re-runs the pipeline many times; a short, clear counterexample is enough.
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

// Case counts keep the whole file well under a minute in a debug build.
proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = run_bytes(bytes);
    }

}

proptest! {
    #![proptest_config(config(1500))]

    /// Random text over YAML's punctuation reaches far deeper into the parser than bytes.
    #[test]
    fn random_yaml_punctuation_never_panics(
        text in proptest::collection::vec(
            proptest::sample::select(&[
                "a", "b", ":", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!",
                "?", "'", "\"", "|", ">", "#", "\t", "---", "...", "%", "1", "~", "\\", "\u{FEFF}",
                "é", "王",
            ][..]),
            0..120,
        )
    ) {
        let _ = run_bytes(text.concat().into_bytes());
    }

}

proptest! {
    #![proptest_config(config(800))]

    /// Only values change: the document stays YAML and reaches the schema and the rules.
    #[test]
    fn odd_values_never_panic(
        values in proptest::collection::vec(
            (any::<Index>(), proptest::sample::select(VALUES)),
            1..8,
        )
    ) {
        let mut bytes = example_bytes().to_vec();
        for (i, v) in values {
            apply(&mut bytes, &Mutation::Value(i, v));
        }
        let _ = run_bytes(bytes);
    }

}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn mutated_manifests_give_a_document_or_a_diagnostic(
        mutations in proptest::collection::vec(mutation(), 1..5)
    ) {
        let mut bytes = example_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let _ = run_bytes(bytes);
    }
}

/// `fixtures/hostile/*.yaml`: inputs that broke something once, or could. Each gives at
/// least one diagnostic, through the library and through the binary, and nothing panics.
#[test]
fn every_hostile_fixture_gives_a_diagnostic_and_no_panic() {
    let dir = crate_root().join("fixtures/hostile");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "{} files in {}",
        files.len(),
        dir.display()
    );
    for file in &files {
        let bytes = std::fs::read(file).expect("fixture");
        let path = file.clone();
        let found = guarded(&file.display().to_string(), move || pipeline(&bytes, &path));
        assert!(
            found != Ok(0),
            "{}: no diagnostic from the library",
            file.display()
        );
    }
    let paths: Vec<&Path> = files.iter().map(std::path::PathBuf::as_path).collect();
    let (report, run) = validate_json(&paths);
    for (i, file) in files.iter().enumerate() {
        assert!(
            !super::json_codes(&report, i).is_empty(),
            "{}: no diagnostic from the binary",
            file.display()
        );
    }
    assert_eq!(run.code, 1, "{}", run.stdout);
}
