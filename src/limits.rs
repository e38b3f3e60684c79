//! Every bound kzinvite puts on what it reads, in one place: hostile input (a 10 MiB
//! paste, a billion laughs, a 60 000-pixel scan) costs bounded time and memory. The
//! README's "Limits" section lists them for users. A leaf: every layer may read it.

// ---- Manifests

/// Largest manifest file read at all (rules.md: `yaml-limits`).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;

/// Nodes that aliases may add in total, however they nest ("billion laughs").
pub const ALIAS_BUDGET: usize = 10_000;

/// Keys and values a file may hold. A manifest with 500 specialists has about 20 000;
/// past this the reader stops rather than map millions of positions.
pub const MAX_NODES: usize = 100_000;

/// Sheets a workbook may have at all.
pub const MAX_SHEETS: usize = 50;

/// Cells read over the Case, Specialists and Letters sheets together (500 specialists
/// fill about 7 000).
pub const MAX_CELLS: usize = 200_000;

/// Files inside the zip package (a manifest workbook has about 15).
pub const MAX_ENTRIES: usize = 1_000;

/// Bytes of all files inside the package once unpacked (a 500-specialist manifest
/// unpacks to about 1 MiB).
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Distinct strings a workbook may declare (the reader reserves room for them).
pub const MAX_SHARED_STRINGS: u64 = 200_000;

// ---- Checking

/// The longest list a manifest may hold (`maxItems` of `specialists` and of
/// `ic_decision.approved`).
pub const MAX_LIST_ITEMS: usize = 500;

/// Most diagnostics reported for one file. Errors are kept first and the note that says
/// the rest were left out (`too-many-problems`) is a warning, so the cut never changes
/// whether a file is valid.
pub const MAX_DIAGNOSTICS: usize = 1000;

// ---- Scans

/// Largest scan file accepted (`scan-too-large`): a passport page needs a fraction of it.
pub const MAX_SCAN_BYTES: u64 = 10 * 1024 * 1024;

/// Largest image accepted, in pixels: an A4 page at 600 dpi is 35 million. Images are
/// decoded whole to be printed, so a small file declaring 60 000 × 60 000 pixels would
/// need gigabytes.
pub const MAX_SCAN_PIXELS: u64 = 40_000_000;

/// Most bytes of scans one case may name together: one packet holds them all in memory.
pub const MAX_CASE_SCAN_BYTES: u64 = 200 * 1024 * 1024;

/// Most scans the language server remembers between keystrokes (what it keeps of each
/// is a few hundred bytes; past this it starts afresh).
pub const MAX_CACHED_SCANS: usize = 10_000;

// ---- Packets

/// Largest `packet.json` read back; the tool writes a few kilobytes.
pub const MAX_PACKET_JSON: u64 = 16 * 1024 * 1024;

/// Largest packet file read back to compare its hash.
pub const MAX_PACKET_FILE: u64 = 1024 * 1024 * 1024;

// ---- Runs

/// Most workers a run starts, whatever `--jobs` asks: more threads than this only
/// compete for the same cores and memory.
pub const MAX_JOBS: usize = 256;
