use super::{Check, CheckInput, Rule, soa_entries};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Evidence;
use crate::model::{Kind, RecordData};

pub struct SoaEvidenceUnrelated;

static RULE: Rule = Rule {
    id: "soa-evidence-unrelated",
    default_severity: Severity::Warning,
    reference: "6.1.3 f, 7.5.3",
    summary: "a Statement of Applicability entry cites evidence that does not say it supports that control",
    explanation: r#"## What it does
For every evidence id a Statement of Applicability entry lists, checks that the `Evidence`
record's `supports` names the control (or its Annex A area). Evidence ids that do not exist
are `dangling-reference`'s to report.

## Why this matters
The SoA and the evidence index are two views of one claim: "this control works, and here is
the proof". When they disagree, either the SoA cites the wrong document or the evidence record
forgot a control, and an auditor sampling the control finds a document about something else.

## Example
```yaml
# the SoA
A.6.2.6: {applicable: true, justification: ..., status: implemented, evidence: [EV-TRAINING]}
# the evidence
id: EV-TRAINING
supports: ["7.2"]       # says nothing about A.6.2.6
```

## How to fix
Cite the evidence that shows the control working, or add the control to the evidence's
`supports` if it really does show it."#,
};

/// `A.6` covers `A.6.2.4`; a control covers itself.
fn supports(evidence: &Evidence, control: &str) -> bool {
    evidence.supports.iter().any(|s| {
        s == control || (control.starts_with(s.as_str()) && control[s.len()..].starts_with('.'))
    })
}

impl Check for SoaEvidenceUnrelated {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, control, entry) in soa_entries(input.model) {
            for cited in entry.get("evidence").map(|e| e.items()).unwrap_or_default() {
                let Some(id) = cited.as_str() else { continue };
                let Some(RecordData::Evidence(evidence)) = input
                    .model
                    .get(Kind::Evidence, id)
                    .and_then(|r| r.data.as_ref())
                else {
                    continue;
                };
                if supports(evidence, &control.name) {
                    continue;
                }
                let listed = if evidence.supports.is_empty() {
                    "supports nothing".to_string()
                } else {
                    format!("supports {}", evidence.supports.join(", "))
                };
                out.push(
                    record
                        .finding(
                            RULE.id,
                            cited.span,
                            format!(
                                "control {} cites evidence `{id}`, which {listed} but not {}",
                                control.name, control.name
                            ),
                        )
                        .with_help(format!(
                            "cite evidence that shows {} working, or add `{}` to the `supports` of `{id}`",
                            control.name, control.name
                        )),
                );
            }
        }
    }
}
