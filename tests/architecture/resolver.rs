//! The checker itself, on tiny crates written as strings: it finds the cycles it must
//! and flags nothing else.

use std::collections::BTreeMap;

use crate::cycle_report;
use crate::graph::Graph;
use crate::modules::Crate;

fn krate(files: &[(&str, &str)]) -> Crate {
    let files: BTreeMap<String, String> = files
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect();
    Crate::parse(&files).unwrap_or_else(|e| panic!("{e}"))
}

/// Every cycle, as `a → b → a`.
fn cycles(files: &[(&str, &str)]) -> Vec<String> {
    let graph = Graph::of_modules(&krate(files));
    graph.cycles().iter().map(|c| graph.cycle_text(c)).collect()
}

/// Every edge, as `a → b`, sorted.
fn edges(files: &[(&str, &str)]) -> Vec<String> {
    let krate = krate(files);
    let name = |m: usize| krate.modules[m].name.clone();
    let mut edges: Vec<String> = krate
        .edges()
        .keys()
        .map(|&(a, b)| format!("{} → {}", name(a), name(b)))
        .collect();
    edges.sort();
    edges
}

#[test]
fn a_child_using_its_parents_item_while_the_parent_calls_it_is_a_cycle() {
    let files = [
        ("src/lib.rs", "mod rules;"),
        (
            "src/rules/mod.rs",
            "mod dates;\npub struct Context;\npub fn check() { dates::check(); }",
        ),
        (
            "src/rules/dates.rs",
            "use super::Context;\npub fn check() {}",
        ),
    ];
    assert_eq!(cycles(&files), ["rules → rules::dates → rules"]);
    let report = cycle_report(&krate(&files));
    assert!(report.contains("rules → rules::dates: src/rules/mod.rs:3  `dates::check` (defined in src/rules/dates.rs)"), "{report}");
    assert!(report.contains("rules::dates → rules: src/rules/dates.rs:1  `use super::Context` (defined in src/rules/mod.rs)"), "{report}");
}

#[test]
fn a_reexport_is_an_edge_from_the_facade_to_the_child() {
    // The facade re-exports its child, and the child uses an item of the facade.
    let files = [
        ("src/lib.rs", "mod report;"),
        (
            "src/report/mod.rs",
            "mod json;\npub use json::Json;\npub struct FileReport;",
        ),
        (
            "src/report/json.rs",
            "pub struct Json(crate::report::FileReport);",
        ),
    ];
    assert_eq!(cycles(&files), ["report → report::json → report"]);
}

#[test]
fn reexports_are_followed_to_the_module_that_defines_the_item() {
    // Through the facade's re-export, the child reaches its sibling, not the facade.
    let files = [
        ("src/lib.rs", "mod source;\nmod check;"),
        (
            "src/source/mod.rs",
            "mod document;\nmod yaml;\npub use document::Document;\npub use yaml::parse;",
        ),
        ("src/source/document.rs", "pub struct Document;"),
        (
            "src/source/yaml.rs",
            "use super::Document;\npub fn parse() -> Document { Document }",
        ),
        (
            "src/check.rs",
            "use crate::source::{self, Document};\nfn f() -> Document { source::parse() }",
        ),
    ];
    assert!(cycles(&files).is_empty(), "{:?}", cycles(&files));
    assert_eq!(
        edges(&files),
        [
            "check → source::document",
            "check → source::yaml",
            "source → source::document",
            "source → source::yaml",
            "source::yaml → source::document",
        ]
    );
}

#[test]
fn siblings_using_each_other_are_a_cycle() {
    let files = [
        ("src/lib.rs", "pub mod render;\npub mod report;"),
        (
            "src/render.rs",
            "use crate::report::Summary;\npub struct Packet;",
        ),
        (
            "src/report.rs",
            "pub struct Summary;\nfn f(_: &[crate::render::Packet]) {}",
        ),
    ];
    assert_eq!(cycles(&files), ["render → report → render"]);
}

#[test]
fn cycles_inside_inline_modules_and_through_macro_arguments_are_found() {
    let files = [(
        "src/lib.rs",
        "mod outer {\n  pub mod inner { pub fn f() { println!(\"{}\", super::g()); } }\n  pub fn g() -> u8 { inner::f(); 1 }\n}",
    )];
    assert_eq!(cycles(&files), ["outer → outer::inner → outer"]);
}

#[test]
fn declaring_a_module_is_no_edge() {
    let files = [
        ("src/lib.rs", "mod a;"),
        ("src/a.rs", "mod b;\npub struct T;"),
        ("src/a/b.rs", "use super::T;\npub fn g(_: T) {}"),
    ];
    assert_eq!(edges(&files), ["a::b → a"]);
    assert!(cycles(&files).is_empty());
}

#[test]
fn test_code_is_not_read() {
    let files = [
        ("src/lib.rs", "mod a;"),
        (
            "src/a.rs",
            "mod b;\npub struct T;\n#[cfg(test)]\nmod tests { use super::b::g; }\n#[cfg(all(test, unix))]\nfn helper() { b::g(); }\n#[test]\nfn a_test() { b::g(); }\n#[cfg(not(test))]\nfn real() -> super::a::T { T }",
        ),
        ("src/a/b.rs", "use super::T;\npub fn g() -> T { T }"),
    ];
    assert_eq!(edges(&files), ["a::b → a"]);
    assert!(cycle_report(&krate(&files)).is_empty());
}

#[test]
fn a_cycle_through_three_modules_is_one_cycle_and_each_edge_is_shown() {
    let files = [
        ("src/lib.rs", "mod a;\nmod b;\nmod c;"),
        ("src/a.rs", "pub struct A(crate::b::B);"),
        ("src/b.rs", "pub struct B(crate::c::C);"),
        ("src/c.rs", "use crate::a::A;\npub struct C(Box<A>);"),
    ];
    assert_eq!(cycles(&files), ["a → b → c → a"]);
    let report = cycle_report(&krate(&files));
    for edge in [
        "a → b: src/a.rs:1",
        "b → c: src/b.rs:1",
        "c → a: src/c.rs:1  `use crate::a::A`",
    ] {
        assert!(report.contains(edge), "{edge} in {report}");
    }
}

#[test]
fn top_modules_using_each_other_through_different_children_are_a_cycle() {
    // No cycle between two modules, but `render` and `report` use each other.
    let files = [
        ("src/lib.rs", "mod render;\nmod report;"),
        ("src/render/mod.rs", "mod packet;\nmod world;"),
        (
            "src/render/packet.rs",
            "use crate::report::summary::Summary;",
        ),
        ("src/render/world.rs", "pub struct World;"),
        ("src/report/mod.rs", "pub mod summary;\nmod text;"),
        ("src/report/summary.rs", "pub struct Summary;"),
        ("src/report/text.rs", "use crate::render::world::World;"),
    ];
    assert!(cycles(&files).is_empty());
    let report = cycle_report(&krate(&files));
    assert!(report.contains("render → report → render"), "{report}");
}

#[test]
fn paths_in_serde_attributes_are_edges() {
    let files = [
        ("src/lib.rs", "mod dates;\nmod model;"),
        ("src/dates.rs", "pub fn deserialize() {}"),
        (
            "src/model.rs",
            "use crate::dates;\npub struct Case {\n    #[serde(rename = \"x\", deserialize_with = \"dates::deserialize\")]\n    pub date: u8,\n}",
        ),
    ];
    assert_eq!(edges(&files), ["model → dates"]);
    let krate = krate(&files);
    let (_, edge) = krate
        .edges()
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("an edge"));
    assert_eq!(edge.site.shown(), "src/model.rs:3  `dates::deserialize`");
}
