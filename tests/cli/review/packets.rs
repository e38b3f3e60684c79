//! Review pages beside rendered packets (`render --review`), bad input and foreign files,
//! and the page's interface in the packet's language.

use super::{Page, assert_offline, examples, read, review, tempdir, variant};
use crate::support::{assert_success, render};

#[test]
fn bad_input_and_foreign_files() {
    let dir = tempdir();
    let manifest = examples().join("notification/case.yaml");
    // Not a packet: exit 2 with the path.
    let output = review(&manifest, &dir.path().join("r"), &["--against", "/"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/: "));
    // An invalid manifest: its diagnostics, skipped, exit 1.
    let invalid = variant(dir.path(), "invalid", |t| {
        t.replace("bin: \"180340021830\"", "bin: \"12\"")
    });
    let out = dir.path().join("r3");
    let output = review(&invalid, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("error") && stdout.contains("not reviewed"),
        "{stdout}"
    );
    assert!(!out.join("KCC-2026-014.html").exists());
    // A file kzinvite did not write is never overwritten.
    let mine = out.join("KCC-2026-014.html");
    std::fs::write(&mine, "my notes").unwrap_or_else(|e| panic!("{e}"));
    let output = review(&manifest, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(read(&mine), "my notes");
}

#[test]
fn render_review_writes_the_page_beside_the_packet_not_inside() {
    let dir = tempdir();
    let out = dir.path().join("out");
    assert_success(&render(
        &examples().join("request/case.yaml"),
        &out,
        &["--review", "--redact"],
    ));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let id = names
        .iter()
        .find(|n| !n.contains('.'))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            id.clone(),
            format!("{id}.review.html"),
            "review-index.html".into()
        ]
    );
    let inside: Vec<String> = std::fs::read_dir(out.join(&id))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(inside.iter().all(|n| !n.ends_with(".html")), "{inside:?}");
    let page = Page::parse(&read(&out.join(format!("{id}.review.html"))));
    assert_eq!(page.with_class("section", "document"), 1);
    assert_offline(&page, |_| false);
}

#[test]
fn the_interface_speaks_the_packets_language() {
    let dir = tempdir();
    let out = dir.path().join("review");
    let manifest = examples().join("request/case.yaml");
    assert_success(&review(&manifest, &out, &["--lang", "kk"]));
    let page = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n != "index.html"))
        .unwrap_or_else(|| panic!("no page"));
    let html = read(&page);
    let page = Page::parse(&html);
    let lang = page
        .named("html")
        .first()
        .and_then(|a| a.iter().find(|(k, _)| k == "lang").map(|(_, v)| v.clone()));
    assert_eq!(lang.as_deref(), Some("kk"));
    assert!(page.text.contains("Іс қысқаша"), "Kazakh labels");
}
