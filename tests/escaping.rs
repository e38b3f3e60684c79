//! Manifest text is data, never markup: arbitrary strings — Typst's special characters
//! included — put into text fields come out of the PDF exactly as written.

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

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

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
    squash(&pdf_extract::extract_text_from_mem(pdf).expect("text"))
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn text_fields_appear_literally(company in hostile_text(), partner in hostile_text(), signatory in hostile_text(), location in hostile_text()) {
        thread_local! {
            static ENGINE: Engine = Engine::new(RenderOptions::default()).expect("engine");
        }
        let mut m = example();
        m["inviting_party"]["name"] = Value::from(company.clone());
        m["foreign_partner"]["name"] = Value::from(partner.clone());
        m["inviting_party"]["signatory"]["name"] = Value::from(signatory.clone());
        m["project"]["location"] = Value::from(location.clone());
        let text = ENGINE.with(|e| rendered_text(e, &m));
        for value in [&company, &partner, &signatory, &location] {
            prop_assert!(text.contains(&squash(value)), "{value:?} not found literally in the PDF text");
        }
    }
}

#[test]
fn markup_in_the_description_stays_text() {
    let engine = Engine::new(RenderOptions::default()).expect("engine");
    let mut m = example();
    let description = "Работы: монтаж #set page(width: 1cm) и *жирный* текст _курсив_ $E = m c^2$ <метка> @ссылка [скобки] \\ // не комментарий /* тоже */ — всё это должно остаться текстом, как написал пользователь в манифесте проекта.";
    m["project"]["description"] = Value::from(description);
    let text = rendered_text(&engine, &m);
    assert!(
        text.contains(&squash(description)),
        "description printed literally"
    );
}
