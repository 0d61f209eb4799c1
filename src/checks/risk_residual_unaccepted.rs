use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::coverage::residual_levels;
use crate::model::records::Risk;

pub struct RiskResidualUnaccepted;

static RULE: Rule = Rule {
    id: "risk-residual-unaccepted",
    default_severity: Severity::Error,
    reference: "6.1.3, 8.3",
    summary: "a risk left above the acceptance threshold, or accepted, has no `accepted_by`",
    explanation: r#"## What it does
For every risk that is not `closed`, computes the residual score (the `residual` levels, each
defaulting to the inherent level when not given; the inherent score when there is no
`residual` at all) and reports the risk when that score is above `[risk] acceptance`, or when
the treatment option is `accept`, and no role is named in `accepted_by`.

## Why this matters
Clause 6.1.3 asks for designated management's approval of the treatment plan and its
acceptance of the residual risks (in ISO/IEC 27001 it is the risk owners; in ISO/IEC 42001 it is
management the organization designates). A risk that stays above the organization's own
threshold without a named role accepting it is the classic finding of a stage 2 audit.

## Example
```yaml
likelihood: possible
impact: severe
treatment: {option: accept}     # nobody accepted it
```

## How to fix
Record who accepted the risk: `accepted_by: cro` (a `Role` id), after they did. Or treat the
risk further and record the `residual` levels the treatment achieves."#,
};

impl Check for RiskResidualUnaccepted {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let criteria = &input.config.risk;
        for (record, risk) in input.model.typed::<Risk>() {
            let accepted = risk
                .accepted_by
                .as_deref()
                .is_some_and(|a| !a.trim().is_empty());
            if accepted || risk.status.as_deref() == Some("closed") {
                continue;
            }
            let residual = risk.residual.as_ref();
            let (likelihood, impact) = residual_levels(risk);
            let Some(score) = criteria.score(likelihood, impact) else {
                continue;
            };
            let (at, message) = if risk.treatment.option == "accept" {
                (
                    record.span_at(&key_path(&["treatment", "option"])),
                    format!(
                        "risk `{}` is accepted (score {score}) but `accepted_by` names nobody",
                        record.id
                    ),
                )
            } else if score > criteria.acceptance {
                let (at, state) = if residual.is_some() {
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
                )
            } else {
                continue;
            };
            out.push(
                record
                    .finding(RULE.id, at, message)
                    .with_help("add `accepted_by: <role id>` once designated management has accepted it, or treat the risk further and record the `residual` levels"),
            );
        }
    }
}
