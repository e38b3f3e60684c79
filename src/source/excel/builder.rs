//! The manifest under construction while the sheets are read: its source map, the
//! findings, and the steps every sheet shares — converting a cell, skipping a repeated
//! row, locating the objects a row's fields belong to.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::grid::{Grid, format_error};
use super::layout::{self, Field, Layout};
use super::value;
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
    pub(super) fn repeated<K: std::hash::Hash + Eq>(
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
    pub(super) fn convert(
        &mut self,
        grid: &Grid,
        row: u32,
        col: u32,
        field: &Field,
        pointer: &str,
    ) -> Option<Value> {
        self.map.insert_value(pointer.to_owned(), grid.at(row, col));
        let cell = grid.get(row, col)?;
        match value::value(cell, field) {
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
    pub(super) fn locate_objects(&mut self, grid: &Grid, base: &str, fields: &[(&Field, Placed)]) {
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

    /// One data row: each of `fields` read from its column and recorded below `base`,
    /// with where it stands (`key_col`: the column that names the row, if any, else the
    /// field's own).
    pub(super) fn read_row(
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
}

/// Sets `value` at the path `tokens` inside `object`, creating the mappings on the way.
pub(super) fn insert_at(object: &mut Map<String, Value>, tokens: &[String], value: Value) {
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
