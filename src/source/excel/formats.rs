//! The cell formats of a written workbook: bold headers, Text for text columns (so
//! leading zeros survive), real dates, wrapped multi-line text.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use super::layout::Kind;

/// The formats every sheet of the written workbook uses.
pub(super) struct Formats {
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) date: Format,
    pub(super) wrap: Format,
    pub(super) plain: Format,
    pub(super) name: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new().set_num_format("@"),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            // Not Text format: Excel shows "####" for Text cells over 255 characters.
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            plain: Format::new().set_align(FormatAlign::Left),
            // Top-aligned: the name stays beside the start of a tall description.
            name: Format::new()
                .set_font_color(Color::RGB(0x404040))
                .set_align(FormatAlign::Top),
        }
    }

    /// The format of a cell holding a field of this kind.
    pub(super) fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Text | Kind::Approved => &self.text,
            Kind::Multiline => &self.wrap,
            Kind::Date => &self.date,
            Kind::Bool | Kind::Integer => &self.plain,
        }
    }
}
