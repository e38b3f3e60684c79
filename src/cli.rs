//! Command-line arguments (clap), resolved once into [`Settings`] and the config struct
//! of the command asked for ([`Invocation`]). This is the only module that sees clap
//! types: everything below it takes resolved settings (ripgrep's `LowArgs` → `HiArgs`).

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use time::Date;

use crate::commands::Settings;
use crate::commands::convert::ConvertConfig;
use crate::commands::diff::{DiffConfig, DiffFormat};
use crate::commands::init::InitConfig;
use crate::commands::render::RenderConfig;
use crate::commands::schema::SchemaConfig;
use crate::commands::status::StatusConfig;
use crate::commands::validate::ValidateConfig;
use crate::dates::parse_date;
use crate::diagnostic::{Severity, WarningPolicy};
use crate::documents::DocumentId;
use crate::language::Language;
use crate::lsp::LspConfig;
use crate::render::{PdfStandard, RenderOptions};
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
    /// Print the JSON Schema of the manifest (for editors).
    Schema(SchemaArgs),
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
    /// The old packet folder (OUT/<id>/), or an output folder of packets.
    pub old: PathBuf,
    /// The new packet folder, or an output folder of packets.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
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
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
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
    /// Render even packets that are up to date.
    #[arg(long)]
    pub force: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Render only shard K of N (1-based, e.g. 2/4).
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

/// Warning codes a team silences or makes errors, as linters do (the codes: README).
#[derive(Debug, Args)]
pub struct PolicyArgs {
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
    fn resolve(self) -> Result<WarningPolicy, String> {
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

/// A parser for an enum of the library by its names: clap lists the names in `--help`
/// and completions, the library type stays free of clap.
fn enum_parser<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|v| name(*v))).map(move |s| {
        all.iter()
            .copied()
            .find(|v| name(*v) == s)
            .unwrap_or(all[0])
    })
}

fn parse_today(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD"))
}

fn parse_stage(s: &str) -> Result<Stage, String> {
    s.parse()
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let err = || format!("`{s}` is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 2/4");
    let (k, n) = s.split_once('/').ok_or_else(err)?;
    let k: usize = k.trim().parse().map_err(|_| err())?;
    let n: usize = n.trim().parse().map_err(|_| err())?;
    if k == 0 || n == 0 || k > n {
        return Err(err());
    }
    Ok((k, n))
}

/// A command line resolved: the shared settings and what to run.
#[derive(Debug)]
pub struct Invocation {
    pub settings: Settings,
    pub command: Resolved,
}

/// The command asked for, with its arguments resolved into the command's config.
#[derive(Debug)]
pub enum Resolved {
    Init(InitConfig),
    Validate(ValidateConfig),
    Render(RenderConfig),
    Status(StatusConfig),
    Convert(ConvertConfig),
    Diff(DiffConfig),
    Schema(SchemaConfig),
    Lsp(LspConfig),
    Completions(clap_complete::Shell),
    Man,
}

impl Cli {
    /// Resolves the parsed arguments once; an `Err` is a usage error (exit 2).
    pub fn resolve(self) -> Result<Invocation, String> {
        let settings = settings(&self.common)?;
        let command = match self.command {
            Command::Init(a) => Resolved::Init(InitConfig {
                dir: a.dir.unwrap_or_else(|| PathBuf::from(".")),
                xlsx: a.xlsx,
                blank: a.blank,
            }),
            Command::Validate(a) => Resolved::Validate(ValidateConfig {
                paths: a.paths.paths,
                format: a.format,
                deny_warnings: a.deny_warnings,
                policy: a.policy.resolve()?,
                lang: a.lang,
                shard: a.shard,
            }),
            Command::Render(a) => {
                let only = a
                    .only
                    .iter()
                    .map(|s| s.trim().parse::<DocumentId>())
                    .collect::<Result<Vec<_>, _>>()?;
                Resolved::Render(RenderConfig {
                    paths: a.paths.paths,
                    out: a.out,
                    options: RenderOptions {
                        lang: a.lang,
                        draft: a.draft,
                        only,
                        templates: a.templates,
                        font_paths: a.font_path,
                        pdf_standard: a.pdf_standard,
                    },
                    force: a.force,
                    deny_warnings: a.deny_warnings,
                    policy: a.policy.resolve()?,
                    shard: a.shard,
                })
            }
            Command::Status(a) => Resolved::Status(StatusConfig { paths: a.paths }),
            Command::Convert(a) => Resolved::Convert(ConvertConfig {
                input: a.input,
                output: a.output,
            }),
            Command::Diff(a) => Resolved::Diff(DiffConfig {
                old: a.old,
                new: a.new,
                format: if a.format == "json" {
                    DiffFormat::Json
                } else {
                    DiffFormat::Text
                },
            }),
            Command::Schema(a) => Resolved::Schema(SchemaConfig { path: a.path }),
            Command::Lsp(a) => Resolved::Lsp(LspConfig::new(
                settings.today,
                settings.stage,
                a.debounce_ms,
            )),
            Command::Completions(a) => Resolved::Completions(a.shell),
            Command::Man => Resolved::Man,
        };
        Ok(Invocation { settings, command })
    }
}

/// The options every command shares, resolved once.
fn settings(common: &CommonArgs) -> Result<Settings, String> {
    use std::io::IsTerminal;
    let today = match common.today {
        Some(d) => d,
        None => default_today()?,
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // More workers than twice the cores only costs memory and thread start-up:
    // `--jobs 100000` must not start 100 000 threads.
    let jobs = common
        .jobs
        .filter(|j| *j > 0)
        .unwrap_or(cores)
        .min(cores * 2);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match common.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    Ok(Settings {
        today,
        stage: common.stage,
        jobs,
        quiet: common.quiet,
        color,
        interactive: !ci && !common.quiet && std::io::stderr().is_terminal(),
    })
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the local date.
fn default_today() -> Result<Date, String> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
        let t = time::OffsetDateTime::from_unix_timestamp(secs)
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is out of range"))?;
        return Ok(t.date());
    }
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    Ok(now.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards() {
        assert_eq!(parse_shard("2/4"), Ok((2, 4)));
        assert!(parse_shard("0/4").is_err());
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("x").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
