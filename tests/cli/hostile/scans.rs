//! Scans named by a manifest: inside its folder, of a type known from their content,
//! within the size limits, readable — whatever the file at the path really is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kzinvite::limits::{MAX_CASE_SCAN_BYTES, MAX_SCAN_BYTES};
use kzinvite::scan::{ScanKind, ScanProblem, inspect_scan};
use proptest::prelude::*;

use super::{check_file, crate_root, example, example_text, guarded};

/// A petition-stage case in a temporary folder with both examples' scans.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().expect("tempdir");
        let scans = dir.path().join("scans");
        std::fs::create_dir(&scans).expect("scans");
        let from = example("petition").with_file_name("scans");
        for name in ["wang-lei.pdf", "zhang-min.pdf"] {
            std::fs::copy(from.join(name), scans.join(name)).expect("copy scan");
        }
        let case = Case { dir };
        case.write(&example_text("petition"));
        case
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, manifest: &str) {
        std::fs::write(self.path("case.yaml"), manifest).expect("write manifest");
    }

    /// Points the second specialist's scan at `scan`.
    fn second_scan(&self, scan: &str) {
        let text = example_text("petition");
        assert!(text.contains("scan: scans/zhang-min.pdf"));
        self.write(&text.replace(
            "scan: scans/zhang-min.pdf",
            &format!("scan: \"{}\"", scan.replace('\\', "\\\\")),
        ));
    }

    /// The codes reported at the second specialist's scan and at the specialists list.
    fn scan_codes(&self) -> Vec<String> {
        let path = self.path("case.yaml");
        let (_, checked) = guarded(&path.display().to_string(), move || {
            check_file(&path).expect("a document")
        });
        checked
            .diagnostics
            .iter()
            .filter(|d| d.pointer == "/specialists/1/passport/scan" || d.pointer == "/specialists")
            .map(|d| d.code.clone())
            .collect()
    }
}

fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png
}

fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00".to_vec();
    jpeg.extend(b"\xFF\xC0\x00\x0B\x08");
    jpeg.extend(height.to_be_bytes());
    jpeg.extend(width.to_be_bytes());
    jpeg.extend(b"\x01\x01\x11\x00\xFF\xD9");
    jpeg
}

/// A file of `size` bytes starting with `head`, the rest a hole (sparse).
fn sparse(path: &Path, head: &[u8], size: u64) {
    std::fs::write(path, head).expect("write");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    file.set_len(size).expect("set_len");
}

#[test]
fn paths_leaving_the_folder_are_scan_outside() {
    let case = Case::new();
    let outside = tempfile::tempdir().expect("tempdir");
    let real_pdf = example("petition").with_file_name("scans/wang-lei.pdf");
    std::fs::copy(&real_pdf, outside.path().join("x.pdf")).expect("copy");
    std::os::unix::fs::symlink(outside.path().join("x.pdf"), case.path("scans/link.pdf"))
        .expect("symlink");
    // A link inside the folder to a link that leaves it.
    std::os::unix::fs::symlink("link.pdf", case.path("scans/chain.pdf")).expect("symlink");
    std::os::unix::fs::symlink(outside.path(), case.path("scans/elsewhere")).expect("symlink");
    let absolute = outside.path().join("x.pdf").display().to_string();
    for scan in [
        absolute.as_str(),
        "../x.pdf",
        "scans/../../x.pdf",
        "scans/link.pdf",
        "scans/chain.pdf",
        "scans/elsewhere/x.pdf",
        "C:\\scans\\x.pdf",
        "\\\\server\\share\\x.pdf",
    ] {
        case.second_scan(scan);
        assert_eq!(case.scan_codes(), ["scan-outside"], "{scan}");
    }
}

#[test]
fn the_type_comes_from_the_content() {
    let case = Case::new();
    std::fs::write(case.path("scans/text.pdf"), "not a pdf at all").expect("write");
    case.second_scan("scans/text.pdf");
    assert_eq!(case.scan_codes(), ["scan-outside"]);
    // A real PNG named .pdf is a PNG.
    let png = crate_root().join("fixtures/valid/scan-jpeg-and-png/scans/zhang-min.png");
    std::fs::copy(&png, case.path("scans/really-png.pdf")).expect("copy");
    case.second_scan("scans/really-png.pdf");
    assert!(case.scan_codes().is_empty());
    let found = inspect_scan(case.dir.path(), "scans/really-png.pdf").expect("a scan");
    assert_eq!(found.kind, ScanKind::Png);
}

#[test]
fn a_huge_scan_is_refused_without_being_read() {
    let case = Case::new();
    // 200 MB as the issue asks, and 64 GiB: read whole, that one would never finish.
    for (name, size) in [("huge.pdf", 200_000_000u64), ("enormous.pdf", 64 << 30)] {
        sparse(&case.path(&format!("scans/{name}")), b"%PDF-1.7\n", size);
        case.second_scan(&format!("scans/{name}"));
        assert_eq!(case.scan_codes(), ["scan-too-large"], "{name}");
    }
    // Exactly at the limit is allowed (as far as size goes).
    sparse(
        &case.path("scans/limit.png"),
        &png_header(100, 100),
        MAX_SCAN_BYTES,
    );
    assert!(inspect_scan(case.dir.path(), "scans/limit.png").is_ok());
}

#[test]
fn the_scans_of_one_case_are_limited_together() {
    let case = Case::new();
    let count = (MAX_CASE_SCAN_BYTES / MAX_SCAN_BYTES) as usize + 1;
    let text = example_text("petition");
    let head = &text[..text.find("specialists:").expect("specialists")];
    let tail = &text[text.find("ic_decision:").expect("ic_decision")..];
    let mut manifest = format!("{head}specialists:\n");
    for i in 0..count {
        let name = format!("scans/p{i}.png");
        sparse(&case.path(&name), &png_header(1000, 1400), MAX_SCAN_BYTES);
        let _ = writeln!(
            manifest,
            "  - {{surname: WANG, given_names: LEI, sex: M, date_of_birth: 1985-04-12, citizenship: CN, \
             position: Engineer, passport: {{number: E{i:08}, issued: 2024-01-16, expires: 2034-01-13, scan: {name}}}}}"
        );
    }
    manifest.push('\n');
    manifest.push_str(tail);
    case.write(&manifest);
    assert_eq!(case.scan_codes(), ["scan-too-large"]);
    // The same file named twice counts once.
    let once: String = (0..count).fold(manifest.clone(), |m, i| {
        m.replace(&format!("scans/p{i}.png"), "scans/p0.png")
    });
    case.write(&once);
    assert!(case.scan_codes().is_empty());
}

#[test]
fn damaged_or_oversized_images_are_reported() {
    let case = Case::new();
    let pdf = std::fs::read(case.path("scans/wang-lei.pdf")).expect("pdf");
    let real = crate_root().join("fixtures/valid/scan-jpeg-and-png/scans");
    let files: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("cut.pdf", pdf[..150].to_vec(), Some("scan-outside")),
        (
            "garbage.pdf",
            b"%PDF-1.7\n\xff\xfe garbage".to_vec(),
            Some("scan-outside"),
        ),
        (
            "no-ihdr.png",
            b"\x89PNG\r\n\x1a\ngarbage garbage".to_vec(),
            Some("scan-outside"),
        ),
        ("empty.png", png_header(0, 100), Some("scan-outside")),
        (
            "no-frame.jpg",
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\0\0\0\0\0\0\0\0\0\0\xFF\xD9".to_vec(),
            Some("scan-outside"),
        ),
        (
            "cut.jpg",
            b"\xFF\xD8\xFF\xE0\x00\x10JF".to_vec(),
            Some("scan-outside"),
        ),
        (
            "bomb.png",
            png_header(60_000, 60_000),
            Some("scan-too-large"),
        ),
        (
            "bomb.jpg",
            jpeg_header(65_500, 65_500),
            Some("scan-too-large"),
        ),
        ("tall.png", png_header(1, u32::MAX), Some("scan-too-large")),
        (
            "ok.png",
            std::fs::read(real.join("zhang-min.png")).expect("png"),
            None,
        ),
        (
            "ok.jpg",
            std::fs::read(real.join("wang-lei.JPG")).expect("jpg"),
            None,
        ),
        ("header-only.jpg", jpeg_header(1500, 1000), None),
    ];
    for (name, bytes, expected) in files {
        std::fs::write(case.path(&format!("scans/{name}")), bytes).expect("write");
        case.second_scan(&format!("scans/{name}"));
        let codes = case.scan_codes();
        assert_eq!(
            codes.first().map(String::as_str),
            expected,
            "{name}: {codes:?}"
        );
    }
}

#[test]
fn a_scan_that_is_not_a_regular_file_is_never_opened() {
    let case = Case::new();
    std::fs::create_dir(case.path("scans/folder.pdf")).expect("dir");
    let made = std::process::Command::new("mkfifo")
        .arg(case.path("scans/pipe.pdf"))
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink("/dev/zero", case.path("scans/zero.pdf")).expect("symlink");
    let mut expected = vec![
        ("scans/folder.pdf", "scan-missing"),
        ("scans/zero.pdf", "scan-outside"),
    ];
    if made {
        expected.push(("scans/pipe.pdf", "scan-missing"));
    }
    for (scan, code) in expected {
        case.second_scan(scan);
        assert_eq!(case.scan_codes(), [code], "{scan}");
    }
    assert_eq!(
        inspect_scan(case.dir.path(), "scans/folder.pdf"),
        Err(ScanProblem::NotAFile)
    );
}

#[test]
fn a_damaged_scan_renders_nothing_and_says_why() {
    let case = Case::new();
    std::fs::write(case.path("scans/zhang-min.pdf"), "%PDF-1.4\n1 0 obj").expect("write");
    let out = case.path("out");
    let run = super::run([
        "render".as_ref(),
        case.path("case.yaml").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--today".as_ref(),
        super::TODAY.as_ref(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("scan-outside"), "{}", run.stdout);
    assert!(run.stdout.contains("not rendered"), "{}", run.stdout);
    assert!(!out.join("KCC-2026-012").exists());
}

/// Scans of the examples and small real images, bytes flipped and cut: the checks read
/// them without panicking, whatever they make of them.
fn damaged_scan() -> impl Strategy<Value = (usize, Vec<(usize, u8)>, Option<usize>)> {
    (
        0usize..4,
        proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        proptest::option::of(any::<usize>()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[test]
    fn damaged_scans_never_panic((which, flips, cut) in damaged_scan()) {
        let sources = [
            example("petition").with_file_name("scans/wang-lei.pdf"),
            crate_root().join("fixtures/valid/scan-jpeg-and-png/scans/zhang-min.png"),
            crate_root().join("fixtures/valid/scan-jpeg-and-png/scans/wang-lei.JPG"),
            crate_root().join("fixtures/invalid/scan-too-large/scans/zhang-min.png"),
        ];
        let mut bytes = std::fs::read(&sources[which]).expect("scan");
        for (at, value) in flips {
            let len = bytes.len();
            bytes[at % len] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % (bytes.len() + 1));
        }
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("scan.pdf"), &bytes).expect("write");
        let base = dir.path().to_path_buf();
        let _ = guarded("a damaged scan", move || inspect_scan(&base, "scan.pdf"));
    }
}
