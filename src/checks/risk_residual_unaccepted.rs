use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::coverage::{Acceptance, acceptance, residual_levels, residual_score};
use crate::model::records::Risk;

pub struct RiskResidualUnaccepted;

static RULE: Rule = Rule {
    id: "risk-residual-unaccepted",
    default_severity: Severity::Error,
    reference: "6.1.3, 8.3",
    summary: "a risk left above the acceptance threshold has no `accepted_by`, or no `accepted` date",
    explanation: r#"## What it does
For every risk that is not `closed`, computes the residual score (the `residual` levels, each
defaulting to the inherent level when not given; the inherent score when there is no
`residual` at all). A score within `[risk] acceptance` is accepted by the risk criteria
themselves (the pack and `aims status` say so). Above it, the rule reports the risk when no role
is named in `accepted_by`, or when `accepted` does not say when the acceptance was given.

Opportunities (`type: opportunity`, 6.1.1) are not judged against the risk acceptance
threshold and are not reported.

## Why this matters
Clause 6.1.3 asks for designated management's approval of the treatment plan and its
acceptance of the residual risks (in ISO/IEC 27001 it is the risk owners; in ISO/IEC 42001 it is
management the organization designates). A risk that stays above the organization's own
threshold without a named role accepting it, on a date, is the classic finding of a stage 2
audit.

## Example
```yaml
likelihood: possible
impact: severe
treatment: {option: accept}     # nobody accepted it
```

## How to fix
Record who accepted the risk and when: `accepted_by: cro` (a `Role` that `[risk] accept_roles`
names) and `accepted: 2026-03-12`, after they did. Or treat the risk further and record the
`residual` levels the treatment achieves."#,
};

impl Check for RiskResidualUnaccepted {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let criteria = &input.config.risk;
        for (record, risk) in input
            .model
            .typed::<Risk>()
            .filter(|(_, r)| !r.is_opportunity())
        {
            if risk.status.as_deref() == Some("closed") {
                continue;
            }
            let (likelihood, impact) = residual_levels(risk);
            let Some(score) = residual_score(risk, criteria) else {
                continue; // risk-unknown-scale-value says so
            };
            let (at, message, help) = match acceptance(risk, criteria) {
                Acceptance::ByCriteria
                | Acceptance::Unscored
                | Acceptance::ByRole { date: Some(_), .. } => {
                    continue;
                }
                Acceptance::ByRole { role, date: None } => (
                    record.key_span_at(&key_path(&["accepted_by"])),
                    format!(
                        "risk `{}` is accepted by `{role}` but `accepted` does not say when",
                        record.id
                    ),
                    "add `accepted: YYYY-MM-DD`, the date designated management accepted the residual risk",
                ),
                Acceptance::Missing if risk.treatment.option == "accept" => (
                    record.span_at(&key_path(&["treatment", "option"])),
                    format!(
                        "risk `{}` is accepted (score {score}) but `accepted_by` names nobody",
                        record.id
                    ),
                    "add `accepted_by: <role id>` and `accepted: <date>` once designated management has accepted it, or treat the risk further and record the `residual` levels",
                ),
                Acceptance::Missing => {
                    let (at, state) = if risk.residual.is_some() {
                        (
                            record.key_span_at(&key_path(&["residual"])),
                            "has residual score",
                        )
                    } else {
                        (
                            record.key_span_at(&key_path(&["treatment"])),
                            "has no residual assessment, so its inherent score counts:",
                        )
                    };
                    (
                        at,
                        format!(
                            "risk `{}` {state} {score} ({likelihood} x {impact}), above the acceptance threshold {}, and nobody accepted it",
                            record.id, criteria.acceptance
                        ),
                        "add `accepted_by: <role id>` and `accepted: <date>` once designated management has accepted it, or treat the risk further and record the `residual` levels",
                    )
                }
            };
            out.push(record.finding(RULE.id, at, message).with_help(help));
        }
    }
}
