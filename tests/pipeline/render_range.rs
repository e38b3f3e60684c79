//! Every valid manifest renders: manifests generated across the schema's range — dates
//! from 1901 to 9999, stays of thousands of years, 1 to 500 specialists, the longest
//! strings the schema allows, words longer than a column — that `validate` accepts render
//! in Russian and Kazakh without an internal error. Case counts are bounded for CI.

use std::path::{Path, PathBuf};

use kzinvite::check::{CheckOptions, check};
use kzinvite::language::Language;
use kzinvite::model::Case;
use kzinvite::render::{Engine, RenderOptions};
use kzinvite::source::{Document, load};
use proptest::prelude::*;
use serde_json::{Value, json};
use time::{Date, Duration, Month};

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/notification")
}

fn example() -> Document {
    load(&example_dir().join("case.yaml")).unwrap_or_else(|e| panic!("the example reads: {e:?}"))
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A text of exactly `len` characters: Cyrillic and Kazakh words, markup characters and
/// one word as long as `long_word` (a column must break it).
fn text(len: usize, long_word: usize, seed: u64) -> String {
    const WORDS: [&str; 8] = [
        "Қазақстан",
        "құрылыс",
        "компаниясы",
        "#[x]",
        "$y$",
        "*жобасы*",
        "«Алматы»",
        "_@\\//",
    ];
    let mut out: String = "Ш".repeat(long_word.min(len));
    let mut i = seed as usize;
    while out.chars().count() < len {
        out.push(' ');
        out.push_str(WORDS[i % WORDS.len()]);
        i += 1;
    }
    out.chars().take(len).collect::<String>().trim().to_owned()
}

/// A Latin given name for specialist `i` (names are letters only): `GIVEN BA`.
fn letters(i: usize) -> String {
    let mut n = i;
    let mut name = String::new();
    loop {
        name.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    format!("GIVEN {name}")
}

/// A manifest at stage notification with `n` specialists, every date placed from `entry`
/// (a stay of `stay` days), strings of the given length.
fn manifest(
    n: usize,
    entry: Date,
    stay: i64,
    len: usize,
    long_word: usize,
    lang: Language,
) -> Value {
    let mut v = example().value;
    let exit = entry.saturating_add(Duration::days(stay));
    let before = |days: i64| iso(entry.saturating_sub(Duration::days(days)));
    let t = |seed: u64| text(len.min(500), long_word, seed);
    v["language"] = json!(lang.as_str());
    v["inviting_party"]["name"] = json!(t(1));
    v["inviting_party"]["address"] = json!(t(2));
    v["inviting_party"]["signatory"] = json!({"name": t(3), "position": t(4)});
    v["foreign_partner"]["name"] = json!(t(5));
    v["project"]["title"] = json!(t(6));
    v["project"]["location"] = json!(t(7));
    v["project"]["description"] = json!(text(len.max(200) * 4, long_word, 8));
    v["project"]["entry_date"] = json!(iso(entry));
    v["project"]["exit_date"] = json!(iso(exit));
    v["project"]["contract"]["date"] = json!(before(30));
    v["ic_decision"]["date"] = json!(before(20));
    v["visa_support"]["date"] = json!(before(10));
    v.as_object_mut().map(|m| m.remove("letters"));
    let template = v["specialists"][0].clone();
    let latin: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        .chars()
        .cycle()
        .take(len.min(100))
        .collect();
    v["specialists"] = Value::Array(
        (0..n)
            .map(|i| {
                let mut s = template.clone();
                s["surname"] = json!(latin.trim());
                s["given_names"] = json!(letters(i));
                s["position"] = json!(t(9 + i as u64));
                s["date_of_birth"] = json!(before(30 * 365));
                s["passport"]["number"] = json!(format!("P{i:07}"));
                s["passport"]["issued"] = json!(before(365));
                s["passport"]["expires"] = json!("9999-12-31");
                s["passport"]["scan"] = json!("scans/wang-lei.pdf");
                s["work_permit"] =
                    json!({"required": true, "number": format!("AL-{i}"), "date": before(40)});
                s
            })
            .collect(),
    );
    v
}

/// Validates `value` as if it were the example's file, then renders every document.
fn validates_and_renders(value: Value, lang: Language, today: Date) -> Result<(), String> {
    let mut doc = example();
    doc.value = value;
    doc.text = None;
    let checked = check(&doc, &CheckOptions::at(today));
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}: {}", d.code, d.pointer, d.message))
        .take(5)
        .collect();
    if !errors.is_empty() {
        return Err(format!("the generated manifest is invalid: {errors:?}"));
    }
    let engine = Engine::new(RenderOptions {
        lang: Some(lang),
        ..RenderOptions::default()
    })
    .map_err(|e| e.to_string())?;
    let (_, clean) = engine.glyph_coverage(&doc.value);
    let case = Case::from_value(&clean).map_err(|e| e.to_string())?;
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        engine.render_case(&case, &clean, &example_dir(), checked.stage, today)
    }))
    .map_err(|_| "rendering panicked".to_owned())?
    .map_err(|e| format!("{e:#}"))?;
    if rendered.documents.len() != 7 || rendered.documents.iter().any(|d| d.pdf.is_empty()) {
        return Err(format!("{} documents", rendered.documents.len()));
    }
    Ok(())
}

fn date(year: i32, day_of_year: u16) -> Date {
    Date::from_ordinal_date(year, day_of_year.clamp(1, 365))
        .unwrap_or_else(|_| Date::from_calendar_date(year, Month::January, 1).unwrap_or(Date::MIN))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_valid_manifests_render(
        n in prop::sample::select(vec![1usize, 2, 5, 21]),
        year in 1901i32..9900,
        day in 1u16..366,
        stay in prop::sample::select(vec![1i64, 183, 366, 9_000, i64::MAX]),
        len in prop::sample::select(vec![1usize, 40, 500]),
        long_word in prop::sample::select(vec![1usize, 60]),
        kazakh in any::<bool>(),
    ) {
        let entry = date(year, day);
        // The stay ends by 9999-09-01 (`i64::MAX`: as long as the calendar allows, millions
        // of days): passports, valid to 9999-12-31, still cover exit + 90 days.
        let room = (date(9999, 244) - entry).whole_days();
        let stay = stay.min(room).max(1);
        let lang = if kazakh { Language::Kk } else { Language::Ru };
        let value = manifest(n, entry, stay, len, long_word, lang);
        let today = entry.saturating_sub(Duration::days(60));
        prop_assert_eq!(validates_and_renders(value, lang, today), Ok(()));
    }
}

/// The most specialists a manifest may hold, with the longest names, in both languages.
#[test]
fn five_hundred_specialists_render() {
    for lang in [Language::Ru, Language::Kk] {
        let entry = date(2027, 60);
        let value = manifest(500, entry, 183, 100, 30, lang);
        let today = entry.saturating_sub(Duration::days(60));
        assert_eq!(validates_and_renders(value, lang, today), Ok(()), "{lang}");
    }
}
