use super::{Check, CheckInput, Rule, report_load_findings};
use crate::diagnostic::{Finding, Severity};
use crate::load::MISSING_KIND;

pub struct MissingKind;

static RULE: Rule = Rule {
    id: MISSING_KIND,
    default_severity: Severity::Warning,
    reference: "7.5.1",
    summary: "a YAML document looks like a record but has no `kind`, so it is not read",
    explanation: r#"## What it does
A YAML document without `kind:` is not a record, and aims does not read it. This rule reports
the documents that were plainly meant as records: those with a misspelt `kind` key (`Kind:`,
`knd:`) naming a record kind, and those that have every required field of a record kind (at
least three) and no field that kind does not know.

## Why this matters
A record that is silently skipped is worse than one with an error: its risk, policy or
evidence is missing from every check and from the pack, and nobody is told.

## Example
```yaml
Kind: Risk          # `Kind` is not `kind`
id: R-012
title: Drift in the fraud model goes unnoticed
```

## How to fix
Add `kind:` (lower case) with the record kind. If the file is not a record (another tool's
YAML), exclude it with `[aims] exclude`, or list where records live with `[aims] records`."#,
};

impl Check for MissingKind {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_load_findings(input, RULE.id, out);
    }
}
