//! What a scan is: its kind by content, what can be wrong with it, and a scan found
//! fit to annex. A leaf.

use std::path::PathBuf;

/// The kinds of file that can be annexed to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    Pdf,
    Jpeg,
    Png,
}

impl ScanKind {
    pub fn name(self) -> &'static str {
        match self {
            ScanKind::Pdf => "PDF",
            ScanKind::Jpeg => "JPEG",
            ScanKind::Png => "PNG",
        }
    }
}

/// Sniffs the file type from its first bytes.
pub fn sniff(head: &[u8]) -> Option<ScanKind> {
    if head.starts_with(b"%PDF-") {
        Some(ScanKind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ScanKind::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ScanKind::Png)
    } else {
        None
    }
}

/// Why a scan path is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanProblem {
    Absolute,
    Escapes,
    Missing,
    NotAFile,
    WrongType,
    /// Starts like a PDF, JPEG or PNG but cannot be read: damaged, truncated, encrypted.
    Unreadable(ScanKind),
    TooLarge {
        bytes: u64,
    },
    TooManyPixels {
        width: u64,
        height: u64,
    },
}

/// A scan that may be annexed: where it really is, its type and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub path: PathBuf,
    pub kind: ScanKind,
    pub bytes: u64,
}
