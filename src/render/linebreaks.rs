//! How Typst will break a table's texts, worked out once per case in Rust so that the
//! specialists table can be given its row heights instead of having Typst lay out every
//! cell twice to find them (see `people-table` in `templates/lib/letter.typ`).
//!
//! For a text set unjustified and unhyphenated in the table's font, the number of lines
//! depends only on the ratio of the column's width to the font size: [`LineSteps`] is
//! that step function, in em, so the template (which alone decides the page, the
//! margins, the columns and the size) reads the count off for its own column. The
//! breaking is Typst's own, followed step by step: the same UAX #14 segmenter and data,
//! the same first-fit algorithm (`linebreak_simple` in typst-layout 0.15), the same
//! shaping with rustybuzz (a line's glyphs sliced from the whole text where that is safe
//! to break, the line shaped again where it is not), trailing spaces trimmed, no-break
//! spaces as wide as spaces. A text this cannot follow exactly (another script mixed in,
//! a character the font lacks, a line separator, a soft hyphen, a link) gets no steps,
//! and its row is left to Typst.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;
use rustybuzz::{BufferFlags, Direction, UnicodeBuffer};
use serde::Serialize;
use typst::layout::Abs;
use typst::text::{FontInstance, FontVariant, FontVariations};

use super::fonts::Fonts;
use crate::language::Language;

/// The family the embedded letter sets tables in; a template that sets another one
/// sees it in `text_metrics.family` and leaves its rows to Typst.
pub const TABLE_FAMILY: &str = "Libertinus Serif";

/// The segmenter Typst breaks lines with (not Chinese or Japanese text, which the
/// letters are never in).
static SEGMENTER: LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_lstm(LineBreakOptions::default()));

/// The number of lines a text takes at each width, widest first: at a width of `w`
/// (the column's, less its insets) and a font size of `s`, the text takes the lines of
/// the first step with `min_em * s <= w`. The last step has `min_em` 0 (every break
/// taken). Serialized as `[[min_em, lines], …]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineSteps(pub Vec<(f64, u32)>);

/// The font's facts a template needs beside the steps, for `/context.json`.
#[derive(Debug, Clone, Serialize)]
pub struct TextMetrics {
    /// The family measured, lower-case as Typst's `text.font` gives it.
    pub family: String,
    /// Cap height in em: a line's height with Typst's default top and bottom edges.
    pub cap_height: f64,
}

/// The regular face of [`TABLE_FAMILY`] as Typst would select it, and a cache of what
/// was measured with it: one per case, as the same names and positions come back in
/// every document.
pub struct Measurer {
    face: Option<FontInstance>,
    metrics: Option<TextMetrics>,
    cache: RefCell<HashMap<(String, Language), Option<Measured>>>,
}

/// A text's single-line width, and how it sets in a column.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// Width on one line, in em.
    pub width: f64,
    pub lines: TextLines,
}

/// What a table needs of a text in a column it shares out: whether `fit` must set it
/// smaller (`widest`) and how many lines it takes (`steps`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLines {
    /// The width of its widest space-separated word, each word set alone, in em: what
    /// `fit` would measure.
    pub widest: f64,
    pub steps: LineSteps,
}

impl Measurer {
    pub fn new(fonts: &Fonts) -> Measurer {
        let face = fonts
            .book
            .select(&TABLE_FAMILY.to_lowercase(), FontVariant::default())
            .and_then(|i| fonts.fonts.get(i))
            .map(|font| {
                font.clone().instantiate(
                    FontVariant::default(),
                    Abs::pt(10.0),
                    &FontVariations::default(),
                )
            });
        let metrics = face.as_ref().map(|f| TextMetrics {
            family: TABLE_FAMILY.to_lowercase(),
            cap_height: f.metrics().cap_height.get(),
        });
        Measurer {
            face,
            metrics,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn metrics(&self) -> Option<&TextMetrics> {
        self.metrics.as_ref()
    }

    /// `text` as Typst would set it in the table's font in `lang`, or `None` where
    /// kzinvite cannot tell exactly.
    pub fn measure(&self, text: &str, lang: Language) -> Option<Measured> {
        let key = (text.to_owned(), lang);
        if let Some(hit) = self.cache.borrow().get(&key) {
            return hit.clone();
        }
        let measured = self
            .face
            .as_ref()
            .and_then(|face| measure(face, text, lang));
        self.cache.borrow_mut().insert(key, measured.clone());
        measured
    }
}

/// One shaped glyph: where its cluster starts, its advance in em, and whether a line
/// may start or end before it without shaping the text again.
struct Glyph {
    cluster: usize,
    advance: f64,
    safe_to_break: bool,
}

fn measure(face: &FontInstance, text: &str, lang: Language) -> Option<Measured> {
    if text.is_empty() || !followable(face, text) {
        return None;
    }
    let runs = shaped_runs(face, text, lang)?;
    // Break opportunities after the first character; the last one, the end of the
    // text, is mandatory.
    let breaks: Vec<usize> = SEGMENTER.segment_str(text).filter(|&b| b > 0).collect();
    if breaks.last() != Some(&text.len()) {
        return None;
    }
    let n = breaks.len();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(breaks[..n - 1].iter().copied())
        .collect();
    // The width of every line the breaking can try: from a start (the text's or a
    // break's) to a later break.
    let mut widths = vec![vec![f64::NAN; n]; n];
    for (i, &start) in starts.iter().enumerate() {
        for (j, &end) in breaks.iter().enumerate().skip(i) {
            widths[i][j] = line_width(face, text, lang, &runs, start, end)?;
        }
    }
    // The count changes only where the width crosses one of those lines' widths.
    let mut candidates: Vec<f64> = widths
        .iter()
        .flatten()
        .copied()
        .filter(|w| !w.is_nan())
        .collect();
    candidates.sort_by(|a, b| b.total_cmp(a));
    candidates.dedup();
    let mut steps: Vec<(f64, u32)> = Vec::new();
    for width in candidates.iter().copied().chain([-1.0]) {
        let lines = first_fit(&widths, width);
        match steps.last_mut() {
            // The same count at a narrower width: the step reaches further down.
            Some(last) if last.1 == lines => last.0 = width,
            _ => steps.push((width, lines)),
        }
    }
    if let Some(last) = steps.last_mut() {
        last.0 = 0.0;
    }
    let width = widths[0][n - 1];
    let mut widest: f64 = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let alone = if word.len() == text.len() {
            width
        } else {
            natural_width(face, word, lang)?
        };
        widest = widest.max(alone);
    }
    Some(Measured {
        width,
        lines: TextLines {
            widest,
            steps: LineSteps(steps),
        },
    })
}

/// The width of `text` set alone on one line, in em.
fn natural_width(face: &FontInstance, text: &str, lang: Language) -> Option<f64> {
    let runs = shaped_runs(face, text, lang)?;
    line_width(face, text, lang, &runs, 0, text.len())
}

/// The lines Typst's `linebreak_simple` makes at `width` (em), given the width of the
/// line from each start `i` to each break `j` (`widths[i][j]`; start `i > 0` is break
/// `i - 1`).
fn first_fit(widths: &[Vec<f64>], width: f64) -> u32 {
    let fits = |w: f64| w <= width;
    let n = widths.len();
    let mut lines = 0;
    let mut start = 0;
    let mut last: Option<usize> = None;
    for end in 0..n {
        let mut attempt = widths[start][end];
        if !fits(attempt)
            && let Some(last_end) = last.take()
        {
            lines += 1;
            start = last_end + 1;
            attempt = widths[start][end];
        }
        if end == n - 1 || !fits(attempt) {
            lines += 1;
            start = end + 1;
            last = None;
        } else {
            last = Some(end);
        }
    }
    if last.is_some() {
        lines += 1;
    }
    lines
}

/// A run of one script (and the signs around it) that Typst shapes on its own, with its
/// glyphs (clusters as offsets into the whole text).
struct Run {
    range: std::ops::Range<usize>,
    glyphs: Vec<Glyph>,
}

/// `text`'s runs, each shaped.
fn shaped_runs(face: &FontInstance, text: &str, lang: Language) -> Option<Vec<Run>> {
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
fn runs(text: &str) -> Vec<std::ops::Range<usize>> {
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
fn line_width(
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
fn followable(face: &FontInstance, text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load(&[] as &[&str]).expect("embedded fonts")
    }

    #[test]
    fn steps_fall_with_the_width() {
        let fonts = fonts();
        let m = Measurer::new(&fonts);
        let got = m
            .measure("Инженер по наладке оборудования", Language::Ru)
            .expect("measured");
        let steps = &got.lines.steps.0;
        assert_eq!(steps.first().map(|s| s.1), Some(1));
        assert!((steps[0].0 - got.width).abs() < 1e-12);
        assert_eq!(steps.last().map(|s| s.0), Some(0.0));
        assert_eq!(steps.last().map(|s| s.1), Some(4));
        for pair in steps.windows(2) {
            assert!(pair[0].0 > pair[1].0 && pair[0].1 < pair[1].1, "{steps:?}");
        }
    }

    #[test]
    fn what_is_not_followed_gets_no_steps() {
        let fonts = fonts();
        let m = Measurer::new(&fonts);
        for text in [
            "王小明",
            "Ivan\u{2028}Иванов",
            "a\nb",
            "co\u{ad}operate",
            "see https://x.kz",
            "Ἀθῆναι",
            "",
        ] {
            assert_eq!(m.measure(text, Language::En), None, "{text:?}");
        }
        assert!(
            m.measure("инженер-конструктор, 2-й категории", Language::Ru)
                .is_some()
        );
        assert_eq!(runs("№ AL-1 от 10.02.2026"), vec![0..9, 9..24]);
    }

    /// What is measured here is what Typst lays out: for texts like the tables' (names,
    /// hyphenated positions, permits with no-break spaces, long words) at widths from a
    /// narrow column to a wide one, Typst's own layout of the text in the table's font
    /// has the lines the steps give, and the height a row is given from them.
    #[test]
    fn lines_and_heights_are_typsts() {
        use typst::foundations::{Bytes, NativeElement, Selector};
        use typst::introspection::{Introspector, MetadataElem};
        use typst_layout::PagedDocument;

        let texts = [
            ("ZHANG WEI", Language::En),
            (
                "WOLFESCHLEGELSTEINHAUSENBERGERDORFF MARIA-ALEJANDRA CONCEPCION GUADALUPE",
                Language::En,
            ),
            ("O'SULLIVAN-MACGILLYCUDDY JEAN-PIERRE", Language::En),
            (
                "Senior lead commissioning engineer for gas turbine control systems, auxiliary equipment",
                Language::En,
            ),
            (
                "Главный инженер-электроэнергетик по релейной защите и автоматике",
                Language::Ru,
            ),
            (
                "Инженер по наладке (пусконаладочные работы), 2-й категории",
                Language::Ru,
            ),
            ("№\u{a0}AL-2026/0145 от\u{a0}10.02.2026", Language::Ru),
            ("10.02.2026\u{a0}ж. №\u{a0}KZ-77 11", Language::Kk),
            ("Китай Халық Республикасы", Language::Kk),
            ("Бас инженер-технолог (жабдықты іске қосу)", Language::Kk),
            ("не требуется", Language::Ru),
            ("Republic of Korea / Корея", Language::En),
            ("ООО «Sino-Kaz Engineering» (Шымкент)", Language::Ru),
            ("A.B. SMITH-JONES, Jr.", Language::En),
        ];
        let widths: Vec<f64> = (0..40).map(|i| 18.0 + 4.5 * f64::from(i)).collect();
        let size = 9.5;
        let fonts = fonts();
        let m = Measurer::new(&fonts);
        let cap = m.metrics().expect("Libertinus Serif").cap_height;
        let data = serde_json::json!({
            "texts": texts.iter().map(|(t, l)| serde_json::json!({"text": t, "lang": l.as_str()})).collect::<Vec<_>>(),
            "widths": widths,
        });
        let source = format!(
            r#"
#set page(width: 800pt, height: auto)
#set text(font: "{TABLE_FAMILY}", size: {size}pt, hyphenate: false)
#set par(justify: false, leading: 0.45em)
#let data = json("/context.json")
#context metadata(data.texts.map(t => (
  heights: data.widths.map(w => measure(block(width: w * 1pt, text(lang: t.lang, t.text))).height.pt()),
  widest: calc.max(..t.text.split(" ").map(w => measure(text(lang: t.lang, w)).width.pt())),
)))
"#
        );
        let shared = crate::render::world::Shared {
            library: typst::utils::LazyHash::new(<typst::Library as typst::LibraryExt>::default()),
            fonts,
            sources: HashMap::new(),
            files: HashMap::new(),
        };
        let files = HashMap::new();
        let today = typst::foundations::Datetime::from_ymd(2026, 1, 15).expect("date");
        let context = Bytes::new(serde_json::to_vec(&data).expect("json"));
        let world = crate::render::world::DocWorld::new(
            &shared,
            "/main.typ",
            source,
            &files,
            context,
            today,
        );
        let document = typst::compile::<PagedDocument>(&world)
            .output
            .expect("compiles");
        let found = document
            .introspector()
            .query(&Selector::Elem(MetadataElem::ELEM, None));
        let value = found[0]
            .to_packed::<MetadataElem>()
            .expect("metadata")
            .value
            .clone();
        #[derive(serde::Deserialize)]
        struct Laid {
            heights: Vec<f64>,
            widest: f64,
        }
        let laid: Vec<Laid> =
            serde_json::from_value(serde_json::to_value(&value).expect("value")).expect("heights");
        let mut checked = 0;
        for ((text, lang), laid) in texts.iter().zip(&laid) {
            let got = m
                .measure(text, *lang)
                .unwrap_or_else(|| panic!("{text}: not measured"));
            let widest = got.lines.widest * size;
            assert!(
                (widest - laid.widest).abs() < 1e-6,
                "{text}: widest word {widest}pt, Typst {}pt",
                laid.widest
            );
            for (w, typst_height) in widths.iter().zip(&laid.heights) {
                let steps = &got.lines.steps.0;
                if steps.iter().any(|s| (s.0 * size - w).abs() < 0.01) {
                    continue;
                }
                let lines = steps
                    .iter()
                    .find(|s| s.0 * size <= *w)
                    .map(|s| s.1)
                    .expect("a step");
                let height = f64::from(lines) * cap * size + f64::from(lines - 1) * 0.45 * size;
                assert!(
                    (height - typst_height).abs() < 1e-6,
                    "{text} at {w}pt: {lines} lines ({height}pt), Typst {typst_height}pt"
                );
                checked += 1;
            }
        }
        assert!(checked > 400, "{checked}");
    }

    #[test]
    fn first_fit_as_typst() {
        // Three words of widths 3, 3 and 3 (with a space of 1 inside a line).
        let w = |a: f64| a;
        let widths = vec![
            vec![w(3.0), w(7.0), w(11.0)],
            vec![f64::NAN, w(3.0), w(7.0)],
            vec![f64::NAN, f64::NAN, w(3.0)],
        ];
        assert_eq!(first_fit(&widths, 11.0), 1);
        assert_eq!(first_fit(&widths, 10.9), 2);
        assert_eq!(first_fit(&widths, 7.0), 2);
        assert_eq!(first_fit(&widths, 6.9), 3);
        // A word wider than the column still takes one line.
        assert_eq!(first_fit(&widths, 1.0), 3);
    }
}
