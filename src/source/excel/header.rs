//! The header row of a sheet: which column holds which field, with findings for unknown,
//! repeated and unnamed columns, and "did you mean" for misspelt dotted paths.

use std::collections::{BTreeSet, HashMap};

use super::grid::{Fatal, Grid, format_error};
use crate::diagnostic::Diagnostic;
use crate::location::column_name;
use crate::suggest::close_matches;

/// Maps header names to columns; reports unknown, repeated and unnamed columns in
/// `findings`, and ends the read when one of `required` is missing.
pub(super) fn columns(
    grid: &Grid,
    known: &[&str],
    required: &[&str],
    findings: &mut Vec<Diagnostic>,
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
            let close = close_paths(name, known);
            let help = did_you_mean_among(&close)
                .unwrap_or_else(|| format!("the columns of this sheet are: {}", known.join(", ")));
            findings.push(
                format_error(
                    format!(
                        "`{name}` is not a column of the {} sheet: its values are not read",
                        grid.sheet
                    ),
                    grid.at(0, *col),
                )
                .help(help)
                .suggest(close),
            );
            unknown.push(name.clone());
        } else if let Some(first) = columns.get(name) {
            findings.push(
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
            findings.push(
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
        // The name that fixes the header at `at`, for editors.
        let mut fix = None;
        for m in &missing {
            let unknown: Vec<&str> = unknown.iter().map(String::as_str).collect();
            if let Some(u) = close_paths(m, &unknown).first() {
                if renames.is_empty()
                    && let Some((col, _)) = heads.iter().find(|(_, n)| n == u)
                {
                    at = grid.at(0, *col);
                    fix = Some(*m);
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
            .help(help)
            .suggest(fix),
        ));
    }
    Ok(columns)
}

/// Known dotted paths close to `name`: among its siblings when its parent is known (a
/// typo is in the last part), else among all paths.
pub(super) fn close_paths<'a>(name: &str, paths: &[&'a str]) -> Vec<&'a str> {
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

/// `did you mean `a` or `b`?` for the paths [`close_paths`] found.
pub(super) fn did_you_mean_among(close: &[&str]) -> Option<String> {
    let quoted: Vec<String> = close.iter().map(|p| format!("`{p}`")).collect();
    match quoted.split_last() {
        None => None,
        Some((one, [])) => Some(format!("did you mean {one}?")),
        Some((last, rest)) => Some(format!("did you mean {} or {last}?", rest.join(", "))),
    }
}
