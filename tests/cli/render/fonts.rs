//! Fonts when rendering: characters no font draws (`glyph-coverage`), and `--font-path`
//! files and folders.

use super::{example, text};
use crate::support::{assert_success, render};

#[test]
fn glyphs_no_font_covers_are_reported_and_left_out() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = render(&example("request"), out.path(), &["--color", "never"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "a warning does not fail the render: {stdout}"
    );
    assert!(stdout.contains("warning[glyph-coverage]"), "{stdout}");
    assert!(
        stdout.contains("case.yaml:50:18"),
        "reported at the manifest location: {stdout}"
    );
    assert!(!text(&out.path().join("KCC-2026-011/01-akimat-request.pdf")).contains('王'));
    // Without text the fonts can't draw, there is no such warning.
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = std::fs::read_to_string(example("request"))
        .expect("example")
        .replace("    native_name: 王磊\n", "");
    std::fs::write(dir.path().join("case.yaml"), yaml).expect("write");
    let o = render(&dir.path().join("case.yaml"), &dir.path().join("out"), &[]);
    assert_success(&o);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("glyph-coverage"));
    // With warnings denied, the case is not rendered.
    let denied = render(
        &example("request"),
        &out.path().join("denied"),
        &["--deny-warnings"],
    );
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn font_path_adds_fonts_and_rejects_what_is_not_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let font = dir.path().join("extra.otf");
    std::fs::write(&font, typst_assets::fonts().next().expect("a font")).expect("write");
    let o = render(
        &example("request"),
        &dir.path().join("a"),
        &["--font-path", font.to_str().expect("utf8")],
    );
    assert_success(&o);
    let not_font = dir.path().join("notes.ttf");
    std::fs::write(&not_font, "not a font").expect("write");
    let o = render(
        &example("request"),
        &dir.path().join("b"),
        &["--font-path", not_font.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a font file"));
    // In a folder, a file that holds no font is said and left out; the rest render.
    let folder = dir.path().join("fonts");
    std::fs::create_dir_all(&folder).expect("fonts");
    std::fs::copy(&font, folder.join("extra.otf")).expect("copy");
    std::fs::copy(&not_font, folder.join("notes.ttf")).expect("copy");
    let o = render(
        &example("request"),
        &dir.path().join("d"),
        &["--font-path", folder.to_str().expect("utf8")],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("notes.ttf is not a font file") && stderr.contains("left out"),
        "{stderr}"
    );
    let o = render(
        &example("request"),
        &dir.path().join("c"),
        &["--font-path", "/no/such/fonts"],
    );
    assert_eq!(o.status.code(), Some(2));
}
