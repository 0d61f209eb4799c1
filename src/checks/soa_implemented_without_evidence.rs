use super::{Check, CheckInput, Rule, soa_applicable, soa_entries};
use crate::diagnostic::{Finding, Severity};
use crate::syntax::tree::NodeValue;

pub struct SoaImplementedWithoutEvidence;

static RULE: Rule = Rule {
    id: "soa-implemented-without-evidence",
    default_severity: Severity::Warning,
    reference: "8.1, 9.1, 7.5.3",
    summary: "a control is marked implemented but names no evidence",
    explanation: r#"## What it does
Reports every Statement of Applicability entry with `status: implemented` and an empty or
missing `evidence` list.

## Why this matters
"Implemented" is a claim; in a certification audit every implemented control is sampled and
the auditor asks to see it operating. A control without evidence is documented, not shown to
work, and `aims status` keeps the two apart.

## Example
```yaml
A.6.2.6: {applicable: true, justification: Models in production, status: implemented}
```

## How to fix
Add an `Evidence` record (a file in the repository or a URL to the system of record) and list
its id: `evidence: [EV-MODEL-MONITORING]`. If the control is not working yet, say
`status: partial` or `status: planned`."#,
};

impl Check for SoaImplementedWithoutEvidence {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, control, entry) in soa_entries(input.model) {
            let applicable = soa_applicable(entry) == Some(true);
            let Some(status) = entry
                .get("status")
                .filter(|s| s.as_str() == Some("implemented"))
            else {
                continue;
            };
            let has_evidence = entry.get("evidence").is_some_and(|e| match &e.value {
                NodeValue::Seq(items) => !items.is_empty(),
                NodeValue::Null => false,
                _ => true,
            });
            if !applicable || has_evidence {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        status.span,
                        format!(
                            "control {} is marked implemented but names no evidence",
                            control.name
                        ),
                    )
                    .with_help("list the evidence ids that show it operating (`evidence: [EV-...]`), or set `status: partial`"),
            );
        }
    }
}
