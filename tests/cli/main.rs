//! The command line as users and CI pipelines meet it: every test here runs the
//! `kzinvite` binary (cli.md) and reads what it prints, writes and exits with.
//!
//! One test crate for the whole surface: each file directly under `tests/` would be a
//! binary of its own, linking the library with Typst again.

mod batch;
mod commands;
mod excel;
mod fixtures;
mod hostile;
mod render;
mod templates;
