//! Reading manifests: bytes from disk become a [`Document`] — a JSON value plus a
//! [`SourceMap`](crate::location::SourceMap) from JSON pointer to where each value stands
//! in the file. [`load`] reads a file and picks the reader: [`yaml`] or [`excel`];
//! [`yaml_out`] and [`excel`]'s writer go the other way, for `convert` and `init`.

mod document;
pub mod excel;
mod load;
pub mod yaml;
pub mod yaml_out;

pub use document::{Document, Format, LoadError};
pub use load::load;
