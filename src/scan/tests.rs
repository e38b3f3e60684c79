//! Sniffing, the opening of links and pipes, and the cache's reading again.

use super::opened::Opened;
use super::*;

#[test]
fn sniffing() {
    assert_eq!(sniff(b"%PDF-1.7\n"), Some(ScanKind::Pdf));
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ScanKind::Jpeg));
    assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Some(ScanKind::Png));
    assert_eq!(sniff(b"GIF89a"), None);
}

/// A PNG header declaring `width` × 1 pixels.
fn png(width: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(1u32.to_be_bytes());
    bytes
}

/// The last part of a path is opened only when it is not a link, and a pipe opens
/// without waiting for a writer (this test would hang if it did wait).
#[cfg(unix)]
#[test]
fn a_link_is_not_opened_and_a_pipe_does_not_block() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("scan.png");
    std::fs::write(&file, png(10))?;
    let link = dir.path().join("link.png");
    std::os::unix::fs::symlink(&file, &link)?;
    let opened = Opened::unless_link(&file).map(|o| o.map(|o| o.meta.len()));
    assert_eq!(opened, Ok(Some(png(10).len() as u64)));
    assert!(matches!(Opened::unless_link(&link), Ok(None)));
    assert!(Opened::at(&link).is_ok_and(|o| o.meta.is_file()));
    let pipe = dir.path().join("pipe.png");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if made.is_ok_and(|s| s.success()) {
        assert!(matches!(
            Opened::unless_link(&pipe),
            Err(ScanProblem::NotAFile)
        ));
        let found = ScanFolder::new(dir.path()).inspect("pipe.png");
        assert_eq!(found, Err(ScanProblem::NotAFile));
    }
    Ok(())
}

#[test]
fn a_cached_scan_is_read_again_when_it_changes() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("scan.png");
    std::fs::write(&file, png(10))?;
    let cache = ScanCache::new();
    let inspect = || ScanFolder::cached(dir.path(), Some(&cache)).inspect("scan.png");
    let first = inspect();
    assert_eq!(first.as_ref().map(|s| s.kind), Ok(ScanKind::Png));
    assert_eq!(inspect(), first);
    // Another size: read again (now zero pixels wide, unreadable).
    std::fs::write(&file, [png(0), b"more".to_vec()].concat())?;
    assert_eq!(inspect(), Err(ScanProblem::Unreadable(ScanKind::Png)));
    std::fs::remove_file(&file)?;
    assert_eq!(inspect(), Err(ScanProblem::Missing));
    Ok(())
}
