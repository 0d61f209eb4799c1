use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::{AiSystem, Risk};
use std::collections::HashSet;

pub struct SystemWithoutRisk;

static RULE: Rule = Rule {
    id: "system-without-risk",
    default_severity: Severity::Warning,
    reference: "6.1.2, 8.2",
    summary: "an AI system that is not retired appears in no risk",
    explanation: r#"## What it does
Reports every `AISystem` whose `lifecycle_stage` is not `retired` and that no `Risk` lists in
its `ai_systems`.

## Why this matters
The AI risk assessment (6.1.2, 8.2) covers every AI system in scope. A system with no risk at
all usually means it was never assessed, not that it carries none.

## Example
```yaml
kind: AISystem
id: fraud-screening      # no Risk has fraud-screening in `ai_systems`
```

## How to fix
Assess the system and record its risks (`ai_systems: [fraud-screening]`), or add it to an
existing risk that covers it. If the system is no longer used, set `lifecycle_stage: retired`."#,
};

impl Check for SystemWithoutRisk {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let covered: HashSet<&str> = input
            .model
            .typed::<Risk>()
            .flat_map(|(_, risk)| risk.ai_systems.iter().map(String::as_str))
            .collect();
        for (record, system) in input.model.typed::<AiSystem>() {
            if system.lifecycle_stage == "retired" || covered.contains(record.id.as_str()) {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.id_span(),
                        format!("AI system `{}` appears in no risk", record.id),
                    )
                    .with_help(format!(
                        "assess the system and add `{}` to the `ai_systems` of the risks that concern it",
                        record.id
                    )),
            );
        }
    }
}
