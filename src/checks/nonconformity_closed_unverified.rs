use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Nonconformity;

pub struct NonconformityClosedUnverified;

static RULE: Rule = Rule {
    id: "nonconformity-closed-unverified",
    default_severity: Severity::Error,
    reference: "10.2",
    summary: "a nonconformity is closed without a review that its corrective action worked",
    explanation: r#"## What it does
Reports every `Nonconformity` with `status: closed` that has no `effectiveness` review, or whose
review found the corrective action `not-effective`.

## Why this matters
10.2 d) asks the organization to review the effectiveness of any corrective action taken.
Closing a nonconformity when the fix is deployed, rather than when it is shown to work, is how
the same nonconformity comes back at the next audit.

## Example
```yaml
status: closed
closed: 2026-08-12
corrective_action: Deployment pipeline now blocks releases without an approved validation ticket.
# no effectiveness review
```

## How to fix
Review whether the cause is gone and record it:
`effectiveness: {date: 2026-10-01, by: cro, result: effective}`. If it was not effective, reopen
the nonconformity with a new corrective action."#,
};

impl Check for NonconformityClosedUnverified {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, nc) in input.model.typed::<Nonconformity>() {
            if nc.status != "closed" {
                continue;
            }
            let (at, message) = match &nc.effectiveness {
                None => (
                    record.span_at(&key_path(&["status"])),
                    format!(
                        "nonconformity `{}` is closed, but no `effectiveness` review says the corrective action worked",
                        record.id
                    ),
                ),
                Some(review) if review.result == "not-effective" => (
                    record.span_at(&key_path(&["effectiveness", "result"])),
                    format!(
                        "nonconformity `{}` is closed although its effectiveness review of {} found the corrective action not effective",
                        record.id, review.date
                    ),
                ),
                Some(_) => continue,
            };
            out.push(
                record
                    .finding(RULE.id, at, message)
                    .with_help("review whether the cause is gone and record `effectiveness: {date, by, result: effective}`, or reopen it with a new corrective action"),
            );
        }
    }
}
