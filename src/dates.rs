//! Dates as kzinvite reads and writes them: ISO `YYYY-MM-DD` in manifests and
//! diagnostics, `dd.mm.yyyy` in documents. A leaf.

use serde::{Deserialize, Deserializer};
use time::{Date, Month};

/// Parses an ISO `YYYY-MM-DD` date; anything else is `None`.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
    if !s
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let month = Month::try_from(num(5..7)? as u8).ok()?;
    Date::from_calendar_date(num(0..4)? as i32, month, num(8..10)? as u8).ok()
}

/// `12.03.2026` is for documents; diagnostics speak ISO, like the manifest.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `dd.mm.yyyy`, the form of dates in documents.
pub fn dotted(d: Date) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), u8::from(d.month()), d.year())
}

/// Whole years from `born` to `on`.
pub fn years_between(born: Date, on: Date) -> i32 {
    let mut years = on.year() - born.year();
    if (u8::from(on.month()), on.day()) < (u8::from(born.month()), born.day()) {
        years -= 1;
    }
    years
}

/// Serde: a `YYYY-MM-DD` string as a [`Date`] (`#[serde(deserialize_with = …)]`).
/// The days of a stay from `entry` to `exit`, both counted: the letters say
/// "с … по … включительно" / "… бастап … дейін (қоса алғанда)". Zero when `exit` is not
/// after `entry` (`date-order` reports that).
pub fn stay_days(entry: Date, exit: Date) -> i64 {
    if exit <= entry {
        0
    } else {
        (exit - entry).whole_days() + 1
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    parse_date(&s)
        .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a YYYY-MM-DD date")))
}

/// Serde: an optional `YYYY-MM-DD` string.
pub fn deserialize_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    s.map(|s| {
        parse_date(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a YYYY-MM-DD date")))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_stay_counts_both_days() {
        use time::macros::date;
        assert_eq!(stay_days(date!(2026 - 03 - 01), date!(2026 - 03 - 02)), 2);
        // 2026-03-01 … 2027-02-28 is a year of 365 days; one day more is 366.
        assert_eq!(stay_days(date!(2026 - 03 - 01), date!(2027 - 02 - 28)), 365);
        assert_eq!(stay_days(date!(2026 - 03 - 01), date!(2027 - 03 - 01)), 366);
        assert_eq!(stay_days(date!(2026 - 03 - 01), date!(2026 - 03 - 01)), 0);
    }

    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("+026-02-03").is_none());
        assert!(parse_date("03/04/2026").is_none());
    }

    #[test]
    fn forms() {
        let d = Date::from_calendar_date(2026, Month::March, 5).unwrap_or(Date::MIN);
        assert_eq!(dotted(d), "05.03.2026");
        assert_eq!(iso(d), "2026-03-05");
    }
}
