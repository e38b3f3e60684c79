//! kzinvite: checked data and ready-to-sign documents for inviting foreign specialists
//! to the Republic of Kazakhstan.
//!
//! Data flows one way: [`source`] (bytes → [`source::Document`] with a source map) →
//! [`check`] ([`schema`] + [`rules`] → [`diagnostic::Diagnostics`]) → reporters
//! ([`report`]) or, for valid manifests, the typed model and the documents.

pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod discover;
pub mod documents;
pub mod fsutil;
pub mod hash;
pub mod model;
pub mod placeholder;
pub mod progress;
pub mod reference;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod stage;
pub mod suggest;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, Settings};
use commands::Outcome;

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
    let settings = match Settings::resolve(&cli.common) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    // A bug anywhere is exit 2 (cli.md), never a crash with Rust's exit code 101.
    match commands::catch_bug(|| run(cli.command, &settings)) {
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

fn run(command: Command, settings: &Settings) -> anyhow::Result<Outcome> {
    Ok(match command {
        Command::Validate(args) => commands::validate::run(&args, settings)?,
        Command::Status(args) => commands::status::run(&args.paths, settings)?,
        Command::Schema(args) => {
            commands::schema::run(settings.stage, args.path.as_deref())?;
            Outcome::Success
        }
        Command::Init(args) => {
            let path = commands::init::run(&args, settings)?;
            if !settings.quiet {
                let scans = if args.blank {
                    ""
                } else {
                    " and placeholder scans"
                };
                eprintln!(
                    "wrote {}{scans}; check it with `kzinvite validate {}`",
                    path.display(),
                    path.display()
                );
            }
            Outcome::Success
        }
        Command::Render(args) => commands::render::run(&args, settings)?,
        Command::Convert(args) => {
            let outcome = commands::convert::run(&args.input, &args.output)?;
            if !settings.quiet && args.output.exists() {
                eprintln!("wrote {}", args.output.display());
            }
            outcome
        }
        Command::Completions(args) => {
            let mut cmd = Cli::command();
            clap_complete::generate(args.shell, &mut cmd, "kzinvite", &mut std::io::stdout());
            Outcome::Success
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Outcome::Success
        }
    })
}
