use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::{AiSystem, ImpactAssessment};
use std::collections::HashSet;

pub struct SystemWithoutImpactAssessment;

static RULE: Rule = Rule {
    id: "system-without-impact-assessment",
    default_severity: Severity::Error,
    reference: "6.1.4, 8.4, A.5.2",
    summary: "an AI system that is not retired has no impact assessment",
    explanation: r#"## What it does
Reports every `AISystem` whose `lifecycle_stage` is not `retired` and that no
`ImpactAssessment` names in its `ai_system` field.

## Why this matters
ISO/IEC 42001 asks for an assessment of the consequences each AI system can have for
individuals, groups and society (6.1.4, 8.4, control A.5.2), done before deployment and kept up
to date. A system in the register without one is the first thing an auditor samples.

## Example
```yaml
kind: AISystem
id: support-assistant      # no ImpactAssessment has `ai_system: support-assistant`
lifecycle_stage: operation
```

## How to fix
Write an `ImpactAssessment` with `ai_system: support-assistant`, its `impacts` and a
`next_review` date. If the system is no longer used, set `lifecycle_stage: retired`."#,
};

impl Check for SystemWithoutImpactAssessment {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let assessed: HashSet<&str> = input
            .model
            .typed::<ImpactAssessment>()
            .map(|(_, ia)| ia.ai_system.as_str())
            .collect();
        for (record, system) in input.model.typed::<AiSystem>() {
            if system.lifecycle_stage == "retired" || assessed.contains(record.id.as_str()) {
                continue;
            }
            out.push(
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
                        "add an `ImpactAssessment` record with `ai_system: {}`",
                        record.id
                    )),
            );
        }
    }
}
