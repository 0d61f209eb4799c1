use super::{Check, CheckInput, Rule, is_placeholder, soa_applicable, soa_entries};
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
        // A missing `justification` is the schema's to report.
        for (record, control, entry) in soa_entries(input.model) {
            let Some(justification) = entry.get("justification") else {
                continue;
            };
            let text = justification.as_str().unwrap_or_default();
            if soa_applicable(entry) != Some(true) || !is_placeholder(text) {
                continue;
            }
            let shown = text.trim();
            let what = if shown.is_empty() {
                "an empty justification".to_string()
            } else {
                format!(
                    "the justification `{}`",
                    crate::syntax::tree::shorten(shown)
                )
            };
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
