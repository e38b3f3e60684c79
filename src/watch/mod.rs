//! Following the files of a `kzinvite watch` run: which files and folders each case
//! reads ([`targets`]), what a changed path means for them, and the file events
//! themselves, debounced, from watched folders that may vanish and come back
//! ([`follow`]), and the words of its status lines ([`status`]). Rendering stays in
//! `commands::watch`.

pub mod follow;
pub mod status;
pub mod targets;

pub use follow::{Changes, Follower, Wake, debounce};
pub use targets::{Affected, Cause, Targets, Watch, key};
