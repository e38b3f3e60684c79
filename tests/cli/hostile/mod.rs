//! Hostile input and failures: nothing panics, nothing hangs, nothing is lost.
//!
//! - `fuzz`: random bytes and mutated manifests through the reader, the checks and every
//!   reporter; every file of `fixtures/hostile/` through the library and the binary.
//! - `limits`: file size, nesting, aliases, node count, list and text lengths, the cap
//!   on diagnostics, paths that are not files.
//! - `scans`: paths leaving the folder, content sniffing, huge and damaged scans.
//! - `output`: packets under `kill -9`, repeated ids, folders that are not packets,
//!   full and read-only disks, manifests vanishing mid-batch.
//!
//! The binary must always end with an exit code of cli.md (0, 1, 2) and never print
//! "panicked at"; every run has a watchdog, so a hang fails the test instead of
//! stalling it. (Here with the command line because the harness is about runs of the
//! binary; `fuzz` and `scans` also call the reader and the checks directly.)

mod fuzz;
mod limits;
mod output;
mod scans;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use kzinvite::check::{CheckOptions, Checked, check};
use kzinvite::source::{Document, LoadError};

/// Longest any single input or run may take before it counts as a hang. Generous on
/// purpose: this catches work that never ends, it is not a benchmark.
pub const HANG: Duration = Duration::from_secs(60);

pub const TODAY: &str = "2026-01-15";

pub fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `fixtures/examples/<stage>/case.yaml`.
pub fn example(stage: &str) -> PathBuf {
    crate_root()
        .join("fixtures/examples")
        .join(stage)
        .join("case.yaml")
}

pub fn example_text(stage: &str) -> String {
    std::fs::read_to_string(example(stage)).expect("the example manifest")
}

pub fn options() -> CheckOptions {
    CheckOptions::at(time::macros::date!(2026 - 01 - 15))
}

/// Loads and checks a manifest file through the library; `Err` is the reader's one
/// diagnostic code.
pub fn check_file(path: &Path) -> Result<(Document, Checked), String> {
    match kzinvite::source::load(path) {
        Ok(doc) => {
            let checked = check(&doc, &options());
            Ok((doc, checked))
        }
        Err(LoadError::Invalid { diagnostic, .. }) => Err(diagnostic.code),
        Err(LoadError::Io(e)) => Err(format!("io: {e}")),
    }
}

/// The codes of a check, in report order.
pub fn codes(checked: &Checked) -> Vec<String> {
    checked.diagnostics.iter().map(|d| d.code.clone()).collect()
}

/// Runs `f` on its own thread: a panic there is re-raised here with its message, and
/// work that goes on past [`HANG`] fails the test instead of stalling it.
pub fn guarded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(HANG) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Disconnected) => match handle.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the worker ended without a result"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: still running after {HANG:?}"),
    }
}

/// How a run of the binary ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The binary with a reproducible environment (no colour, no progress bar).
pub fn kzinvite() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kzinvite"));
    c.env_remove("SOURCE_DATE_EPOCH")
        .env("CI", "true")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs the binary to its end (killed past [`HANG`]) and checks that it ended the way
/// cli.md allows: exit 0, 1 or 2, and no panic.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = kzinvite();
    cmd.args(args);
    finish(&format!("{cmd:?}"), cmd.spawn().expect("kzinvite starts"))
}

/// Waits for a spawned run (see [`run`]); pipes the caller took or never made read as
/// empty.
pub fn finish(what: &str, mut child: std::process::Child) -> Run {
    // Read both pipes on their own threads so a full pipe never blocks the child.
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for kzinvite") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    };
    assert!(
        matches!(run.code, 0..=2),
        "{what}: exit code {} (cli.md allows 0, 1, 2)\n{}",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked at") && !run.stderr.contains("internal error"),
        "{what}: a bug\n{}",
        run.stderr
    );
    run
}

/// `validate --format json --today …` on the paths: the JSON report and the run.
pub fn validate_json(paths: &[&Path]) -> (serde_json::Value, Run) {
    let mut args: Vec<&OsStr> = ["validate", "--format", "json", "--today", TODAY]
        .iter()
        .map(OsStr::new)
        .collect();
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let run = run(args);
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (json, run)
}

/// The diagnostic codes of file `i` in a JSON report.
pub fn json_codes(report: &serde_json::Value, i: usize) -> Vec<String> {
    report["files"][i]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}
