//! The documents stay true: docs/rules.md and the README's table list exactly the codes
//! of the catalogue (`kzinvite::rules::RULES`) with its severities, and CI runs the
//! README's test command.

use std::path::Path;

use kzinvite::rules::{Applies, RULES, Rule, rule_info};

/// A file of the repository; a missing one fails the test, it is not "nothing to check".
fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One row of the table of codes: `| `code` | severity | stage | what it checks |`.
struct Row<'a> {
    line: usize,
    code: &'a str,
    severity: &'a str,
    stage: &'a str,
}

/// The rows of the table whose header starts `| code | severity |`; other tables of the
/// file are not about codes.
fn rows(text: &str) -> Vec<Row<'_>> {
    text.lines()
        .enumerate()
        .skip_while(|(_, line)| !line.starts_with("| code | severity |"))
        .skip(2)
        .take_while(|(_, line)| line.starts_with('|'))
        .filter_map(|(i, line)| {
            let rest = line.strip_prefix("| `")?;
            let (code, rest) = rest.split_once("` |")?;
            let mut cells = rest.split('|').map(str::trim);
            Some(Row {
                line: i + 1,
                code,
                severity: cells.next()?,
                stage: cells.next()?,
            })
        })
        .collect()
}

/// The stage column of docs/rules.md for a rule: `all`, `from S`, `S only`, `render`.
fn stage_words(rule: &Rule) -> String {
    match rule.applies {
        Applies::All => "all".to_owned(),
        Applies::From(stage) => format!("from {stage}"),
        Applies::Only(stage) => format!("{stage} only"),
        Applies::Render => "render".to_owned(),
    }
}

/// Every row names a catalogued code with its severity (and, with `stages`, its stage
/// words); every catalogued code has a row. Returns what disagrees, one line each.
fn compare(file: &str, stages: bool) -> Vec<String> {
    let text = read(file);
    let rows = rows(&text);
    let mut problems = Vec::new();
    if rows.len() < 10 {
        problems.push(format!(
            "{file}: no table of codes (a header `| code | severity | …` and a row per code)"
        ));
    }
    for row in &rows {
        let Some(rule) = rule_info(row.code) else {
            problems.push(format!(
                "{file}:{}: `{}` is not in kzinvite::rules::RULES (src/rules/catalogue.rs)",
                row.line, row.code
            ));
            continue;
        };
        if row.severity != rule.severity.as_str() {
            problems.push(format!(
                "{file}:{}: `{}` is listed as {}, the catalogue says {}",
                row.line,
                row.code,
                row.severity,
                rule.severity.as_str()
            ));
        }
        if stages && row.stage != stage_words(rule) {
            problems.push(format!(
                "{file}:{}: `{}` applies at `{}`, the catalogue says `{}`",
                row.line,
                row.code,
                row.stage,
                stage_words(rule)
            ));
        }
        if rows.iter().filter(|r| r.code == row.code).count() > 1 {
            problems.push(format!(
                "{file}:{}: `{}` is listed twice",
                row.line, row.code
            ));
        }
    }
    for rule in RULES {
        if rows.iter().all(|r| r.code != rule.code) {
            problems.push(format!(
                "{file}: no row for `{}` ({} — {})",
                rule.code,
                rule.severity.as_str(),
                rule.checks
            ));
        }
    }
    problems
}

#[test]
fn the_rules_table_is_the_catalogue() {
    let problems = compare("docs/rules.md", true);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn readme_documents_every_rule_code() {
    // The README words the stages its own way ("with `--stage`"): codes and severities.
    let problems = compare("README.md", false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
