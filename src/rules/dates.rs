//! Dates: their order, passport validity over the stay, ages, lead times, letters.

use time::{Date, Duration};

use super::context::RuleContext;
use super::view::View;
use crate::dates::{iso, stay_days, years_between};
use crate::diagnostic::Diagnostic;
use crate::documents::DocumentId;
use crate::stage::Stage;

/// A passport should stay valid this long after the planned exit.
const PASSPORT_MARGIN_DAYS: i64 = 90;
/// Days the Migration Service needs between petition and entry.
const LEAD_TIME_DAYS: i64 = 14;
/// A stay longer than this, both days counted, is reported (`stay-length`): reference.md
/// records no longer stay for the visa categories of invited specialists.
const MAX_STAY_DAYS: i64 = 365;

pub(super) fn check(view: &View<'_>, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let entry = view.date("/project/entry_date");
    let exit = view.date("/project/exit_date");
    if let (Some(entry), Some(exit)) = (entry, exit)
        && exit <= entry
    {
        out.push(
            Diagnostic::error(
                "date-order",
                format!(
                    "the planned exit {} is not after the planned entry {}",
                    iso(exit),
                    iso(entry)
                ),
            )
            .help("set exit_date after entry_date")
            .at("/project/exit_date"),
        );
    }
    if let (Some(entry), Some(exit)) = (entry, exit)
        && stay_days(entry, exit) > MAX_STAY_DAYS
    {
        let days = stay_days(entry, exit);
        out.push(
            Diagnostic::warning(
                "stay-length",
                format!(
                    "the planned stay from {} to {} inclusive is {days} days, more than a year ({MAX_STAY_DAYS} days)",
                    iso(entry),
                    iso(exit)
                ),
            )
            .help("check exit_date: an invitation for a longer stay is not one the reference data knows for these visas; plan a new invitation for the rest")
            .at("/project/exit_date"),
        );
    }
    if let Some(entry) = entry {
        if entry < ctx.today {
            out.push(
                Diagnostic::warning(
                    "entry-date-past",
                    format!(
                        "the planned entry {} is before today ({})",
                        iso(entry),
                        iso(ctx.today)
                    ),
                )
                .help("move entry_date to the date the specialists can actually arrive")
                .at("/project/entry_date"),
            );
        } else if (entry - ctx.today) < Duration::days(LEAD_TIME_DAYS) {
            let days = (entry - ctx.today).whole_days();
            out.push(
                Diagnostic::warning(
                    "lead-time",
                    format!(
                        "entry is planned in {days} day{} ({}): the petition may not be processed in time",
                        if days == 1 { "" } else { "s" },
                        iso(entry)
                    ),
                )
                .help(format!("allow at least {LEAD_TIME_DAYS} days for visa support, or move entry_date later"))
                .at("/project/entry_date"),
            );
        }
    }
    let ic_date = view.date("/ic_decision/date");
    let support_date = view.date("/visa_support/date");
    if let (Some(ic), Some(vs)) = (ic_date, support_date)
        && ic > vs
    {
        out.push(
            Diagnostic::error(
                "date-order",
                format!(
                    "the IC minutes are dated {}, after the visa support of {}",
                    iso(ic),
                    iso(vs)
                ),
            )
            .help("visa support is requested after the IC approves the list: check both dates")
            .at("/ic_decision/date"),
        );
    }
    for s in view.specialists() {
        let issued = s.date("/passport/issued");
        let expires = s.date("/passport/expires");
        let who = s.who();
        if let (Some(issued), Some(expires)) = (issued, expires)
            && expires <= issued
        {
            out.push(
                Diagnostic::error(
                    "date-order",
                    format!(
                        "passport of {who} expires {} — not after it was issued ({})",
                        iso(expires),
                        iso(issued)
                    ),
                )
                .help("copy both dates again from the passport's data page")
                .at(s.pointer("/passport/expires")),
            );
        }
        if let (Some(expires), Some(exit)) = (expires, exit) {
            if expires < exit {
                out.push(
                    Diagnostic::error(
                        "passport-expiry",
                        format!(
                            "passport of {who} expires {}, before the planned exit {}",
                            iso(expires),
                            iso(exit)
                        ),
                    )
                    .help("renew the passport or shorten the stay")
                    .at(s.pointer("/passport/expires")),
                );
            } else if exit
                .checked_add(Duration::days(PASSPORT_MARGIN_DAYS))
                // Past the calendar's end (9999-12-31) nothing can be later.
                .is_none_or(|margin| expires < margin)
            {
                let days = (expires - exit).whole_days();
                let when = match days {
                    0 => format!("on the day of the planned exit ({})", iso(exit)),
                    1 => format!(
                        "{}, 1 day after the planned exit {}",
                        iso(expires),
                        iso(exit)
                    ),
                    n => format!(
                        "{}, only {n} days after the planned exit {}",
                        iso(expires),
                        iso(exit)
                    ),
                };
                out.push(
                    Diagnostic::warning(
                        "passport-margin",
                        format!("passport of {who} expires {when}"),
                    )
                    .help(format!("consulates often refuse visas for passports valid less than {PASSPORT_MARGIN_DAYS} days beyond the stay: renew it before applying"))
                    .at(s.pointer("/passport/expires")),
                );
            }
        }
        if let Some(born) = s.date("/date_of_birth") {
            if born > ctx.today {
                out.push(
                    Diagnostic::error(
                        "date-order",
                        format!("{who} is born {}, in the future", iso(born)),
                    )
                    .help("copy the date of birth again from the passport (YYYY-MM-DD)")
                    .at(s.pointer("/date_of_birth")),
                );
            } else if let Some(entry) = entry {
                let age = years_between(born, entry);
                if !(18..=75).contains(&age) {
                    out.push(
                        Diagnostic::warning("age", format!("{who} will be {age} on the planned entry {}", iso(entry)))
                            .help("check the date of birth; minors and specialists over 75 need a justification in the project description")
                            .at(s.pointer("/date_of_birth")),
                    );
                }
            }
        }
        if let Some(permit) = s.date("/work_permit/date") {
            let late_support = support_date.filter(|vs| permit > *vs);
            let late_entry = entry.filter(|e| permit > *e);
            if let Some(limit) = late_support.or(late_entry) {
                let what = if late_support.is_some() {
                    "the visa support"
                } else {
                    "the planned entry"
                };
                out.push(
                    Diagnostic::error(
                        "work-permit-date",
                        format!("the work permit of {who} is dated {}, after {what} ({})", iso(permit), iso(limit)),
                    )
                    .help("the permit must be issued before visa support is requested: check the permit's date")
                    .at(s.pointer("/work_permit/date")),
                );
            }
        }
    }
    letter_dates(view, ic_date, support_date, out);
}

fn letter_dates(
    view: &View<'_>,
    ic: Option<Date>,
    support: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(letters) = view.root.get("letters").and_then(|l| l.as_object()) else {
        return;
    };
    for (id, letter) in letters {
        let Some(doc) = id.parse::<DocumentId>().ok() else {
            continue;
        };
        let Some(date) = letter
            .get("date")
            .and_then(|d| d.as_str())
            .and_then(crate::dates::parse_date)
        else {
            continue;
        };
        let (reached, what) = match doc.stage() {
            Stage::Request => continue,
            Stage::Petition => (ic, "the IC minutes"),
            Stage::Notification => (support, "the visa support"),
        };
        if let Some(reached) = reached
            && date < reached
        {
            out.push(
                Diagnostic::warning(
                    "letter-date",
                    format!(
                        "the {id} letter is dated {}, before {what} of {}",
                        iso(date),
                        iso(reached)
                    ),
                )
                .help(format!(
                    "this letter can only be sent after {what}: check its date"
                ))
                .at(format!("/letters/{id}/date")),
            );
        }
    }
}
