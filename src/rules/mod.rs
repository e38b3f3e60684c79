//! The business rules of rules.md: what a schema cannot say. Each rule reads the
//! manifest through [`View`], which tolerates values of the wrong type (the schema
//! reports those), so every rule runs even on a manifest with schema errors.
//!
//! This file only runs the rules; the catalogue of codes, the context and the view live
//! in leaf modules the rules themselves use.

mod approval;
pub mod bin;
mod catalogue;
mod context;
mod dates;
mod files;
mod identity;
mod people;
mod positions;
mod procedure;
mod translations;
mod view;

pub use catalogue::{Applies, RULES, Rule, rule_info};
pub use context::RuleContext;
pub use view::{Specialist, View};

use crate::diagnostic::Diagnostic;

/// Runs every rule that applies at `ctx.stage`.
pub fn check(view: &View<'_>, ctx: &RuleContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    identity::check(view, ctx, &mut out);
    dates::check(view, ctx, &mut out);
    people::check(view, &mut out);
    procedure::check(view, ctx, &mut out);
    approval::check(view, ctx, &mut out);
    files::check(view, ctx, &mut out);
    translations::check(view, ctx, &mut out);
    out.retain(|d| ctx.applies(&d.code));
    out
}
