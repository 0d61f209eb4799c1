use super::{Check, CheckInput, Rule, days_late, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Policy;

pub struct PolicyReviewOverdue;

static RULE: Rule = Rule {
    id: "policy-review-overdue",
    default_severity: Severity::Error,
    reference: "5.2, A.2.4",
    summary: "a policy's `review_by` date has passed",
    explanation: r#"## What it does
Reports every `Policy` whose `review_by` date is before today (or `--as-of`).

## Why this matters
Control A.2.4 asks that the AI policy be reviewed at planned intervals so that it stays
suitable; a policy past its own review date is the easiest nonconformity an auditor can write.

## Example
```yaml
kind: Policy
id: POL-AI-001
review_by: 2026-03-31     # today is 2026-11-23
```

## How to fix
Review the policy with its owner, record the approval (`approved_by`, `approved`) and set the
next `review_by` date."#,
};

impl Check for PolicyReviewOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, policy) in input.model.typed::<Policy>() {
            let Some(late) = days_late(policy.review_by, input.today) else {
                continue;
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["review_by"])),
                        format!(
                            "policy `{}` was due for review on {}, {late} ago",
                            record.id, policy.review_by
                        ),
                    )
                    .with_help("review the policy, record the new `approved` date and set the next `review_by`"),
            );
        }
    }
}
