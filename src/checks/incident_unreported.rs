use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Incident;

pub struct IncidentUnreported;

static RULE: Rule = Rule {
    id: "incident-unreported",
    default_severity: Severity::Error,
    reference: "A.8.4",
    summary: "a serious incident has no external report date",
    explanation: r#"## What it does
Reports every `Incident` with `severity: serious` whose `external_report` does not give the
`date` it was reported outside the organization.

## Why this matters
Control A.8.4 asks that incidents be communicated to those who need to know. For a serious
incident that includes authorities: the EU AI Act (Article 73) requires providers of high-risk
AI systems to report a serious incident to the market surveillance authority, within 15 days
at most, and sooner for the gravest. An auditor will ask when, and to whom.

## Example
```yaml
kind: Incident
id: INC-2026-004
severity: serious        # no external_report: {to: ..., date: ...}
```

## How to fix
Record the report: `external_report: {to: <authority or party>, date: <date>}`. If the incident
turned out not to be serious, correct `severity` and say why in the record."#,
};

impl Check for IncidentUnreported {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, incident) in input.model.typed::<Incident>() {
            if incident.severity.as_deref() != Some("serious")
                || incident
                    .external_report
                    .as_ref()
                    .is_some_and(|r| r.date.is_some())
            {
                continue;
            }
            let at = if incident.external_report.is_some() {
                record.key_span_at(&key_path(&["external_report"]))
            } else {
                record.span_at(&key_path(&["severity"]))
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        at,
                        format!(
                            "serious incident `{}` has no date of its external report",
                            record.id
                        ),
                    )
                    .with_help("record it: `external_report: {to: <authority>, date: <date>}`"),
            );
        }
    }
}
