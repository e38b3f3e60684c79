//! Sheets → manifest: the Case, Specialists and Letters sheets become the JSON value of
//! a manifest, each value mapped to its cell and each missing one to the cell where it
//! belongs; cells that cannot be read become `excel-cell` findings.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::builder::{Builder, Placed, insert_at};
use super::cell::Cell;
use super::grid::{Fatal, Grid, format_error};
use super::header::{self, close_paths, did_you_mean_among};
use super::layout::{self, Field};
use crate::pointer::pointer_join;

impl Builder {
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
        let columns = header::columns(
            grid,
            &layout::CASE_COLUMNS,
            &layout::CASE_COLUMNS,
            &mut self.findings,
        )?;
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
                let close = close_paths(&name, &paths);
                // The help names the close paths only for a field of the Case sheet.
                let (help, suggestions) = match name.split('.').next() {
                    Some("specialists") => (
                        "specialists go on the Specialists sheet, one row each".to_owned(),
                        Vec::new(),
                    ),
                    Some("letters") => (
                        "letters go on the Letters sheet: document, number, date".to_owned(),
                        Vec::new(),
                    ),
                    _ => (
                        did_you_mean_among(&close).unwrap_or_else(|| {
                            "`kzinvite init --xlsx --blank` writes a workbook listing every field"
                                .into()
                        }),
                        close.clone(),
                    ),
                };
                if let Some(meant) = close.first() {
                    typos.push((meant.to_string(), row));
                }
                self.finding(
                    format_error(
                        format!("`{name}` is not a field of the manifest: its value is not read"),
                        grid.at(row, fcol),
                    )
                    .help(help)
                    .suggest(suggestions),
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
        let columns = header::columns(grid, &known, &required, &mut self.findings)?;
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

    /// The Letters sheet: document id, outgoing number and date per row.
    fn letters(&mut self, grid: &Grid) -> Result<Option<Value>, Fatal> {
        let columns = header::columns(
            grid,
            &layout::LETTER_COLUMNS,
            &layout::LETTER_COLUMNS,
            &mut self.findings,
        )?;
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
