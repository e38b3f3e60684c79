//! Review pages: one self-contained HTML file per case for the lawyers who sign the
//! letters — the case at a glance, warnings, each document's pages as images beside
//! their text with the facts it must state, the scans as thumbnails and, against an
//! older packet, the redline of `diff` with its causes — and an index page for a batch.
//! Offline by construction: no external reference, images as `data:` URIs.
//!
//! [`model`] is what a page is made from, [`page`] and [`index`] write it (through
//! [`escape`] only), [`facts`] (from [`statements`]), [`glance`] and [`redline`] its parts, [`i18n`] its
//! labels, [`redact`] masks it for `--redact`, [`style`] its CSS and script.

pub mod escape;
pub mod facts;
pub mod glance;
pub mod i18n;
pub mod index;
pub mod model;
pub mod page;
pub mod redact;
pub mod redline;
pub mod statements;
pub mod style;

pub use index::{IndexRow, index_page};
pub use model::{Against, Note, Review, ReviewDocument};
pub use page::{GENERATOR, case_page};
pub use redact::redact;
