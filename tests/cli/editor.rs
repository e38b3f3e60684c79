//! Editor set-up out of the box: what `init` and `convert` write points
//! yaml-language-server at a schema file that exists, and `validate` says when that file
//! is older than the schema of the binary.

use std::path::Path;
use std::process::Output;

const MODELINE: &str = "# yaml-language-server: $schema=.kzinvite/manifest.schema.json";

fn kzinvite(args: &[&str], cwd: &Path) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .args(args)
        .args(["--today", "2026-01-15"])
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"))
}

fn ok(o: &Output) -> (String, String) {
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert!(o.status.success(), "{out}{err}");
    (out, err)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn init_points_the_editor_at_a_schema_file_that_exists() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(&kzinvite(&["init", "case"], dir.path()));
    let manifest = read(&dir.path().join("case/case.yaml"));
    assert_eq!(manifest.lines().next(), Some(MODELINE));
    assert!(
        !manifest.contains("://"),
        "no address that does not resolve"
    );
    let (schema, _) = ok(&kzinvite(&["schema"], dir.path()));
    assert_eq!(
        read(&dir.path().join("case/.kzinvite/manifest.schema.json")),
        schema
    );
    let (_, err) = ok(&kzinvite(&["validate", "case"], dir.path()));
    assert!(
        !err.contains("note:"),
        "a fresh schema file is not stale: {err}"
    );
}

#[test]
fn validate_says_when_the_schema_file_is_stale_and_schema_path_refreshes_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(&kzinvite(&["init", "case"], dir.path()));
    let file = dir.path().join("case/.kzinvite/manifest.schema.json");
    // What an older kzinvite wrote: the same schema without a field added since.
    let mut old: serde_json::Value =
        serde_json::from_str(&read(&file)).unwrap_or_else(|e| panic!("{e}"));
    old["properties"]
        .as_object_mut()
        .map(|p| p.remove("letters"));
    std::fs::write(&file, old.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let (_, err) = ok(&kzinvite(&["validate", "case/case.yaml"], dir.path()));
    assert!(
        err.contains(
            "note: case/.kzinvite/manifest.schema.json is not the schema of this kzinvite"
        ) && err.contains("kzinvite schema --path case/.kzinvite/manifest.schema.json"),
        "{err}"
    );
    ok(&kzinvite(
        &["schema", "--path", "case/.kzinvite/manifest.schema.json"],
        dir.path(),
    ));
    let (_, err) = ok(&kzinvite(&["validate", "case/case.yaml"], dir.path()));
    assert!(!err.contains("note:"), "{err}");
    // A file that is not a kzinvite schema is never replaced.
    std::fs::write(dir.path().join("mine.json"), "{}").unwrap_or_else(|e| panic!("{e}"));
    let o = kzinvite(&["schema", "--path", "mine.json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(read(&dir.path().join("mine.json")), "{}");
}

#[test]
fn convert_to_yaml_writes_the_schema_its_modeline_names() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(&kzinvite(&["init", "book", "--xlsx"], dir.path()));
    ok(&kzinvite(
        &["convert", "book/case.xlsx", "out/case.yaml"],
        dir.path(),
    ));
    let yaml = read(&dir.path().join("out/case.yaml"));
    assert_eq!(yaml.lines().next(), Some(MODELINE));
    assert!(
        dir.path()
            .join("out/.kzinvite/manifest.schema.json")
            .is_file()
    );
}
