//! Letters wholly in their language: the Kazakh packet prints the `_kk` values and the
//! English partner notice the `_en` ones — letterhead, body, signature, executor line —
//! and not the Russian values they replace; without them `translation-missing` names
//! each field a document of the case falls back on.

use std::path::Path;
use std::process::Output;

fn kzinvite(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kzinvite"))
        .args(args)
        .args(["--today", "2026-01-15", "--color", "never"])
        .output()
        .unwrap_or_else(|e| panic!("running kzinvite: {e}"))
}

fn ok(o: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{text}");
    text
}

/// The PDF's text without white space (extractors differ in spacing).
fn text(pdf: &Path) -> String {
    let bytes = std::fs::read(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let t = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    squash(&t)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `kzinvite init`'s example (every translation filled in) moved on to stage notification.
fn translated_case(dir: &Path) -> String {
    let case = dir.join("case");
    ok(&kzinvite(&["init", case.to_str().unwrap_or_default()]));
    let manifest = case.join("case.yaml");
    let mut yaml = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    yaml.push_str(
        "ic_decision:\n  minutes_number: \"15\"\n  date: 2026-01-15\n  approved: all\n\
         visa_support:\n  number: \"0012345678\"\n  date: 2026-01-15\n",
    );
    std::fs::write(&manifest, yaml).unwrap_or_else(|e| panic!("{e}"));
    manifest.display().to_string()
}

const RU_ADDRESS: &str = "040800,Алматинскаяобласть,г.Конаев,ул.Абая,1";
const RU_POSITION: &str = "Генеральныйдиректор";
const RU_TITLE: &str = "Реконструкцияавтодороги«Алматы—Хоргос»";
const RU_LOCATION: &str = "Алматинскаяобласть,Панфиловскийрайон";

#[test]
fn kazakh_letters_and_the_english_notice_print_their_own_language() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = translated_case(dir.path());
    let out = dir.path().join("out");
    let log = ok(&kzinvite(&[
        "render",
        &manifest,
        "--out",
        out.to_str().unwrap_or_default(),
        "--lang",
        "kk",
    ]));
    assert!(!log.contains("translation-missing"), "{log}");
    let packet = out.join("KCC-2026-001");
    let kazakh = [
        "01-akimat-request.pdf",
        "02-migration-petition.pdf",
        "04-akimat-notification.pdf",
        "05-border-notice.pdf",
        "06-health-notice.pdf",
        "07-consular-notice.pdf",
    ];
    for file in kazakh {
        let t = text(&packet.join(file));
        // Letterhead (the Kazakh name first), addressee block and signature.
        assert!(t.contains("«Қазақстанқұрылыскомпаниясы»ЖШС"), "{file}: {t}");
        assert!(
            t.contains("040800,Алматыоблысы,Қонаевқаласы,Абайкөшесі,1"),
            "{file}"
        );
        assert!(t.contains("Басдиректор"), "{file}");
        for russian in [RU_ADDRESS, RU_POSITION, RU_TITLE, RU_LOCATION] {
            assert!(!t.contains(russian), "{file} prints the Russian {russian}");
        }
    }
    // The tables give the positions in Kazakh, not as the contract writes them.
    for file in [kazakh[0], kazakh[1], kazakh[2], kazakh[4]] {
        let t = text(&packet.join(file));
        assert!(t.contains("Көпірсалуинженері"), "{file}: {t}");
        assert!(t.contains("Асфальтбетонзауытыныңтехнигі"), "{file}");
        assert!(
            !t.contains("Bridgeengineer"),
            "{file} prints the English position"
        );
        assert!(
            !t.contains("Инженер-мостостроитель"),
            "{file} prints the Russian position"
        );
    }
    let request = text(&packet.join("01-akimat-request.pdf"));
    assert!(request.contains(&squash(
        "Автомобиль жолын реконструкциялау: «Алматы — Қорғас»"
    )));
    assert!(request.contains(&squash("Алматы облысы, Панфилов ауданы")));
    assert!(request.contains(&squash("Республикалық маңызы бар «Алматы — Қорғас»")));
    assert!(!request.contains(&squash("Реконструкция участка республиканской")));
    let notice = text(&packet.join("03-partner-notice.pdf"));
    for english in [
        "KazakhstanConstructionCompanyLLP",
        "1AbaiStreet,Konaev040800,AlmatyRegion,Kazakhstan",
        "GeneralDirector",
        "IvanIvanov",
        "AigulAkhmetova",
    ] {
        assert!(
            notice.contains(english),
            "the partner notice lacks {english}: {notice}"
        );
    }
    for cyrillic in [RU_ADDRESS, RU_POSITION, "ИвановИванИванович", "Ахметова"]
    {
        assert!(
            !notice.contains(cyrillic),
            "the partner notice prints {cyrillic}"
        );
    }
}

#[test]
fn russian_letters_print_the_positions_in_russian() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = translated_case(dir.path());
    let out = dir.path().join("out");
    let log = ok(&kzinvite(&[
        "render",
        &manifest,
        "--out",
        out.to_str().unwrap_or_default(),
    ]));
    assert!(!log.contains("translation-missing"), "{log}");
    let packet = out.join("KCC-2026-001");
    for file in [
        "01-akimat-request.pdf",
        "02-migration-petition.pdf",
        "04-akimat-notification.pdf",
        "06-health-notice.pdf",
    ] {
        let t = text(&packet.join(file));
        assert!(t.contains("Инженер-мостостроитель"), "{file}: {t}");
        assert!(t.contains("Техникасфальтобетонногозавода"), "{file}");
        assert!(
            !t.contains("Bridgeengineer"),
            "{file} prints the English position"
        );
    }
    let notice = text(&packet.join("03-partner-notice.pdf"));
    assert!(notice.contains("Bridgeengineer"), "{notice}");
    assert!(!notice.contains("Инженер-мостостроитель"), "{notice}");
}

#[test]
fn positions_missing_in_the_letters_language_are_one_warning_for_the_list() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = translated_case(dir.path());
    let yaml = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let yaml: String = yaml
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("position_ru:")
                && !l.trim_start().starts_with("position_kk:")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&manifest, yaml).unwrap_or_else(|e| panic!("{e}"));
    let text = ok(&kzinvite(&["validate", &manifest]));
    assert!(
        text.contains("`specialists[].position_ru` is missing for 2 of 2 specialists (the first: WANG LEI (E12345678))"),
        "{text}"
    );
    assert_eq!(
        text.matches("warning[translation-missing]").count(),
        1,
        "{text}"
    );
    let kk = ok(&kzinvite(&["validate", &manifest, "--lang", "kk"]));
    assert!(
        kk.contains("`specialists[].position_kk` is missing for 2 of 2"),
        "{kk}"
    );
    assert!(!kk.contains("position_ru"), "{kk}");
    // A variant in the wrong script: one warning per problem, at the first specialist's.
    let yaml = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let yaml = yaml
        .replace(
            "    position_en: Bridge engineer",
            "    position_en: Инженер\n    position_ru: Bridge engineer",
        )
        .replace(
            "    position_en: Asphalt plant technician",
            "    position_en: Техник",
        );
    std::fs::write(&manifest, yaml).unwrap_or_else(|e| panic!("{e}"));
    let text = ok(&kzinvite(&["validate", &manifest]));
    assert!(
        text.contains("`specialists[].position_en` has Cyrillic letters for 2 of 2 specialists"),
        "{text}"
    );
    assert!(
        text.contains("`specialists[].position_ru` has no Cyrillic letter for 1 of 2 specialists"),
        "{text}"
    );
}

#[test]
fn without_translations_each_field_a_document_falls_back_on_is_named() {
    // The notification example as it was before translations existed (a manifest of
    // kzinvite 0.1, kept beside the workbook LibreOffice saved from it).
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/excel/libreoffice/case.yaml");
    let o = kzinvite(&[
        "validate",
        example.to_str().unwrap_or_default(),
        "--lang",
        "kk",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "warnings only");
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let missing: Vec<(String, String)> = report["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "translation-missing")
        .map(|d| {
            let message = d["message"].as_str().unwrap_or_default();
            let field = message.split('`').nth(1).unwrap_or_default().to_owned();
            (field, d["pointer"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    let fields: Vec<&str> = missing.iter().map(|(f, _)| f.as_str()).collect();
    for field in [
        "inviting_party.name_kk",
        "inviting_party.address_kk",
        "inviting_party.signatory.name_kk",
        "inviting_party.signatory.position_kk",
        "inviting_party.contact.name_kk",
        "project.title_kk",
        "project.description_kk",
        "project.location_kk",
        "inviting_party.address_en",
        "inviting_party.signatory.name_en",
        "inviting_party.signatory.position_en",
        "inviting_party.contact.name_en",
        "project.title_en",
        "project.location_en",
        "specialists[].position_kk",
    ] {
        assert!(fields.contains(&field), "{field} not named: {fields:?}");
    }
    assert_eq!(fields.len(), 15, "{fields:?}");
    // The positions: one warning for the whole list, at the first specialist's position.
    assert!(missing.contains(&(
        "specialists[].position_kk".to_owned(),
        "/specialists/0/position".to_owned()
    )));
    // Each is located at the registered value it falls back on.
    assert!(missing.contains(&("project.title_kk".to_owned(), "/project/title".to_owned())));
    // In Russian the English notice's fields are missing, and the positions in Russian
    // (the contract writes them in English).
    let ru = kzinvite(&[
        "validate",
        example.to_str().unwrap_or_default(),
        "--format",
        "json",
    ]);
    let ru = String::from_utf8_lossy(&ru.stdout);
    assert_eq!(
        ru.matches("\"code\":\"translation-missing\"").count(),
        7,
        "{ru}"
    );
}

#[test]
fn a_translation_in_the_wrong_script_is_flagged_where_it_stands() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let manifest = translated_case(dir.path());
    let yaml = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let yaml = yaml
        .replace(
            "    position_en: General Director",
            "    position_en: Генеральный директор",
        )
        .replace(
            "  location_kk: Алматы облысы, Панфилов ауданы",
            "  location_kk: Almaty oblysy",
        )
        .replace(
            "  title_kk: \"Автомобиль жолын реконструкциялау: «Алматы — Қорғас», 120–180 км учаскесі\"",
            "  title_kk: Реконструкция автодороги «Алматы — Хоргос», участок км 120–180",
        );
    std::fs::write(&manifest, &yaml).unwrap_or_else(|e| panic!("{e}"));
    let o = kzinvite(&["validate", &manifest]);
    let text = ok(&o);
    assert!(
        text.contains(
            "warning[translation-suspect]: `project.title_kk` is the same as `project.title`"
        ),
        "{text}"
    );
    // Present but empty, or only spaces: the schema's error, at the value.
    for empty in ["    name_en: \"\"", "    name_en: \"  \""] {
        let yaml = yaml.replace("    name_en: Aigul Akhmetova", empty);
        std::fs::write(&manifest, yaml).unwrap_or_else(|e| panic!("{e}"));
        let o = kzinvite(&["validate", &manifest, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1));
        let report = String::from_utf8_lossy(&o.stdout);
        assert!(
            report.contains("\"pointer\":\"/inviting_party/contact/name_en\""),
            "{report}"
        );
        assert!(report.contains("schema/minLength"), "{report}");
    }
    std::fs::write(&manifest, &yaml).unwrap_or_else(|e| panic!("{e}"));
    let text = ok(&kzinvite(&["validate", &manifest]));
    assert!(
        text.contains("warning[translation-suspect]: `inviting_party.signatory.position_en` has Cyrillic letters"),
        "{text}"
    );
    assert!(
        text.contains("warning[translation-suspect]: `project.location_kk` has no Cyrillic letter"),
        "{text}"
    );
}
