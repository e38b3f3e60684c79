//! Properties of `compare` over random documents: self-comparison is empty, reflow is no
//! change, and the segments of every change spell both texts exactly.

use std::collections::HashSet;

use kzinvite::diff::redline::{Block, BlockKind, ChangeKind, compare, display_text};
use proptest::prelude::*;

/// Words from the three languages, with numbers, dates, ids and tricky characters.
const WORDS: &[&str] = &[
    "Прошу",
    "оформить",
    "приглашение",
    "специалиста",
    "Иванов",
    "Aлексей",
    "Шетелдік",
    "маманды",
    "шақыру",
    "Әуезов",
    "көшесі",
    "үй",
    "інжу",
    "Өскемен",
    "the",
    "invitation",
    "John",
    "12.03.2026",
    "13.03.2026",
    "N1234567",
    "P7654321",
    "950",
    "000",
    "тенге",
    ",",
    ".",
    "«",
    "»",
    "—",
    "№",
    "-",
    "10\u{00A0}000",
    "Пет\u{200B}ров",
    "специ\u{AD}алист",
    "северо-западный",
    "Ұлттық",
    "һ",
];

const SEPARATORS: &[&str] = &[" ", " ", " ", "  ", "\n", " \n ", "\t", " \u{AD}"];

fn text() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..WORDS.len(), 0..12)
}

fn join(words: &[usize], separators: &[usize]) -> String {
    let mut out = String::new();
    for (k, &w) in words.iter().enumerate() {
        if k > 0 {
            let s = separators
                .get(k % separators.len().max(1))
                .copied()
                .unwrap_or(0);
            out.push_str(SEPARATORS[s % SEPARATORS.len()]);
        }
        out.push_str(WORDS[w]);
    }
    out
}

fn kind(choice: u8, key: u8, number: u32) -> BlockKind {
    match choice % 6 {
        0 | 1 => BlockKind::Paragraph,
        2 => BlockKind::Heading,
        3 => BlockKind::TableRow {
            key: Some(format!("N{}", 1_000_000 + u32::from(key % 8))),
            number: Some(number),
        },
        4 => BlockKind::TableRow {
            key: None,
            number: Some(number),
        },
        _ if key.is_multiple_of(2) => BlockKind::Signature,
        _ => BlockKind::Other,
    }
}

/// A random document: (words, kind choice, key, page step) per block.
fn document() -> impl Strategy<Value = Vec<(Vec<usize>, u8, u8, bool)>> {
    prop::collection::vec((text(), any::<u8>(), any::<u8>(), any::<bool>()), 0..24)
}

fn build(spec: &[(Vec<usize>, u8, u8, bool)], separators: &[usize]) -> Vec<Block> {
    let mut page = 1;
    let rows = spec.iter().zip(1u32..);
    rows.map(|((words, choice, key, next_page), number)| {
        page += u32::from(*next_page && number.is_multiple_of(3));
        let text = if number.is_multiple_of(4) {
            format!("{number} | {}", join(words, separators))
        } else {
            join(words, separators)
        };
        Block::new(kind(*choice, *key, number), text, page)
    })
    .collect()
}

/// Small edits of a document: delete, duplicate, move, add a word, swap invisibles,
/// repaginate, replace two words, rewrite a block.
fn mutate(mut blocks: Vec<Block>, edits: &[(u8, usize, usize, usize)]) -> Vec<Block> {
    for &(what, at, to, word) in edits {
        if blocks.is_empty() {
            break;
        }
        let (at, to) = (at % blocks.len(), to % blocks.len());
        match what % 8 {
            0 => drop(blocks.remove(at)),
            1 => {
                let copy = blocks[at].clone();
                blocks.insert(to, copy);
            }
            2 => {
                let moved = blocks.remove(at);
                blocks.insert(to.min(blocks.len()), moved);
            }
            3 => blocks[at]
                .text
                .push_str(&format!(" {}", WORDS[word % WORDS.len()])),
            4 => {
                blocks[at].text = blocks[at]
                    .text
                    .replacen(' ', "\u{00A0}", 1)
                    .replacen('о', "o", 1)
            }
            5 => blocks[at].page += 1,
            6 => {
                // Two neighbouring words replaced: a change, a kept space, a change.
                let mut words: Vec<String> =
                    blocks[at].text.split(' ').map(str::to_owned).collect();
                let k = word % words.len().max(1);
                for (offset, w) in [(0, word), (2, word / 7)] {
                    if let Some(slot) = words.get_mut(k + offset) {
                        *slot = WORDS[w % WORDS.len()].to_owned();
                    }
                }
                blocks[at].text = words.join(" ");
            }
            _ => {
                blocks[at].text = (0..word % 9)
                    .map(|k| WORDS[(word / 3 + k * 5) % WORDS.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
    }
    blocks
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn self_comparison_is_empty(spec in document(), separators in prop::collection::vec(0..SEPARATORS.len(), 1..6)) {
        let doc = build(&spec, &separators);
        prop_assert!(compare(&doc, &doc).is_empty());
        // The same words reflowed with other whitespace and soft hyphens read the same.
        prop_assert!(compare(&doc, &build(&spec, &[0])).is_empty());
    }

    #[test]
    fn segments_spell_both_texts(
        spec in document(),
        separators in prop::collection::vec(0..SEPARATORS.len(), 1..6),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 0..6),
    ) {
        let old = build(&spec, &separators);
        let new = mutate(old.clone(), &edits);
        let redline = compare(&old, &new);
        let (mut olds, mut news) = (HashSet::new(), HashSet::new());
        for change in &redline.changes {
            if let Some(o) = change.old {
                prop_assert!(olds.insert(o.index), "old block {} twice", o.index);
                prop_assert_eq!(change.old_text(), display_text(&old[o.index].text));
                prop_assert_eq!(o.page, old[o.index].page);
            } else {
                prop_assert!(change.old_text().is_empty());
            }
            if let Some(n) = change.new {
                prop_assert!(news.insert(n.index), "new block {} twice", n.index);
                prop_assert_eq!(change.new_text(), display_text(&new[n.index].text));
            } else {
                prop_assert!(change.new_text().is_empty());
            }
            let expected_sides = match change.kind {
                ChangeKind::Inserted => (false, true),
                ChangeKind::Deleted => (true, false),
                _ => (true, true),
            };
            prop_assert_eq!((change.old.is_some(), change.new.is_some()), expected_sides);
        }
        // Changes come in NEW's reading order.
        let order: Vec<usize> = redline.changes.iter().filter_map(|c| c.new.map(|p| p.index)).collect();
        prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "{:?}", order);
    }
}
