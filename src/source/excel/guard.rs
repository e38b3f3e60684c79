//! Bounds on a workbook's container, checked before any XML is parsed: a zip bomb, a
//! damaged zip or a shared-string table claiming billions of entries is refused with one
//! `excel-format` diagnostic instead of eating memory or time in the reader.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_ENTRIES, MAX_SHARED_STRINGS, MAX_UNPACKED_BYTES};

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn format_error(message: impl Into<String>, help: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("excel-format", message).help(help))
}

const RESAVE: &str = "open it in Excel or LibreOffice and save it as \"Excel Workbook (.xlsx)\", or start again from `kzinvite init --xlsx`";

/// Checks that `bytes` are a zip package within the limits, unpacking every file once
/// with a running byte budget (declared sizes in a zip can lie).
pub fn check(bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(format_error(
            "this is an Excel 97–2003 workbook (.xls) or a password-protected one, not an .xlsx workbook",
            "save it as \"Excel Workbook (.xlsx)\" without a password",
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(format_error(
            "the file is not an Excel workbook: an .xlsx file is a zip package, and this is not one",
            RESAVE,
        ));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format_error(
            format!("the workbook is damaged or incomplete: {e}"),
            RESAVE,
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(format_error(
            format!(
                "the workbook package holds {} files, over the limit of {MAX_ENTRIES}",
                zip.len()
            ),
            "a manifest workbook needs only its three sheets: remove images, attachments and other sheets",
        ));
    }
    let mut budget = MAX_UNPACKED_BYTES;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let damaged = |e: &dyn std::fmt::Display| {
            format_error(format!("the workbook is damaged: {e}"), RESAVE)
        };
        let mut file = zip.by_index(i).map_err(|e| damaged(&e))?;
        let shared_strings = file
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let mut head: Vec<u8> = Vec::new();
        loop {
            let n = file.read(&mut buf).map_err(|e| damaged(&e))?;
            if n == 0 {
                break;
            }
            if n as u64 > budget {
                return Err(format_error(
                    format!(
                        "the workbook unpacks to more than {} MiB, over the limit",
                        MAX_UNPACKED_BYTES / (1024 * 1024)
                    ),
                    "a manifest workbook unpacks to about a megabyte: remove images, attachments and other sheets",
                ));
            }
            budget -= n as u64;
            if shared_strings && head.len() < 4096 {
                head.extend_from_slice(&buf[..n.min(4096 - head.len())]);
            }
        }
        if shared_strings {
            check_shared_strings(&head)?;
        }
    }
    Ok(())
}

/// Refuses a shared-string table whose declared count is out of bounds.
fn check_shared_strings(head: &[u8]) -> Result<(), Box<Diagnostic>> {
    let text = String::from_utf8_lossy(head);
    for (at, _) in text.match_indices("uniqueCount") {
        let rest = text[at + "uniqueCount".len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value: String = rest
            .chars()
            .skip(1)
            .take_while(|c| *c != '"' && *c != '\'')
            .collect();
        let count = value.trim().parse::<u64>().ok();
        if count.is_none_or(|n| n > MAX_SHARED_STRINGS) {
            return Err(format_error(
                format!(
                    "the workbook declares {} distinct texts, over the limit of {MAX_SHARED_STRINGS}",
                    value.trim()
                ),
                RESAVE,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(bytes: &[u8]) -> Option<String> {
        check(bytes).err().map(|d| d.code)
    }

    #[test]
    fn refuses_what_is_not_a_zip() {
        assert_eq!(code(b"").as_deref(), Some("excel-format"));
        assert_eq!(
            code(b"manifest_version: 1\n").as_deref(),
            Some("excel-format")
        );
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend([0; 100]);
        let d = check(&ole).expect_err("xls");
        assert!(d.message.contains(".xls"));
        assert_eq!(code(b"PK\x03\x04broken").as_deref(), Some("excel-format"));
    }

    #[test]
    fn shared_string_counts() {
        assert!(check_shared_strings(br#"<sst count="3" uniqueCount="2">"#).is_ok());
        assert!(check_shared_strings(br#"<sst uniqueCount='99999999999'>"#).is_err());
        assert!(check_shared_strings(br#"<sst uniqueCount="x">"#).is_err());
    }
}
