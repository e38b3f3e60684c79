//! Steps of the procedure: paragraph 26, permits, the checkpoint for the border notice.

use super::context::RuleContext;
use super::view::View;
use crate::diagnostic::Diagnostic;
use crate::stage::Stage;

pub(super) fn check(view: &View<'_>, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if view.bool("/inviting_party/socially_significant") == Some(false) {
        out.push(
            Diagnostic::warning(
                "not-socially-significant",
                "the company is not marked socially significant: paragraph 26 admits employees of socially significant companies only",
            )
            .help("confirm the company's status with the akimat before filing, or set socially_significant: true if it has it")
            .at("/inviting_party/socially_significant"),
        );
    }
    for s in view.specialists() {
        if crate::pointer::lookup(s.value, "/work_permit/required").and_then(|v| v.as_bool())
            != Some(true)
        {
            continue;
        }
        if !view.is_approved(&s) {
            continue;
        }
        let missing: Vec<&str> = ["number", "date"]
            .into_iter()
            .filter(|k| crate::pointer::lookup(s.value, &format!("/work_permit/{k}")).is_none())
            .collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::error(
                    "work-permit-missing",
                    format!(
                        "{} needs a work permit, but its {} {} not given",
                        s.label(),
                        missing.join(" and "),
                        if missing.len() == 1 { "is" } else { "are" }
                    ),
                )
                .help("obtain the permit from the local executive body first, then add work_permit.number and work_permit.date; or set required: false if the specialist is exempt")
                .at(s.pointer("/work_permit")),
            );
        }
    }
    // When --stage asks for notification early, `stage-missing` already names the checkpoint.
    let derived_notification = ctx.derived == Stage::Notification;
    if derived_notification && !view.has("/project/entry_checkpoint") {
        out.push(
            Diagnostic::error(
                "checkpoint-missing",
                "project.entry_checkpoint is missing: the border notice names the checkpoint of entry",
            )
            .help("add project.entry_checkpoint, e.g. Khorgos, Nur Zholy, Dostyk or Almaty Airport")
            .at("/project/entry_checkpoint"),
        );
    }
}
