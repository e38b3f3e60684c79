//! `--redact` on a review page: passport numbers and dates of birth masked in the text,
//! the facts, the manifest, the warnings and the changes; the scans and every page image
//! that shows such data (or no text at all: an annexed scan) left out.

use super::model::{Note, Review};
use crate::diff::masked::redact_case;
use crate::redact::Redactor;

/// Masks `review` in place with what `redactor` knows (both sides' secrets with `--against`).
pub fn redact(review: &mut Review, redactor: &Redactor) {
    review.redacted = true;
    for doc in &mut review.documents {
        let mut left_out = false;
        for (page, image) in (1u32..).zip(doc.images.iter_mut()) {
            let mut text = doc.text.iter().filter(|b| b.page == page).peekable();
            let shows_secret = text.peek().is_none() || text.any(|b| redactor.finds(&b.text));
            if shows_secret && image.take().is_some() {
                left_out = true;
            }
        }
        if left_out {
            doc.images_note = doc.images_note.or(Some(Note::Redacted));
        }
        for block in &mut doc.text {
            block.text = redactor.text(&block.text);
            if let crate::blocks::BlockKind::TableRow { key: Some(key), .. } = &mut block.kind {
                *key = redactor.text(key);
            }
        }
    }
    review.thumbnails.clear();
    review.thumbnails_note = Some(Note::Redacted);
    let meta = &mut review.meta;
    redactor.value(&mut meta.manifest.value);
    for w in &mut meta.warnings {
        w.message = redactor.text(&w.message);
        w.help = w.help.as_deref().map(|h| redactor.text(h));
    }
    for doc in &mut meta.documents {
        for block in &mut doc.text {
            block.text = redactor.text(&block.text);
        }
    }
    if let Some(against) = &mut review.against {
        redact_case(&mut against.diff, redactor);
    }
    let locations = std::mem::take(&mut review.locations);
    review.locations = locations
        .into_iter()
        .map(|(k, v)| (redactor.text(&k), redactor.text(&v)))
        .collect();
}
