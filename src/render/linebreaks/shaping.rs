//! Shaping a table text as Typst shapes it: the runs of one script it splits the text
//! into, each shaped with rustybuzz as Typst's `shape_segment` does, and a line's natural
//! width cut from those runs (or shaped again) as Typst's `line` makes it.

use rustybuzz::{BufferFlags, Direction, UnicodeBuffer};
use typst::text::FontInstance;

use crate::language::Language;

/// One shaped glyph: where its cluster starts, its advance in em, and whether a line
/// may start or end before it without shaping the text again.
pub(super) struct Glyph {
    cluster: usize,
    advance: f64,
    safe_to_break: bool,
}

/// The width of `text` set alone on one line, in em.
pub(super) fn natural_width(face: &FontInstance, text: &str, lang: Language) -> Option<f64> {
    let runs = shaped_runs(face, text, lang)?;
    line_width(face, text, lang, &runs, 0, text.len())
}

/// A run of one script (and the signs around it) that Typst shapes on its own, with its
/// glyphs (clusters as offsets into the whole text).
pub(super) struct Run {
    range: std::ops::Range<usize>,
    glyphs: Vec<Glyph>,
}

/// `text`'s runs, each shaped.
pub(super) fn shaped_runs(face: &FontInstance, text: &str, lang: Language) -> Option<Vec<Run>> {
    runs(text)
        .into_iter()
        .map(|range| {
            Some(Run {
                glyphs: shape(face, &text[range.clone()], lang, range.start)?,
                range,
            })
        })
        .collect()
}

/// The runs Typst splits a left-to-right text into before shaping (`shape_range` in
/// typst-layout): a new run where the script changes, signs and spaces going with the
/// run they are in.
pub(super) fn runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut current = None;
    let mut cursor = 0;
    for (i, c) in text.char_indices() {
        let Some(script) = script(c) else { continue };
        if current.is_some_and(|s| s != script) && cursor < i {
            out.push(cursor..i);
            cursor = i;
        }
        current = Some(script);
    }
    out.push(cursor..text.len());
    out
}

/// Latin (`L`) or Cyrillic (`C`) for a letter, `None` for the common signs, spaces and
/// figures that go with either (the letters [`followable`] lets through).
fn script(c: char) -> Option<char> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}'
            if c.is_alphabetic() =>
        {
            Some('L')
        }
        '\u{400}'..='\u{52f}' if c.is_alphabetic() => Some('C'),
        _ => None,
    }
}

/// The natural width of the line `text[start..end]`, in em, as Typst's `line` makes it:
/// each run in it as shaped if the line holds all of it, else cut from it where that is
/// safe to break, else shaped again; trailing spaces left out.
pub(super) fn line_width(
    face: &FontInstance,
    text: &str,
    lang: Language,
    runs: &[Run],
    start: usize,
    end: usize,
) -> Option<f64> {
    let trimmed = start + text[start..end].trim_end().len();
    let mut width = 0.0;
    for run in runs {
        let sliced = start.max(run.range.start)..end.min(run.range.end);
        if sliced.is_empty() {
            continue;
        }
        let reshaped;
        let glyphs: &[Glyph] = if sliced == run.range {
            &run.glyphs
        } else if let (Some(left), Some(right)) =
            (safe_index(run, sliced.start), safe_index(run, sliced.end))
        {
            &run.glyphs[left..right]
        } else {
            reshaped = shape(face, &text[sliced.clone()], lang, sliced.start)?;
            &reshaped
        };
        width += glyphs
            .iter()
            .filter(|g| g.cluster < trimmed)
            .map(|g| g.advance)
            .sum::<f64>();
    }
    Some(width)
}

/// The glyph a line starting (or ending) at `index` starts at in `run`, if the run may be
/// cut there without shaping again (`find_safe_to_break` in typst-layout).
fn safe_index(run: &Run, index: usize) -> Option<usize> {
    let glyphs = &run.glyphs;
    if index == run.range.start {
        return Some(0);
    }
    if index == run.range.end {
        return Some(glyphs.len());
    }
    let mut idx = glyphs.binary_search_by(|g| g.cluster.cmp(&index)).ok()?;
    while idx > 0 && glyphs[idx - 1].cluster == index {
        idx -= 1;
    }
    glyphs[idx].safe_to_break.then_some(idx)
}

/// Shapes `text` (at `base` in the whole text) as Typst shapes one run: the document's
/// language, left to right, script guessed, default features, no-break spaces as wide as
/// spaces. `None` if a glyph is missing.
fn shape(face: &FontInstance, text: &str, lang: Language, base: usize) -> Option<Vec<Glyph>> {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_language(lang.as_str().parse().ok()?);
    buffer.set_direction(Direction::LeftToRight);
    buffer.guess_segment_properties();
    buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
    let shaped = rustybuzz::shape(face.rusty(), &[], buffer);
    let per_em = face.units_per_em();
    let ttf = face.ttf();
    let nbsp_delta = match (ttf.glyph_index('\u{a0}'), ttf.glyph_index(' ')) {
        (Some(nbsp), Some(space)) => {
            let advance = |g| f64::from(ttf.glyph_hor_advance(g).unwrap_or(0)) / per_em;
            advance(nbsp) - advance(space)
        }
        _ => 0.0,
    };
    shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            if info.glyph_id == 0 {
                return None;
            }
            let cluster = info.cluster as usize;
            let mut advance = f64::from(pos.x_advance) / per_em;
            if text[cluster..].starts_with('\u{a0}') {
                advance -= nbsp_delta;
            }
            Some(Glyph {
                cluster: base + cluster,
                advance,
                safe_to_break: !info.unsafe_to_break(),
            })
        })
        .collect()
}

/// Whether Typst sets `text` the way this module follows: every character drawn by the
/// face, letters Latin or Cyrillic (runs of each shaped apart, as Typst does), no
/// character that breaks or joins lines in ways not followed here, no link.
pub(super) fn followable(face: &FontInstance, text: &str) -> bool {
    let ttf = face.ttf();
    let known = |c: char| {
        script(c).is_some()
            || c.is_ascii_graphic()
            || c == ' '
            || c == '\u{a0}'
            || matches!(c, '№' | '«' | '»' | '–' | '—' | '’' | '‘' | '“' | '”')
    };
    text.chars()
        .all(|c| known(c) && ttf.glyph_index(c).is_some())
        && !text.contains("://")
        && !text.contains("www.")
}
