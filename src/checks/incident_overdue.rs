use super::{Check, CheckInput, Rule, days_late, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Incident;

pub struct IncidentOverdue;

static RULE: Rule = Rule {
    id: "incident-overdue",
    default_severity: Severity::Error,
    reference: "A.8.4, 10.2",
    summary: "an open incident is past its `due` date",
    explanation: r#"## What it does
Reports every `Incident` with `status: open` whose `due` date is before today (or `--as-of`).

## Why this matters
Control A.8.4 asks for a plan to handle and communicate AI incidents, and 10.2 for timely
reaction. An incident left open past the date the organization set for it is a plan that is
not followed, and the people affected may still be exposed.

## Example
```yaml
kind: Incident
id: INC-2026-003
status: open
due: 2026-10-31       # today is 2026-11-23
```

## How to fix
Handle the incident and close it (`status: closed`, `closed: <date>`, the `actions` taken), or
agree a new `due` date and say why in the record."#,
};

impl Check for IncidentOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, incident) in input.model.typed::<Incident>() {
            let Some(due) = incident.due.filter(|_| incident.status == "open") else {
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
                            "incident `{}` is still open {late} after its due date {due}",
                            record.id
                        ),
                    )
                    .with_help("handle it and set `status: closed` with `closed: <date>`, or agree a new `due` date"),
            );
        }
    }
}
