//! Batches: hundreds of manifests in a folder tree give the same ordered reports
//! whatever the parallelism; batch render writes one packet per valid case.

use std::path::{Path, PathBuf};
use std::process::Command;

fn kzinvite() -> Command {
    let mut c = crate::support::kzinvite();
    c.args(["--today", "2026-01-15"]);
    c
}

fn example_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/request/case.yaml"),
    )
    .expect("example")
}

/// `n` request-stage manifests in nested folders; every `invalid_every`-th has a bad BIN.
fn tree(root: &Path, n: usize, invalid_every: usize) -> usize {
    let text = example_text();
    let mut invalid = 0;
    for i in 0..n {
        let dir = root
            .join(format!("region-{}", i % 7))
            .join(format!("batch-{}", i % 3));
        std::fs::create_dir_all(&dir).expect("dir");
        let mut t = text.replace("id: KCC-2026-011", &format!("id: CASE-{i:04}"));
        if i % invalid_every == invalid_every - 1 {
            t = t.replace("180340021830", "180340021836");
            invalid += 1;
        }
        std::fs::write(dir.join(format!("case-{i:04}.yaml")), t).expect("write");
    }
    invalid
}

/// `kzinvite render ROOT --out OUT`.
fn render_tree(root: &Path, out: &Path) -> std::process::Output {
    kzinvite()
        .arg("render")
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

fn output(args: &[&str], jobs: &str) -> (Option<i32>, String) {
    let o = kzinvite()
        .args(args)
        .args(["--jobs", jobs])
        .output()
        .expect("runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn reports_are_identical_with_one_or_many_workers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let invalid = tree(dir.path(), 320, 10);
    let root = dir.path().to_str().expect("utf8");
    for format in ["json", "junit", "github", "text"] {
        let args = ["validate", root, "--format", format, "--color", "never"];
        let (code1, one) = output(&args, "1");
        let (code4, many) = output(&args, "4");
        assert_eq!(code1, Some(1), "{format}: invalid files make exit 1");
        assert_eq!(code4, Some(1));
        assert!(
            one == many,
            "{format} output differs between --jobs 1 and --jobs 4"
        );
    }
    let (_, json) = output(&["validate", root, "--format", "json"], "2");
    let v: serde_json::Value = serde_json::from_str(&json).expect("one JSON document");
    assert_eq!(v["summary"]["files"], 320);
    assert_eq!(v["summary"]["invalid"], invalid as u64);
    assert_eq!(v["summary"]["valid"], (320 - invalid) as u64);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "folder contents sorted by path");
}

#[test]
fn shards_split_the_files_without_overlap() {
    let dir = tempfile::tempdir().expect("tempdir");
    tree(dir.path(), 30, 1000);
    let root = dir.path().to_str().expect("utf8");
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let (code, json) = output(
            &["validate", root, "--format", "json", "--shard", &shard],
            "2",
        );
        assert_eq!(code, Some(0));
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(v["summary"]["files"], 10);
        seen.extend(
            v["files"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["path"].as_str().map(str::to_owned)),
        );
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 30);
}

#[test]
fn batch_render_writes_a_packet_per_valid_case_and_skips_its_output_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let invalid = tree(dir.path(), 24, 8);
    // The output folder inside the tree is not walked as input.
    let out: PathBuf = dir.path().join("packets");
    let o = render_tree(dir.path(), &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(1),
        "invalid cases make exit 1: {stdout}"
    );
    let packets = std::fs::read_dir(&out).expect("out").count();
    assert_eq!(packets, 24 - invalid);
    assert!(
        stdout.contains(&format!(
            "24 manifests: {} rendered, 0 up to date, {invalid} invalid, 0 failed",
            24 - invalid
        )),
        "{stdout}"
    );
    // Again: everything up to date, the packets folder is not mistaken for input.
    let again = render_tree(dir.path(), &out);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains(&format!("0 rendered, {} up to date", 24 - invalid)),
        "{stdout}"
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let o = kzinvite()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(o.status.success());
        assert!(String::from_utf8_lossy(&o.stdout).contains("validate"));
    }
    let o = kzinvite().arg("man").output().expect("runs");
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains(".TH kzinvite"));
}

#[test]
fn sarif_lists_every_finding_with_its_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let invalid = tree(dir.path(), 6, 3);
    let (code, out) = output(
        &[
            "validate",
            dir.path().to_str().expect("utf8"),
            "--format",
            "sarif",
        ],
        "2",
    );
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().expect("results");
    let bins = results
        .iter()
        .filter(|r| r["ruleId"] == "bin-checksum")
        .count();
    assert_eq!(bins, invalid);
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64())
    );
}
