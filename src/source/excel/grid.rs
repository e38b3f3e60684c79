//! The cells of one sheet as read, and how a sheet's problems are located and worded:
//! the shared vocabulary of the workbook reader's stages.

use std::collections::{BTreeMap, BTreeSet};

use super::cell::Cell;
use crate::diagnostic::Diagnostic;
use crate::location::Location;

/// A problem that ends the read of a workbook.
pub(super) type Fatal = Box<Diagnostic>;

pub(super) fn cell_at(sheet: &str, row: u32, col: u32) -> Location {
    Location::Cell {
        sheet: sheet.to_owned(),
        row,
        col,
    }
}

pub(super) fn format_error(message: impl Into<String>, location: Location) -> Diagnostic {
    Diagnostic::error("excel-format", message).located(location)
}

/// The non-empty cells of one sheet, by (row, column).
pub(super) struct Grid {
    pub(super) sheet: &'static str,
    pub(super) cells: BTreeMap<(u32, u32), Cell>,
}

impl Grid {
    pub(super) fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    pub(super) fn at(&self, row: u32, col: u32) -> Location {
        cell_at(self.sheet, row, col)
    }

    /// Rows below the header that have at least one cell, in order.
    pub(super) fn data_rows(&self) -> BTreeSet<u32> {
        self.cells
            .keys()
            .map(|(r, _)| *r)
            .filter(|r| *r > 0)
            .collect()
    }
}
