//! `kzinvite lsp` latency, measured over JSON-RPC as an editor sees it: from sending
//! `didChange` (one character of the BIN, alternately breaking and fixing its control
//! digit) to receiving the `publishDiagnostics` of that version, debounce set to 0.
//! Divan times each round trip as one sample; p50 and p99 are printed after its table.
//! `cargo bench --bench lsp`.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn main() {
    divan::main();
    report();
}

/// Round trips measured, by number of specialists.
static TIMES: Mutex<BTreeMap<usize, Vec<Duration>>> = Mutex::new(BTreeMap::new());

#[divan::bench(args = [20, 500], sample_count = 300, sample_size = 1)]
fn did_change_to_diagnostics(bencher: divan::Bencher, specialists: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = support::manifests::write_all(dir.path(), 1, specialists).expect("generated");
    let mut server = Server::start(&paths[0]);
    let mut times = Vec::new();
    bencher.bench_local(|| {
        let started = Instant::now();
        server.edit();
        times.push(started.elapsed());
    });
    server.stop();
    if let Ok(mut all) = TIMES.lock() {
        all.entry(specialists).or_default().extend(times);
    }
}

fn report() {
    let Ok(all) = TIMES.lock() else { return };
    for (specialists, times) in all.iter() {
        let mut sorted = times.clone();
        sorted.sort();
        if sorted.is_empty() {
            continue;
        }
        let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        println!(
            "lsp didChange → publishDiagnostics, {specialists} specialists: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} edits)",
            ms(at(0.50)),
            ms(at(0.99)),
            ms(at(1.0)),
            sorted.len()
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The server with one manifest open, and where its BIN's last digit stands.
struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    uri: String,
    version: i64,
    /// Line and UTF-16 column of the BIN's last digit, and its two spellings.
    digit: (usize, usize, [char; 2]),
    next_id: i64,
}

impl Server {
    fn start(path: &Path) -> Server {
        let text = std::fs::read_to_string(path).expect("reads");
        let (line, column) = text
            .lines()
            .enumerate()
            .find_map(|(n, l)| l.starts_with("  bin: \"").then_some((n, 19)))
            .expect("a BIN line");
        let valid = text
            .lines()
            .nth(line)
            .and_then(|l| l.chars().nth(column))
            .expect("digit");
        let broken = if valid == '9' {
            '0'
        } else {
            char::from(valid as u8 + 1)
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
            .args(["lsp", "--today", support::manifests::TODAY])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starts kzinvite lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take().expect("stdin");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(m) = read_message(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let uri = lsp_types::Url::from_file_path(path)
            .expect("absolute")
            .to_string();
        let mut server = Server {
            child,
            stdin,
            incoming,
            uri,
            version: 1,
            digit: (line, column, [broken, valid]),
            next_id: 0,
        };
        server.request(
            "initialize",
            json!({"capabilities": {}, "initializationOptions": {"debounceMs": 0}}),
        );
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        let doc = json!({"uri": server.uri, "languageId": "yaml", "version": 1, "text": text});
        server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": doc}}));
        server.published(1);
        // Let the fonts load (and the open document be checked again with them) before
        // anything is measured.
        std::thread::sleep(Duration::from_secs(3));
        while server.incoming.try_recv().is_ok() {}
        server
    }

    /// One keystroke: the BIN's last digit changed; returns when its diagnostics arrive.
    fn edit(&mut self) {
        self.version += 1;
        let (line, column, spellings) = self.digit;
        let digit = spellings[(self.version % 2) as usize];
        let range = json!({"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}});
        let params = json!({
            "textDocument": {"uri": self.uri, "version": self.version},
            "contentChanges": [{"range": range, "text": digit.to_string()}],
        });
        self.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": params}));
        let diagnostics = self.published(self.version);
        let broken = diagnostics.iter().any(|d| d["code"] == "bin-checksum");
        assert_eq!(broken, self.version % 2 == 0, "{diagnostics:?}");
    }

    fn published(&self, version: i64) -> Vec<Value> {
        loop {
            let m = self
                .incoming
                .recv_timeout(Duration::from_secs(60))
                .expect("diagnostics within a minute");
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == json!(version)
            {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("writes");
        self.stdin.flush().expect("flushes");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .incoming
                .recv_timeout(Duration::from_secs(60))
                .expect("an answer");
            if m["id"] == json!(id) {
                return m;
            }
        }
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    // The framing is lsp-server's own: the client reads what the server writes with it.
    let message = lsp_server::Message::read(reader).ok()??;
    serde_json::to_value(message).ok()
}
