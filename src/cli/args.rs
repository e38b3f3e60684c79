//! The command line as clap parses it: the shared options and each command's arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use time::Date;

use super::parse::{enum_parser, parse_shard, parse_stage, parse_today};
use crate::diagnostic::{Severity, WarningPolicy};
use crate::language::Language;
use crate::render::PdfStandard;
use crate::report;
use crate::rules;
use crate::stage::Stage;

#[derive(Debug, Parser)]
#[command(
    name = "kzinvite",
    version,
    about = "Check invitation manifests for foreign specialists (Republic of Kazakhstan) and render their documents",
    long_about = "kzinvite turns the procedure for inviting foreign specialists to Kazakhstan into checked data and \
ready-to-sign documents: one manifest per case (YAML or Excel), validated by hand or in CI, rendered into the \
packet of letters for each step.\n\nExit codes: 0 all valid and written; 1 a manifest invalid or a packet not \
written; 2 usage error, unreadable path or internal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Reference date for date rules (YYYY-MM-DD); default: SOURCE_DATE_EPOCH if set, else today.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
    /// Check (or render) as if the case were at this stage.
    #[arg(long, global = true, value_name = "STAGE", value_parser = parse_stage)]
    pub stage: Option<Stage>,
    /// Parallel workers (default: all cores; at most twice the cores).
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print only problems and the summary of a failed run.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a complete, valid example case (refuses to overwrite).
    Init(InitArgs),
    /// Check manifests; print diagnostics; never write files.
    Validate(ValidateArgs),
    /// Validate, then render the documents the stage unlocks into OUT/<id>/.
    Render(RenderArgs),
    /// Per manifest: stage, steps done, what is missing, which documents can be rendered.
    Status(PathsArgs),
    /// Convert YAML ↔ Excel (by extension), without loss.
    Convert(ConvertArgs),
    /// Compare two packets (or two output folders of packets): what changed and why.
    Diff(DiffArgs),
    /// Write a self-contained HTML review page per case (laid out in memory) and an index.
    Review(ReviewArgs),
    /// Print the JSON Schema of the manifest (for editors).
    Schema(SchemaArgs),
    /// Render, then render again on every save of a manifest, scan, template or font.
    Watch(WatchArgs),
    /// Run the language server over stdio: diagnostics, quick fixes and hover for YAML manifests.
    Lsp(LspArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the case in (default: the current folder).
    pub dir: Option<PathBuf>,
    /// Write an Excel workbook instead of YAML.
    #[arg(long)]
    pub xlsx: bool,
    /// With --xlsx: an empty workbook (headers, lists, validation) instead of the example.
    #[arg(long, requires = "xlsx")]
    pub blank: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old packet folder (OUT/<id>/), an output folder of packets, or a manifest.
    pub old: PathBuf,
    /// The new packet folder, an output folder of packets, or a manifest.
    pub new: PathBuf,
    /// Output format (html: the review page of NEW with the redline against OLD).
    #[arg(long, default_value = "text", value_parser = ["text", "json", "html"])]
    pub format: String,
    /// With --format html: write the page to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Mask passport numbers and dates of birth (for sharing beyond the legal team).
    #[arg(long)]
    pub redact: bool,
    /// How a manifest side is rendered (as `render` renders it).
    #[command(flatten, next_help_heading = "Rendering a manifest side")]
    pub rendering: RenderingArgs,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub paths: PathsArgs,
    /// Output folder: OUT/<id>.html per case and OUT/index.html.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// An older packet folder (or output folder of packets, matched by case id) to show the changes against.
    #[arg(long, value_name = "OLD")]
    pub against: Option<PathBuf>,
    /// Mask passport numbers and dates of birth, leave out scans and pages that show them.
    #[arg(long)]
    pub redact: bool,
    #[command(flatten)]
    pub rendering: RenderingArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Manifest files or folders (walked for *.yaml, *.yml, *.xlsx).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub paths: PathsArgs,
    /// Check the translations letters in this language need (default: the manifest's).
    #[arg(long, value_parser = enum_parser(&Language::STATE, Language::as_str))]
    pub lang: Option<Language>,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = enum_parser(&report::Format::ALL, report::Format::as_str))]
    pub format: report::Format,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Check only shard K of N (1-based, e.g. 2/4): files are split by position.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub paths: PathsArgs,
    /// Output folder: each case goes to OUT/<id>/.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub rendering: RenderingArgs,
    /// Render even packets that are up to date.
    #[arg(long)]
    pub force: bool,
    /// Also write each document's Typst project to DIR/<id>/NN-<document>/ (copies of the scans).
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// Also write a review page beside each packet (OUT/<id>.review.html, OUT/review-index.html).
    #[arg(long)]
    pub review: bool,
    /// With --review: mask passport numbers and dates of birth, leave out the scans.
    #[arg(long, requires = "review")]
    pub redact: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Render only shard K of N (1-based, e.g. 2/4).
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

/// How documents are rendered: `render`, `review`, `watch` and a manifest side of `diff`.
#[derive(Debug, Args)]
pub struct RenderingArgs {
    /// Language of documents to state bodies (overrides the manifest's).
    #[arg(long, value_parser = enum_parser(&Language::STATE, Language::as_str))]
    pub lang: Option<Language>,
    /// Stamp every page "ПРОЕКТ / DRAFT" for legal review.
    #[arg(long)]
    pub draft: bool,
    /// Render only these documents (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Vec<String>,
    /// Folder whose files override the embedded templates, file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Extra fonts (a folder or a font file).
    #[arg(long, value_name = "PATH")]
    pub font_path: Vec<PathBuf>,
    /// Archival PDF/A.
    #[arg(long, value_parser = enum_parser(&PdfStandard::ALL, PdfStandard::as_str))]
    pub pdf_standard: Option<PdfStandard>,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub paths: PathsArgs,
    /// Output folder: each case goes to OUT/<id>/.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// As `render`'s; files under --templates and --font-path are watched too.
    #[command(flatten)]
    pub rendering: RenderingArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Milliseconds a burst of file events must be quiet before rendering.
    #[arg(long, value_name = "MS", default_value_t = 100)]
    pub debounce_ms: u64,
}

/// Which warnings fail a run, as linters do: all (`--deny-warnings`), or by code (the codes: README).
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Do not report these warnings (comma-separated codes, e.g. entry-date-past).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub allow: Vec<String>,
    /// Report these warnings as errors (comma-separated codes).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub deny: Vec<String>,
}

impl PolicyArgs {
    /// Each code must be a warning kzinvite reports: an error cannot be allowed, and a
    /// misspelt code would silently allow nothing.
    pub(super) fn resolve(self) -> Result<WarningPolicy, String> {
        let check = |codes: Vec<String>, flag: &str| -> Result<Vec<String>, String> {
            codes
                .into_iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .map(|code| match rules::rule_info(&code) {
                    Some(rule) if rule.severity == Severity::Warning => Ok(code),
                    Some(_) => Err(format!(
                        "--{flag} {code}: `{code}` is an error, not a warning; errors are never allowed or denied"
                    )),
                    None => {
                        let warnings: Vec<&str> = rules::RULES
                            .iter()
                            .filter(|r| r.severity == Severity::Warning)
                            .map(|r| r.code)
                            .collect();
                        let hint = crate::suggest::did_you_mean(&code, warnings.iter().copied())
                            .map(|h| format!(" ({h})"))
                            .unwrap_or_default();
                        Err(format!(
                            "--{flag} {code}: no warning has this code{hint}; the warnings are {}",
                            warnings.join(", ")
                        ))
                    }
                })
                .collect()
        };
        Ok(WarningPolicy {
            allow: check(self.allow, "allow")?,
            deny: check(self.deny, "deny")?,
        })
    }
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input manifest (.yaml/.yml or .xlsx).
    pub input: PathBuf,
    /// Output file; its extension picks the format. Never overwritten.
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Milliseconds to wait after a change before checking (initialization option `debounceMs` overrides).
    #[arg(long, value_name = "MS", default_value_t = 120)]
    pub debounce_ms: u64,
    /// Accepted and ignored: editors' clients pass it, and the server always speaks over stdio.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
