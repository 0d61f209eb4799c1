use super::{Check, CheckInput, Rule, is_placeholder};
use crate::diagnostic::{Finding, Severity};
use crate::load::tree::Step;
use crate::model::records::StatementOfApplicability;

pub struct SoaExclusionUnjustified;

static RULE: Rule = Rule {
    id: "soa-exclusion-unjustified",
    default_severity: Severity::Error,
    reference: "6.1.3 d",
    summary: "an excluded control has no real justification",
    explanation: r#"## What it does
Reports every Statement of Applicability entry with `applicable: false` whose `justification`
is empty, a placeholder (`TBD`, `TODO`, `n/a`, `-`, `none`, `not applicable`, ...) or shorter
than three words.

## Why this matters
Clause 6.1.3 d asks for the justification of every exclusion. "N/A" is the answer auditors
see most often and accept least: it says that a control was excluded, not why it does not
apply to this organization's AI systems.

## Example
```yaml
A.10.4: {applicable: false, justification: N/A}
```

## How to fix
Say why the control does not apply, in terms of your scope:
`justification: We supply no AI systems or components to customers; all systems are used in-house.`"#,
};

impl Check for SoaExclusionUnjustified {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, soa) in input.model.typed::<StatementOfApplicability>() {
            for (control, entry) in soa.controls.iter().filter(|(_, e)| !e.applicable) {
                if !is_placeholder(&entry.justification) {
                    continue;
                }
                let at = record.span_at(&[
                    Step::Key("controls".into()),
                    Step::Key(control.clone()),
                    Step::Key("justification".into()),
                ]);
                let shown = entry.justification.trim();
                let what = if shown.is_empty() {
                    "an empty justification".to_string()
                } else {
                    format!("the justification `{shown}`")
                };
                out.push(
                    record
                        .finding(
                            RULE.id,
                            at,
                            format!("control {control} is excluded with {what}"),
                        )
                        .with_label("not a reason an auditor can accept")
                        .with_help(
                            "say why the control does not apply to your scope and AI systems",
                        ),
                );
            }
        }
    }
}
