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
use serde::Serialize;
use typst::layout::Abs;
use typst::text::{FontInstance, FontVariant, FontVariations};

use super::fonts::Fonts;
use crate::language::Language;

mod shaping;
#[cfg(test)]
mod tests;

use shaping::{followable, line_width, natural_width, shaped_runs};

/// The family the embedded letter sets tables in; a template that sets another one
/// sees it in `text_metrics.family` and leaves its rows to Typst.
pub const TABLE_FAMILY: &str = "Libertinus Serif";

/// The segmenter Typst breaks lines with (not Chinese or Japanese text, which the
/// letters are never in).
static SEGMENTER: LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_lstm(LineBreakOptions::default()));

/// Break opportunities beyond which a text is left to Typst: the lines tried grow with
/// their square (a position has a few words; a 500-character run of one-letter words
/// would cost milliseconds per document, for nothing).
const MAX_BREAKS: usize = 64;

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
    if n > MAX_BREAKS {
        return None;
    }
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

/// The lines Typst's `linebreak_simple` makes at `width` (em), given the width of the
/// line from each start `i` to each break `j` (`widths[i][j]`; start `i > 0` is break
/// `i - 1`).
fn first_fit(widths: &[Vec<f64>], width: f64) -> u32 {
    let fits = |w: f64| w <= width;
    let line = |start: usize, end: usize| widths[start][end];
    let n = widths.len();
    let mut lines = 0;
    let mut start = 0;
    let mut last: Option<usize> = None;
    for end in 0..n {
        let mut attempt = line(start, end);
        if !fits(attempt)
            && let Some(last_end) = last.take()
        {
            lines += 1;
            start = last_end + 1;
            attempt = line(start, end);
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
