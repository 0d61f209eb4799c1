use super::{Check, CheckInput, Rule, days_late, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Objective;

pub struct ObjectiveOverdue;

static RULE: Rule = Rule {
    id: "objective-overdue",
    default_severity: Severity::Warning,
    reference: "6.2, 9.1",
    summary: "an objective is past its `due` date and not marked achieved, missed or cancelled",
    explanation: r#"## What it does
Reports every `Objective` whose `due` date is before today (or `--as-of`) while its `status` is
still `planned`, `on-track`, `at-risk` or not set.

## Why this matters
Clause 6.2 asks for objectives with a time frame and for their results to be evaluated (9.1).
An objective that quietly passed its date without a result is an objective nobody evaluated.

## Example
```yaml
kind: Objective
id: OBJ-03
due: 2026-09-30
status: on-track      # today is 2026-11-23
```

## How to fix
Evaluate the result and set `status: achieved` or `status: missed` (and raise a nonconformity
or a new objective if it was missed), or move `due` with a reason."#,
};

impl Check for ObjectiveOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, objective) in input.model.typed::<Objective>() {
            let finished = matches!(
                objective.status.as_deref(),
                Some("achieved" | "missed" | "cancelled")
            );
            let late = days_late(objective.due, input.today);
            let Some(late) = late.filter(|_| !finished) else {
                continue;
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["due"])),
                        format!(
                            "objective `{}` was due on {}, {late} ago, and is still {}",
                            record.id,
                            objective.due,
                            objective.status.as_deref().unwrap_or("without a status")
                        ),
                    )
                    .with_help("evaluate the result and set `status: achieved` or `status: missed`, or move `due` with a reason"),
            );
        }
    }
}
