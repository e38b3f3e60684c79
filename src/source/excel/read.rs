//! Workbook → [`Document`]: the same JSON value the YAML reader builds, so every rule
//! applies unchanged, with a source map from each JSON pointer to its cell.
//!
//! This module opens the workbook and streams the cells of its sheets within the limits;
//! [`super::sheets`] turns them into the manifest. Structure problems that leave nothing
//! to check (not a workbook, a missing sheet or header) end the read with one
//! `excel-format` diagnostic. Problems with one column, row or cell become findings,
//! that row or cell is left out, and the rest is checked.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::AssertUnwindSafe;

use calamine::{Reader, Xlsx};

use super::builder::Builder;
use super::cell::Cell;
use super::grid::{Fatal, Grid, cell_at, format_error};
use super::layout::{CASE, LETTERS, LISTS, SHEETS, SPECIALISTS};
use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_CELLS, MAX_SHEETS};
use crate::source::document::{Document, Format, LoadError};
use crate::suggest::{close_matches, did_you_mean};

/// Reads a workbook. Never panics: a failure inside the workbook library on a damaged
/// file becomes an `excel-format` diagnostic too.
pub fn parse(bytes: &[u8]) -> Result<Document, LoadError> {
    super::guard::check(bytes).map_err(|d| LoadError::invalid(*d, None))?;
    match std::panic::catch_unwind(AssertUnwindSafe(|| read(bytes))) {
        Ok(result) => result.map_err(|d| LoadError::invalid(*d, None)),
        Err(_) => Err(LoadError::invalid(
            Diagnostic::error(
                "excel-format",
                "the workbook could not be read: its content is damaged (the reader failed inside it)",
            )
            .help("open it in Excel or LibreOffice and save it again as .xlsx"),
            None,
        )),
    }
}

fn read(bytes: &[u8]) -> Result<Document, Fatal> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        Box::new(
            Diagnostic::error("excel-format", format!("the workbook cannot be read: {e}"))
                .help("open it in Excel or LibreOffice and save it again as .xlsx"),
        )
    })?;
    let names = workbook.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(Box::new(
            format_error(
                format!(
                    "the workbook has {} sheets, over the limit of {MAX_SHEETS}",
                    names.len()
                ),
                cell_at(names.first().map_or(CASE, String::as_str), 0, 0),
            )
            .help("keep the sheets Case, Specialists and Letters; move the rest to another file"),
        ));
    }
    let mut builder = Builder::new();
    let mut budget = MAX_CELLS;
    for name in &names {
        if SHEETS.contains(&name.as_str()) || name == LISTS {
            continue;
        }
        // A misspelt sheet would be ignored silently: say so when it looks like ours.
        let missing: Vec<&str> = SHEETS
            .into_iter()
            .filter(|s| !names.iter().any(|n| n == s))
            .collect();
        if let Some(hint) = did_you_mean(name, missing.iter().copied()) {
            builder.findings.push(
                format_error(
                    format!("the sheet `{name}` is not read: sheet names are fixed"),
                    cell_at(name, 0, 0),
                )
                .help(format!(
                    "{hint} Rename the sheet (names are case-sensitive)."
                ))
                .suggest(close_matches(name, missing)),
            );
        }
    }
    let has = |sheet: &str| names.iter().any(|n| n == sheet);
    for sheet in [CASE, SPECIALISTS] {
        if !has(sheet) {
            let help = did_you_mean(sheet, names.iter().map(String::as_str))
                .map(|h| format!("{h} Sheet names are fixed and case-sensitive."))
                .unwrap_or_else(|| {
                    "a manifest workbook has the sheets Case, Specialists and (optionally) Letters; `kzinvite init --xlsx --blank` writes an empty one".into()
                });
            return Err(Box::new(
                format_error(
                    format!("the workbook has no sheet `{sheet}`"),
                    cell_at(sheet, 0, 0),
                )
                .help(help),
            ));
        }
    }
    let case = load_grid(&mut workbook, CASE, &mut budget)?;
    let specialists = load_grid(&mut workbook, SPECIALISTS, &mut budget)?;
    let letters = if has(LETTERS) {
        Some(load_grid(&mut workbook, LETTERS, &mut budget)?)
    } else {
        None
    };
    let value = builder.manifest(&case, &specialists, letters.as_ref())?;
    Ok(Document {
        path: Default::default(),
        format: Format::Excel,
        value,
        map: builder.map,
        text: None,
        sha256: String::new(),
        findings: builder.findings,
    })
}

/// Streams the cells of one sheet, counting them against the workbook's budget.
fn load_grid(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &'static str,
    budget: &mut usize,
) -> Result<Grid, Fatal> {
    let unreadable = |e: calamine::XlsxError| {
        Box::new(
            format_error(
                format!("the sheet `{sheet}` cannot be read: {e}"),
                cell_at(sheet, 0, 0),
            )
            .help("open the workbook in Excel or LibreOffice and save it again as .xlsx"),
        )
    };
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut cells = BTreeMap::new();
    while let Some(record) = reader
        .next_cell_with_formula_metadata()
        .map_err(unreadable)?
    {
        let (row, col) = record.pos;
        if *budget == 0 {
            return Err(Box::new(
                format_error(
                    format!(
                        "the workbook has more than {MAX_CELLS} cells in its Case, Specialists and Letters sheets, over the limit"
                    ),
                    cell_at(sheet, row, col),
                )
                .help("a manifest holds at most 500 specialists: split the case, or delete the rows and columns that are not part of it"),
            ));
        }
        *budget -= 1;
        if let Some(cell) = Cell::from_data(&record.value, record.formula.is_some()) {
            cells.insert((row, col), cell);
        }
    }
    Ok(Grid { sheet, cells })
}
