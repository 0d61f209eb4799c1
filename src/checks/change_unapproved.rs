use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Change;

pub struct ChangeUnapproved;

static RULE: Rule = Rule {
    id: "change-unapproved",
    default_severity: Severity::Error,
    reference: "6.3, A.6.2.5",
    summary: "a planned change went ahead without a recorded approval",
    explanation: r#"## What it does
Reports every planned `Change` (`type: planned`, the default) whose `status` is `approved`,
`in-progress` or `done` (or not given) and that lacks `approved_by` or `approved`. Proposed and
rejected changes, and `unintended` changes found after the fact, need no approval.

## Why this matters
Clause 6.3 asks that changes to the AI management system be carried out in a planned manner,
and A.6.2.5 that deployment follow a plan. A change made without anyone deciding it should be
made, and when, is what change control exists to prevent.

## Example
```yaml
kind: Change
id: CHG-2026-004
title: Retrain the credit model on 2026 data
status: done            # no approved_by / approved
```

## How to fix
Record who approved the change and when: `approved_by: <Role id>`, `approved: <date>`. If it
was made without approval, record that as a `Nonconformity`."#,
};

impl Check for ChangeUnapproved {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, change) in input.model.typed::<Change>() {
            let goes_ahead = matches!(
                change.status.as_deref(),
                None | Some("approved" | "in-progress" | "done")
            );
            if change.change_type != "planned" || !goes_ahead {
                continue;
            }
            let missing: Vec<&str> = [
                ("approved_by", change.approved_by.is_none()),
                ("approved", change.approved.is_none()),
            ]
            .into_iter()
            .filter_map(|(field, missing)| missing.then_some(field))
            .collect();
            if missing.is_empty() {
                continue;
            }
            let status = change.status.as_deref().unwrap_or("recorded");
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.key_span_at(&key_path(&["status"])),
                        format!(
                            "change `{}` is {status} but has no `{}`",
                            record.id,
                            missing.join("` or `")
                        ),
                    )
                    .with_help("record who approved the change and when: `approved_by: <Role id>`, `approved: <date>`"),
            );
        }
    }
}
