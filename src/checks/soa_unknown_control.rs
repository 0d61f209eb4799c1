use super::{Check, CheckInput, Rule, soa_entries};
use crate::diagnostic::{Finding, Severity, closest};
use crate::model::catalog::{self, CONTROLS};

pub struct SoaUnknownControl;

static RULE: Rule = Rule {
    id: "soa-unknown-control",
    default_severity: Severity::Error,
    reference: "6.1.3 f",
    summary: "the Statement of Applicability lists a control that Annex A does not have",
    explanation: r#"## What it does
Reports every key of a Statement of Applicability's `controls` map that is not an ISO/IEC 42001
Annex A control id, with the closest real id as a suggestion.

## Why this matters
A misspelt control id hides two problems: the entry decides nothing, and the control it meant
is still undecided. Controls from other standards (ISO/IEC 27001's `A.5.1`, say) do not belong
in the AIMS SoA either.

## Example
```yaml
controls:
  A.6.2.10: {applicable: true, justification: Monitoring, status: implemented}  # no such control
```

## How to fix
Correct the id (`aims controls` lists them all) or remove the entry. Area ids such as `A.6`
are not controls: list the controls inside the area."#,
};

impl Check for SoaUnknownControl {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        // From the tree, not the typed data: a bad key must be found even when another
        // entry made the record schema-invalid.
        for (record, key, _) in soa_entries(input.model) {
            if catalog::control(&key.name).is_some() {
                continue;
            }
            let help = match closest(&key.name, CONTROLS.iter().map(|c| c.id)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if catalog::area(&key.name).is_some() => format!(
                    "`{}` is an Annex A area; list its controls one by one",
                    key.name
                ),
                None => "`aims controls` lists the Annex A controls".to_string(),
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        key.span,
                        format!("`{}` is not an ISO/IEC 42001 Annex A control", key.name),
                    )
                    .with_help(help),
            );
        }
    }
}
