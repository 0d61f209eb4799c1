use super::{Check, CheckInput, Rule, days_late, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Risk;

pub struct RiskReviewOverdue;

static RULE: Rule = Rule {
    id: "risk-review-overdue",
    default_severity: Severity::Warning,
    reference: "8.2, 6.1.2",
    summary: "a risk that is not closed is past its `next_review` date",
    explanation: r#"## What it does
Reports every `Risk` (or opportunity) that is not `closed` and whose `next_review` date is
before today (or `--as-of`). A risk without `next_review` is due `[risk]
review_interval_days` after its `assessed` date, when `aims.toml` sets the interval.

## Why this matters
Clause 8.2 asks for AI risk assessments at planned intervals and when significant changes
occur. A register whose review dates have passed shows a plan that is not followed, which an
auditor records as a nonconformity against 8.2.

## Example
```yaml
kind: Risk
id: R-007
assessed: 2025-06-01
next_review: 2026-06-01     # today is 2026-11-23
```

## How to fix
Assess the risk again: update its levels and treatment, set `assessed` to the date of the new
assessment and `next_review` to the next planned one."#,
};

impl Check for RiskReviewOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let interval = input.config.risk.review_interval_days;
        for (record, risk) in input.model.typed::<Risk>() {
            if risk.status.as_deref() == Some("closed") {
                continue;
            }
            let (due, field, why) = match (risk.next_review, risk.assessed, interval) {
                (Some(next), _, _) => (next, "next_review", "its next review date".to_string()),
                (None, Some(assessed), Some(days)) => (
                    assessed.saturating_add(jiff::Span::new().days(i64::from(days))),
                    "assessed",
                    format!(
                        "{days} days (`[risk] review_interval_days`) after its assessment on {assessed}"
                    ),
                ),
                _ => continue,
            };
            let Some(late) = days_late(due, input.today) else {
                continue;
            };
            let what = if risk.is_opportunity() {
                "opportunity"
            } else {
                "risk"
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&[field])),
                        format!(
                            "{what} `{}` was due for review on {due}, {why}, and is {late} late",
                            record.id
                        ),
                    )
                    .with_help(
                        "assess it again, then update `assessed` and set the next `next_review`",
                    ),
            );
        }
    }
}
