//! Reporters: one per output format, all behind [`Reporter`]. They receive results one
//! file at a time, in argument order, and may stream (memory stays flat).

mod format;
mod github;
mod json;
mod junit;
mod reporter;
mod sarif;
mod text;

pub use format::{Format, reporter};
pub use github::GithubReporter;
pub use json::{JsonDiagnostic, JsonFile, JsonReporter, JsonSummary};
pub use junit::JunitReporter;
pub use reporter::{FileReport, ReportOptions, Reporter, Summary};
pub use sarif::SarifReporter;
pub use text::TextReporter;
