//! Workbook → [`Document`]: the same JSON value the YAML reader builds, so every rule
//! applies unchanged, with a source map from each JSON pointer to its cell.
//!
//! Structure problems that leave nothing to check (not a workbook, a missing sheet or
//! header) end the read with one `excel-format` diagnostic. Problems with one column,
//! row or cell become findings, that row or cell is left out, and the rest is checked.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;
use std::panic::AssertUnwindSafe;

use calamine::{Reader, Xlsx};
use serde_json::{Map, Value};

use super::cell::{self, Cell};
use super::layout::{self, Field, LETTERS, LISTS, Layout, SHEETS};
use crate::diagnostic::{Diagnostic, pointer_join};
use crate::source::{Document, Format, LoadError, Location, SourceMap, column_name};
use crate::suggest::{close_matches, did_you_mean};

/// Sheets a workbook may have at all.
pub const MAX_SHEETS: usize = 50;
/// Cells read over the Case, Specialists and Letters sheets together (500 specialists
/// fill about 7 000).
pub const MAX_CELLS: usize = 200_000;

type Fatal = Box<Diagnostic>;

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

fn cell_at(sheet: &str, row: u32, col: u32) -> Location {
    Location::Cell {
        sheet: sheet.to_owned(),
        row,
        col,
    }
}

fn format_error(message: impl Into<String>, location: Location) -> Diagnostic {
    Diagnostic::error("excel-format", message).located(location)
}

/// The non-empty cells of one sheet, by (row, column).
struct Grid {
    sheet: &'static str,
    cells: BTreeMap<(u32, u32), Cell>,
}

impl Grid {
    fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    fn at(&self, row: u32, col: u32) -> Location {
        cell_at(self.sheet, row, col)
    }

    /// Rows below the header that have at least one cell, in order.
    fn data_rows(&self) -> BTreeSet<u32> {
        self.cells
            .keys()
            .map(|(r, _)| *r)
            .filter(|r| *r > 0)
            .collect()
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
                cell_at(&names[0], 0, 0),
            )
            .help("keep the sheets Case, Specialists and Letters; move the rest to another file"),
        ));
    }
    let mut builder = Builder {
        layout: layout::layout(),
        map: SourceMap::default(),
        findings: Vec::new(),
        budget: MAX_CELLS,
    };
    for name in &names {
        if SHEETS.contains(&name.as_str()) || name == LISTS {
            continue;
        }
        // A misspelt sheet would be ignored silently: say so when it looks like ours.
        let missing: Vec<&str> = SHEETS
            .into_iter()
            .filter(|s| !names.iter().any(|n| n == s))
            .collect();
        if let Some(hint) = did_you_mean(name, missing) {
            builder.findings.push(
                format_error(
                    format!("the sheet `{name}` is not read: sheet names are fixed"),
                    cell_at(name, 0, 0),
                )
                .help(format!(
                    "{hint} Rename the sheet (names are case-sensitive)."
                )),
            );
        }
    }
    let mut grids = Vec::new();
    for sheet in SHEETS {
        if names.iter().any(|n| n == sheet) {
            grids.push(Some(builder.grid(&mut workbook, sheet)?));
        } else if sheet == LETTERS {
            grids.push(None);
        } else {
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
    let mut grids = grids.into_iter();
    let (Some(Some(case)), Some(Some(specialists)), Some(letters)) =
        (grids.next(), grids.next(), grids.next())
    else {
        return Err(Box::new(Diagnostic::error(
            "excel-format",
            "the workbook's sheets could not be read",
        )));
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

/// Where a field was found on its sheet.
#[derive(Clone, Copy)]
struct Placed {
    row: u32,
    /// The cell holding the name (Case) or the value itself (Specialists, Letters).
    key_col: u32,
    value_col: u32,
    /// No usable value: empty, or a cell that could not be read.
    vacant: bool,
}

struct Builder {
    layout: &'static Layout,
    map: SourceMap,
    findings: Vec<Diagnostic>,
    budget: usize,
}

impl Builder {
    fn grid(
        &mut self,
        workbook: &mut Xlsx<Cursor<&[u8]>>,
        sheet: &'static str,
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
            if self.budget == 0 {
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
            self.budget -= 1;
            if let Some(cell) = Cell::from_data(&record.value, record.formula.is_some()) {
                cells.insert((row, col), cell);
            }
        }
        Ok(Grid { sheet, cells })
    }

    fn finding(&mut self, diagnostic: Diagnostic) {
        self.findings.push(diagnostic);
    }

    /// Maps header names to columns; reports unknown, repeated and unnamed columns, and
    /// ends the read when one of `required` is missing.
    fn header(
        &mut self,
        grid: &Grid,
        known: &[&str],
        required: &[&str],
    ) -> Result<HashMap<String, u32>, Fatal> {
        let mut columns: HashMap<String, u32> = HashMap::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut last = None;
        let heads: Vec<(u32, String)> = grid
            .cells
            .range((0, 0)..(1, 0))
            .map(|((_, c), cell)| (*c, cell.display()))
            .collect();
        for (col, name) in &heads {
            last = Some(*col);
            if !known.contains(&name.as_str()) {
                let help = did_you_mean_path(name, known).unwrap_or_else(|| {
                    format!("the columns of this sheet are: {}", known.join(", "))
                });
                self.finding(
                    format_error(
                        format!(
                            "`{name}` is not a column of the {} sheet: its values are not read",
                            grid.sheet
                        ),
                        grid.at(0, *col),
                    )
                    .help(help),
                );
                unknown.push(name.clone());
            } else if let Some(first) = columns.get(name) {
                self.finding(
                    format_error(
                        format!("the column `{name}` appears twice (first in column {}): this one is not read", column_name(*first)),
                        grid.at(0, *col),
                    )
                    .help("keep one of the two columns"),
                );
            } else {
                columns.insert(name.clone(), *col);
            }
        }
        let named: BTreeSet<u32> = heads.iter().map(|(c, _)| *c).collect();
        let mut reported = BTreeSet::new();
        for &(row, col) in grid.cells.keys() {
            if row > 0 && !named.contains(&col) && reported.insert(col) {
                self.finding(
                    format_error(
                        format!(
                            "column {} has values but no header: they are not read",
                            column_name(col)
                        ),
                        grid.at(row, col),
                    )
                    .help(format!(
                        "name the column in row 1 (one of: {}), or clear it",
                        known.join(", ")
                    )),
                );
            }
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| !columns.contains_key(*r))
            .collect();
        if !missing.is_empty() {
            // Point at a misspelt header when there is one, else where the column would go.
            let mut at = grid.at(0, last.map_or(0, |c| c + 1));
            let mut renames: Vec<String> = Vec::new();
            for m in &missing {
                let unknown: Vec<&str> = unknown.iter().map(String::as_str).collect();
                if let Some(u) = close_paths(m, &unknown).first() {
                    if renames.is_empty()
                        && let Some((col, _)) = heads.iter().find(|(_, n)| n == u)
                    {
                        at = grid.at(0, *col);
                    }
                    renames.push(format!("rename `{u}` to `{m}`"));
                }
            }
            let help = if renames.is_empty() {
                format!(
                    "row 1 of the {} sheet names the columns: {}",
                    grid.sheet,
                    known.join(", ")
                )
            } else {
                format!(
                    "{} (names are exact, as written by `kzinvite init --xlsx`)",
                    renames.join("; ")
                )
            };
            let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            return Err(Box::new(
                format_error(
                    format!("the {} sheet has no column {}", grid.sheet, list.join(", ")),
                    at,
                )
                .help(help),
            ));
        }
        Ok(columns)
    }

    /// Converts one cell for `field`, recording it at `pointer`; a problem becomes an
    /// `excel-cell` finding and the value is left out.
    fn convert(
        &mut self,
        grid: &Grid,
        row: u32,
        col: u32,
        field: &Field,
        pointer: &str,
    ) -> Option<Value> {
        self.map.insert_value(pointer.to_owned(), grid.at(row, col));
        let cell = grid.get(row, col)?;
        match cell::value(cell, field) {
            Ok(v) => v,
            Err(p) => {
                self.finding(
                    Diagnostic::error("excel-cell", p.message)
                        .help(p.help)
                        .at(pointer)
                        .located(grid.at(row, col)),
                );
                None
            }
        }
    }

    /// Locates the objects along `fields` below `base`: each at its first row, and its
    /// key (where "X is missing" points) at the first vacant required cell below it.
    fn locate_objects(&mut self, grid: &Grid, base: &str, fields: &[(&Field, Placed)]) {
        let mut prefixes: Vec<Vec<String>> = Vec::new();
        for (f, _) in fields {
            for depth in 0..f.tokens.len() {
                let p = f.tokens[..depth].to_vec();
                if !prefixes.contains(&p) {
                    prefixes.push(p);
                }
            }
        }
        for prefix in prefixes {
            let depth = prefix.len();
            let under: Vec<&(&Field, Placed)> = fields
                .iter()
                .filter(|(f, _)| f.tokens.starts_with(&prefix))
                .collect();
            let Some(first) = under
                .iter()
                .map(|(_, p)| *p)
                .min_by_key(|p| (p.row, p.key_col))
            else {
                continue;
            };
            let pointer = prefix
                .iter()
                .fold(base.to_owned(), |p, t| pointer_join(&p, t));
            if depth == 0 && base.is_empty() {
                continue;
            }
            self.map
                .insert_value(pointer.clone(), grid.at(first.row, first.key_col));
            let key = under
                .iter()
                .filter(|(f, p)| p.vacant && f.required_below(depth))
                .map(|(_, p)| *p)
                .min_by_key(|p| (p.row, p.value_col))
                .map_or(grid.at(first.row, first.key_col), |p| {
                    grid.at(p.row, p.value_col)
                });
            self.map.insert_key(pointer, key);
        }
    }

    fn manifest(
        &mut self,
        case: &Grid,
        specialists: &Grid,
        letters: Option<&Grid>,
    ) -> Result<Value, Fatal> {
        let origin = case.at(0, 0);
        self.map.insert_value(String::new(), origin.clone());
        self.map.insert_key(String::new(), origin);
        let case_values = self.case(case)?;
        let specialists = self.specialists(specialists)?;
        let letters = match letters {
            Some(grid) if !grid.cells.is_empty() => self.letters(grid)?,
            _ => None,
        };
        let mut root = Map::new();
        let mut specialists = Some(specialists);
        let mut letters = letters;
        for key in &self.layout.root_keys {
            match key.as_str() {
                "specialists" => {
                    if let Some(s) = specialists.take() {
                        root.insert(key.clone(), s);
                    }
                }
                "letters" => {
                    if let Some(l) = letters.take() {
                        root.insert(key.clone(), l);
                    }
                }
                _ => {
                    for (field, value) in self.layout.case.iter().zip(&case_values) {
                        if field.tokens.first() == Some(key)
                            && let Some(v) = value
                        {
                            insert_at(&mut root, &field.tokens, v.clone());
                        }
                    }
                }
            }
        }
        Ok(Value::Object(root))
    }

    /// The Case sheet: one row per scalar field, named by its dotted path.
    fn case(&mut self, grid: &Grid) -> Result<Vec<Option<Value>>, Fatal> {
        let columns = self.header(grid, &layout::CASE_COLUMNS, &layout::CASE_COLUMNS)?;
        let (Some(&fcol), Some(&vcol)) = (columns.get("field"), columns.get("value")) else {
            return Ok(Vec::new());
        };
        let layout = self.layout;
        let mut values: Vec<Option<Value>> = vec![None; layout.case.len()];
        let mut placed: Vec<(&Field, Placed)> = Vec::new();
        let mut seen: HashMap<usize, u32> = HashMap::new();
        let paths: Vec<&str> = layout.case.iter().map(|f| f.path.as_str()).collect();
        let mut typos: Vec<(String, u32)> = Vec::new();
        for row in grid.data_rows() {
            let Some(name) = grid.get(row, fcol).map(Cell::display) else {
                if grid.get(row, vcol).is_some() {
                    self.finding(
                        format_error("a value without a field name: it is not read", grid.at(row, fcol))
                            .help("write the field's dotted path (e.g. `inviting_party.bin`) in the field column, or clear the value"),
                    );
                }
                continue;
            };
            let Some(index) = layout.case.iter().position(|f| f.path == name) else {
                let help = match name.split('.').next() {
                    Some("specialists") => {
                        "specialists go on the Specialists sheet, one row each".to_owned()
                    }
                    Some("letters") => {
                        "letters go on the Letters sheet: document, number, date".to_owned()
                    }
                    _ => did_you_mean_path(&name, &paths).unwrap_or_else(|| {
                        "`kzinvite init --xlsx --blank` writes a workbook listing every field"
                            .into()
                    }),
                };
                if let Some(meant) = close_paths(&name, &paths).first() {
                    typos.push((meant.to_string(), row));
                }
                self.finding(
                    format_error(
                        format!("`{name}` is not a field of the manifest: its value is not read"),
                        grid.at(row, fcol),
                    )
                    .help(help),
                );
                continue;
            };
            if let Some(first) = seen.get(&index) {
                self.finding(
                    format_error(
                        format!("the field `{name}` appears twice (first in row {}): this row is not read", first + 1),
                        grid.at(row, fcol),
                    )
                    .help("keep one of the two rows"),
                );
                continue;
            }
            seen.insert(index, row);
            let field = &layout.case[index];
            let pointer = field.pointer("");
            self.map.insert_key(pointer.clone(), grid.at(row, fcol));
            let value = self.convert(grid, row, vcol, field, &pointer);
            placed.push((
                field,
                Placed {
                    row,
                    key_col: fcol,
                    value_col: vcol,
                    vacant: value.is_none(),
                },
            ));
            values[index] = value;
        }
        // A field missing because its name is misspelt is reported at the misspelt row.
        for (meant, row) in typos {
            if let Some(index) = paths.iter().position(|p| *p == meant)
                && !seen.contains_key(&index)
            {
                let placed_at = Placed {
                    row,
                    key_col: fcol,
                    value_col: fcol,
                    vacant: true,
                };
                placed.push((&layout.case[index], placed_at));
            }
        }
        self.locate_objects(grid, "", &placed);
        // "`id` is missing" points at the empty `id` row; a missing section at the header.
        if let Some((_, p)) = placed
            .iter()
            .filter(|(f, p)| p.vacant && f.tokens.len() == 1 && f.required_below(0))
            .min_by_key(|(_, p)| p.row)
        {
            self.map.insert_key(String::new(), grid.at(p.row, p.value_col));
        }
        Ok(values)
    }

    /// The Specialists sheet: a header of dotted paths, then one row per specialist.
    fn specialists(&mut self, grid: &Grid) -> Result<Value, Fatal> {
        let layout = self.layout;
        let known: Vec<&str> = layout.specialist.iter().map(|f| f.path.as_str()).collect();
        let required: Vec<&str> = layout
            .specialist
            .iter()
            .filter(|f| f.required_below(0))
            .map(|f| f.path.as_str())
            .collect();
        let columns = self.header(grid, &known, &required)?;
        let header = grid.at(0, 0);
        self.map.insert_value("/specialists".into(), header.clone());
        self.map.insert_key("/specialists".into(), header);
        let used: Vec<(&Field, u32)> = layout
            .specialist
            .iter()
            .filter_map(|f| columns.get(&f.path).map(|c| (f, *c)))
            .collect();
        let mut list = Vec::new();
        for row in grid.data_rows() {
            if !used.iter().any(|(_, c)| grid.get(row, *c).is_some()) {
                continue;
            }
            let base = format!("/specialists/{}", list.len());
            let mut object = Map::new();
            let mut placed = Vec::new();
            for &(field, col) in &used {
                let pointer = field.pointer(&base);
                let value = self.convert(grid, row, col, field, &pointer);
                placed.push((
                    field,
                    Placed {
                        row,
                        key_col: col,
                        value_col: col,
                        vacant: value.is_none(),
                    },
                ));
                if let Some(v) = value {
                    insert_at(&mut object, &field.tokens, v);
                }
            }
            self.locate_objects(grid, &base, &placed);
            list.push(Value::Object(object));
        }
        Ok(Value::Array(list))
    }

    /// The Letters sheet: document id, outgoing number and date per row.
    fn letters(&mut self, grid: &Grid) -> Result<Option<Value>, Fatal> {
        let columns = self.header(grid, &layout::LETTER_COLUMNS, &layout::LETTER_COLUMNS)?;
        let Some(&dcol) = columns.get("document") else {
            return Ok(None);
        };
        let layout = self.layout;
        let header = grid.at(0, 0);
        self.map.insert_value("/letters".into(), header.clone());
        self.map.insert_key("/letters".into(), header);
        let fields: Vec<(&Field, u32)> = layout
            .letter
            .iter()
            .filter_map(|f| columns.get(&f.path).map(|c| (f, *c)))
            .collect();
        let mut letters = Map::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for row in grid.data_rows() {
            let Some(id) = grid.get(row, dcol).map(Cell::display) else {
                if fields.iter().any(|(_, c)| grid.get(row, *c).is_some()) {
                    self.finding(
                        format_error(
                            "a letter without its document id: it is not read",
                            grid.at(row, dcol),
                        )
                        .help(format!(
                            "write the document id: one of {}",
                            layout.letter_ids.join(", ")
                        )),
                    );
                }
                continue;
            };
            if let Some(first) = seen.get(&id) {
                self.finding(
                    format_error(
                        format!("the letter `{id}` appears twice (first in row {}): this row is not read", first + 1),
                        grid.at(row, dcol),
                    )
                    .help("keep one row per document"),
                );
                continue;
            }
            seen.insert(id.clone(), row);
            let base = pointer_join("/letters", &id);
            let mut object = Map::new();
            let mut placed = Vec::new();
            for &(field, col) in &fields {
                let pointer = field.pointer(&base);
                let value = self.convert(grid, row, col, field, &pointer);
                placed.push((
                    field,
                    Placed {
                        row,
                        key_col: dcol,
                        value_col: col,
                        vacant: value.is_none(),
                    },
                ));
                if let Some(v) = value {
                    object.insert(field.path.clone(), v);
                }
            }
            self.map.insert_value(base.clone(), grid.at(row, dcol));
            let key = placed
                .iter()
                .find(|(f, p)| p.vacant && f.required_below(0))
                .map_or(grid.at(row, dcol), |(_, p)| grid.at(row, p.value_col));
            self.map.insert_key(base, key);
            letters.insert(id, Value::Object(object));
        }
        Ok((!letters.is_empty()).then_some(Value::Object(letters)))
    }
}

/// Known dotted paths close to `name`: among its siblings when its parent is known (a
/// typo is in the last part), else among all paths.
fn close_paths<'a>(name: &str, paths: &[&'a str]) -> Vec<&'a str> {
    if let Some((parent, last)) = name.rsplit_once('.') {
        let prefix = format!("{parent}.");
        let siblings: Vec<&str> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix))
            .collect();
        if !siblings.is_empty() {
            return close_matches(last, siblings)
                .into_iter()
                .filter_map(|m| {
                    paths
                        .iter()
                        .copied()
                        .find(|p| p.strip_prefix(&prefix) == Some(m))
                })
                .collect();
        }
    }
    close_matches(name, paths.iter().copied())
}

/// `did you mean `a` or `b`?` for dotted paths.
fn did_you_mean_path(name: &str, paths: &[&str]) -> Option<String> {
    let quoted: Vec<String> = close_paths(name, paths)
        .iter()
        .map(|p| format!("`{p}`"))
        .collect();
    match quoted.split_last() {
        None => None,
        Some((one, [])) => Some(format!("did you mean {one}?")),
        Some((last, rest)) => Some(format!("did you mean {} or {last}?", rest.join(", "))),
    }
}

/// Sets `value` at the path `tokens` inside `object`, creating the mappings on the way.
fn insert_at(object: &mut Map<String, Value>, tokens: &[String], value: Value) {
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let mut target = object;
    for t in parents {
        let slot = target
            .entry(t.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(next) = slot else {
            return;
        };
        target = next;
    }
    target.insert(last.clone(), value);
}
