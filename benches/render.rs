//! Rendering with a warm [`Engine`] (fonts, templates, Typst library and caches reused):
//! one document of a 20-specialist case, and one full packet (all seven documents).
//! `cargo bench --bench render`.

mod support;

use std::path::{Path, PathBuf};

use kzinvite::check::{self, CheckOptions};
use kzinvite::documents::DocumentId;
use kzinvite::model::Case;
use kzinvite::render::{Engine, RenderOptions};
use kzinvite::stage::Stage;

fn main() {
    divan::main();
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    case: Case,
    clean: serde_json::Value,
    stage: Stage,
}

fn fixture(specialists: usize) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path =
        support::manifests::write_all(dir.path(), 1, specialists).expect("generated")[0].clone();
    let doc = kzinvite::source::load(&path).expect("loads");
    let checked = check::check(&doc, &CheckOptions::at(support::manifests::today()));
    assert!(checked.is_valid(), "{:?}", checked.diagnostics);
    let engine = Engine::new(RenderOptions::default()).expect("engine");
    let (_, clean) = engine.glyph_coverage(&doc.value);
    let case = Case::from_value(&clean).expect("case");
    Fixture {
        _dir: dir,
        path,
        case,
        clean,
        stage: checked.stage,
    }
}

fn render(engine: &Engine, f: &Fixture) -> usize {
    let base = f.path.parent().unwrap_or(Path::new("."));
    let rendered = engine
        .render_case(
            &f.case,
            &f.clean,
            base,
            f.stage,
            support::manifests::today(),
        )
        .expect("renders");
    rendered.documents.len()
}

/// One document, the engine reused across iterations (`--only` that document).
#[divan::bench(args = DocumentId::ALL, sample_count = 20)]
fn document(bencher: divan::Bencher, doc: DocumentId) {
    let f = fixture(20);
    let engine = Engine::new(RenderOptions {
        only: vec![doc],
        ..RenderOptions::default()
    })
    .expect("engine");
    render(&engine, &f);
    bencher.bench(|| render(&engine, &f));
}

/// A full packet: seven documents and the specialists workbook.
#[divan::bench(sample_count = 10)]
fn packet(bencher: divan::Bencher) {
    let f = fixture(20);
    let engine = Engine::new(RenderOptions::default()).expect("engine");
    render(&engine, &f);
    bencher.bench(|| render(&engine, &f));
}

/// A full packet with a cold engine: what one `kzinvite render` of one case pays.
#[divan::bench(sample_count = 5)]
fn packet_cold_engine(bencher: divan::Bencher) {
    let f = fixture(20);
    bencher.bench(|| {
        let engine = Engine::new(RenderOptions::default()).expect("engine");
        render(&engine, &f)
    });
}
