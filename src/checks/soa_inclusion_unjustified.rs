use super::{Check, CheckInput, Rule, placeholder_justifications};
use crate::diagnostic::{Finding, Severity};

pub struct SoaInclusionUnjustified;

static RULE: Rule = Rule {
    id: "soa-inclusion-unjustified",
    default_severity: Severity::Warning,
    reference: "6.1.3 f",
    summary: "an included control has no real justification",
    explanation: r#"## What it does
Reports every Statement of Applicability entry with `applicable: true` whose `justification`
is empty, a placeholder (`TBD`, `TODO`, `n/a`, `-`, ...) or shorter than three words.
`aims status` counts such a control as undecided.

## Why this matters
Clause 6.1.3 f asks for the justification of inclusions as well as exclusions: why the
control is necessary for this organization's AI risks. "Yes" or "TODO" says that a box was
ticked, not why. It is a warning rather than an error because `aims init` writes every
control as `TODO: decide ...` on purpose; run CI with `--deny warnings` before the audit.

## Example
```yaml
A.6.2.6: {applicable: true, justification: TBD, status: implemented}
```

## How to fix
Say why the control is needed, in terms of your systems and risks:
`justification: The credit model drifts with the economy; monthly monitoring catches it (R-002).`"#,
};

impl Check for SoaInclusionUnjustified {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, control, justification, what) in placeholder_justifications(input.model, true)
        {
            out.push(
                record
                    .finding(
                        RULE.id,
                        justification.span,
                        format!("control {} is included with {what}", control.name),
                    )
                    .with_label("not yet a reason")
                    .with_help("say why the control is needed for your AI systems and risks"),
            );
        }
    }
}
