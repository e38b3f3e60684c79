//! Every document template compiles, in Russian and Kazakh, for the example cases at
//! every stage, including 40 specialists with markup characters in their data.

use std::process::Command;

use kzinvite::documents::DocumentId;

#[test]
fn every_template_renders() {
    let out = tempfile::tempdir().expect("tempdir");
    let root = env!("CARGO_MANIFEST_DIR");
    for case in ["request", "petition", "notification", "notification-large"] {
        for lang in ["ru", "kk"] {
            let manifest = format!("{root}/fixtures/examples/{case}/case.yaml");
            let dir = out.path().join(format!("{case}-{lang}"));
            let output = Command::new(env!("CARGO_BIN_EXE_kzinvite"))
                .env_remove("SOURCE_DATE_EPOCH")
                .args(["render", &manifest, "--out"])
                .arg(&dir)
                .args(["--lang", lang, "--today", "2026-01-15"])
                .args(["--force", "--quiet", "-j", "1"])
                .output()
                .unwrap_or_else(|e| panic!("running kzinvite: {e}"));
            assert!(
                output.status.success(),
                "{case} ({lang}): exit {:?}\n{}{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    let packet = out.path().join("notification-kk").join("KCC-2026-014");
    for doc in DocumentId::ALL {
        assert!(packet.join(doc.file_name()).is_file(), "{doc}");
    }
}
