//! YAML → [`Document`], keeping the position of every key and value.
//!
//! Built on `saphyr-parser`'s event stream (a maintained YAML 1.2 parser whose events
//! carry spans) instead of a DOM, so that one pass can enforce the limits (depth, alias
//! budget), reject duplicate keys, and record a JSON pointer → location for each node.
//! Scalars are resolved with the YAML 1.2 core schema: `2026-03-15` stays text, `no`
//! stays text, `1985` is a number.

use std::collections::HashMap;
use std::sync::Arc;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::{Map, Number, Value};

use super::{Document, Format, LoadError};
use crate::diagnostic::{Diagnostic, clip_text};
use crate::limits::{ALIAS_BUDGET, MAX_DEPTH, MAX_NODES};
use crate::location::{Location, SourceMap};
use crate::pointer::pointer_join;

/// Parses a YAML manifest. Problems that leave a usable document (duplicate keys) are
/// returned in `Document::findings`; others end the read with one diagnostic.
pub fn parse(bytes: &[u8]) -> Result<Document, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        // UTF-16 without a byte order mark: ASCII text with a zero byte beside each letter.
        || bytes.len() >= 8 && bytes.iter().filter(|b| **b == 0).count() * 3 >= bytes.len();
    let help = if utf16 {
        "the file is UTF-16 text: save it as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)"
    } else {
        "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)"
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // Everything before the bad byte is valid UTF-8: count characters, like the parser.
        let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        let (line, column, start) = position(&good);
        LoadError::invalid(
            Diagnostic::error(
                "yaml-syntax",
                format!("the file is not UTF-8 text: invalid byte at line {line}, column {column}"),
            )
            .help(help)
            .located(Location::Text {
                line,
                column,
                start,
                end: start + 1,
            }),
            // Shown with U+FFFD in place of the bad bytes, so the reader sees where they are.
            Some(Arc::from(String::from_utf8_lossy(bytes).as_ref())),
        )
    })?;
    // YAML text never holds a NUL, and the parser takes one inside quotes for the end of
    // the file ("unexpected end of stream" at the wrong place): say what it is.
    if let Some(at) = text.find('\0') {
        let (line, column, start) = position(&text[..at]);
        return Err(LoadError::invalid(
            Diagnostic::error(
                "yaml-syntax",
                format!(
                    "the file holds a NUL character (a zero byte) at line {line}, column {column}"
                ),
            )
            .help(if utf16 {
                help
            } else {
                "remove it: YAML is text, and a zero byte means the file is binary or damaged"
            })
            .located(Location::Text {
                line,
                column,
                start,
                end: start + 1,
            }),
            Some(Arc::from(text)),
        ));
    }
    let text: Arc<str> = Arc::from(text);
    let mut composer = Composer::default();
    match composer.run(&text) {
        Ok(value) => Ok(Document {
            path: Default::default(),
            format: Format::Yaml,
            value,
            map: composer.map,
            text: Some(text),
            sha256: String::new(),
            findings: composer.findings,
        }),
        Err(diagnostic) => Err(LoadError::invalid(*diagnostic, Some(text))),
    }
}

/// Line, column (1-based) and character offset of the end of `before`, the text that
/// precedes a position.
fn position(before: &str) -> (usize, usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column, before.chars().count())
}

fn location(span: &Span) -> Location {
    Location::Text {
        line: span.start.line(),
        column: span.start.col() + 1,
        start: span.start.index(),
        end: span.end.index().max(span.start.index()),
    }
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
        key: Option<String>,
    },
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

type Fatal = Box<Diagnostic>;

fn fatal(code: &str, message: String, help: &str, span: &Span) -> Fatal {
    Box::new(
        Diagnostic::error(code, message)
            .help(help)
            .located(location(span)),
    )
}

impl Composer {
    fn run(&mut self, text: &str) -> Result<Value, Fatal> {
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| syntax_error(&e, text))?;
            if matches!(
                event,
                Event::Scalar(..)
                    | Event::Alias(_)
                    | Event::SequenceStart(..)
                    | Event::MappingStart(..)
            ) {
                self.nodes += 1;
                if self.nodes > MAX_NODES {
                    return Err(fatal(
                        "yaml-limits",
                        format!("the file holds more than {MAX_NODES} keys and values"),
                        "a manifest holds one case of at most 500 specialists: split the file, or check that it is a manifest",
                        &span,
                    ));
                }
            }
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(fatal(
                            "yaml-syntax",
                            "the file holds more than one YAML document".into(),
                            "keep one manifest per file: remove the `---` line and what follows, or move it to its own file",
                            &span,
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let value = resolve_scalar(&value, style, tag.as_deref(), &span)?;
                    if self.expecting_key() {
                        self.key(value, &span)?;
                    } else {
                        let pointer = self.child_pointer();
                        self.record(pointer, location(&span));
                        self.value(value, 1, anchor);
                    }
                }
                Event::Alias(id) => {
                    if self.expecting_key() {
                        return Err(fatal(
                            "yaml-syntax",
                            "an alias cannot be a mapping key".into(),
                            "write the key as plain text",
                            &span,
                        ));
                    }
                    let open = self.stack.iter().any(|f| match f {
                        Frame::Seq { anchor, .. } | Frame::Map { anchor, .. } => *anchor == id,
                    });
                    let (value, size) = self.anchors.get(&id).cloned().ok_or_else(|| {
                        if open {
                            fatal(
                                "yaml-syntax",
                                "this alias refers to the list or mapping it stands in: the data would contain itself".into(),
                                "write the values out; a manifest has no recursive data",
                                &span,
                            )
                        } else {
                            fatal(
                                "yaml-syntax",
                                "unknown alias".into(),
                                "define the anchor (`&name`) before using `*name`",
                                &span,
                            )
                        }
                    })?;
                    self.alias_nodes += size;
                    if self.alias_nodes > ALIAS_BUDGET {
                        return Err(fatal(
                            "yaml-limits",
                            format!("aliases expand to more than {ALIAS_BUDGET} values"),
                            "write the values out instead of nesting aliases; a manifest never needs this many",
                            &span,
                        ));
                    }
                    let pointer = self.child_pointer();
                    self.record(pointer, location(&span));
                    self.value(value, size, 0);
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    if self.expecting_key() {
                        return Err(fatal(
                            "yaml-syntax",
                            "a mapping key must be plain text, not a list or mapping".into(),
                            "write the key as plain text followed by `:`",
                            &span,
                        ));
                    }
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(fatal(
                            "yaml-limits",
                            format!("the data nests deeper than {MAX_DEPTH} levels"),
                            "a manifest nests at most a few levels: check the indentation",
                            &span,
                        ));
                    }
                    let pointer = self.child_pointer();
                    self.record(pointer.clone(), location(&span));
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

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    /// The pointer of the next value to be attached to the top frame.
    fn child_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Seq { pointer, items, .. }) => pointer_join(pointer, items.len()),
            Some(Frame::Map { pointer, key, .. }) => {
                pointer_join(pointer, key.as_deref().unwrap_or_default())
            }
        }
    }

    fn key(&mut self, key: Value, span: &Span) -> Result<(), Fatal> {
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
            return Ok(());
        };
        let child = pointer_join(pointer, &key);
        if entries.contains_key(&key) {
            let first = self
                .map
                .locate_key(&child)
                .and_then(|l| match l {
                    Location::Text { line, .. } => Some(line),
                    Location::Cell { .. } => None,
                })
                .map(|l| format!(" (first at line {l})"))
                .unwrap_or_default();
            // One past the limit is enough for the check to say that more were left out.
            if self.findings.len() <= crate::limits::MAX_DIAGNOSTICS {
                self.findings.push(
                    Diagnostic::error(
                        "yaml-duplicate-key",
                        format!(
                            "the key `{}` appears twice in this mapping{first}",
                            clip_text(&key, 60)
                        ),
                    )
                    .help("delete one of the two: kzinvite checks the first, other YAML tools would silently use the last")
                    .at(child.clone())
                    .located(location(span)),
                );
            }
            self.shadowed.get_or_insert(depth);
        } else if self.shadowed.is_none() {
            self.map.insert_key(child, location(span));
        }
        *slot = Some(key);
        Ok(())
    }

    /// Records where a value stands, unless it belongs to a repeated key's dropped value.
    fn record(&mut self, pointer: String, location: Location) {
        if self.shadowed.is_none() {
            self.map.insert_value(pointer, location);
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
                    entries.entry(k).or_insert(value);
                    *total += size;
                }
            }
        }
    }
}

fn syntax_error(e: &ScanError, text: &str) -> Fatal {
    let m = e.marker();
    // The scanner runs ahead of the events and has a nesting limit of its own (255 open
    // brackets): past ours, that is the same limit.
    if e.info().contains("recursion limit") {
        return fatal(
            "yaml-limits",
            format!("the data nests deeper than {MAX_DEPTH} levels"),
            "a manifest nests at most a few levels: check the brackets",
            &Span::new(*m, *m),
        );
    }
    // The parser reports a tab where it gives up, often at the line before: point at the tab.
    if let Some(tab) = indenting_tab(text, m.line()) {
        return fatal(
            "yaml-syntax",
            format!(
                "the YAML does not parse: line {} is indented with a tab",
                tab.line()
            ),
            "YAML indents with spaces only: replace the tab with spaces (most editors: \"Convert indentation to spaces\")",
            &Span::new(tab, tab),
        );
    }
    let span = Span::new(*m, *m);
    fatal(
        "yaml-syntax",
        format!("the YAML does not parse: {}", e.info()),
        "check the indentation and quoting on this line and the one before; quote values that contain `: `, `#` or start with a special character",
        &span,
    )
}

/// The first tab in the indentation of line `line` or the next one (1-based).
fn indenting_tab(text: &str, line: usize) -> Option<Marker> {
    let mut index = 0;
    for (n, src) in text.split_inclusive('\n').enumerate() {
        let n = n + 1;
        if n == line || n == line + 1 {
            let indent = src.chars().take_while(|c| *c == ' ' || *c == '\t');
            if let Some(col) = indent.clone().position(|c| c == '\t') {
                return Some(Marker::new(index + col, n, col));
            }
        }
        if n > line {
            return None;
        }
        index += src.chars().count();
    }
    None
}

/// Resolves a scalar with the YAML 1.2 core schema; quoted and block scalars are text.
fn resolve_scalar(
    raw: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: &Span,
) -> Result<Value, Fatal> {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            return match tag.suffix.as_str() {
                "str" => Ok(text(raw)),
                "null" => Ok(Value::Null),
                "bool" | "int" | "float" => Ok(plain(raw)),
                other => Err(fatal(
                    "yaml-syntax",
                    format!("the tag `!!{other}` is not supported"),
                    "remove the tag: manifests use plain text, numbers and booleans",
                    span,
                )),
            };
        }
        return Err(fatal(
            "yaml-syntax",
            format!("the tag `{}{}` is not supported", tag.handle, tag.suffix),
            "remove the tag: manifests use plain text, numbers and booleans",
            span,
        ));
    }
    Ok(match style {
        ScalarStyle::Plain => plain(raw),
        _ => text(raw),
    })
}

fn text(raw: &str) -> Value {
    Value::String(raw.trim().to_owned())
}

fn plain(raw: &str) -> Value {
    match raw {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = parse_int(raw) {
        return Value::Number(n);
    }
    if looks_like_float(raw)
        && let Some(n) = raw.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Value::Number(n);
    }
    text(raw)
}

fn parse_int(raw: &str) -> Option<Number> {
    let (digits, radix) = if let Some(h) = raw.strip_prefix("0x") {
        (h, 16)
    } else if let Some(o) = raw.strip_prefix("0o") {
        (o, 8)
    } else {
        (raw, 10)
    };
    let body = digits.strip_prefix(['-', '+']).unwrap_or(digits);
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if radix != 10 && body.len() != digits.len() {
        return None;
    }
    if let Ok(i) = i64::from_str_radix(digits, radix) {
        return Some(Number::from(i));
    }
    if let Ok(u) = u64::from_str_radix(digits.trim_start_matches('+'), radix) {
        return Some(Number::from(u));
    }
    // Too large for an integer: keep it a number (the schema then says "quote it").
    digits.parse::<f64>().ok().and_then(Number::from_f64)
}

/// YAML 1.2 core float: `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`.
fn looks_like_float(raw: &str) -> bool {
    let s = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.is_empty() && digits(frac)) || (digits(int) && (frac.is_empty() || digits(frac)))
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Document {
        match parse(s.as_bytes()) {
            Ok(d) => d,
            Err(LoadError::Invalid { diagnostic, .. }) => panic!("{diagnostic:?}"),
            Err(LoadError::Io(e)) => panic!("{e}"),
        }
    }

    fn fail(s: &str) -> Diagnostic {
        match parse(s.as_bytes()) {
            Err(LoadError::Invalid { diagnostic, .. }) => *diagnostic,
            _ => panic!("expected a diagnostic for {s:?}"),
        }
    }

    #[test]
    fn core_schema_scalars() {
        let d = doc(
            "a: 2026-03-15\nb: no\nc: 1985\nd: \"180340021830\"\ne: true\nf: ~\ng: 1.5\nh: 0x1F\n",
        );
        assert_eq!(
            d.value,
            serde_json::json!({"a":"2026-03-15","b":"no","c":1985,"d":"180340021830","e":true,"f":null,"g":1.5,"h":31})
        );
    }

    #[test]
    fn positions_of_values_and_keys() {
        let d = doc("top:\n  bin: \"123\"\nlist:\n  - x\n  - {k: v}\n");
        let Some(Location::Text { line, column, .. }) = d.map.locate("/top/bin") else {
            panic!()
        };
        assert_eq!((line, column), (2, 8));
        let Some(Location::Text { line, column, .. }) = d.map.locate_key("/top/bin") else {
            panic!()
        };
        assert_eq!((line, column), (2, 3));
        let Some(Location::Text { line, .. }) = d.map.locate("/list/1/k") else {
            panic!()
        };
        assert_eq!(line, 5);
        // A missing key is located at its parent.
        let Some(Location::Text { line, .. }) = d.map.locate("/top/missing") else {
            panic!()
        };
        assert_eq!(line, 2);
    }

    #[test]
    fn duplicate_keys_are_findings() {
        let d = doc("a: 1\nb: 2\na: 3\n");
        assert_eq!(d.findings.len(), 1);
        assert_eq!(d.findings[0].code, "yaml-duplicate-key");
        assert_eq!(d.value["a"], 1);
        // The kept (first) value keeps its position, also for what it contains.
        let d = doc("p:\n  x: 1\np:\n  x: 2\n  y: 3\nq: 4\n");
        let line = |p: &str| match d.map.locate(p) {
            Some(Location::Text { line, .. }) => line,
            other => panic!("{other:?}"),
        };
        assert_eq!((line("/p/x"), line("/p/y"), line("/q")), (2, 2, 6));
    }

    #[test]
    fn limits() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(fail(&deep).code, "yaml-limits");
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        assert_eq!(fail(laughs).code, "yaml-limits");
        assert_eq!(fail("a: [1, 2\n").code, "yaml-syntax");
        assert_eq!(fail("a: 1\n---\nb: 2\n").code, "yaml-syntax");
        match parse(b"a: \xff\n") {
            Err(LoadError::Invalid { diagnostic, .. }) => {
                assert_eq!(diagnostic.code, "yaml-syntax")
            }
            _ => panic!(),
        }
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_where_it_is() {
        let d = fail("a:\n  b: 1\n  c: x\n\td: 2\n");
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.message.contains("line 4 is indented with a tab"), "{d:?}");
        let Some(Location::Text { line, column, .. }) = d.location else {
            panic!("{d:?}")
        };
        assert_eq!((line, column), (4, 1));
    }

    #[test]
    fn not_utf8_is_located_in_characters() {
        let bytes = ["a: «b»\nc: «d".as_bytes(), b"\xbb\n"].concat();
        match parse(&bytes) {
            Err(LoadError::Invalid { diagnostic, text }) => {
                assert_eq!(diagnostic.code, "yaml-syntax");
                let Some(Location::Text { line, column, .. }) = diagnostic.location else {
                    panic!("{diagnostic:?}")
                };
                assert_eq!((line, column), (2, 6));
                assert!(text.is_some_and(|t| t.contains("«d\u{FFFD}")));
            }
            _ => panic!("expected a diagnostic"),
        }
    }

    #[test]
    fn aliases_within_budget_expand() {
        let d = doc("a: &x {k: v}\nb: *x\n");
        assert_eq!(d.value["b"]["k"], "v");
    }
}
