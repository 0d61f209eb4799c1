use super::{Check, CheckInput, Rule, key_path, latest_if_older};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::ManagementReview;

const HELP: &str = "hold the management review and record it as a `ManagementReview`";

pub struct ManagementReviewOverdue;

static RULE: Rule = Rule {
    id: "management-review-overdue",
    default_severity: Severity::Error,
    reference: "9.3",
    summary: "the last management review is older than the review interval",
    explanation: r#"## What it does
Finds the most recent `ManagementReview` and reports it when it is older than
`[management_review] interval_days` in `aims.toml` (365 days unless set). When there is no
management review at all, `missing-mandatory-document` reports that instead.

## Why this matters
Clause 9.3 asks top management to review the AI management system at planned intervals; the
review's results are mandatory documented information and the clearest evidence of leadership
commitment (5.1).

## Example
```yaml
kind: ManagementReview
id: MR-2025-01
date: 2025-10-02       # today is 2026-11-23: 417 days ago
```

## How to fix
Hold the management review and record it with its `attendees`, `inputs` and `decisions`. If
the organization plans a different interval, set `[management_review] interval_days`."#,
};

impl Check for ManagementReviewOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let interval = input.config.review_interval_days;
        let dated = input
            .model
            .typed::<ManagementReview>()
            .map(|(record, review)| (record, review.date));
        let Some((record, date, age)) = latest_if_older(dated, interval, input.today) else {
            return;
        };
        out.push(
            record
                .finding(
                    RULE.id,
                    record.span_at(&key_path(&["date"])),
                    format!(
                        "the last management review, `{}` on {date}, was {age} ago; reviews are due every {interval} days",
                        record.id
                    ),
                )
                .with_help(HELP),
        );
    }
}
