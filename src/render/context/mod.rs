//! The render context: what templates see, built from the validated, typed case.
//! Templates never see the raw manifest. [`contract`] is the struct tree templates
//! read; [`build`] fills it: [`case`] once per case and language, [`letter`] per document.

pub mod build;
pub mod contract;

pub use build::{Inputs, case, count, joined, language, letter};
pub use contract::{Annex, CaseContext, Context, Count, LetterContext};
