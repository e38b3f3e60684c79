//! Rendering end to end: the binary renders the bundled examples; the PDFs are read
//! back with a text extractor and checked for the facts documents.md requires.

use std::path::{Path, PathBuf};

use crate::support::{assert_success, render};

mod fonts;
mod projects;
mod rows;

pub(crate) fn example(stage: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples")
        .join(stage)
        .join("case.yaml")
}

/// The PDF's text with all white space removed (extractors differ in spacing).
pub(crate) fn text(pdf: &Path) -> String {
    let bytes = std::fs::read(pdf).expect("pdf exists");
    let t = pdf_extract::extract_text_from_mem(&bytes).expect("text extracts");
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) fn assert_states(pdf: &Path, facts: &[&str]) {
    let t = text(pdf);
    for fact in facts {
        assert!(
            t.contains(&squash(fact)),
            "{} does not state {fact:?}",
            pdf.display()
        );
    }
}

/// The packet folder's packet.json, parsed.
fn packet_json(packet: &Path) -> serde_json::Value {
    let bytes = std::fs::read(packet.join("packet.json")).expect("packet.json");
    serde_json::from_slice(&bytes).expect("json")
}

#[test]
fn notification_packet_has_seven_documents_stating_their_facts() {
    let out = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("notification"), out.path(), &[]));
    let dir = out.path().join("KCC-2026-014");
    let names: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(&dir)
            .expect("packet")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names,
        [
            "01-akimat-request.pdf",
            "02-migration-petition.pdf",
            "03-partner-notice.pdf",
            "04-akimat-notification.pdf",
            "05-border-notice.pdf",
            "06-health-notice.pdf",
            "07-consular-notice.pdf",
            "packet.json",
            "specialists.xlsx"
        ]
    );
    // Letterhead and people on every document.
    for f in names.iter().filter(|n| n.ends_with(".pdf")) {
        assert_states(&dir.join(f), &["180340021830", "office@example.kz"]);
    }
    assert_states(
        &dir.join("01-akimat-request.pdf"),
        &[
            "Акиму Алматинской области",
            "ТОО «Казахстанская строительная компания»",
            "социально значимым",
            "Пунктом 26",
            "11 мая 2020",
            "Заместителя Премьер-Министра",
            "China Road and Bridge Corporation",
            "Китай",
            "Всего в списке — 2 (два) специалиста",
            "с 01.03.2026 по 31.08.2026 включительно",
            "Пекин",
            "KCC-CRBC-17",
            "Алматинская область, Панфиловский район",
            "WANG LEI",
            "E87654321",
            "Исх. № 01-12/345 от 05.01.2026",
            "Генеральный директор",
            "Иванов Иван Иванович",
            "Ахметова Айгуль Сериковна",
        ],
    );
    let packet = packet_json(&dir);
    assert_eq!(packet["id"], "KCC-2026-014");
    assert_eq!(packet["stage"], "notification");
    assert_eq!(packet["language"], "ru");
    assert_eq!(packet["documents"].as_array().map(Vec::len), Some(7));
    assert_eq!(packet["skipped"].as_array().map(Vec::len), Some(0));
    assert!(packet["documents"][0]["pages"].as_u64().unwrap_or(0) >= 2);
    assert_eq!(
        packet["documents"][0]["sha256"].as_str().map(str::len),
        Some(64)
    );
}

#[test]
fn request_stage_renders_only_the_akimat_request_and_explains_the_rest() {
    let out = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("request"), out.path(), &[]));
    let dir = out.path().join("KCC-2026-011");
    assert!(dir.join("01-akimat-request.pdf").is_file());
    assert!(!dir.join("02-migration-petition.pdf").exists());
    let packet = packet_json(&dir);
    let skipped = packet["skipped"].as_array().expect("skipped");
    assert_eq!(skipped.len(), 6);
    assert_eq!(skipped[0]["id"], "migration-petition");
    assert_eq!(skipped[0]["reason"], "needs ic_decision (stage petition)");
    assert_eq!(
        skipped[1]["reason"],
        "needs visa_support (stage notification)"
    );
}

#[test]
fn two_renders_give_the_same_bytes() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("petition"), a.path(), &[]));
    assert_success(&render(&example("petition"), b.path(), &["--jobs", "1"]));
    for name in [
        "01-akimat-request.pdf",
        "02-migration-petition.pdf",
        "specialists.xlsx",
        "packet.json",
    ] {
        let x = std::fs::read(a.path().join("KCC-2026-012").join(name)).expect("a");
        let y = std::fs::read(b.path().join("KCC-2026-012").join(name)).expect("b");
        assert!(x == y, "{name} differs between two renders");
    }
}

/// Every page of every document carries the draft stamp exactly once: the pages are
/// counted by the extractor and must agree with packet.json.
#[test]
fn draft_stamps_every_page() {
    let out = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("notification"), out.path(), &["--draft"]));
    let dir = out.path().join("KCC-2026-014");
    let packet = packet_json(&dir);
    let documents = packet["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 7);
    for document in documents {
        let file = document["file"].as_str().expect("file");
        let bytes = std::fs::read(dir.join(file)).expect("pdf exists");
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("text extracts");
        assert_eq!(
            Some(pages.len() as u64),
            document["pages"].as_u64(),
            "{file}: pages in the PDF and in packet.json"
        );
        for (i, page) in pages.iter().enumerate() {
            // `ПРОЕКТ / DRAFT`, `ЖОБА / DRAFT` or `DRAFT`, as the document's language has it.
            let stamps = squash(page).matches("DRAFT").count();
            assert_eq!(stamps, 1, "{file}, page {} of {}", i + 1, pages.len());
        }
    }
}

#[test]
fn up_to_date_packets_are_left_alone_and_force_renders() {
    let out = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("request"), out.path(), &[]));
    let second = render(&example("request"), out.path(), &[]);
    assert!(String::from_utf8_lossy(&second.stdout).contains("up to date"));
    let forced = render(&example("request"), out.path(), &["--force"]);
    assert!(String::from_utf8_lossy(&forced.stdout).contains("rendered"));
    // Another option is another packet.
    let draft = render(&example("request"), out.path(), &["--draft"]);
    assert!(String::from_utf8_lossy(&draft.stdout).contains("rendered"));
}

#[test]
fn a_failed_render_keeps_the_previous_packet() {
    let out = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("request"), out.path(), &[]));
    let before = std::fs::read(out.path().join("KCC-2026-011/01-akimat-request.pdf")).expect("pdf");
    let broken = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(broken.path().join("documents")).expect("dir");
    std::fs::write(
        broken.path().join("documents/akimat-request.ru.typ"),
        "#import \"/lib/letter.typ\": *\n#undefined-function()\n",
    )
    .expect("write");
    let o = render(
        &example("request"),
        out.path(),
        &[
            "--templates",
            broken.path().to_str().expect("utf8"),
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("akimat-request.ru.typ"),
        "names the template: {stdout}"
    );
    let after =
        std::fs::read(out.path().join("KCC-2026-011/01-akimat-request.pdf")).expect("pdf kept");
    assert_eq!(before, after);
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("out")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary folders left: {leftovers:?}"
    );
}

#[test]
fn an_invalid_manifest_renders_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(example("request")).expect("example");
    std::fs::write(
        dir.path().join("case.yaml"),
        text.replace("180340021830", "180340021836"),
    )
    .expect("write");
    std::fs::create_dir_all(dir.path().join("scans")).expect("scans");
    let out = dir.path().join("out");
    let o = render(&dir.path().join("case.yaml"), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("bin-checksum"));
    assert!(!out.join("KCC-2026-011").exists());
}

#[test]
fn pdf_a2b_has_no_attachment_and_default_has_the_manifest() {
    let a = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("request"), a.path(), &[]));
    let pdf = std::fs::read(a.path().join("KCC-2026-011/01-akimat-request.pdf")).expect("pdf");
    assert!(
        contains(&pdf, b"manifest.json"),
        "default PDFs attach manifest.json"
    );
    let b = tempfile::tempdir().expect("tempdir");
    assert_success(&render(
        &example("request"),
        b.path(),
        &["--pdf-standard", "a-2b"],
    ));
    let pdf = std::fs::read(b.path().join("KCC-2026-011/01-akimat-request.pdf")).expect("pdf");
    assert!(!contains(&pdf, b"manifest.json"));
    assert!(
        contains(&pdf, b"pdfaid"),
        "PDF/A identification in the metadata"
    );
}

/// Every document carries its title and the company as author in its metadata (the
/// XMP packet, written uncompressed): `setup` sets them after the body, so that the
/// documents of a case share one style chain, and they must still reach the PDF.
#[test]
fn every_document_has_its_title_and_the_company_as_author() {
    let out = tempfile::tempdir().expect("tempdir");
    assert_success(&render(&example("notification"), out.path(), &[]));
    let dir = out.path().join("KCC-2026-014");
    let titled = |file: &str, title: &str, author: &str| {
        let pdf = std::fs::read(dir.join(file)).expect("pdf");
        let title = format!("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li>");
        assert!(contains(&pdf, title.as_bytes()), "{file}: no {title}");
        let author = format!("<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li>");
        assert!(contains(&pdf, author.as_bytes()), "{file}: no {author}");
    };
    let company = "ТОО «Казахстанская строительная компания»";
    titled(
        "05-border-notice.pdf",
        "Письмо в Пограничную службу КНБ о въезде иностранных специалистов",
        company,
    );
    titled(
        "03-partner-notice.pdf",
        "Notice of visa support for the entry of specialists into the Republic of Kazakhstan",
        "Kazakhstan Construction Company LLP",
    );
    for entry in std::fs::read_dir(&dir).expect("packet") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let pdf = std::fs::read(&path).expect("pdf");
            assert!(
                !contains(
                    &pdf,
                    b"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\"></rdf:li>"
                ) && contains(&pdf, b"<dc:title>"),
                "{}: no title",
                path.display()
            );
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
