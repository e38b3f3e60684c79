//! The options every command shares, resolved once.

use super::{ColorChoice, CommonArgs};
use crate::commands::Settings;
use time::Date;

pub(super) fn resolve(common: &CommonArgs) -> Result<Settings, String> {
    use std::io::IsTerminal;
    let today = match common.today {
        Some(d) => d,
        None => default_today()?,
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // More workers than twice the cores only costs memory and thread start-up:
    // `--jobs 100000` must not start 100 000 threads.
    let jobs = common
        .jobs
        .filter(|j| *j > 0)
        .unwrap_or(cores)
        .min(cores * 2);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match common.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    Ok(Settings {
        today,
        stage: common.stage,
        jobs,
        quiet: common.quiet,
        color,
        interactive: !ci && !common.quiet && std::io::stderr().is_terminal(),
    })
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the local date.
fn default_today() -> Result<Date, String> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
        let t = time::OffsetDateTime::from_unix_timestamp(secs)
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is out of range"))?;
        return Ok(t.date());
    }
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    Ok(now.date())
}
