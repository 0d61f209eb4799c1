use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Risk;

pub struct RiskTreatmentUnapproved;

static RULE: Rule = Rule {
    id: "risk-treatment-unapproved",
    default_severity: Severity::Warning,
    reference: "6.1.3",
    summary: "a risk above the acceptance threshold has a treatment plan nobody approved",
    explanation: r#"## What it does
For every risk that is not `closed` and whose inherent score is above `[risk] acceptance`,
reports a treatment without `approved_by` (a role) and `approved` (a date).

Opportunities (`type: opportunity`, 6.1.1) are not judged against the risk acceptance
threshold and are not reported.

## Why this matters
6.1.3 asks designated management to approve the AI risk treatment plan. An approved plan is
what makes the treatment the organization's decision rather than one person's to-do list; an
auditor asks who signed it off and when.

## Example
```yaml
treatment:
  option: mitigate
  controls: [A.6.2.4]
  plan: Quarterly revalidation      # approved by whom, when?
```

## How to fix
Record the approval: `approved_by: cro` and `approved: 2026-03-12` under `treatment`."#,
};

impl Check for RiskTreatmentUnapproved {
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
            let Some(score) = criteria.score(&risk.likelihood, &risk.impact) else {
                continue;
            };
            let treatment = &risk.treatment;
            let approved_by = treatment
                .approved_by
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty());
            if score <= criteria.acceptance || (approved_by && treatment.approved.is_some()) {
                continue;
            }
            let missing = match (approved_by, treatment.approved.is_some()) {
                (false, false) => "`approved_by` and `approved`",
                (false, true) => "`approved_by`",
                _ => "`approved`",
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.key_span_at(&key_path(&["treatment"])),
                        format!(
                            "risk `{}` (score {score}, above {}) has a treatment plan without {missing}",
                            record.id, criteria.acceptance
                        ),
                    )
                    .with_help("record the approval of designated management under `treatment`: `approved_by: <role id>` and `approved: YYYY-MM-DD`"),
            );
        }
    }
}
