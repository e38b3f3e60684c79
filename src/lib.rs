//! kzinvite: checked data and ready-to-sign documents for inviting foreign specialists
//! to the Republic of Kazakhstan.
//!
//! Data flows one way: [`source`] (bytes → [`source::Document`] with a source map) →
//! [`check`] ([`schema`] + [`rules`] → [`diagnostic::Diagnostics`]) → reporters
//! ([`report`]) or, for valid manifests, the typed model and the documents.

pub mod blocks;
pub mod check;
pub mod cli;
pub mod commands;
pub mod dates;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod documents;
pub mod fsutil;
pub mod hash;
pub mod language;
pub mod limits;
pub mod location;
pub mod lsp;
pub mod model;
pub mod packet;
pub mod placeholder;
pub mod pointer;
pub mod progress;
pub mod redact;
pub mod reference;
pub mod render;
pub mod report;
pub mod review;
pub mod rules;
pub mod scan;
pub mod schema;
pub mod source;
pub mod stage;
pub mod suggest;
pub mod translations;
pub mod watch;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Invocation, Resolved};
use commands::{Outcome, Settings};

/// Runs the command line; returns the process exit code (cli.md: 0, 1, 2).
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let Invocation { settings, command } = match cli.resolve() {
        Ok(invocation) => invocation,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    // A bug anywhere is exit 2 (cli.md), never a crash with Rust's exit code 101.
    match commands::catch_bug(|| run(command, &settings)) {
        Ok(Ok(Outcome::Success)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::Failure)) => ExitCode::from(1),
        Ok(Err(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
        Err(bug) => {
            eprintln!("error: {bug}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Resolved, settings: &Settings) -> anyhow::Result<Outcome> {
    Ok(match command {
        Resolved::Validate(config) => commands::validate::run(&config, settings)?,
        Resolved::Status(config) => commands::status::run(&config, settings)?,
        Resolved::Schema(config) => commands::schema::run(&config, settings)?,
        Resolved::Init(config) => commands::init::run(&config, settings)?,
        Resolved::Render(config) => commands::render::run(&config, settings)?,
        Resolved::Convert(config) => commands::convert::run(&config, settings)?,
        Resolved::Diff(config) => commands::diff::run(&config, settings)?,
        Resolved::Review(config) => commands::review::run(&config, settings)?,
        Resolved::Watch(config) => commands::watch::run(&config, settings)?,
        Resolved::Lsp(config) => Outcome::from_ok(lsp::run(&config)?),
        Resolved::Completions(shell) => {
            // Generated in memory: the generator panics when a write fails (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kzinvite", &mut script);
            commands::print(&script)?;
            Outcome::Success
        }
        Resolved::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            commands::print(&page)?;
            Outcome::Success
        }
    })
}
