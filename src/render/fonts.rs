//! Fonts: the embedded Libertinus Serif family (Latin, Cyrillic and every Kazakh letter)
//! plus whatever `--font-path` adds; and the coverage check behind `glyph-coverage`.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The fonts every document may use, loaded once per process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    /// What the fonts are, for packet.json: the embedded set's build fingerprint, then
    /// each `--font-path` file by path and content hash (a replaced file is noticed).
    pub fingerprints: Vec<FontFingerprint>,
    /// Files under a `--font-path` folder named as fonts that hold none: left out (a
    /// folder may hold a broken or half-copied file; `watch` says so).
    pub skipped: Vec<std::path::PathBuf>,
    infos: Vec<FontInfo>,
    /// Widest advance of each character below [`DENSE_ADVANCES`] in any font, in em, as
    /// `f32` bits; [`NOT_YET`] until the character is first met. Looked up on demand: a
    /// whole table would cost a one-document process a quarter of its time.
    advances: Box<[AtomicU32]>,
}

/// A font file (or the embedded set) and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FontFingerprint {
    /// `(embedded)`, or the file's path as found under `--font-path`.
    pub path: String,
    pub sha256: String,
}

/// Why a file given as, or found under, `--font-path` adds no font.
pub fn not_a_font(file: &Path) -> String {
    format!(
        "{} is not a font file kzinvite can read (TTF, OTF, TTC)",
        file.display()
    )
}

/// An [`Fonts::advances`] slot not looked up yet (a NaN, never an advance).
const NOT_YET: u32 = u32::MAX;

/// Characters whose widest advance is kept in a table: Latin, Greek, Cyrillic (with
/// every Kazakh letter), the general punctuation and letter-like symbols (`№`).
const DENSE_ADVANCES: u32 = 0x2150;

impl Fonts {
    /// The embedded fonts, then the fonts found under `extra` (files or folders).
    pub fn load(extra: &[impl AsRef<Path>]) -> anyhow::Result<Fonts> {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let mut skipped = Vec::new();
        let mut fingerprints = vec![FontFingerprint {
            path: "(embedded)".into(),
            sha256: env!("KZINVITE_EMBEDDED_FONTS_SHA256").into(),
        }];
        for path in extra {
            let path = path.as_ref();
            let meta = std::fs::metadata(path)
                .map_err(|e| anyhow::anyhow!("--font-path {}: {e}", path.display()))?;
            let files: Vec<std::path::PathBuf> = if meta.is_dir() {
                walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_map(Result::ok)
                    .map(walkdir::DirEntry::into_path)
                    .filter(|p| is_font_file(p))
                    // A link to a device or a pipe would be read without end.
                    .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()))
                    .collect()
            } else if meta.is_file() {
                vec![path.to_path_buf()]
            } else {
                anyhow::bail!("--font-path {}: not a font file or folder", path.display());
            };
            for file in files {
                let data = std::fs::read(&file)
                    .map_err(|e| anyhow::anyhow!("cannot read font {}: {e}", file.display()))?;
                let before = fonts.len();
                let sha256 = crate::hash::sha256_hex(&data);
                fonts.extend(Font::iter(Bytes::new(data)));
                if fonts.len() > before {
                    fingerprints.push(FontFingerprint {
                        path: file.display().to_string(),
                        sha256,
                    });
                }
                if fonts.len() == before {
                    if !meta.is_dir() {
                        anyhow::bail!("{}", not_a_font(&file));
                    }
                    skipped.push(file);
                }
            }
        }
        let infos: Vec<FontInfo> = fonts.iter().map(|f| f.info().clone()).collect();
        let book = LazyHash::new(FontBook::from_infos(infos.iter().cloned()));
        Ok(Fonts {
            book,
            fonts,
            fingerprints,
            skipped,
            infos,
            advances: (0..DENSE_ADVANCES)
                .map(|_| AtomicU32::new(NOT_YET))
                .collect(),
        })
    }

    /// Whether some font can draw `c` (white space always counts as drawable).
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || self
                .infos
                .iter()
                .any(|info| info.coverage.contains(c as u32))
    }

    /// An upper bound on the width of the widest space-separated word of `text` at 1 em,
    /// whatever font draws it: each character counted at its widest advance in any
    /// font. Tables set a word as is when this bound fits its column, and measure it
    /// only when it might not (see `people-table` in `templates/lib/letter.typ`).
    pub fn widest_word_em(&self, text: &str) -> f64 {
        // The characters not met before, looked up together: one pass over the fonts.
        let mut missing: Vec<char> = text.chars().filter(|&c| self.known(c).is_none()).collect();
        missing.sort_unstable();
        missing.dedup();
        let found = if missing.is_empty() {
            Vec::new()
        } else {
            self.widest_advances(&missing)
        };
        for (c, advance) in missing.iter().zip(&found) {
            if let Some(slot) = self.advances.get(*c as usize) {
                slot.store(advance.to_bits(), Ordering::Relaxed);
            }
        }
        let advance = |c: char| {
            self.known(c)
                .or_else(|| missing.binary_search(&c).ok().map(|i| found[i]))
                .map_or(0.0, f64::from)
        };
        text.split(' ')
            .map(|word| word.chars().map(advance).sum::<f64>())
            .fold(0.0, f64::max)
    }

    /// The widest advance of `c` if it is in the table and was looked up before.
    fn known(&self, c: char) -> Option<f32> {
        let bits = self.advances.get(c as usize)?.load(Ordering::Relaxed);
        (bits != NOT_YET).then(|| f32::from_bits(bits))
    }

    /// The widest advance of each of `chars` among the fonts that draw it, in em (0
    /// where none does).
    fn widest_advances(&self, chars: &[char]) -> Vec<f32> {
        let mut widest = vec![0.0f32; chars.len()];
        for (font, info) in self.fonts.iter().zip(&self.infos) {
            if !chars.iter().any(|c| info.coverage.contains(*c as u32)) {
                continue;
            }
            let Ok(face) = ttf_parser::Face::parse(font.data(), font.index()) else {
                continue;
            };
            let per_em = f32::from(face.units_per_em());
            for (c, w) in chars.iter().zip(widest.iter_mut()) {
                if let Some(advance) = face
                    .glyph_index(*c)
                    .and_then(|glyph| face.glyph_hor_advance(glyph))
                {
                    *w = w.max(f32::from(advance) / per_em);
                }
            }
        }
        widest
    }

    /// The characters of `text` no font can draw, each once, in order.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.covers(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Total size of the embedded font files, in bytes (for the README's figures).
    pub fn embedded_bytes() -> usize {
        typst_assets::fonts().map(<[u8]>::len).sum()
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_cover_kazakh_and_russian() -> anyhow::Result<()> {
        let fonts = Fonts::load(&[] as &[&Path])?;
        let kazakh = "ӘәҒғҚқҢңӨөҰұҮүҺһІі АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абв «»—№";
        assert_eq!(fonts.uncovered(kazakh), Vec::<char>::new());
        assert_eq!(fonts.uncovered("王磊"), vec!['王', '磊']);
        Ok(())
    }

    /// A font file replaced under the same path is a different input (packet.json).
    #[test]
    fn extra_fonts_are_fingerprinted_by_content() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("extra.otf");
        let mut embedded = typst_assets::fonts();
        let (Some(first), Some(second)) = (embedded.next(), embedded.next()) else {
            anyhow::bail!("typst-assets embeds fonts");
        };
        std::fs::write(&path, first)?;
        let before = Fonts::load(std::slice::from_ref(&path))?.fingerprints;
        std::fs::write(&path, second)?;
        let after = Fonts::load(std::slice::from_ref(&path))?.fingerprints;
        assert_eq!(before.len(), 2, "{before:?}");
        assert_eq!(before[0], after[0], "the embedded set is the same");
        assert_eq!(before[1].path, after[1].path);
        assert_ne!(before[1].sha256, after[1].sha256);
        Ok(())
    }

    /// The bound is never below what the font really takes, and not far above it.
    #[test]
    fn widest_word_bounds_real_widths() -> anyhow::Result<()> {
        let fonts = Fonts::load(&[] as &[&Path])?;
        let regular = fonts
            .fonts
            .iter()
            .find(|f| f.info().family == "Libertinus Serif")
            .ok_or_else(|| anyhow::anyhow!("Libertinus Serif is embedded"))?;
        let face = ttf_parser::Face::parse(regular.data(), regular.index())?;
        let width = |word: &str| -> f64 {
            word.chars()
                .filter_map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)))
                .map(|a| f64::from(a) / f64::from(face.units_per_em()))
                .sum()
        };
        for text in [
            "WANG LEI",
            "Қызылорда облысы",
            "Commissioning engineer",
            "№\u{a0}AK-2026-001001 от\u{a0}09.01.2026",
            "ЩЖЮ",
        ] {
            let widest = text.split(' ').map(width).fold(0.0, f64::max);
            let bound = fonts.widest_word_em(text);
            // Again, now that every character has been looked up: the same bound.
            assert_eq!(fonts.widest_word_em(text), bound, "{text}: cached bound");
            assert!(bound >= widest, "{text}: bound {bound} < {widest}");
            assert!(
                bound <= widest * 2.0,
                "{text}: bound {bound} far above {widest}"
            );
        }
        assert_eq!(fonts.widest_word_em(""), 0.0);
        // Characters no font draws count for nothing (they are left out of documents).
        assert_eq!(fonts.widest_word_em("王磊"), 0.0);
        Ok(())
    }
}
