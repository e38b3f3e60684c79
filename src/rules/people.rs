//! The same person or passport listed twice.

use foldhash::{HashMap, HashMapExt};

use super::view::View;
use crate::diagnostic::Diagnostic;

pub(super) fn check(view: &View<'_>, out: &mut Vec<Diagnostic>) {
    let mut passports: HashMap<&str, usize> = HashMap::new();
    let mut people: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for s in view.specialists() {
        if let Some(number) = s.passport_number()
            && let Some(first) = passports.insert(number, s.index)
        {
            passports.insert(number, first);
            out.push(
                    Diagnostic::error(
                        "duplicate-passport",
                        format!(
                            "passport {number} is listed for specialists {} and {}",
                            first + 1,
                            s.index + 1
                        ),
                    )
                    .help("a passport number belongs to one person: correct the number, or remove the repeated entry")
                    .at(s.pointer("/passport/number")),
                );
        }
        let key = (
            s.str("/surname"),
            s.str("/given_names"),
            s.str("/date_of_birth"),
        );
        if let (Some(a), Some(b), Some(c)) = key
            && let Some(first) = people.insert((a, b, c), s.index)
        {
            people.insert((a, b, c), first);
            out.push(
                    Diagnostic::warning(
                        "duplicate-person",
                        format!(
                            "specialists {} and {} are both {a} {b}, born {c}",
                            first + 1,
                            s.index + 1
                        ),
                    )
                    .help("if this is one person listed twice, remove one entry; if two people, check the names and dates against the passports")
                    .at(s.pointer("")),
                );
        }
    }
}
