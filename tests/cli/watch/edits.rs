//! Manifests saved in place, atomically, invalid, deleted and back; a template changed
//! and broken on a manifest value; Ctrl-C.

use std::path::Path;

use super::{ID, PLACE, Watch, case_folder, edit, stop};

#[test]
fn saves_edits_atomic_saves_and_a_deleted_manifest_are_followed() {
    let (dir, case) = case_folder();
    let manifest = case.join("case.yaml");
    let out = dir.path().join("out");
    let watch = Watch::start(&manifest, &out, &[]);
    watch.wait_for_packet(&out, PLACE);
    let seen = watch.wait_for_output(0, "watching 1 manifest").len();

    // A field saved in place.
    edit(&manifest, PLACE, "Уйгурский район");
    watch.wait_for_packet(&out, "Уйгурский район");
    let printed = watch.wait_for_output(seen, "case.yaml saved: rendered");
    assert!(printed.contains(" ms"), "{printed}");
    let seen = printed.len();

    // An invalid save keeps the last good packet and says why.
    edit(&manifest, "\"180340021830\"", "\"180340021831\"");
    let printed = watch.wait_for_output(seen, "keeps the last good packet");
    assert!(printed[seen..].contains("bin-checksum"), "{printed}");
    let meta =
        std::fs::read_to_string(out.join(ID).join("packet.json")).unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.contains("180340021830"), "the last good packet stays");
    let seen = printed.len();

    // An editor's atomic save: the new text written beside, then renamed over it.
    let text = std::fs::read_to_string(&manifest)
        .unwrap_or_else(|e| panic!("{e}"))
        .replace("\"180340021831\"", "\"180340021830\"")
        .replace("Уйгурский район", "Райымбекский район");
    let temp = case.join(".case.yaml.swp");
    std::fs::write(&temp, text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&temp, &manifest).unwrap_or_else(|e| panic!("{e}"));
    watch.wait_for_packet(&out, "Райымбекский район");
    let seen = watch.wait_for_output(seen, "saved: rendered").len();

    // Deleted: said, the packet stays; recreated: rendered again.
    let text = super::read(&manifest);
    std::fs::remove_file(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "deleted");
    assert!(out.join(ID).join("packet.json").is_file(), "{printed}");
    std::fs::write(
        &manifest,
        text.replace("Райымбекский район", "Кегенский район"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    watch.wait_for_packet(&out, "Кегенский район");
}

#[test]
fn a_template_change_renders_again_a_broken_one_names_the_value_and_ctrl_c_stops_cleanly() {
    let (dir, case) = case_folder();
    let manifest = case.join("case.yaml");
    let out = dir.path().join("out");
    let templates = dir.path().join("templates");
    let name = "documents/akimat-request.ru.typ";
    std::fs::create_dir_all(templates.join("documents")).unwrap_or_else(|e| panic!("{e}"));
    let embedded = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(name);
    let template = templates.join(name);
    std::fs::copy(&embedded, &template).unwrap_or_else(|e| panic!("{e}"));
    let templates_arg = templates.display().to_string();
    let watch = Watch::start(&manifest, &out, &["--templates", &templates_arg]);
    watch.wait_for_packet(&out, PLACE);
    let seen = watch.wait_for_output(0, "watching 1 manifest").len();
    let before =
        std::fs::read_to_string(out.join(ID).join("packet.json")).unwrap_or_else(|e| panic!("{e}"));

    let mut text = std::fs::read_to_string(&template).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\nПриложение к письму.\n");
    std::fs::write(&template, &text).unwrap_or_else(|e| panic!("{e}"));
    let seen = watch.wait_for_output(seen, "changed): rendered").len();
    let after =
        std::fs::read_to_string(out.join(ID).join("packet.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(before, after, "the template's hash is in packet.json");

    // A template that fails on a value: the template's line, and the value's in the manifest.
    text.push_str("#panic({{ specialists[0].surname | str }})\n");
    std::fs::write(&template, &text).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "keeps the last good packet");
    let new = &printed[seen..];
    assert!(new.contains("panicked with: WANG"), "{printed}");
    let at = format!(
        "the value \"WANG\" is the manifest's specialists[0].surname, at {}:",
        manifest.display()
    );
    assert!(new.contains(&at), "{at} in:\n{printed}");
    assert_eq!(
        std::fs::read_to_string(out.join(ID).join("packet.json")).ok(),
        Some(after),
        "the last good packet stays"
    );

    stop(watch, &out);
}
