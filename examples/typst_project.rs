//! Writes the exact Typst source kzinvite compiles for each document of a manifest, as
//! stand-alone projects: `OUT/NN-<document>/` with the rendered template, `case.json`,
//! `letter.json`, `context.json`, `lib/letter.typ`, the manifest and the scans — what
//! `render --emit-typst` writes for each case, without rendering (OUT is emptied first). Then
//! `typst compile --root OUT/NN-x --ignore-system-fonts OUT/NN-x/<main>` compiles the same
//! document with the Typst CLI (scripts/bench-compare times the two).
//!
//! `cargo run --release --example typst_project -- MANIFEST OUT [--today YYYY-MM-DD]`
//! prints one line per document: `<folder>\t<main file>`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use kzinvite::check::{self, CheckOptions};
use kzinvite::model::Case;
use kzinvite::render::{Engine, RenderOptions};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(manifest), Some(out)) = (args.next(), args.next()) else {
        bail!("usage: typst_project MANIFEST OUT [--today YYYY-MM-DD]");
    };
    let mut today = time::OffsetDateTime::now_utc().date();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--today" => {
                let d = args.next().unwrap_or_default();
                today = kzinvite::dates::parse_date(&d).ok_or_else(|| anyhow!("bad date {d}"))?;
            }
            other => bail!("unknown argument {other}"),
        }
    }
    let path = Path::new(&manifest);
    let doc = kzinvite::source::load(path).map_err(|e| anyhow!("cannot read {manifest}: {e:?}"))?;
    let checked = check::check(&doc, &CheckOptions::at(today));
    if !checked.is_valid() {
        bail!("{manifest} is not valid: run `kzinvite validate` on it");
    }
    let engine = Engine::new(RenderOptions::default())?;
    let (_, clean) = engine.glyph_coverage(&doc.value);
    let case = Case::from_value(&clean)?;
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let projects = engine.typst_projects(&case, &clean, base, checked.stage, today)?;
    // What `render --emit-typst` writes for one case.
    let out = PathBuf::from(&out);
    kzinvite::render::write_projects(&out, &projects)?;
    for project in projects {
        let dir = out.join(project.id.file_name().trim_end_matches(".pdf"));
        println!("{}\t{}", dir.display(), project.main);
    }
    Ok(())
}
