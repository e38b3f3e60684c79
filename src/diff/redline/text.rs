//! What counts as "the same text" for the redline.
//!
//! Owns the three forms of a block's text and the character tables behind them:
//! the *display* text (layout artefacts removed: whitespace reflow, soft hyphens,
//! line-break hyphens), the *fold* used only to align blocks (invisible variants folded
//! away), and the tables of special spaces, zero-width characters and Latin/Cyrillic
//! look-alikes that the redline must flag when they change.

use std::fmt::Write as _;

/// A Latin letter and its Cyrillic (Russian or Kazakh) look-alike, sorted by the second
/// column so a fold is a binary search; `look_alike_table_is_sorted` guards the order.
pub(crate) const LOOK_ALIKES: &[(char, char)] = &[
    ('S', '\u{0405}'),        // Ѕ
    ('I', '\u{0406}'),        // І (Kazakh, Ukrainian)
    ('J', '\u{0408}'),        // Ј
    ('A', '\u{0410}'),        // А
    ('B', '\u{0412}'),        // В
    ('E', '\u{0415}'),        // Е
    ('K', '\u{041A}'),        // К
    ('M', '\u{041C}'),        // М
    ('H', '\u{041D}'),        // Н
    ('O', '\u{041E}'),        // О
    ('P', '\u{0420}'),        // Р
    ('C', '\u{0421}'),        // С
    ('T', '\u{0422}'),        // Т
    ('Y', '\u{0423}'),        // У
    ('X', '\u{0425}'),        // Х
    ('a', '\u{0430}'),        // а
    ('e', '\u{0435}'),        // е
    ('o', '\u{043E}'),        // о
    ('p', '\u{0440}'),        // р
    ('c', '\u{0441}'),        // с
    ('y', '\u{0443}'),        // у
    ('x', '\u{0445}'),        // х
    ('s', '\u{0455}'),        // ѕ
    ('i', '\u{0456}'),        // і (Kazakh)
    ('j', '\u{0458}'),        // ј
    ('Y', '\u{04AE}'),        // Ү (Kazakh)
    ('y', '\u{04AF}'),        // ү (Kazakh)
    ('h', '\u{04BB}'),        // һ (Kazakh)
    ('\u{018F}', '\u{04D8}'), // Ə / Ә (Kazakh)
    ('\u{0259}', '\u{04D9}'), // ə / ә (Kazakh)
    ('\u{019F}', '\u{04E8}'), // Ɵ / Ө (Kazakh)
    ('\u{0275}', '\u{04E9}'), // ɵ / ө (Kazakh)
    ('Q', '\u{051A}'),        // Ԛ
    ('q', '\u{051B}'),        // ԛ
    ('W', '\u{051C}'),        // Ԝ
    ('w', '\u{051D}'),        // ԝ
];

/// Spaces a reader cannot tell from U+0020; a swap between any two of them is flagged.
const SPACE_VARIANTS: &[(char, &str)] = &[
    (' ', "space"),
    ('\u{00A0}', "no-break space"),
    ('\u{1680}', "ogham space mark"),
    ('\u{2002}', "en space"),
    ('\u{2003}', "em space"),
    ('\u{2004}', "three-per-em space"),
    ('\u{2005}', "four-per-em space"),
    ('\u{2006}', "six-per-em space"),
    ('\u{2007}', "figure space"),
    ('\u{2008}', "punctuation space"),
    ('\u{2009}', "thin space"),
    ('\u{200A}', "hair space"),
    ('\u{202F}', "narrow no-break space"),
    ('\u{205F}', "medium mathematical space"),
    ('\u{3000}', "ideographic space"),
];

/// Characters that print nothing; adding or removing one is flagged.
const ZERO_WIDTH: &[(char, &str)] = &[
    ('\u{200B}', "zero-width space"),
    ('\u{200C}', "zero-width non-joiner"),
    ('\u{200D}', "zero-width joiner"),
    ('\u{200E}', "left-to-right mark"),
    ('\u{200F}', "right-to-left mark"),
    ('\u{2060}', "word joiner"),
    ('\u{FEFF}', "zero-width no-break space (BOM)"),
];

const SOFT_HYPHEN: char = '\u{00AD}';

/// Whitespace that only reflow produces: runs of it collapse to one space.
fn is_reflow_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The text as the redline shows and compares it: reflow whitespace collapsed to single
/// spaces and trimmed, soft hyphens dropped, and a hyphen at a line break inside a word
/// (letter, `-`, line break, lower-case letter) joined back.
pub fn display_text(raw: &str) -> String {
    if is_display_already(raw) {
        return raw.to_owned();
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c == SOFT_HYPHEN {
            continue;
        }
        if is_reflow_space(c) {
            pending_space = true;
            continue;
        }
        if matches!(c, '-' | '\u{2010}')
            && !pending_space
            && out.chars().last().is_some_and(char::is_alphabetic)
        {
            let rest = chars.get(i..).unwrap_or_default();
            let gap = rest
                .iter()
                .take_while(|c| is_reflow_space(**c) || **c == SOFT_HYPHEN)
                .count();
            let broken = rest.iter().take(gap).any(|c| is_line_break(*c));
            if broken && rest.get(gap).is_some_and(|c| c.is_lowercase()) {
                i += gap;
                continue;
            }
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// True when `raw` has nothing `display_text` would change; most text is clean.
fn is_display_already(raw: &str) -> bool {
    let b = raw.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') || raw.contains("  ") {
        return false;
    }
    // Only control bytes and the lead bytes 0xC2, 0xE2 can start what display_text removes.
    let rare = |(_, c): &(usize, &u8)| **c < b' ' || **c == 0xC2 || **c == 0xE2;
    b.iter().enumerate().filter(rare).all(|(k, &c)| match c {
        // UTF-8 of U+0085 and U+00AD; of U+2028 and U+2029.
        0xC2 => !matches!(b.get(k + 1), Some(0x85 | 0xAD)),
        0xE2 => !(b.get(k + 1) == Some(&0x80) && matches!(b.get(k + 2), Some(0xA8 | 0xA9))),
        _ => false,
    })
}

/// The character a reader sees: look-alikes and space variants folded, zero-width gone.
pub(crate) fn fold_char(c: char) -> Option<char> {
    if c < '\u{00A0}' {
        return Some(c);
    }
    if let Some(&twin) = CYRILLIC_FOLD.get((u32::from(c) as usize).wrapping_sub(CYRILLIC_FIRST)) {
        return Some(twin);
    }
    if zero_width_name(c).is_some() {
        return None;
    }
    if space_name(c).is_some() {
        return Some(' ');
    }
    Some(c)
}

const CYRILLIC_FIRST: usize = 0x0400;
const CYRILLIC_LAST: usize = 0x052F;

/// `fold_char` for the Cyrillic blocks as a direct table: Russian text is full of look-alikes.
const CYRILLIC_FOLD: [char; CYRILLIC_LAST - CYRILLIC_FIRST + 1] = {
    let mut table = ['\0'; CYRILLIC_LAST - CYRILLIC_FIRST + 1];
    let mut k = 0;
    while k < table.len() {
        table[k] = match char::from_u32((CYRILLIC_FIRST + k) as u32) {
            Some(c) => c,
            None => '\u{FFFD}',
        };
        k += 1;
    }
    let mut p = 0;
    while p < LOOK_ALIKES.len() {
        let (latin, cyrillic) = LOOK_ALIKES[p];
        table[cyrillic as usize - CYRILLIC_FIRST] = latin;
        p += 1;
    }
    table
};

/// The alignment key of a display text: what it looks like, not what it is.
pub(crate) fn fold(display: &str) -> String {
    let mut out = String::with_capacity(display.len());
    let mut after_space = true;
    for folded in display.chars().filter_map(fold_char) {
        if folded == ' ' {
            if !after_space {
                out.push(' ');
            }
            after_space = true;
        } else {
            out.push(folded);
            after_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A passport number as a key: folded, without spaces, upper-case.
pub(crate) fn fold_key(key: &str) -> String {
    fold(&display_text(key))
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The row's text with its leading "№" cell masked, so renumbering alone is no edit.
pub(crate) fn mask_row_number(display: &str, number: Option<u32>) -> String {
    let Some(number) = number else {
        return display.to_owned();
    };
    let digits = number.to_string();
    let body = display.trim_start_matches(['№', ' ']);
    let skipped = display.len() - body.len();
    match body.strip_prefix(digits.as_str()) {
        Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{}#{rest}", display.get(..skipped).unwrap_or_default())
        }
        _ => display.to_owned(),
    }
}

pub(crate) fn space_name(c: char) -> Option<&'static str> {
    SPACE_VARIANTS
        .iter()
        .find(|(s, _)| *s == c)
        .map(|(_, name)| *name)
}

pub(crate) fn zero_width_name(c: char) -> Option<&'static str> {
    ZERO_WIDTH
        .iter()
        .find(|(z, _)| *z == c)
        .map(|(_, name)| *name)
}

/// Numbers, dates (dd.mm.yyyy) and passport-like ids are diffed down to characters.
pub(crate) fn is_fine_grained(token: &str) -> bool {
    let folded: Vec<char> = token.chars().filter_map(fold_char).collect();
    let numeric = folded.first().is_some_and(char::is_ascii_digit)
        && folded.last().is_some_and(char::is_ascii_digit)
        && folded
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ':'));
    let passport_like = (5..=20).contains(&folded.len())
        && folded
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    numeric || passport_like
}

pub(crate) fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

pub(crate) fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{02AF}').contains(&c)
}

/// "U+00A0" for one character.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// A human name of a character for the invisible-change flag.
pub(crate) fn describe(c: char) -> String {
    let mut out = String::new();
    if let Some(name) = space_name(c).or_else(|| zero_width_name(c)) {
        out.push_str(name);
    } else {
        let script = if is_cyrillic(c) { "Cyrillic" } else { "Latin" };
        let _ = write!(out, "{script} «{c}»");
    }
    let _ = write!(out, " ({})", code_point(c));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_table_is_sorted() {
        assert!(LOOK_ALIKES.windows(2).all(|w| w[0].1 < w[1].1));
    }

    #[test]
    fn reflow_and_hyphens_vanish() {
        assert_eq!(
            display_text("  Настоящим \n письмом\tсообщаем  "),
            "Настоящим письмом сообщаем"
        );
        assert_eq!(display_text("специ\u{AD}алист"), "специалист");
        assert_eq!(display_text("специа-\nлист"), "специалист");
        assert_eq!(display_text("Алматы - Астана"), "Алматы - Астана");
        assert_eq!(display_text("северо-западный"), "северо-западный");
    }

    #[test]
    fn fold_sees_what_a_reader_sees() {
        assert_eq!(
            fold("Aлексей\u{00A0}Иванов\u{200B}"),
            fold("Алексей Иванов")
        );
        assert_eq!(fold_key(" n 1234 567 "), "N1234567");
        assert_eq!(mask_row_number("12 | Иванов", Some(12)), "# | Иванов");
        assert_eq!(mask_row_number("123 | Иванов", Some(12)), "123 | Иванов");
        assert!(is_fine_grained("12.03.2026") && is_fine_grained("N12345678"));
        assert!(!is_fine_grained("Иванов") && !is_fine_grained("KZ"));
    }
}
