use super::{Check, CheckInput, Rule, report_load_findings};
use crate::diagnostic::{Finding, Severity};
use crate::load::SCHEMA;

pub struct SchemaViolation;

static RULE: Rule = Rule {
    id: SCHEMA,
    default_severity: Severity::Error,
    reference: "7.5.2",
    summary: "a record does not match the JSON Schema of its kind",
    explanation: r#"## What it does
Validates every record against the bundled JSON Schema of its kind (`aims schema KIND` prints
it): required fields, field types, allowed values, date formats, and no unknown fields.

## Why this matters
A typo in a field name would otherwise pass silently and the information would be missing
from the AIMS. Records that fail the schema are still used for `duplicate-id` and as targets of
references, but other rules skip them.

## Example
```yaml
kind: StatementOfApplicability
id: soa
controls:
  A.2.2:
    applicable: no        # YAML 1.2 reads `no` as text, not false
    justification: Covered by the AI policy
```

## How to fix
Follow the message: rename the unknown field (the help suggests the closest known one), add
the missing field, or write the value in the expected form. Quote ids such as `"6.10"` that
YAML would read as numbers."#,
};

impl Check for SchemaViolation {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_load_findings(input, RULE.id, out);
    }
}
