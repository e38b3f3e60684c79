//! The YAML reader through its entry point: scalars, positions, duplicate keys, limits,
//! tabs, encodings and aliases.

use super::parse;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::source::{Document, LoadError};

fn doc(s: &str) -> Document {
    match parse(s.as_bytes()) {
        Ok(d) => d,
        Err(LoadError::Invalid { diagnostic, .. }) => panic!("{diagnostic:?}"),
        Err(LoadError::Io(e)) => panic!("{e}"),
    }
}

fn fail(s: &str) -> Diagnostic {
    match parse(s.as_bytes()) {
        Err(LoadError::Invalid { diagnostic, .. }) => *diagnostic,
        _ => panic!("expected a diagnostic for {s:?}"),
    }
}

#[test]
fn core_schema_scalars() {
    let d =
        doc("a: 2026-03-15\nb: no\nc: 1985\nd: \"180340021830\"\ne: true\nf: ~\ng: 1.5\nh: 0x1F\n");
    assert_eq!(
        d.value,
        serde_json::json!({"a":"2026-03-15","b":"no","c":1985,"d":"180340021830","e":true,"f":null,"g":1.5,"h":31})
    );
}

#[test]
fn positions_of_values_and_keys() {
    let d = doc("top:\n  bin: \"123\"\nlist:\n  - x\n  - {k: v}\n");
    let Some(Location::Text { line, column, .. }) = d.map.locate("/top/bin") else {
        panic!()
    };
    assert_eq!((line, column), (2, 8));
    let Some(Location::Text { line, column, .. }) = d.map.locate_key("/top/bin") else {
        panic!()
    };
    assert_eq!((line, column), (2, 3));
    let Some(Location::Text { line, .. }) = d.map.locate("/list/1/k") else {
        panic!()
    };
    assert_eq!(line, 5);
    // A missing key is located at its parent.
    let Some(Location::Text { line, .. }) = d.map.locate("/top/missing") else {
        panic!()
    };
    assert_eq!(line, 2);
}

#[test]
fn duplicate_keys_are_findings() {
    let d = doc("a: 1\nb: 2\na: 3\n");
    assert_eq!(d.findings.len(), 1);
    assert_eq!(d.findings[0].code, "yaml-duplicate-key");
    assert_eq!(d.value["a"], 1);
    // The kept (first) value keeps its position, also for what it contains.
    let d = doc("p:\n  x: 1\np:\n  x: 2\n  y: 3\nq: 4\n");
    let line = |p: &str| match d.map.locate(p) {
        Some(Location::Text { line, .. }) => line,
        other => panic!("{other:?}"),
    };
    assert_eq!((line("/p/x"), line("/p/y"), line("/q")), (2, 2, 6));
}

#[test]
fn limits() {
    let deep = "[".repeat(100) + &"]".repeat(100);
    assert_eq!(fail(&deep).code, "yaml-limits");
    let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    assert_eq!(fail(laughs).code, "yaml-limits");
    assert_eq!(fail("a: [1, 2\n").code, "yaml-syntax");
    assert_eq!(fail("a: 1\n---\nb: 2\n").code, "yaml-syntax");
    match parse(b"a: \xff\n") {
        Err(LoadError::Invalid { diagnostic, .. }) => {
            assert_eq!(diagnostic.code, "yaml-syntax")
        }
        _ => panic!(),
    }
}

#[test]
fn a_tab_in_the_indentation_is_named_where_it_is() {
    let d = fail("a:\n  b: 1\n  c: x\n\td: 2\n");
    assert_eq!(d.code, "yaml-syntax");
    assert!(d.message.contains("line 4 is indented with a tab"), "{d:?}");
    let Some(Location::Text { line, column, .. }) = d.location else {
        panic!("{d:?}")
    };
    assert_eq!((line, column), (4, 1));
}

#[test]
fn not_utf8_is_located_in_characters() {
    let bytes = ["a: «b»\nc: «d".as_bytes(), b"\xbb\n"].concat();
    match parse(&bytes) {
        Err(LoadError::Invalid { diagnostic, text }) => {
            assert_eq!(diagnostic.code, "yaml-syntax");
            let Some(Location::Text { line, column, .. }) = diagnostic.location else {
                panic!("{diagnostic:?}")
            };
            assert_eq!((line, column), (2, 6));
            assert!(text.is_some_and(|t| t.contains("«d\u{FFFD}")));
        }
        _ => panic!("expected a diagnostic"),
    }
}

#[test]
fn aliases_within_budget_expand() {
    let d = doc("a: &x {k: v}\nb: *x\n");
    assert_eq!(d.value["b"]["k"], "v");
}
