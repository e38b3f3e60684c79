//! The same case from YAML and Excel renders the same packet, and `--emit-typst` writes
//! Typst projects that compile, from disk, to the packet's pages.

use std::path::Path;

use super::example;
use crate::support::{assert_success, kzinvite, render};

#[test]
fn the_same_case_renders_identically_from_yaml_and_excel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/notification");
    std::fs::create_dir_all(dir.path().join("scans")).expect("scans");
    for f in std::fs::read_dir(src.join("scans")).expect("scans") {
        let f = f.expect("entry");
        std::fs::copy(f.path(), dir.path().join("scans").join(f.file_name())).expect("copy");
    }
    std::fs::copy(src.join("case.yaml"), dir.path().join("case.yaml")).expect("copy");
    let o = kzinvite()
        .arg("convert")
        .arg(dir.path().join("case.yaml"))
        .arg(dir.path().join("case.xlsx"))
        .output()
        .expect("runs");
    assert_success(&o);
    let (a, b) = (dir.path().join("from-yaml"), dir.path().join("from-xlsx"));
    assert!(
        render(&dir.path().join("case.yaml"), &a, &[])
            .status
            .success()
    );
    let o = render(&dir.path().join("case.xlsx"), &b, &[]);
    assert_success(&o);
    for d in [
        "01-akimat-request.pdf",
        "02-migration-petition.pdf",
        "05-border-notice.pdf",
        "specialists.xlsx",
    ] {
        let x = std::fs::read(a.join("KCC-2026-014").join(d)).expect("yaml packet");
        let y = std::fs::read(b.join("KCC-2026-014").join(d)).expect("excel packet");
        assert!(
            x == y,
            "{d} differs between the YAML and the Excel manifest"
        );
    }
}

/// `--emit-typst DIR`: each document's Typst project, besides the packet; compiled on its
/// own (in process, as the Typst CLI would with `--root`), it gives the packet's pages.
#[test]
fn emitted_typst_projects_compile_to_the_packets_pages() {
    let out = tempfile::tempdir().expect("tempdir");
    let emit = tempfile::tempdir().expect("tempdir");
    let emit_arg = emit.path().to_str().expect("utf8");
    let o = render(
        &example("notification"),
        out.path(),
        &["--emit-typst", emit_arg],
    );
    assert_success(&o);
    let case = emit.path().join("KCC-2026-014");
    let meta: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.path().join("KCC-2026-014/packet.json")).expect("packet.json"),
    )
    .expect("packet.json is JSON");
    let list = std::fs::read_to_string(case.join("projects.tsv")).expect("projects.tsv");
    assert_eq!(list.lines().count(), 7, "{list}");
    let json = |path: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON")
    };
    let mut case_files: Vec<(String, Vec<u8>)> = Vec::new();
    for line in list.lines() {
        let (folder, main) = line.split_once('\t').expect("folder and main file");
        let root = case.join(folder);
        for file in [
            main,
            "case.json",
            "letter.json",
            "context.json",
            "lib/letter.typ",
            "manifest.json",
        ] {
            assert!(root.join(file).is_file(), "{folder}: no {file}");
        }
        // `/context.json` is `/letter.json`'s fields, then `/case.json`'s.
        let (own, shared, whole) = (
            json(&root.join("letter.json")),
            json(&root.join("case.json")),
            json(&root.join("context.json")),
        );
        let mut joined = own.as_object().expect("letter.json is an object").clone();
        joined.extend(shared.as_object().expect("case.json is an object").clone());
        assert_eq!(serde_json::Value::Object(joined), whole, "{folder}");
        assert_eq!(
            own["doc"]["id"],
            folder.split_once('-').expect("NN-id").1,
            "{folder}"
        );
        let lang = shared["lang"].as_str().expect("lang").to_owned();
        case_files.push((
            lang,
            std::fs::read(root.join("case.json")).expect("case.json"),
        ));
        let expected = meta["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["file"] == format!("{folder}.pdf").as_str())
            .and_then(|d| d["pages"].as_u64())
            .unwrap_or_else(|| panic!("{folder} is in packet.json"));
        assert_eq!(typst_disk::pages(&root, main) as u64, expected, "{folder}");
    }
    // One `/case.json` per language: the Russian documents share theirs byte for byte
    // (what lets Typst reuse the library across them), the partner's English one differs.
    let ru: Vec<_> = case_files.iter().filter(|(l, _)| l == "ru").collect();
    assert_eq!(ru.len(), 6);
    assert!(ru.iter().all(|(_, bytes)| *bytes == ru[0].1));
    assert!(
        case_files
            .iter()
            .any(|(l, bytes)| l == "en" && *bytes != ru[0].1)
    );
    let scans = case.join("02-migration-petition/scans");
    assert!(std::fs::read_dir(&scans).expect("scans").count() > 0);
}

/// A Typst world reading a project folder from disk, with the fonts kzinvite embeds.
mod typst_disk {
    use std::path::{Path, PathBuf};

    use typst::diag::{FileError, FileResult};
    use typst::foundations::{Bytes, Datetime};
    use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
    use typst::text::{Font, FontBook};
    use typst::utils::LazyHash;
    use typst::{Library, LibraryExt};

    struct DiskWorld {
        root: PathBuf,
        main: FileId,
        library: LazyHash<Library>,
        book: LazyHash<FontBook>,
        fonts: Vec<Font>,
    }

    impl typst::World for DiskWorld {
        fn library(&self) -> &LazyHash<Library> {
            &self.library
        }

        fn book(&self) -> &LazyHash<FontBook> {
            &self.book
        }

        fn main(&self) -> FileId {
            self.main
        }

        fn source(&self, id: FileId) -> FileResult<Source> {
            let bytes = self.file(id)?;
            Ok(Source::new(
                id,
                String::from_utf8_lossy(&bytes).into_owned(),
            ))
        }

        fn file(&self, id: FileId) -> FileResult<Bytes> {
            let relative = id.get().vpath().get_without_slash().to_owned();
            std::fs::read(self.root.join(&relative))
                .map(Bytes::new)
                .map_err(|_| FileError::NotFound(relative.into()))
        }

        fn font(&self, index: usize) -> Option<Font> {
            self.fonts.get(index).cloned()
        }

        fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
            Datetime::from_ymd(2026, 1, 15)
        }
    }

    /// The number of pages `main` lays out to in the project at `root`.
    pub fn pages(root: &Path, main: &str) -> usize {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = FontBook::from_infos(fonts.iter().map(|f| f.info().clone()));
        let vpath = VirtualPath::new(format!("/{main}")).expect("a virtual path");
        let world = DiskWorld {
            root: root.to_path_buf(),
            main: RootedPath::new(VirtualRoot::Project, vpath).intern(),
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
        };
        let document = typst::compile::<typst_layout::PagedDocument>(&world)
            .output
            .unwrap_or_else(|e| panic!("{}: {e:?}", root.display()));
        document.pages().len()
    }
}
