//! `kzinvite watch` as an editor's saves meet it: the binary runs with its output piped,
//! the test edits files and polls the packet (never a timing assert), then stops it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for something watch should do (a debug build is slow).
const PATIENCE: Duration = Duration::from_secs(30);

const ID: &str = "KCC-2026-011";

/// A running `kzinvite watch`, its standard output collected by a thread.
struct Watch {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl Watch {
    fn start(case: &Path, out: &Path, extra: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
            .env_remove("SOURCE_DATE_EPOCH")
            .env("CI", "true")
            .arg("watch")
            .arg(case)
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
        wait(&format!("{text:?} in the output"), || {
            let all = self.output();
            all.get(from..).is_some_and(|new| new.contains(text))
        });
        self.output()
    }

    /// Waits until the packet's packet.json has `text`.
    fn wait_for_packet(&self, out: &Path, text: &str) {
        wait(&format!("{text:?} in packet.json"), || {
            std::fs::read_to_string(out.join(ID).join("packet.json"))
                .is_ok_and(|meta| meta.contains(text))
        });
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

/// The request example (manifest and scans) copied into a fresh folder.
fn case_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/request");
    let case = dir.path().join("case");
    std::fs::create_dir_all(case.join("scans")).unwrap_or_else(|e| panic!("{e}"));
    for name in ["case.yaml", "scans/wang-lei.pdf", "scans/zhang-min.pdf"] {
        std::fs::copy(from.join(name), case.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    (dir, case)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

const PLACE: &str = "Панфиловский район";

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
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
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
fn a_template_change_renders_again_and_ctrl_c_stops_cleanly() {
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
    std::fs::write(&template, text).unwrap_or_else(|e| panic!("{e}"));
    watch.wait_for_output(seen, "changed): rendered");
    let after =
        std::fs::read_to_string(out.join(ID).join("packet.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(before, after, "the template's hash is in packet.json");

    stop(watch, &out);
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
