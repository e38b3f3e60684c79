//! `kzinvite lsp`: a language server over stdio for YAML manifests. On every change it
//! publishes what `kzinvite validate` finds, plus the `glyph-coverage` warnings that
//! `render` would add; it offers quick fixes ("did you mean", "quote it") and describes
//! the key under the cursor. Built on `lsp-server`, rust-analyzer's synchronous scaffold:
//! a thread reads messages, another checks documents (see [`worker`]).

mod analysis;
mod config;
mod fields;
mod fixes;
mod hover;
mod keys;
mod server;
mod text;
mod worker;

pub use config::LspConfig;
pub use server::run;
