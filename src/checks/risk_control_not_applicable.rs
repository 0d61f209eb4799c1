use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::{Risk, StatementOfApplicability};
use crate::syntax::tree::Step;

pub struct RiskControlNotApplicable;

static RULE: Rule = Rule {
    id: "risk-control-not-applicable",
    default_severity: Severity::Error,
    reference: "6.1.3 b, 6.1.3 f",
    summary: "a risk is treated by a control the Statement of Applicability excludes",
    explanation: r#"## What it does
Reports every control in a risk's `treatment.controls` that a Statement of Applicability marks
`applicable: false`, with a note at the exclusion.

## Why this matters
Clause 6.1.3 has the organization compare the controls its risk treatment needs with Annex A
and record the result in the SoA. A control that treats a risk but is excluded in the SoA is a
contradiction an auditor finds by putting the two documents side by side.

## Example
```yaml
# risks/R-004.yaml
treatment: {option: mitigate, controls: [A.10.4]}
# statement-of-applicability.yaml
A.10.4: {applicable: false, justification: We supply no AI systems to customers.}
```

## How to fix
Either the control applies (mark it applicable in the SoA, with status and evidence) or the
risk is treated by other controls (correct the risk's `controls`)."#,
};

impl Check for RiskControlNotApplicable {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let soas: Vec<_> = input.model.typed::<StatementOfApplicability>().collect();
        for (record, risk) in input.model.typed::<Risk>() {
            for (i, control) in risk.treatment.controls.iter().enumerate() {
                let Some((soa_record, _)) = soas
                    .iter()
                    .find(|(_, soa)| soa.controls.get(control).is_some_and(|e| !e.applicable))
                else {
                    continue;
                };
                let at = record.span_at(&[
                    Step::Key("treatment".into()),
                    Step::Key("controls".into()),
                    Step::Index(i),
                ]);
                let excluded_at = soa_record
                    .key_span_at(&[Step::Key("controls".into()), Step::Key(control.to_string())]);
                out.push(
                    record
                        .finding(
                            RULE.id,
                            at,
                            format!(
                                "risk `{}` is treated by control {control}, which statement of applicability `{}` excludes",
                                record.id, soa_record.id
                            ),
                        )
                        .with_related(soa_record.file(), excluded_at, "excluded here")
                        .with_help("mark the control applicable in the SoA, or treat the risk with controls that apply"),
                );
            }
        }
    }
}
