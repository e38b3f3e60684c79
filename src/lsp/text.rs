//! Positions in an open document: the protocol's (line, UTF-16 unit) against the
//! character offsets of [`Location`](crate::location::Location) and the byte offsets of
//! Rust strings; and edits applied to the text. Lines end at `\n`, `\r\n` or a lone
//! `\r`, as in the protocol and in YAML. Every position is clamped: one past the end of a
//! line or of the text, or inside a surrogate pair, is answered, never a panic.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// Where each line starts, in bytes and in characters.
#[derive(Debug, Clone)]
pub struct LineIndex {
    lines: Vec<Line>,
    /// Length of the text in bytes and in characters.
    end: (usize, usize),
}

#[derive(Debug, Clone, Copy)]
struct Line {
    byte: usize,
    char: usize,
    /// Byte offset where the line's content ends (its break excluded).
    content_end: usize,
    /// Only ASCII on the line: offsets in bytes, characters and UTF-16 units agree.
    ascii: bool,
}

impl LineIndex {
    /// Splits with the standard library's searches (vectorised even in a debug build):
    /// a 10 MiB document is indexed on every keystroke.
    pub fn new(text: &str) -> LineIndex {
        let mut lines = Vec::new();
        let (mut byte, mut chars) = (0, 0);
        let line = |byte: usize, chars: usize, content: &str| Line {
            byte,
            char: chars,
            content_end: byte + content.len(),
            ascii: content.is_ascii(),
        };
        let mut ended_with_break = true;
        for piece in text.split_inclusive('\n') {
            let mut rest = piece;
            // A lone `\r` inside the piece ends a line too.
            while let Some(i) = rest.find('\r') {
                if rest.as_bytes().get(i + 1).is_none_or(|b| *b == b'\n') {
                    break;
                }
                lines.push(line(byte, chars, &rest[..i]));
                chars += rest[..=i].chars().count();
                byte += i + 1;
                rest = &rest[i + 1..];
            }
            let content = rest
                .strip_suffix('\n')
                .map(|r| r.strip_suffix('\r').unwrap_or(r))
                .or_else(|| rest.strip_suffix('\r'))
                .unwrap_or(rest);
            ended_with_break = content.len() < rest.len();
            lines.push(line(byte, chars, content));
            chars += rest.chars().count();
            byte += rest.len();
        }
        if ended_with_break {
            lines.push(line(byte, chars, ""));
        }
        LineIndex {
            lines,
            end: (byte, chars),
        }
    }

    #[cfg(test)]
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The protocol position of a character offset (past the end: the end of the text).
    pub fn position(&self, text: &str, char_offset: usize) -> Position {
        self.locate(text, &[char_offset])[0].1
    }

    /// The byte offsets and protocol positions of many character offsets, in one pass
    /// along each line whatever their order: a thousand diagnostics on one long line
    /// (a minified paste) cost one walk, not a thousand.
    pub fn locate(&self, text: &str, offsets: &[usize]) -> Vec<(usize, Position)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![(0, Position::default()); offsets.len()];
        // Where the walk stands: line, character offset, byte offset, UTF-16 units in.
        let mut at: Option<(usize, usize, usize, usize)> = None;
        for i in order {
            let wanted = offsets[i].min(self.end.1);
            let n = self.lines.partition_point(|l| l.char <= wanted) - 1;
            let line = self.lines[n];
            if line.ascii {
                let within = (wanted - line.char).min(line.content_end - line.byte);
                out[i] = (
                    line.byte + within,
                    Position::new(clamp_u32(n), clamp_u32(within)),
                );
                continue;
            }
            let (mut chars, mut byte, mut units) = match at {
                Some((an, c, b, u)) if an == n && c <= wanted => (c, b, u),
                _ => (line.char, line.byte, 0),
            };
            while chars < wanted && byte < line.content_end {
                let Some(c) = text[byte..].chars().next() else {
                    break;
                };
                byte += c.len_utf8();
                units += c.len_utf16();
                chars += 1;
            }
            at = Some((n, chars, byte, units));
            out[i] = (byte, Position::new(clamp_u32(n), clamp_u32(units)));
        }
        out
    }

    /// The byte offset of a protocol position: a line past the last is the end of the
    /// text, a character past the line's end is the end of its content, a position
    /// inside a surrogate pair is the start of that character.
    pub fn byte_offset(&self, text: &str, position: Position) -> usize {
        let Some(line) = self.lines.get(position.line as usize) else {
            return self.end.0;
        };
        let content = &text[line.byte..line.content_end];
        let wanted = position.character as usize;
        if line.ascii {
            return line.byte + wanted.min(content.len());
        }
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + c.len_utf16();
            if next > wanted {
                return line.byte + i;
            }
            units = next;
        }
        line.content_end
    }

    /// The character offset of a protocol position, clamped like [`Self::byte_offset`].
    pub fn char_offset(&self, text: &str, position: Position) -> usize {
        let byte = self.byte_offset(text, position);
        self.char_of_byte(text, byte)
    }

    /// The byte offset of a character offset (past the end: the end of the text).
    pub fn byte_of_char(&self, text: &str, char_offset: usize) -> usize {
        if char_offset >= self.end.1 {
            return self.end.0;
        }
        let n = self.lines.partition_point(|l| l.char <= char_offset) - 1;
        let line = self.lines[n];
        let within = char_offset - line.char;
        if line.ascii {
            return line.byte + within;
        }
        text[line.byte..]
            .char_indices()
            .nth(within)
            .map_or(self.end.0, |(i, _)| line.byte + i)
    }

    fn char_of_byte(&self, text: &str, byte: usize) -> usize {
        let n = self.lines.partition_point(|l| l.byte <= byte) - 1;
        let line = self.lines[n];
        if line.ascii {
            return line.char + (byte - line.byte);
        }
        line.char + text[line.byte..byte].chars().count()
    }

    /// The protocol range of a span of characters, given in [`Location`]'s offsets.
    ///
    /// [`Location`]: crate::location::Location
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(
            self.position(text, start),
            self.position(text, end.max(start)),
        )
    }

    /// Where a zero-width location's squiggle should stop: the end of what follows it on
    /// its line, trailing blanks and a comment left out, at most 200 characters on.
    pub fn token_line_end(&self, text: &str, char_offset: usize) -> usize {
        let char_offset = char_offset.min(self.end.1);
        let n = self.lines.partition_point(|l| l.char <= char_offset) - 1;
        let line = self.lines[n];
        let start = self
            .byte_of_char(text, char_offset)
            .clamp(line.byte, line.content_end);
        let (mut end, mut blank_before) = (0, true);
        for (i, c) in text[start..line.content_end].chars().take(200).enumerate() {
            if c == '#' && blank_before {
                break;
            }
            blank_before = c == ' ' || c == '\t';
            if !blank_before {
                end = i + 1;
            }
        }
        char_offset + end
    }
}

/// The scalar at the start of a span, in characters and bytes: the reader's spans of
/// quoted scalars run on over the blanks and comment after them (`"1803…"   # note`).
pub fn scalar_extent(span: &str) -> (usize, usize) {
    let mut chars = span.char_indices().enumerate().peekable();
    let quote = span.chars().next().filter(|c| *c == '"' || *c == '\'');
    if let Some(quote) = quote {
        chars.next();
        while let Some((n, (i, c))) = chars.next() {
            if quote == '"' && c == '\\' {
                chars.next();
            } else if c == quote {
                if quote == '\'' && chars.peek().is_some_and(|(_, (_, c))| *c == '\'') {
                    chars.next();
                    continue;
                }
                return (n + 1, i + c.len_utf8());
            }
        }
    }
    // Plain (or unterminated): up to a comment, without the blanks before it.
    let mut end = span.len();
    if !span.starts_with(['|', '>']) {
        let mut blank_before = false;
        for (i, c) in span.char_indices() {
            if c == '#' && blank_before {
                end = i;
                break;
            }
            blank_before = c == ' ' || c == '\t';
        }
    }
    let kept = span[..end].trim_end();
    (kept.chars().count(), kept.len())
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Applies one change from `didChange` (a range edit, or the whole text) in place.
pub fn apply_change(text: &mut String, lines: &LineIndex, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let start = lines.byte_offset(text, range.start);
            let end = lines.byte_offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn positions_count_utf16_units_and_every_line_break() {
        // `𝔸` is two UTF-16 units, `é` one; lines end at \r\n, \n and a lone \r.
        let text = "a: 𝔸é\r\nb: x\nc\rd";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_count(), 4);
        // Character offsets as saphyr counts them: `\r\n` is two characters.
        assert_eq!(lines.position(text, 3), pos(0, 3));
        assert_eq!(lines.position(text, 4), pos(0, 5));
        assert_eq!(lines.position(text, 5), pos(0, 6));
        assert_eq!(lines.position(text, 7), pos(1, 0));
        assert_eq!(lines.position(text, 12), pos(2, 0));
        assert_eq!(lines.position(text, 14), pos(3, 0));
        assert_eq!(lines.position(text, 1000), pos(3, 1));
        assert_eq!(lines.char_offset(text, pos(0, 5)), 4);
        assert_eq!(lines.char_offset(text, pos(1, 3)), 10);
    }

    #[test]
    fn positions_out_of_bounds_are_clamped() {
        let text = "a: 𝔸b\nc";
        let lines = LineIndex::new(text);
        // Inside the surrogate pair of `𝔸`: the start of the character.
        assert_eq!(lines.byte_offset(text, pos(0, 4)), 3);
        // Past the end of the line: its end, before the break.
        assert_eq!(lines.byte_offset(text, pos(0, 99)), 8);
        // Past the last line: the end of the text.
        assert_eq!(lines.byte_offset(text, pos(7, 0)), text.len());
        assert_eq!(lines.byte_offset(text, pos(u32::MAX, u32::MAX)), text.len());
    }

    #[test]
    fn edits_apply_at_utf16_positions() {
        let mut text = String::from("name: 𝔸x\r\nbin: 1\n");
        let change = |range: Option<Range>, new: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: new.to_owned(),
        };
        let lines = LineIndex::new(&text);
        apply_change(
            &mut text,
            &lines,
            change(Some(Range::new(pos(0, 8), pos(0, 9))), "y"),
        );
        assert_eq!(text, "name: 𝔸y\r\nbin: 1\n");
        let lines = LineIndex::new(&text);
        // A range ending before it starts, and past the end: nothing panics.
        apply_change(
            &mut text,
            &lines,
            change(Some(Range::new(pos(1, 6), pos(1, 0))), "2"),
        );
        assert_eq!(text, "name: 𝔸y\r\nbin: 12\n");
        let lines = LineIndex::new(&text);
        apply_change(
            &mut text,
            &lines,
            change(Some(Range::new(pos(9, 9), pos(9, 9))), "z"),
        );
        assert_eq!(text, "name: 𝔸y\r\nbin: 12\nz");
        let lines = LineIndex::new(&text);
        apply_change(&mut text, &lines, change(None, "all new"));
        assert_eq!(text, "all new");
    }

    #[test]
    fn scalars_end_where_their_quotes_or_text_end() {
        assert_eq!(scalar_extent("\"1803\"   # 12 digits"), (6, 6));
        assert_eq!(scalar_extent("\"a\\\"b\" x"), (6, 6));
        assert_eq!(scalar_extent("'it''s' # x"), (7, 7));
        assert_eq!(scalar_extent("almaty  # the akimat"), (6, 6));
        assert_eq!(scalar_extent("Алматы #x"), (6, 12));
        assert_eq!(scalar_extent("a#b  "), (3, 3));
        assert_eq!(scalar_extent("\"open"), (5, 5));
    }

    #[test]
    fn zero_width_locations_reach_to_the_end_of_the_token_line() {
        let text = "a:\n  - surname: WANG   # note\n";
        let lines = LineIndex::new(text);
        // From `surname` (character 7) to the end of `WANG`.
        assert_eq!(lines.token_line_end(text, 7), 20);
    }
}
