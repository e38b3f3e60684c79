//! The README stays true: it documents every diagnostic code, and CI runs its test command.

use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap_or_default()
}

#[test]
fn readme_documents_every_rule_code() {
    let readme = read("README.md");
    for rule in kzinvite::rules::RULES {
        assert!(
            readme.contains(&format!("| `{}` |", rule.code)),
            "README does not document `{}`",
            rule.code
        );
    }
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = read("README.md");
    let first_block: Vec<&str> = readme
        .split("```")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .collect();
    let test_line = first_block
        .iter()
        .find(|l| l.starts_with("cargo test"))
        .expect("README names a test command");
    let command = test_line.split('#').next().unwrap_or_default().trim();
    assert!(
        read(".ci/run").contains(command),
        "`.ci/run` must run `{command}`"
    );
}
