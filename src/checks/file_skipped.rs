use super::{Check, CheckInput, Rule, report_load_findings};
use crate::diagnostic::{Finding, Severity};
use crate::load::FILE_SKIPPED;

pub struct FileSkipped;

static RULE: Rule = Rule {
    id: FILE_SKIPPED,
    default_severity: Severity::Warning,
    reference: "7.5.3",
    summary: "a YAML or Markdown file is not read: a symbolic link, a pipe or another special file",
    explanation: r#"## What it does
Reports every `*.yaml`, `*.yml` or `*.md` path below the AIMS root (not excluded) that is not a
regular file: a symbolic link (inside or outside the repository), a FIFO, a socket or a device.
aims never follows links and never opens special files, so anything such a path holds is not
checked; this rule says so instead of skipping it in silence.

## Why this matters
A gate that quietly skips an input is one that can be slipped past: a record swapped for a
link to a file outside the repository would never be checked, and a reviewer would believe it
was. Documented information has to be under control (7.5.3), which starts with knowing what
was read.

## Example
```text
risks/R-009.yaml -> /home/alice/drafts/R-009.yaml
```

## How to fix
Put the file itself in the repository, or exclude the path with `[aims] exclude` if it is not
a record."#,
};

impl Check for FileSkipped {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_load_findings(input, RULE.id, out);
    }
}
