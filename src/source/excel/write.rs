//! Manifest → workbook: the three sheets of manifest.md with bold frozen headers, Text
//! format on text columns (leading zeros survive) and real date cells, each value in
//! the cell type the reader reads back as the same value. The drop-downs, date rules
//! and input messages come from [`super::entry`].

use anyhow::Context;
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Workbook, Worksheet};
use serde_json::Value;

use super::entry::{Lists, clip, validation};
use super::formats::Formats;
use super::layout::{self, CASE, Field, Kind, LETTERS, SPECIALISTS};
use crate::location::column_name;

/// Rows of the Specialists and Letters sheets prepared with drop-downs and input
/// messages (the schema allows 500 specialists).
const PREPARED_ROWS: u32 = 500;

/// A workbook holding `manifest`, ready to edit.
pub fn write_workbook(manifest: &Value) -> anyhow::Result<Vec<u8>> {
    build(Some(manifest))
}

/// A workbook with every field and column but no values (only `manifest_version`).
pub fn blank_workbook() -> anyhow::Result<Vec<u8>> {
    build(None)
}

fn build(manifest: Option<&Value>) -> anyhow::Result<Vec<u8>> {
    let layout = layout::layout();
    let formats = Formats::new();
    let lists = Lists::collect(layout);
    let mut workbook = Workbook::new();
    case_sheet(workbook.add_worksheet(), manifest, &formats, &lists)
        .context("writing the Case sheet")?;
    let specialists = manifest
        .and_then(|m| m.get("specialists"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    specialists_sheet(workbook.add_worksheet(), specialists, &formats, &lists)
        .context("writing the Specialists sheet")?;
    let letters = manifest.and_then(|m| m.get("letters"));
    letters_sheet(workbook.add_worksheet(), letters, &formats)
        .context("writing the Letters sheet")?;
    lists.write(workbook.add_worksheet(), &formats)?;
    Ok(workbook.save_to_buffer()?)
}

fn case_sheet(
    ws: &mut Worksheet,
    manifest: Option<&Value>,
    f: &Formats,
    lists: &Lists,
) -> anyhow::Result<()> {
    let layout = layout::layout();
    ws.set_name(CASE)?;
    for (col, name) in layout::CASE_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, &f.header)?;
    }
    ws.set_column_width(0, 38)?;
    ws.set_column_width(1, 72)?;
    ws.set_freeze_panes(1, 0)?;
    let mut row = 1;
    for field in &layout.case {
        ws.write_string_with_format(row, 0, &field.path, &f.name)?;
        let value = match manifest {
            Some(m) => m.pointer(&field.pointer("")),
            None if field.path == "manifest_version" => Some(&Value::from(1)),
            None => None,
        };
        let value = value.cloned();
        write_value(ws, row, 1, field, value.as_ref(), f)
            .with_context(|| format!("{CASE}!B{}", row + 1))?;
        if field.kind == Kind::Multiline {
            ws.set_row_height(row, 160)?;
        }
        ws.add_data_validation(row, 1, row, 1, &validation(field, lists)?)?;
        row += 1;
    }
    // Keys the layout does not know (an invalid manifest) are kept as rows, so the
    // reader names them instead of their values vanishing.
    if let Some(Value::Object(root)) = manifest {
        let mut extra = Vec::new();
        for (key, value) in root {
            if key != "specialists" && key != "letters" {
                unknown_leaves(key, value, &mut extra, &|p| layout.case_field(p).is_some());
            }
        }
        for (path, value) in extra {
            ws.write_string_with_format(row, 0, &path, &f.name)?;
            write_any(ws, row, 1, &value, f)?;
            row += 1;
        }
    }
    Ok(())
}

/// Dotted paths under `path` that `known` does not accept, with their values.
fn unknown_leaves(
    path: &str,
    value: &Value,
    out: &mut Vec<(String, Value)>,
    known: &dyn Fn(&str) -> bool,
) {
    if known(path) {
        return;
    }
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                unknown_leaves(&format!("{path}.{k}"), v, out, known);
            }
        }
        other => out.push((path.to_owned(), other.clone())),
    }
}

fn specialists_sheet(
    ws: &mut Worksheet,
    specialists: &[Value],
    f: &Formats,
    lists: &Lists,
) -> anyhow::Result<()> {
    let layout = layout::layout();
    ws.set_name(SPECIALISTS)?;
    let mut extra: Vec<(String, Value)> = Vec::new();
    let mut extra_paths: Vec<String> = Vec::new();
    for s in specialists {
        if let Value::Object(map) = s {
            for (k, v) in map {
                extra.clear();
                unknown_leaves(k, v, &mut extra, &|p| layout.specialist_field(p).is_some());
                for (p, _) in &extra {
                    if !extra_paths.contains(p) {
                        extra_paths.push(p.clone());
                    }
                }
            }
        }
    }
    let last_row = PREPARED_ROWS.max(specialists.len() as u32);
    for (col, field) in layout.specialist.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, &field.path, &f.header)?;
        ws.set_column_format(col, f.of(field.kind))?;
        let longest = specialists
            .iter()
            .filter_map(|s| s.pointer(&field.pointer("")))
            .map(|v| match v {
                Value::String(s) => s.chars().count(),
                other => other.to_string().len(),
            })
            .max()
            .unwrap_or(0);
        let width = longest.max(field.path.len()).clamp(10, 40) + 2;
        ws.set_column_width(col, width as f64)?;
        ws.add_data_validation(1, col, last_row, col, &validation(field, lists)?)?;
        for (i, s) in specialists.iter().enumerate() {
            let row = i as u32 + 1;
            write_value(ws, row, col, field, s.pointer(&field.pointer("")), f)
                .with_context(|| format!("{SPECIALISTS}!{}{}", column_name(col.into()), row + 1))?;
        }
    }
    let base = layout.specialist.len() as u16;
    for (i, path) in extra_paths.iter().enumerate() {
        let col = base + i as u16;
        ws.write_string_with_format(0, col, path, &f.header)?;
        let pointer: String = path.split('.').map(|t| format!("/{t}")).collect();
        for (r, s) in specialists.iter().enumerate() {
            if let Some(v) = s.pointer(&pointer) {
                write_any(ws, r as u32 + 1, col, v, f)?;
            }
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

fn letters_sheet(ws: &mut Worksheet, letters: Option<&Value>, f: &Formats) -> anyhow::Result<()> {
    let layout = layout::layout();
    ws.set_name(LETTERS)?;
    for (col, name) in layout::LETTER_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, &f.header)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 14)?;
    ws.set_column_format(0, &f.text)?;
    ws.set_freeze_panes(1, 0)?;
    let ids = DataValidation::new()
        .allow_list_strings(&layout.letter_ids)?
        .set_input_title("document")?
        .set_input_message(clip(
            "The document the letter is: its id as in documents.md. Choose from the list.",
            255,
        ))?;
    ws.add_data_validation(1, 0, PREPARED_ROWS, 0, &ids)?;
    let lists = Lists::default();
    for (i, field) in layout.letter.iter().enumerate() {
        let col = i as u16 + 1;
        ws.set_column_format(col, f.of(field.kind))?;
        ws.add_data_validation(1, col, PREPARED_ROWS, col, &validation(field, &lists)?)?;
    }
    let Some(Value::Object(letters)) = letters else {
        return Ok(());
    };
    // Known documents in procedure order, then any others.
    let mut ids: Vec<&String> = layout
        .letter_ids
        .iter()
        .filter(|id| letters.contains_key(*id))
        .collect();
    ids.extend(letters.keys().filter(|k| !layout.letter_ids.contains(k)));
    for (i, id) in ids.into_iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, id, &f.text)?;
        let letter = &letters[id];
        for (j, field) in layout.letter.iter().enumerate() {
            write_value(ws, row, j as u16 + 1, field, letter.get(&field.path), f)?;
        }
    }
    Ok(())
}

/// Writes one field's value in the cell type the reader reads back as the same value.
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    field: &Field,
    value: Option<&Value>,
    f: &Formats,
) -> anyhow::Result<()> {
    let format = f.of(field.kind);
    match (field.kind, value) {
        (_, None | Some(Value::Null)) => {
            ws.write_blank(row, col, format)?;
        }
        (Kind::Date, Some(Value::String(s))) => match excel_date(s) {
            Some(date) => {
                ws.write_date_with_format(row, col, &date, format)?;
            }
            None => {
                ws.write_string_with_format(row, col, s, &f.text)?;
            }
        },
        (Kind::Approved, Some(Value::Array(items)))
            if !items.is_empty() && items.iter().all(Value::is_string) =>
        {
            let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            ws.write_string_with_format(row, col, joined.join(", "), format)?;
        }
        (Kind::Text | Kind::Multiline | Kind::Approved, Some(Value::String(s))) => {
            ws.write_string_with_format(row, col, s, format)?;
        }
        (_, Some(other)) => write_any(ws, row, col, other, f)?,
    }
    Ok(())
}

/// A value of any type, as itself (numbers, booleans, text) or as JSON text.
fn write_any(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    f: &Formats,
) -> anyhow::Result<()> {
    match value {
        Value::Null => {}
        Value::Bool(b) => {
            ws.write_boolean(row, col, *b)?;
        }
        Value::Number(n) => {
            ws.write_number_with_format(row, col, n.as_f64().unwrap_or_default(), &f.plain)?;
        }
        Value::String(s) => {
            ws.write_string_with_format(row, col, s, &f.text)?;
        }
        other => {
            ws.write_string_with_format(row, col, other.to_string(), &f.text)?;
        }
    }
    Ok(())
}

/// A date cell for ISO text of a real day Excel can hold (1900–9999).
fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let date = crate::dates::parse_date(s)?;
    let year = u16::try_from(date.year()).ok().filter(|y| *y >= 1900)?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_date_cells() {
        assert!(excel_date("2026-03-15").is_some());
        assert!(excel_date("1899-12-31").is_none());
        assert!(excel_date("2026-02-30").is_none());
        assert!(excel_date("soon").is_none());
    }
}
