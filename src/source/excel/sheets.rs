//! Sheets → manifest: the Case, Specialists and Letters sheets become the JSON value of
//! a manifest, each value mapped to its cell and each missing one to the cell where it
//! belongs; cells that cannot be read become `excel-cell` findings.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::cell::{self, Cell};
use super::header::{close_paths, did_you_mean_path};
use super::layout::{self, Field, Layout};
use super::read::{Fatal, Grid, format_error};
use crate::diagnostic::Diagnostic;
use crate::location::{Location, SourceMap};
use crate::pointer::pointer_join;

/// Where a field was found on its sheet.
#[derive(Clone, Copy)]
pub(super) struct Placed {
    pub(super) row: u32,
    /// The cell holding the name (Case) or the value itself (Specialists, Letters).
    pub(super) key_col: u32,
    pub(super) value_col: u32,
    /// No usable value: empty, or a cell that could not be read.
    pub(super) vacant: bool,
}

/// Builds the manifest and its source map from the sheets, collecting findings.
pub(super) struct Builder {
    pub(super) layout: &'static Layout,
    pub(super) map: SourceMap,
    pub(super) findings: Vec<Diagnostic>,
}

impl Builder {
    pub(super) fn new() -> Self {
        Builder {
            layout: layout::layout(),
            map: SourceMap::default(),
            findings: Vec::new(),
        }
    }

    /// Records that `key` is in `row`; if it was already in an earlier row, reports
    /// `what` ("the field `x`") as repeated at `at`, with `help`, and answers true: skip
    /// this row.
    fn repeated<K: std::hash::Hash + Eq>(
        &mut self,
        seen: &mut HashMap<K, u32>,
        key: K,
        row: u32,
        what: &str,
        at: Location,
        help: &str,
    ) -> bool {
        if let Some(first) = seen.get(&key) {
            self.finding(
                format_error(
                    format!(
                        "{what} appears twice (first in row {}): this row is not read",
                        first + 1
                    ),
                    at,
                )
                .help(help),
            );
            return true;
        }
        seen.insert(key, row);
        false
    }

    pub(super) fn finding(&mut self, diagnostic: Diagnostic) {
        self.findings.push(diagnostic);
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

    pub(super) fn manifest(
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
            let what = format!("the field `{name}`");
            if self.repeated(
                &mut seen,
                index,
                row,
                &what,
                grid.at(row, fcol),
                "keep one of the two rows",
            ) {
                continue;
            }
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
            self.map
                .insert_key(String::new(), grid.at(p.row, p.value_col));
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
            let (object, placed) = self.read_row(grid, row, &base, &used, None);
            self.locate_objects(grid, &base, &placed);
            list.push(Value::Object(object));
        }
        Ok(Value::Array(list))
    }

    /// One data row: each of `fields` read from its column and recorded below `base`,
    /// with where it stands (`key_col`: the column that names the row, if any, else the
    /// field's own).
    fn read_row(
        &mut self,
        grid: &Grid,
        row: u32,
        base: &str,
        fields: &[(&'static Field, u32)],
        key_col: Option<u32>,
    ) -> (Map<String, Value>, Vec<(&'static Field, Placed)>) {
        let mut object = Map::new();
        let mut placed = Vec::new();
        for &(field, col) in fields {
            let pointer = field.pointer(base);
            let value = self.convert(grid, row, col, field, &pointer);
            placed.push((
                field,
                Placed {
                    row,
                    key_col: key_col.unwrap_or(col),
                    value_col: col,
                    vacant: value.is_none(),
                },
            ));
            if let Some(v) = value {
                insert_at(&mut object, &field.tokens, v);
            }
        }
        (object, placed)
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
            let what = format!("the letter `{id}`");
            if self.repeated(
                &mut seen,
                id.clone(),
                row,
                &what,
                grid.at(row, dcol),
                "keep one row per document",
            ) {
                continue;
            }
            let base = pointer_join("/letters", &id);
            let (object, placed) = self.read_row(grid, row, &base, &fields, Some(dcol));
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
