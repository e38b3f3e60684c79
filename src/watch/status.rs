//! The words of a watch run's status lines: the time, a path as short as it reads, and
//! what stays in `OUT` for a case that was not rendered.

use std::path::Path;

/// What stays in `OUT` for a case that was not rendered.
pub fn keeps(out: &Path, id: Option<&str>) -> String {
    match id.map(|id| out.join(id)).filter(|p| p.is_dir()) {
        Some(packet) => format!("{} keeps the last good packet", packet.display()),
        None => "no packet written".to_owned(),
    }
}

/// A path as short as it reads from the current folder.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// `[14:03:07]`, local time where it can be told, else UTC.
pub fn clock() -> String {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    format!(
        "[{:02}:{:02}:{:02}]",
        now.hour(),
        now.minute(),
        now.second()
    )
}
