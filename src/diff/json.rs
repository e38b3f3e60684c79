//! The `--format json` report written case by case, byte for byte what serializing the
//! whole [`DiffReport`](super::DiffReport) pretty gives, so no run holds every case.

use super::model::{CaseDiff, Counts, FORMAT};

/// What comes before the first case.
pub const HEAD: &str = concat!("{\n  \"format\": ", "1", ",\n  \"cases\": [");

/// One case as an item of `cases`, from its line break on (the `,` between two cases
/// is the caller's).
pub fn case(case: &CaseDiff) -> String {
    format!("\n{}", indented(case, "    ", true))
}

/// What comes after the last case: the summary.
pub fn tail(counts: &Counts) -> String {
    let close = if counts.total() == 0 { "]" } else { "\n  ]" };
    format!(
        "{close},\n  \"summary\": {}\n}}\n",
        indented(counts, "  ", false)
    )
}

/// `value` pretty, each line after the first (and the first when `first`) indented.
fn indented<T: serde::Serialize>(value: &T, indent: &str, first: bool) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (k, line) in pretty.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k > 0 || first {
            out.push_str(indent);
        }
        out.push_str(line);
    }
    out
}

const _: () = assert!(FORMAT == 1, "HEAD spells the format");

#[cfg(test)]
mod tests {
    use super::super::model::{CaseDiff, Cause, DiffReport, Status};
    use super::*;

    fn case_of(id: &str, status: Status) -> CaseDiff {
        CaseDiff {
            id: id.into(),
            status,
            old: Some(format!("a/{id}")),
            new: None,
            causes: vec![Cause::Field {
                pointer: "/project/entry_date".into(),
                field: "project.entry_date".into(),
                old: Some("x\ny".into()),
                new: None,
                location: Some("case.yaml:3:5".into()),
            }],
            notes: vec!["a note".into()],
            documents: Vec::new(),
        }
    }

    /// Streamed, the report is what serializing it whole gives.
    #[test]
    fn streamed_json_is_the_whole_report_pretty() {
        for cases in [
            vec![],
            vec![case_of("A-1", Status::Changed)],
            vec![
                case_of("A-1", Status::Changed),
                case_of("A-2", Status::Removed),
            ],
        ] {
            let mut counts = Counts::default();
            let mut streamed = HEAD.to_owned();
            for c in &cases {
                if counts.total() > 0 {
                    streamed.push(',');
                }
                counts.add(c.status);
                streamed.push_str(&case(c));
            }
            streamed.push_str(&tail(&counts));
            let whole = serde_json::to_string_pretty(&DiffReport::new(cases))
                .unwrap_or_else(|e| panic!("{e}"))
                + "\n";
            assert_eq!(streamed, whole);
        }
    }
}
