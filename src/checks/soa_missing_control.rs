use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::model::catalog::CONTROLS;

pub struct SoaMissingControl;

static RULE: Rule = Rule {
    id: "soa-missing-control",
    default_severity: Severity::Error,
    reference: "6.1.3 f",
    summary: "an Annex A control is absent from the Statement of Applicability",
    explanation: r#"## What it does
Compares the `controls` map of every `StatementOfApplicability` with the 38 controls of
ISO/IEC 42001 Annex A and reports each control the SoA does not mention, at the `controls` key.

## Why this matters
Clause 6.1.3 f asks for a Statement of Applicability that covers *all* Annex A controls: for
each, whether it applies and why, or why it is excluded. An auditor reads the SoA line by line;
a control that is simply missing is a nonconformity, even when it would have been excluded.

## Example
```yaml
kind: StatementOfApplicability
id: SOA-2026
controls:            # A.6.2.4 is not listed
  A.2.2: {applicable: true, justification: AI policy required by 5.2, status: implemented}
```

## How to fix
Add an entry for the control: `applicable: true` with its status and evidence, or
`applicable: false` with the reason it is excluded. `aims controls` lists every control."#,
};

impl Check for SoaMissingControl {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<crate::diagnostic::Finding>) {
        // Read from the tree: one malformed entry must not hide the controls that are missing.
        for record in input.model.of_kind(Kind::StatementOfApplicability) {
            let Some(controls) = record.node.get("controls") else {
                continue;
            };
            let at = record.key_span_at(&key_path(&["controls"]));
            for control in CONTROLS.iter().filter(|c| controls.get(c.id).is_none()) {
                out.push(
                    record
                        .finding(
                            RULE.id,
                            at,
                            format!(
                                "statement of applicability `{}` does not list control {} ({})",
                                record.id, control.id, control.title
                            ),
                        )
                        .with_label(format!("{} missing", control.id))
                        .with_help(format!(
                            "add `{}:` with `applicable: true` and its status, or `applicable: false` with the reason it is excluded",
                            control.id
                        )),
                );
            }
        }
    }
}
