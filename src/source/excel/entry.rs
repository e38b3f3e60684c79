//! What the template offers people typing into it: a drop-down or a date rule on every
//! field that has one, an input message saying what to enter, and the hidden `Lists`
//! sheet holding the long lists (with the region names and visa purposes beside them).

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Formula, Worksheet,
};

use super::formats::Formats;
use super::layout::{self, Choices, Field, Kind, LISTS, Numeric};
use crate::location::column_name;
use crate::stage::Stage;

/// The drop-down or date rule of a field, with its input message.
pub(super) fn validation(field: &Field, lists: &Lists) -> anyhow::Result<DataValidation> {
    let v = DataValidation::new();
    let v = match (&field.choices, field.kind) {
        (Some(choices), _) => {
            let v = match lists.range(choices) {
                Some(range) => v.allow_list_formula(Formula::new(range)),
                None => v.allow_list_strings(&choices.values)?,
            };
            if choices.strict {
                v
            } else {
                v.set_error_style(DataValidationErrorStyle::Warning)
                    .set_error_title("Not in the list")?
                    .set_error_message(
                        "This value is not in the list. Keep it only if you are sure it is right.",
                    )?
            }
        }
        (None, Kind::Bool) => v.allow_list_strings(&["TRUE", "FALSE"])?,
        (None, Kind::Date) => v
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(1900, 1, 1)?,
                ExcelDateTime::from_ymd(2199, 12, 31)?,
            ))
            .set_error_title("Not a date")?
            .set_error_message("Enter a date, e.g. 2026-03-15.")?,
        (None, _) => v.allow_any_value(),
    };
    Ok(v.set_input_title(title(&field.path))?
        .set_input_message(input_message(field))?)
}

/// What to enter in a field: its description, the form, and whether it is needed.
fn input_message(field: &Field) -> String {
    let form = match (field.kind, &field.choices, field.numeric) {
        (_, Some(Choices { strict: true, .. }), _) => "Choose from the list.".to_owned(),
        (_, Some(_), _) => "Choose from the list, or type another.".to_owned(),
        (Kind::Date, ..) => "A date: yyyy-mm-dd.".to_owned(),
        (Kind::Bool, ..) => "TRUE or FALSE.".to_owned(),
        (Kind::Integer, ..) => "A whole number.".to_owned(),
        (Kind::Approved, ..) => "all, or passport numbers separated by commas.".to_owned(),
        (Kind::Multiline, ..) => "Line breaks are kept (Alt+Enter).".to_owned(),
        (Kind::Text, _, Numeric::Digits(n)) => format!("Exactly {n} digits, kept as text."),
        (Kind::Text, _, Numeric::Never) => "Starts with +, e.g. +7 727 000 00 00.".to_owned(),
        (Kind::Text, ..) => "Text, one line.".to_owned(),
    };
    let need = match field.needed_from {
        Some(Stage::Request) => "Required.".to_owned(),
        Some(stage) => format!("Needed from stage {stage}."),
        None => "Optional.".to_owned(),
    };
    clip(
        &format!("{}\n{form} {need}", for_workbook(&field.description)),
        255,
    )
}

/// A schema description as a workbook user reads it: no YAML advice, no backticks, a
/// capital first letter (unless it starts with a value to type, like `all`).
fn for_workbook(description: &str) -> String {
    let kept: Vec<&str> = description
        .split_inclusive(". ")
        .filter(|sentence| !sentence.contains("YAML"))
        .collect();
    let kept = kept.concat();
    let text = kept.trim();
    let mut chars = text.chars();
    let text: String = match chars.next() {
        Some(first) if first != '`' => first.to_uppercase().chain(chars).collect(),
        _ => text.to_owned(),
    };
    text.replace('`', "")
}

/// The last tokens of a path that fit an input title (32 characters).
fn title(path: &str) -> String {
    if path.chars().count() <= 32 {
        return path.to_owned();
    }
    let mut out = String::new();
    for token in path.rsplit('.') {
        let candidate = if out.is_empty() {
            token.to_owned()
        } else {
            format!("{token}.{out}")
        };
        if candidate.chars().count() > 32 {
            break;
        }
        out = candidate;
    }
    if out.is_empty() { clip(path, 32) } else { out }
}

/// `s` cut to `max` UTF-16 units (Excel's limits count those), with an ellipsis.
pub(super) fn clip(s: &str, max: usize) -> String {
    if s.encode_utf16().count() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        if used + c.len_utf16() > max - 1 {
            break;
        }
        used += c.len_utf16();
        out.push(c);
    }
    out.push('…');
    out
}

/// Long drop-down lists, one column each on the hidden Lists sheet.
#[derive(Default)]
pub(super) struct Lists {
    columns: Vec<(String, Vec<String>)>,
}

impl Lists {
    /// Lists longer than this go to the Lists sheet; shorter ones are inline.
    const INLINE: usize = 6;

    pub(super) fn collect(layout: &layout::Layout) -> Self {
        let mut lists = Lists::default();
        for field in layout.case.iter().chain(&layout.specialist) {
            if let Some(c) = &field.choices {
                let name = field.tokens.last().cloned().unwrap_or_default();
                if c.values.len() > Self::INLINE
                    && !lists.columns.iter().any(|(_, v)| *v == c.values)
                {
                    lists.columns.push((name, c.values.clone()));
                }
            }
        }
        lists
    }

    /// `=Lists!$A$2:$A$21` for a list kept on the sheet.
    fn range(&self, choices: &Choices) -> Option<String> {
        let i = self
            .columns
            .iter()
            .position(|(_, v)| *v == choices.values)?;
        let col = column_name(2 * i as u32);
        Some(format!(
            "={LISTS}!${col}$2:${col}${}",
            choices.values.len() + 1
        ))
    }

    /// Each list in a column, its meaning (region name, visa purpose) beside it.
    pub(super) fn write(&self, ws: &mut Worksheet, f: &Formats) -> anyhow::Result<()> {
        ws.set_name(LISTS)?;
        for (i, (name, values)) in self.columns.iter().enumerate() {
            let col = 2 * i as u16;
            ws.write_string_with_format(0, col, name, &f.header)?;
            ws.write_string_with_format(0, col + 1, "meaning", &f.header)?;
            ws.set_column_width(col, 16)?;
            ws.set_column_width(col + 1, 40)?;
            for (r, v) in values.iter().enumerate() {
                let row = r as u32 + 1;
                ws.write_string_with_format(row, col, v, &f.text)?;
                if let Some(label) = meaning(v) {
                    ws.write_string(row, col + 1, label)?;
                }
            }
        }
        ws.set_hidden(true);
        Ok(())
    }
}

/// What a listed code stands for, from the reference tables.
fn meaning(code: &str) -> Option<&'static str> {
    crate::reference::region_by_code(code)
        .map(|r| r.ru)
        .or_else(|| crate::reference::visa_category(code).map(|v| v.en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_clipping() {
        assert_eq!(title("inviting_party.bin"), "inviting_party.bin");
        assert_eq!(
            title("inviting_party.socially_significant"),
            "socially_significant"
        );
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("😀😀😀", 5), "😀😀…");
    }

    #[test]
    fn descriptions_read_for_a_workbook() {
        assert_eq!(
            for_workbook("Business identification number: 12 digits. Quote it in YAML."),
            "Business identification number: 12 digits."
        );
        assert_eq!(for_workbook("`all`, or numbers."), "all, or numbers.");
        assert_eq!(for_workbook("project: title."), "Project: title.");
    }

    #[test]
    fn input_messages_fit_excel() {
        let l = layout::layout();
        for field in l.case.iter().chain(&l.specialist).chain(&l.letter) {
            let m = input_message(field);
            assert!(m.encode_utf16().count() <= 255, "{m}");
            assert!(title(&field.path).chars().count() <= 32);
        }
    }
}
