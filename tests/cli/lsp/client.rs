//! A minimal LSP client over the binary's stdin and stdout, and the fixtures it opens.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::support::copy_dir;
use serde_json::{Value, json};

pub(super) const TODAY: &str = "2026-01-15";

/// Longest wait for one answer: a debug build checks a 100 000-line document slowly.
pub(super) const PATIENCE: Duration = Duration::from_secs(120);

/// A language client: writes framed messages, reads them on a thread.
pub(super) struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another one.
    pub(super) backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `kzinvite lsp` and initializes it with `options`.
    pub(super) fn start(options: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
            .args(["lsp", "--today", TODAY])
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting kzinvite lsp: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            next_id: 0,
        };
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options}),
        );
        assert!(
            init["result"]["capabilities"]["hoverProvider"] == json!(true),
            "{init}"
        );
        client.notify("initialized", json!({}));
        client
    }

    pub(super) fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let stdin = self
            .stdin
            .as_mut()
            .unwrap_or_else(|| panic!("stdin closed"));
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|e| panic!("writing to the server: {e}"));
    }

    pub(super) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (the whole message).
    pub(super) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("the answer to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    pub(super) fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {PATIENCE:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server ended before {what}"),
            }
        }
    }

    /// The diagnostics published for `version` of `uri`.
    pub(super) fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub(super) fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "yaml", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
    }

    pub(super) fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let doc = json!({"uri": uri, "version": version});
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": doc, "contentChanges": changes}),
        );
    }

    pub(super) fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
        self.request("textDocument/hover", at)
    }

    pub(super) fn code_actions(&mut self, uri: &str, range: &Value, diagnostics: Value) -> Value {
        let params = json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": diagnostics}});
        self.request("textDocument/codeAction", params)
    }

    /// `shutdown`, then `exit`: the exit code of the process.
    pub(super) fn finish(mut self, shutdown: bool) -> i32 {
        if shutdown {
            let answer = self.request("shutdown", Value::Null);
            assert_eq!(answer["result"], Value::Null, "{answer}");
            assert!(answer.get("error").is_none(), "{answer}");
        }
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status.code().unwrap_or(-1),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => {
                    let _ = self.child.kill();
                    panic!("the server did not exit: {other:?}");
                }
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// One framed message, or `None` at the end of the stream.
pub(super) fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    // The framing is lsp-server's own: the client reads what the server writes with it.
    let message = lsp_server::Message::read(reader).ok()??;
    serde_json::to_value(message).ok()
}

/// A fixture's manifest and scans, copied into a temporary folder.
pub(super) fn fixture(dir: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let to = dir.join(name.replace('/', "-"));
    copy_dir(&from, &to);
    to.join("case.yaml")
}

pub(super) fn uri(path: &Path) -> String {
    lsp_types::Url::from_file_path(path)
        .unwrap_or_else(|()| panic!("{} is not absolute", path.display()))
        .to_string()
}

pub(super) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub(super) fn code(d: &Value) -> &str {
    d["code"].as_str().unwrap_or_default()
}

/// What `kzinvite validate --format json` says of one file.
pub(super) fn validate(path: &Path) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .args(["validate", "--format", "json", "--today", TODAY])
        .arg(path)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap_or_else(|e| panic!("running validate: {e}"));
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("validate printed no JSON: {e}"));
    json["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

pub(super) fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"))
}
