//! Findings about a user's data: severity, stable code, message, help and where it is.
//!
//! Diagnostics are collected, never `?`-returned: one file yields all of its problems.

use serde::{Deserialize, Serialize};

use crate::location::{Location, SourceMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding. `pointer` is a JSON pointer into the manifest (RFC 6901).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    pub pointer: String,
    pub location: Option<Location>,
    /// Texts that would fix the problem if they replaced what stands at `location` (a
    /// key or a value), best first: the "did you mean" of the help, as data, for
    /// editors' quick fixes. Empty when there is no such replacement.
    pub suggestions: Vec<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            help: None,
            pointer: String::new(),
            location: None,
            suggestions: Vec::new(),
        }
    }

    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Replacements for the text at the location, best first (see [`Diagnostic::suggestions`]).
    pub fn suggest<S: Into<String>>(mut self, replacements: impl IntoIterator<Item = S>) -> Self {
        self.suggestions = replacements.into_iter().map(Into::into).collect();
        self
    }

    pub fn located(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of one manifest, in the order they were found.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn has_code(&self, code: &str) -> bool {
        self.0.iter().any(|d| d.code == code)
    }

    /// Fills in the location of every diagnostic that has none from the source map,
    /// then orders them by position so a reader goes down the file once.
    pub fn locate(&mut self, map: &SourceMap) {
        for d in &mut self.0 {
            if d.location.is_none() {
                d.location = map.locate(&d.pointer);
            }
        }
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| d.location.as_ref().map(Location::sort_key);
            key(a).cmp(&key(b))
        });
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The first `max` characters of a value for a message, with `…` when there were more:
/// a message quotes what the user wrote, not all ten megabytes of it.
pub fn clip_text(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// What a team decided about warnings, as linters let them (`--allow`, `--deny`,
/// `--deny-warnings`): an allowed warning is not reported, a denied one is an error.
/// Errors are never allowed. Applied after checking, so the rules stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarningPolicy {
    /// Warning codes not reported (`--allow`).
    pub allow: Vec<String>,
    /// Warning codes reported as errors (`--deny`).
    pub deny: Vec<String>,
}

impl WarningPolicy {
    /// The diagnostics as the policy has them: allowed warnings left out, denied ones
    /// raised to errors.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.allow.is_empty() && self.deny.is_empty() {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .filter(|d| d.is_error() || !self.allow.contains(&d.code))
            .map(|mut d| {
                if self.deny.contains(&d.code) {
                    d.severity = Severity::Error;
                }
                d
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_warnings_go_denied_ones_become_errors_errors_stay() {
        let policy = WarningPolicy {
            allow: vec!["entry-date-past".into(), "bin-checksum".into()],
            deny: vec!["passport-margin".into()],
        };
        let found = vec![
            Diagnostic::warning("entry-date-past", "a"),
            Diagnostic::warning("passport-margin", "b"),
            Diagnostic::error("bin-checksum", "c"),
            Diagnostic::warning("age", "d"),
        ];
        let kept: Vec<(Severity, String)> = policy
            .apply(found)
            .into_iter()
            .map(|d| (d.severity, d.code))
            .collect();
        assert_eq!(
            kept,
            [
                (Severity::Error, "passport-margin".to_owned()),
                (Severity::Error, "bin-checksum".to_owned()),
                (Severity::Warning, "age".to_owned()),
            ]
        );
    }
}
