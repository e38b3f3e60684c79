//! Layout notes: how the document falls onto pages, kept apart from what it says.
//!
//! Owns the page count, the page shifts of unchanged or moved blocks (aggregated into
//! runs, so one added paragraph yields one note per page boundary it pushes across, not
//! one per block), and the signature block left alone on a page.

use std::collections::BTreeMap;

use super::model::{Block, BlockKind, LayoutNote};
use super::text::display_text;

/// A line that may stand under the signature without the page counting as holding more
/// than the signature: the executor and phone line, in Russian, Kazakh and English.
const EXECUTOR_PREFIXES: &[&str] = &[
    "исп.",
    "исп:",
    "исп ",
    "исполнитель",
    "орынд",
    "тел.",
    "тел:",
    "executor",
    "executed by",
    "prepared by",
    "performed by",
    "tel.",
    "tel:",
];

/// Layout notes for `steady`: the (OLD, NEW) index pairs of unchanged or moved blocks.
pub(crate) fn notes(old: &[Block], new: &[Block], steady: &[(usize, usize)]) -> Vec<LayoutNote> {
    let mut notes = Vec::new();
    let (old_pages, new_pages) = (page_count(old), page_count(new));
    if old_pages != new_pages {
        notes.push(LayoutNote::PageCount {
            old: old_pages,
            new: new_pages,
        });
    }
    notes.extend(page_shifts(old, new, steady));
    if signature_alone_pages(old).is_empty() {
        notes.extend(
            signature_alone_pages(new)
                .into_iter()
                .map(|page| LayoutNote::SignatureAlone { page }),
        );
    }
    notes
}

/// The last page any block starts on.
fn page_count(blocks: &[Block]) -> u32 {
    blocks.iter().map(|b| b.page).max().unwrap_or(0)
}

/// A run of steady blocks, in NEW's order, that all moved by the same number of pages.
struct Run {
    delta: i64,
    first: usize,
    last: usize,
    old_page: u32,
    new_page: u32,
    blocks: usize,
}

impl Run {
    fn note(&self) -> Option<LayoutNote> {
        (self.delta != 0).then_some(LayoutNote::PageShift {
            first_new_index: self.first,
            last_new_index: self.last,
            old_page: self.old_page,
            new_page: self.new_page,
            blocks: self.blocks,
        })
    }
}

fn page_shifts(old: &[Block], new: &[Block], steady: &[(usize, usize)]) -> Vec<LayoutNote> {
    let mut notes = Vec::new();
    let mut run: Option<Run> = None;
    for &(i, j) in steady {
        let (Some(o), Some(n)) = (old.get(i), new.get(j)) else {
            continue;
        };
        let delta = i64::from(n.page) - i64::from(o.page);
        match run.as_mut() {
            Some(r) if r.delta == delta => {
                r.last = j;
                r.blocks += 1;
            }
            _ => {
                notes.extend(run.take().and_then(|r| r.note()));
                run = Some(Run {
                    delta,
                    first: j,
                    last: j,
                    old_page: o.page,
                    new_page: n.page,
                    blocks: 1,
                });
            }
        }
    }
    notes.extend(run.and_then(|r| r.note()));
    notes
}

/// Pages on which the signature block starts and nothing else does but an executor line.
fn signature_alone_pages(blocks: &[Block]) -> Vec<u32> {
    let mut by_page: BTreeMap<u32, Vec<&Block>> = BTreeMap::new();
    for block in blocks {
        by_page.entry(block.page).or_default().push(block);
    }
    by_page
        .into_iter()
        .filter(|(_, on_page)| {
            let signed = on_page.iter().any(|b| b.kind == BlockKind::Signature);
            signed
                && on_page
                    .iter()
                    .all(|b| b.kind == BlockKind::Signature || is_executor_line(b))
        })
        .map(|(page, _)| page)
        .collect()
}

fn is_executor_line(block: &Block) -> bool {
    let text = display_text(&block.text).to_lowercase();
    matches!(block.kind, BlockKind::Paragraph | BlockKind::Other)
        && text.chars().count() <= 200
        && EXECUTOR_PREFIXES.iter().any(|p| text.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, text: &str, page: u32) -> Block {
        Block::new(kind, text, page)
    }

    #[test]
    fn signature_with_executor_line_is_alone() {
        let blocks = vec![
            block(BlockKind::Paragraph, "Текст письма.", 1),
            block(BlockKind::Signature, "Директор А. Б. Сериков", 2),
            block(
                BlockKind::Other,
                "Исп.: Иванова А., тел. 8 7172 00 00 00",
                2,
            ),
        ];
        assert_eq!(signature_alone_pages(&blocks), vec![2]);
        let with_text = [
            blocks.clone(),
            vec![block(BlockKind::Paragraph, "Приложение: 2 л.", 2)],
        ]
        .concat();
        assert!(signature_alone_pages(&with_text).is_empty());
    }

    #[test]
    fn shifts_aggregate_into_runs() {
        let old: Vec<Block> = (0..6)
            .map(|k| block(BlockKind::Paragraph, "x", 1 + k / 3))
            .collect();
        let new: Vec<Block> = (0..6)
            .map(|k| block(BlockKind::Paragraph, "x", 2 + k / 3))
            .collect();
        let steady: Vec<(usize, usize)> = (0..6).map(|k| (k, k)).collect();
        let notes = page_shifts(&old, &new, &steady);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}
