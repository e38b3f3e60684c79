//! The parsed command line resolved into the shared settings and the config of the
//! command asked for.

use std::path::PathBuf;

use super::args::{Cli, Command, RenderingArgs};
use super::settings;
use crate::commands::Settings;
use crate::commands::convert::ConvertConfig;
use crate::commands::diff::{DiffConfig, DiffFormat};
use crate::commands::init::InitConfig;
use crate::commands::render::RenderConfig;
use crate::commands::review::{ReviewConfig, SCREEN_PPI};
use crate::commands::schema::SchemaConfig;
use crate::commands::status::StatusConfig;
use crate::commands::validate::ValidateConfig;
use crate::commands::watch::WatchConfig;
use crate::documents::DocumentId;
use crate::lsp::LspConfig;
use crate::render::RenderOptions;

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
    Review(ReviewConfig),
    Schema(SchemaConfig),
    Lsp(LspConfig),
    Watch(WatchConfig),
    Completions(clap_complete::Shell),
    Man,
}

impl Cli {
    /// Resolves the parsed arguments once; an `Err` is a usage error (exit 2).
    pub fn resolve(self) -> Result<Invocation, String> {
        let settings = settings::resolve(&self.common)?;
        let command = match self.command {
            Command::Init(a) => Resolved::Init(InitConfig {
                dir: a.dir.unwrap_or_else(|| PathBuf::from(".")),
                xlsx: a.xlsx,
                blank: a.blank,
            }),
            Command::Validate(a) => Resolved::Validate(ValidateConfig {
                paths: a.paths.paths,
                format: a.format,
                deny_warnings: a.policy.deny_warnings,
                policy: a.policy.resolve()?,
                lang: a.lang,
                shard: a.shard,
            }),
            Command::Render(a) => Resolved::Render(RenderConfig {
                paths: a.paths.paths,
                out: a.out,
                options: a.rendering.options(a.review.then_some(SCREEN_PPI))?,
                force: a.force,
                emit_typst: a.emit_typst,
                deny_warnings: a.policy.deny_warnings,
                policy: a.policy.resolve()?,
                shard: a.shard,
                review: a.review.then_some(a.redact),
            }),
            Command::Watch(a) => Resolved::Watch(WatchConfig {
                render: RenderConfig {
                    paths: a.paths.paths,
                    out: a.out,
                    options: a.rendering.options(None)?,
                    force: false,
                    emit_typst: None,
                    deny_warnings: a.policy.deny_warnings,
                    policy: a.policy.resolve()?,
                    shard: None,
                    review: None,
                },
                debounce: std::time::Duration::from_millis(a.debounce_ms.clamp(1, 60_000)),
            }),
            Command::Status(a) => Resolved::Status(StatusConfig { paths: a.paths }),
            Command::Convert(a) => Resolved::Convert(ConvertConfig {
                input: a.input,
                output: a.output,
            }),
            Command::Diff(a) => Resolved::Diff(DiffConfig {
                old: a.old,
                new: a.new,
                format: match a.format.as_str() {
                    "json" => DiffFormat::Json,
                    "html" => DiffFormat::Html,
                    _ => DiffFormat::Text,
                },
                options: a.rendering.options(None)?,
                out: a.out,
                redact: a.redact,
            }),
            Command::Review(a) => Resolved::Review(ReviewConfig {
                paths: a.paths.paths,
                out: a.out,
                options: a.rendering.options(Some(SCREEN_PPI))?,
                against: a.against,
                redact: a.redact,
                deny_warnings: a.policy.deny_warnings,
                policy: a.policy.resolve()?,
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

impl RenderingArgs {
    /// The render options these arguments ask for; `page_images` at that resolution when
    /// the command shows pages (review pages).
    fn options(self, page_images: Option<f32>) -> Result<RenderOptions, String> {
        let only = self
            .only
            .iter()
            .map(|s| s.trim().parse::<DocumentId>())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RenderOptions {
            lang: self.lang,
            draft: self.draft,
            only,
            templates: self.templates,
            font_paths: self.font_path,
            pdf_standard: self.pdf_standard,
            page_images,
        })
    }
}
