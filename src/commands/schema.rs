//! `kzinvite schema`: the JSON Schema for editors, optionally with a stage's requirements.

use std::path::Path;

use crate::schema;
use crate::stage::Stage;

pub fn run(stage: Option<Stage>, path: Option<&Path>) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(&schema::document(stage))? + "\n";
    match path {
        None => super::print(text.as_bytes())?,
        Some(path) => {
            crate::fsutil::write_new_or_same(path, text.as_bytes())?;
            eprintln!(
                "wrote {} — point your editor at it with `# yaml-language-server: $schema={}`",
                path.display(),
                path.display()
            );
        }
    }
    Ok(())
}
