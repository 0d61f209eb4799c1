use super::{Check, CheckInput, Rule, is_placeholder, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::Kind;
use crate::model::Record;
use crate::model::records::AiSystem;
use std::collections::HashMap;

pub struct SystemWithoutImpactAssessment;

static RULE: Rule = Rule {
    id: "system-without-impact-assessment",
    default_severity: Severity::Error,
    reference: "6.1.4, 8.4, A.5.2",
    summary: "an AI system that needs an impact assessment has none, or a high-risk system was screened out",
    explanation: r#"## What it does
Reports every `AISystem` that is not `retired`, needs an impact assessment, and that no
`ImpactAssessment` names in its `ai_system` field. A system needs one unless its
`impact_assessment` says `required: false` with a `justification` (it was screened out; a
screening without a real reason is reported too). A
system classed high risk cannot be screened out: `risk_class: high` or `prohibited`, or a
`classifications` entry whose value says high risk or high impact (`high`, `high-impact`,
`rights-impacting`, `safety-impacting`); screening one out is reported at
`impact_assessment.required`.

When the only assessment of a system is a draft, the finding says so at the draft. An
assessment that fails its schema still counts: its schema errors are reported instead.

## Why this matters
ISO/IEC 42001 asks for an assessment of the consequences AI systems can have for individuals,
groups and society (6.1.4, 8.4, control A.5.2), done before deployment and kept up to date.
It leaves the depth to the organization: a register of many low-impact systems may screen most
of them out, if each screening says why. A high-risk system without a full assessment is the
first thing an auditor samples.

## Example
```yaml
kind: AISystem
id: support-assistant      # no ImpactAssessment has `ai_system: support-assistant`
lifecycle_stage: operation
---
kind: AISystem
id: credit-scoring
risk_class: high
impact_assessment:
  required: false          # a high-risk system cannot be screened out
  justification: Vendor-assessed
```

## How to fix
Write an `ImpactAssessment` with `ai_system: support-assistant`, its `impacts` and a
`next_review` date. For a system that does not need one, record the screening:
`impact_assessment: {required: false, justification: ...}`. If the system is no longer used,
set `lifecycle_stage: retired`."#,
};

impl Check for SystemWithoutImpactAssessment {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        // Every assessment names its system, valid or not: one with a schema error still
        // exists, and its errors are the finding.
        let mut assessments: HashMap<&str, Vec<&Record>> = HashMap::new();
        for record in input.model.of_kind(Kind::ImpactAssessment) {
            if let Some(system) = record.text_field("ai_system") {
                assessments.entry(system).or_default().push(record);
            }
        }
        for (record, system) in input.model.typed::<AiSystem>() {
            if system.lifecycle_stage == "retired" {
                continue;
            }
            let screened_out = system
                .impact_assessment
                .as_ref()
                .is_some_and(|n| !n.required);
            let high_risk = system.high_risk_class();
            let own = assessments.get(record.id.as_str());
            if own.is_some_and(|all| all.iter().any(|ia| !ia.draft)) {
                continue;
            }
            match (screened_out, high_risk) {
                (true, None) => {
                    let justified = system
                        .impact_assessment
                        .as_ref()
                        .and_then(|n| n.justification.as_deref())
                        .is_some_and(|j| !is_placeholder(j));
                    if !justified {
                        out.push(
                            record
                                .finding(
                                    RULE.id,
                                    record.span_at(&key_path(&["impact_assessment", "required"])),
                                    format!(
                                        "AI system `{}` is screened out of an impact assessment without a reason",
                                        record.id
                                    ),
                                )
                                .with_help("say why in `impact_assessment.justification` (what the screening found), or write the assessment"),
                        );
                    }
                }
                (true, Some(class)) => out.push(
                    record
                        .finding(
                            RULE.id,
                            record.span_at(&key_path(&["impact_assessment", "required"])),
                            format!(
                                "AI system `{}` is classed high risk ({class}), so it cannot be screened out of an impact assessment",
                                record.id
                            ),
                        )
                        .with_help(format!(
                            "add an `ImpactAssessment` record with `ai_system: {}` and remove `required: false`",
                            record.id
                        )),
                ),
                (false, _) => match own.and_then(|all| all.first()) {
                    Some(draft) => out.push(
                        draft
                            .finding(
                                RULE.id,
                                draft.key_span_at(&key_path(&["draft"])),
                                format!(
                                    "the impact assessment of AI system `{}` is still a draft",
                                    record.id
                                ),
                            )
                            .with_help("complete the assessment, have it approved and remove `draft: true`"),
                    ),
                    None => out.push(
                        record
                            .finding(
                                RULE.id,
                                record.id_span(),
                                format!(
                                    "AI system `{}` ({}) has no impact assessment",
                                    record.id, system.lifecycle_stage
                                ),
                            )
                            .with_help(format!(
                                "add an `ImpactAssessment` record with `ai_system: {}`, or record why it needs none: `impact_assessment: {{required: false, justification: ...}}`",
                                record.id
                            )),
                    ),
                },
            }
        }
    }
}
