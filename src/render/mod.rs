//! Rendering: a validated case → the documents its stage unlocks, as PDF, through
//! minijinja templates producing Typst markup compiled in-process.
//!
//! [`Engine`] holds what every document shares (fonts, templates, the Typst library)
//! and is built once per run; [`Engine::render_case`] renders one case into memory;
//! [`crate::packet`] writes it atomically. In the order a document goes through them:
//! [`prepare`] (the case's files) → [`context`] (what templates see) → [`templates`]
//! (minijinja → Typst markup) → [`compile`] (layout and PDF in [`world`]).

pub mod compile;
pub mod context;
pub mod diagnose;
pub mod engine;
pub mod fonts;
pub mod glyphs;
pub mod images;
pub mod linebreaks;
pub mod list;
pub mod markup_map;
pub mod options;
pub mod plan;
pub mod prepare;
pub mod project;
pub mod quoted;
pub mod templates;
pub mod text;
pub mod words;
pub mod world;

pub use engine::{DocumentInputs, Engine, RenderedCase, RenderedDocument, TypstProject};
pub use images::{PageImage, Thumbnail};
pub use options::{PdfStandard, RenderOptions};
pub use plan::{Plan, Skipped};
pub use prepare::normalized;
pub use project::write_projects;
