use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::ManagementReview;

pub struct ManagementReviewInputsMissing;

/// The inputs 9.3.2 asks a management review to consider, as `covers` names them.
pub const INPUTS: &[&str] = &[
    "previous-actions",
    "context-changes",
    "interested-parties",
    "performance",
    "nonconformities",
    "monitoring",
    "audit-results",
    "objectives",
    "opportunities",
];

static RULE: Rule = Rule {
    id: "management-review-inputs-missing",
    default_severity: Severity::Warning,
    reference: "9.3.2",
    summary: "a management review does not show that it considered every input 9.3.2 lists",
    explanation: r#"## What it does
Compares each `ManagementReview`'s `covers` with the inputs 9.3.2 lists: previous-actions,
context-changes, interested-parties, performance, nonconformities, monitoring, audit-results,
objectives, opportunities. Reports the missing ones, or a review that has no `covers` at all
(its `inputs` are free text, so nothing shows which were considered).

## Why this matters
A management review that did not look at performance, audit results or nonconformities cannot
decide on the AIMS's suitability and effectiveness; auditors check the minutes against 9.3.2
item by item.

## Example
```yaml
inputs: [Quarterly AI report]
covers: [performance, objectives]     # audit results, nonconformities, ... not considered
```

## How to fix
Consider the missing inputs at the next review, or list in `covers` the ones the review did
consider."#,
};

impl Check for ManagementReviewInputsMissing {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, review) in input.model.typed::<ManagementReview>() {
            let (at, message) = if review.covers.is_empty() {
                (
                    record.key_span_at(&key_path(&["inputs"])),
                    format!(
                        "management review `{}` does not say which of the 9.3.2 inputs it considered (`covers`)",
                        record.id
                    ),
                )
            } else {
                let missing: Vec<&str> = INPUTS
                    .iter()
                    .copied()
                    .filter(|i| !review.covers.iter().any(|c| c == i))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                (
                    record.key_span_at(&key_path(&["covers"])),
                    format!(
                        "management review `{}` did not consider {}",
                        record.id,
                        missing.join(", ")
                    ),
                )
            };
            out.push(record.finding(RULE.id, at, message).with_help(format!(
                "`covers` lists the 9.3.2 inputs considered: {}",
                INPUTS.join(", ")
            )));
        }
    }
}
