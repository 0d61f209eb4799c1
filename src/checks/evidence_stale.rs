use super::{Check, CheckInput, Rule, days, days_between, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Evidence;

pub struct EvidenceStale;

static RULE: Rule = Rule {
    id: "evidence-stale",
    default_severity: Severity::Error,
    reference: "7.5.3, 9.1",
    summary: "evidence was collected longer ago than its maximum age",
    explanation: r#"## What it does
Compares each `Evidence` record's `collected` date with today (or `--as-of`) and reports it when
it is older than the record's `max_age_days`, or `[evidence] max_age_days` in `aims.toml`
(365 days unless set).

## Why this matters
Auditors test that controls *operate*, which old evidence cannot show: a monitoring report from
last year says nothing about this year's model. Each kind of evidence has its own natural
freshness (a monthly fairness report, a yearly supplier assessment); `max_age_days` says which.

## Example
```yaml
id: EV-FAIRNESS-MONITORING
collected: 2026-06-03
max_age_days: 45          # on 2026-11-23 it is 173 days old
```

## How to fix
Collect the evidence again (run the report, re-export the register), commit it, and update
`collected`. If the evidence really stays valid longer, raise `max_age_days` on the record."#,
};

impl Check for EvidenceStale {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, evidence) in input.model.typed::<Evidence>() {
            let max_age = evidence
                .max_age_days
                .unwrap_or(input.config.evidence_max_age_days);
            let age = days_between(evidence.collected, input.today);
            if age <= i64::from(max_age) {
                continue;
            }
            let limit = if evidence.max_age_days.is_some() {
                "its `max_age_days`"
            } else {
                "`[evidence] max_age_days`"
            };
            let age_text = days(age);
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["collected"])),
                        format!(
                            "evidence `{}` was collected {age_text} ago, on {}; {limit} is {max_age}",
                            record.id, evidence.collected
                        ),
                    )
                    .with_help("collect the evidence again and update `collected`, or raise `max_age_days` if it stays valid longer"),
            );
        }
    }
}
