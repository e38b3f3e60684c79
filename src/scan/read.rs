//! What an opened scan is by content: its type from the first bytes, readable (a PDF
//! parsed with at least one page, an image's size from its header), within the limits.

use std::io::{BufRead, Read};
use std::path::PathBuf;

use super::kind::{Scan, ScanKind, ScanProblem, sniff};
use super::opened::Opened;
use crate::limits::{MAX_SCAN_BYTES, MAX_SCAN_PIXELS};

/// Checks the opened scan's type, size and readability, reading the file once: whole for
/// a PDF (it is parsed), up to the frame header for an image.
pub(super) fn read_scan(real: PathBuf, opened: Opened) -> Result<Scan, ScanProblem> {
    let Opened { file, meta } = opened;
    let len = meta.len();
    // Never more than the limit, even if the file grew since it was measured.
    let mut limited = std::io::BufReader::new(file.take(MAX_SCAN_BYTES + 1));
    let head = limited.fill_buf().map_err(|_| ScanProblem::Missing)?;
    let kind = sniff(head).ok_or(ScanProblem::WrongType)?;
    if len > MAX_SCAN_BYTES {
        return Err(ScanProblem::TooLarge { bytes: len });
    }
    let size = match kind {
        ScanKind::Pdf => {
            // The size is known: the read stops there, without asking the file once more
            // for its end (one `read` for a scan that fits the buffer instead of two —
            // 20,000 scans per 1,000 manifests). A file grown since is read to its old
            // size, within the limit checked above; one shrunk, to its new.
            let mut bytes = Vec::with_capacity(len as usize);
            limited
                .by_ref()
                .take(len)
                .read_to_end(&mut bytes)
                .map_err(|_| ScanProblem::Missing)?;
            let readable = hayro_syntax::Pdf::new(std::sync::Arc::new(bytes))
                .is_ok_and(|pdf| !pdf.pages().is_empty());
            readable.then_some(None)
        }
        ScanKind::Png => png_size(&mut limited).map(Some),
        ScanKind::Jpeg => jpeg_size(&mut limited).map(Some),
    };
    match size {
        None | Some(Some((0, _) | (_, 0))) => return Err(ScanProblem::Unreadable(kind)),
        Some(Some((width, height))) if width.saturating_mul(height) > MAX_SCAN_PIXELS => {
            return Err(ScanProblem::TooManyPixels { width, height });
        }
        Some(_) => {}
    }
    Ok(Scan {
        path: real,
        kind,
        bytes: len,
    })
}

/// Width and height from a PNG's header (the `IHDR` chunk must come first).
fn png_size(r: &mut impl Read) -> Option<(u64, u64)> {
    let mut head = [0u8; 24];
    r.read_exact(&mut head).ok()?;
    if &head[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    Some((be(&head[16..20]), be(&head[20..24])))
}

/// Width and height from a JPEG's frame header, walking the segments before it.
fn jpeg_size(r: &mut impl Read) -> Option<(u64, u64)> {
    let byte = |r: &mut dyn Read| {
        let mut b = [0u8; 1];
        r.read_exact(&mut b).ok().map(|_| b[0])
    };
    if (byte(r)?, byte(r)?) != (0xFF, 0xD8) {
        return None;
    }
    loop {
        if byte(r)? != 0xFF {
            return None;
        }
        let mut marker = byte(r)?;
        while marker == 0xFF {
            marker = byte(r)?;
        }
        match marker {
            // Markers without a length: restart markers, TEM.
            0xD0..=0xD7 | 0x01 => continue,
            // End of image or start of scan before any frame header: no size.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let length = u16::from_be_bytes([byte(r)?, byte(r)?]);
        let body = u64::from(length.checked_sub(2)?);
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let mut frame = [0u8; 5];
            r.read_exact(&mut frame).ok()?;
            let height = u16::from_be_bytes([frame[1], frame[2]]);
            let width = u16::from_be_bytes([frame[3], frame[4]]);
            return Some((u64::from(width), u64::from(height)));
        }
        let skipped = std::io::copy(&mut r.by_ref().take(body), &mut std::io::sink()).ok()?;
        if skipped != body {
            return None;
        }
    }
}
