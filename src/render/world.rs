//! The in-process Typst `World` for one document: its main source (the rendered
//! template), the layout library, the data files it may read (scans, logo, the
//! manifest to attach), the shared fonts and a fixed "today". No network, no packages.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use super::fonts::Fonts;

/// The file id of a virtual path in the project root (`/lib/letter.typ`).
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/invalid").expect("static path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The render context as the files a document reads (see [`super::context`]):
/// `/case.json`, what the case's documents in one language share (one `Bytes` for all of
/// them, so Typst hashes it once and finds what it evaluated from it in its cache);
/// `/letter.json`, the document's own part; `/context.json`, the two in one object, for
/// templates that read the context whole.
#[derive(Clone)]
pub struct ContextFiles {
    pub case: Bytes,
    pub letter: Bytes,
    pub whole: Bytes,
}

impl ContextFiles {
    /// A world whose main file reads only `/context.json` (tests, the scan thumbnails).
    pub fn whole(whole: Bytes) -> Self {
        let empty = Bytes::new(b"{}".to_vec());
        ContextFiles {
            case: empty.clone(),
            letter: empty,
            whole,
        }
    }

    fn get(&self, id: FileId) -> Option<&Bytes> {
        static IDS: std::sync::OnceLock<[FileId; 3]> = std::sync::OnceLock::new();
        let [case, letter, whole] =
            IDS.get_or_init(|| ["/case.json", "/letter.json", "/context.json"].map(file_id));
        match id {
            _ if id == *case => Some(&self.case),
            _ if id == *letter => Some(&self.letter),
            _ if id == *whole => Some(&self.whole),
            _ => None,
        }
    }
}

/// Sources and files shared by every document of a run (library modules, logo).
pub struct Shared {
    pub library: LazyHash<Library>,
    pub fonts: Fonts,
    /// Typst modules the templates import, by file id.
    pub sources: HashMap<FileId, Source>,
    /// Binary files every document may read (the logo), by file id.
    pub files: HashMap<FileId, Bytes>,
}

/// One compilation.
pub struct DocWorld<'a> {
    shared: &'a Shared,
    main: Source,
    /// The case's files, shared by its documents (scans, the manifest).
    files: &'a HashMap<FileId, Bytes>,
    /// This document's render context.
    context: ContextFiles,
    today: Datetime,
}

impl<'a> DocWorld<'a> {
    pub fn new(
        shared: &'a Shared,
        main_path: &str,
        text: String,
        files: &'a HashMap<FileId, Bytes>,
        context: ContextFiles,
        today: Datetime,
    ) -> Self {
        let main = Source::new(file_id(main_path), text);
        DocWorld {
            shared,
            main,
            files,
            context,
            today,
        }
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.shared
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.context.get(id) {
            return Ok(bytes.clone());
        }
        if let Some(bytes) = self.files.get(&id).or_else(|| self.shared.files.get(&id)) {
            return Ok(bytes.clone());
        }
        if let Some(source) = self.shared.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        Err(FileError::NotFound(
            id.get().vpath().get_without_slash().into(),
        ))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
