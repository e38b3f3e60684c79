//! The source map inverted: which key or scalar value stands at a position, as a JSON
//! pointer, for hover. Built on the first hover over a version (off the path from a
//! change to its diagnostics) by walking the document's value and asking the map where
//! each node is — at most [`MAX_NODES`](crate::limits::MAX_NODES) entries — then
//! answered by binary search.

use std::sync::{Arc, OnceLock};

use lsp_types::{Position, Range};
use serde_json::Value;

use super::text::{LineIndex, scalar_extent};
use crate::location::Location;
use crate::pointer::pointer_join;
use crate::source::Document;

/// Keys and scalars of one version of a document that parsed, by character span.
#[derive(Debug)]
pub struct KeyIndex {
    document: Document,
    /// The text the spans are offsets into, to check them against a newer text.
    text: Arc<str>,
    lines: LineIndex,
    /// Characters before what the reader parsed (a byte order mark it skipped).
    offset: usize,
    /// Sorted by start; spans do not overlap. Built on first use.
    entries: OnceLock<Vec<Entry>>,
}

/// A key (`bin:` names `/inviting_party/bin`) or a scalar value, and where it stands.
#[derive(Debug, Clone)]
pub struct Entry {
    pub start: usize,
    pub end: usize,
    pub pointer: String,
}

impl KeyIndex {
    pub fn new(document: Document, text: Arc<str>, lines: LineIndex, offset: usize) -> KeyIndex {
        KeyIndex {
            document,
            text,
            lines,
            offset,
            entries: OnceLock::new(),
        }
    }

    fn entries(&self) -> &[Entry] {
        self.entries.get_or_init(|| {
            let mut entries = Vec::new();
            walk(
                &self.document,
                &self.document.value,
                String::new(),
                self.offset,
                &mut entries,
            );
            // The reader's spans of quoted scalars run on to the end of the line: cut
            // them where the scalar ends (all in one pass over the text).
            let offsets: Vec<usize> = entries.iter().flat_map(|e| [e.start, e.end]).collect();
            let located = self.lines.locate(&self.text, &offsets);
            for (e, at) in entries.iter_mut().zip(located.chunks(2)) {
                let span = self
                    .text
                    .get(at[0].0..at[1].0.max(at[0].0))
                    .unwrap_or_default();
                e.end = e.start + scalar_extent(span).0;
            }
            entries.retain(|e| e.end > e.start);
            entries.sort_by_key(|e| (e.start, e.end));
            // A span inside another one (an alias's copy) would break the search: keep the first.
            entries.dedup_by(|later, earlier| later.start < earlier.end);
            entries
        })
    }

    /// What stands at `position` of `current` (the document's text now, which may be
    /// newer than the indexed one), with its range in `current`. An entry counts only
    /// if `current` still holds the same characters there: after an edit elsewhere that
    /// moved it, hover answers nothing rather than the wrong field.
    pub fn at(
        &self,
        current: &str,
        current_lines: &LineIndex,
        position: Position,
    ) -> Option<(&Entry, Range)> {
        let offset = current_lines.char_offset(current, position);
        let entries = self.entries();
        let i = entries.partition_point(|e| e.start <= offset);
        let entry = entries.get(i.checked_sub(1)?)?;
        if offset > entry.end {
            return None;
        }
        let here = |text: &str, lines: &LineIndex| {
            let from = lines.byte_of_char(text, entry.start);
            let to = lines.byte_of_char(text, entry.end);
            text.get(from..to).map(str::to_owned)
        };
        let indexed = here(&self.text, &self.lines)?;
        (here(current, current_lines)? == indexed)
            .then(|| (entry, current_lines.range(current, entry.start, entry.end)))
    }
}

fn walk(doc: &Document, value: &Value, pointer: String, offset: usize, out: &mut Vec<Entry>) {
    let span = |location: Option<Location>| match location {
        Some(Location::Text { start, end, .. }) if end > start => {
            Some((start + offset, end + offset))
        }
        _ => None,
    };
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer = pointer_join(&pointer, key);
                if let Some((start, end)) = span(doc.map.locate_key(&child_pointer)) {
                    out.push(Entry {
                        start,
                        end,
                        pointer: child_pointer.clone(),
                    });
                }
                walk(doc, child, child_pointer, offset, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(doc, child, pointer_join(&pointer, i), offset, out);
            }
        }
        _ => {
            if let Some((start, end)) = span(doc.map.locate(&pointer)) {
                out.push(Entry {
                    start,
                    end,
                    pointer,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> KeyIndex {
        let doc = crate::source::yaml::parse(text.as_bytes()).unwrap_or_else(|_| panic!("parses"));
        KeyIndex::new(doc, Arc::from(text), LineIndex::new(text), 0)
    }

    #[test]
    fn keys_and_values_are_found_by_position() {
        let text = "inviting_party:\n  bin: \"123\"\nlist: [a, b]\n";
        let keys = index(text);
        let lines = LineIndex::new(text);
        let at = |line, character| {
            keys.at(text, &lines, Position::new(line, character))
                .map(|(e, _)| e.pointer.clone())
        };
        assert_eq!(at(1, 3), Some("/inviting_party/bin".into()));
        assert_eq!(at(1, 8), Some("/inviting_party/bin".into()));
        assert_eq!(at(0, 0), Some("/inviting_party".into()));
        assert_eq!(at(2, 10), Some("/list/1".into()));
        assert_eq!(at(1, 0), None);
        assert_eq!(at(99, 99), None);
    }

    #[test]
    fn a_moved_entry_is_not_answered_from_an_older_index() {
        let old = "a: 1\nbin: 2\n";
        let keys = index(old);
        let new = "aa: 1\nbin: 2\n";
        let lines = LineIndex::new(new);
        // `bin` moved by one character: the old span now holds `\nbi`.
        assert!(keys.at(new, &lines, Position::new(1, 1)).is_none());
        let same = "a: 1\nbin: 3\n";
        let lines = LineIndex::new(same);
        assert!(keys.at(same, &lines, Position::new(1, 1)).is_some());
    }
}
