//! `kzinvite review`, `render --review` and `diff --format html`: the pages read by a
//! WHATWG tokenizer (html5gum), as a browser reads them — structure, escaping, no
//! external reference, nothing personal under `--redact`, the redline with `--against`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use html5gum::{Token, Tokenizer};

use crate::support::{assert_success, render};

mod packets;

fn kzinvite() -> Command {
    let mut c = crate::support::kzinvite();
    c.args(["--today", "2026-01-15"]);
    c
}

pub(super) fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples")
}

pub(super) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// A copy of the notification example in `dir/name/`, its manifest edited by `edit`.
pub(super) fn variant(dir: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let to = dir.join(name);
    let scans = to.join("scans");
    std::fs::create_dir_all(&scans).unwrap_or_else(|e| panic!("{e}"));
    let from = examples().join("notification");
    for scan in ["wang-lei.pdf", "zhang-min.pdf"] {
        std::fs::copy(from.join("scans").join(scan), scans.join(scan))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let text = std::fs::read_to_string(from.join("case.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let manifest = to.join("case.yaml");
    std::fs::write(&manifest, edit(text)).unwrap_or_else(|e| panic!("{e}"));
    manifest
}

pub(super) fn run(args: &[&std::ffi::OsStr]) -> Output {
    kzinvite()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

pub(super) fn review(manifest: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["review".as_ref(), manifest.as_ref()];
    args.extend(["--out".as_ref(), out.as_os_str()]);
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    run(&args)
}

pub(super) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The page as a browser's tokenizer sees it: start tags with their attributes, and
/// all text with character references decoded.
pub(super) struct Page {
    tags: Vec<(String, Vec<(String, String)>)>,
    text: String,
}

impl Page {
    fn parse(html: &str) -> Page {
        let (mut tags, mut text) = (Vec::new(), String::new());
        for token in Tokenizer::new(html).flatten() {
            let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            match token {
                Token::StartTag(tag) => {
                    let attrs = tag
                        .attributes
                        .iter()
                        .map(|(k, v)| (s(k), s(&v.value)))
                        .collect();
                    tags.push((s(&tag.name), attrs));
                }
                Token::String(t) => text.push_str(&s(&t.value)),
                _ => {}
            }
        }
        Page { tags, text }
    }

    fn named(&self, name: &str) -> Vec<&Vec<(String, String)>> {
        self.tags
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, a)| a)
            .collect()
    }

    fn with_class(&self, name: &str, class: &str) -> usize {
        self.named(name)
            .iter()
            .filter(|attrs| {
                attrs
                    .iter()
                    .any(|(k, v)| k == "class" && v.split(' ').any(|c| c == class))
            })
            .count()
    }

    /// Every `src` and `href`: only `data:` URIs and `#anchors` (and, on an index,
    /// the pages beside it).
    fn references(&self) -> Vec<String> {
        self.tags
            .iter()
            .flat_map(|(_, attrs)| attrs.iter())
            .filter(|(k, _)| k == "src" || k == "href")
            .map(|(_, v)| v.clone())
            .collect()
    }
}

pub(super) fn assert_offline(page: &Page, allowed: impl Fn(&str) -> bool) {
    for r in page.references() {
        assert!(
            r.starts_with("data:image/png;base64,") || r.starts_with('#') || allowed(&r),
            "an external reference: {r}"
        );
    }
    assert!(page.named("link").is_empty(), "no <link>");
    for script in page.named("script") {
        assert!(script.iter().all(|(k, _)| k != "src"), "no script file");
    }
    assert!(!page.text.contains("http://") && !page.text.contains("https://"));
}

#[test]
fn a_review_page_shows_every_document_with_pages_facts_and_scans_offline() {
    let dir = tempdir();
    let out = dir.path().join("review");
    let manifest = examples().join("notification/case.yaml");
    assert_success(&review(&manifest, &out, &[]));
    let page = Page::parse(&read(&out.join("KCC-2026-014.html")));
    assert_offline(&page, |_| false);
    assert_eq!(
        page.with_class("section", "document"),
        7,
        "one section per document"
    );
    let images = page.named("img");
    let pages = images
        .iter()
        .filter(|a| a.iter().any(|(k, v)| k == "alt" && v.starts_with("стр.")))
        .count();
    assert!(pages >= 7, "page images: {pages}");
    assert_eq!(images.len() - pages, 2, "two scan thumbnails");
    assert!(page.with_class("table", "facts") == 7);
    assert_eq!(
        page.with_class("td", "missing"),
        0,
        "the example states every fact"
    );
    assert!(page.with_class("td", "found") > 30);
    assert!(page.text.contains("Дата въезда") && page.text.contains("01.03.2026"));
    assert!(
        page.named("script").is_empty(),
        "no script without --against"
    );
    let index = Page::parse(&read(&out.join("index.html")));
    assert_offline(&index, |r| r == "KCC-2026-014.html");
    assert!(index.references().contains(&"KCC-2026-014.html".to_owned()));
}

#[test]
fn manifest_values_are_text_never_markup() {
    let dir = tempdir();
    let manifest = variant(dir.path(), "hostile", |t| {
        t.replace(
            "position: Bridge engineer",
            "position: \"\\\"><img src=x onerror=alert(1)>\"",
        )
        // The Russian letters print the Russian variant: the hostile text goes there too.
        .replace(
            "position_ru: Инженер-мостостроитель",
            "position_ru: \"\\\"><img src=x onerror=alert(1)>\"",
        )
        .replace(
            "title: Реконструкция автодороги",
            "title: <script>alert(1)</script> Реконструкция автодороги",
        )
        .replace(
            "name: China Road and Bridge Corporation",
            "name: \"China Road 'n' Bridge <b>&amp;</b>\"",
        )
    });
    let out = dir.path().join("review");
    assert_success(&review(&manifest, &out, &[]));
    let html = read(&out.join("KCC-2026-014.html"));
    let page = Page::parse(&html);
    assert!(page.named("script").is_empty(), "no element from a value");
    assert!(page.named("b").iter().all(|a| a.is_empty()));
    let img_attrs: Vec<&String> = page
        .named("img")
        .iter()
        .flat_map(|a| a.iter().map(|(k, _)| k))
        .collect();
    assert!(
        img_attrs.iter().all(|k| *k == "src" || *k == "alt"),
        "{img_attrs:?}"
    );
    assert!(
        page.text
            .contains("<script>alert(1)</script> Реконструкция")
    );
    assert!(page.text.contains("\"><img src=x onerror=alert(1)>"));
    assert!(page.text.contains("China Road 'n' Bridge <b>&amp;</b>"));
    assert_offline(&page, |_| false);
}

#[test]
fn redact_leaves_no_passport_number_birth_date_or_scan() {
    let dir = tempdir();
    let out = dir.path().join("review");
    let manifest = examples().join("notification/case.yaml");
    assert_success(&review(&manifest, &out, &["--redact"]));
    let html = read(&out.join("KCC-2026-014.html"));
    for secret in [
        "E12345678",
        "E87654321",
        "1985-04-12",
        "12.04.1985",
        "1990-09-03",
        "03.09.1990",
    ] {
        assert!(!html.contains(secret), "{secret} is in the redacted page");
    }
    let page = Page::parse(&html);
    assert!(page.text.contains("•••••••78"));
    assert!(page.named("figcaption").is_empty(), "no scan thumbnails");
    assert!(page.text.contains("--redact"));
}

#[test]
fn against_an_old_packet_the_page_shows_the_changed_field_and_its_redline() {
    let dir = tempdir();
    let old = dir.path().join("old");
    assert_success(&render(
        &examples().join("notification/case.yaml"),
        &old,
        &[],
    ));
    let packet = old.join("KCC-2026-014");
    let manifest = variant(dir.path(), "new", |t| {
        t.replace("entry_date: 2026-03-01", "entry_date: 2026-03-02")
    });
    let out = dir.path().join("review");
    let against = packet.to_str().unwrap_or_default().to_owned();
    assert_success(&review(&manifest, &out, &["--against", &against]));
    let page = Page::parse(&read(&out.join("KCC-2026-014.html")));
    assert!(
        page.text.contains("project.entry_date"),
        "the cause is named"
    );
    assert!(page.text.contains("case.yaml:"), "located in the manifest");
    assert!(!page.named("ins").is_empty() && !page.named("del").is_empty());
    assert!(
        page.with_class("a", "box") > 0,
        "changes boxed on the page images"
    );
    assert_eq!(page.named("script").len(), 1, "next/previous");
    assert_offline(&page, |_| false);

    // `diff --format html` makes the same page from two packets (no page images).
    let new_out = dir.path().join("new-out");
    assert_success(&render(&manifest, &new_out, &[]));
    let file = dir.path().join("diff.html");
    let output = run(&[
        "diff".as_ref(),
        packet.as_os_str(),
        new_out.join("KCC-2026-014").as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "--out".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1), "differences: exit 1");
    let page = Page::parse(&read(&file));
    assert!(page.text.contains("project.entry_date"));
    assert!(!page.named("ins").is_empty());

    // `diff --redact`, in every format, names no passport number or birth date.
    for format in ["text", "json", "html"] {
        let output = run(&[
            "diff".as_ref(),
            packet.as_os_str(),
            new_out.join("KCC-2026-014").as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            "--redact".as_ref(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        for secret in ["E12345678", "E87654321", "1985-04-12", "12.04.1985"] {
            assert!(
                !stdout.contains(secret),
                "{secret} in diff --format {format} --redact"
            );
        }
    }

    // Different case ids: exit 2, naming the path.
    let other = variant(dir.path(), "other", |t| {
        t.replace("id: KCC-2026-014", "id: KCC-2026-999")
    });
    let output = review(&other, &dir.path().join("r2"), &["--against", &against]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&against) && stderr.contains("KCC-2026-999"),
        "{stderr}"
    );
}
