use super::{Check, CheckInput, Rule, days, days_between, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::coverage::evidence_age;
use crate::model::records::Evidence;

pub struct EvidenceStale;

static RULE: Rule = Rule {
    id: "evidence-stale",
    default_severity: Severity::Error,
    reference: "9.1, 8.1",
    summary: "evidence was collected longer ago than its maximum age",
    explanation: r#"## What it does
Reports each `Evidence` record older than the record's `max_age_days`, or
`[evidence] max_age_days` in `aims.toml` (365 days unless set), as of today (or `--as-of`).
Evidence is as old as the earlier of its `collected` date and, for a file in the repository
(`path`), the commit that last changed the file: evidence migrated into git keeps the age
`collected` gives it, and a `collected` date bumped without a new file does not make it fresh.
URL evidence, files with uncommitted changes and files whose history is unknown (no git, or a
shallow clone) are as old as `collected`.

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
            let age = evidence_age(input.model, evidence);
            let days_old = days_between(age.since, input.today);
            if days_old <= i64::from(max_age) {
                continue;
            }
            let limit = if evidence.max_age_days.is_some() {
                "its `max_age_days`"
            } else {
                "`[evidence] max_age_days`"
            };
            let age_text = days(days_old);
            let (at, what) = match age.commit {
                Some(commit) => (
                    record.span_at(&key_path(&["path"])),
                    format!(
                        "the file of evidence `{}` was last changed {age_text} ago, on {} (commit {})",
                        record.id,
                        age.since,
                        short(&commit.id)
                    ),
                ),
                None => (
                    record.span_at(&key_path(&["collected"])),
                    format!(
                        "evidence `{}` was collected {age_text} ago, on {}",
                        record.id, age.since
                    ),
                ),
            };
            out.push(
                record
                    .finding(RULE.id, at, format!("{what}; {limit} is {max_age}"))
                    .with_help("collect the evidence again (commit the new file) and update `collected`, or raise `max_age_days` if it stays valid longer"),
            );
        }
    }
}

/// The short form of a commit id, as `git log --oneline` shows it.
pub fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}
