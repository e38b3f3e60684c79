//! The command line as users and CI pipelines meet it: these tests run the `kzinvite`
//! binary (cli.md) and read what it prints, writes and exits with. (The hostile suite
//! also feeds the same inputs to the library, beside the binary.)
//!
//! One test crate for the whole surface: each file directly under `tests/` would be a
//! binary of its own, linking the library with Typst again.

mod batch;
mod ci_formats;
mod commands;
mod diff;
mod editor;
mod excel;
mod fixtures;
mod hostile;
mod lsp;
mod packet;
mod policy;
mod render;
mod review;
mod support;
mod templates;
mod translations;
mod watch;
mod wording;
