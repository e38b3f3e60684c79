//! The library's stages called directly: readers and writers of workbooks, the checks
//! and their suggestions, rendering with the engine, and the documents that describe
//! the catalogue of codes. (`tests/cli` runs the binary.)

mod docs;
mod document_text;
mod escaping;
mod excel;
mod redline;
mod render_range;
mod suggestions;
