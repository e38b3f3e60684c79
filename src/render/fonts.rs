//! Fonts: the embedded Libertinus Serif family (Latin, Cyrillic and every Kazakh letter)
//! plus whatever `--font-path` adds; and the coverage check behind `glyph-coverage`.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The fonts every document may use, loaded once per process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    infos: Vec<FontInfo>,
}

impl Fonts {
    /// The embedded fonts, then the fonts found under `extra` (files or folders).
    pub fn load(extra: &[impl AsRef<Path>]) -> anyhow::Result<Fonts> {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
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
                fonts.extend(Font::iter(Bytes::new(data)));
                if fonts.len() == before && !meta.is_dir() {
                    anyhow::bail!(
                        "{} is not a font file kzinvite can read (TTF, OTF, TTC)",
                        file.display()
                    );
                }
            }
        }
        let infos: Vec<FontInfo> = fonts.iter().map(|f| f.info().clone()).collect();
        let book = LazyHash::new(FontBook::from_infos(infos.iter().cloned()));
        Ok(Fonts { book, fonts, infos })
    }

    /// Whether some font can draw `c` (white space always counts as drawable).
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || self
                .infos
                .iter()
                .any(|info| info.coverage.contains(c as u32))
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
}
