//! The main loop of `kzinvite lsp`: initialize, then one message at a time — document
//! changes go to the [`Worker`], hover and code actions are answered at once from what
//! it last published — until `shutdown` and `exit`. Every request gets an answer: an
//! unknown method, bad parameters or a bug become an error response, never a crash.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context as _;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    MarkupContent, MarkupKind, MessageType, PublishDiagnosticsParams, Range, ServerCapabilities,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextEdit, Url, WorkspaceEdit,
};
use serde_json::Value;

use super::config::LspConfig;
use super::hover;
use super::text::{LineIndex, apply_change};
use super::worker::Worker;

/// Runs the server on stdin/stdout. `Ok(true)`: it was shut down as the protocol asks
/// (exit 0); `Ok(false)`: `exit` came without `shutdown`, or the input ended (exit 1).
pub fn run(config: &LspConfig) -> anyhow::Result<bool> {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection, config);
    drop(connection);
    io_threads.join().context("talking to the editor")?;
    clean
}

fn serve(connection: &Connection, config: &LspConfig) -> anyhow::Result<bool> {
    let (id, params) = connection
        .initialize_start()
        .context("waiting for `initialize`")?;
    let (config, problems) = config.with_options(params.get("initializationOptions"));
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "kzinvite", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .context("answering `initialize`")?;
    let mut server = Server {
        schema: crate::schema::document(config.stage),
        worker: Worker::start(config, connection.sender.clone()),
        documents: HashMap::new(),
        sender: connection.sender.clone(),
        shut_down: false,
    };
    for problem in problems {
        server.notify(
            "window/showMessage",
            ShowMessageParams {
                typ: MessageType::WARNING,
                message: format!("kzinvite: {problem}"),
            },
        );
    }
    for message in &connection.receiver {
        match message {
            Message::Request(request) => server.request(request),
            Message::Notification(n) if n.method == "exit" => return Ok(server.shut_down),
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    Ok(false)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

/// An open document as the editor has it now.
struct Open {
    version: i32,
    text: String,
    lines: LineIndex,
}

struct Server {
    /// The schema hover describes: the base one with what `--stage` requires.
    schema: Value,
    worker: Worker,
    documents: HashMap<Url, Open>,
    sender: crossbeam_channel::Sender<Message>,
    shut_down: bool,
}

impl Server {
    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shut_down {
            let message = "the server is shut down: only `exit` is expected".to_owned();
            return self.respond(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                message,
            ));
        }
        let answer =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(request)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "internal error (a bug in kzinvite, please report it)".to_owned(),
            ),
        };
        self.respond(response);
    }

    fn answer(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        match request.method.as_str() {
            "shutdown" => {
                self.shut_down = true;
                self.worker.stop();
                Ok(Value::Null)
            }
            "textDocument/hover" => {
                let params: HoverParams = params(request)?;
                Ok(serde_json::to_value(self.hover(&params)).unwrap_or_default())
            }
            "textDocument/codeAction" => {
                let params: CodeActionParams = params(request)?;
                Ok(serde_json::to_value(self.code_actions(&params)).unwrap_or_default())
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("kzinvite does not answer `{other}`"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        if self.shut_down {
            return;
        }
        let done =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match n.method.as_str() {
                "textDocument/didOpen" => {
                    if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                        let doc = p.text_document;
                        let open = Open {
                            version: doc.version,
                            lines: LineIndex::new(&doc.text),
                            text: doc.text,
                        };
                        self.changed(doc.uri, open);
                    }
                }
                "textDocument/didChange" => {
                    if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                        self.change(p);
                    }
                }
                "textDocument/didClose" => {
                    if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                        let uri = p.text_document.uri;
                        self.documents.remove(&uri);
                        self.worker.close(&uri);
                        self.notify(
                            "textDocument/publishDiagnostics",
                            PublishDiagnosticsParams::new(uri, Vec::new(), None),
                        );
                    }
                }
                _ => {}
            }));
        if done.is_err() {
            eprintln!("kzinvite lsp: internal error on `{}`", n.method);
        }
    }

    fn change(&mut self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        // A change to a document never opened has no text to apply a range to.
        let Some(mut open) = self.documents.remove(&uri) else {
            return;
        };
        for change in p.content_changes {
            apply_change(&mut open.text, &open.lines, change);
            open.lines = LineIndex::new(&open.text);
        }
        open.version = p.text_document.version;
        self.changed(uri, open);
    }

    fn changed(&mut self, uri: Url, open: Open) {
        self.worker
            .submit(uri.clone(), open.version, Arc::from(open.text.as_str()));
        self.documents.insert(uri, open);
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let open = self.documents.get(&at.text_document.uri)?;
        let published = self.worker.published(&at.text_document.uri)?;
        let keys = published.keys.as_ref()?;
        let (entry, range) = keys.at(&open.text, &open.lines, at.position)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: hover::describe(&self.schema, &entry.pointer),
            }),
            range: Some(range),
        })
    }

    /// The fixes of the diagnostics under `range`, if they were found in the text the
    /// editor has now (after a newer edit the worker has not caught up: none).
    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let (Some(open), Some(published)) = (self.documents.get(uri), self.worker.published(uri))
        else {
            return Vec::new();
        };
        if published.version != open.version {
            return Vec::new();
        }
        published
            .fixes
            .iter()
            .filter(|fix| overlaps(fix.range, params.range))
            .map(|fix| {
                let edit = TextEdit::new(fix.range, fix.new_text.clone());
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: published
                        .diagnostics
                        .get(fix.diagnostic)
                        .map(|d| vec![d.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                        ..Default::default()
                    }),
                    is_preferred: Some(fix.preferred),
                    ..Default::default()
                })
            })
            .collect()
    }

    fn respond(&self, response: Response) {
        let _ = self.sender.send(response.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let _ = self
            .sender
            .send(Notification::new(method.to_owned(), params).into());
    }
}

fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(request.params).map_err(|e| {
        (
            ErrorCode::InvalidParams,
            format!("`{}`: invalid parameters: {e}", request.method),
        )
    })
}

/// Whether two ranges share a position (touching counts: a cursor at a word's end).
fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
