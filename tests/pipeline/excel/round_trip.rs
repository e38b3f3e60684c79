//! Manifests through a workbook and back, to the same value: the examples, text Excel
//! would mangle, and random manifests.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use kzinvite::source::excel::layout;
use kzinvite::source::{excel, yaml, yaml_out};

use super::{read_xlsx, yaml_value};

fn round_trip(value: &Value) -> Result<(), String> {
    let bytes = excel::write_workbook(value).map_err(|e| format!("write: {e:#}"))?;
    let doc = read_xlsx(&bytes).map_err(|d| format!("read: {d:?}"))?;
    if !doc.findings.is_empty() {
        return Err(format!("findings: {:?}", doc.findings));
    }
    if doc.value != *value {
        return Err(format!(
            "differs:\n{}\n---\n{}",
            serde_json::to_string_pretty(value).unwrap_or_default(),
            serde_json::to_string_pretty(&doc.value).unwrap_or_default()
        ));
    }
    let text = yaml_out::manifest(value);
    match yaml::parse(text.as_bytes()) {
        Ok(back) if back.value == *value => Ok(()),
        Ok(back) => Err(format!("YAML differs:\n{text}\n{:?}", back.value)),
        Err(_) => Err(format!("YAML does not parse:\n{text}")),
    }
}

#[test]
fn example_round_trips_through_a_workbook_and_yaml() {
    for path in [
        "fixtures/examples/request/case.yaml",
        "fixtures/examples/petition/case.yaml",
        "fixtures/examples/notification/case.yaml",
    ] {
        if let Err(e) = round_trip(&yaml_value(path)) {
            panic!("{path}: {e}");
        }
    }
    // Text Excel escapes (control characters, `_xHHHH_` typed literally) or could
    // mistake for a number, a date or a formula.
    let mut value = yaml_value("fixtures/examples/notification/case.yaml");
    value["specialists"][0]["native_name"] = json!("a\u{0}b\u{7}c _x0041_ _x005F_ 😀");
    value["specialists"][0]["position"] = json!("=SUM(A1:A2)");
    value["project"]["contract"]["number"] = json!("1-2");
    value["visa_support"]["number"] = json!("000000000000000000012");
    value["inviting_party"]["contact"]["name"] = json!("TRUE");
    if let Err(e) = round_trip(&value) {
        panic!("tricky text: {e}");
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zA-Zа-яА-ЯёәғқңөұүһіӘҒҚҢӨҰҮҺІ0-9 «»—–:#,&*!|>'\"%@_./()王磊😀-]{1,40}",
        1 => prop::sample::select(vec![
            "TRUE", "false", "no", "null", "2026-03-15", "0012", "1e5", "+7", "=A1+1",
            "_x0041_ as typed", "- dash", "a: b", "#hash", "~", "'quoted'", "12.50",
            "tab\tinside", "bell\u{7}inside", "zero\u{0}width\u{200B}",
        ])
        .prop_map(str::to_owned),
    ]
    .prop_map(|s| s.trim().to_owned())
    .prop_filter("non-empty", |s| !s.is_empty())
}

fn date() -> impl Strategy<Value = String> {
    (1890u16..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn latin() -> impl Strategy<Value = String> {
    "[A-Z]{1,10}( [A-Z]{1,8})?"
}

fn digits() -> impl Strategy<Value = String> {
    prop_oneof!["0[0-9]{1,11}", "[1-9][0-9]{0,14}", "[0-9]{16,20}"]
}

fn passport() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Z][A-Z0-9]{4,19}", "0[0-9]{4,19}"]
}

fn choice(path: &str) -> impl Strategy<Value = String> + use<> {
    let values = layout::layout()
        .case_field(path)
        .or_else(|| layout::layout().specialist_field(path))
        .and_then(|f| f.choices.clone())
        .map(|c| c.values)
        .expect("a list");
    prop::sample::select(values)
}

fn optional<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn object(entries: Vec<(&str, Option<Value>)>) -> Value {
    let map: Map<String, Value> = entries
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect();
    Value::Object(map)
}

fn s(v: String) -> Option<Value> {
    Some(Value::String(v))
}

fn specialist() -> impl Strategy<Value = Value> {
    (
        (
            latin(),
            latin(),
            optional(text()),
            choice("sex"),
            date(),
            choice("citizenship"),
            text(),
        ),
        (
            passport(),
            date(),
            date(),
            optional("scans/[a-z]{1,8}\\.(pdf|jpg|png)"),
        ),
        optional((any::<bool>(), optional(digits()), optional(date()))),
        (optional(text()), optional(text()), optional(text())),
    )
        .prop_map(
            |(
                (surname, given, native, sex, born, citizen, position),
                (number, issued, expires, scan),
                permit,
                (position_ru, position_kk, position_en),
            )| {
                object(vec![
                    ("surname", s(surname)),
                    ("given_names", s(given)),
                    ("native_name", native.map(Value::String)),
                    ("sex", s(sex)),
                    ("date_of_birth", s(born)),
                    ("citizenship", s(citizen)),
                    ("position", s(position)),
                    ("position_ru", position_ru.map(Value::String)),
                    ("position_kk", position_kk.map(Value::String)),
                    ("position_en", position_en.map(Value::String)),
                    (
                        "passport",
                        Some(object(vec![
                            ("number", s(number)),
                            ("issued", s(issued)),
                            ("expires", s(expires)),
                            ("scan", scan.map(Value::String)),
                        ])),
                    ),
                    (
                        "work_permit",
                        permit.map(|(required, number, date)| {
                            object(vec![
                                ("required", Some(Value::Bool(required))),
                                ("number", number.map(Value::String)),
                                ("date", date.map(Value::String)),
                            ])
                        }),
                    ),
                ])
            },
        )
}

fn description() -> impl Strategy<Value = String> {
    prop::collection::vec(text(), 1..8).prop_map(|lines| lines.join("\n"))
}

fn manifest() -> impl Strategy<Value = Value> {
    let party = (
        (
            text(),
            text(),
            prop_oneof!["0[0-9]{11}", "[1-9][0-9]{11}"],
            choice("inviting_party.region"),
            text(),
        ),
        (
            "\\+[0-9]{1,3}( [0-9]{3}){2,3}",
            "[a-z]{1,8}@[a-z]{1,8}\\.kz",
            any::<bool>(),
            text(),
            text(),
        ),
        optional((text(), optional("\\+7 [0-9]{3} [0-9]{3} [0-9]{2} [0-9]{2}"))),
        // The `_kk` / `_en` variants: name_kk, address_kk, address_en, signatory
        // name_kk, name_en, position_kk, position_en, contact name_kk, name_en.
        prop::collection::vec(optional(text()), 9),
    )
        .prop_map(
            |(
                (name, name_en, bin, region, address),
                (phone, email, social, signer, position),
                contact,
                v,
            )| {
                let v = |i: usize| v.get(i).cloned().flatten().map(Value::String);
                object(vec![
                    ("name", s(name)),
                    ("name_kk", v(0)),
                    ("name_en", s(name_en)),
                    ("bin", s(bin)),
                    ("region", s(region)),
                    ("address", s(address)),
                    ("address_kk", v(1)),
                    ("address_en", v(2)),
                    ("phone", s(phone)),
                    ("email", s(email)),
                    ("socially_significant", Some(Value::Bool(social))),
                    (
                        "signatory",
                        Some(object(vec![
                            ("name", s(signer)),
                            ("name_kk", v(3)),
                            ("name_en", v(4)),
                            ("position", s(position)),
                            ("position_kk", v(5)),
                            ("position_en", v(6)),
                        ])),
                    ),
                    (
                        "contact",
                        contact.map(|(n, p)| {
                            object(vec![
                                ("name", s(n)),
                                ("name_kk", v(7)),
                                ("name_en", v(8)),
                                ("phone", p.map(Value::String)),
                            ])
                        }),
                    ),
                ])
            },
        );
    let partner = (
        text(),
        choice("foreign_partner.country"),
        text(),
        optional((text(), optional("[a-z]{1,8}@[a-z]{2,8}\\.cn"))),
    )
        .prop_map(|(name, country, address, contact)| {
            object(vec![
                ("name", s(name)),
                ("country", s(country)),
                ("address", s(address)),
                (
                    "contact",
                    contact.map(|(n, e)| {
                        object(vec![("name", s(n)), ("email", e.map(Value::String))])
                    }),
                ),
            ])
        });
    let project = (
        (
            text(),
            description(),
            text(),
            optional((prop_oneof![digits(), text()], date())),
        ),
        (
            date(),
            date(),
            choice("project.visa_post.country"),
            text(),
            optional(text()),
        ),
        ("[ABC][0-9]{1,2}", choice("project.visa.entries")),
        (
            optional(text()),
            optional(text()),
            optional(description()),
            optional(text()),
            optional(text()),
        ),
    )
        .prop_map(
            |(
                (title, description, location, contract),
                (entry, exit, country, city, checkpoint),
                (category, entries),
                (title_kk, title_en, description_kk, location_kk, location_en),
            )| {
                object(vec![
                    ("title", s(title)),
                    ("title_kk", title_kk.map(Value::String)),
                    ("title_en", title_en.map(Value::String)),
                    ("description", s(description)),
                    ("description_kk", description_kk.map(Value::String)),
                    ("location", s(location)),
                    ("location_kk", location_kk.map(Value::String)),
                    ("location_en", location_en.map(Value::String)),
                    (
                        "contract",
                        contract.map(|(n, d)| object(vec![("number", s(n)), ("date", s(d))])),
                    ),
                    ("entry_date", s(entry)),
                    ("exit_date", s(exit)),
                    (
                        "visa_post",
                        Some(object(vec![("country", s(country)), ("city", s(city))])),
                    ),
                    ("entry_checkpoint", checkpoint.map(Value::String)),
                    (
                        "visa",
                        Some(object(vec![
                            ("category", s(category)),
                            ("entries", s(entries)),
                        ])),
                    ),
                ])
            },
        );
    let decision = optional((
        digits(),
        date(),
        prop_oneof![
            Just(json!("all")),
            prop::collection::vec(passport(), 1..4).prop_map(|v| json!(v))
        ],
    ));
    let support = optional((digits(), date(), optional("scans/[a-z]{1,8}\\.pdf")));
    let letters = prop::collection::btree_map(
        prop::sample::select(layout::layout().letter_ids.clone()),
        (prop_oneof![digits(), text()], date()),
        1..4,
    );
    (
        ("[A-Za-z0-9][A-Za-z0-9._-]{0,20}", choice("language")),
        party,
        partner,
        project,
        prop::collection::vec(specialist(), 1..5),
        (decision, support, optional(letters)),
    )
        .prop_map(
            |(
                (id, language),
                party,
                partner,
                project,
                specialists,
                (decision, support, letters),
            )| {
                object(vec![
                    ("manifest_version", Some(json!(1))),
                    ("id", s(id)),
                    ("language", s(language)),
                    ("inviting_party", Some(party)),
                    ("foreign_partner", Some(partner)),
                    ("project", Some(project)),
                    ("specialists", Some(Value::Array(specialists))),
                    (
                        "ic_decision",
                        decision.map(|(n, d, a)| {
                            object(vec![
                                ("minutes_number", s(n)),
                                ("date", s(d)),
                                ("approved", Some(a)),
                            ])
                        }),
                    ),
                    (
                        "visa_support",
                        support.map(|(n, d, c)| {
                            object(vec![
                                ("number", s(n)),
                                ("date", s(d)),
                                ("copy", c.map(Value::String)),
                            ])
                        }),
                    ),
                    (
                        "letters",
                        letters.map(|l| {
                            Value::Object(
                                l.into_iter()
                                    .map(|(id, (n, d))| (id, json!({ "number": n, "date": d })))
                                    .collect(),
                            )
                        }),
                    ),
                ])
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_manifests_survive_yaml_to_excel_to_yaml(value in manifest()) {
        if let Err(e) = round_trip(&value) {
            prop_assert!(false, "{}", e);
        }
    }
}
