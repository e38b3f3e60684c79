//! What a case reads besides its manifest: a passport scan replaced (by another scan, by
//! something that is no scan).

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
