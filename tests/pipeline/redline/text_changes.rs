//! Text changes: word and character edits, moves, invisible swaps, and what is no change.

use super::common::{deleted_and_inserted, kinds, letter, only, para, seg};
use kzinvite::diff::redline::{ChangeKind, InvisibleKind, SegmentOp, compare, render_text};

const BODY: &[&str] = &[
    "Прошу оформить приглашение для иностранного специалиста сроком на 90 дней.",
    "Цель поездки: монтаж и наладка оборудования на объекте заказчика.",
    "Принимающая сторона гарантирует выезд специалиста по окончании срока.",
    "Расходы на проживание и медицинское страхование несёт принимающая сторона.",
    "Копии паспортов и трудовых договоров прилагаются к настоящему письму.",
];

#[test]
fn russian_word_edit_is_one_edited_paragraph() {
    let old = letter(BODY);
    let mut new = old.clone();
    new[1].text =
        "Прошу оформить приглашение для иностранных специалистов сроком на 90 дней.".into();
    let redline = compare(&old, &new);
    let change = only(&redline);
    assert_eq!(change.kind, ChangeKind::Edited);
    assert_eq!(change.new.map(|p| p.index), Some(1));
    assert_eq!(
        change.segments,
        vec![
            seg(SegmentOp::Equal, "Прошу оформить приглашение для "),
            seg(SegmentOp::Delete, "иностранного специалиста"),
            seg(SegmentOp::Insert, "иностранных специалистов"),
            seg(SegmentOp::Equal, " сроком на 90 дней."),
        ]
    );
    assert!(change.invisible.is_empty());
    assert_eq!(redline.summary.edited, 1);
}

#[test]
fn kazakh_word_edit_keeps_kazakh_letters_inside_words() {
    let old = letter(&["Өтініш берушінің мекенжайы: Астана қаласы, Әуезов көшесі, 12 үй."]);
    let mut new = old.clone();
    new[1].text = "Өтініш берушінің мекенжайы: Астана қаласы, Сәтбаев көшесі, 12 үй.".into();
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(change.kind, ChangeKind::Edited);
    assert_eq!(
        deleted_and_inserted(&change),
        ("Әуезов".to_owned(), "Сәтбаев".to_owned())
    );
    assert_eq!(change.old_text(), old[1].text);
    assert_eq!(change.new_text(), new[1].text);
}

#[test]
fn date_digit_change_is_shown_at_character_level() {
    let old = letter(&["Срок пребывания: с 12.03.2026 по 11.06.2026, паспорт N12345678."]);
    let mut new = old.clone();
    new[1].text = "Срок пребывания: с 13.03.2026 по 11.06.2026, паспорт N12345679.".into();
    let change = only(&compare(&old, &new)).clone();
    let changed: Vec<(SegmentOp, &str)> = change
        .segments
        .iter()
        .filter(|s| s.op != SegmentOp::Equal)
        .map(|s| (s.op, s.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![
            (SegmentOp::Delete, "2"),
            (SegmentOp::Insert, "3"),
            (SegmentOp::Delete, "8"),
            (SegmentOp::Insert, "9"),
        ]
    );
    let text = render_text(&compare(&old, &new), false);
    assert!(text.contains("1[-2-]{+3+}.03.2026"), "{text}");
}

#[test]
fn moved_paragraph_is_one_move() {
    let old = letter(BODY);
    let mut new = old.clone();
    let moved = new.remove(1);
    new.insert(5, moved);
    let redline = compare(&old, &new);
    let change = only(&redline);
    assert_eq!(change.kind, ChangeKind::Moved);
    assert_eq!(
        (change.old.map(|p| p.index), change.new.map(|p| p.index)),
        (Some(1), Some(5))
    );
    assert_eq!(change.segments, vec![seg(SegmentOp::Equal, BODY[0])]);
    assert_eq!(redline.summary.moved, 1);
}

#[test]
fn moved_and_edited_paragraph_carries_its_word_diff() {
    let old = letter(BODY);
    let mut new = old.clone();
    let mut moved = new.remove(2);
    moved.text = moved.text.replace("монтаж", "демонтаж");
    new.insert(5, moved);
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(change.kind, ChangeKind::MovedEdited);
    assert_eq!(
        deleted_and_inserted(&change),
        ("монтаж".to_owned(), "демонтаж".to_owned())
    );
}

#[test]
fn unrelated_paragraph_is_insert_and_delete_not_a_move() {
    let old = letter(BODY);
    let mut new = old.clone();
    new.remove(2);
    new.insert(5, para("Оплата труда производится в тенге ежемесячно.", 1));
    assert_eq!(
        kinds(&compare(&old, &new)),
        vec![ChangeKind::Deleted, ChangeKind::Inserted]
    );
}

#[test]
fn no_break_space_for_space_is_flagged_invisible() {
    let old = letter(&["Заработная плата составляет 950 000 тенге в месяц."]);
    let mut new = old.clone();
    new[1].text = "Заработная плата составляет 950\u{00A0}000 тенге в месяц.".into();
    let redline = compare(&old, &new);
    let change = only(&redline);
    assert_eq!(change.kind, ChangeKind::Edited);
    assert_eq!(
        deleted_and_inserted(change),
        (" ".to_owned(), "\u{00A0}".to_owned())
    );
    assert_eq!(change.invisible.len(), 1);
    let flag = &change.invisible[0];
    assert_eq!(flag.kind, InvisibleKind::SpaceVariant);
    assert_eq!(
        (flag.old_code_points.clone(), flag.new_code_points.clone()),
        (vec!["U+0020".to_owned()], vec!["U+00A0".to_owned()])
    );
    assert_eq!(redline.summary.invisible, 1);
    let text = render_text(&redline, false);
    assert!(
        text.contains("{+⟨U+00A0⟩+}")
            && text.contains("[invisible: space (U+0020) replaced by no-break space (U+00A0)]"),
        "{text}"
    );
}

#[test]
fn latin_letter_in_cyrillic_name_is_flagged_look_alike() {
    let old = letter(&["Специалист: Алексеев Алексей Петрович, инженер."]);
    let mut new = old.clone();
    new[1].text = "Специалист: Алексеев Aлексей Петрович, инженер.".into();
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(
        deleted_and_inserted(&change),
        ("А".to_owned(), "A".to_owned())
    );
    assert_eq!(change.invisible.len(), 1);
    assert_eq!(change.invisible[0].kind, InvisibleKind::LookAlike);
    assert_eq!(
        change.invisible[0].description,
        "Cyrillic «А» (U+0410) replaced by Latin «A» (U+0041)"
    );
}

#[test]
fn look_alike_hidden_inside_a_visible_edit_is_still_flagged() {
    let old = letter(&["Специалист: Aсқар Бекұлы, геолог."]);
    let mut new = old.clone();
    new[1].text = "Специалист: Асқаров Бекұлы, геолог.".into();
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(change.invisible.len(), 1, "{change:#?}");
    assert_eq!(change.invisible[0].old, "A");
    // A real transliteration is a visible edit, not a look-alike swap.
    new[1].text = "Специалист: Askar Бекұлы, геолог.".into();
    assert!(only(&compare(&old, &new)).invisible.is_empty());
    let clean = letter(&["Специалист: Асқар Бекұлы, геолог."]);
    assert!(only(&compare(&clean, &new)).invisible.is_empty());
}

#[test]
fn zero_width_space_is_flagged() {
    let old = letter(&["Иностранный работник: Петров Пётр."]);
    let mut new = old.clone();
    new[1].text = "Иностранный работник: Пет\u{200B}ров Пётр.".into();
    let change = only(&compare(&old, &new)).clone();
    assert_eq!(change.invisible.len(), 1);
    assert_eq!(change.invisible[0].kind, InvisibleKind::ZeroWidth);
    assert_eq!(
        change.invisible[0].new_code_points,
        vec!["U+200B".to_owned()]
    );
}

#[test]
fn reflow_and_soft_hyphens_are_no_change() {
    let old = letter(BODY);
    let mut new = old.clone();
    new[1].text =
        "Прошу   оформить\nприглашение для иностран\u{AD}ного специа-\nлиста сроком на 90 дней. "
            .into();
    new[2].text = format!("  {}\n", BODY[1].replace(' ', "\n"));
    let redline = compare(&old, &new);
    assert!(redline.is_empty(), "{redline:#?}");
}

#[test]
fn identical_documents_give_an_empty_redline() {
    let old = letter(BODY);
    let redline = compare(&old, &old.clone());
    assert!(redline.is_empty());
    assert_eq!(render_text(&redline, true), "No differences.\n");
    assert!(compare(&[], &[]).is_empty());
}

#[test]
fn render_marks_and_colours() {
    let old = letter(BODY);
    let mut new = old.clone();
    new[3].text = new[3].text.replace("гарантирует", "обеспечивает");
    let redline = compare(&old, &new);
    let plain = render_text(&redline, false);
    assert!(plain.contains("p.1 edited paragraph 4: "), "{plain}");
    assert!(plain.contains("[-гарантирует-]{+обеспечивает+}"), "{plain}");
    let coloured = render_text(&redline, true);
    assert!(
        coloured.contains("\x1b[31;9mгарантирует\x1b[0m\x1b[32;4mобеспечивает\x1b[0m"),
        "{coloured}"
    );
}
