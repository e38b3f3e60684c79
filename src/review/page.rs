//! One case's review page as one self-contained HTML file: the case at a glance, the
//! warnings, the changes (with `--against`), then each document — its pages as images
//! beside their text, its facts — and the scan thumbnails. Every value is escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::escape::{attr, png_uri, text};
use super::facts::{Found, facts};
use super::glance::{deadlines, steps};
use super::i18n::{Strings, strings};
use super::model::{Note, Review, ReviewDocument};
use super::redline::{Marks, change_html, changes_section, marks};
use super::style::{CSS, SCRIPT};
use crate::blocks::{Block, BlockKind};
use crate::language::Language;
use crate::report::JsonDiagnostic;

/// Marks the files kzinvite writes, so that it overwrites no other file.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"kzinvite review\">";

/// The interface language: the packet's.
pub fn ui_language(review: &Review) -> Language {
    review.meta.language
}

/// The whole page.
pub fn case_page(review: &Review) -> String {
    let ui = ui_language(review);
    let t = strings(ui);
    let meta = &review.meta;
    let mut out = String::with_capacity(1 << 16);
    head(&mut out, t, &format!("{} — {}", t.title, meta.id));
    let _ = write!(
        out,
        "<header><h1>{} {}</h1><p>{}: <b>{}</b> · {}: <code>{}</code> · <span class=\"muted\">{} {}</span></p>",
        text(t.case),
        text(&meta.id),
        text(t.stage),
        text(t.stages[meta.stage as usize]),
        text(t.source),
        text(&meta.manifest.path),
        text(t.generated),
        text(&meta.tool.version)
    );
    if review.redacted {
        let _ = write!(out, "<p class=\"banner\">{}</p>", text(t.redacted));
    }
    out.push_str("</header><nav class=\"toc\">");
    if review.against.is_some() {
        let _ = write!(out, "<a href=\"#changes\">{}</a>", text(t.changes));
    }
    let _ = write!(
        out,
        "<a href=\"#glance\">{}</a><a href=\"#warnings\">{}</a>",
        text(t.glance),
        text(t.warnings)
    );
    for doc in &review.documents {
        let _ = write!(
            out,
            "<a href=\"#doc-{}\">{:02}</a>",
            doc.id.as_str(),
            doc.id.number()
        );
    }
    let _ = write!(out, "<a href=\"#scans\">{}</a></nav>", text(t.scans));
    let marks = review.against.as_ref().map(|a| (a, marks(review, a)));
    if let Some((against, marks)) = &marks {
        changes_section(&mut out, review, against, marks, t);
    }
    glance(&mut out, review, t);
    warnings(&mut out, &meta.warnings, short(&meta.manifest.path), t);
    let empty = Marks::default();
    for doc in &review.documents {
        let doc_marks = marks
            .as_ref()
            .and_then(|(_, m)| m.get(doc.id.as_str()))
            .unwrap_or(&empty);
        document(&mut out, review, doc, doc_marks, ui, t);
    }
    scans(&mut out, review, t);
    if marks.is_some() {
        let _ = write!(
            out,
            "<div class=\"navbar\"><a id=\"prev\" href=\"#changes\">{}</a><a id=\"next\" href=\"#changes\">{}</a> <small>{}</small></div>",
            text(t.previous),
            text(t.next),
            text(t.keys)
        );
        let _ = write!(out, "<script>{SCRIPT}</script>");
    }
    out.push_str("</main></body></html>\n");
    out
}

/// `cases/a/case.yaml` → `case.yaml`: locations on the page name the file only.
pub fn short(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// `<!DOCTYPE html>` to `<main>`: the language, the generator mark, the inline style.
pub fn head(out: &mut String, t: &Strings, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">{GENERATOR}<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body><main>",
        attr(t.lang),
        text(title)
    );
}

fn glance(out: &mut String, review: &Review, t: &Strings) {
    let manifest = &review.meta.manifest.value;
    let _ = write!(
        out,
        "<section id=\"glance\"><h2>{}</h2><ul class=\"steps\">",
        text(t.glance)
    );
    for (done, label) in steps(manifest, review.meta.stage).iter().zip(t.steps) {
        let (class, said) = if *done {
            ("done", t.done)
        } else {
            ("pending", t.pending)
        };
        let _ = write!(
            out,
            "<li class=\"{class}\">{} <small>({})</small></li>",
            text(label),
            text(said)
        );
    }
    let _ = write!(out, "</ul><h3>{}</h3><table>", text(t.deadlines));
    let labels = [t.entry_date, t.exit_date, t.earliest_expiry];
    for (label, deadline) in labels.iter().zip(deadlines(manifest)) {
        let Some(d) = deadline else { continue };
        let who = d.who.map(|w| format!(" — {w}")).unwrap_or_default();
        let at = review
            .locations
            .get(&d.pointer)
            .cloned()
            .unwrap_or(d.pointer);
        let _ = write!(
            out,
            "<tr><th>{}</th><td><b>{}</b>{}</td><td><code>{}</code></td></tr>",
            text(label),
            text(&d.date),
            text(&who),
            text(&at)
        );
    }
    out.push_str("</table></section>");
}

fn warnings(out: &mut String, warnings: &[JsonDiagnostic], path: &str, t: &Strings) {
    let _ = write!(
        out,
        "<section id=\"warnings\"><h2>{} ({})</h2>",
        text(t.warnings),
        warnings.len()
    );
    if warnings.is_empty() {
        let _ = write!(out, "<p>{}</p>", text(t.no_warnings));
    }
    out.push_str("<ul class=\"warnings\">");
    for w in warnings {
        let at = match (&w.line, &w.column, &w.sheet, &w.cell) {
            (Some(line), Some(col), _, _) => format!("{path}:{line}:{col}"),
            (_, _, Some(sheet), Some(cell)) => format!("{path} {sheet}!{cell}"),
            _ => format!("{path} {}", w.pointer),
        };
        let _ = write!(
            out,
            "<li><code>{}</code> <b>{}</b>: {}",
            text(&at),
            text(&w.code),
            text(&w.message)
        );
        if let Some(help) = &w.help {
            let _ = write!(out, " <small>{}</small>", text(help));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
}

fn document(
    out: &mut String,
    review: &Review,
    doc: &ReviewDocument,
    marks: &Marks<'_>,
    ui: Language,
    t: &Strings,
) {
    let lang = if doc.id.is_for_partner() {
        Language::En
    } else {
        review.meta.language
    };
    let _ = write!(
        out,
        "<section class=\"document\" id=\"doc-{}\"><h2>{} <small>{} · {} {}</small></h2>",
        doc.id.as_str(),
        text(&doc.file),
        doc.id.as_str(),
        doc.pages,
        text(t.page)
    );
    let facts = facts(doc.id, &review.meta.manifest.value, lang, ui, &doc.text);
    let flagged = facts
        .iter()
        .filter(|f| matches!(f.found, Found::Missing(_) | Found::NoValue))
        .count();
    // Folded when every fact is found: the pages come first; open when one is not.
    let _ = write!(
        out,
        "<details class=\"facts\"{}><summary><b>{}</b>: {} · <span class=\"{}\">⚠ {flagged}</span></summary><table class=\"facts\"><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        if flagged > 0 { " open" } else { "" },
        text(t.facts),
        facts.len(),
        if flagged > 0 { "flagged" } else { "muted" },
        text(t.fact),
        text(t.value),
        text(t.found_on)
    );
    for fact in facts {
        let value = fact.value.clone().unwrap_or_else(|| "—".to_owned());
        let (class, said) = match &fact.found {
            Found::On(pages) => (
                "found",
                pages
                    .iter()
                    .map(|p| format!("{} {p}", t.page))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Found::Missing(what) => ("missing", format!("⚠ {}: {}", t.missing, what.join("; "))),
            Found::NoValue => ("missing", format!("⚠ {}", t.not_in_manifest)),
            Found::Wording => ("wording", t.template_text.to_owned()),
        };
        let pointer = fact
            .pointer
            .map(|p| {
                review
                    .locations
                    .get(p)
                    .cloned()
                    .unwrap_or_else(|| p.to_owned())
            })
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td>{}<br><code class=\"muted\">{}</code></td><td>{}</td><td class=\"{class}\">{}</td></tr>",
            text(fact.label),
            text(&pointer),
            text(&value),
            text(&said)
        );
    }
    out.push_str("</table></details>");
    if let Some(after) = marks.deleted_after.get(&None) {
        for (n, change) in after {
            change_html(out, *n, change, t);
        }
    }
    let mut by_page: BTreeMap<u32, Vec<(usize, &Block)>> = BTreeMap::new();
    for (k, block) in doc.text.iter().enumerate() {
        by_page.entry(block.page).or_default().push((k, block));
    }
    for (page, image) in (1u32..).zip(&doc.images) {
        let blocks = by_page.remove(&page).unwrap_or_default();
        sheet(out, doc, page, image.as_ref(), &blocks, marks, t);
    }
    // Text on pages beyond the images (a packet's count may lag): still shown.
    for (page, blocks) in by_page {
        sheet(out, doc, page, None, &blocks, marks, t);
    }
    out.push_str("</section>");
}

fn sheet(
    out: &mut String,
    doc: &ReviewDocument,
    page: u32,
    image: Option<&crate::render::PageImage>,
    blocks: &[(usize, &Block)],
    marks: &Marks<'_>,
    t: &Strings,
) {
    let _ = write!(
        out,
        "<div class=\"sheet\" id=\"doc-{}-p{page}\">",
        doc.id.as_str()
    );
    match image {
        Some(img) => {
            let _ = write!(
                out,
                "<figure><img alt=\"{} {page}\" src=\"{}\">",
                attr(t.page),
                png_uri(&img.png)
            );
            for (k, block) in blocks {
                let (Some((n, _)), Some(rect)) = (marks.at.get(k), block.bbox) else {
                    continue;
                };
                let pct = |v: i32, of: f64| f64::from(v) * 100.0 / of.max(1.0);
                let _ = write!(
                    out,
                    "<a class=\"box\" href=\"#c-{n}\" title=\"#{n}\" style=\"left:{:.2}%;top:{:.2}%;width:{:.2}%;height:{:.2}%\"></a>",
                    pct(rect.x - 2, img.width_pt),
                    pct(rect.y - 2, img.height_pt),
                    pct(rect.width + 4, img.width_pt),
                    pct(rect.height + 4, img.height_pt)
                );
            }
            out.push_str("</figure>");
        }
        None => {
            let said = match doc.images_note {
                Some(Note::Redacted) => t.no_images_redacted,
                _ => t.no_images_packet,
            };
            let _ = write!(out, "<div class=\"noimage\">{}</div>", text(said));
        }
    }
    let _ = write!(
        out,
        "<div class=\"blocks\"><div class=\"pageno\">{} {page}</div>",
        text(t.page)
    );
    for (k, block) in blocks {
        match marks.at.get(k) {
            Some((n, change)) => change_html(out, *n, change, t),
            None => {
                let class = match block.kind {
                    BlockKind::TableRow { .. } => "row",
                    BlockKind::Heading => "heading",
                    BlockKind::Signature => "signature",
                    _ => "paragraph",
                };
                let _ = write!(out, "<p class=\"block {class}\">{}</p>", text(&block.text));
            }
        }
        for (n, change) in marks.deleted_after.get(&Some(*k)).into_iter().flatten() {
            change_html(out, *n, change, t);
        }
    }
    out.push_str("</div></div>");
}

fn scans(out: &mut String, review: &Review, t: &Strings) {
    let _ = write!(out, "<section id=\"scans\"><h2>{}</h2>", text(t.scans));
    match review.thumbnails_note {
        Some(Note::Redacted) => {
            let _ = write!(out, "<p class=\"note\">{}</p>", text(t.scans_redacted));
        }
        Some(Note::NotInPacket) => {
            let _ = write!(out, "<p class=\"note\">{}</p>", text(t.no_images_packet));
        }
        None if review.thumbnails.is_empty() => {
            let _ = write!(out, "<p>{}</p>", text(t.no_scans));
        }
        None => {}
    }
    out.push_str("<div class=\"thumbs\">");
    for thumb in &review.thumbnails {
        let _ = write!(
            out,
            "<figure><img alt=\"{}\" src=\"{}\"><figcaption>{}</figcaption></figure>",
            attr(&thumb.label),
            png_uri(&thumb.png),
            text(&thumb.label)
        );
    }
    out.push_str("</div></section>");
}
