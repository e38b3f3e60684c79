//! A document's text rebuilt from Typst's laid-out pages, as [`Block`]s in reading order:
//! what `diff` compares, so it reads the layout that made the PDF, never the PDF.
//!
//! The heuristics, in order:
//! - every text run is placed on its page through the transforms of its groups; rotated
//!   or skewed runs (the draft stamp) are not content and are left out;
//! - runs whose baselines lie within a third of the font size form one *band*, read left
//!   to right; a horizontal gap wider than 1.5 em splits a band into *cells* (grid and
//!   table columns);
//! - a page number (digits alone in the bottom margin) is left out;
//! - a band is a **table row** when its first cell is a number and a cell reads like a
//!   passport number (`[A-Z0-9]{5,20}` with a digit); the bands around it in the same
//!   font size that do not start in the "№" column (a wrapped name) join the nearest row
//!   within 2.5 em (before the first row or after the last only when closer to it than
//!   to their other neighbour: the header's last line stays with the header); a row's text is its
//!   cells left to right, joined by " | ", its key the passport, its number the first cell;
//! - other bands join the block above unless the baseline moves down by more than 1.3 em
//!   (paragraph spacing), the line starts further right (a first-line indent), or the
//!   font size changes; lines are joined by a space, after a hyphen Typst inserted at a
//!   break (a soft hyphen in its text) by nothing, after a hard hyphen by nothing;
//! - a block all in bold whose last band has two cells (position, then name on the right)
//!   is the **signature**.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst_layout::PagedDocument;

use crate::blocks::{Block, BlockKind, Rect};

const SOFT_HYPHEN: char = '\u{00AD}';
/// The bottom margin of `letter.typ`'s pages (2.2 cm) in points: page numbers sit there.
const BOTTOM_MARGIN_PT: f64 = 62.0;

/// One run of shaped text, placed on its page.
#[derive(Debug, Clone)]
struct Run {
    x: f64,
    end: f64,
    baseline: f64,
    size: f64,
    bold: bool,
    text: String,
}

/// Runs on one baseline, split into cells at wide gaps.
#[derive(Debug, Clone)]
struct Band {
    baseline: f64,
    size: f64,
    bold: bool,
    cells: Vec<Cell>,
    /// Left and right edges of its runs.
    left: f64,
    right: f64,
}

#[derive(Debug, Clone)]
struct Cell {
    x: f64,
    text: String,
}

impl Band {
    fn x(&self) -> f64 {
        self.cells.first().map_or(0.0, |c| c.x)
    }

    /// The band's box: its runs' width, from ascender to descender of its font size.
    fn rect(&self) -> Rect {
        let (top, bottom) = (
            self.baseline - 0.8 * self.size,
            self.baseline + 0.25 * self.size,
        );
        Rect {
            x: self.left.floor() as i32,
            y: top.floor() as i32,
            width: (self.right - self.left).ceil() as i32,
            height: (bottom - top).ceil() as i32,
        }
    }

    fn text(&self) -> String {
        let cells: Vec<&str> = self.cells.iter().map(|c| c.text.as_str()).collect();
        cells.join(" ")
    }
}

/// The text of every page of `document`, in reading order.
pub fn document_text(document: &PagedDocument) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let mut runs = Vec::new();
        collect(&page.frame, Transform::identity(), &mut runs);
        let height = page.frame.height().to_pt();
        let bands: Vec<Band> = bands(runs)
            .into_iter()
            .filter(|b| !is_page_number(b, height))
            .collect();
        blocks.extend(page_blocks(&bands, number));
    }
    blocks
}

fn collect(frame: &Frame, ts: Transform, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                collect(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                // Rotated or skewed text is the draft stamp, not content.
                if ts.kx.get() != 0.0 || ts.ky.get() != 0.0 {
                    continue;
                }
                out.push(run(text, *pos, ts));
            }
            _ => {}
        }
    }
}

fn run(text: &TextItem, pos: Point, ts: Transform) -> Run {
    let origin = pos.transform(ts);
    let width = text.width().to_pt() * ts.sx.get();
    Run {
        x: origin.x.to_pt(),
        end: origin.x.to_pt() + width,
        baseline: origin.y.to_pt(),
        size: text.size.to_pt() * ts.sy.get().abs(),
        bold: text.font.info().variant.weight.to_number() >= 600,
        text: text.text.to_string(),
    }
}

/// Runs grouped by baseline (top to bottom), each band's runs left to right.
fn bands(mut runs: Vec<Run>) -> Vec<Band> {
    runs.retain(|r| !r.text.trim().is_empty() || r.text.contains(SOFT_HYPHEN));
    runs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line)
                if line.first().is_some_and(|f| {
                    (run.baseline - f.baseline).abs() < f.size.max(run.size) / 3.0
                }) =>
            {
                line.push(run);
            }
            _ => lines.push(vec![run]),
        }
    }
    lines.into_iter().map(band).collect()
}

fn band(mut line: Vec<Run>) -> Band {
    line.sort_by(|a, b| a.x.total_cmp(&b.x));
    let size = line.iter().map(|r| r.size).fold(0.0, f64::max);
    let mut cells: Vec<Cell> = Vec::new();
    let mut last_end = f64::NEG_INFINITY;
    for run in &line {
        let gap = run.x - last_end;
        match cells.last_mut() {
            Some(cell) if gap < 1.5 * size => {
                // Typst splits runs at spaces it stretches; a visible gap is a space.
                if gap > 0.15 * run.size && !cell.text.ends_with(' ') && !run.text.starts_with(' ')
                {
                    cell.text.push(' ');
                }
                cell.text.push_str(&run.text);
            }
            _ => cells.push(Cell {
                x: run.x,
                text: run.text.clone(),
            }),
        }
        last_end = last_end.max(run.end);
    }
    for cell in &mut cells {
        cell.text = cell.text.trim().to_owned();
    }
    Band {
        baseline: line.first().map_or(0.0, |r| r.baseline),
        size,
        bold: line.iter().all(|r| r.bold),
        cells,
        left: line.iter().map(|r| r.x).fold(f64::INFINITY, f64::min),
        right: line.iter().map(|r| r.end).fold(f64::NEG_INFINITY, f64::max),
    }
}

fn is_page_number(band: &Band, page_height: f64) -> bool {
    let text = band.text();
    band.baseline > page_height - BOTTOM_MARGIN_PT
        && !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit())
}

/// The row number and passport of a band that is a specialists table row.
fn row_anchor(band: &Band) -> Option<(u32, String)> {
    let number = band.cells.first()?.text.parse::<u32>().ok()?;
    let passport = band
        .cells
        .iter()
        .skip(1)
        .find_map(|c| passport_in(&c.text))?;
    (band.cells.len() >= 3).then_some((number, passport))
}

fn passport_in(cell: &str) -> Option<String> {
    let token = cell.trim();
    let ok = (5..=20).contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && token.chars().any(|c| c.is_ascii_digit());
    ok.then(|| token.to_owned())
}

/// One page's bands as blocks: table rows first assigned, then paragraphs.
fn page_blocks(bands: &[Band], page: u32) -> Vec<Block> {
    let anchors: Vec<Option<(u32, String)>> = bands.iter().map(row_anchor).collect();
    let owner = row_owners(bands, &anchors);
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&Band> = Vec::new();
    let mut k = 0;
    while let Some(band) = bands.get(k) {
        if let Some(row) = owner.get(k).copied().flatten() {
            flush(&mut paragraph, page, &mut blocks);
            let end = (k..bands.len())
                .take_while(|&j| owner.get(j).copied().flatten() == Some(row))
                .count()
                + k;
            if let (Some(Some((number, key))), Some(members)) =
                (anchors.get(row), bands.get(k..end))
            {
                blocks.push(table_row(members, *number, key, page));
            }
            k = end;
            continue;
        }
        if let Some(prev) = paragraph.last()
            && starts_block(prev, band)
        {
            flush(&mut paragraph, page, &mut blocks);
        }
        paragraph.push(band);
        k += 1;
    }
    flush(&mut paragraph, page, &mut blocks);
    blocks
}

/// For each band, the index of the row-anchor band it belongs to: the anchor itself, or,
/// for a band between anchors that does not start in the "№" column, the nearest one.
fn row_owners(bands: &[Band], anchors: &[Option<(u32, String)>]) -> Vec<Option<usize>> {
    let rows: Vec<usize> = (0..bands.len())
        .filter(|&k| anchors.get(k).is_some_and(Option::is_some))
        .collect();
    let mut owner = vec![None; bands.len()];
    let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
        return owner;
    };
    let number_x = bands.get(first).map_or(0.0, Band::x);
    let in_table = |b: &Band| b.x() > number_x + b.size;
    for (k, band) in bands.iter().enumerate() {
        let anchor = if rows.contains(&k) {
            Some(k)
        } else if !in_table(band) {
            None
        } else {
            // Wrapped cells of the first or last row may stand outside the anchors.
            let near = rows.iter().copied().min_by(|&a, &b| {
                let da = (bands[a].baseline - band.baseline).abs();
                let db = (bands[b].baseline - band.baseline).abs();
                da.total_cmp(&db)
            });
            // Before the first row or after the last, a band joins a row only when
            // it is closer to it than to its other neighbour (the header's last line
            // stays with the header; a band with no other neighbour joins none).
            let gap = |j: Option<usize>| {
                j.and_then(|j| bands.get(j))
                    .map_or(0.0, |b| (b.baseline - band.baseline).abs())
            };
            near.filter(|&n| {
                let d = gap(Some(n));
                // Cells are set in the table's size, the text around it is not.
                let same_size = bands
                    .get(n)
                    .is_some_and(|a| (a.size - band.size).abs() <= 0.1 * a.size);
                same_size
                    && d < 2.5 * band.size
                    && ((k > first && k < last)
                        || (k < first && d < gap(k.checked_sub(1)))
                        || (k > last && d < gap(Some(k + 1))))
            })
        };
        if let Some(slot) = owner.get_mut(k) {
            *slot = anchor;
        }
    }
    owner
}

fn starts_block(prev: &Band, band: &Band) -> bool {
    let size = prev.size.max(band.size);
    let down = band.baseline - prev.baseline;
    let indented = band.x() > prev.x() + 0.5 * size;
    down > 1.3 * size || down < 0.0 || indented || (band.size - prev.size).abs() > 0.1 * size
}

fn flush(paragraph: &mut Vec<&Band>, page: u32, blocks: &mut Vec<Block>) {
    if paragraph.is_empty() {
        return;
    }
    let mut text = String::new();
    for band in paragraph.iter() {
        join_line(&mut text, &band.text());
    }
    let signature =
        paragraph.iter().all(|b| b.bold) && paragraph.last().is_some_and(|b| b.cells.len() == 2);
    let kind = if signature {
        BlockKind::Signature
    } else {
        BlockKind::Paragraph
    };
    if !text.is_empty() {
        blocks.push(Block::new(kind, text, page).at(union(paragraph.iter().copied())));
    }
    paragraph.clear();
}

/// Appends a line to a block's text: a soft hyphen Typst put at the break is dropped and
/// the word joined; after a hard hyphen the next line follows directly; else a space.
fn join_line(text: &mut String, line: &str) {
    if text.ends_with(SOFT_HYPHEN) {
        text.pop();
    } else if !(text.is_empty() || ends_with_word_hyphen(text)) {
        text.push(' ');
    }
    text.push_str(line.trim());
}

fn ends_with_word_hyphen(text: &str) -> bool {
    let mut tail = text.chars().rev();
    matches!(tail.next(), Some('-' | '\u{2010}')) && tail.next().is_some_and(char::is_alphabetic)
}

fn table_row(members: &[Band], number: u32, key: &str, page: u32) -> Block {
    let mut cells: Vec<(f64, f64, &str)> = members
        .iter()
        .flat_map(|b| {
            b.cells
                .iter()
                .map(move |c| (c.x, b.baseline, c.text.as_str()))
        })
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Lines of one cell (same left edge) are joined by a space, cells by " | ".
    let mut text = String::new();
    let mut last_x = f64::NEG_INFINITY;
    for (x, _, cell) in cells {
        if !text.is_empty() && (x - last_x).abs() < 1.0 {
            join_line(&mut text, cell);
            last_x = x;
            continue;
        }
        if !text.is_empty() {
            text.push_str(" | ");
        }
        text.push_str(cell);
        last_x = x;
    }
    Block::row(text, page, Some(key), Some(number)).at(union(members))
}

/// The box around some bands of one page.
fn union<'a>(bands: impl IntoIterator<Item = &'a Band>) -> Option<Rect> {
    bands.into_iter().map(Band::rect).reduce(Rect::union)
}
