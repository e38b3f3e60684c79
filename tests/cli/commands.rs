//! The command line as users and CI pipelines meet it (cli.md): text diagnostics and
//! `status` (snapshots), `schema`, exit codes, `--deny-warnings`, the junit and github
//! formats, the order of files, `init`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-01-15";

/// The binary, run from the crate root (paths in output are relative to it), with
/// nothing from the environment that changes its output.
fn kzinvite() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kzinvite"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .env_remove("CI");
    cmd
}

fn invalid(name: &str) -> String {
    format!("fixtures/invalid/{name}/case.yaml")
}

fn example(stage: &str) -> String {
    format!("fixtures/examples/{stage}/case.yaml")
}

/// Runs to completion; returns (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn validate_json(args: &[&str]) -> (i32, Value) {
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

// --- junit --------------------------------------------------------------------------

/// A start tag: its name and attributes.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn check_entities(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        rest = &rest[i + 1..];
        let end = rest.find(';').ok_or("`&` without `;`")?;
        let entity = &rest[..end];
        let numeric = entity
            .strip_prefix('#')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if !numeric && !["amp", "lt", "gt", "quot", "apos"].contains(&entity) {
            return Err(format!("unknown entity &{entity};"));
        }
    }
    if text.contains('<') {
        return Err("`<` in text".into());
    }
    Ok(())
}

/// A small well-formedness check: a declaration, one root, balanced tags, quoted
/// attributes, known entities. Returns the start tags in document order.
fn parse_xml(xml: &str) -> Result<Vec<Element>, String> {
    let mut rest = xml
        .strip_prefix("<?xml ")
        .and_then(|r| r.split_once("?>"))
        .map(|(_, r)| r)
        .ok_or("no XML declaration")?;
    let mut open: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut roots = 0;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        if open.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        check_entities(text)?;
        let end = rest[i..].find('>').ok_or("unclosed tag")? + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name => continue,
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let (name, mut attrs) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.:".contains(c))
        {
            return Err(format!("bad tag name {name:?}"));
        }
        let mut attributes = Vec::new();
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                break;
            }
            let (key, after) = attrs
                .split_once("=\"")
                .ok_or(format!("attribute in <{name}> not quoted"))?;
            let (value, after) = after.split_once('"').ok_or("unterminated attribute")?;
            check_entities(value)?;
            attributes.push((key.trim().to_owned(), value.to_owned()));
            attrs = after;
        }
        if open.is_empty() {
            roots += 1;
        }
        if !empty {
            open.push(name.to_owned());
        }
        elements.push(Element {
            name: name.to_owned(),
            attributes,
        });
    }
    if !rest.trim().is_empty() || !open.is_empty() || roots != 1 {
        return Err(format!("unbalanced: still open {open:?}, {roots} roots"));
    }
    Ok(elements)
}

#[test]
fn the_xml_check_rejects_what_is_not_xml() {
    assert!(parse_xml("<?xml version=\"1.0\"?><a><b x=\"1\"/></a>").is_ok());
    assert!(parse_xml("<?xml version=\"1.0\"?><a><b></a>").is_err());
    assert!(parse_xml("<?xml version=\"1.0\"?><a>x & y</a>").is_err());
    assert!(parse_xml("<?xml version=\"1.0\"?><a x=1></a>").is_err());
    assert!(parse_xml("<?xml version=\"1.0\"?><a/><b/>").is_err());
}

#[test]
fn junit_is_well_formed_with_one_testcase_per_file() {
    let files = [
        invalid("bin-checksum"),
        // Its help quotes text: attributes and bodies must be escaped.
        invalid("yaml-not-utf8"),
        invalid("passport-margin"),
        example("request"),
    ];
    for (deny, failures) in [(false, 2), (true, 3)] {
        let (code, stdout, _) = run(kzinvite()
            .args(["validate", "--format", "junit", "--today", TODAY])
            .args(deny.then_some("--deny-warnings"))
            .args(&files));
        assert_eq!(code, 1);
        let elements = parse_xml(&stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"));
        let cases: Vec<&Element> = elements.iter().filter(|e| e.name == "testcase").collect();
        let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
        assert_eq!(names, files.iter().map(String::as_str).collect::<Vec<_>>());
        let failed = elements.iter().filter(|e| e.name == "failure").count();
        assert_eq!(failed, failures, "--deny-warnings {deny}:\n{stdout}");
        let suite = elements
            .iter()
            .find(|e| e.name == "testsuite")
            .unwrap_or_else(|| panic!("no testsuite:\n{stdout}"));
        assert_eq!(suite.attribute("tests"), Some("4"));
        let invalid_files = if deny { "3" } else { "2" };
        assert_eq!(suite.attribute("failures"), Some(invalid_files));
    }
}

// --- github -------------------------------------------------------------------------

#[test]
fn github_annotations_match_the_diagnostics() {
    let files = [
        invalid("bin-checksum"),
        invalid("passport-margin"),
        invalid("approved-unknown-typo"),
    ];
    let (_, json) = validate_json(&files.iter().map(String::as_str).collect::<Vec<_>>());
    let mut want = Vec::new();
    for file in json["files"].as_array().into_iter().flatten() {
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            want.push(format!(
                "::{} file={},line={},col={},title={}::{}",
                d["severity"].as_str().unwrap_or_default(),
                file["path"].as_str().unwrap_or_default(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default(),
            ));
        }
    }
    assert_eq!(want.len(), 4, "{json}");

    let (code, stdout, _) = run(kzinvite()
        .args(["validate", "--format", "github", "--today", TODAY])
        .args(&files));
    assert_eq!(code, 1);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), want.len(), "{stdout}");
    for (line, want) in annotations.iter().zip(&want) {
        // The message may go on with an escaped help line (`%0Ahelp: …`), never a raw newline.
        assert!(line.starts_with(want.as_str()), "got  {line}\nwant {want}…");
    }
    // Anything else is the summary line at the end, which GitHub shows as log text.
    let other: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("::")).collect();
    assert_eq!(
        other,
        ["3 files: 1 valid, 2 invalid (2 errors, 2 warnings)"]
    );
}

// --- which files, in which order ------------------------------------------------------

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
