//! `kzinvite watch` as an editor's saves meet it: the binary runs with its output piped,
//! the test edits files and polls the packet (never a timing assert), then stops it.
//! This file is the harness; `edits` follows manifests and templates, `inputs` scans and
//! fonts, `folders` folders that vanish and come back.

mod edits;
mod folders;
mod inputs;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for something watch should do (a debug build is slow).
const PATIENCE: Duration = Duration::from_secs(30);

/// The id of the request example.
const ID: &str = "KCC-2026-011";

/// A place name in the request example, printed by the akimat request.
const PLACE: &str = "Панфиловский район";

/// A running `kzinvite watch`, its standard output collected by a thread.
struct Watch {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl Watch {
    fn start(case: &Path, out: &Path, extra: &[&str]) -> Watch {
        Watch::start_many(&[case], out, extra)
    }

    fn start_many(paths: &[&Path], out: &Path, extra: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
            .env_remove("SOURCE_DATE_EPOCH")
            .env("CI", "true")
            .arg("watch")
            .args(paths)
            .arg("--out")
            .arg(out)
            .args([
                "--today",
                "2026-01-15",
                "--only",
                "akimat-request",
                "-j",
                "1",
            ])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("running kzinvite watch: {e}"));
        let output = Arc::new(Mutex::new(String::new()));
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let output = output.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut all) = output.lock() {
                        all.push_str(&String::from_utf8_lossy(&buf[..n]));
                    }
                }
            });
        }
        Watch { child, output }
    }

    fn output(&self) -> String {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// Waits until the output has `text` after the first `from` bytes.
    fn wait_for_output(&self, from: usize, text: &str) -> String {
        self.wait(&format!("{text:?} in the output"), || {
            let all = self.output();
            all.get(from..).is_some_and(|new| new.contains(text))
        });
        self.output()
    }

    /// Waits until the packet's packet.json has `text`.
    fn wait_for_packet(&self, out: &Path, text: &str) {
        self.wait_for_packet_of(out, ID, text);
    }

    /// Waits until the packet.json of case `id` has `text`.
    fn wait_for_packet_of(&self, out: &Path, id: &str, text: &str) {
        self.wait(&format!("{text:?} in {id}'s packet.json"), || {
            std::fs::read_to_string(out.join(id).join("packet.json"))
                .is_ok_and(|meta| meta.contains(text))
        });
    }

    /// [`wait`], with what watch printed when it times out.
    fn wait(&self, what: &str, done: impl FnMut() -> bool) {
        let waited = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| wait(what, done)));
        if let Err(e) = waited {
            let message = e.downcast_ref::<String>().cloned().unwrap_or_default();
            panic!("{message}; watch printed:\n{}", self.output());
        }
    }

    /// Whether the process is still running.
    fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The request example (manifest and scans) copied into a fresh folder's `case/`.
fn case_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let case = dir.path().join("case");
    copy_example(&case);
    (dir, case)
}

/// The request example (manifest and scans) copied into `case`.
fn copy_example(case: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/request");
    std::fs::create_dir_all(case.join("scans")).unwrap_or_else(|e| panic!("{e}"));
    for name in ["case.yaml", "scans/wang-lei.pdf", "scans/zhang-min.pdf"] {
        std::fs::copy(from.join(name), case.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Ctrl-C (SIGINT where there is `kill`): exit 0, and nothing half-written in OUT.
fn stop(mut watch: Watch, out: &Path) {
    let pid = watch.child.id().to_string();
    let Ok(sent) = Command::new("kill").args(["-INT", &pid]).status() else {
        return;
    };
    if !sent.success() {
        return;
    }
    let start = Instant::now();
    let status = loop {
        if let Ok(Some(status)) = watch.child.try_wait() {
            break status;
        }
        assert!(start.elapsed() < PATIENCE, "watch did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", watch.output());
    let left: Vec<String> = std::fs::read_dir(out)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [ID], "{}", watch.output());
}
