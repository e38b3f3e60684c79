//! Value parsers: library enums by name, dates, stages, shards.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use time::Date;

use crate::dates::parse_date;
use crate::stage::Stage;

/// A parser for an enum of the library by its names: clap lists the names in `--help`
/// and completions, the library type stays free of clap.
pub(super) fn enum_parser<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|v| name(*v))).map(move |s| {
        all.iter()
            .copied()
            .find(|v| name(*v) == s)
            .unwrap_or(all[0])
    })
}

pub(super) fn parse_today(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD"))
}

pub(super) fn parse_stage(s: &str) -> Result<Stage, String> {
    s.parse()
}

pub(super) fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let err = || format!("`{s}` is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 2/4");
    let (k, n) = s.split_once('/').ok_or_else(err)?;
    let k: usize = k.trim().parse().map_err(|_| err())?;
    let n: usize = n.trim().parse().map_err(|_| err())?;
    if k == 0 || n == 0 || k > n {
        return Err(err());
    }
    Ok((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards() {
        assert_eq!(parse_shard("2/4"), Ok((2, 4)));
        assert!(parse_shard("0/4").is_err());
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("x").is_err());
    }
}
