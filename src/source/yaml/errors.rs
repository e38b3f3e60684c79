//! What ends a YAML read, worded for the person who wrote the file: syntax errors (with
//! the tab that caused them found), limits passed, aliases and tags a manifest cannot
//! hold — and the one finding that does not end it, a repeated key.

use saphyr_parser::{Marker, ScanError, Span};

use crate::diagnostic::{Diagnostic, clip_text};
use crate::limits::{ALIAS_BUDGET, MAX_DEPTH, MAX_NODES};
use crate::location::Location;

/// A problem that ends the read: one diagnostic, located.
pub(super) type Fatal = Box<Diagnostic>;

pub(super) fn location(span: &Span) -> Location {
    Location::Text {
        line: span.start.line(),
        column: span.start.col() + 1,
        start: span.start.index(),
        end: span.end.index().max(span.start.index()),
    }
}

fn fatal(code: &str, message: String, help: &str, span: &Span) -> Fatal {
    Box::new(
        Diagnostic::error(code, message)
            .help(help)
            .located(location(span)),
    )
}

pub(super) fn too_many_nodes(span: &Span) -> Fatal {
    fatal(
        "yaml-limits",
        format!("the file holds more than {MAX_NODES} keys and values"),
        "a manifest holds one case of at most 500 specialists: split the file, or check that it is a manifest",
        span,
    )
}

pub(super) fn second_document(span: &Span) -> Fatal {
    fatal(
        "yaml-syntax",
        "the file holds more than one YAML document".into(),
        "keep one manifest per file: remove the `---` line and what follows, or move it to its own file",
        span,
    )
}

pub(super) fn alias_as_key(span: &Span) -> Fatal {
    fatal(
        "yaml-syntax",
        "an alias cannot be a mapping key".into(),
        "write the key as plain text",
        span,
    )
}

/// An alias to an anchor that is not defined, or (`open`) to the collection it stands in.
pub(super) fn bad_alias(open: bool, span: &Span) -> Fatal {
    if open {
        fatal(
            "yaml-syntax",
            "this alias refers to the list or mapping it stands in: the data would contain itself"
                .into(),
            "write the values out; a manifest has no recursive data",
            span,
        )
    } else {
        fatal(
            "yaml-syntax",
            "unknown alias".into(),
            "define the anchor (`&name`) before using `*name`",
            span,
        )
    }
}

pub(super) fn alias_budget(span: &Span) -> Fatal {
    fatal(
        "yaml-limits",
        format!("aliases expand to more than {ALIAS_BUDGET} values"),
        "write the values out instead of nesting aliases; a manifest never needs this many",
        span,
    )
}

pub(super) fn collection_as_key(span: &Span) -> Fatal {
    fatal(
        "yaml-syntax",
        "a mapping key must be plain text, not a list or mapping".into(),
        "write the key as plain text followed by `:`",
        span,
    )
}

pub(super) fn too_deep(span: &Span) -> Fatal {
    fatal(
        "yaml-limits",
        format!("the data nests deeper than {MAX_DEPTH} levels"),
        "a manifest nests at most a few levels: check the indentation",
        span,
    )
}

/// `tag` as written (`!!binary`, `!custom`).
pub(super) fn unsupported_tag(tag: &str, span: &Span) -> Fatal {
    fatal(
        "yaml-syntax",
        format!("the tag `{tag}` is not supported"),
        "remove the tag: manifests use plain text, numbers and booleans",
        span,
    )
}

/// A key repeated in its mapping; `first` is the line of its first occurrence.
pub(super) fn duplicate_key(
    key: &str,
    first: Option<usize>,
    pointer: String,
    span: &Span,
) -> Diagnostic {
    let first = first
        .map(|l| format!(" (first at line {l})"))
        .unwrap_or_default();
    Diagnostic::error(
        "yaml-duplicate-key",
        format!(
            "the key `{}` appears twice in this mapping{first}",
            clip_text(key, 60)
        ),
    )
    .help("delete one of the two: kzinvite checks the first, other YAML tools would silently use the last")
    .at(pointer)
    .located(location(span))
}

/// The parser's error, said in terms of the file.
pub(super) fn syntax_error(e: &ScanError, text: &str) -> Fatal {
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
