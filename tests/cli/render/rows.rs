//! The specialists table given its row heights from kzinvite's line counts (`lines` in the
//! render context) lays out exactly as the table that has Typst measure every row: the
//! same PDF bytes, for the 40-specialist example in Russian and Kazakh and for very long
//! names, native names and positions (rows set smaller, rows left to Typst). The other
//! side of each pair is the path an override takes whose table is not set the way
//! kzinvite measured (another font, other text settings). And a library written for the
//! render context in one file (`/context.json`, read at its top, as before the context
//! was split into `/case.json` and `/letter.json`) renders the same PDFs as the embedded one.

use std::path::Path;

use crate::render::example;
use crate::support::{assert_success, copy_dir, render};

/// The embedded `lib/letter.typ`, changed by `edit`, as an override in `dir`.
fn library_override(dir: &Path, edit: fn(&str) -> String) {
    let letter = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/lib/letter.typ"),
    )
    .expect("letter.typ");
    let changed = edit(&letter);
    assert_ne!(changed, letter, "the edit finds what it changes");
    std::fs::create_dir_all(dir.join("lib")).expect("lib");
    std::fs::write(dir.join("lib/letter.typ"), changed).expect("write");
}

/// The measured figures turned off.
fn measuring_everything(letter: &str) -> String {
    letter.replacen("let measured = (", "let measured = false and (", 1)
}

/// The whole context read from `/context.json` at the top, the letter's number and date
/// from it too.
fn whole_context(letter: &str) -> String {
    letter
        .replacen(
            r#"#let ctx = json("/case.json")"#,
            r#"#let ctx = json("/context.json")"#,
            1,
        )
        .replacen(
            r#"#let this-letter() = json("/letter.json").letter"#,
            "#let this-letter() = ctx.letter",
            1,
        )
}

/// Renders `manifest` with the embedded templates and with the library `edit` makes, and
/// checks that every PDF is the same bytes.
fn assert_same_pdfs(manifest: &Path, extra: &[&str], edit: fn(&str) -> String) {
    let work = tempfile::tempdir().expect("tempdir");
    let templates = work.path().join("templates");
    library_override(&templates, edit);
    let (given, measured) = (work.path().join("given"), work.path().join("measured"));
    assert_success(&render(manifest, &given, extra));
    let mut with_override = extra.to_vec();
    with_override.extend(["--templates", templates.to_str().expect("utf-8")]);
    assert_success(&render(manifest, &measured, &with_override));
    let mut compared = 0;
    for packet in std::fs::read_dir(&given).expect("out").flatten() {
        for file in std::fs::read_dir(packet.path()).expect("packet").flatten() {
            let path = file.path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let other = measured.join(packet.file_name()).join(file.file_name());
            let (a, b) = (
                std::fs::read(&path).expect("pdf"),
                std::fs::read(&other).expect("pdf"),
            );
            assert!(
                a == b,
                "{} differs when Typst measures every row",
                path.display()
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 7, "the seven documents of the notification stage");
}

#[test]
fn given_row_heights_lay_out_as_measured_ones() {
    let large = example("notification-large");
    assert_same_pdfs(&large, &[], measuring_everything);
    assert_same_pdfs(&large, &["--lang", "kk"], measuring_everything);
}

#[test]
fn a_library_reading_the_whole_context_renders_the_same_pdfs() {
    let large = example("notification-large");
    assert_same_pdfs(&large, &[], whole_context);
    assert_same_pdfs(&large, &["--lang", "kk"], whole_context);
}

#[test]
fn long_names_and_positions_lay_out_as_measured_ones() {
    let work = tempfile::tempdir().expect("tempdir");
    let case = work.path().join("case");
    copy_dir(example("notification").parent().expect("folder"), &case);
    let manifest = case.join("case.yaml");
    let text = std::fs::read_to_string(&manifest).expect("case.yaml");
    let long = text
        .replacen(
            "surname: WANG",
            "surname: WOLFESCHLEGELSTEINHAUSENBERGERDORFF-O'SULLIVAN",
            1,
        )
        .replacen(
            "position_ru: Инженер-мостостроитель",
            "position_ru: Главный инженер-электроэнергетик по релейной защите, автоматике и пусконаладочным работам",
            1,
        )
        .replacen(
            "surname: ZHANG",
            "native_name: Константинопольская-Щербацкая Александра\n    surname: ZHANG",
            1,
        );
    assert_eq!(long.matches("WOLFESCHLEGEL").count(), 1);
    assert_eq!(long.matches("релейной").count(), 1);
    assert_eq!(long.matches("Константинопольская").count(), 1);
    std::fs::write(&manifest, long).expect("write");
    assert_same_pdfs(&manifest, &[], measuring_everything);
    assert_same_pdfs(&manifest, &["--lang", "kk"], measuring_everything);
}
