use super::{Check, CheckInput, Rule, evidence_files, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::facts::EvidenceFile;

pub struct EvidenceMissingFile;

static RULE: Rule = Rule {
    id: "evidence-missing-file",
    default_severity: Severity::Error,
    reference: "7.5.3",
    summary: "an evidence record's `path` names no file in the repository",
    explanation: r#"## What it does
Looks up the `path` of every `Evidence` record, relative to the repository root (the folder
holding `aims.toml`), and reports it when nothing is there, when it is a folder, or when it is a
symbolic link to nothing. Files ignored by `.gitignore` still count if they exist.

## Why this matters
Evidence that cannot be produced is no evidence: 7.5.3 asks that documented information be
available where and when it is needed. A renamed or deleted file silently breaks the trace
from a control to its proof.

## Example
```yaml
kind: Evidence
id: EV-VALIDATION
path: evidence/validation-2026.pdf     # the file was renamed to validation-report-2026.pdf
```

## How to fix
Correct the `path` (it is relative to the repository root, with `/` separators), or add the
file. Evidence that lives in another system belongs in `url` instead."#,
};

impl Check for EvidenceMissingFile {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, path, fact) in evidence_files(input.model) {
            let what = match fact {
                EvidenceFile::Missing => "no file",
                EvidenceFile::NotAFile => "a folder, not a file",
                _ => continue,
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["path"])),
                        format!("evidence `{}` points at `{path}`, where there is {what}", record.id),
                    )
                    .with_help("paths are relative to the folder holding aims.toml; correct the path or add the file"),
            );
        }
    }
}
