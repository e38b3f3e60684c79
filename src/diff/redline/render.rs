//! The redline as plain text for a terminal.
//!
//! Owns the one-line-per-change rendering: where the change is (page, block, row), the
//! segments with `[-deleted-]{+inserted+}` markers or ANSI colours, long unchanged text
//! shortened around the change, invisible characters spelled out, then the layout notes.

use std::fmt::Write as _;

use super::model::{BlockKind, Change, ChangeKind, LayoutNote, Redline, Segment, SegmentOp};
use super::text::{code_point, space_name, zero_width_name};

/// Unchanged text kept on each side of a change; longer runs are cut with "…".
const CONTEXT_CHARS: usize = 40;

const RED_STRUCK: &str = "\x1b[31;9m";
const GREEN_UNDERLINED: &str = "\x1b[32;4m";
const RESET: &str = "\x1b[0m";

/// Renders the redline for a reader: a summary line, one line per change with its page,
/// then one line per layout note. `color` uses ANSI red strikethrough and green underline
/// instead of `[-…-]` and `{+…+}`.
pub fn render_text(redline: &Redline, color: bool) -> String {
    let mut out = String::new();
    if redline.is_empty() {
        out.push_str("No differences.\n");
        return out;
    }
    let s = &redline.summary;
    let _ = writeln!(
        out,
        "{} change(s): {} edited, {} inserted, {} deleted, {} moved, {} row(s) moved; {} invisible; {} layout note(s)",
        redline.changes.len(),
        s.edited,
        s.inserted,
        s.deleted,
        s.moved,
        s.rows_moved,
        s.invisible,
        s.layout_notes
    );
    for change in &redline.changes {
        let _ = write!(out, "{}: ", heading(change));
        for (k, segment) in change.segments.iter().enumerate() {
            let place = (k == 0, k + 1 == change.segments.len());
            out.push_str(&render_segment(segment, place, color));
        }
        for flag in &change.invisible {
            let times = if flag.count > 1 {
                format!(" ×{}", flag.count)
            } else {
                String::new()
            };
            let _ = write!(out, "  [invisible: {}{times}]", flag.description);
        }
        out.push('\n');
    }
    if s.rows_renumbered > 0 {
        let _ = writeln!(
            out,
            "{} row(s) renumbered, text unchanged",
            s.rows_renumbered
        );
    }
    for note in &redline.layout {
        let _ = writeln!(out, "layout: {}", layout_line(note));
    }
    out
}

/// "p.2 edited row №3", "p.1→p.4 moved paragraph 2→15".
fn heading(change: &Change) -> String {
    let page = match (change.old, change.new) {
        (Some(o), Some(n)) if o.page != n.page => format!("p.{}→p.{}", o.page, n.page),
        (_, Some(n)) => format!("p.{}", n.page),
        (Some(o), None) => format!("p.{}", o.page),
        (None, None) => String::from("p.?"),
    };
    let what = match &change.block {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading => "heading",
        BlockKind::TableRow { .. } => "row",
        BlockKind::Signature => "signature",
        BlockKind::Other => "block",
    };
    // Block numbers are shown 1-based, as a reader counts.
    let moved = !matches!(
        change.kind,
        ChangeKind::Inserted | ChangeKind::Deleted | ChangeKind::Edited
    );
    let blocks = match (change.old, change.new) {
        (Some(o), Some(n)) if moved => format!("{}→{}", o.index + 1, n.index + 1),
        (_, Some(n)) => (n.index + 1).to_string(),
        (Some(o), None) => (o.index + 1).to_string(),
        (None, None) => String::from("?"),
    };
    let verb = match change.kind {
        ChangeKind::Inserted => String::from("inserted"),
        ChangeKind::Deleted => String::from("deleted"),
        ChangeKind::Edited => String::from("edited"),
        ChangeKind::Moved => String::from("moved"),
        ChangeKind::MovedEdited => String::from("moved and edited"),
        ChangeKind::RowMoved {
            old_number,
            new_number,
            edited,
        } => {
            let number = |n: Option<u32>| n.map_or_else(|| String::from("?"), |n| format!("№{n}"));
            let and = if edited { " and edited" } else { "" };
            format!("moved{and} ({}→{})", number(old_number), number(new_number))
        }
    };
    format!("{page} {verb} {what} {blocks}")
}

fn render_segment(segment: &Segment, (first, last): (bool, bool), color: bool) -> String {
    match segment.op {
        SegmentOp::Equal => shorten(&visible(&segment.text, false), first, last),
        SegmentOp::Delete if color => {
            format!("{RED_STRUCK}{}{RESET}", visible(&segment.text, true))
        }
        SegmentOp::Insert if color => {
            format!("{GREEN_UNDERLINED}{}{RESET}", visible(&segment.text, true))
        }
        SegmentOp::Delete => format!("[-{}-]", visible(&segment.text, true)),
        SegmentOp::Insert => format!("{{+{}+}}", visible(&segment.text, true)),
    }
}

/// Control characters always, and in changed text also special spaces and zero-width
/// characters, are written as ⟨U+XXXX⟩ so the reader sees them.
fn visible(text: &str, changed: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let special = c != ' ' && (space_name(c).is_some() || zero_width_name(c).is_some());
        if c.is_control() || (changed && special) {
            let _ = write!(out, "⟨{}⟩", code_point(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Keeps CONTEXT_CHARS of unchanged text next to each change, and the opening of a
/// block that did not change at all (a move).
fn shorten(text: &str, first: bool, last: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let keep_head = match (first, last) {
        (true, true) => 2 * CONTEXT_CHARS,
        (true, false) => 0,
        (false, _) => CONTEXT_CHARS,
    };
    let keep_tail = if last { 0 } else { CONTEXT_CHARS };
    if chars.len() <= keep_head + keep_tail + 1 {
        return text.to_owned();
    }
    let head: String = chars.iter().take(keep_head).collect();
    let tail: String = chars.iter().skip(chars.len() - keep_tail).collect();
    format!("{head}…{tail}")
}

fn layout_line(note: &LayoutNote) -> String {
    match note {
        LayoutNote::PageCount { old, new } => format!("page count {old} → {new}"),
        LayoutNote::PageShift {
            first_new_index,
            last_new_index,
            old_page,
            new_page,
            blocks,
        } => {
            let delta = i64::from(*new_page) - i64::from(*old_page);
            let (amount, way) = (
                delta.unsigned_abs(),
                if delta > 0 { "later" } else { "earlier" },
            );
            let plural = if amount == 1 { "" } else { "s" };
            format!(
                "text that now starts on another page: from block {} (p.{old_page} → p.{new_page}) to block {}, {blocks} block(s) start {amount} page{plural} {way}",
                first_new_index + 1,
                last_new_index + 1
            )
        }
        LayoutNote::SignatureAlone { page } => {
            format!("the signature block now stands alone on page {page}")
        }
    }
}
