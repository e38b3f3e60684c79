//! Round trips through the YAML reader: what is written reads back as the same value.

use serde_json::{Value, json};

use super::quote::plain_ok;
use super::{manifest, to_yaml};
use crate::source::yaml;

fn back(text: &str) -> Value {
    match yaml::parse(text.as_bytes()) {
        Ok(doc) => doc.value,
        Err(_) => panic!("does not parse:\n{text}"),
    }
}

#[test]
fn quotes_what_could_be_read_otherwise() {
    for s in [
        "180340021830",
        "0012345678",
        "true",
        "Yes",
        "no",
        "null",
        "~",
        "2026-03-15",
        "+7 727 000 00 00",
        "1:20",
        "- x",
        "a: b",
        "a #b",
        "x:",
        ".5",
        "@x",
        "",
        " x",
        "'q'",
        "\"q\"",
        "*a",
        "&a",
        "!t",
        "%x",
        "<<",
        "=",
        "a\tb",
    ] {
        assert!(!plain_ok(s, false), "{s:?} should be quoted");
        let text = to_yaml(&json!({ "k": s }));
        assert_eq!(back(&text)["k"], json!(s.trim()), "{text}");
    }
    for s in [
        "WANG",
        "KCC-2026-014",
        "office@example.kz",
        "scans/wang-lei.pdf",
        "ТОО «Компания»",
        "王磊",
        "Li Wei, Jr",
    ] {
        assert!(plain_ok(s, false), "{s:?} can be plain");
    }
    assert!(!plain_ok("Li Wei, Jr", true));
}

#[test]
fn manifest_layout() {
    let v = json!({
        "id": "X-1",
        "manifest_version": 1,
        "project": {
            "description": "line one\nline two",
            "contract": { "number": "17", "date": "2025-11-16" },
            "title": "T"
        },
        "specialists": [ { "surname": "WANG", "passport": { "number": "E1", "issued": "2020-01-01" } } ],
        "ic_decision": { "approved": ["E1", "E2"] }
    });
    let text = manifest(&v);
    assert!(text.starts_with("manifest_version: 1\nid: X-1\n"), "{text}");
    assert!(
        text.contains("  description: |-\n    line one\n    line two\n"),
        "{text}"
    );
    assert!(
        text.contains("  contract: { number: \"17\", date: \"2025-11-16\" }\n"),
        "{text}"
    );
    assert!(
        text.contains("specialists:\n  - surname: WANG\n    passport:"),
        "{text}"
    );
    assert!(text.contains("approved: [E1, E2]"), "{text}");
    assert_eq!(back(&text), v);
}

proptest::proptest! {
    #[test]
    fn any_text_reads_back(key in "\\PC{0,12}", text in proptest::prelude::any::<String>(), lines in proptest::collection::vec("\\PC{1,20}", 2..5)) {
        let multi = lines.join("\n");
        let v = json!({ key.trim(): { "a": text, "b": [text, 1], "c": multi } });
        let doc = back(&to_yaml(&v));
        // The reader trims text, as it does for every manifest.
        let want = json!({ key.trim(): { "a": text.trim(), "b": [text.trim(), 1], "c": multi.trim() } });
        proptest::prop_assert_eq!(doc, want);
    }
}

#[test]
fn escapes_and_blocks() {
    let v = json!({
        "a": "tab\there \u{1} \u{85} \u{2028} \u{FEFF} 😀 \\ \"",
        "b": "first\n\nthird\n",
        "c": "x\n  indented\nend",
        "d": "trailing \nspace",
        "e": [],
        "f": {},
        "g": [[1, 2], {"k": null}],
        "h": 1.5,
    });
    let text = to_yaml(&v);
    let mut want = v.clone();
    // The reader trims text.
    want["b"] = json!("first\n\nthird");
    assert_eq!(back(&text), want, "{text}");
}
