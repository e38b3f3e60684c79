//! `kzinvite diff` spawned on packets rendered from variants of the fixture examples.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::support::{assert_success, copy_dir, kzinvite};

mod manifests;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples")
}

/// A copy of an example in `dir/name/` (scans included), its manifest edited by `edit`.
pub(super) fn variant(
    dir: &Path,
    example: &str,
    name: &str,
    edit: impl Fn(String) -> String,
) -> PathBuf {
    let to = dir.join(name);
    copy_dir(&examples().join(example), &to);
    let manifest = to.join("case.yaml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let edited = edit(text.clone());
    assert!(
        example == name || edited != text,
        "the edit of {name} changed nothing"
    );
    std::fs::write(&manifest, edited).unwrap_or_else(|e| panic!("{e}"));
    manifest
}

/// Renders `manifest` into `out`; returns the packet folder.
pub(super) fn render(manifest: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    assert_success(&crate::support::render(manifest, out, extra));
    let mut folders: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
        .pop()
        .unwrap_or_else(|| panic!("no packet in {}", out.display()))
}

fn diff(old: &Path, new: &Path, format: &str) -> Output {
    kzinvite()
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--format", format])
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn json(old: &Path, new: &Path) -> (i32, Value) {
    let output = diff(old, new, "json");
    let value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code().unwrap_or(-1), value)
}

pub(super) fn changed_documents(report: &Value) -> Vec<String> {
    report["cases"][0]["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["status"] != "unchanged")
        .map(|d| d["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

pub(super) fn causes(report: &Value) -> Vec<Value> {
    report["cases"][0]["causes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_packet_against_itself_is_no_difference_for_every_example() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for example in ["request", "petition", "notification", "notification-large"] {
        let manifest = examples().join(example).join("case.yaml");
        let packet = render(&manifest, &dir.path().join(example), &[]);
        let output = diff(&packet, &packet, "text");
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{example}: {text}");
        assert!(text.contains("0 changed"), "{text}");
    }
}

#[test]
fn the_entry_date_changes_exactly_the_documents_that_state_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let same = |t: String| t;
    let old = variant(dir.path(), "notification", "notification", same);
    let new = variant(dir.path(), "notification", "later", |t| {
        t.replace("entry_date: 2026-03-01", "entry_date: 2026-03-15")
    });
    let (a, b) = (
        render(&old, &dir.path().join("a"), &[]),
        render(&new, &dir.path().join("b"), &[]),
    );
    let (code, report) = json(&a, &b);
    assert_eq!(code, 1);
    let causes = causes(&report);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(causes[0]["pointer"], "/project/entry_date");
    assert_eq!(
        (&causes[0]["old"], &causes[0]["new"]),
        (&Value::from("2026-03-01"), &Value::from("2026-03-15"))
    );
    // NEW's manifest is still there, unchanged since the render: the cause has its line.
    let location = causes[0]["location"].as_str().unwrap_or_default();
    assert!(
        location.starts_with(&*new.to_string_lossy()) && location.ends_with(":15"),
        "{location}"
    );
    std::fs::write(&new, "edited since the render").unwrap_or_else(|e| panic!("{e}"));
    let (_, report) = json(&a, &b);
    assert_eq!(
        self::causes(&report)[0]["location"],
        Value::Null,
        "{report}"
    );
    // Every document of the notification stage states the entry date; each says it once
    // or twice, and nothing else changed.
    for doc in report["cases"][0]["documents"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let changes = doc["redline"]["changes"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!changes.is_empty(), "{}", doc["id"]);
        for change in changes {
            assert_eq!(change["kind"]["type"], "edited", "{change}");
            let inserted: String = change["segments"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|s| s["op"] == "insert")
                .filter_map(|s| s["text"].as_str())
                .collect();
            assert!(inserted.chars().all(|c| c.is_ascii_digit()), "{change}");
        }
    }
    let text = String::from_utf8_lossy(&diff(&a, &b, "text").stdout).into_owned();
    assert!(
        text.contains("project.entry_date: \"2026-03-01\" → \"2026-03-15\""),
        "{text}"
    );
}

#[test]
fn draft_against_final_is_an_option_change_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = examples().join("notification/case.yaml");
    let a = render(&manifest, &dir.path().join("a"), &[]);
    let b = render(&manifest, &dir.path().join("b"), &["--draft"]);
    let (code, report) = json(&a, &b);
    assert_eq!(code, 1);
    assert_eq!(changed_documents(&report), Vec::<String>::new(), "{report}");
    let causes = causes(&report);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(
        (&causes[0]["type"], &causes[0]["name"]),
        (&Value::from("option"), &Value::from("draft"))
    );
}

#[test]
fn two_specialists_swapped_are_a_row_move_with_renumbering() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let old = examples().join("notification/case.yaml");
    let new = variant(dir.path(), "notification", "swapped", |t| {
        let start = t
            .find("specialists:\n")
            .unwrap_or_else(|| panic!("no specialists"));
        let end = t[start..].find("\n\n").map_or(t.len(), |e| start + e);
        let block = &t[start + "specialists:\n".len()..end];
        let items: Vec<&str> = block.split("\n  - ").collect();
        assert_eq!(items.len(), 2, "{block}");
        let swapped = format!(
            "  - {}\n{}",
            items[1],
            items[0].trim_start_matches("  - ").replacen("", "  - ", 1)
        );
        format!("{}specialists:\n{swapped}{}", &t[..start], &t[end..])
    });
    let (a, b) = (
        render(&old, &dir.path().join("a"), &[]),
        render(&new, &dir.path().join("b"), &[]),
    );
    let (code, report) = json(&a, &b);
    assert_eq!(code, 1);
    let mut rows = 0;
    for doc in report["cases"][0]["documents"]
        .as_array()
        .into_iter()
        .flatten()
    {
        for change in doc["redline"]["changes"].as_array().into_iter().flatten() {
            if change["kind"]["type"] == "row_moved" {
                rows += 1;
                assert_eq!(change["kind"]["edited"], false, "{change}");
            }
        }
    }
    assert!(rows >= 1, "{report}");
}

#[test]
fn a_latin_letter_for_a_cyrillic_one_is_an_invisible_change() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let old = examples().join("notification/case.yaml");
    // Latin «K» for Cyrillic «К» in the company's name.
    let new = variant(dir.path(), "notification", "lookalike", |t| {
        t.replacen("ТОО «Казахстанская", "ТОО «Kазахстанская", 1)
    });
    let (a, b) = (
        render(&old, &dir.path().join("a"), &[]),
        render(&new, &dir.path().join("b"), &[]),
    );
    let (code, report) = json(&a, &b);
    assert_eq!(code, 1);
    let invisible: usize = report["cases"][0]["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["redline"]["summary"]["invisible"].as_u64())
        .sum::<u64>() as usize;
    assert!(invisible >= 1, "{report}");
    let text = String::from_utf8_lossy(&diff(&a, &b, "text").stdout).into_owned();
    assert!(text.contains("invisible: "), "{text}");
}

#[test]
fn a_changed_template_is_the_cause() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = examples().join("notification/case.yaml");
    let templates = dir.path().join("templates/documents");
    std::fs::create_dir_all(&templates).unwrap_or_else(|e| panic!("{e}"));
    let original =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/documents/border-notice.ru.typ");
    let mut text = std::fs::read_to_string(original).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\n// reviewed\n");
    std::fs::write(templates.join("border-notice.ru.typ"), text).unwrap_or_else(|e| panic!("{e}"));
    let a = render(&manifest, &dir.path().join("a"), &[]);
    let folder = dir.path().join("templates");
    let b = render(
        &manifest,
        &dir.path().join("b"),
        &["--templates", &folder.to_string_lossy()],
    );
    let (code, report) = json(&a, &b);
    assert_eq!(code, 1);
    let causes = causes(&report);
    assert!(
        causes
            .iter()
            .any(|c| c["type"] == "template" && c["document"] == "border-notice"),
        "{causes:?}"
    );
    assert_eq!(changed_documents(&report), Vec::<String>::new());
}

#[test]
fn bad_inputs_exit_2_naming_the_path() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let request = render(
        &examples().join("request/case.yaml"),
        &dir.path().join("a"),
        &[],
    );
    let notification = render(
        &examples().join("notification/case.yaml"),
        &dir.path().join("b"),
        &[],
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    let damaged = dir.path().join("damaged");
    std::fs::create_dir(&damaged).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(damaged.join("packet.json"), "{ not json").unwrap_or_else(|e| panic!("{e}"));
    for (old, new, expected) in [
        (&empty, &request, "is not a packet"),
        (&request, &damaged, "packet.json is not JSON"),
        (&request, &notification, "is the packet of case"),
    ] {
        let output = diff(old, new, "text");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        let named = if expected == "is not a packet" {
            old
        } else {
            new
        };
        assert!(stderr.contains(&*named.to_string_lossy()), "{stderr}");
    }
}

#[test]
fn the_same_render_twice_gives_the_same_packet_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = examples().join("notification/case.yaml");
    let a = render(&manifest, &dir.path().join("a"), &[]);
    let b = render(&manifest, &dir.path().join("b"), &[]);
    let read = |p: &Path| std::fs::read(p.join("packet.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(&a), read(&b));
    let meta: Value = serde_json::from_slice(&read(&a)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta["format"], 2);
    assert!(meta["manifest"]["value"]["project"].is_object());
    assert!(
        meta["documents"][0]["text"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
}

#[test]
fn a_format_1_packet_says_its_text_is_missing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = render(
        &examples().join("notification/case.yaml"),
        &dir.path().join("a"),
        &[],
    );
    let path = a.join("packet.json");
    let mut meta: Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    meta["format"] = 1.into();
    if let Some(docs) = meta["documents"].as_array_mut() {
        for doc in docs {
            doc.as_object_mut().map(|d| d.remove("text"));
        }
    }
    std::fs::write(
        &path,
        serde_json::to_vec(&meta).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = diff(&a, &a, "text");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("text missing: rendered by an older kzinvite"),
        "{text}"
    );
}
