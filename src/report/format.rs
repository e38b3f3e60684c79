//! The output formats of `validate --format`, and the reporter for each.

use super::github::GithubReporter;
use super::json::JsonReporter;
use super::junit::JunitReporter;
use super::reporter::{ReportOptions, Reporter};
use super::sarif::SarifReporter;
use super::text::TextReporter;

/// The output formats of `validate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Junit,
    Github,
    Sarif,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::Junit,
        Format::Github,
        Format::Sarif,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Sarif => "sarif",
        }
    }
}

pub fn reporter(format: Format, options: ReportOptions) -> Box<dyn Reporter + Send> {
    match format {
        Format::Text => Box::new(TextReporter::new(options)),
        Format::Json => Box::new(JsonReporter::new(options)),
        Format::Junit => Box::new(JunitReporter::new(options)),
        Format::Github => Box::new(GithubReporter),
        Format::Sarif => Box::new(SarifReporter::default()),
    }
}
