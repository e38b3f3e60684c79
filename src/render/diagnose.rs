//! Template errors as Typst's own CLI shows them: the template's file (the user's path
//! for a `--templates` override), `line:col`, the source line with a caret, hints and the
//! trace. A Typst error in the rendered markup is mapped back into the template
//! ([`super::markup_map`]); an error in an embedded template is said to be a bug of ours.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{FileId, Span};

use super::markup_map::{TemplatePlace, locate};
use super::world::DocWorld;

/// A template file as errors name it.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The user's path for an override, `templates/<name>` for an embedded one.
    pub path: String,
    pub source: String,
    pub embedded: bool,
}

/// What [`typst_errors`] needs besides the world: the files behind the main source
/// and each library module, by file id.
pub trait TemplateFiles {
    /// The template the main file was rendered from.
    fn main_template(&self) -> Option<TemplateFile>;
    /// The template a library module (`/lib/letter.typ`) is.
    fn module(&self, id: FileId) -> Option<TemplateFile>;
}

const BUG: &str =
    "this template is embedded in kzinvite: an error in it is a bug of ours, please report it";

/// Typst's errors (warnings left out), each to be shown as a snippet of the template it
/// is in; [`TemplateError::note`] adds what the caller knows (where a value came from).
#[derive(Debug, Clone)]
pub struct TemplateError {
    problems: Vec<Problem>,
}

/// One Typst error, as owned parts: rendered only when shown, so notes can be added.
#[derive(Debug, Clone)]
struct Problem {
    message: String,
    /// The template file and the byte range the error is at, or only a path.
    place: Result<(TemplateFile, Range<usize>), String>,
    hints: Vec<String>,
    /// The trace, then kzinvite's notes.
    notes: Vec<String>,
    /// The markup a tag printed, when the error is inside it.
    printed: Option<String>,
}

impl TemplateError {
    /// For each error, the words it says of its own (message, hints) and the value it is
    /// in, if any: where a manifest value it quotes would show.
    pub fn quoting(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                let mut text = p.message.clone();
                for more in p.hints.iter().chain(&p.printed) {
                    text.push('\n');
                    text.push_str(more);
                }
                text
            })
            .collect()
    }

    /// Adds a note to error `index` (in the order of [`TemplateError::quoting`]).
    pub fn note(&mut self, index: usize, note: String) {
        if let Some(problem) = self.problems.get_mut(index) {
            problem.notes.push(note);
        }
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.problems.is_empty() {
            return f.write_str("Typst compilation failed");
        }
        let renderer = Renderer::plain();
        for (i, p) in self.problems.iter().enumerate() {
            let title = Level::ERROR.primary_title(p.message.as_str());
            let mut group = match &p.place {
                Ok((file, range)) => title.element(
                    Snippet::source(file.source.as_str())
                        .path(file.path.as_str())
                        .annotation(AnnotationKind::Primary.span(range.clone())),
                ),
                Err(path) => title.element(Origin::path(path.as_str())),
            };
            for hint in &p.hints {
                group = group.element(Level::HELP.message(hint.as_str()));
            }
            for note in &p.notes {
                group = group.element(Level::NOTE.message(note.as_str()));
            }
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{}", renderer.render(&[group]))?;
        }
        Ok(())
    }
}

impl std::error::Error for TemplateError {}

/// Typst's errors (warnings left out), each placed in the template it is in.
pub fn typst_errors(
    world: &DocWorld<'_>,
    errors: &[SourceDiagnostic],
    files: &dyn TemplateFiles,
) -> TemplateError {
    let mut problems = Vec::new();
    for e in errors.iter().filter(|e| e.severity == Severity::Error) {
        let place = e
            .span
            .id()
            .and_then(|id| Some((id, world.range(e.span)?)))
            .and_then(|(id, range)| where_in(world, files, id, range));
        let mut notes: Vec<String> = e
            .trace
            .iter()
            .map(|point| {
                let at = trace_place(world, files, point.span)
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default();
                format!("{}{at}", point.v)
            })
            .collect();
        let mut printed = None;
        let place = match place {
            Some(p) => {
                if let Some((tag, value)) = &p.value {
                    notes.push(format!("in the value {tag} printed here: {value}"));
                    printed = Some(value.clone());
                }
                if p.rendered {
                    notes.push(
                        "the line as the template rendered it: its line in the template was not found"
                            .into(),
                    );
                }
                if p.file.embedded {
                    notes.push(BUG.into());
                }
                Ok((p.file, p.range))
            }
            None => Err(files
                .main_template()
                .map_or_else(|| "template".to_owned(), |t| t.path)),
        };
        problems.push(Problem {
            message: e.message.to_string(),
            place,
            hints: e.hints.iter().map(|h| h.v.to_string()).collect(),
            notes,
            printed,
        });
    }
    TemplateError { problems }
}

/// An error placed in a template file.
struct Placed {
    file: TemplateFile,
    range: Range<usize>,
    value: Option<(String, String)>,
    /// Shown in the rendered markup: the template line was not found.
    rendered: bool,
}

fn where_in(
    world: &DocWorld<'_>,
    files: &dyn TemplateFiles,
    id: FileId,
    range: Range<usize>,
) -> Option<Placed> {
    if id == world.main_source().id() {
        let template = files.main_template()?;
        let markup = world.main_source().text();
        return Some(match locate(&template.source, markup, range.clone()) {
            Some(TemplatePlace { range, value }) => Placed {
                file: template,
                range,
                value,
                rendered: false,
            },
            None => Placed {
                file: TemplateFile {
                    path: format!("{} (as rendered)", template.path),
                    source: markup.to_owned(),
                    embedded: template.embedded,
                },
                range: clamp(range, markup.len()),
                value: None,
                rendered: true,
            },
        });
    }
    let file = files.module(id)?;
    let range = clamp(range, file.source.len());
    Some(Placed {
        file,
        range,
        value: None,
        rendered: false,
    })
}

/// `path:line:col` of a tracepoint.
fn trace_place(world: &DocWorld<'_>, files: &dyn TemplateFiles, span: Span) -> Option<String> {
    let id = span.id()?;
    let range = world.range(span)?;
    let placed = where_in(world, files, id, range)?;
    let (line, column) = line_column(&placed.file.source, placed.range.start);
    Some(format!("{}:{line}:{column}", placed.file.path))
}

/// A range inside a text of `len` bytes, at least one byte long where it can be.
fn clamp(range: Range<usize>, len: usize) -> Range<usize> {
    let start = range.start.min(len);
    start..range.end.clamp(start, len)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A minijinja error (syntax, undefined value, …) as a snippet of its template.
pub fn minijinja_error(e: &minijinja::Error, file: &TemplateFile) -> String {
    let message = match e.detail() {
        Some(detail) => format!("{}: {detail}", e.kind()),
        None => e.kind().to_string(),
    };
    let title = Level::ERROR.primary_title(message);
    let range = e
        .range()
        .filter(|r| r.end <= file.source.len() && r.start <= r.end)
        .or_else(|| e.line().and_then(|line| line_range(&file.source, line)));
    let mut group = match range {
        Some(range) => title.element(
            Snippet::source(file.source.as_str())
                .path(file.path.as_str())
                .annotation(AnnotationKind::Primary.span(range)),
        ),
        None => title.element(Origin::path(file.path.as_str())),
    };
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        group = group.element(Level::NOTE.message(inner.to_string()));
        source = inner.source();
    }
    if file.embedded {
        group = group.element(Level::NOTE.message(BUG));
    }
    Renderer::plain().render(&[group])
}

/// The byte range of a 1-based line's text, blanks around it left out.
fn line_range(text: &str, line: usize) -> Option<Range<usize>> {
    let mut offset = 0;
    for (index, l) in text.split('\n').enumerate() {
        if index + 1 == line {
            let start = offset + (l.len() - l.trim_start().len());
            let end = (offset + l.trim_end().len()).max(start);
            return Some(start..end);
        }
        offset += l.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("ab\nвгд", 7), (2, 3));
        assert_eq!(line_column("ab", 99), (1, 3));
        assert_eq!(line_range("a\n  bc  \n", 2), Some(4..6));
    }

    #[test]
    fn a_minijinja_syntax_error_points_into_its_file() {
        let source = "line one\n{{ x | }}\n";
        let mut env = minijinja::Environment::new();
        let Err(e) = env.add_template_owned("t", source.to_owned()) else {
            panic!("a syntax error");
        };
        let file = TemplateFile {
            path: "my/t.typ".into(),
            source: source.into(),
            embedded: false,
        };
        let text = minijinja_error(&e, &file);
        assert!(text.contains("my/t.typ:2:"), "{text}");
        assert!(text.contains("{{ x | }}"), "{text}");
        assert!(text.contains('^'), "{text}");
    }
}
