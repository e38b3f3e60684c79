//! Packets: the folder `OUT/<id>/` a rendered case becomes — its PDFs, `specialists.xlsx`
//! and `packet.json` ([`meta`]) — what they were made from ([`inputs`]), and writing
//! them atomically ([`write`]).

pub mod inputs;
pub mod meta;
pub mod write;

pub use meta::{Inputs, ManifestRef, PacketMeta, is_up_to_date, read_meta};
pub use write::{OutLock, Staged, lock, recover, stage, write};
