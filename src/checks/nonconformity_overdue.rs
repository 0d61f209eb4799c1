use super::{Check, CheckInput, Rule, days_late, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Nonconformity;

pub struct NonconformityOverdue;

static RULE: Rule = Rule {
    id: "nonconformity-overdue",
    default_severity: Severity::Error,
    reference: "10.2",
    summary: "an open nonconformity is past its `due` date",
    explanation: r#"## What it does
Reports every `Nonconformity` with `status: open` whose `due` date is before today (or
`--as-of`).

## Why this matters
Clause 10.2 asks that nonconformities be corrected and their corrective actions completed.
Overdue corrective actions are what certification bodies follow up first at surveillance
audits; at a stage 2 audit they can hold up the certificate.

## Example
```yaml
kind: Nonconformity
id: NC-2026-002
status: open
due: 2026-10-31       # today is 2026-11-23
```

## How to fix
Complete the corrective action and close the record (`status: closed`, `closed: <date>`), or,
if the plan changed, agree a new `due` date with the owner and say why in the record."#,
};

impl Check for NonconformityOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, nc) in input.model.typed::<Nonconformity>() {
            let Some(due) = nc.due.filter(|_| nc.status == "open") else {
                continue;
            };
            let Some(late) = days_late(due, input.today) else {
                continue;
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["due"])),
                        format!(
                            "nonconformity `{}` is still open {late} after its due date {due}",
                            record.id
                        ),
                    )
                    .with_help("complete the corrective action and set `status: closed` with `closed: <date>`, or agree a new `due` date"),
            );
        }
    }
}
