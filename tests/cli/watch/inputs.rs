//! What a case reads besides its manifest: a passport scan replaced (by another scan, by
//! something that is no scan), a font added to, broken in and removed from `--font-path`.

use std::path::Path;

use super::{ID, PLACE, Watch, case_folder, read};

fn packet_json(out: &Path) -> String {
    read(&out.join(ID).join("packet.json"))
}

#[test]
fn a_replaced_scan_renders_again_and_a_broken_one_keeps_the_last_good_packet() {
    let (dir, case) = case_folder();
    let out = dir.path().join("out");
    let watch = Watch::start(&case.join("case.yaml"), &out, &[]);
    watch.wait_for_packet(&out, PLACE);
    let seen = watch.wait_for_output(0, "watching 1 manifest").len();
    let before = packet_json(&out);
    let scan = case.join("scans/wang-lei.pdf");

    // Another valid PDF in its place: its hash is the packet's input now.
    let other = std::fs::read(case.join("scans/zhang-min.pdf")).unwrap_or_else(|e| panic!("{e}"));
    let other_sha = kzinvite::hash::sha256_hex(&other);
    assert_eq!(before.matches(&other_sha).count(), 1, "{before}");
    std::fs::write(&scan, &other).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "wang-lei.pdf changed): rendered");
    let after = packet_json(&out);
    assert_eq!(after.matches(&other_sha).count(), 2, "{printed}\n{after}");
    let seen = printed.len();

    // A text file where the scan was: the case is invalid, the packet stays.
    std::fs::write(&scan, "not a passport scan\n").unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "keeps the last good packet");
    assert!(printed[seen..].contains("scan-outside"), "{printed}");
    assert!(
        printed[seen..].contains("wang-lei.pdf changed)"),
        "{printed}"
    );
    assert_eq!(packet_json(&out), after, "the last good packet stays");
}

#[test]
fn a_font_added_to_font_path_renders_again_and_a_broken_one_is_said_and_left_out() {
    let (dir, case) = case_folder();
    let out = dir.path().join("out");
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap_or_else(|e| panic!("{e}"));
    let fonts_arg = fonts.display().to_string();
    let mut watch = Watch::start(&case.join("case.yaml"), &out, &["--font-path", &fonts_arg]);
    watch.wait_for_packet(&out, PLACE);
    let seen = watch.wait_for_output(0, "watching 1 manifest").len();
    assert!(!packet_json(&out).contains("extra.otf"));

    // A font copied in: the engine reloads, the packet names it among its fonts.
    let font = typst_assets::fonts()
        .next()
        .unwrap_or_else(|| panic!("an embedded font"));
    std::fs::write(fonts.join("extra.otf"), font).unwrap_or_else(|e| panic!("{e}"));
    watch.wait_for_packet(&out, "extra.otf");
    let seen = watch
        .wait_for_output(seen, "extra.otf changed): rendered")
        .len();

    // Garbage named .ttf: said, left out, watch goes on.
    std::fs::write(fonts.join("broken.ttf"), "not a font").unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "broken.ttf changed)");
    assert!(
        printed[seen..].contains("broken.ttf is not a font file kzinvite can read"),
        "{printed}"
    );
    assert!(watch.is_running(), "{printed}");
    let seen = printed.len();

    // The good font broken too: the packet is rendered without it.
    std::fs::write(fonts.join("extra.otf"), "no font either").unwrap_or_else(|e| panic!("{e}"));
    watch.wait("the packet without the broken font", || {
        !packet_json(&out).contains("extra.otf")
    });
    watch.wait_for_output(seen, "extra.otf changed): rendered");
    assert!(watch.is_running());
}

#[test]
fn a_font_file_deleted_or_broken_stops_rendering_until_it_is_back() {
    let (dir, case) = case_folder();
    let out = dir.path().join("out");
    let fonts = dir.path().join("fonts");
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&fonts).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(templates.join("documents")).unwrap_or_else(|e| panic!("{e}"));
    let font_file = fonts.join("extra.otf");
    let font = typst_assets::fonts()
        .next()
        .unwrap_or_else(|| panic!("an embedded font"));
    std::fs::write(&font_file, font).unwrap_or_else(|e| panic!("{e}"));
    let template = templates.join("documents/akimat-request.ru.typ");
    let embedded =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/documents/akimat-request.ru.typ");
    std::fs::copy(&embedded, &template).unwrap_or_else(|e| panic!("{e}"));
    let (font_arg, templates_arg) = (
        font_file.display().to_string(),
        templates.display().to_string(),
    );
    let mut watch = Watch::start(
        &case.join("case.yaml"),
        &out,
        &["--font-path", &font_arg, "--templates", &templates_arg],
    );
    watch.wait_for_packet(&out, "extra.otf");
    let seen = watch.wait_for_output(0, "watching 1 manifest").len();

    std::fs::remove_file(&font_file).unwrap_or_else(|e| panic!("{e}"));
    let seen = watch
        .wait_for_output(seen, "the templates or fonts do not load")
        .len();

    // A template saved meanwhile loads the fonts again too: still nothing renders.
    let mut text = read(&template);
    text.push_str("\nПриложение к письму.\n");
    std::fs::write(&template, text).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "changed): not rendered");
    assert!(
        printed[seen..].contains("the templates or fonts do not load"),
        "{printed}"
    );
    let seen = printed.len();

    // Garbage where the font was: said, and still nothing renders.
    std::fs::write(&font_file, "not a font").unwrap_or_else(|e| panic!("{e}"));
    // (The case's line comes after the reason the fonts do not load.)
    let printed = watch.wait_for_output(seen, "the templates or fonts do not load");
    assert!(
        printed[seen..].contains("extra.otf is not a font file kzinvite can read"),
        "{printed}"
    );
    assert!(watch.is_running(), "{printed}");
    let seen = printed.len();

    // The font back: rendered again, with the template change.
    std::fs::write(&font_file, font).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "extra.otf changed): rendered");
    assert!(packet_json(&out).contains("extra.otf"), "{printed}");
    assert!(watch.is_running());
}
