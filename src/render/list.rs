//! `specialists.xlsx`: the petition's table of persons as a spreadsheet — the Migration
//! Service takes the invitation list on paper and as an Excel file.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use crate::dates::dotted;
use crate::language::Language;
use crate::model::{Case, Sex};

pub fn workbook(case: &Case, lang: Language, today: time::Date) -> anyhow::Result<Vec<u8>> {
    let headers: [&str; 10] = match lang {
        Language::Kk => [
            "№ п/п",
            "Тегі, аты (латын әрпімен)",
            "Жынысы",
            "Туған күні",
            "Азаматтығы",
            "Паспорт №",
            "Берілген күні",
            "Жарамдылық мерзімі",
            "Лауазымы",
            "Шетелдік жұмыс күшін тартуға рұқсат",
        ],
        Language::Ru | Language::En => [
            "№ п/п",
            "Фамилия, имя (латиницей)",
            "Пол",
            "Дата рождения",
            "Гражданство",
            "№ паспорта",
            "Дата выдачи",
            "Срок действия",
            "Должность",
            "Разрешение на привлечение иностранной рабочей силы",
        ],
    };
    let mut book = Workbook::new();
    // The creation date is `--today`, so the file is byte-identical between runs.
    let created = ExcelDateTime::from_ymd(
        today.year().clamp(1900, 9999) as u16,
        u8::from(today.month()),
        today.day(),
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("Specialists"),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(match lang {
        Language::Kk => "Мамандар",
        _ => "Специалисты",
    })?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("@");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let widths = [5.0, 28.0, 6.0, 12.0, 16.0, 14.0, 12.0, 14.0, 28.0, 26.0];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, s) in case.approved().enumerate() {
        let row = (i + 1) as u32;
        let citizenship = crate::reference::country(&s.citizenship)
            .map(|c| match lang {
                Language::Kk => c.kk.clone(),
                _ => c.ru.clone(),
            })
            .unwrap_or_else(|| s.citizenship.clone());
        let sex = match (s.sex, lang) {
            (Sex::M, Language::Kk) => "ер",
            (Sex::F, Language::Kk) => "әйел",
            (Sex::M, _) => "муж.",
            (Sex::F, _) => "жен.",
        };
        let permit = match &s.work_permit {
            Some(p) if p.required => format!(
                "{} {}",
                p.number.clone().unwrap_or_default(),
                p.date.map(dotted).unwrap_or_default()
            )
            .trim()
            .to_owned(),
            _ => String::new(),
        };
        let values = [
            (i + 1).to_string(),
            s.full_name(),
            sex.to_owned(),
            dotted(s.date_of_birth),
            citizenship,
            s.passport.number.clone(),
            dotted(s.passport.issued),
            dotted(s.passport.expires),
            crate::translations::position(s, lang).to_owned(),
            permit,
        ];
        for (c, v) in values.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, v, &cell)?;
        }
    }
    Ok(book.save_to_buffer()?)
}
