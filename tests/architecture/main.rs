//! The shape of `src/`, checked by every `cargo test`: modules import each other without
//! cycles (lower layers never use higher ones; a parent module only declares and
//! re-exports its children), and no Rust file of `src/`, `tests/`, `benches/` or
//! `examples/` is longer than 450 lines (data tables listed apart).
//!
//! Every file under `src/` is parsed with syn. Each module — a file, or an inline
//! `mod x { … }` — is a node; an edge a → b means code in a uses an item *defined* in b,
//! through a `use` or a path in code that starts with `crate::`, `super::`, `self::` or
//! a name a `use` brought in (also inside macro arguments and serde's
//! `deserialize_with = "…"`). Re-exports are followed to the module that defines the
//! item: `use crate::rules::View` is an edge to `rules::view`, and a facade's
//! `pub use child::X` is an edge facade → child. `mod x;` alone is no edge, and
//! `#[cfg(test)]` code is not read.
//!
//! `cargo test --test architecture -- --nocapture` prints the layers of the graph.

mod graph;
mod modules;
mod reader;
mod resolver;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use graph::Graph;
use modules::{Crate, Id};

/// Longest Rust file of the project (`src/`, `tests/`, `benches/`, `examples/`), in lines
/// (the style guide asks for ~100–400).
const MAX_LINES: usize = 450;

/// Files allowed past [`MAX_LINES`], each with why: data tables only (rows of reference
/// data read by code), never code.
const DATA_TABLES: &[(&str, &str)] = &[(
    "benches/support/manifests.rs",
    "the name, city and position tables the generated benchmark manifests draw from",
)];

/// The folders whose Rust files [`MAX_LINES`] bounds.
const BOUNDED: &[&str] = &["src", "tests", "benches", "examples"];

/// Every file under `src/`, by its path from the crate root (`src/rules/mod.rs`).
fn files_under_src() -> BTreeMap<String, String> {
    files_under("src")
}

/// Every file under the crate root's folder `folder`, by its path from the crate root.
fn files_under(folder: &str) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let relative = path.strip_prefix(root).unwrap_or(&path);
                out.insert(relative.to_string_lossy().replace('\\', "/"), text);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeMap::new();
    walk(&root.join(folder), root, &mut out);
    out
}

fn the_crate() -> Crate {
    Crate::parse(&files_under_src()).unwrap_or_else(|e| panic!("reading src/: {e}"))
}

/// What the cycles of `krate` are, for a person to act on; empty when there are none.
fn cycle_report(krate: &Crate) -> String {
    let modules = Graph::of_modules(krate);
    let tops = Graph::of_top_modules(krate);
    let (module_cycles, top_cycles) = (modules.cycles(), tops.cycles());
    if module_cycles.is_empty() && top_cycles.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "Modules of src/ import each other in a cycle. Data flows one way (ARCHITECTURE.md): a \
         lower layer never uses a higher one, and a parent module (mod.rs, x.rs) only declares \
         its children and re-exports them, so what the children share lives in a leaf child \
         (e.g. rules/catalogue.rs). Each cycle below is followed by the use or path behind \
         each of its edges; remove one edge of every cycle by moving the item it names \
         down, into the module both sides can use.\n",
    );
    if !module_cycles.is_empty() {
        let _ = write!(
            out,
            "\n{} cycle(s) between modules:{}",
            module_cycles.len(),
            modules.explain(&module_cycles)
        );
    }
    if !top_cycles.is_empty() {
        let _ = write!(
            out,
            "\n{} cycle(s) between the top modules of ARCHITECTURE.md (each standing for the \
             modules inside it):{}",
            top_cycles.len(),
            tops.explain(&top_cycles)
        );
    }
    out
}

#[test]
fn modules_import_each_other_without_cycles() {
    let report = cycle_report(&the_crate());
    assert!(report.is_empty(), "{report}");
}

#[test]
fn no_rust_file_is_longer_than_450_lines() {
    let files: BTreeMap<String, String> = BOUNDED
        .iter()
        .flat_map(|folder| files_under(folder))
        .filter(|(path, _)| path.ends_with(".rs"))
        .collect();
    let mut problems = Vec::new();
    for (path, reason) in DATA_TABLES {
        if !files.contains_key(*path) || reason.trim().is_empty() {
            problems.push(format!(
                "{path}: listed in DATA_TABLES ({reason:?}) but not a Rust file of {BOUNDED:?}"
            ));
        }
    }
    for (path, text) in &files {
        let lines = text.lines().count();
        if lines > MAX_LINES && DATA_TABLES.iter().all(|(p, _)| p != path) {
            problems.push(format!("{path}: {lines} lines"));
        }
    }
    assert!(
        problems.is_empty(),
        "Rust files hold one concern each, in about 100–400 lines (style guide); these \
         are longer than {MAX_LINES}. Split each by concern: a folder whose mod.rs declares \
         and re-exports leaf modules, each with a //! line saying what it owns (tests can \
         move into a child module too). Only data tables may stay longer, listed with why in \
         DATA_TABLES of tests/architecture/main.rs.\n  {}",
        problems.join("\n  ")
    );
}

/// Prints the layers (run with `--nocapture`), to compare ARCHITECTURE.md with the
/// code; asserts nothing.
#[test]
fn layers_of_the_module_graph() {
    let krate = the_crate();
    let all: BTreeSet<Id> = (0..krate.modules.len()).collect();
    let tops: BTreeSet<Id> = all
        .iter()
        .copied()
        .filter(|&m| m == 0 || krate.modules[m].parent == Some(0))
        .collect();
    let mut out = String::from(
        "Layers of src/ (0 uses no other module of the crate; a module uses lower layers only):\n\ntop modules (each standing for the modules inside it):\n",
    );
    for (layer, names) in Graph::of_top_modules(&krate).layers(&tops) {
        let _ = writeln!(out, "  {layer:>2}  {}", names.join(" "));
    }
    out.push_str("\nevery module:\n");
    for (layer, names) in Graph::of_modules(&krate).layers(&all) {
        let _ = writeln!(out, "  {layer:>2}  {}", names.join(" "));
    }
    println!("{out}");
}
