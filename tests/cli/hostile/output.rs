//! Output safety: a packet under its final name is always complete, a failed or
//! interrupted render keeps the previous one, nothing is written outside `--out`, and
//! environment failures are reported per case with the exit codes of cli.md.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kzinvite::hash::sha256_hex;
use serde_json::Value;

use super::{example, example_text, finish, kzinvite, run};

/// `DIR/cases/` with the notification example's scans and `n` copies of its manifest,
/// `case-01.yaml` … with ids `KCC-2026-101` …
fn batch(dir: &Path, n: usize) -> PathBuf {
    let cases = dir.join("cases");
    let scans = cases.join("scans");
    std::fs::create_dir_all(&scans).expect("scans");
    for name in ["wang-lei.pdf", "zhang-min.pdf"] {
        std::fs::copy(
            example("notification").with_file_name("scans").join(name),
            scans.join(name),
        )
        .expect("copy scan");
    }
    let text = example_text("notification");
    for i in 1..=n {
        let manifest = text.replace("id: KCC-2026-014", &format!("id: KCC-2026-{}", 100 + i));
        std::fs::write(cases.join(format!("case-{i:02}.yaml")), manifest).expect("manifest");
    }
    cases
}

fn render_args<'a>(inputs: &'a Path, out: &'a Path, extra: &[&'a str]) -> Vec<&'a OsStr> {
    let mut args: Vec<&OsStr> = vec![
        "render".as_ref(),
        inputs.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--today".as_ref(),
        super::TODAY.as_ref(),
    ];
    args.extend(extra.iter().map(|a| OsStr::new(*a)));
    args
}

/// Every file under `dir` with its hash: what a run may not change.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .map(|e| {
            let hash = if e.file_type().is_file() {
                sha256_hex(&std::fs::read(e.path()).expect("read"))
            } else {
                String::new()
            };
            (e.path().to_path_buf(), hash)
        })
        .collect()
}

/// Checks every `OUT/<id>/` there is: a `packet.json` whose files all exist with their
/// hashes. Returns the ids of the packets and the names of other (hidden) entries.
fn packets(out: &Path) -> (Vec<String>, Vec<String>) {
    let (mut ids, mut hidden) = (Vec::new(), Vec::new());
    let Ok(entries) = std::fs::read_dir(out) else {
        return (ids, hidden);
    };
    for entry in entries {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            hidden.push(name);
            continue;
        }
        let dir = entry.path();
        let meta: Value = serde_json::from_slice(
            &std::fs::read(dir.join("packet.json"))
                .unwrap_or_else(|e| panic!("{}: no packet.json ({e})", dir.display())),
        )
        .unwrap_or_else(|e| panic!("{}: packet.json is not JSON ({e})", dir.display()));
        assert_eq!(meta["id"], name.as_str());
        let listed = meta["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .chain(std::iter::once(&meta["specialists"]));
        let mut count = 0;
        for file in listed {
            let path = dir.join(file["file"].as_str().expect("file name"));
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{}: listed but missing ({e})", path.display()));
            assert_eq!(
                file["sha256"].as_str(),
                Some(sha256_hex(&bytes).as_str()),
                "{}: not the bytes packet.json lists",
                path.display()
            );
            count += 1;
        }
        assert!(count >= 2, "{}: an empty packet", dir.display());
        ids.push(name);
    }
    ids.sort();
    (ids, hidden)
}

/// A few milliseconds of jitter from the standard library's random hasher keys.
fn jitter(max_ms: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u8(0);
    h.finish() % max_ms.max(1)
}

#[test]
fn kill_9_never_leaves_a_partial_packet_and_the_next_run_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 20);
    let out = dir.path().join("out");
    let before = snapshot(&cases);
    let mut delays = Vec::new();
    for base in [40u64, 120, 250, 400, 600, 850, 1200] {
        let delay = base + jitter(80);
        delays.push(delay);
        let mut child = kzinvite()
            .args(render_args(&cases, &out, &["--force", "--jobs", "2"]))
            .spawn()
            .expect("kzinvite starts");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever stands under a final name is complete; staged folders may remain.
        let (_, hidden) = packets(&out);
        assert!(
            hidden
                .iter()
                .all(|h| h.starts_with(".kzinvite-tmp-") || h.starts_with(".kzinvite-old-")),
            "killed after {delay} ms: {hidden:?}"
        );
    }
    // Leftovers of killed runs, planted in case the kills above left none.
    std::fs::create_dir_all(out.join(".kzinvite-tmp-KCC-2026-101-planted")).expect("plant");
    std::fs::write(
        out.join(".kzinvite-tmp-KCC-2026-101-planted/01-x.pdf"),
        "half",
    )
    .expect("plant");
    let run = run(render_args(&cases, &out, &[]));
    assert_eq!(
        run.code, 0,
        "after kills at {delays:?} ms:\n{}\n{}",
        run.stdout, run.stderr
    );
    let (ids, hidden) = packets(&out);
    assert_eq!(ids.len(), 20, "after kills at {delays:?} ms: {ids:?}");
    assert!(hidden.is_empty(), "left over: {hidden:?}");
    assert_eq!(snapshot(&cases), before, "the manifests' folder changed");
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside.len(), 2, "written beside --out: {beside:?}");
}

#[test]
fn a_repeated_id_is_refused_and_the_first_in_input_order_keeps_its_packet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 3);
    // case-02 takes case-01's id; case-00 (first by name) has it too but is invalid.
    let text = std::fs::read_to_string(cases.join("case-02.yaml")).expect("read");
    let twin = text
        .replace("id: KCC-2026-102", "id: KCC-2026-101")
        .replace("name: Li Wei", "name: Li Wei Second");
    std::fs::write(cases.join("case-02.yaml"), twin).expect("write");
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("out-{jobs}"));
        let run = run(render_args(&cases, &out, &["--jobs", jobs]));
        assert_eq!(run.code, 1, "{}", run.stdout);
        let (ids, hidden) = packets(&out);
        assert_eq!(ids, ["KCC-2026-101", "KCC-2026-103"]);
        assert!(hidden.is_empty(), "{hidden:?}");
        let meta: Value = serde_json::from_slice(
            &std::fs::read(out.join("KCC-2026-101/packet.json")).expect("packet.json"),
        )
        .expect("JSON");
        let written_from = meta["manifest"]["path"].as_str().expect("path");
        assert!(written_from.ends_with("case-01.yaml"), "{written_from}");
        let refused = run
            .stdout
            .lines()
            .find(|l| l.starts_with("failed") && l.contains("case-02.yaml"))
            .unwrap_or_else(|| panic!("case-02 not refused:\n{}", run.stdout));
        assert!(refused.contains("case-01.yaml"), "{refused}");
    }
    // An invalid manifest first in order claims its id too: nothing is written for it.
    let bad = text
        .replace("id: KCC-2026-102", "id: KCC-2026-101")
        .replace("180340021830", "180340021836");
    std::fs::write(cases.join("case-00.yaml"), bad).expect("write");
    let out = dir.path().join("out-3");
    let run = run(render_args(&cases, &out, &[]));
    assert_eq!(run.code, 1);
    assert_eq!(packets(&out).0, ["KCC-2026-103"]);
}

#[test]
fn a_folder_kzinvite_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 1);
    let out = dir.path().join("out");
    let mine = out.join("KCC-2026-101");
    std::fs::create_dir_all(&mine).expect("dir");
    std::fs::write(mine.join("notes.txt"), "my notes").expect("write");
    let run = run(render_args(&cases, &out, &["--force"]));
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("not a packet kzinvite wrote"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read(mine.join("notes.txt")).expect("kept"),
        b"my notes"
    );
    assert_eq!(std::fs::read_dir(&mine).expect("dir").count(), 1);
}

#[test]
fn an_output_path_that_is_a_file_fails_each_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 2);
    let out = dir.path().join("out");
    std::fs::write(&out, "not a folder").expect("write");
    let run = run(render_args(&cases, &out, &[]));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(run.stdout.matches("failed ").count(), 2, "{}", run.stdout);
    assert_eq!(std::fs::read(&out).expect("kept"), b"not a folder");
}

/// A tmpfs mounted for the test, unmounted when dropped; `None` where mounting is not
/// permitted (not root, a container without the capability).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, options: &str) -> Option<Tmpfs> {
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    fn remount(&self, options: &str) -> bool {
        std::process::Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_or_read_only_disk_fails_the_case_and_keeps_the_previous_packet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 1);
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).expect("dir");
    let Some(tmpfs) = Tmpfs::mount(&disk, "size=1m") else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let out = disk.join("out");
    let first = run(render_args(&cases, &out, &[]));
    assert_eq!(first.code, 0, "{}", first.stdout);
    let packet = snapshot(&out);
    // Fill the disk, leaving a few kilobytes.
    let filler = disk.join("filler");
    let mut file = std::fs::File::create(&filler).expect("filler");
    let chunk = vec![0u8; 4096];
    while std::io::Write::write_all(&mut file, &chunk).is_ok() {}
    drop(file);
    let full = run(render_args(&cases, &out, &["--force"]));
    assert_eq!(full.code, 1, "{}", full.stdout);
    assert!(full.stdout.contains("No space left"), "{}", full.stdout);
    assert_eq!(snapshot(&out), packet, "the previous packet changed");
    std::fs::remove_file(&filler).expect("remove filler");
    if tmpfs.remount("ro") {
        let read_only = run(render_args(&cases, &out, &["--force"]));
        assert_eq!(read_only.code, 1, "{}", read_only.stdout);
        assert!(read_only.stdout.contains("failed"), "{}", read_only.stdout);
        assert_eq!(snapshot(&out), packet, "the previous packet changed");
    }
}

#[test]
fn a_manifest_deleted_mid_batch_is_an_io_diagnostic_and_the_rest_carry_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 64);
    let out = dir.path().join("out");
    // One worker takes 16 files at a time, and the first packet is moved into place when
    // the first 16 are done: the last file is read three windows (48 renders) later.
    let child = kzinvite()
        .args(render_args(&cases, &out, &["--jobs", "1"]))
        .spawn()
        .expect("kzinvite starts");
    let started = Instant::now();
    while packets(&out).0.is_empty() {
        assert!(started.elapsed() < super::HANG, "no packet written");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::fs::remove_file(cases.join("case-64.yaml")).expect("delete");
    let run = finish("render, one manifest deleted", child);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[io]") && run.stdout.contains("case-64.yaml"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("63 rendered"), "{}", run.stdout);
    assert_eq!(packets(&out).0.len(), 63);
}

#[test]
fn two_runs_into_one_folder_take_turns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = batch(dir.path(), 8);
    let out = dir.path().join("out");
    let spawn = || {
        kzinvite()
            .args(render_args(&cases, &out, &["--force"]))
            .spawn()
            .expect("kzinvite starts")
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (finish("first run", a), finish("second run", b));
    assert_eq!((a.code, b.code), (0, 0), "{}\n{}", a.stdout, b.stdout);
    let (ids, hidden) = packets(&out);
    assert_eq!(ids.len(), 8);
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_path_that_does_not_exist_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let missing = dir.path().join("missing.yaml");
    let run = run(render_args(&missing, &out, &[]));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.yaml"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn stdout_closed_early_is_no_error_and_a_full_stdout_is_exit_2() {
    let example = example("request");
    let example = example.to_str().expect("UTF-8 path");
    let commands: [(&[&str], i32); 5] = [
        (&["man"], 0),
        (&["completions", "bash"], 0),
        (&["schema"], 0),
        (&["validate", "--today", super::TODAY, example], 0),
        (
            &[
                "validate",
                "--format",
                "json",
                "--today",
                super::TODAY,
                example,
            ],
            0,
        ),
    ];
    for (args, code) in commands {
        // The reader is gone before anything is written, as in `kzinvite … | head -0`.
        let mut child = kzinvite().args(args).spawn().expect("kzinvite starts");
        drop(child.stdout.take());
        let run = finish(&format!("{args:?} | head -0"), child);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        let Ok(full) = std::fs::File::create("/dev/full") else {
            continue;
        };
        let child = kzinvite()
            .args(args)
            .stdout(full)
            .spawn()
            .expect("kzinvite starts");
        let run = finish(&format!("{args:?} > /dev/full"), child);
        assert_eq!(run.code, 2, "{args:?} > /dev/full");
        assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    }
}
