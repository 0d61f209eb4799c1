use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Measurement;

pub struct MeasurementTargetMissed;

static RULE: Rule = Rule {
    id: "measurement-target-missed",
    default_severity: Severity::Warning,
    reference: "9.1, 10.2",
    summary: "a measurement missed its target and no nonconformity or incident follows it up",
    explanation: r#"## What it does
Reports every `Measurement` that missed its target and names neither a `nonconformity` nor an
`incident`. A measurement misses its target when `result: not-met`, or, without `result`, when
its numeric `value` fails its `target` (`>= 0.95`, `< 2%`, or a bare number as a floor).

## Why this matters
Monitoring (9.1) is there to act on: a result below target that nobody followed up shows
measurement without management. Clause 10.2 asks that nonconformities be reacted to, and
A.8.4 that incidents be handled; an auditor who finds a missed target will ask for either.

## Example
```yaml
kind: Measurement
metric: Approval-rate ratio between protected groups
value: 0.74
target: ">= 0.8"          # missed, and no `nonconformity:` or `incident:`
```

## How to fix
Raise a `Nonconformity` (or an `Incident`, when people were affected) and name it in the
measurement's `nonconformity` (or `incident`) field. If the target was wrong rather than the
system, correct the objective and say so in the measurement's body."#,
};

impl Check for MeasurementTargetMissed {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, measurement) in input.model.typed::<Measurement>() {
            if measurement.met() != Some(false)
                || measurement.nonconformity.is_some()
                || measurement.incident.is_some()
            {
                continue;
            }
            let at = if measurement.result.is_some() {
                "result"
            } else {
                "value"
            };
            let target = measurement
                .target
                .as_ref()
                .map(|t| match t {
                    serde_json::Value::String(s) => format!(" (target {s})"),
                    other => format!(" (target {other})"),
                })
                .unwrap_or_default();
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&[at])),
                        format!(
                            "measurement `{}` of {} missed its target{target}, and no nonconformity or incident follows it up",
                            record.id, measurement.metric
                        ),
                    )
                    .with_help("raise a `Nonconformity` or an `Incident` and name it in `nonconformity:` or `incident:`"),
            );
        }
    }
}
