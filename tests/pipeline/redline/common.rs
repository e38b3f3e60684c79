//! Builders for the redline tests: documents of an invitation packet in a few lines.

#![allow(dead_code)]

use kzinvite::diff::redline::{Block, BlockKind, Change, ChangeKind, Redline, Segment, SegmentOp};

pub fn para(text: &str, page: u32) -> Block {
    Block::paragraph(text, page)
}

pub fn heading(text: &str, page: u32) -> Block {
    Block::new(BlockKind::Heading, text, page)
}

pub fn signature(page: u32) -> Block {
    Block::new(
        BlockKind::Signature,
        "Руководитель управления  ________  А. Б. Сериков",
        page,
    )
}

/// A row of the specialists table, laid out as "№ | name | birth date | passport".
pub fn row(number: u32, name: &str, passport: &str, page: u32) -> Block {
    let text = format!("{number} | {name} | 01.02.1985 | {passport}");
    Block::row(text, page, Some(passport), Some(number))
}

/// A table of specialists numbered in the order given.
pub fn table(people: &[(&str, &str)], page: u32) -> Vec<Block> {
    let numbered = people.iter().zip(1u32..);
    numbered
        .map(|((name, passport), n)| row(n, name, passport, page))
        .collect()
}

pub const PEOPLE: &[(&str, &str)] = &[
    ("Иванов Иван", "N1234567"),
    ("Smith John", "P7654321"),
    ("Ли Вэй", "E9876543"),
    ("Müller Anna", "C1122334"),
    ("Сериков Әлібек", "N5566778"),
];

/// A short letter: heading, body paragraphs, signature.
pub fn letter(body: &[&str]) -> Vec<Block> {
    let mut blocks = vec![heading("О приглашении иностранных специалистов", 1)];
    blocks.extend(body.iter().map(|t| para(t, 1)));
    blocks.push(signature(1));
    blocks
}

pub fn seg(op: SegmentOp, text: &str) -> Segment {
    Segment {
        op,
        text: text.to_owned(),
    }
}

pub fn kinds(redline: &Redline) -> Vec<ChangeKind> {
    redline.changes.iter().map(|c| c.kind).collect()
}

/// The one change of a redline that must have exactly one.
pub fn only(redline: &Redline) -> &Change {
    match redline.changes.as_slice() {
        [change] => change,
        other => panic!("expected one change, got {}: {other:#?}", other.len()),
    }
}

pub fn deleted_and_inserted(change: &Change) -> (String, String) {
    let side = |op| {
        change
            .segments
            .iter()
            .filter(|s| s.op == op)
            .map(|s| s.text.as_str())
            .collect()
    };
    (side(SegmentOp::Delete), side(SegmentOp::Insert))
}
