//! Manifest text is data, never markup: arbitrary strings — Typst's special characters
//! included — put into text fields come out of the PDF exactly as written.
//!
//! Each value is printed between sentinels (`QZX1…QZX1`, another digit per field) and
//! the extracted text must hold sentinel + value + sentinel, character for character: a
//! value can't be "found" in some other part of the letter, and markup that leaked (a
//! `#` that became code, a `*` that became bold and vanished) shows as a missing or
//! changed character. Only white space is normalized, because the extractor adds some
//! (see [`appears`]): a space of the value must still be white space in the PDF.

use std::path::Path;

use kzinvite::documents::DocumentId;
use kzinvite::model::Case;
use kzinvite::render::{Engine, RenderOptions};
use kzinvite::stage::Stage;
use proptest::prelude::*;
use serde_json::Value;

fn example() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/request/case.yaml");
    let doc = kzinvite::source::load(&path).unwrap_or_else(|_| panic!("example loads"));
    doc.value
}

/// The text of the akimat request rendered from `manifest`, as the extractor gives it.
fn rendered_text(engine: &Engine, manifest: &Value) -> String {
    let case = Case::from_value(manifest).expect("typed case");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/request");
    let today = time::Date::from_calendar_date(2026, time::Month::January, 15).expect("date");
    let rendered = engine
        .render_case(&case, manifest, &dir, Stage::Request, today)
        .expect("renders");
    let pdf = &rendered
        .documents
        .iter()
        .find(|d| d.id == DocumentId::AkimatRequest)
        .expect("akimat request")
        .pdf;
    pdf_extract::extract_text_from_mem(pdf).expect("text")
}

/// The extracted text, read as characters and the white space between them.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Char(char),
    /// A run of white space: spaces, line breaks, or both.
    Gap,
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for c in text.chars() {
        match (c.is_whitespace(), out.last()) {
            (true, Some(Piece::Gap)) => {}
            (true, _) => out.push(Piece::Gap),
            (false, _) => out.push(Piece::Char(c)),
        }
    }
    out
}

/// Whether `needle` is printed in `text`: each of its characters exactly and in order,
/// each of its spaces as white space. The one allowance is white space the needle does
/// not have: the extractor guesses spaces from the gaps between glyphs, and it guesses
/// more than were typed — line breaks, the wider spaces of a justified line, the side
/// bearing after `#` or `(` (`# set page`, `( Китай)`) — so an extra gap is not a fault.
/// Spaces in a row are one gap, as a PDF has only wider gaps, not two spaces.
fn appears(text: &[Piece], needle: &str) -> bool {
    let mut needle: Vec<char> = needle.chars().collect();
    needle.dedup_by(|a, b| *a == ' ' && *b == ' ');
    let matches_at = |start: usize| {
        let (mut t, mut n) = (start, 0);
        while n < needle.len() {
            match text.get(t) {
                Some(Piece::Char(c)) if *c == needle[n] => (t, n) = (t + 1, n + 1),
                Some(Piece::Gap) if needle[n] == ' ' => (t, n) = (t + 1, n + 1),
                Some(Piece::Gap) if n > 0 => t += 1,
                _ => return false,
            }
        }
        true
    };
    (0..text.len()).any(matches_at)
}

/// `QZX<n>` + value + `QZX<n>`.
fn fenced(n: usize, value: &str) -> String {
    format!("QZX{n}{value}QZX{n}")
}

/// Text a person might type, weighted towards what Typst markup would interpret.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("#".to_owned()),
        Just("$".to_owned()),
        Just("*".to_owned()),
        Just("_".to_owned()),
        Just("@".to_owned()),
        Just("<".to_owned()),
        Just(">".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\\".to_owned()),
        Just("//".to_owned()),
        Just("/*".to_owned()),
        Just("`".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("~".to_owned()),
        Just("=".to_owned()),
        Just("-".to_owned()),
        Just("+".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("#let x = 1".to_owned()),
        Just("#pagebreak()".to_owned()),
        Just("$x^2$".to_owned()),
        Just("<label>".to_owned()),
        Just("@ref".to_owned()),
        Just("\\u{41}".to_owned()),
        Just(";".to_owned()),
        "[a-zA-Z0-9]{1,6}",
        "[а-яА-Я]{1,6}",
        "[ӘәҒғҚқҢңӨөҰұҮүҺһІі]{1,3}",
        Just(" ".to_owned()),
    ];
    prop::collection::vec(pieces, 1..8)
        .prop_map(|v| v.concat().trim().to_owned())
        .prop_filter("non-empty", |s| !s.is_empty())
}

/// Puts the four values, fenced, into fields the akimat request prints; `Err` names the
/// first that is not printed exactly.
fn check_fields(engine: &Engine, values: [&str; 4]) -> Result<(), String> {
    let mut m = example();
    let [company, partner, signatory, location] = values.map(str::to_owned);
    m["inviting_party"]["name"] = Value::from(fenced(1, &company));
    m["foreign_partner"]["name"] = Value::from(fenced(2, &partner));
    m["inviting_party"]["signatory"]["name"] = Value::from(fenced(3, &signatory));
    m["project"]["location"] = Value::from(fenced(4, &location));
    let text = rendered_text(engine, &m);
    let printed = pieces(&text);
    for (n, value) in values.iter().enumerate() {
        if !appears(&printed, &fenced(n + 1, value)) {
            return Err(format!(
                "{value:?} is not printed literally between QZX{} sentinels; the PDF's text:\n{text}",
                n + 1
            ));
        }
    }
    Ok(())
}

thread_local! {
    static ENGINE: Engine = Engine::new(RenderOptions::default()).expect("engine");
}

proptest! {
    // Each case renders a letter: 32 keep the test to seconds on CI's two cores.
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn text_fields_appear_literally(company in hostile_text(), partner in hostile_text(), signatory in hostile_text(), location in hostile_text()) {
        let checked = ENGINE.with(|e| check_fields(e, [&company, &partner, &signatory, &location]));
        prop_assert!(checked.is_ok(), "{}", checked.err().unwrap_or_default());
    }
}

/// A lone markup character is the easiest value to "find" elsewhere in a letter (`+` in
/// the phone number, `;` in the text): each must be printed where it belongs.
#[test]
fn single_markup_characters_appear_where_they_belong() {
    let characters = [
        "#", "$", "*", "_", "@", "<", ">", "[", "]", "\\", "/", "`", "\"", "'", "~", "=", "-", "+",
        "{", "}", ";", ":", ".",
    ];
    ENGINE.with(|e| {
        for four in characters.chunks(4) {
            let mut values = ["", "", "", ""].map(str::to_owned);
            for (slot, c) in values.iter_mut().zip(four.iter().cycle()) {
                *slot = (*c).to_owned();
            }
            let [a, b, c, d] = &values;
            if let Err(e) = check_fields(e, [a, b, c, d]) {
                panic!("{e}");
            }
        }
    });
}

#[test]
fn markup_in_the_description_stays_text() {
    let engine = Engine::new(RenderOptions::default()).expect("engine");
    let mut m = example();
    let description = "Работы: монтаж #set page(width: 1cm) и *жирный* текст _курсив_ $E = m c^2$ <метка> @ссылка [скобки] \\ // не комментарий /* тоже */ — всё это должно остаться текстом, как написал пользователь в манифесте проекта.";
    m["project"]["description"] = Value::from(fenced(5, description));
    let text = rendered_text(&engine, &m);
    assert!(
        appears(&pieces(&text), &fenced(5, description)),
        "description not printed literally; the PDF's text:\n{text}"
    );
}

#[test]
fn only_white_space_the_extractor_adds_is_forgiven() {
    let text = pieces("a QZX1x - y\nz QZX1 b, QZX2# set\npage( QZX2; +7 727");
    assert!(
        appears(&text, "QZX1x - y z QZX1"),
        "a line break is a space"
    );
    assert!(
        appears(&text, "QZX2#setpage(QZX2"),
        "the extractor's own gaps are not"
    );
    assert!(
        !appears(&pieces("QZX1x-y zQZX1"), "QZX1x - y z QZX1"),
        "a space is not dropped"
    );
    assert!(
        !appears(&text, "QZX1x - y z! QZX1"),
        "nor a character added"
    );
    assert!(
        !appears(&text, "QZX3+QZX3"),
        "a value is found between its sentinels only"
    );
}
