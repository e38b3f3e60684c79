//! `kzinvite schema`: the JSON Schema for editors, optionally with a stage's requirements.
//! `--path` writes a new file, or refreshes one that is a kzinvite schema.

use std::path::PathBuf;

use super::outcome::Outcome;
use super::settings::Settings;
use crate::schema;

/// `kzinvite schema`, resolved.
#[derive(Debug, Clone)]
pub struct SchemaConfig {
    /// `--path FILE`: write there instead of printing.
    pub path: Option<PathBuf>,
}

pub fn run(config: &SchemaConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let text = serde_json::to_string_pretty(&schema::document(settings.stage))? + "\n";
    match &config.path {
        None => super::outcome::print(text.as_bytes())?,
        Some(path) => {
            // A schema an older kzinvite wrote is refreshed; any other file is the user's.
            if super::editor::is_our_schema(path) {
                crate::fsutil::replace(path, text.as_bytes())?;
            } else {
                crate::fsutil::write_new_or_same(path, text.as_bytes())?;
            }
            eprintln!(
                "wrote {} — point your editor at it with `# yaml-language-server: $schema={}`",
                path.display(),
                path.display()
            );
        }
    }
    Ok(Outcome::Success)
}
