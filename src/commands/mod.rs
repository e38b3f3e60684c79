//! One module per subcommand, each with the config struct `cli` resolves its arguments
//! into and a `run` that returns what `main` maps to an exit code. No module here sees
//! clap types.

mod batch;
pub mod convert;
pub mod diff;
pub mod editor;
mod in_memory;
pub mod init;
mod ordered;
mod outcome;
pub mod render;
pub mod review;
pub mod schema;
mod settings;
pub mod status;
pub mod validate;
pub mod watch;

pub use batch::{Loaded, io_diagnostic, load_and_check};
pub use ordered::for_each_ordered;
pub use outcome::{Outcome, catch_bug, print};
pub use settings::Settings;
