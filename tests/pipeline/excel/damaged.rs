//! Damaged files and limits: cut, flipped or malformed workbooks and zip bombs give
//! `excel-format`, never a panic, and quickly.

use rust_xlsxwriter::Workbook;

use super::{read_xlsx, rezip, unzip};

fn assert_format_error_or_document(bytes: &[u8], what: &str) {
    match read_xlsx(bytes) {
        Ok(_) => {}
        Err(d) => {
            assert_eq!(d.code, "excel-format", "{what}: {d:?}");
            assert!(
                !d.message.contains("reader failed"),
                "{what}: the reader panicked: {d:?}"
            );
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn damaged_bytes_give_excel_format_never_a_panic() {
    let good = std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture");
    for bytes in [
        &b""[..],
        b"PK",
        b"PK\x03\x04",
        b"hello",
        &good[..good.len() / 2],
    ] {
        let d = read_xlsx(bytes).expect_err("not a workbook");
        assert_eq!(d.code, "excel-format");
    }
    for cut in (0..good.len()).step_by(good.len() / 97 + 1) {
        assert_format_error_or_document(&good[..cut], &format!("cut at {cut}"));
    }
    let mut rng = Lcg(7);
    for i in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..1 + i % 4 {
            let at = rng.next(bytes.len());
            bytes[at] ^= 1 << rng.next(8);
        }
        assert_format_error_or_document(&bytes, &format!("flip {i}"));
    }
    // Damaged XML in a well-formed zip reaches the workbook parser itself.
    let entries = unzip(&good);
    for i in 0..200 {
        let mut damaged = entries.clone();
        let which = rng.next(damaged.len());
        let data = &mut damaged[which].1;
        match i % 3 {
            0 => {
                let cut = rng.next(data.len());
                data.truncate(cut);
            }
            1 => {
                for _ in 0..8 {
                    let at = rng.next(data.len());
                    data[at] = b"<>\"'&=/ x0"[rng.next(10)];
                }
            }
            _ => {
                let at = rng.next(data.len());
                data.splice(
                    at..at,
                    b"<c r=\"ZZZZ99999999\" t=\"s\"><v>99999999</v></c>"
                        .iter()
                        .copied(),
                );
            }
        }
        let name = damaged[which].0.clone();
        assert_format_error_or_document(&rezip(&damaged), &format!("damaged {name} ({i})"));
    }
}

#[test]
fn limits_are_refused_quickly() {
    // A zip bomb: 100 MiB of zeros in a few hundred kilobytes.
    let mut entries = unzip(&std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture"));
    entries.push(("xl/media/bomb.bin".into(), vec![0; 100 * 1024 * 1024]));
    let bomb = rezip(&entries);
    assert!(bomb.len() < 1024 * 1024);
    let d = read_xlsx(&bomb).expect_err("bomb");
    assert_eq!(d.code, "excel-format");
    assert!(d.message.contains("MiB"), "{d:?}");

    // A shared-string table claiming billions of entries.
    let mut entries = unzip(&std::fs::read("fixtures/excel/valid/case.xlsx").expect("fixture"));
    for (name, data) in &mut entries {
        if name.ends_with("sharedStrings.xml") {
            let text = String::from_utf8_lossy(data).replacen(
                "uniqueCount=\"",
                "uniqueCount=\"4000000000",
                1,
            );
            *data = text.into_bytes();
        }
    }
    let d = read_xlsx(&rezip(&entries)).expect_err("strings");
    assert_eq!(d.code, "excel-format");

    // More cells than any manifest has.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Case").expect("name");
    ws.write(0, 0, "field").expect("w");
    ws.write(0, 1, "value").expect("w");
    let ws = wb.add_worksheet().set_name("Specialists").expect("name");
    let rows = kzinvite::limits::MAX_CELLS as u32 / 10 + 10;
    for r in 0..rows {
        for c in 0..10u16 {
            ws.write_number(r, c, 1.0).expect("w");
        }
    }
    let d = read_xlsx(&wb.save_to_buffer().expect("saved")).expect_err("cells");
    assert_eq!(d.code, "excel-format");
    assert!(matches!(
        d.location,
        Some(kzinvite::location::Location::Cell { .. })
    ));

    // More sheets than any manifest has.
    let mut wb = Workbook::new();
    for i in 0..=kzinvite::limits::MAX_SHEETS {
        wb.add_worksheet().set_name(format!("S{i}")).expect("name");
    }
    let d = read_xlsx(&wb.save_to_buffer().expect("saved")).expect_err("sheets");
    assert_eq!(d.code, "excel-format");
}
