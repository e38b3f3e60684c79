//! How a command ends: its [`Outcome`] (exit 0 or 1), a bug caught as a message (exit 2),
//! and standard output written whole.

/// How a command ended, for the exit code (cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything valid and written: exit 0.
    Success,
    /// A manifest invalid or a packet not written: exit 1.
    Failure,
}

impl Outcome {
    pub fn from_ok(ok: bool) -> Self {
        if ok {
            Outcome::Success
        } else {
            Outcome::Failure
        }
    }
}

/// Runs `f`; a panic — a bug in kzinvite — comes back as its message, so that one file
/// that trips it is reported and the rest of the batch still runs.
pub fn catch_bug<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        format!("internal error (a bug in kzinvite, please report it with this file): {message}")
    })
}

/// Writes a command's whole output to stdout. A reader that stops early (`| head`) is
/// not an error; a full disk is.
pub fn print(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to standard output"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_message() {
        assert_eq!(catch_bug(|| 7), Ok(7));
        let bug = catch_bug(|| -> u8 { panic!("index out of bounds") });
        let message = bug.expect_err("a panic");
        assert!(message.starts_with("internal error"), "{message}");
        assert!(message.contains("index out of bounds"), "{message}");
    }
}
