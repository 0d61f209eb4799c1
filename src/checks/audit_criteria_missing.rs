use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Audit;

pub struct AuditCriteriaMissing;

static RULE: Rule = Rule {
    id: "audit-criteria-missing",
    default_severity: Severity::Warning,
    reference: "9.2.2",
    summary: "an internal audit does not say its criteria, objectives or how its independence was ensured",
    explanation: r#"## What it does
Reports every internal `Audit` without `criteria`, `objectives` or `independence`.

## Why this matters
9.2.2 asks the audit programme to define the criteria and scope of each audit and to select
auditors so that the audit is objective and impartial. An audit record without them shows that
an audit happened, not what it was held against or that the auditor was not auditing their own
work.

## Example
```yaml
kind: Audit
id: IA-2026
scope: ["4", "5", "6"]      # against what? by whom, independent of what?
```

## How to fix
Add `criteria` (ISO/IEC 42001, your policies and processes), `objectives` (what the audit set
out to establish) and `independence` (how impartiality was ensured)."#,
};

impl Check for AuditCriteriaMissing {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, audit) in input.model.typed::<Audit>() {
            if audit.audit_type != "internal" {
                continue;
            }
            let mut missing = Vec::new();
            if audit.criteria.is_empty() {
                missing.push("`criteria`");
            }
            if audit.objectives.is_empty() {
                missing.push("`objectives`");
            }
            if audit
                .independence
                .as_deref()
                .is_none_or(|i| i.trim().is_empty())
            {
                missing.push("`independence`");
            }
            if missing.is_empty() {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.key_span_at(&key_path(&["scope"])),
                        format!("internal audit `{}` has no {}", record.id, missing.join(", ")),
                    )
                    .with_help("say what the audit was held against, what it set out to establish and how the auditor's impartiality was ensured"),
            );
        }
    }
}
