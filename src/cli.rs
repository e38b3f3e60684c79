//! Command-line arguments (clap) and their resolution into [`Settings`] — after this
//! module no code looks at clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use time::Date;

use crate::report;
use crate::rules::parse_date;
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
    /// Print the JSON Schema of the manifest (for editors).
    Schema(SchemaArgs),
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
pub struct PathsArgs {
    /// Manifest files or folders (walked for *.yaml, *.yml, *.xlsx).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub paths: PathsArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = report::Format::Text)]
    pub format: report::Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
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
    #[arg(long, value_enum)]
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
    #[arg(long, value_enum)]
    pub pdf_standard: Option<PdfStandard>,
    /// Render even packets that are up to date.
    #[arg(long)]
    pub force: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Render only shard K of N (1-based, e.g. 2/4).
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ru,
    Kk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, serde::Serialize)]
pub enum PdfStandard {
    #[value(name = "a-2b")]
    #[serde(rename = "a-2b")]
    A2b,
    #[value(name = "a-3b")]
    #[serde(rename = "a-3b")]
    A3b,
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
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
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

/// Options every command shares, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub today: Date,
    pub stage: Option<Stage>,
    pub jobs: usize,
    pub quiet: bool,
    pub color: bool,
    /// Whether stdout/stderr is a terminal and not CI: progress bars are allowed.
    pub interactive: bool,
}

impl Settings {
    pub fn resolve(common: &CommonArgs) -> Result<Settings, String> {
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
