//! Folders that vanish and come back: a case's folder inside a watched PATH folder, the
//! PATH folder itself, and one of two PATHs while the other is still saved.

use super::{ID, PLACE, Watch, copy_example, edit, read};

#[test]
fn a_case_folder_and_the_path_folder_vanish_and_are_followed_again() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let cases = dir.path().join("cases");
    let case = cases.join("a");
    copy_example(&case);
    let out = dir.path().join("out");
    let watch = Watch::start(&cases, &out, &[]);
    watch.wait_for_packet(&out, PLACE);
    let seen = watch.wait_for_output(0, "watching 1 manifest").len();
    let manifest = read(&case.join("case.yaml"));

    // The case's folder removed: said, the packet stays; back: rendered again.
    std::fs::remove_dir_all(&case).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "deleted");
    assert!(out.join(ID).join("packet.json").is_file(), "{printed}");
    copy_example(&case);
    edit(&case.join("case.yaml"), PLACE, "Уйгурский район");
    watch.wait_for_packet(&out, "Уйгурский район");
    let seen = watch.wait_for_output(seen, "rendered").len();

    // The whole PATH folder removed: said; back: followed and rendered again.
    std::fs::remove_dir_all(&cases).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "cannot watch");
    assert!(printed[seen..].contains("cases"), "{printed}");
    let seen = printed.len();
    copy_example(&case);
    std::fs::write(
        case.join("case.yaml"),
        manifest.replace(PLACE, "Кегенский район"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    watch.wait_for_packet(&out, "Кегенский район");
    watch.wait_for_output(seen, "rendered");
}

#[test]
fn when_one_of_two_paths_vanishes_the_other_is_still_followed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    copy_example(&a);
    copy_example(&b);
    let other = "KCC-2026-012";
    edit(&b.join("case.yaml"), ID, other);
    let out = dir.path().join("out");
    let (a_manifest, b_manifest) = (a.join("case.yaml"), b.join("case.yaml"));
    let mut watch = Watch::start_many(&[&a_manifest, &b_manifest], &out, &[]);
    watch.wait_for_packet_of(&out, ID, PLACE);
    watch.wait_for_packet_of(&out, other, PLACE);
    let seen = watch.wait_for_output(0, "watching 2 manifests").len();

    std::fs::remove_dir_all(&a).unwrap_or_else(|e| panic!("{e}"));
    let printed = watch.wait_for_output(seen, "cannot watch");
    assert!(printed[seen..].contains("deleted"), "{printed}");
    let seen = printed.len();

    edit(&b_manifest, PLACE, "Уйгурский район");
    watch.wait_for_packet_of(&out, other, "Уйгурский район");
    let seen = watch.wait_for_output(seen, "saved: rendered").len();
    assert!(watch.is_running());

    // `a` back: rendered again without a save of its own.
    copy_example(&a);
    edit(&a_manifest, PLACE, "Кегенский район");
    watch.wait_for_packet_of(&out, ID, "Кегенский район");
    watch.wait_for_output(seen, "rendered");
}
