//! The command line as users and CI pipelines meet it (cli.md): text diagnostics and
//! `status` (snapshots), `schema`, exit codes, `--deny-warnings`, the order of files,
//! `init`. (The junit and github formats: `ci_formats.rs`.)

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub(crate) const TODAY: &str = "2026-01-15";

/// The binary, run from the crate root (paths in output are relative to it), with
/// nothing from the environment that changes its output.
pub(crate) fn kzinvite() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kzinvite"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .env_remove("CI");
    cmd
}

pub(crate) fn invalid(name: &str) -> String {
    format!("fixtures/invalid/{name}/case.yaml")
}

pub(crate) fn example(stage: &str) -> String {
    format!("fixtures/examples/{stage}/case.yaml")
}

/// Runs to completion; returns (exit code, stdout, stderr).
pub(crate) fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub(crate) fn validate_json(args: &[&str]) -> (i32, Value) {
    let (code, stdout, stderr) = run(kzinvite()
        .args(["validate", "--format", "json", "--today", TODAY])
        .args(args));
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\nstderr: {stderr}"));
    (code, json)
}

fn paths_of(json: &Value) -> Vec<String> {
    json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["path"].as_str().unwrap_or_default().to_owned())
        .collect()
}

// --- text diagnostics ---------------------------------------------------------------

fn text_of(fixture: &str, expected_code: i32) -> String {
    let (code, stdout, stderr) = run(kzinvite().args([
        "validate",
        "--color",
        "never",
        "--today",
        TODAY,
        &invalid(fixture),
    ]));
    assert_eq!(code, expected_code, "{fixture}:\n{stdout}{stderr}");
    assert_eq!(stderr, "", "{fixture}");
    stdout
}

#[test]
fn text_unknown_key_with_a_suggestion() {
    insta::assert_snapshot!("text-unknown-key-typo", text_of("unknown-key-typo", 1));
}

#[test]
fn text_error_and_warning_in_one_file() {
    insta::assert_snapshot!(
        "text-approved-unknown-typo",
        text_of("approved-unknown-typo", 1)
    );
}

#[test]
fn text_yaml_that_does_not_parse() {
    insta::assert_snapshot!("text-yaml-syntax-tab", text_of("yaml-syntax-tab", 1));
}

#[test]
fn text_number_that_must_be_quoted() {
    insta::assert_snapshot!(
        "text-schema-type-bin-leading-zero",
        text_of("schema-type-bin-leading-zero", 1)
    );
}

#[test]
fn text_uses_no_colour_when_told_and_colour_when_asked() {
    let plain = text_of("bin-checksum", 1);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let (_, coloured, _) = run(kzinvite().args([
        "validate",
        "--color",
        "always",
        "--today",
        TODAY,
        &invalid("bin-checksum"),
    ]));
    assert!(coloured.contains('\u{1b}'), "{coloured}");
}

// --- status -------------------------------------------------------------------------

fn status_of(path: &str) -> (i32, String) {
    let (code, stdout, stderr) = run(kzinvite().args(["status", "--today", TODAY, path]));
    assert_eq!(stderr, "", "{path}");
    (code, stdout)
}

#[test]
fn status_of_the_examples() {
    for stage in ["request", "petition", "notification"] {
        let (code, out) = status_of(&example(stage));
        assert_eq!(code, 0, "{out}");
        insta::assert_snapshot!(format!("status-{stage}"), out);
    }
}

#[test]
fn status_of_an_invalid_case_fails_and_renders_nothing() {
    let (code, out) = status_of(&invalid("bin-checksum"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("(has errors)"), "{out}");
    assert!(
        out.contains("documents now: none until the errors are fixed"),
        "{out}"
    );
}

// --- schema -------------------------------------------------------------------------

fn schema(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(kzinvite().arg("schema").args(args));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("schema is not JSON ({e})"))
}

fn requires(node: &Value, field: &str) -> bool {
    node["required"]
        .as_array()
        .is_some_and(|r| r.iter().any(|x| x == field))
}

fn manifest(path: &str) -> Value {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    match kzinvite::source::yaml::parse(&bytes) {
        Ok(doc) => doc.value,
        Err(_) => panic!("{path} does not parse"),
    }
}

#[test]
fn schema_for_a_stage_requires_what_the_stage_needs() {
    let notification = schema(&["--stage", "notification"]);
    assert!(requires(&notification, "visa_support"));
    assert!(requires(&notification, "ic_decision"));
    assert!(requires(
        &notification["properties"]["project"],
        "entry_checkpoint"
    ));
    let base = schema(&[]);
    assert!(!requires(&base, "visa_support"));
    assert!(!requires(&base, "ic_decision"));

    // The printed schema is what editors use: it must agree with the examples.
    let validator = jsonschema::validator_for(&notification)
        .unwrap_or_else(|e| panic!("the printed schema does not compile: {e}"));
    assert!(validator.is_valid(&manifest(&example("notification"))));
    assert!(!validator.is_valid(&manifest(&example("petition"))));
    let base = jsonschema::validator_for(&base)
        .unwrap_or_else(|e| panic!("the printed schema does not compile: {e}"));
    assert!(base.is_valid(&manifest(&example("request"))));
}

// --- exit codes ---------------------------------------------------------------------

#[test]
fn exit_codes() {
    let validate = |args: &[&str]| {
        run(kzinvite()
            .args(["validate", "--quiet", "--today", TODAY])
            .args(args))
    };
    assert_eq!(validate(&["fixtures/examples"]).0, 0);
    assert_eq!(validate(&[&invalid("bin-checksum")]).0, 1);
    // Warnings alone do not fail a run.
    assert_eq!(validate(&[&invalid("passport-margin")]).0, 0);
    // One invalid file among valid ones fails the run.
    assert_eq!(
        validate(&["fixtures/examples", &invalid("bin-checksum")]).0,
        1
    );

    let (code, _, stderr) = validate(&["fixtures/no-such-case.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("fixtures/no-such-case.yaml"), "{stderr}");

    for bad in ["2026-02-30", "15.01.2026", "tomorrow"] {
        let (code, _, stderr) =
            run(kzinvite().args(["validate", "--today", bad, "fixtures/examples"]));
        assert_eq!(code, 2, "--today {bad}");
        assert!(stderr.contains(bad), "{stderr}");
    }
    let (code, _, _) = run(kzinvite().args([
        "validate",
        "--today",
        TODAY,
        "--stage",
        "visa",
        "fixtures/examples",
    ]));
    assert_eq!(code, 2);
}

#[test]
fn deny_warnings_fails_a_file_with_warnings_only() {
    let fixture = invalid("passport-margin");
    let (code, json) = validate_json(&[&fixture]);
    assert_eq!(code, 0);
    assert_eq!(json["files"][0]["valid"], true);
    assert_eq!(json["summary"]["warnings"], 1);

    let (code, json) = validate_json(&["--deny-warnings", &fixture]);
    assert_eq!(code, 1);
    assert_eq!(json["files"][0]["valid"], false);
    assert_eq!(json["summary"]["invalid"], 1);

    // Without warnings there is nothing to deny (the large example has two on purpose).
    let (code, _) = validate_json(&[
        "--deny-warnings",
        "fixtures/examples/request",
        "fixtures/examples/petition",
        "fixtures/examples/notification",
    ]);
    assert_eq!(code, 0);
}

#[test]
fn a_file_over_ten_mebibytes_is_not_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let big = dir.path().join("big.yaml");
    let file = std::fs::File::create(&big).unwrap_or_else(|e| panic!("{e}"));
    // Sparse: takes no room on disk.
    file.set_len(10 * 1024 * 1024 + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, json) = validate_json(&[&big.display().to_string()]);
    assert_eq!(code, 1);
    let diagnostics = &json["files"][0]["diagnostics"];
    assert_eq!(diagnostics.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(diagnostics[0]["code"], "yaml-limits");
}

fn copy_example_to(path: &Path) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(example("request"));
    std::fs::copy(source, path).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn folders_are_walked_in_path_order_and_files_kept_in_argument_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    // Created out of order; `a-b` sorts after `a` by path, before it as a plain string.
    for name in [
        "z/case.yaml",
        "a-b/case.yaml",
        "m.yml",
        "a/case.yaml",
        "B.yaml",
        ".hidden/case.yaml",
    ] {
        copy_example_to(&root.join(name));
    }
    std::fs::write(root.join("notes.txt"), "not a manifest").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("~$case.xlsx"), "an Excel lock file")
        .unwrap_or_else(|e| panic!("{e}"));
    let shown = |p: &str| root.join(p).display().to_string();
    let walked: Vec<String> = [
        "B.yaml",
        "a/case.yaml",
        "a-b/case.yaml",
        "m.yml",
        "z/case.yaml",
    ]
    .iter()
    .map(|p| shown(p))
    .collect();
    let folder = root.display().to_string();
    for jobs in ["1", "4"] {
        let (code, json) = validate_json(&["--jobs", jobs, &folder]);
        assert_eq!(code, 0, "{json}");
        assert_eq!(paths_of(&json), walked, "--jobs {jobs}");
    }
    // Files stay in argument order; a folder's contents come where the folder is given.
    let (_, json) = validate_json(&[&shown("z/case.yaml"), &shown("a"), &shown("B.yaml")]);
    assert_eq!(
        paths_of(&json),
        [shown("z/case.yaml"), shown("a/case.yaml"), shown("B.yaml")]
    );
}

#[test]
fn the_fixture_folders_are_walked_in_path_order() {
    let (_, json) = validate_json(&["--jobs", "2", "fixtures/invalid"]);
    let paths = paths_of(&json);
    let mut sorted: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    sorted.sort();
    let sorted: Vec<String> = sorted.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(paths, sorted);
    let folders = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid"))
        .unwrap_or_else(|e| panic!("{e}"))
        .count();
    assert_eq!(paths.len(), folders);
}

// --- init ---------------------------------------------------------------------------

#[test]
fn init_writes_a_valid_case_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let case_dir = dir.path().join("new-case");
    let case_dir = case_dir.display().to_string();
    let (code, _, stderr) = run(kzinvite().args(["init", "--today", TODAY, &case_dir]));
    assert_eq!(code, 0, "{stderr}");
    let manifest = Path::new(&case_dir).join("case.yaml");
    let written = std::fs::read(&manifest).unwrap_or_else(|e| panic!("{e}"));

    let (code, json) = validate_json(&[&case_dir]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "valid": 1, "invalid": 0, "errors": 0, "warnings": 0})
    );
    // With the scans it wrote, the example also passes the petition stage's file checks.
    let (_, json) = validate_json(&["--stage", "petition", &case_dir]);
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["stage-missing"], "{json}");

    let (code, _, stderr) = run(kzinvite().args(["init", "--today", TODAY, &case_dir]));
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read(&manifest).unwrap_or_else(|e| panic!("{e}")),
        written
    );
}
