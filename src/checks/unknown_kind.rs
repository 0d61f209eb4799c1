use super::{Check, CheckInput, Rule, report_load_findings};
use crate::diagnostic::{Finding, Severity};
use crate::load::UNKNOWN_KIND;

pub struct UnknownKind;

static RULE: Rule = Rule {
    id: UNKNOWN_KIND,
    default_severity: Severity::Error,
    reference: "7.5.1",
    summary: "a document's `kind` is not one of the record kinds aims knows",
    explanation: r#"## What it does
Reports a YAML document or Markdown front matter whose `kind:` is not a known record kind
(`aims schema` lists them). Kinds are case-sensitive. Documents of other tools that carry their
own `kind` are not records and are skipped: those with `apiVersion` (Kubernetes, Backstage,
Kyverno) or with both `metadata` and `spec`.

## Why this matters
A record of an unknown kind is not checked and not in the evidence pack: the information in it
is lost to the AIMS.

## Example
```yaml
kind: AiSystem     # the kind is spelled `AISystem`
id: credit-scoring
```

## How to fix
Use the kind the help line suggests. Files that are not records should not have a `kind:`
key, or should be excluded with `[aims] exclude`."#,
};

impl Check for UnknownKind {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_load_findings(input, RULE.id, out);
    }
}
