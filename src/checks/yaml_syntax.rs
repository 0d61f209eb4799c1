use super::{Check, CheckInput, Rule, report_load_findings};
use crate::diagnostic::{Finding, Severity};
use crate::load::YAML_SYNTAX;

pub struct YamlSyntax;

static RULE: Rule = Rule {
    id: YAML_SYNTAX,
    default_severity: Severity::Error,
    reference: "7.5.2",
    summary: "a record file is not valid YAML, or uses YAML features aims refuses",
    explanation: r#"## What it does
Reports a YAML file (or a Markdown file's front matter) that cannot be read: broken
indentation, an unclosed bracket or quote, a duplicate key, a tag such as `!include` or
`!!python/object`, values nested more than 64 levels deep, or aliases that expand to far more
data than the file holds.

## Why this matters
A record that cannot be read is a record the AIMS does not have. Duplicate keys are refused
because YAML loaders silently keep one of the two values; tags are refused because they would
make plain data executable or load other files.

## Example
```yaml
kind: Risk
id: R-001
  title: Unfair credit decisions   # indented under `id`
```

## How to fix
Fix the line the report points at. Documents in the same file before the error are still
checked. Quote values that YAML would otherwise interpret."#,
};

impl Check for YamlSyntax {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_load_findings(input, RULE.id, out);
    }
}
