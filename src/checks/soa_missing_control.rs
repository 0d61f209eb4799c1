use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::model::catalog::CONTROLS;
use crate::model::records::Control;

pub struct SoaMissingControl;

static RULE: Rule = Rule {
    id: "soa-missing-control",
    default_severity: Severity::Error,
    reference: "6.1.3 d, 6.1.3 f",
    summary: "an Annex A control, or a control beyond Annex A, is absent from the Statement of Applicability",
    explanation: r#"## What it does
Compares the `controls` map of every `StatementOfApplicability` with the 38 controls of
ISO/IEC 42001 Annex A and with every `Control` record (a control beyond Annex A), and reports
each control the SoA does not mention, at the `controls` key.

## Why this matters
Clause 6.1.3 f asks for a Statement of Applicability that covers *all* Annex A controls: for
each, whether it applies and why, or why it is excluded. It also lists the necessary controls
beyond Annex A (6.1.3 d): a `Control` record that the SoA leaves out is a control nobody
decided on. An auditor reads the SoA line by line; a control that is simply missing is a
nonconformity, even when it would have been excluded.

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
            // Annex A, then the controls beyond it that `Control` records declare.
            let beyond = input
                .model
                .typed::<Control>()
                .map(|(r, c)| (r.id.as_str(), c.title.as_str()));
            let all = CONTROLS.iter().map(|c| (c.id, c.title)).chain(beyond);
            for (id, title) in all.filter(|(id, _)| controls.get(id).is_none()) {
                out.push(
                    record
                        .finding(
                            RULE.id,
                            at,
                            format!(
                                "statement of applicability `{}` does not list control {id} ({title})",
                                record.id
                            ),
                        )
                        .with_label(format!("{id} missing"))
                        .with_help(format!(
                            "add `{id}:` with `applicable: true` and its status, or `applicable: false` with the reason it is excluded"
                        )),
                );
            }
        }
    }
}
