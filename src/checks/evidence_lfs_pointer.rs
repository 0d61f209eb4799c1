use super::{Check, CheckInput, Rule, evidence_files, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::facts::EvidenceFile;

pub struct EvidenceLfsPointer;

static RULE: Rule = Rule {
    id: "evidence-lfs-pointer",
    default_severity: Severity::Error,
    reference: "7.5.3",
    summary: "an evidence file is a Git LFS pointer, not the document: the LFS object was not fetched",
    explanation: r#"## What it does
Reports an `Evidence` record whose `path` holds a Git LFS pointer file (a few lines starting
`version https://git-lfs.github.com/spec/v1`) instead of the document it stands for. That is
what a checkout without Git LFS, or with LFS but without `git lfs pull`, leaves behind.

## Why this matters
The pointer is not the evidence: its hash is not the document's, and a pack built from this
checkout would carry a 130-byte text file where the auditor expects the report. Documented
information must be available where and when it is needed (7.5.3).

## Example
```text
$ cat evidence/validation-2026.pdf
version https://git-lfs.github.com/spec/v1
oid sha256:4d7a2146...
size 1843112
```

## How to fix
Fetch the objects: `git lfs install && git lfs pull`. In GitHub Actions, check out with
`lfs: true` (`actions/checkout` with `with: { lfs: true }`)."#,
};

impl Check for EvidenceLfsPointer {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, path, fact) in evidence_files(input.model) {
            let EvidenceFile::LfsPointer = fact else {
                continue;
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["path"])),
                        format!(
                            "evidence `{}` points at `{path}`, which is a Git LFS pointer, not the document: the LFS object was not fetched",
                            record.id
                        ),
                    )
                    .with_label("LFS pointer")
                    .with_help("run `git lfs pull`; in GitHub Actions check out with `lfs: true`"),
            );
        }
    }
}
