//! One cell → one JSON value, the way a person typing in Excel or LibreOffice fills it:
//! date cells or ISO text for dates, numbers only where they convert without loss,
//! TRUE/FALSE or yes/no words for booleans, formulas by their cached value.

use serde_json::{Number, Value};

use super::cell::{Cell, date_of, whole};
use super::layout::{Field, Kind, Numeric};

/// Why a cell cannot be its field's value: an `excel-cell` diagnostic's message and help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: String,
}

fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        help: help.into(),
    }
}

const RETYPE: &str = "format the column as Text (Format Cells → Text) and type the value again";

/// The JSON value of `cell` for `field`; `Ok(None)` when it holds nothing.
pub fn value(cell: &Cell, field: &Field) -> Result<Option<Value>, Problem> {
    if matches!(cell, Cell::Error(_) | Cell::FormulaWithoutValue) {
        return Err(unreadable(cell, field));
    }
    match field.kind {
        Kind::Text => text(cell, field).map(|s| Some(Value::String(s))),
        Kind::Multiline => text(cell, field).map(|s| {
            let s = s.replace("\r\n", "\n").replace('\r', "\n");
            Some(Value::String(s.trim().to_owned()))
        }),
        Kind::Date => date(cell, field).map(|s| Some(Value::String(s))),
        Kind::Bool => boolean(cell, field).map(|b| Some(Value::Bool(b))),
        Kind::Integer => integer(cell, field).map(|n| Some(Value::Number(n))),
        Kind::Approved => approved(cell, field),
    }
}

/// An error value or a formula never calculated: no value at all.
fn unreadable(cell: &Cell, field: &Field) -> Problem {
    match cell {
        Cell::Error(e) => problem(
            format!(
                "the cell shows the error {e}, not a value for `{}`",
                field.path
            ),
            "fix the formula or type the value",
        ),
        _ => problem(
            format!("`{}` is a formula without a calculated value", field.path),
            "open the workbook in Excel or LibreOffice and save it (that stores the results), or type the value instead of the formula",
        ),
    }
}

fn text(cell: &Cell, field: &Field) -> Result<String, Problem> {
    match cell {
        Cell::Text(s) => Ok(s.trim().to_owned()),
        Cell::Number(n) => {
            if field.numeric == Numeric::Never {
                return Err(problem(
                    format!(
                        "`{}` is a number here: Excel dropped the leading + of the phone number",
                        field.path
                    ),
                    RETYPE,
                ));
            }
            let Some(i) = whole(*n) else {
                return Err(problem(
                    format!(
                        "`{}` is the number {n}, which Excel has rounded or shows in scientific notation: the exact text is lost",
                        field.path
                    ),
                    RETYPE,
                ));
            };
            let digits = i.to_string();
            if let Numeric::Digits(want) = field.numeric
                && digits.trim_start_matches('-').len() < want
            {
                return Err(problem(
                    format!(
                        "`{}` is the number {digits}, {} digits: Excel dropped its leading zeros",
                        field.path,
                        digits.len()
                    ),
                    RETYPE,
                ));
            }
            Ok(digits)
        }
        Cell::Bool(b) => Err(problem(
            format!(
                "`{}` holds the logical value {}, not text",
                field.path,
                if *b { "TRUE" } else { "FALSE" }
            ),
            RETYPE,
        )),
        Cell::Date(_) | Cell::IsoDate(_) => Err(problem(
            format!(
                "Excel turned `{}` into the date {}: the text as typed is lost",
                field.path,
                cell.display()
            ),
            RETYPE,
        )),
        Cell::Error(_) | Cell::FormulaWithoutValue => Err(unreadable(cell, field)),
    }
}

fn iso_shape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn date(cell: &Cell, field: &Field) -> Result<String, Problem> {
    let not_a_date = |what: String| {
        problem(
            format!("`{}` needs a date, and {what}", field.path),
            "enter the date as a date cell, or type it as YYYY-MM-DD (e.g. 2026-03-15)",
        )
    };
    match cell {
        Cell::Date(d) => date_of(d).ok_or_else(|| {
            if d.is_datetime() {
                not_a_date(format!(
                    "the cell holds a time of day or a value outside the calendar ({})",
                    d.as_f64()
                ))
            } else {
                not_a_date("the cell holds a duration".into())
            }
        }),
        Cell::IsoDate(s) => {
            let day = s.get(..10).filter(|d| iso_shape(d));
            let midnight = s.get(10..).is_none_or(|t| {
                t.is_empty()
                    || t.trim_start_matches('T')
                        .chars()
                        .all(|c| "0:.Z".contains(c))
            });
            match day {
                Some(d) if midnight => Ok(d.to_owned()),
                _ => Err(not_a_date(format!("`{s}` is not a whole day"))),
            }
        }
        Cell::Text(s) => {
            let s = s.trim();
            if iso_shape(s) {
                return Ok(s.to_owned());
            }
            let help = match readings(s).as_slice() {
                [one] => format!(
                    "if you mean {one}, type it like that (YYYY-MM-DD), or enter a date cell"
                ),
                [a, b] => format!(
                    "it could mean {a} or {b} (countries write day and month in different orders): type the one you mean as YYYY-MM-DD, or enter a date cell"
                ),
                _ => {
                    "type the date as YYYY-MM-DD (e.g. 2026-03-15), or enter a date cell".to_owned()
                }
            };
            Err(problem(
                format!("`{s}` is not a date kzinvite can read for `{}`", field.path),
                help,
            ))
        }
        Cell::Number(n) => Err(not_a_date(format!(
            "the cell holds the number {n}, not a date"
        ))),
        Cell::Bool(_) => Err(not_a_date("the cell holds TRUE or FALSE".into())),
        Cell::Error(_) | Cell::FormulaWithoutValue => Err(unreadable(cell, field)),
    }
}

/// The ISO dates a text like `03/04/2026`, `3.4.2026` or `2026/04/03` may stand for.
fn readings(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Vec::new();
    };
    let num = |t: &str| -> Option<u32> {
        if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let (Some(x), Some(y), Some(z)) = (num(a), num(b), num(c)) else {
        return Vec::new();
    };
    let iso = |year: u32, month: u32, day: u32| -> Option<String> {
        let m = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
        let date =
            time::Date::from_calendar_date(i32::try_from(year).ok()?, m, u8::try_from(day).ok()?)
                .ok()?;
        Some(crate::dates::iso(date))
    };
    let mut out: Vec<String> = if a.len() == 4 {
        iso(x, y, z).into_iter().collect()
    } else if c.len() == 4 {
        [iso(z, y, x), iso(z, x, y)].into_iter().flatten().collect()
    } else {
        Vec::new()
    };
    out.dedup();
    out
}

/// Words read as true or false (English, Russian, Kazakh), compared in lower case.
const TRUE_WORDS: [&str; 5] = ["true", "yes", "да", "иә", "1"];
const FALSE_WORDS: [&str; 5] = ["false", "no", "нет", "жоқ", "0"];

fn boolean(cell: &Cell, field: &Field) -> Result<bool, Problem> {
    let word = match cell {
        Cell::Bool(b) => return Ok(*b),
        Cell::Number(n) if *n == 1.0 => return Ok(true),
        Cell::Number(n) if *n == 0.0 => return Ok(false),
        Cell::Text(s) => s.trim().to_lowercase(),
        other => other.display(),
    };
    if TRUE_WORDS.contains(&word.as_str()) {
        Ok(true)
    } else if FALSE_WORDS.contains(&word.as_str()) {
        Ok(false)
    } else {
        Err(problem(
            format!("`{word}` is not yes or no for `{}`", field.path),
            "choose TRUE or FALSE (yes/no, да/нет are read too)",
        ))
    }
}

fn integer(cell: &Cell, field: &Field) -> Result<Number, Problem> {
    let n = match cell {
        Cell::Number(n) => whole(*n),
        Cell::Text(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    n.map(Number::from).ok_or_else(|| {
        problem(
            format!(
                "`{}` is not a whole number for `{}`",
                cell.display(),
                field.path
            ),
            "type a whole number, e.g. 1",
        )
    })
}

fn approved(cell: &Cell, field: &Field) -> Result<Option<Value>, Problem> {
    let s = text(cell, field)?;
    if s.eq_ignore_ascii_case("all") {
        return Ok(Some(Value::String("all".into())));
    }
    let numbers: Vec<Value> = s
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Value::String(p.to_owned()))
        .collect();
    Ok((!numbers.is_empty()).then_some(Value::Array(numbers)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::excel::layout::layout;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn field(path: &str) -> &'static Field {
        let l = layout();
        l.case_field(path)
            .or_else(|| l.specialist_field(path))
            .expect("known field")
    }

    fn read(cell: Cell, path: &str) -> Result<Option<Value>, Problem> {
        value(&cell, field(path))
    }

    fn date_cell(serial: f64) -> Cell {
        Cell::Date(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn dates() {
        assert_eq!(
            read(date_cell(46096.0), "date_of_birth"),
            Ok(Some(Value::from("2026-03-15")))
        );
        assert_eq!(
            read(Cell::Text(" 2026-03-15 ".into()), "date_of_birth"),
            Ok(Some(Value::from("2026-03-15")))
        );
        assert_eq!(
            read(Cell::IsoDate("2026-03-15T00:00:00".into()), "date_of_birth"),
            Ok(Some(Value::from("2026-03-15")))
        );
        let e = read(Cell::Text("03/04/2026".into()), "date_of_birth").expect_err("ambiguous");
        assert!(e.message.contains("03/04/2026"), "{e:?}");
        assert!(e.help.contains("2026-04-03 or 2026-03-04"), "{e:?}");
        let e = read(Cell::Text("25.12.1985".into()), "date_of_birth").expect_err("not ISO");
        assert!(e.help.contains("if you mean 1985-12-25"), "{e:?}");
        let e = read(Cell::Text("soon".into()), "date_of_birth").expect_err("not a date");
        assert!(e.help.contains("YYYY-MM-DD"), "{e:?}");
        assert!(read(date_cell(46096.5), "date_of_birth").is_err());
        assert!(read(Cell::Number(46096.0), "date_of_birth").is_err());
        assert!(read(date_cell(-1.0), "date_of_birth").is_err());
        let d = Cell::Date(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert!(read(d, "date_of_birth").is_err());
        // The 1904 epoch (old Mac workbooks).
        let mac = Cell::Date(ExcelDateTime::new(
            46096.0 - 1462.0,
            ExcelDateTimeType::DateTime,
            true,
        ));
        assert_eq!(
            read(mac, "date_of_birth"),
            Ok(Some(Value::from("2026-03-15")))
        );
    }

    #[test]
    fn numbers_as_text() {
        assert_eq!(
            read(Cell::Number(180340021830.0), "inviting_party.bin"),
            Ok(Some(Value::from("180340021830")))
        );
        let zeros = read(Cell::Number(12345678901.0), "inviting_party.bin").expect_err("zeros");
        assert!(zeros.message.contains("leading zeros"), "{zeros:?}");
        assert_eq!(
            read(Cell::Number(15.0), "ic_decision.minutes_number"),
            Ok(Some(Value::from("15")))
        );
        assert!(read(Cell::Number(1.5), "passport.number").is_err());
        assert!(read(Cell::Number(1.2345678901234567e19), "passport.number").is_err());
        assert!(read(Cell::Number(77270000000.0), "inviting_party.phone").is_err());
        assert!(read(date_cell(46096.0), "position").is_err());
        assert_eq!(
            read(Cell::Text("  Engineer \t".into()), "position"),
            Ok(Some(Value::from("Engineer")))
        );
    }

    #[test]
    fn booleans_and_integers() {
        let path = "inviting_party.socially_significant";
        for (cell, want) in [
            (Cell::Bool(true), true),
            (Cell::Text("Да".into()), true),
            (Cell::Text("no".into()), false),
            (Cell::Text("FALSE".into()), false),
            (Cell::Number(1.0), true),
        ] {
            assert_eq!(read(cell, path), Ok(Some(Value::Bool(want))));
        }
        assert!(read(Cell::Text("maybe".into()), path).is_err());
        assert_eq!(
            read(Cell::Number(1.0), "manifest_version"),
            Ok(Some(Value::from(1)))
        );
        assert_eq!(
            read(Cell::Text("1".into()), "manifest_version"),
            Ok(Some(Value::from(1)))
        );
        assert!(read(Cell::Text("v1".into()), "manifest_version").is_err());
    }

    #[test]
    fn approved_lists_and_formulas() {
        let path = "ic_decision.approved";
        assert_eq!(
            read(Cell::Text("All".into()), path),
            Ok(Some(Value::from("all")))
        );
        assert_eq!(
            read(Cell::Text("E1234567, E7654321;\nE0000001".into()), path),
            Ok(Some(serde_json::json!([
                "E1234567", "E7654321", "E0000001"
            ])))
        );
        assert!(read(Cell::FormulaWithoutValue, "position").is_err());
        assert!(read(Cell::Error("#N/A".into()), "position").is_err());
        assert_eq!(
            read(Cell::Text("a\r\nb\rc".into()), "project.description"),
            Ok(Some(Value::from("a\nb\nc")))
        );
    }
}
