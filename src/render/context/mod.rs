//! The render context: what templates see, built from the validated, typed case.
//! Templates never see the raw manifest. [`contract`] is the struct tree templates
//! read; [`build`] fills it for one document.

pub mod build;
pub mod contract;

pub use build::{Inputs, build, count};
pub use contract::{Annex, Context, Count};
