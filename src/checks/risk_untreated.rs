use super::{Check, CheckInput, Rule, is_placeholder, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Risk;

pub struct RiskUntreated;

static RULE: Rule = Rule {
    id: "risk-untreated",
    default_severity: Severity::Error,
    reference: "6.1.3, 8.3",
    summary: "a risk above the acceptance threshold has no treatment controls or plan",
    explanation: r#"## What it does
Scores every risk that is not `closed` (likelihood rank x impact rank on the scales of
`aims.toml`) and reports those scoring above `[risk] acceptance` whose treatment option is not
`accept` and which name neither treatment `controls` nor a `plan`.

Opportunities (`type: opportunity`, 6.1.1) are not judged against the risk acceptance
threshold and are not reported.

## Why this matters
Clause 6.1.3 asks for a treatment for every risk the criteria say cannot be accepted as it is,
and 8.3 asks for the treatment to be carried out. A high risk with `option: mitigate` and
nothing behind it is a plan to have a plan.

## Example
```yaml
likelihood: likely       # rank 4
impact: major            # rank 4: score 16, acceptance 6
treatment:
  option: mitigate       # no controls, no plan
```

## How to fix
Name the Annex A controls that treat the risk (`controls: [A.6.2.4]`) and/or describe the
`plan` with a `due` date. If the organization decides to live with the risk, use
`option: accept` with `accepted_by` (see `risk-residual-unaccepted`)."#,
};

impl Check for RiskUntreated {
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
            if risk.status.as_deref() == Some("closed") || risk.treatment.option == "accept" {
                continue;
            }
            let Some(score) = criteria.score(&risk.likelihood, &risk.impact) else {
                continue;
            };
            let has_plan = risk
                .treatment
                .plan
                .as_deref()
                .is_some_and(|p| !is_placeholder(p));
            if score <= criteria.acceptance || !risk.treatment.controls.is_empty() || has_plan {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.key_span_at(&key_path(&["treatment"])),
                        format!(
                            "risk `{}` scores {score} ({} x {}), above the acceptance threshold {}, but its treatment names no controls and no plan",
                            record.id, risk.likelihood, risk.impact, criteria.acceptance
                        ),
                    )
                    .with_label(format!("`{}` with nothing behind it", risk.treatment.option))
                    .with_help("add `controls: [A.x.y]` and/or a `plan` with a `due` date; or `option: accept` with `accepted_by`"),
            );
        }
    }
}
