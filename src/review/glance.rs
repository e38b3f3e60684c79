//! The case at a glance: the seven steps of the procedure done or pending (as `status`
//! reads them from the manifest) and the deadlines — entry, exit, the earliest passport
//! expiry and whose passport it is.

use serde_json::Value;

use crate::dates::{dotted, parse_date};
use crate::documents::DocumentId;
use crate::stage::Stage;

/// Whether each of the six lines of steps (1, 2, 3–4, 5, 6, 7) is done.
pub fn steps(manifest: &Value, stage: Stage) -> [bool; 6] {
    let letter = |doc: DocumentId| manifest.pointer(&format!("/letters/{doc}")).is_some();
    let has = |key: &str| manifest.get(key).is_some_and(Value::is_object);
    let people = manifest
        .get("specialists")
        .and_then(Value::as_array)
        .is_some_and(|p| !p.is_empty());
    [
        people,
        letter(DocumentId::AkimatRequest) || stage >= Stage::Petition,
        has("ic_decision"),
        has("visa_support"),
        letter(DocumentId::PartnerNotice) && letter(DocumentId::AkimatNotification),
        false,
    ]
}

/// A deadline: the date (`dd.mm.yyyy`), the JSON pointer it comes from, and for a
/// passport whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub date: String,
    pub pointer: String,
    pub who: Option<String>,
}

/// Entry date, exit date, earliest passport expiry (each when the manifest has it).
pub fn deadlines(manifest: &Value) -> [Option<Deadline>; 3] {
    let at = |pointer: &str| {
        let date = manifest.pointer(pointer).and_then(Value::as_str)?;
        Some(Deadline {
            date: parse_date(date).map_or_else(|| date.to_owned(), dotted),
            pointer: pointer.to_owned(),
            who: None,
        })
    };
    let people = manifest.get("specialists").and_then(Value::as_array);
    let earliest = people
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(k, p)| {
            let expires = p.pointer("/passport/expires").and_then(Value::as_str)?;
            Some((parse_date(expires)?, k, p))
        })
        .min_by_key(|(date, k, _)| (*date, *k))
        .map(|(date, k, p)| {
            let name = |key: &str| p.get(key).and_then(Value::as_str).unwrap_or_default();
            Deadline {
                date: dotted(date),
                pointer: format!("/specialists/{k}/passport/expires"),
                who: Some(format!("{} {}", name("surname"), name("given_names"))),
            }
        });
    [
        at("/project/entry_date"),
        at("/project/exit_date"),
        earliest,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_expiry_names_its_specialist() {
        let m = serde_json::json!({
            "project": { "entry_date": "2026-03-01", "exit_date": "2026-08-31" },
            "specialists": [
                { "surname": "WANG", "given_names": "LEI", "passport": { "expires": "2034-01-13" } },
                { "surname": "ZHANG", "given_names": "MIN", "passport": { "expires": "2030-05-02" } }
            ]
        });
        let [entry, exit, expiry] = deadlines(&m);
        assert_eq!(entry.map(|d| d.date), Some("01.03.2026".into()));
        assert_eq!(exit.map(|d| d.date), Some("31.08.2026".into()));
        let expiry = expiry.unwrap_or_else(|| panic!("an expiry"));
        assert_eq!(expiry.who.as_deref(), Some("ZHANG MIN"));
        assert_eq!(expiry.pointer, "/specialists/1/passport/expires");
        assert_eq!(
            steps(&m, Stage::Request),
            [true, false, false, false, false, false]
        );
    }
}
