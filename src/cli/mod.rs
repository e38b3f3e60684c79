//! Command-line arguments (clap), resolved once into `Settings` and the config struct
//! of the command asked for ([`Invocation`]). This is the only module that sees clap
//! types: everything below it takes resolved settings (ripgrep's `LowArgs` → `HiArgs`).
//!
//! `args.rs` holds the arguments as clap parses them, `parse.rs` the value parsers,
//! `settings.rs` the shared options resolved once, `resolve.rs` the rest.

mod args;
mod parse;
mod resolve;
mod settings;

pub use args::*;
pub use resolve::{Invocation, Resolved};
