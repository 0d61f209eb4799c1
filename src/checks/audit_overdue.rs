use super::{Check, CheckInput, Rule, key_path, latest_if_older};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Audit;

const HELP: &str = "carry out the next internal audit and record it as an `Audit`";

pub struct AuditOverdue;

static RULE: Rule = Rule {
    id: "audit-overdue",
    default_severity: Severity::Error,
    reference: "9.2",
    summary: "the last internal audit is older than the audit interval",
    explanation: r#"## What it does
Finds the most recent `Audit` of type `internal` and reports it when it is older than
`[audit] interval_days` in `aims.toml` (365 days unless set). When there is no internal audit
at all, `missing-mandatory-document` reports that instead.

## Why this matters
Clause 9.2 asks for internal audits at planned intervals. A certification body expects at
least one full cycle of internal audit before stage 2, and every year after.

## Example
```yaml
kind: Audit
id: AUD-2025-01
date: 2025-09-15       # today is 2026-11-23: 434 days ago
```

## How to fix
Carry out the internal audit in the programme and record it as an `Audit` with its `scope`
and `findings`. If the programme plans a different interval, set `[audit] interval_days`."#,
};

impl Check for AuditOverdue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let interval = input.config.audit_interval_days;
        let dated = input
            .model
            .typed::<Audit>()
            .filter(|(_, audit)| audit.audit_type == "internal")
            .map(|(record, audit)| (record, audit.date));
        let Some((record, date, age)) = latest_if_older(dated, interval, input.today) else {
            return;
        };
        out.push(
            record
                .finding(
                    RULE.id,
                    record.span_at(&key_path(&["date"])),
                    format!(
                        "the last internal audit, `{}` on {date}, was {age} ago; audits are due every {interval} days",
                        record.id
                    ),
                )
                .with_help(HELP),
        );
    }
}
