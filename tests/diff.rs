//! `kzinvite diff`: the redline engine, and the command on packets built from fixtures.

#[path = "diff/cli.rs"]
mod cli;
#[path = "diff/redline/mod.rs"]
mod redline;
#[path = "diff/text.rs"]
mod text;
