//! The fixture folders through the binary: every folder under `fixtures/{invalid,valid,examples}`
//! with a `case.yaml` is validated with `--format json --today 2026-01-15` (plus the `args` of
//! its `expected.json`), and must produce exactly the diagnostics its `expected.json` lists
//! (none for `valid` and `examples`), in the JSON shape of cli.md, with the right exit code.
//! Adding a scenario is adding a folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kzinvite::diagnostic::Severity;
use kzinvite::rules::{RULES, rule_info};
use serde_json::Value;

const TODAY: &str = "2026-01-15";
const ROOTS: [&str; 3] = ["invalid", "valid", "examples"];

/// Codes no YAML fixture can show: render-time, workbook-only, or an unreadable file.
const NOT_FROM_YAML_FIXTURES: [&str; 4] = ["glyph-coverage", "excel-format", "excel-cell", "io"];

/// Schema keywords whose translation into a diagnostic must each be shown by a fixture.
const SCHEMA_KEYWORDS: [&str; 9] = [
    "required",
    "additionalProperties",
    "enum",
    "pattern",
    "type",
    "format",
    "minLength",
    "const",
    "dependentRequired",
];

type Failures = Vec<String>;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    code: String,
    pointer: String,
    line: Option<u64>,
    column: Option<u64>,
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |v: Option<u64>| v.map_or("null".to_owned(), |v| v.to_string());
        write!(
            f,
            "{} {} @ {}:{}",
            self.code,
            self.pointer,
            n(self.line),
            n(self.column)
        )
    }
}

struct Fixture {
    /// `invalid`, `valid` or `examples`.
    root: &'static str,
    /// The folder, relative to the crate root, e.g. `fixtures/invalid/bin-checksum`.
    dir: PathBuf,
    args: Vec<String>,
    diagnostics: Vec<Expected>,
}

impl Fixture {
    fn name(&self) -> String {
        self.dir.display().to_string()
    }

    fn case(&self) -> String {
        self.dir.join("case.yaml").display().to_string()
    }

    /// An error is expected iff the catalogue (or the schema, always errors) says so.
    fn expects_error(&self) -> bool {
        self.diagnostics.iter().any(|d| is_error(&d.code))
    }
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn is_error(code: &str) -> bool {
    code.starts_with("schema/") || rule_info(code).is_some_and(|r| r.severity == Severity::Error)
}

fn parse_expected(path: &Path) -> Result<(Vec<String>, Vec<Expected>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let object = json
        .as_object()
        .ok_or_else(|| format!("{}: not a JSON object", path.display()))?;
    if let Some(unknown) = object
        .keys()
        .find(|k| !["args", "diagnostics"].contains(&k.as_str()))
    {
        return Err(format!("{}: unknown key `{unknown}`", path.display()));
    }
    let args = match object.get("args") {
        None => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| format!("{}: args must be strings", path.display()))?,
        Some(_) => return Err(format!("{}: args must be a list", path.display())),
    };
    let list = object
        .get("diagnostics")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{}: `diagnostics` must be a list", path.display()))?;
    let diagnostics = list
        .iter()
        .map(|d| expected_of(d).ok_or_else(|| format!("{}: malformed entry {d}", path.display())))
        .collect::<Result<_, _>>()?;
    Ok((args, diagnostics))
}

/// `{"code", "pointer", "line", "column"}` from an expected.json entry or the tool's output.
fn expected_of(d: &Value) -> Option<Expected> {
    let number = |key: &str| match d.get(key)? {
        Value::Null => Some(None),
        v => v.as_u64().map(Some),
    };
    Some(Expected {
        code: d.get("code")?.as_str()?.to_owned(),
        pointer: d.get("pointer")?.as_str()?.to_owned(),
        line: number("line")?,
        column: number("column")?,
    })
}

/// Every fixture folder, sorted; a folder without `case.yaml` is only a container.
fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for root in ROOTS {
        let base = crate_root().join("fixtures").join(root);
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let entry = entry.unwrap_or_else(|e| panic!("walking {}: {e}", base.display()));
            if entry.file_name() != "case.yaml" {
                continue;
            }
            let Some(dir) = entry.path().parent() else {
                continue;
            };
            let relative = dir.strip_prefix(crate_root()).unwrap_or(dir).to_path_buf();
            let expected = dir.join("expected.json");
            let (args, diagnostics) = if expected.exists() {
                match parse_expected(&expected) {
                    Ok(parsed) => parsed,
                    Err(e) => {
                        problems.push(e);
                        continue;
                    }
                }
            } else if root == "invalid" {
                problems.push(format!("{}: no expected.json", relative.display()));
                continue;
            } else {
                (Vec::new(), Vec::new())
            };
            out.push(Fixture {
                root,
                dir: relative,
                args,
                diagnostics,
            });
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for root in ROOTS {
        assert!(
            out.iter().any(|f| f.root == root),
            "no fixture under fixtures/{root}"
        );
    }
    out
}

fn is_uint(v: &Value) -> bool {
    v.as_u64().is_some()
}

/// Checks that `object` has exactly `keys`.
fn exact_keys(what: &str, value: &Value, keys: &[&str], failures: &mut Failures) {
    let Some(object) = value.as_object() else {
        failures.push(format!("{what}: not an object: {value}"));
        return;
    };
    let got: BTreeSet<&str> = object.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = keys.iter().copied().collect();
    if got != want {
        failures.push(format!("{what}: keys {got:?}, expected {want:?}"));
    }
}

/// The JSON of one run has cli.md's shape; its counts agree with its diagnostics.
fn check_shape(fixture: &Fixture, json: &Value, failures: &mut Failures) {
    let name = fixture.name();
    exact_keys(&name, json, &["version", "files", "summary"], failures);
    if json["version"] != 1 {
        failures.push(format!("{name}: version is {}", json["version"]));
    }
    let files = json["files"].as_array().map_or(&[][..], Vec::as_slice);
    if files.len() != 1 {
        failures.push(format!(
            "{name}: {} files reported, expected 1",
            files.len()
        ));
        return;
    }
    let file = &files[0];
    exact_keys(
        &format!("{name} files[0]"),
        file,
        &["path", "valid", "stage", "diagnostics"],
        failures,
    );
    if file["path"] != fixture.case().as_str() {
        failures.push(format!(
            "{name}: path {} is not the argument given",
            file["path"]
        ));
    }
    let stage = &file["stage"];
    let stages = ["request", "petition", "notification"];
    let stage_ok = stage.is_null() || stage.as_str().is_some_and(|s| stages.contains(&s));
    if !stage_ok {
        failures.push(format!("{name}: stage {stage}"));
    }
    if fixture.root == "examples" {
        // Each example is named after the stage it reaches (`notification-large`: a variant).
        let folder = fixture
            .dir
            .file_name()
            .and_then(|f| f.to_str())
            .map(|f| f.split('-').next().unwrap_or(f));
        if stage.as_str() != folder {
            failures.push(format!(
                "{name}: stage {stage}, but the example is {folder:?}"
            ));
        }
    }
    let diagnostics = file["diagnostics"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let mut errors = 0;
    for (i, d) in diagnostics.iter().enumerate() {
        let what = format!("{name} diagnostics[{i}]");
        exact_keys(
            &what,
            d,
            &[
                "severity", "code", "message", "help", "pointer", "line", "column", "sheet", "cell",
            ],
            failures,
        );
        let code = d["code"].as_str().unwrap_or_default();
        let severity = d["severity"].as_str().unwrap_or_default();
        let catalogued = if code.starts_with("schema/") {
            Some("error")
        } else {
            rule_info(code).map(|r| r.severity.as_str())
        };
        if catalogued != Some(severity) {
            failures.push(format!(
                "{what}: {code} has severity {severity:?}, the catalogue says {catalogued:?}"
            ));
        }
        errors += usize::from(severity == "error");
        if d["message"].as_str().is_none_or(|m| m.trim().is_empty()) {
            failures.push(format!("{what}: empty message"));
        }
        // Every diagnostic says what to do, not only what is wrong (rules.md).
        if d["help"].as_str().is_none_or(|h| h.trim().is_empty()) {
            failures.push(format!("{what}: {code} has no help"));
        }
        if !d["pointer"].is_string() {
            failures.push(format!("{what}: pointer {}", d["pointer"]));
        }
        // YAML: a line and column, never a sheet or cell.
        if !is_uint(&d["line"]) || !is_uint(&d["column"]) {
            failures.push(format!("{what}: {code} is not located: {d}"));
        }
        if !d["sheet"].is_null() || !d["cell"].is_null() {
            failures.push(format!("{what}: a YAML file has sheet/cell {d}"));
        }
    }
    let warnings = diagnostics.len() - errors;
    if file["valid"] != (errors == 0) {
        failures.push(format!(
            "{name}: valid is {} with {errors} errors",
            file["valid"]
        ));
    }
    let summary = &json["summary"];
    exact_keys(
        &format!("{name} summary"),
        summary,
        &["files", "valid", "invalid", "errors", "warnings"],
        failures,
    );
    let want = serde_json::json!({
        "files": 1,
        "valid": usize::from(errors == 0),
        "invalid": usize::from(errors > 0),
        "errors": errors,
        "warnings": warnings,
    });
    if *summary != want {
        failures.push(format!("{name}: summary {summary}, expected {want}"));
    }
}

fn run(fixture: &Fixture, failures: &mut Failures) {
    let name = fixture.name();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .current_dir(crate_root())
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["validate", "--format", "json", "--today", TODAY])
        .args(&fixture.args)
        .arg(fixture.case())
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.trim().is_empty() {
        failures.push(format!("{name}: unexpected stderr: {stderr}"));
    }
    let json: Value = match serde_json::from_str(&stdout) {
        Ok(json) => json,
        Err(e) => {
            failures.push(format!("{name}: output is not JSON ({e}):\n{stdout}"));
            return;
        }
    };
    check_shape(fixture, &json, failures);
    let reported = json["files"][0]["diagnostics"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let actual: Vec<Expected> = reported.iter().filter_map(expected_of).collect();
    if actual != fixture.diagnostics {
        let list = |l: &[Expected]| l.iter().map(|d| format!("\n    {d}")).collect::<String>();
        let messages: String = reported
            .iter()
            .map(|d| format!("\n    {}: {}", d["code"], d["message"]))
            .collect();
        failures.push(format!(
            "{name}: diagnostics differ\n  expected:{}\n  actual:{}\n  messages:{messages}",
            list(&fixture.diagnostics),
            list(&actual)
        ));
    }
    let want_code = i32::from(fixture.expects_error());
    if output.status.code() != Some(want_code) {
        failures.push(format!(
            "{name}: exit code {:?}, expected {want_code}",
            output.status.code()
        ));
    }
}

#[test]
fn every_fixture_produces_exactly_its_expected_diagnostics() {
    let fixtures = fixtures();
    let mut failures = Failures::new();
    for fixture in &fixtures {
        if fixture.root != "invalid" && !fixture.diagnostics.is_empty() {
            failures.push(format!(
                "{}: a {} fixture must produce no diagnostic at all",
                fixture.name(),
                fixture.root
            ));
        }
        if fixture.root == "invalid" && fixture.diagnostics.is_empty() {
            failures.push(format!(
                "{}: an invalid fixture must expect a diagnostic",
                fixture.name()
            ));
        }
        run(fixture, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} problems in {} fixtures:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_code_is_shown_by_an_invalid_fixture_and_by_no_valid_one() {
    let fixtures = fixtures();
    let mut shown: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut failures = Failures::new();
    for fixture in &fixtures {
        for d in &fixture.diagnostics {
            let known = RULES.iter().any(|r| r.code == d.code)
                || d.code
                    .strip_prefix("schema/")
                    .is_some_and(|k| !k.is_empty());
            if !known {
                failures.push(format!("{}: unknown code {}", fixture.name(), d.code));
            }
            if fixture.root == "invalid" {
                shown
                    .entry(d.code.as_str())
                    .or_default()
                    .push(fixture.name());
            } else {
                failures.push(format!(
                    "{}: {} expected in a {} fixture",
                    fixture.name(),
                    d.code,
                    fixture.root
                ));
            }
        }
    }
    for rule in RULES {
        if !NOT_FROM_YAML_FIXTURES.contains(&rule.code) && !shown.contains_key(rule.code) {
            failures.push(format!(
                "no fixture under fixtures/invalid shows `{}`",
                rule.code
            ));
        }
    }
    for keyword in SCHEMA_KEYWORDS {
        let code = format!("schema/{keyword}");
        if !shown.contains_key(code.as_str()) {
            failures.push(format!("no fixture under fixtures/invalid shows `{code}`"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
