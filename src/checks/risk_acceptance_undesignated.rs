use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Risk;

pub struct RiskAcceptanceUndesignated;

static RULE: Rule = Rule {
    id: "risk-acceptance-undesignated",
    default_severity: Severity::Error,
    reference: "6.1.3",
    summary: "a residual risk is accepted, or a treatment plan approved, by a role that is not designated management",
    explanation: r#"## What it does
When `[risk] accept_roles` in `aims.toml` names the roles top management designated, reports
every risk whose `accepted_by` or `treatment.approved_by` names another role. Without
`accept_roles`, it reports the ISO/IEC 27001 habit it can still see: a risk accepted (or its
plan approved) by the risk's own `owner`.

Opportunities (`type: opportunity`, 6.1.1) are not judged against the risk acceptance
threshold and are not reported.

## Why this matters
ISO/IEC 42001 6.1.3 asks that *designated management* approve the risk treatment plan and
accept the residual risks. A data scientist accepting the residual risk of their own model is
the independence problem an auditor looks for first.

## Example
```toml
[risk]
accept_roles = ["cro", "ceo"]
```
```yaml
accepted_by: head-of-data-science     # not designated
```

## How to fix
Have a designated role accept the risk (or approve the plan) and record it, or, if top
management did designate that role, add it to `accept_roles`."#,
};

impl Check for RiskAcceptanceUndesignated {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let designated = &input.config.risk.accept_roles;
        for (record, risk) in input
            .model
            .typed::<Risk>()
            .filter(|(_, r)| !r.is_opportunity())
        {
            let decisions = [
                (
                    risk.accepted_by.as_deref(),
                    &["accepted_by"][..],
                    "accepts the residual risk",
                ),
                (
                    risk.treatment.approved_by.as_deref(),
                    &["treatment", "approved_by"][..],
                    "approves the treatment plan",
                ),
            ];
            for (role, path, what) in decisions {
                let Some(role) = role.map(str::trim).filter(|r| !r.is_empty()) else {
                    continue;
                };
                let (message, help) = if designated.is_empty() {
                    if role != risk.owner.trim() {
                        continue;
                    }
                    (
                        format!(
                            "risk `{}`: its owner `{role}` {what} itself; ISO/IEC 42001 asks designated management to",
                            record.id
                        ),
                        "name the roles top management designated in `[risk] accept_roles`, and have one of them decide",
                    )
                } else if designated.iter().any(|d| d == role) {
                    continue;
                } else {
                    (
                        format!(
                            "risk `{}`: `{role}` {what}, but `[risk] accept_roles` designates only {}",
                            record.id,
                            designated
                                .iter()
                                .map(|d| format!("`{d}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        "have a designated role decide and record it, or add the role to `accept_roles` if top management designated it",
                    )
                };
                out.push(
                    record
                        .finding(RULE.id, record.span_at(&key_path(path)), message)
                        .with_help(help),
                );
            }
        }
    }
}
