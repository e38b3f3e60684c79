//! The thread that checks documents, apart from the thread that reads messages: the
//! reader hands it the newest text of each document and never waits for a check.
//!
//! Each document has at most one pending version: a newer one replaces it and restarts
//! the debounce. A check in progress asks between its stages whether a newer version
//! came, and stops if so; a result is published only if none did. The fonts for
//! `glyph-coverage` load once, on a thread of their own; when they are ready the open
//! documents are checked again with them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::Instant;

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use lsp_types::{PublishDiagnosticsParams, Url};

use super::analysis::{Analysed, analyse, to_protocol};
use super::config::LspConfig;
use super::fixes::Fix;
use super::keys::KeyIndex;
use super::text::LineIndex;
use crate::diagnostic::Diagnostic;
use crate::render::{Engine, RenderOptions};
use crate::scan::ScanCache;

/// What was last published for a document: the fixes and hover answer from it.
#[derive(Debug)]
pub struct Published {
    pub version: i32,
    pub diagnostics: Vec<lsp_types::Diagnostic>,
    pub fixes: Vec<Fix>,
    /// From the newest version that parsed (an older one while the text does not);
    /// built on the first hover.
    pub keys: Option<Arc<KeyIndex>>,
}

/// Hands documents to the checking thread and keeps what it published.
pub struct Worker {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    config: LspConfig,
    queue: Mutex<Queue>,
    wake: Condvar,
    published: Mutex<HashMap<Url, Arc<Published>>>,
    engine: OnceLock<Engine>,
    /// Scans inspected so far: a keystroke reads again only files that changed.
    scans: ScanCache,
}

#[derive(Default)]
struct Queue {
    pending: HashMap<Url, Job>,
    /// The last version taken of each open document, to check again when the fonts
    /// arrive; kept only until then.
    taken: HashMap<Url, Job>,
    open: HashSet<Url>,
    fonts_arrived: bool,
    /// The fonts loaded, or failed to: nothing more to wait for.
    fonts_done: bool,
    stop: bool,
}

impl Queue {
    /// Whether the version being checked is no longer wanted: a newer one is pending,
    /// the document was closed, or the server is stopping.
    fn outdated(&self, uri: &Url) -> bool {
        self.stop || self.pending.contains_key(uri) || !self.open.contains(uri)
    }
}

#[derive(Clone)]
struct Job {
    version: i32,
    text: Arc<str>,
    due: Instant,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a lock is caught and reported; the data stays usable.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Worker {
    pub fn start(config: LspConfig, sender: Sender<Message>) -> Worker {
        let shared = Arc::new(Shared {
            config,
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            published: Mutex::new(HashMap::new()),
            engine: OnceLock::new(),
            scans: ScanCache::new(),
        });
        let fonts = Arc::clone(&shared);
        let started = std::thread::Builder::new()
            .name("kzinvite-fonts".into())
            .spawn(move || fonts.load_engine());
        if let Err(e) = started {
            eprintln!("kzinvite lsp: no glyph-coverage warnings: cannot start a thread: {e}");
        }
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("kzinvite-check".into())
            // The sender lives on this thread only: once it ends, the writer can end too.
            .spawn(move || worker.run(&sender))
            .map_err(|e| eprintln!("kzinvite lsp: cannot start the checking thread: {e}"))
            .ok();
        Worker { shared, thread }
    }

    /// A new version of a document: checked once it has rested for the debounce.
    pub fn submit(&self, uri: Url, version: i32, text: Arc<str>) {
        let mut queue = lock(&self.shared.queue);
        let due = Instant::now() + self.shared.config.debounce;
        queue.open.insert(uri.clone());
        queue.pending.insert(uri, Job { version, text, due });
        self.shared.wake.notify_one();
    }

    /// A document closed: nothing more is checked or published for it.
    pub fn close(&self, uri: &Url) {
        let mut queue = lock(&self.shared.queue);
        queue.open.remove(uri);
        queue.pending.remove(uri);
        queue.taken.remove(uri);
        lock(&self.shared.published).remove(uri);
    }

    pub fn published(&self, uri: &Url) -> Option<Arc<Published>> {
        lock(&self.shared.published).get(uri).cloned()
    }

    /// Stops checking and waits for a check in progress to end.
    pub fn stop(&mut self) {
        lock(&self.shared.queue).stop = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Shared {
    fn load_engine(&self) {
        let loaded = Engine::new(RenderOptions::default());
        let mut queue = lock(&self.queue);
        match loaded {
            Ok(engine) => {
                let _ = self.engine.set(engine);
                queue.fonts_arrived = true;
            }
            Err(e) => {
                eprintln!("kzinvite lsp: no glyph-coverage warnings: {e:#}");
                queue.taken.clear();
            }
        }
        queue.fonts_done = true;
        drop(queue);
        self.wake.notify_one();
    }

    fn run(&self, sender: &Sender<Message>) {
        while let Some((uri, job)) = self.next() {
            self.check(&uri, &job, sender);
        }
    }

    /// Waits for the next document due, the one that has rested longest; `None`: stop.
    fn next(&self) -> Option<(Url, Job)> {
        let mut queue = lock(&self.queue);
        loop {
            if queue.stop {
                return None;
            }
            if std::mem::take(&mut queue.fonts_arrived) {
                let now = Instant::now();
                let taken = std::mem::take(&mut queue.taken);
                let again: Vec<(Url, Job)> = taken
                    .iter()
                    .filter(|(uri, _)| !queue.pending.contains_key(*uri))
                    .map(|(uri, job)| {
                        (
                            uri.clone(),
                            Job {
                                due: now,
                                ..job.clone()
                            },
                        )
                    })
                    .collect();
                queue.pending.extend(again);
            }
            let first = queue
                .pending
                .iter()
                .min_by_key(|(_, job)| job.due)
                .map(|(uri, job)| (uri.clone(), job.due));
            let now = Instant::now();
            queue = match first {
                Some((uri, due)) if due <= now => {
                    let job = queue.pending.remove(&uri)?;
                    if !queue.fonts_done {
                        queue.taken.insert(uri.clone(), job.clone());
                    }
                    return Some((uri, job));
                }
                Some((_, due)) => {
                    let wait = due.saturating_duration_since(now);
                    self.wake
                        .wait_timeout(queue, wait)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                None => self
                    .wake
                    .wait(queue)
                    .unwrap_or_else(PoisonError::into_inner),
            };
        }
    }

    /// Whether this version of the document is no longer wanted.
    fn outdated(&self, uri: &Url) -> bool {
        lock(&self.queue).outdated(uri)
    }

    fn check(&self, uri: &Url, job: &Job, sender: &Sender<Message>) {
        let path = uri
            .to_file_path()
            .unwrap_or_else(|()| PathBuf::from("untitled.yaml"));
        let options = self.config.check_options();
        let engine = self.engine.get();
        let outdated = || self.outdated(uri);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyse(&job.text, &path, &options, engine, &self.scans, &outdated)
        }));
        let analysed = match result {
            Ok(Some(analysed)) => analysed,
            Ok(None) => return,
            Err(payload) => bug_report(&job.text, payload),
        };
        let Analysed {
            diagnostics,
            fixes,
            document,
            lines,
            offset,
        } = analysed;
        // A version that does not parse keeps the hover answers of the last that did.
        let keys = match document {
            Some(doc) => Some(Arc::new(KeyIndex::new(
                doc,
                Arc::clone(&job.text),
                lines,
                offset,
            ))),
            None => self.published(uri).and_then(|p| p.keys.clone()),
        };
        // Held while publishing: a newer version or a close cannot slip in between the
        // question and the message.
        let queue = lock(&self.queue);
        if queue.outdated(uri) {
            return;
        }
        let replaced = self.store(uri, job.version, diagnostics.clone(), fixes, keys);
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: Some(job.version),
        };
        let message = Notification::new("textDocument/publishDiagnostics".into(), params);
        let _ = sender.send(message.into());
        drop(queue);
        // The previous version's document is freed after its successor is out.
        drop(replaced);
    }

    fn published(&self, uri: &Url) -> Option<Arc<Published>> {
        lock(&self.published).get(uri).cloned()
    }

    fn store(
        &self,
        uri: &Url,
        version: i32,
        diagnostics: Vec<lsp_types::Diagnostic>,
        fixes: Vec<Fix>,
        keys: Option<Arc<KeyIndex>>,
    ) -> Option<Arc<Published>> {
        let published = Published {
            version,
            diagnostics,
            fixes,
            keys,
        };
        lock(&self.published).insert(uri.clone(), Arc::new(published))
    }
}

/// A panic while checking — a bug in kzinvite — shown in the editor, not a dead server.
fn bug_report(text: &str, payload: Box<dyn std::any::Any + Send>) -> Analysed {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned());
    let found = [Diagnostic::error(
        "internal",
        format!("internal error (a bug in kzinvite, please report it with this file): {message}"),
    )];
    let lines = LineIndex::new(text);
    Analysed {
        diagnostics: to_protocol(&found, text, &lines, 0),
        fixes: Vec::new(),
        document: None,
        lines,
        offset: 0,
    }
}
