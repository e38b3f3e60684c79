//! Events → JSON value and source map, in one pass over `saphyr-parser`'s events: the
//! limits (nodes, depth, alias expansion) are enforced as the events come, a repeated
//! key keeps its first value and becomes a finding, and every key and value is recorded
//! at its JSON pointer.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};
use serde_json::{Map, Value};

use super::errors::{self, Fatal, location};
use super::scalars::resolve_scalar;
use crate::diagnostic::Diagnostic;
use crate::limits::{ALIAS_BUDGET, MAX_DEPTH, MAX_NODES};
use crate::location::{Location, SourceMap};
use crate::pointer::pointer_join;

/// A composed document: its value, where each part of it stands, and the findings.
pub(super) struct Composed {
    pub(super) value: Value,
    pub(super) map: SourceMap,
    pub(super) findings: Vec<Diagnostic>,
}

/// Composes the one document of `text`.
pub(super) fn compose(text: &str) -> Result<Composed, Fatal> {
    let mut composer = Composer::default();
    let value = composer.run(text)?;
    Ok(Composed {
        value,
        map: composer.map,
        findings: composer.findings,
    })
}

enum Frame {
    Seq {
        pointer: String,
        items: Vec<Value>,
        anchor: usize,
        size: usize,
    },
    Map {
        pointer: String,
        entries: Map<String, Value>,
        anchor: usize,
        size: usize,
        key: Option<Key>,
    },
}

/// The key read last in a mapping, waiting for its value.
struct Key {
    name: String,
    /// The pointer of its value, joined once for the source map and the value.
    pointer: String,
    /// Where the key stands (`None` for a repeated key, whose value is dropped).
    at: Option<Location>,
}

#[derive(Default)]
struct Composer {
    map: SourceMap,
    findings: Vec<Diagnostic>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, usize)>,
    alias_nodes: usize,
    /// Keys and values read so far.
    nodes: usize,
    root: Option<Value>,
    documents: usize,
    /// While the value of a repeated key is read: the depth of its mapping. That value is
    /// dropped, so its positions must not replace those of the value that is kept.
    shadowed: Option<usize>,
}

impl Composer {
    fn run(&mut self, text: &str) -> Result<Value, Fatal> {
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| errors::syntax_error(&e, text))?;
            if matches!(
                event,
                Event::Scalar(..)
                    | Event::Alias(_)
                    | Event::SequenceStart(..)
                    | Event::MappingStart(..)
            ) {
                self.nodes += 1;
                if self.nodes > MAX_NODES {
                    return Err(errors::too_many_nodes(&span));
                }
            }
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(errors::second_document(&span));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let value = resolve_scalar(&value, style, tag.as_deref(), &span)?;
                    if self.expecting_key() {
                        self.key(value, &span);
                    } else {
                        let child = self.child_pointer();
                        self.record(child, location(&span));
                        self.value(value, 1, anchor);
                    }
                }
                Event::Alias(id) => self.alias(id, &span)?,
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    self.open(is_map, anchor, &span)?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let (value, size, anchor) = match self.stack.pop() {
                        Some(Frame::Seq {
                            items,
                            anchor,
                            size,
                            ..
                        }) => (Value::Array(items), size, anchor),
                        Some(Frame::Map {
                            entries,
                            anchor,
                            size,
                            ..
                        }) => (Value::Object(entries), size, anchor),
                        None => continue,
                    };
                    self.value(value, size, anchor);
                }
            }
        }
        Ok(self.root.take().unwrap_or(Value::Null))
    }

    /// `*id`: a copy of the anchored value, counted against the alias budget.
    fn alias(&mut self, id: usize, span: &Span) -> Result<(), Fatal> {
        if self.expecting_key() {
            return Err(errors::alias_as_key(span));
        }
        let open = self.stack.iter().any(|f| match f {
            Frame::Seq { anchor, .. } | Frame::Map { anchor, .. } => *anchor == id,
        });
        let (value, size) = self
            .anchors
            .get(&id)
            .cloned()
            .ok_or_else(|| errors::bad_alias(open, span))?;
        self.alias_nodes += size;
        if self.alias_nodes > ALIAS_BUDGET {
            return Err(errors::alias_budget(span));
        }
        let child = self.child_pointer();
        self.record(child, location(span));
        self.value(value, size, 0);
        Ok(())
    }

    /// The start of a list or mapping: a new frame, within the depth limit.
    fn open(&mut self, is_map: bool, anchor: usize, span: &Span) -> Result<(), Fatal> {
        if self.expecting_key() {
            return Err(errors::collection_as_key(span));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(errors::too_deep(span));
        }
        let child = self.child_pointer();
        let pointer = child.0.clone();
        self.record(child, location(span));
        self.stack.push(if is_map {
            Frame::Map {
                pointer,
                entries: Map::new(),
                anchor,
                size: 1,
                key: None,
            }
        } else {
            Frame::Seq {
                pointer,
                items: Vec::new(),
                anchor,
                size: 1,
            }
        });
        Ok(())
    }

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    /// The pointer of the next value to be attached to the top frame, and where the key
    /// naming it stands (in a mapping).
    fn child_pointer(&mut self) -> (String, Option<Location>) {
        match self.stack.last_mut() {
            None => (String::new(), None),
            Some(Frame::Seq { pointer, items, .. }) => (pointer_join(pointer, items.len()), None),
            Some(Frame::Map { pointer, key, .. }) => match key {
                Some(key) => (std::mem::take(&mut key.pointer), key.at.take()),
                None => (pointer_join(pointer, ""), None),
            },
        }
    }

    fn key(&mut self, key: Value, span: &Span) {
        let key = match key {
            Value::String(s) => s,
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let depth = self.stack.len();
        let Some(Frame::Map {
            pointer,
            entries,
            key: slot,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        let child = pointer_join(pointer, &key);
        let mut at = None;
        if entries.contains_key(&key) {
            let first = self.map.locate_key(&child).and_then(|l| match l {
                Location::Text { line, .. } => Some(line),
                Location::Cell { .. } => None,
            });
            // One past the limit is enough for the check to say that more were left out.
            if self.findings.len() <= crate::limits::MAX_DIAGNOSTICS {
                let finding = errors::duplicate_key(&key, first, child.clone(), span);
                self.findings.push(finding);
            }
            self.shadowed.get_or_insert(depth);
        } else if self.shadowed.is_none() {
            at = Some(location(span));
        }
        *slot = Some(Key {
            name: key,
            pointer: child,
            at,
        });
    }

    /// Records where a value (and the key naming it) stands, unless it belongs to a
    /// repeated key's dropped value.
    fn record(&mut self, (pointer, key): (String, Option<Location>), location: Location) {
        if self.shadowed.is_none() {
            self.map.insert(pointer, location, key);
        }
    }

    /// Attaches a finished value to the top frame (or makes it the root).
    fn value(&mut self, value: Value, size: usize, anchor: usize) {
        if self.shadowed == Some(self.stack.len()) {
            self.shadowed = None;
        }
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq {
                items, size: total, ..
            }) => {
                items.push(value);
                *total += size;
            }
            Some(Frame::Map {
                entries,
                key,
                size: total,
                ..
            }) => {
                if let Some(k) = key.take() {
                    // A duplicate keeps its first value: that is where the reader looks.
                    entries.entry(k.name).or_insert(value);
                    *total += size;
                }
            }
        }
    }
}
