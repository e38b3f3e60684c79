//! packet.json as the review and watch work read it back: typed, versioned, with the
//! inputs of every document; and the up-to-date check that rests on it.

use std::path::{Path, PathBuf};
use std::process::Output;

use kzinvite::documents::DocumentId;
use kzinvite::packet::meta::{FORMAT, MetaError};
use kzinvite::packet::read_meta;

fn example(stage: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples")
        .join(stage)
        .join("case.yaml")
}

fn render(manifest: &Path, out: &Path, extra: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .arg("render")
        .arg(manifest)
        .arg("--out")
        .arg(out)
        .args(["--today", "2026-01-15", "-j", "1"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"))
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn packet_json_is_typed_versioned_and_names_each_documents_inputs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    stdout(&render(&example("petition"), dir.path(), &["--lang", "kk"]));
    let meta = read_meta(&dir.path().join("KCC-2026-012")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta.format, FORMAT);
    assert_eq!(meta.tool.version, env!("CARGO_PKG_VERSION"));
    let ids: Vec<DocumentId> = meta.documents.iter().map(|d| d.id).collect();
    assert_eq!(
        ids,
        [DocumentId::AkimatRequest, DocumentId::MigrationPetition]
    );
    let petition = &meta.documents[1];
    assert_eq!(
        petition.inputs.template,
        "documents/migration-petition.kk.typ"
    );
    assert_eq!(petition.inputs.template_sha256.len(), 64);
    assert_eq!(petition.inputs.context_sha256.len(), 64);
    assert_ne!(
        meta.documents[0].inputs.context_sha256,
        petition.inputs.context_sha256
    );
    assert_eq!(meta.inputs.options.fonts[0].path, "(embedded)");
}

#[test]
fn a_changed_template_makes_the_packet_out_of_date() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out");
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("documents")).unwrap_or_else(|e| panic!("{e}"));
    let manifest = example("request");
    let first = stdout(&render(&manifest, &out, &[]));
    assert!(first.contains("rendered"), "{first}");
    assert!(stdout(&render(&manifest, &out, &[])).contains("up to date"));
    // The same file as the embedded one, then an edit of it: both are overrides, and only
    // content decides (the old check hashed paths and contents run together).
    let embedded = kzinvite::render::templates::EMBEDDED
        .iter()
        .find(|(name, _)| *name == "documents/akimat-request.ru.typ")
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("the akimat request is embedded"));
    let file = templates.join("documents/akimat-request.ru.typ");
    std::fs::write(&file, embedded).unwrap_or_else(|e| panic!("{e}"));
    let args = ["--templates", templates.to_str().unwrap_or_default()];
    assert!(stdout(&render(&manifest, &out, &args)).contains("up to date"));
    std::fs::write(&file, format!("{embedded}\n// edited by the legal team\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let after = stdout(&render(&manifest, &out, &args));
    assert!(after.contains("rendered"), "{after}");
    assert!(stdout(&render(&manifest, &out, &args)).contains("up to date"));
}

#[test]
fn a_packet_of_an_older_kzinvite_is_replaced_not_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("KCC-2026-011");
    std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
    // What kzinvite 0.1 wrote: no `format`.
    let old = r#"{"id": "KCC-2026-011", "tool": {"name": "kzinvite", "version": "0.1.0"},
                  "documents": [], "inputs": {"tool": "0.1.0"}}"#;
    std::fs::write(target.join("packet.json"), old).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        read_meta(&target),
        Err(MetaError::Format { found: 0 })
    ));
    let o = stdout(&render(&example("request"), dir.path(), &[]));
    assert!(o.contains("rendered"), "{o}");
    assert_eq!(
        read_meta(&target).map(|m| m.format).ok(),
        Some(FORMAT),
        "the new packet replaced the old one"
    );
}
