//! The redline inside one changed block, and the invisible changes in it.
//!
//! Owns the word diff (Unicode words; punctuation and spaces are tokens of their own so
//! the segments spell the texts exactly), the refinement down to characters inside
//! numbers, dates, passport-like ids and look-alike swaps, the clean-up that keeps the
//! redline readable, and the detection of space, zero-width and look-alike swaps.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, DiffTag, TextDiff, capture_diff_slices, get_diff_ratio};

use super::model::{InvisibleChange, InvisibleKind, Segment, SegmentOp};
use super::text::{
    code_point, describe, fold, fold_char, is_cyrillic, is_fine_grained, is_latin, space_name,
    zero_width_name,
};

/// Character similarity from which two numbers or ids are shown digit by digit.
const DIGIT_SIMILARITY: f32 = 0.5;
/// Shorter numbers ("90 → 60") read better replaced whole.
const DIGIT_MIN_CHARS: usize = 4;

/// Segments turning `old` into `new`: words first, characters where that reads better.
pub(crate) fn diff(old: &str, new: &str) -> Vec<Segment> {
    let words = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_unicode_words(old, new);
    let (old_tokens, new_tokens) = (words.old_slices(), words.new_slices());
    let mut out = Vec::new();
    for op in words.ops() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let o = old_tokens.get(old_range).unwrap_or_default();
        let n = new_tokens.get(new_range).unwrap_or_default();
        match tag {
            DiffTag::Equal => push(&mut out, SegmentOp::Equal, &o.concat()),
            DiffTag::Delete => push(&mut out, SegmentOp::Delete, &o.concat()),
            DiffTag::Insert => push(&mut out, SegmentOp::Insert, &n.concat()),
            DiffTag::Replace => refine(o, n, &mut out),
        }
    }
    tidy(out)
}

/// A replaced run of words: characters when only invisibles differ or digits changed.
fn refine(old: &[&str], new: &[&str], out: &mut Vec<Segment>) {
    let (o, n) = (old.concat(), new.concat());
    if fold(&o) == fold(&n) {
        return chars(&o, &n, out);
    }
    if old.len() != new.len() {
        push(out, SegmentOp::Delete, &o);
        return push(out, SegmentOp::Insert, &n);
    }
    for (a, b) in old.iter().zip(new) {
        if a == b {
            push(out, SegmentOp::Equal, a);
        } else if fold(a) == fold(b)
            || (digit_by_digit(a) && digit_by_digit(b) && char_ratio(a, b) >= DIGIT_SIMILARITY)
        {
            chars(a, b, out);
        } else {
            push(out, SegmentOp::Delete, a);
            push(out, SegmentOp::Insert, b);
        }
    }
}

fn digit_by_digit(token: &str) -> bool {
    token.chars().count() >= DIGIT_MIN_CHARS && is_fine_grained(token)
}

fn char_ratio(a: &str, b: &str) -> f32 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    get_diff_ratio(
        &capture_diff_slices(Algorithm::Myers, &a, &b),
        a.len(),
        b.len(),
    )
}

fn chars(old: &str, new: &str, out: &mut Vec<Segment>) {
    let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    for op in capture_diff_slices(Algorithm::Myers, &o, &n) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_part: String = o.get(old_range).unwrap_or_default().iter().collect();
        let new_part: String = n.get(new_range).unwrap_or_default().iter().collect();
        match tag {
            DiffTag::Equal => push(out, SegmentOp::Equal, &old_part),
            DiffTag::Delete => push(out, SegmentOp::Delete, &old_part),
            DiffTag::Insert => push(out, SegmentOp::Insert, &new_part),
            DiffTag::Replace => {
                push(out, SegmentOp::Delete, &old_part);
                push(out, SegmentOp::Insert, &new_part);
            }
        }
    }
}

fn push(out: &mut Vec<Segment>, op: SegmentOp, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Segment {
            op,
            text: text.to_owned(),
        }),
    }
}

/// A lone space between two changes joins them, and each run of changes reads as one
/// deletion followed by one insertion.
fn tidy(segments: Vec<Segment>) -> Vec<Segment> {
    let is_change = |s: Option<&Segment>| s.is_some_and(|s| s.op != SegmentOp::Equal);
    let mut absorbed = Vec::with_capacity(segments.len());
    for (k, s) in segments.iter().enumerate() {
        let between = k > 0 && is_change(segments.get(k - 1)) && is_change(segments.get(k + 1));
        if s.op == SegmentOp::Equal && between && s.text.chars().all(char::is_whitespace) {
            absorbed.push(Segment {
                op: SegmentOp::Delete,
                text: s.text.clone(),
            });
            absorbed.push(Segment {
                op: SegmentOp::Insert,
                text: s.text.clone(),
            });
        } else {
            absorbed.push(s.clone());
        }
    }
    let mut out: Vec<Segment> = Vec::with_capacity(absorbed.len());
    let (mut deleted, mut inserted) = (String::new(), String::new());
    for s in absorbed {
        match s.op {
            SegmentOp::Delete => deleted.push_str(&s.text),
            SegmentOp::Insert => inserted.push_str(&s.text),
            SegmentOp::Equal => {
                push(&mut out, SegmentOp::Delete, &std::mem::take(&mut deleted));
                push(&mut out, SegmentOp::Insert, &std::mem::take(&mut inserted));
                push(&mut out, SegmentOp::Equal, &s.text);
            }
        }
    }
    push(&mut out, SegmentOp::Delete, &deleted);
    push(&mut out, SegmentOp::Insert, &inserted);
    out
}

/// Every swap a reader cannot see, in the changed runs of `segments`.
pub(crate) fn invisible(segments: &[Segment]) -> Vec<InvisibleChange> {
    let mut found: Vec<InvisibleChange> = Vec::new();
    let mut k = 0;
    while k < segments.len() {
        let run: Vec<&Segment> = segments
            .iter()
            .skip(k)
            .take_while(|s| s.op != SegmentOp::Equal)
            .collect();
        k += run.len().max(1);
        if run.is_empty() {
            continue;
        }
        let side = |op| {
            run.iter()
                .filter(|s| s.op == op)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        swaps(
            &side(SegmentOp::Delete),
            &side(SegmentOp::Insert),
            &mut found,
        );
    }
    found
}

/// Characters that look the same but differ, and zero-width characters added or removed.
fn swaps(old: &str, new: &str, found: &mut Vec<InvisibleChange>) {
    let seen = |s: &str| -> Vec<(char, char)> {
        s.chars()
            .filter_map(|c| fold_char(c).map(|f| (f, c)))
            .collect()
    };
    let (o, n) = (seen(old), seen(new));
    let (of, nf): (Vec<char>, Vec<char>) = (
        o.iter().map(|p| p.0).collect(),
        n.iter().map(|p| p.0).collect(),
    );
    for op in capture_diff_slices(Algorithm::Myers, &of, &nf) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            let pairs = o
                .iter()
                .skip(old_index)
                .zip(n.iter().skip(new_index))
                .take(len);
            for (k, (&(_, a), &(_, b))) in pairs.enumerate() {
                if a == b {
                    continue;
                }
                let kind = if space_name(a).is_some() {
                    InvisibleKind::SpaceVariant
                } else {
                    InvisibleKind::LookAlike
                };
                // Only in a word that looks the same, or as the odd script out: "Иванов → Ivanov" is no swap.
                if kind == InvisibleKind::LookAlike
                    && !suspicious(&o, old_index + k, &n, new_index + k)
                {
                    continue;
                }
                let text = format!("{} replaced by {}", describe(a), describe(b));
                record(found, kind, Some(a), Some(b), text, 1);
            }
        }
    }
    let zero_width = |s: &str| -> HashMap<char, usize> {
        let mut counts = HashMap::new();
        for c in s.chars().filter(|c| zero_width_name(*c).is_some()) {
            *counts.entry(c).or_insert(0) += 1;
        }
        counts
    };
    let (before, after) = (zero_width(old), zero_width(new));
    let mut all: Vec<char> = before.keys().chain(after.keys()).copied().collect();
    all.sort_unstable();
    all.dedup();
    for c in all {
        let (b, a) = (
            before.get(&c).copied().unwrap_or(0),
            after.get(&c).copied().unwrap_or(0),
        );
        if a > b {
            record(
                found,
                InvisibleKind::ZeroWidth,
                None,
                Some(c),
                format!("{} inserted", describe(c)),
                a - b,
            );
        } else if b > a {
            record(
                found,
                InvisibleKind::ZeroWidth,
                Some(c),
                None,
                format!("{} removed", describe(c)),
                b - a,
            );
        }
    }
}

/// The word around `at` in a (folded, original) character list.
fn word_at(chars: &[(char, char)], at: usize) -> &[(char, char)] {
    let letter = |k: usize| chars.get(k).is_some_and(|c| c.1.is_alphanumeric());
    let mut start = at;
    while start > 0 && letter(start - 1) {
        start -= 1;
    }
    let mut end = at;
    while letter(end) {
        end += 1;
    }
    chars.get(start..end.max(at + 1)).unwrap_or_default()
}

fn suspicious(old: &[(char, char)], at_old: usize, new: &[(char, char)], at_new: usize) -> bool {
    let (o, n) = (word_at(old, at_old), word_at(new, at_new));
    let looks_same = o.len() == n.len() && o.iter().zip(n).all(|(a, b)| a.0 == b.0);
    let odd_in_old = old.get(at_old).is_some_and(|c| odd_one_out(o, c.1));
    let odd_in_new = new.get(at_new).is_some_and(|c| odd_one_out(n, c.1));
    looks_same || odd_in_old || odd_in_new
}

/// True for a letter of the minority script in a word that mixes Latin and Cyrillic.
fn odd_one_out(word: &[(char, char)], c: char) -> bool {
    let cyrillic = word.iter().filter(|l| is_cyrillic(l.1)).count();
    let latin = word.iter().filter(|l| is_latin(l.1)).count();
    let mixed = cyrillic > 0 && latin > 0;
    mixed && ((is_cyrillic(c) && cyrillic <= latin) || (is_latin(c) && latin <= cyrillic))
}

fn record(
    found: &mut Vec<InvisibleChange>,
    kind: InvisibleKind,
    old: Option<char>,
    new: Option<char>,
    description: String,
    count: usize,
) {
    let (old, new) = (
        old.map(String::from).unwrap_or_default(),
        new.map(String::from).unwrap_or_default(),
    );
    if let Some(same) = found
        .iter_mut()
        .find(|f| f.kind == kind && f.old == old && f.new == new)
    {
        same.count += count;
        return;
    }
    let points = |s: &str| s.chars().map(code_point).collect();
    let (old_code_points, new_code_points) = (points(&old), points(&new));
    found.push(InvisibleChange {
        kind,
        old,
        new,
        old_code_points,
        new_code_points,
        description,
        count,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segments: &[Segment]) -> String {
        let mark = |s: &Segment| match s.op {
            SegmentOp::Equal => s.text.clone(),
            SegmentOp::Delete => format!("[-{}-]", s.text),
            SegmentOp::Insert => format!("{{+{}+}}", s.text),
        };
        segments.iter().map(mark).collect()
    }

    #[test]
    fn words_then_digits() {
        assert_eq!(
            show(&diff("до 12.03.2026 г.", "до 13.03.2026 г.")),
            "до 1[-2-]{+3+}.03.2026 г."
        );
        assert_eq!(
            show(&diff("один два три", "один пять шесть")),
            "один [-два три-]{+пять шесть+}"
        );
        assert_eq!(
            show(&diff("N1234567", "AB999999")),
            "[-N1234567-]{+AB999999+}"
        );
    }

    #[test]
    fn space_swap_is_flagged() {
        let segments = diff("10 000 тенге", "10\u{00A0}000 тенге");
        let flags = invisible(&segments);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].kind, InvisibleKind::SpaceVariant);
        assert_eq!(flags[0].new_code_points, vec!["U+00A0".to_owned()]);
    }
}
