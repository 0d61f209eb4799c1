use super::{Check, CheckInput, Rule, days, days_between, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::ImpactAssessment;

pub struct ImpactAssessmentReviewOverdue;

/// When an assessment names no `next_review`, it is due this long after its `date`.
const DEFAULT_REVIEW_DAYS: i64 = 365;

static RULE: Rule = Rule {
    id: "impact-assessment-review-overdue",
    default_severity: Severity::Warning,
    reference: "6.1.4, 8.4, A.5.2",
    summary: "an impact assessment is past its `next_review` date",
    explanation: r#"## What it does
Reports every `ImpactAssessment` whose `next_review` date is before today (or `--as-of`); an
assessment without `next_review` is due 365 days after its `date`.

## Why this matters
Impact assessments are repeated at planned intervals and when the system changes (8.4). An
assessment that is out of date no longer describes the system that is running.

## Example
```yaml
kind: ImpactAssessment
id: IA-002
date: 2025-06-01
next_review: 2026-06-01     # today is 2026-11-23
```

## How to fix
Re-assess the system, record the new `date`, `impacts` and `next_review`."#,
};

impl Check for ImpactAssessmentReviewOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, assessment) in input.model.typed::<ImpactAssessment>() {
            let (late, due, at) = match assessment.next_review {
                Some(due) => (
                    days_between(due, input.today),
                    format!("was due for review on {due}"),
                    record.span_at(&key_path(&["next_review"])),
                ),
                None => (
                    days_between(assessment.date, input.today) - DEFAULT_REVIEW_DAYS,
                    format!(
                        "dated {} has no `next_review` and is older than {DEFAULT_REVIEW_DAYS} days",
                        assessment.date
                    ),
                    record.span_at(&key_path(&["date"])),
                ),
            };
            if late <= 0 {
                continue;
            }
            let late_text = days(late);
            out.push(
                record
                    .finding(
                        RULE.id,
                        at,
                        format!(
                            "impact assessment `{}` of `{}` {due}; it is {late_text} overdue",
                            record.id, assessment.ai_system
                        ),
                    )
                    .with_help(
                        "re-assess the AI system and record the new `date` and `next_review`",
                    ),
            );
        }
    }
}
