use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::Kind;
use crate::model::records::AiSystem;
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
        // Risks name their systems whether valid or not: a risk with a schema error still
        // exists, and its errors are the finding. A draft does not cover a system yet.
        let mut covered: HashSet<&str> = HashSet::new();
        let mut drafted: HashSet<&str> = HashSet::new();
        for risk in input.model.of_kind(Kind::Risk) {
            let into = if risk.draft {
                &mut drafted
            } else {
                &mut covered
            };
            into.extend(risk.text_list_field("ai_systems"));
        }
        for (record, system) in input.model.typed::<AiSystem>() {
            if system.lifecycle_stage == "retired" || covered.contains(record.id.as_str()) {
                continue;
            }
            let message = if drafted.contains(record.id.as_str()) {
                format!("AI system `{}` appears only in draft risks", record.id)
            } else {
                format!("AI system `{}` appears in no risk", record.id)
            };
            out.push(
                record
                    .finding(RULE.id, record.id_span(), message)
                    .with_help(format!(
                        "assess the system and add `{}` to the `ai_systems` of the risks that concern it",
                        record.id
                    )),
            );
        }
    }
}
