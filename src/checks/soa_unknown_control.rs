use super::{Check, CheckInput, Rule, soa_entries};
use crate::diagnostic::{Finding, Severity, closest_id};
use crate::model::Kind;
use crate::model::catalog::{self, CONTROLS};

pub struct SoaUnknownControl;

static RULE: Rule = Rule {
    id: "soa-unknown-control",
    default_severity: Severity::Error,
    reference: "6.1.3 d, 6.1.3 f",
    summary: "the Statement of Applicability lists a control that is neither in Annex A nor a `Control` record",
    explanation: r#"## What it does
Reports every key of a Statement of Applicability's `controls` map that is neither an ISO/IEC
42001 Annex A control id nor the id of a `Control` record (a control beyond Annex A). A
suggestion is offered only for the same id written differently (`a.6.24` for `A.6.2.4`) or with
two characters swapped, never for a different control that looks alike.

## Why this matters
A misspelt control id hides two problems: the entry decides nothing, and the control it meant
is still undecided. Controls beyond Annex A are welcome (6.1.3 d asks for the controls the
treatment needs, wherever they come from), but each needs a `Control` record that says what it
is, so that an ISO/IEC 27001 id such as `A.5.15` is listed on purpose, not by accident.

## Example
```yaml
controls:
  A.6.2.10: {applicable: true, justification: Monitoring, status: implemented}  # no such control
```

## How to fix
Correct the id (`aims controls` lists them all), add a `Control` record for a control beyond
Annex A, or remove the entry. Area ids such as `A.6`
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
            if catalog::control(&key.name).is_some()
                || input.model.contains(Kind::Control, &key.name)
            {
                continue;
            }
            let known = CONTROLS
                .iter()
                .map(|c| c.id)
                .chain(input.model.ids_of(Kind::Control));
            let help = match closest_id(&key.name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None if catalog::area(&key.name).is_some() => format!(
                    "`{}` is an Annex A area; list its controls one by one",
                    key.name
                ),
                None => format!(
                    "`aims controls` lists the Annex A controls; for a control beyond Annex A (an in-house one, or another standard's), add a `Control` record with `id: {}`",
                    key.name
                ),
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        key.span(),
                        format!(
                            "`{}` is neither an ISO/IEC 42001 Annex A control nor a `Control` record",
                            key.name
                        ),
                    )
                    .with_help(help),
            );
        }
    }
}
