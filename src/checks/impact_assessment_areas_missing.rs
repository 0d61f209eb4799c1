use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::Kind;
use crate::model::records::{AiSystem, ImpactAssessment};

pub struct ImpactAssessmentAreasMissing;

static RULE: Rule = Rule {
    id: "impact-assessment-areas-missing",
    default_severity: Severity::Warning,
    reference: "6.1.4, A.5.4, A.5.5",
    summary: "a high-risk system's impact assessment leaves out individuals, groups or society",
    explanation: r#"## What it does
For each `ImpactAssessment` of an AI system classed high risk (`risk_class: high` or
`prohibited`, or a `classifications` value such as `high-impact`), reports the areas among
`individuals`, `groups` and `society` that none of its `impacts` covers.

## Why this matters
Clause 6.1.4 asks for the potential consequences for individuals, groups of individuals and
societies; controls A.5.4 and A.5.5 name the first two and the last. For a high-risk system an
assessment that looks at only one of them is incomplete, and ISO/IEC 42005 expects each to be
considered, even if the answer is that the impact is negligible.

## Example
```yaml
kind: ImpactAssessment
ai_system: credit-scoring          # classed high risk
impacts:
  - area: individuals              # no `groups` or `society` impact
    description: A wrong refusal of credit
    severity: major
```

## How to fix
Add an impact for each missing area: what the system could do to groups (such as a protected
group's approval rate) and to society (such as access to credit), with its severity, even when
it is minor."#,
};

const AREAS: [&str; 3] = ["individuals", "groups", "society"];

impl Check for ImpactAssessmentAreasMissing {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, assessment) in input.model.typed::<ImpactAssessment>() {
            let Some(system) = input
                .model
                .get(Kind::AiSystem, &assessment.ai_system)
                .and_then(|r| r.data.as_ref())
                .and_then(|data| <AiSystem as crate::model::Typed>::from_data(data))
            else {
                continue;
            };
            let Some(class) = system.high_risk_class() else {
                continue;
            };
            let missing: Vec<&str> = AREAS
                .into_iter()
                .filter(|area| !assessment.impacts.iter().any(|i| i.area == *area))
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.key_span_at(&super::key_path(&["impacts"])),
                        format!(
                            "impact assessment `{}` of high-risk AI system `{}` ({class}) has no impact on {}",
                            record.id,
                            assessment.ai_system,
                            missing.join(" or ")
                        ),
                    )
                    .with_help("add an impact for each missing area, with its severity, even when it is minor"),
            );
        }
    }
}
