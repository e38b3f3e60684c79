//! The text rebuilt from Typst's layout, on the fixture examples.

use std::path::Path;

use kzinvite::blocks::BlockKind;
use kzinvite::check::{self, CheckOptions};
use kzinvite::documents::DocumentId;
use kzinvite::model::Case;
use kzinvite::render::{Engine, RenderOptions, RenderedCase};
use time::macros::date;

fn render(example: &str, options: RenderOptions) -> RenderedCase {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples")
        .join(example)
        .join("case.yaml");
    let doc = kzinvite::source::load(&path).unwrap_or_else(|e| panic!("{e:?}"));
    let today = date!(2026 - 01 - 15);
    let checked = check::check(&doc, &CheckOptions::at(today));
    assert!(checked.is_valid(), "{:?}", checked.diagnostics);
    let engine = Engine::new(options).unwrap_or_else(|e| panic!("{e}"));
    let (_, clean) = engine.glyph_coverage(&doc.value);
    let case = Case::from_value(&clean).unwrap_or_else(|e| panic!("{e:?}"));
    let base = path.parent().unwrap_or(Path::new("."));
    engine
        .render_case(&case, &clean, base, checked.stage, today)
        .unwrap_or_else(|e| panic!("{e:#}"))
}

#[test]
fn the_large_petition_has_forty_rows_with_forty_keys() {
    let only = RenderOptions {
        only: vec![DocumentId::MigrationPetition],
        ..RenderOptions::default()
    };
    let rendered = render("notification-large", only);
    let petition = rendered
        .documents
        .first()
        .unwrap_or_else(|| panic!("no petition"));
    let keys: Vec<&str> = petition
        .text
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::TableRow { key, .. } => key.as_deref(),
            _ => None,
        })
        .collect();
    let distinct: std::collections::BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!((keys.len(), distinct.len()), (40, 40), "{keys:?}");
}
