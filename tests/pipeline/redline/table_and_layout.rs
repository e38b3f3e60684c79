//! The specialists table (rows matched by passport number) and the layout notes.

use super::common::{
    PEOPLE, deleted_and_inserted, heading, kinds, only, para, row, signature, table,
};
use kzinvite::diff::redline::{Block, BlockKind, ChangeKind, LayoutNote, compare, render_text};

fn packet_letter(people: &[(&str, &str)]) -> Vec<Block> {
    let mut blocks = vec![heading("Список приглашаемых специалистов", 1)];
    blocks.extend(table(people, 1));
    blocks.push(signature(1));
    blocks
}

#[test]
fn two_swapped_rows_are_two_row_moves_with_renumbering() {
    let old = packet_letter(PEOPLE);
    let mut people = PEOPLE.to_vec();
    people.swap(1, 2);
    let new = packet_letter(&people);
    let redline = compare(&old, &new);
    let moved = |old_number, new_number| ChangeKind::RowMoved {
        old_number: Some(old_number),
        new_number: Some(new_number),
        edited: false,
    };
    assert_eq!(kinds(&redline), vec![moved(3, 2), moved(2, 3)]);
    assert_eq!(redline.summary.rows_moved, 2);
    assert_eq!(redline.summary.edited, 0);
    // The rows' own text is untouched: only the "№" cell differs.
    for change in &redline.changes {
        let (deleted, inserted) = deleted_and_inserted(change);
        assert!(deleted.len() == 1 && inserted.len() == 1, "{change:#?}");
    }
    let text = render_text(&redline, false);
    assert!(text.contains("moved (№3→№2) row 4→3"), "{text}");
}

#[test]
fn reordered_list_is_moves_not_an_edit_of_every_row() {
    let old = packet_letter(PEOPLE);
    let mut people = PEOPLE.to_vec();
    let last = people.remove(4);
    people.insert(0, last);
    let redline = compare(&old, &new_of(&people));
    let moved = ChangeKind::RowMoved {
        old_number: Some(5),
        new_number: Some(1),
        edited: false,
    };
    assert_eq!(kinds(&redline), vec![moved]);
    assert_eq!(redline.summary.rows_renumbered, 4);
}

fn new_of(people: &[(&str, &str)]) -> Vec<Block> {
    packet_letter(people)
}

#[test]
fn row_added_in_the_middle_is_one_insert_and_renumbering() {
    let old = packet_letter(PEOPLE);
    let mut people = PEOPLE.to_vec();
    people.insert(2, ("Ким Елена", "N9990001"));
    let redline = compare(&old, &new_of(&people));
    let change = only(&redline);
    assert_eq!(change.kind, ChangeKind::Inserted);
    assert_eq!(change.new.map(|p| p.index), Some(3));
    assert_eq!(redline.summary.rows_renumbered, 3);
    assert_eq!(redline.summary.edited, 0);
    assert!(!redline.is_empty());
}

#[test]
fn same_passport_with_changed_text_is_an_edit_of_that_row() {
    let old = packet_letter(PEOPLE);
    let mut new = old.clone();
    new[3].text = new[3].text.replace("01.02.1985", "01.02.1986");
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(change.kind, ChangeKind::Edited);
    assert!(matches!(change.block, BlockKind::TableRow { .. }));
    assert_eq!(
        deleted_and_inserted(&change),
        ("5".to_owned(), "6".to_owned())
    );
}

#[test]
fn corrected_passport_number_is_an_edit_in_place() {
    let old = packet_letter(PEOPLE);
    let mut new = old.clone();
    new[2] = row(2, "Smith John", "P7654322", 1);
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(change.kind, ChangeKind::Edited);
    assert_eq!(
        deleted_and_inserted(&change),
        ("1".to_owned(), "2".to_owned())
    );
}

#[test]
fn another_specialist_in_a_row_is_delete_and_insert() {
    let old = packet_letter(PEOPLE);
    let mut new = old.clone();
    new[2] = row(2, "Smith Jane", "K0001119", 1);
    assert_eq!(
        kinds(&compare(&old, &new)),
        vec![ChangeKind::Deleted, ChangeKind::Inserted]
    );
}

#[test]
fn rows_without_a_key_fall_back_to_text() {
    let unkeyed = |blocks: Vec<Block>| -> Vec<Block> {
        blocks
            .into_iter()
            .map(|mut b| {
                if let BlockKind::TableRow { key, .. } = &mut b.kind {
                    *key = None;
                }
                b
            })
            .collect()
    };
    let old = unkeyed(packet_letter(PEOPLE));
    let mut people = PEOPLE.to_vec();
    let first = people.remove(0);
    people.push(first);
    let redline = compare(&old, &unkeyed(new_of(&people)));
    let moved = ChangeKind::RowMoved {
        old_number: Some(1),
        new_number: Some(5),
        edited: false,
    };
    assert_eq!(kinds(&redline), vec![moved]);
}

/// Forty paragraphs, ten to a page, then the signature on the page of the last ones.
fn long_letter(extra_first: bool) -> Vec<Block> {
    let mut texts: Vec<String> = (1..=40)
        .map(|k| format!("Пункт {k}. Условия пребывания специалиста номер {k}."))
        .collect();
    if extra_first {
        texts.insert(0, "Пункт 0. Основание: договор подряда.".to_owned());
    }
    let mut blocks: Vec<Block> = texts
        .iter()
        .zip(0u32..)
        .map(|(t, k)| para(t, 1 + k / 10))
        .collect();
    let page = blocks.last().map_or(1, |b| b.page);
    blocks.push(signature(page));
    blocks
}

#[test]
fn one_paragraph_added_gives_one_note_per_page_boundary_not_forty() {
    let (old, new) = (long_letter(false), long_letter(true));
    let redline = compare(&old, &new);
    assert_eq!(kinds(&redline), vec![ChangeKind::Inserted]);
    let shifts: Vec<&LayoutNote> = redline
        .layout
        .iter()
        .filter(|n| matches!(n, LayoutNote::PageShift { .. }))
        .collect();
    // The last paragraph of pages 1 to 3 goes over, and the last one with the signature.
    assert_eq!(shifts.len(), 4, "{:#?}", redline.layout);
    let last = LayoutNote::PageShift {
        first_new_index: 40,
        last_new_index: 41,
        old_page: 4,
        new_page: 5,
        blocks: 2,
    };
    assert_eq!(shifts.last(), Some(&&last));
    assert!(
        redline
            .layout
            .contains(&LayoutNote::PageCount { old: 4, new: 5 })
    );
    assert!(
        !redline
            .layout
            .iter()
            .any(|n| matches!(n, LayoutNote::SignatureAlone { .. }))
    );
}

#[test]
fn everything_one_page_later_is_one_note() {
    let old = long_letter(false);
    let mut new = old.clone();
    new.iter_mut().for_each(|b| b.page += 1);
    new.insert(0, Block::new(BlockKind::Other, "Сопроводительный лист", 1));
    let redline = compare(&old, &new);
    let first_new_index = 1;
    let shift = LayoutNote::PageShift {
        first_new_index,
        last_new_index: 41,
        old_page: 1,
        new_page: 2,
        blocks: 41,
    };
    assert_eq!(
        redline.layout,
        vec![LayoutNote::PageCount { old: 4, new: 5 }, shift]
    );
    let text = render_text(&redline, false);
    assert!(
        text.contains("from block 2 (p.1 → p.2) to block 42, 41 block(s) start 1 page later"),
        "{text}"
    );
}

#[test]
fn signature_pushed_alone_onto_a_new_page_is_noted() {
    let mut old = vec![
        para("Прошу оформить приглашение.", 1),
        para("Список прилагается.", 2),
        signature(2),
    ];
    old.push(Block::new(
        BlockKind::Other,
        "Исп.: Иванова А., тел. 8 7172 00 00 00",
        2,
    ));
    let mut new = old.clone();
    new.insert(2, para("Оплату гарантируем.", 2));
    new[3].page = 3;
    new[4].page = 3;
    let redline = compare(&old, &new);
    assert_eq!(kinds(&redline), vec![ChangeKind::Inserted]);
    assert!(
        redline
            .layout
            .contains(&LayoutNote::PageCount { old: 2, new: 3 }),
        "{:#?}",
        redline.layout
    );
    assert!(
        redline
            .layout
            .contains(&LayoutNote::SignatureAlone { page: 3 }),
        "{:#?}",
        redline.layout
    );
    // Already alone in OLD: no note.
    let again = compare(
        &new,
        &new.iter()
            .cloned()
            .chain([para("Приложение.", 1)])
            .collect::<Vec<_>>(),
    );
    assert!(
        !again
            .layout
            .iter()
            .any(|n| matches!(n, LayoutNote::SignatureAlone { .. }))
    );
}

#[test]
fn json_shape_is_stable() -> Result<(), serde_json::Error> {
    let old = packet_letter(PEOPLE);
    let mut people = PEOPLE.to_vec();
    people.swap(0, 1);
    let value = serde_json::to_value(compare(&old, &new_of(&people)))?;
    let first = &value["changes"][0];
    assert_eq!(
        first["kind"],
        serde_json::json!({"type": "row_moved", "old_number": 2, "new_number": 1, "edited": false})
    );
    assert_eq!(first["block"]["type"], "table_row");
    assert_eq!(first["old"], serde_json::json!({"index": 2, "page": 1}));
    assert_eq!(first["segments"][0]["op"], "delete");
    assert_eq!(value["summary"]["rows_moved"], 2);
    assert!(value["layout"].as_array().is_some_and(Vec::is_empty));
    let back: Vec<Block> = serde_json::from_value(serde_json::to_value(&old)?)?;
    assert_eq!(back, old);
    Ok(())
}
