//! Every document template compiles, in Russian and Kazakh, for the example cases at
//! every stage, including 40 specialists with markup characters in their data; a broken
//! override is reported in its own file, at its line and column, as Typst reports errors.

use std::process::Command;

use kzinvite::documents::DocumentId;

#[test]
fn every_template_renders() {
    let out = tempfile::tempdir().expect("tempdir");
    let root = env!("CARGO_MANIFEST_DIR");
    for case in ["request", "petition", "notification", "notification-large"] {
        for lang in ["ru", "kk"] {
            let manifest = format!("{root}/fixtures/examples/{case}/case.yaml");
            let dir = out.path().join(format!("{case}-{lang}"));
            let output = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
                .env_remove("SOURCE_DATE_EPOCH")
                .args(["render", &manifest, "--out"])
                .arg(&dir)
                .args(["--lang", lang, "--today", "2026-01-15"])
                .args(["--force", "--quiet", "-j", "1"])
                .output()
                .unwrap_or_else(|e| panic!("running kzinvite: {e}"));
            assert!(
                output.status.success(),
                "{case} ({lang}): exit {:?}\n{}{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    let packet = out.path().join("notification-kk").join("KCC-2026-014");
    for doc in DocumentId::ALL {
        assert!(packet.join(doc.file_name()).is_file(), "{doc}");
    }
}

/// Renders the request example with `documents/akimat-request.ru.typ` overridden by the
/// embedded one with `line` inserted as line 4; returns the override's path and what
/// kzinvite printed (stdout and stderr).
fn render_with_broken_template(line: &str) -> (String, String) {
    run_with_broken_template("render", line)
}

/// [`render_with_broken_template`] with another command that renders (`review`).
fn run_with_broken_template(command: &str, line: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = env!("CARGO_MANIFEST_DIR");
    let name = "documents/akimat-request.ru.typ";
    let embedded = std::fs::read_to_string(format!("{root}/templates/{name}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut lines: Vec<&str> = embedded.lines().collect();
    lines.insert(3, line);
    let templates = dir.path().join("templates");
    let path = templates.join(name);
    std::fs::create_dir_all(templates.join("documents")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, lines.join("\n") + "\n").unwrap_or_else(|e| panic!("{e}"));
    let output = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .env_remove("SOURCE_DATE_EPOCH")
        .arg(command)
        .arg(format!("{root}/fixtures/examples/request/case.yaml"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--templates")
        .arg(&templates)
        .args([
            "--today",
            "2026-01-15",
            "--only",
            "akimat-request",
            "--color",
            "never",
        ])
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"));
    assert!(
        !output.status.success(),
        "a broken template renders nothing"
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (path.display().to_string(), printed)
}

/// The message names the user's file at `line:col`, quotes the line and marks it.
fn assert_points_at(printed: &str, path: &str, line_col: &str, source: &str) {
    assert!(
        printed.contains(&format!("{path}:{line_col}")),
        "{path}:{line_col} in:\n{printed}"
    );
    assert!(
        printed.contains(&format!("4 | {source}")),
        "the source line in:\n{printed}"
    );
    assert!(printed.contains('^'), "a caret in:\n{printed}");
    assert!(!printed.contains("bug of ours"), "{printed}");
}

#[test]
fn a_typst_syntax_error_points_at_the_override() {
    let (path, printed) = render_with_broken_template("#box(");
    assert!(printed.contains("unclosed delimiter"), "{printed}");
    assert_points_at(&printed, &path, "4:5", "#box(");
}

#[test]
fn an_unknown_function_points_at_the_override() {
    let (path, printed) = render_with_broken_template("#no-such-function(1)");
    assert!(
        printed.contains("unknown variable: no-such-function"),
        "{printed}"
    );
    assert_points_at(&printed, &path, "4:2", "#no-such-function(1)");
}

#[test]
fn minijinja_errors_point_at_the_override() {
    let (path, printed) = render_with_broken_template("{{ project.title | }}");
    assert!(printed.contains("syntax error"), "{printed}");
    assert_points_at(&printed, &path, "4:", "{{ project.title | }}");
    let (path, printed) = render_with_broken_template("{{ no_such_value.name }}");
    assert!(printed.contains("undefined"), "{printed}");
    assert_points_at(&printed, &path, "4:", "{{ no_such_value.name }}");
}

/// `case.yaml:LINE:COL` of `value` on the first line with `marker` in the request
/// example, as validate prints it.
fn manifest_place(marker: &str, value: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest = format!("{root}/fixtures/examples/request/case.yaml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(marker) && l.contains(value))
        .unwrap_or_else(|| panic!("{marker} in the manifest"));
    let column = line[..line.find(value).unwrap_or_default()].chars().count() + 1;
    format!("{manifest}:{}:{column}", index + 1)
}

#[test]
fn an_error_quoting_manifest_values_names_where_they_stand() {
    let title = "Реконструкция автодороги «Алматы — Хоргос», участок км 120–180";
    for command in ["render", "review"] {
        let (path, printed) = run_with_broken_template(
            command,
            "#panic({{ project.title | str }}, {{ specialists[0].surname | str }})",
        );
        assert!(
            printed.contains(&format!("panicked with: {title}, WANG")),
            "{printed}"
        );
        assert_points_at(&printed, &path, "4:2", "#panic(");
        let title_at = format!(
            "is the manifest's project.title, at {}",
            manifest_place("title:", title)
        );
        let surname_at = format!(
            "the value \"WANG\" is the manifest's specialists[0].surname, at {}",
            manifest_place("surname:", "WANG")
        );
        assert!(
            printed.contains(&title_at),
            "{command}: {title_at} in:\n{printed}"
        );
        assert!(
            printed.contains(&surname_at),
            "{command}: {surname_at} in:\n{printed}"
        );
    }
}

#[test]
fn an_error_inside_a_printed_value_names_the_value_in_the_manifest() {
    let (path, printed) =
        render_with_broken_template("#int({{ specialists[0].passport.number | str }})");
    assert!(
        printed.contains("string contains invalid digits"),
        "{printed}"
    );
    assert_points_at(&printed, &path, "4:6", "#int(");
    assert!(printed.contains("printed here: \"E12345678\""), "{printed}");
    let at = format!(
        "is the manifest's specialists[0].passport.number, at {}",
        manifest_place("number:", "E12345678")
    );
    assert!(printed.contains(&at), "{at} in:\n{printed}");
}

#[test]
fn short_or_changed_values_are_not_named() {
    // The context says `муж.` for the manifest's `M`: nothing of the manifest is quoted.
    let (_, printed) = render_with_broken_template("#panic({{ specialists[0].sex | str }})");
    assert!(printed.contains("panicked with: муж."), "{printed}");
    assert!(!printed.contains("is the manifest's"), "{printed}");
}
