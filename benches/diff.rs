//! `kzinvite diff` of two output folders of N packets in which every packet differs by one
//! field (the entry date), timed as a user runs it: the binary spawned, `--format json`
//! to /dev/null. `cargo bench --bench diff`.
//!
//! Rendering 1,000 packets would mean 7,000 PDFs; `diff` reads only `packet.json`, so the
//! folders are made from one rendered packet (a generated 20-specialist case at stage
//! notification): its `packet.json` copied N times under case ids of their own, and in
//! the new folder each copy edited as a re-render would change it — the entry date in
//! the normalized manifest and in every text block that prints it. No PDFs are written.
//! `manifest.path` still names the generated manifest, unchanged, so each changed case
//! also reads it to locate its cause (`line:col`), as a real run does.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn main() {
    divan::main();
}

/// The two folders, and the temporary folder holding them.
struct Folders {
    _dir: tempfile::TempDir,
    old: PathBuf,
    new: PathBuf,
}

fn kzinvite() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kzinvite"));
    c.env_remove("SOURCE_DATE_EPOCH").env("CI", "true");
    c
}

/// One rendered packet's `packet.json`, and the manifest's folder.
fn rendered(dir: &Path) -> Value {
    let manifest = support::manifests::write_all(dir, 1, 20).expect("generated")[0].clone();
    let out = dir.join("rendered");
    let status = kzinvite()
        .arg("render")
        .arg(&manifest)
        .arg("--out")
        .arg(&out)
        .args(["--today", support::manifests::TODAY, "--quiet"])
        .stdout(Stdio::null())
        .status()
        .expect("runs kzinvite render");
    assert!(status.success(), "render failed");
    let packet = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.join("packet.json").is_file())
        .expect("a packet");
    serde_json::from_slice(&std::fs::read(packet.join("packet.json")).expect("reads"))
        .expect("JSON")
}

/// `dd.mm.yyyy` of an ISO date, as the letters print it.
fn printed(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    format!("{}.{}.{}", parts[2], parts[1], parts[0])
}

/// The same case re-rendered with its entry date moved by a day (within the month).
fn edited(meta: &Value) -> Value {
    let mut meta = meta.clone();
    let old = meta["manifest"]["value"]["project"]["entry_date"]
        .as_str()
        .expect("an entry date")
        .to_owned();
    let day: u32 = old[8..10].parse().expect("day");
    let new = format!(
        "{}{:02}",
        &old[..8],
        if day < 28 { day + 1 } else { day - 1 }
    );
    meta["manifest"]["value"]["project"]["entry_date"] = Value::from(new.clone());
    let (from, to) = (printed(&old), printed(&new));
    let mut blocks = 0;
    for doc in meta["documents"].as_array_mut().expect("documents") {
        for block in doc["text"].as_array_mut().expect("text") {
            if let Some(text) = block["text"].as_str().filter(|t| t.contains(&from)) {
                block["text"] = Value::from(text.replace(&from, &to));
                blocks += 1;
            }
        }
    }
    assert!(blocks > 0, "no block prints {from}");
    meta
}

fn folders(n: usize) -> Folders {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = rendered(dir.path());
    let changed = edited(&base);
    let id = base["id"].as_str().expect("id").to_owned();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for k in 0..n {
        let case = format!("{id}-{k:04}");
        for (root, meta) in [(&old, &base), (&new, &changed)] {
            let mut meta = meta.clone();
            meta["id"] = Value::from(case.clone());
            let folder = root.join(&case);
            std::fs::create_dir_all(&folder).expect("folder");
            std::fs::write(
                folder.join("packet.json"),
                serde_json::to_vec_pretty(&meta).expect("JSON"),
            )
            .expect("writes");
        }
    }
    Folders {
        _dir: dir,
        old,
        new,
    }
}

#[divan::bench(args = [200, 1000], sample_count = 3, sample_size = 1)]
fn diff_two_folders(bencher: divan::Bencher, packets: usize) {
    let f = folders(packets);
    bencher.bench_local(|| {
        let status = kzinvite()
            .arg("diff")
            .arg(&f.old)
            .arg(&f.new)
            .args(["--format", "json"])
            .stdout(Stdio::null())
            .status()
            .expect("runs kzinvite diff");
        assert_eq!(status.code(), Some(1), "every case differs");
    });
}
