//! rustc-style diagnostics: code, message, `--> file:line:col`, the source line with a
//! marker under the value, a `help:` line; a one-line summary at the end.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::reporter::{FileReport, ReportOptions, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::location::Location;
use crate::location::location_suffix;

pub struct TextReporter {
    options: ReportOptions,
    renderer: Renderer,
}

impl TextReporter {
    pub fn new(options: ReportOptions) -> Self {
        let renderer = if options.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        TextReporter { options, renderer }
    }

    fn render(&self, report: &FileReport, lines: &[&str], d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
        let mut groups = Vec::new();
        let snippet = match &d.location {
            Some(Location::Text {
                line,
                column,
                start,
                end,
            }) => line_snippet(lines, *line, *column, end.saturating_sub(*start)).map(
                |(src, range)| {
                    Snippet::source(src)
                        .line_start(*line)
                        .path(report.path.as_str())
                        .annotation(AnnotationKind::Primary.span(range))
                },
            ),
            _ => None,
        };
        let group = match snippet {
            Some(snippet) => title.element(snippet),
            None => {
                let origin = location_suffix(&report.path, d.location.as_ref());
                title.element(annotate_snippets::Origin::path(origin))
            }
        };
        groups.push(group);
        if let Some(help) = &d.help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        self.renderer.render(&groups)
    }
}

/// Longest source line quoted in a snippet; past it only `file:line:column` is shown
/// (a whole manifest written on one line would be printed once per diagnostic).
const MAX_SNIPPET_LINE: usize = 1000;

/// The line `line` of the text, and the byte range of `chars` characters from `column`.
fn line_snippet<'t>(
    lines: &[&'t str],
    line: usize,
    column: usize,
    chars: usize,
) -> Option<(&'t str, std::ops::Range<usize>)> {
    let src = *lines.get(line.checked_sub(1)?)?;
    if src.len() > MAX_SNIPPET_LINE {
        return None;
    }
    let byte_at = |char_index: usize| {
        src.char_indices()
            .nth(char_index)
            .map_or(src.len(), |(b, _)| b)
    };
    let start = byte_at(column.saturating_sub(1));
    let mut end = byte_at(column.saturating_sub(1) + chars.max(1)).max(start);
    // The parser's span may run on over a trailing comment or spaces: mark the value only.
    if let Some(comment) = src[start..end].find(" #") {
        end = start + comment;
    }
    end = start + src[start..end].trim_end().len();
    if end == start {
        end = src[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    Some((src, start..end))
}

impl Reporter for TextReporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        // Split once: finding each diagnostic's line anew is quadratic in a big file.
        let lines: Vec<&str> = match report.text.as_deref() {
            Some(text) if !report.diagnostics.is_empty() => text.lines().collect(),
            _ => Vec::new(),
        };
        for d in &report.diagnostics {
            writeln!(out, "{}\n", self.render(report, &lines, d))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if !self.options.quiet || summary.invalid > 0 {
            writeln!(out, "{}", summary.line())?;
        }
        Ok(())
    }
}
