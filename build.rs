//! Fingerprints what the binary embeds and packets depend on: the fonts of typst-assets.
//! A packet rendered by a build with other fonts is then not "up to date" (packet.json's
//! `inputs.fonts`), whatever the crate version says. Templates are fingerprinted at run
//! time, with their overrides (`Templates::fingerprint`).

use sha2::{Digest, Sha256};

fn main() {
    let mut hash = Sha256::new();
    for font in typst_assets::fonts() {
        // Length first: the concatenation of two fonts never reads as another pair.
        hash.update((font.len() as u64).to_le_bytes());
        hash.update(font);
    }
    let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=KZINVITE_EMBEDDED_FONTS_SHA256={hex}");
    println!("cargo:rerun-if-changed=build.rs");
}
