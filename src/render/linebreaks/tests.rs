//! The line counts and widths checked against Typst's own layout.

use super::shaping::runs;
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
    // 64 break opportunities are followed, more are left to Typst.
    assert!(m.measure(&["a"; 64].join(" "), Language::En).is_some());
    assert_eq!(m.measure(&["a"; 65].join(" "), Language::En), None);
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
    let context = crate::render::world::ContextFiles::whole(Bytes::new(
        serde_json::to_vec(&data).expect("json"),
    ));
    let world =
        crate::render::world::DocWorld::new(&shared, "/main.typ", source, &files, context, today);
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
