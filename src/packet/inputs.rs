//! The inputs of a packet (packet.json's `inputs`), gathered before rendering so an
//! unchanged case is not rendered again: the manifest's and scans' hashes, the options,
//! the effective templates and fonts, the tool version and `--today`.

use std::collections::HashMap;
use std::path::Path;

use super::meta::{Inputs, Options, ScanHash};
use crate::dates::iso;
use crate::hash::sha256_hex;
use crate::model::Case;
use crate::render::Engine;
use crate::scan::resolve_scan;
use crate::stage::Stage;

impl Inputs {
    /// What a packet of `case` rendered now by `engine` at `stage` is made from.
    pub fn gather(
        manifest_sha256: &str,
        case: &Case,
        base_dir: &Path,
        engine: &Engine,
        stage: Stage,
        today: time::Date,
    ) -> Inputs {
        let o = engine.options();
        Inputs {
            tool: env!("CARGO_PKG_VERSION").into(),
            manifest_sha256: manifest_sha256.to_owned(),
            scans: scan_hashes(case, base_dir),
            options: Options {
                lang: o.lang,
                draft: o.draft,
                only: o.only.clone(),
                pdf_standard: o.pdf_standard,
                stage,
                templates: engine.templates_fingerprint().to_owned(),
                fonts: engine.fonts().fingerprints.clone(),
            },
            today: iso(today),
        }
    }
}

/// Hashes of the scans the documents annex (their content decides the PDFs).
fn scan_hashes(case: &Case, base_dir: &Path) -> Vec<ScanHash> {
    let paths = case
        .specialists
        .iter()
        .filter_map(|s| s.passport.scan.clone())
        .chain(case.visa_support.as_ref().and_then(|v| v.copy.clone()));
    // 500 specialists may name one file: read and hash it once.
    let mut known: HashMap<String, String> = HashMap::new();
    paths
        .map(|path| {
            let sha256 = known
                .entry(path.clone())
                .or_insert_with(|| {
                    resolve_scan(base_dir, &path)
                        .ok()
                        .and_then(|(real, _)| std::fs::read(real).ok())
                        .map(|b| sha256_hex(&b))
                        .unwrap_or_default()
                })
                .clone();
            ScanHash { path, sha256 }
        })
        .collect()
}
