//! What the language server is told: `kzinvite lsp --stage S --today D --debounce-ms N`,
//! then the client's `initializationOptions` (`stage`, `today`, `debounceMs`) over it.

use std::time::Duration;

use serde_json::Value;
use time::Date;

use crate::check::CheckOptions;
use crate::dates::parse_date;
use crate::stage::Stage;

/// Longest debounce accepted: past a few seconds diagnostics would look broken.
const MAX_DEBOUNCE_MS: u64 = 10_000;

/// `kzinvite lsp`, resolved.
#[derive(Debug, Clone)]
pub struct LspConfig {
    /// Reference date for date rules (`--today`, `SOURCE_DATE_EPOCH`, the start date).
    pub today: Date,
    /// `--stage`: check as if the case were at this stage.
    pub stage: Option<Stage>,
    /// How long a document must rest after a change before it is checked.
    pub debounce: Duration,
}

impl LspConfig {
    pub fn new(today: Date, stage: Option<Stage>, debounce_ms: u64) -> LspConfig {
        LspConfig {
            today,
            stage,
            debounce: Duration::from_millis(debounce_ms.min(MAX_DEBOUNCE_MS)),
        }
    }

    pub fn check_options(&self) -> CheckOptions {
        CheckOptions {
            today: self.today,
            stage: self.stage,
            lang: None,
        }
    }

    /// The config with the client's `initializationOptions` applied; each option that
    /// cannot be used comes back as a message for the editor, the rest still applies.
    pub fn with_options(&self, options: Option<&Value>) -> (LspConfig, Vec<String>) {
        let mut config = self.clone();
        let mut problems = Vec::new();
        let Some(options) = options.filter(|o| !o.is_null()) else {
            return (config, problems);
        };
        let Some(options) = options.as_object() else {
            problems.push("initializationOptions must be an object: ignored".to_owned());
            return (config, problems);
        };
        match options.get("stage") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => match s.parse::<Stage>() {
                Ok(stage) => config.stage = Some(stage),
                Err(e) => problems.push(format!("initializationOptions.stage: {e}")),
            },
            Some(other) => problems.push(format!(
                "initializationOptions.stage must be a stage name, not {other}"
            )),
        }
        match options.get("today") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => match parse_date(s) {
                Some(date) => config.today = date,
                None => problems.push(format!(
                    "initializationOptions.today: `{s}` is not a date: write YYYY-MM-DD"
                )),
            },
            Some(other) => problems.push(format!(
                "initializationOptions.today must be a YYYY-MM-DD text, not {other}"
            )),
        }
        match options.get("debounceMs") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64() {
                Some(ms) => {
                    config.debounce = Duration::from_millis(ms.min(MAX_DEBOUNCE_MS));
                }
                None => problems.push(format!(
                    "initializationOptions.debounceMs must be a whole number of milliseconds, not {v}"
                )),
            },
        }
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> LspConfig {
        LspConfig::new(Date::MIN, None, 120)
    }

    #[test]
    fn options_override_the_command_line() {
        let options =
            serde_json::json!({"stage": "petition", "today": "2026-01-15", "debounceMs": 0});
        let (config, problems) = base().with_options(Some(&options));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.stage, Some(Stage::Petition));
        assert_eq!(config.today, parse_date("2026-01-15").unwrap_or(Date::MIN));
        assert_eq!(config.debounce, Duration::ZERO);
    }

    #[test]
    fn bad_options_are_named_and_the_rest_applies() {
        let options = serde_json::json!({"stage": "later", "today": "15.01.2026", "debounceMs": 5});
        let (config, problems) = base().with_options(Some(&options));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(config.stage, None);
        assert_eq!(config.debounce, Duration::from_millis(5));
        let (_, problems) = base().with_options(Some(&serde_json::json!([1])));
        assert_eq!(problems.len(), 1);
        let (config, problems) = base().with_options(None);
        assert!(problems.is_empty());
        assert_eq!(config.debounce, Duration::from_millis(120));
    }
}
