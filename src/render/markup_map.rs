//! Where a place in a document's rendered markup came from in its template: minijinja
//! copies the template's text between tags as it is, so a markup line is found again as
//! the template line whose literal pieces it holds, in order, with the printed values
//! between them. A place inside a printed value maps to the tag that printed it.

use std::ops::Range;

/// A place in the template a markup range came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplatePlace {
    /// Byte range in the template source.
    pub range: Range<usize>,
    /// When the range is inside a printed value: the tag (`{{ project.title }}`) and the
    /// markup it printed.
    pub value: Option<(String, String)>,
}

/// One template line cut into its literal pieces and the tags between them: `literals`
/// has one more entry than `tags`; each is (byte offset in the line, text).
struct Pieces<'t> {
    literals: Vec<(usize, &'t str)>,
    tags: Vec<(usize, &'t str)>,
}

fn pieces(line: &str) -> Option<Pieces<'_>> {
    let mut literals = Vec::new();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(open) = ["{{", "{%", "{#"]
        .iter()
        .filter_map(|o| line[at..].find(o).map(|i| at + i))
        .min()
    {
        let close = match &line[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        // A tag that runs on over the line cannot be told apart: no pieces.
        let end = open + 2 + line[open + 2..].find(close)? + 2;
        literals.push((at, &line[at..open]));
        tags.push((open, &line[open..end]));
        at = end;
    }
    literals.push((at, &line[at..]));
    Some(Pieces { literals, tags })
}

/// Where each literal piece of the template line sits in the markup line, if the
/// markup line is that template line rendered.
fn positions(pieces: &Pieces<'_>, markup: &str) -> Option<Vec<usize>> {
    let literals = &pieces.literals;
    if pieces.tags.is_empty() {
        return (literals[0].1 == markup).then(|| vec![0]);
    }
    // A line of tags and blanks only would match any line.
    if literals.iter().all(|(_, l)| l.trim().is_empty()) {
        return None;
    }
    let (_, first) = literals[0];
    let (_, last) = literals[literals.len() - 1];
    if !markup.starts_with(first) || !markup.ends_with(last) {
        return None;
    }
    let mut found = vec![0];
    let mut at = first.len();
    for &(_, literal) in &literals[1..literals.len() - 1] {
        let i = markup[at..].find(literal)? + at;
        found.push(i);
        at = i + literal.len();
    }
    let last_at = markup.len() - last.len();
    (last_at >= at).then(|| {
        found.push(last_at);
        found
    })
}

/// Maps `range` of `markup` (the rendered template) back into `template`.
pub fn locate(template: &str, markup: &str, range: Range<usize>) -> Option<TemplatePlace> {
    let start = range.start.min(markup.len());
    let line_start = markup[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = markup[start..]
        .find('\n')
        .map_or(markup.len(), |i| start + i);
    let line = markup[line_start..line_end].trim_end_matches('\r');
    let markup_index = markup[..line_start].matches('\n').count();
    let column = start - line_start;
    let mut offset = 0;
    let mut best: Option<(usize, TemplatePlace)> = None;
    for (index, template_line) in template.split('\n').enumerate() {
        let line_offset = offset;
        offset += template_line.len() + 1;
        let template_line = template_line.trim_end_matches('\r');
        let Some(pieces) = pieces(template_line) else {
            continue;
        };
        let Some(found) = positions(&pieces, line) else {
            continue;
        };
        let distance = index.abs_diff(markup_index);
        if best.as_ref().is_some_and(|(d, _)| *d <= distance) {
            continue;
        }
        let wanted = range.end.min(line_end).saturating_sub(start).max(1);
        let place = place_in(&pieces, &found, line, column, wanted, line_offset);
        best = Some((distance, place));
    }
    best.map(|(_, place)| place)
}

/// The template range of `column` (and `len` bytes) in a markup line matched by `pieces`.
fn place_in(
    pieces: &Pieces<'_>,
    found: &[usize],
    line: &str,
    column: usize,
    len: usize,
    line_offset: usize,
) -> TemplatePlace {
    for (i, (&(template_at, literal), &markup_at)) in pieces.literals.iter().zip(found).enumerate()
    {
        let literal_end = markup_at + literal.len();
        if column >= markup_at && column < literal_end.max(markup_at + 1) {
            let from = template_at + (column - markup_at);
            let to = (from + len).min(template_at + literal.len()).max(from + 1);
            return TemplatePlace {
                range: line_offset + from..line_offset + to,
                value: None,
            };
        }
        // Between this literal and the next: the value the tag after it printed.
        if let (Some(&(tag_at, tag)), Some(&next_at)) = (pieces.tags.get(i), found.get(i + 1))
            && column >= literal_end
            && column < next_at
        {
            return TemplatePlace {
                range: line_offset + tag_at..line_offset + tag_at + tag.len(),
                value: Some((tag.to_owned(), line[literal_end..next_at].to_owned())),
            };
        }
    }
    // Past the end (an error at the end of the line): its last character.
    let end = pieces
        .literals
        .last()
        .map_or(0, |(at, l)| at + l.len())
        .max(1);
    TemplatePlace {
        range: line_offset + end - 1..line_offset + end,
        value: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_text_maps_to_its_column_in_the_template() {
        let template =
            "#import \"/lib/letter.typ\": *\n{% if x %}\n#letter(title: {{ t | str }}, [\nbody\n";
        let markup = "#import \"/lib/letter.typ\": *\n\n#letter(title: \"Заявка\", [\nbody\n";
        let open = markup.find('[').unwrap_or_default();
        let place = locate(template, markup, open..open + 1).unwrap_or_else(|| panic!("found"));
        assert_eq!(&template[place.range.clone()], "[");
        assert_eq!(place.value, None);
    }

    #[test]
    fn a_printed_value_maps_to_its_tag() {
        let template = "a {{ name }} b\n";
        let markup = "a #\"Wang\"; b\n";
        let place = locate(template, markup, 4..5).unwrap_or_else(|| panic!("found"));
        assert_eq!(&template[place.range.clone()], "{{ name }}");
        assert_eq!(
            place.value,
            Some(("{{ name }}".to_owned(), "#\"Wang\";".to_owned()))
        );
    }

    #[test]
    fn the_nearest_of_equal_lines_wins_and_strangers_are_not_found() {
        let template = "x\ny\nx\n";
        let markup = "x\ny\nx\n";
        let third = markup.rfind('x').unwrap_or_default();
        let place = locate(template, markup, third..third + 1).unwrap_or_else(|| panic!("found"));
        assert_eq!(place.range, 4..5);
        assert_eq!(locate(template, "zzz", 0..1), None);
    }
}
