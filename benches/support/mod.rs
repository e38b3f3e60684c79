//! What the benches share with `examples/gen_manifests.rs`.

pub mod manifests;
