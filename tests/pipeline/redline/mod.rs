//! The redline engine's own tests (moved with it from its scratch crate).

mod common;
mod properties;
mod table_and_layout;
mod text_changes;
