//! Where things stand in the user's files: a [`Location`] (a text span or a workbook
//! cell) and the [`SourceMap`] from JSON pointer to location that every reader builds.
//! A leaf: it knows nothing of diagnostics or readers.

use std::collections::HashMap;

/// Where a value stands in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A span of a text file: 1-based line and column, character offsets for snippets.
    Text {
        line: usize,
        column: usize,
        start: usize,
        end: usize,
    },
    /// A cell of a workbook, e.g. `Specialists!F7`.
    Cell { sheet: String, row: u32, col: u32 },
}

impl Location {
    pub fn sort_key(&self) -> (String, usize, usize) {
        match self {
            Location::Text { line, column, .. } => (String::new(), *line, *column),
            Location::Cell { sheet, row, col } => (sheet.clone(), *row as usize, *col as usize),
        }
    }

    /// `F7` for a cell location (0-based row and column inside).
    pub fn cell_name(&self) -> Option<String> {
        match self {
            Location::Cell { row, col, .. } => Some(format!("{}{}", column_name(*col), row + 1)),
            Location::Text { .. } => None,
        }
    }
}

/// Spreadsheet column letters for a 0-based column index: 0 → A, 26 → AA.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Pointer-keyed map. foldhash: a fast hasher (every node of every manifest is
/// inserted), still seeded per process so crafted keys cannot force collisions.
type PointerMap = HashMap<String, Place, foldhash::fast::RandomState>;

/// Where the value at a pointer stands, and the key that names it.
#[derive(Debug, Clone, Default)]
struct Place {
    value: Option<Location>,
    key: Option<Location>,
}

/// JSON pointer → location of the value, and of the key that names it: one entry for
/// both, so that a reader records a mapping's entry with one pointer, hashed once.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    places: PointerMap,
}

impl SourceMap {
    /// Where a value stands and, for an entry of a mapping, where its key does.
    pub fn insert(&mut self, pointer: String, value: Location, key: Option<Location>) {
        self.places.insert(
            pointer,
            Place {
                value: Some(value),
                key,
            },
        );
    }

    pub fn insert_value(&mut self, pointer: String, location: Location) {
        self.places.entry(pointer).or_default().value = Some(location);
    }

    pub fn insert_key(&mut self, pointer: String, location: Location) {
        self.places.entry(pointer).or_default().key = Some(location);
    }

    /// The location of the value at `pointer`, or of its nearest ancestor that has one
    /// (a missing key is reported at the mapping where it belongs).
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let mut p = pointer;
        loop {
            if let Some(loc) = self.places.get(p).and_then(|place| place.value.as_ref()) {
                return Some(loc.clone());
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// The location of the key naming `pointer`'s value, else the value's.
    pub fn locate_key(&self, pointer: &str) -> Option<Location> {
        self.places
            .get(pointer)
            .and_then(|place| place.key.clone())
            .or_else(|| self.locate(pointer))
    }
}

/// `case.yaml:7:8` or `case.xlsx Specialists!F7`.
pub fn location_suffix(path: &str, location: Option<&Location>) -> String {
    match location {
        Some(Location::Text { line, column, .. }) => format!("{path}:{line}:{column}"),
        Some(loc @ Location::Cell { sheet, .. }) => {
            format!("{path} {sheet}!{}", loc.cell_name().unwrap_or_default())
        }
        None => path.to_owned(),
    }
}
