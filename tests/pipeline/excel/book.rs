//! Workbooks built cell by cell for the fixtures and the structure tests.

use std::collections::BTreeMap;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Formula, Workbook};
use serde_json::Value;

use kzinvite::source::excel::layout::{self, Kind};

use super::{rezip, unzip};

/// A cell as a person or another program might leave it.
#[derive(Debug, Clone)]
pub enum Typed {
    Text(String),
    Number(f64),
    Bool(bool),
    Date(String),
    /// A formula saved without its result (as some tools write them).
    FormulaWithoutValue(String),
}

/// Sheets of cells, written with rust_xlsxwriter without the template's formats, so
/// each scenario controls exactly what a cell holds.
pub struct Book {
    pub sheets: Vec<(String, Cells)>,
}

/// A sheet's cells by (row, column).
pub type Cells = BTreeMap<(u32, u16), Typed>;

const NO_VALUE: &str = "__no_value__";

impl Book {
    /// The manifest laid out as kzinvite writes it.
    pub fn from_manifest(value: &Value) -> Book {
        let l = layout::layout();
        let typed = |kind: Kind, v: &Value| -> Typed {
            match (kind, v) {
                (Kind::Date, Value::String(s)) => Typed::Date(s.clone()),
                (_, Value::Bool(b)) => Typed::Bool(*b),
                (_, Value::Number(n)) => Typed::Number(n.as_f64().unwrap_or_default()),
                (_, Value::String(s)) => Typed::Text(s.clone()),
                (_, Value::Array(a)) => Typed::Text(
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (_, other) => Typed::Text(other.to_string()),
            }
        };
        let mut case = BTreeMap::new();
        case.insert((0, 0), Typed::Text("field".into()));
        case.insert((0, 1), Typed::Text("value".into()));
        for (i, f) in l.case.iter().enumerate() {
            let row = i as u32 + 1;
            case.insert((row, 0), Typed::Text(f.path.clone()));
            if let Some(v) = value.pointer(&f.pointer("")) {
                case.insert((row, 1), typed(f.kind, v));
            }
        }
        let mut specialists = BTreeMap::new();
        for (c, f) in l.specialist.iter().enumerate() {
            specialists.insert((0, c as u16), Typed::Text(f.path.clone()));
            for (r, s) in value["specialists"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(v) = s.pointer(&f.pointer("")) {
                    specialists.insert((r as u32 + 1, c as u16), typed(f.kind, v));
                }
            }
        }
        let mut letters = BTreeMap::new();
        for (c, name) in layout::LETTER_COLUMNS.iter().enumerate() {
            letters.insert((0, c as u16), Typed::Text((*name).into()));
        }
        for (r, (id, letter)) in value["letters"]
            .as_object()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let row = r as u32 + 1;
            letters.insert((row, 0), Typed::Text(id.clone()));
            letters.insert((row, 1), typed(Kind::Text, &letter["number"]));
            letters.insert((row, 2), typed(Kind::Date, &letter["date"]));
        }
        Book {
            sheets: vec![
                ("Case".into(), case),
                ("Specialists".into(), specialists),
                ("Letters".into(), letters),
            ],
        }
    }

    pub fn sheet(&mut self, name: &str) -> &mut Cells {
        let i = self
            .sheets
            .iter()
            .position(|(n, _)| n == name)
            .expect("sheet");
        &mut self.sheets[i].1
    }

    /// The Case row of a field (0-based).
    pub fn case_row(&mut self, field: &str) -> u32 {
        self.sheet("Case")
            .iter()
            .find(|((_, c), v)| *c == 0 && matches!(v, Typed::Text(t) if t == field))
            .map(|((r, _), _)| *r)
            .expect("field row")
    }

    pub fn set(&mut self, sheet: &str, cell: &str, value: Typed) {
        let (row, col) = address(cell);
        self.sheet(sheet).insert((row, col), value);
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        // A fixed creation time, so regenerating leaves unchanged fixtures unchanged.
        let created = ExcelDateTime::from_ymd(2026, 1, 1).expect("date");
        wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for (name, cells) in &self.sheets {
            let ws = wb.add_worksheet().set_name(name).expect("name");
            for (&(r, c), v) in cells {
                match v {
                    Typed::Text(s) => ws.write_string(r, c, s),
                    Typed::Number(n) => ws.write_number(r, c, *n),
                    Typed::Bool(b) => ws.write_boolean(r, c, *b),
                    Typed::Date(s) => {
                        let d = ExcelDateTime::parse_from_str(s).expect("date");
                        ws.write_date_with_format(r, c, &d, &date)
                    }
                    Typed::FormulaWithoutValue(f) => {
                        ws.write_formula(r, c, Formula::new(f).set_result(NO_VALUE))
                    }
                }
                .expect("cell");
            }
        }
        let bytes = wb.save_to_buffer().expect("saved");
        // rust_xlsxwriter always stores a result: take it out again.
        let entries: Vec<(String, Vec<u8>)> = unzip(&bytes)
            .into_iter()
            .map(|(name, data)| {
                let text = String::from_utf8_lossy(&data);
                if text.contains(NO_VALUE) {
                    let text = text
                        .replace(&format!("<v>{NO_VALUE}</v>"), "")
                        .replace(" t=\"str\"><f>", "><f>");
                    (name, text.into_bytes())
                } else {
                    (name, data)
                }
            })
            .collect();
        rezip(&entries)
    }
}

/// `E2` → (1, 4).
fn address(cell: &str) -> (u32, u16) {
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters
        .bytes()
        .fold(0u16, |n, b| n * 26 + u16::from(b - b'A') + 1)
        - 1;
    let row: u32 = cell[letters.len()..].parse().expect("row");
    (row - 1, col)
}
