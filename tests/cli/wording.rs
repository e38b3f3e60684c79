//! What the letters say, in each language: Kazakh letters in Kazakh, one specialist
//! spoken of in the singular, the executor line on every letter.

use std::path::{Path, PathBuf};

use super::render::{assert_states, example};
use crate::support::{assert_success, render};

/// The notification example with one specialist and no contact person: every letter
/// speaks of one specialist, and the executor line falls back on the signatory.
fn single_specialist_case(dir: &Path) -> PathBuf {
    let src = example("notification");
    let yaml = std::fs::read_to_string(&src).expect("example");
    let second = yaml
        .find("  - surname: ZHANG")
        .expect("a second specialist");
    let after = second + yaml[second..].find("\n\n").expect("end of the specialists");
    let contact = yaml.find("  contact:\n").expect("a contact");
    let contact_end = contact + yaml[contact..].find("\n\n").expect("end of inviting_party");
    let yaml = format!(
        "{}{}{}",
        &yaml[..contact],
        &yaml[contact_end + 1..second],
        &yaml[after + 1..]
    );
    let case = dir.join("case");
    std::fs::create_dir_all(case.join("scans")).expect("case folder");
    let scans = src.parent().expect("folder").join("scans");
    for scan in std::fs::read_dir(&scans).expect("scans") {
        let scan = scan.expect("scan").path();
        std::fs::copy(
            &scan,
            case.join("scans").join(scan.file_name().expect("name")),
        )
        .expect("copy");
    }
    std::fs::write(case.join("case.yaml"), yaml).expect("write");
    case.join("case.yaml")
}

#[test]
fn one_specialist_is_spoken_of_in_the_singular_in_ru_and_kk() {
    let work = tempfile::tempdir().expect("tempdir");
    let manifest = single_specialist_case(work.path());
    for (lang, facts) in [
        (
            "ru",
            [
                (
                    "04-akimat-notification.pdf",
                    "Всего — 1 (один) специалист. Сведения о специалисте:",
                ),
                ("05-border-notice.pdf", "О въезде иностранного специалиста"),
                ("07-consular-notice.pdf", "Виза будет оформляться"),
                (
                    "02-migration-petition.pdf",
                    "сведения о нём приведены в списке",
                ),
                (
                    "06-health-notice.pdf",
                    "Исп.: Иванов Иван Иванович, тел. +7 727 000 00 00",
                ),
            ],
        ),
        (
            "kk",
            [
                (
                    "04-akimat-notification.pdf",
                    "Барлығы — 1 (бір) маман. Маман туралы мәліметтер:",
                ),
                (
                    "05-border-notice.pdf",
                    "Шетелдік маманның «Қорғас» өткізу пункті арқылы келуі туралы",
                ),
                (
                    "07-consular-notice.pdf",
                    "Виза Қазақстан Республикасының шетелдегі мекемесінде",
                ),
                ("02-migration-petition.pdf", "ол туралы мәліметтер тізімде"),
                (
                    "06-health-notice.pdf",
                    "Орынд.: Иванов Иван Иванович, тел. +7 727 000 00 00",
                ),
            ],
        ),
    ] {
        let out = work.path().join(lang);
        let o = render(&manifest, &out, &["--lang", lang]);
        assert_success(&o);
        for (file, fact) in facts {
            assert_states(&out.join("KCC-2026-014").join(file), &[fact]);
        }
    }
}

#[test]
fn kazakh_documents_are_in_kazakh() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = render(&example("request"), out.path(), &["--lang", "kk"]);
    assert_success(&o);
    assert_states(
        &out.path().join("KCC-2026-011/01-akimat-request.pdf"),
        &["Алматы облысының әкіміне"],
    );
}
