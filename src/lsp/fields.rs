//! Which rules of the catalogue ([`RULES`](crate::rules::RULES)) read which field: the
//! data behind hover's "rules that apply here". One row per field, `*` for any list
//! index or mapping key. Schema keywords are not listed: hover shows the schema itself.

use crate::rules::{Rule, rule_info};

/// Field pattern → rule codes, in the order rules.md lists them.
#[rustfmt::skip]
const FIELDS: &[(&str, &[&str])] = &[
    ("/manifest_version", &["manifest-version"]),
    ("/inviting_party/bin", &["bin-checksum"]),
    ("/inviting_party/socially_significant", &["not-socially-significant"]),
    ("/project/entry_date", &["date-order", "age", "entry-date-past", "lead-time", "work-permit-date"]),
    ("/project/exit_date", &["date-order", "passport-expiry", "passport-margin", "stay-length"]),
    ("/project/entry_checkpoint", &["stage-missing", "checkpoint-missing", "checkpoint-unknown"]),
    ("/project/visa/category", &["visa-category-unknown"]),
    ("/specialists", &["scan-too-large"]),
    ("/specialists/*", &["duplicate-person", "not-approved"]),
    ("/specialists/*/surname", &["duplicate-person"]),
    ("/specialists/*/given_names", &["duplicate-person"]),
    ("/specialists/*/date_of_birth", &["date-order", "duplicate-person", "age"]),
    ("/specialists/*/position", &["translation-missing"]),
    ("/specialists/*/position_ru", &["translation-suspect"]),
    ("/specialists/*/position_kk", &["translation-suspect"]),
    ("/specialists/*/position_en", &["translation-suspect"]),
    ("/specialists/*/passport/number", &["duplicate-passport", "approved-unknown", "not-approved"]),
    ("/specialists/*/passport/issued", &["date-order"]),
    ("/specialists/*/passport/expires", &["date-order", "passport-expiry", "passport-margin"]),
    ("/specialists/*/passport/scan", &["scan-missing", "scan-outside", "scan-too-large"]),
    ("/specialists/*/work_permit", &["work-permit-missing"]),
    ("/specialists/*/work_permit/required", &["work-permit-missing"]),
    ("/specialists/*/work_permit/number", &["work-permit-missing"]),
    ("/specialists/*/work_permit/date", &["work-permit-missing", "work-permit-date"]),
    ("/ic_decision", &["stage-missing"]),
    ("/ic_decision/date", &["date-order", "letter-date"]),
    ("/ic_decision/approved", &["approved-unknown", "not-approved"]),
    ("/ic_decision/approved/*", &["approved-unknown"]),
    ("/visa_support", &["stage-missing"]),
    ("/visa_support/date", &["date-order", "work-permit-date", "letter-date"]),
    ("/visa_support/copy", &["scan-missing", "scan-outside", "scan-too-large"]),
    ("/letters/*/date", &["letter-date"]),
];

/// The catalogue's rules that read the field at `pointer` (a JSON pointer into the
/// manifest, with real indices and keys).
pub fn rules_for(pointer: &str) -> Vec<&'static Rule> {
    FIELDS
        .iter()
        .filter(|(pattern, _)| matches(pattern, pointer))
        .flat_map(|(_, codes)| codes.iter())
        .filter_map(|code| rule_info(code))
        .collect()
}

/// Whether `pointer` is an instance of `pattern`, token by token; `*` matches any token.
fn matches(pattern: &str, pointer: &str) -> bool {
    let (mut p, mut q) = (pattern.split('/'), pointer.split('/'));
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == "*" || a == b => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_code_is_in_the_catalogue() {
        for (field, codes) in FIELDS {
            for code in *codes {
                assert!(rule_info(code).is_some(), "{field}: `{code}` is no rule");
            }
        }
    }

    #[test]
    fn patterns_match_indices_and_keys() {
        let codes = |p: &str| rules_for(p).iter().map(|r| r.code).collect::<Vec<_>>();
        assert_eq!(codes("/inviting_party/bin"), ["bin-checksum"]);
        assert!(codes("/specialists/12/passport/expires").contains(&"passport-margin"));
        assert_eq!(codes("/letters/border-notice/date"), ["letter-date"]);
        assert!(codes("/specialists/1/passport").is_empty());
        assert!(codes("/inviting_party").is_empty());
    }
}
