use super::{Check, CheckInput, Rule, days, days_between};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::{Measurement, Objective};

pub struct ObjectiveWithoutMeasurement;

static RULE: Rule = Rule {
    id: "objective-without-measurement",
    default_severity: Severity::Warning,
    reference: "6.2, 9.1",
    summary: "an objective has no measurement in its current period",
    explanation: r#"## What it does
Reports every `Objective` that is not `achieved`, `missed` or `cancelled` and that no
`Measurement` (with `objective:` naming it) measured within the period: the
`[evidence] max_age_days` before today (365 days unless set), or since the objective was set
when it is newer.

## Why this matters
Clause 6.2 asks how the results of each objective will be evaluated, and 9.1 for the results
of monitoring and measurement as documented information. An objective with a target but no
recent measurement cannot show progress: an auditor asks "how do you know?".

## Example
```yaml
kind: Objective
id: OBJ-FAIRNESS
metric: Approval-rate ratio between protected groups
target: ">= 0.8"             # no Measurement has `objective: OBJ-FAIRNESS` this year
```

## How to fix
Record each measurement as a `Measurement` with `objective: OBJ-FAIRNESS`, its `date` (or
`period`), `value` and `target`; keep the report itself as `Evidence`."#,
};

impl Check for ObjectiveWithoutMeasurement {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let period = input.config.evidence_max_age_days;
        // The latest measurement of each objective, in one pass over the measurements.
        let mut latest_of: std::collections::HashMap<&str, jiff::civil::Date> =
            std::collections::HashMap::new();
        for (_, measurement) in input.model.typed::<Measurement>() {
            if let (Some(objective), Some(day)) =
                (measurement.objective.as_deref(), measurement.day())
            {
                let latest = latest_of.entry(objective).or_insert(day);
                *latest = (*latest).max(day);
            }
        }
        for (record, objective) in input.model.typed::<Objective>() {
            if matches!(
                objective.status.as_deref(),
                Some("achieved" | "missed" | "cancelled")
            ) {
                continue;
            }
            let latest = latest_of.get(record.id.as_str()).copied();
            let message = match latest {
                Some(day) if days_between(day, input.today) <= i64::from(period) => continue,
                Some(day) => format!(
                    "objective `{}` was last measured {} ago, on {day}",
                    record.id,
                    days(days_between(day, input.today))
                ),
                None => format!("objective `{}` has no measurement", record.id),
            };
            out.push(
                record
                    .finding(RULE.id, record.id_span(), message)
                    .with_help(format!(
                        "record the latest result as a `Measurement` with `objective: {}`",
                        record.id
                    )),
            );
        }
    }
}
