//! One cell as read: text, a number, a boolean, a date (either epoch), an error value or
//! an uncalculated formula — before the field it belongs to gives it a meaning
//! ([`super::value`]).

use calamine::{DataRef, ExcelDateTime};

/// A cell as read, before the field it belongs to gives it a meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A number formatted as a date or time.
    Date(ExcelDateTime),
    /// An ISO 8601 date cell (`t="d"`).
    IsoDate(String),
    /// `#N/A`, `#REF!`, …
    Error(String),
    /// A formula whose result was never calculated and saved.
    FormulaWithoutValue,
}

impl Cell {
    /// The cell as read by calamine; `None` for an empty cell (blank text included).
    pub fn from_data(data: &DataRef<'_>, has_formula: bool) -> Option<Cell> {
        let cell = match data {
            DataRef::Empty if has_formula => Cell::FormulaWithoutValue,
            DataRef::Empty => return None,
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(d) => Cell::Date(*d),
            DataRef::DateTimeIso(s) => Cell::IsoDate(s.clone()),
            DataRef::DurationIso(s) => Cell::Text(s.clone()),
            DataRef::Error(e) => Cell::Error(e.to_string()),
        };
        match &cell {
            Cell::Text(s) if s.trim().is_empty() => None,
            _ => Some(cell),
        }
    }

    /// The cell's content as text, for messages and for field names.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) => whole(*n).map_or_else(|| n.to_string(), |i| i.to_string()),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Cell::Date(d) => date_of(d).unwrap_or_else(|| d.as_f64().to_string()),
            Cell::IsoDate(s) => s.clone(),
            Cell::Error(e) => e.clone(),
            Cell::FormulaWithoutValue => "(formula)".to_owned(),
        }
    }
}

/// The integer a float stands for, if it is whole and Excel keeps it exactly
/// (15 significant digits; beyond that Excel has already rounded it).
pub(super) fn whole(n: f64) -> Option<i64> {
    (n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15).then_some(n as i64)
}

/// `YYYY-MM-DD` of a date cell holding a whole day, from either epoch.
pub(super) fn date_of(d: &ExcelDateTime) -> Option<String> {
    let serial = d.as_f64();
    // Serial 1 is 1900-01-01; the upper bound is 9999-12-31 (Excel's range).
    if !d.is_datetime() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    if (h, min, s, ms) != (0, 0, 0, 0) || (m, day) == (2, 29) && !leap(y) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{day:02}"))
}

fn leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}
