use super::{Check, CheckInput, Rule, placeholder_justifications};
use crate::diagnostic::{Finding, Severity};

pub struct SoaExclusionUnjustified;

static RULE: Rule = Rule {
    id: "soa-exclusion-unjustified",
    default_severity: Severity::Error,
    reference: "6.1.3 f",
    summary: "an excluded control has no real justification",
    explanation: r#"## What it does
Reports every Statement of Applicability entry with `applicable: false` whose `justification`
is empty, a placeholder (`TBD`, `TODO`, `n/a`, `-`, `none`, `not applicable`, ...) or shorter
than three words.

## Why this matters
Clause 6.1.3 f asks for the justification of every exclusion. "N/A" is the answer auditors
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
        for (record, control, justification, what) in placeholder_justifications(input.model, false)
        {
            out.push(
                record
                    .finding(
                        RULE.id,
                        justification.span,
                        format!("control {} is excluded with {what}", control.name),
                    )
                    .with_label("not a reason an auditor can accept")
                    .with_help("say why the control does not apply to your scope and AI systems"),
            );
        }
    }
}
