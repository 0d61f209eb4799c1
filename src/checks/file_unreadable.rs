use super::{Check, CheckInput, Rule, report_load_findings};
use crate::diagnostic::{Finding, Severity};
use crate::load::FILE_UNREADABLE;

pub struct FileUnreadable;

static RULE: Rule = Rule {
    id: FILE_UNREADABLE,
    default_severity: Severity::Error,
    reference: "7.5.3",
    summary: "a YAML or Markdown file could not be read at all",
    explanation: r#"## What it does
Reports a `.yaml`, `.yml` or `.md` file below the repository root that aims could not read:
larger than `[aims] max_file_size_mib` (10 MiB by default), not valid UTF-8, or refused by the
operating system.

## Why this matters
Documented information must be available and readable (7.5.3). A file that cannot be read may
hold records that are then silently missing.

## Example
A spreadsheet export saved as `risks.yaml` in Windows-1252 encoding.

## How to fix
Save the file as UTF-8, split very large files, or exclude files that are not records with
`[aims] exclude` in `aims.toml`."#,
};

impl Check for FileUnreadable {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_load_findings(input, RULE.id, out);
    }
}
