use super::{Check, CheckInput, Rule, evidence_files, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::facts::{EvidenceFile, normalize};

pub struct EvidenceUntracked;

static RULE: Rule = Rule {
    id: "evidence-untracked",
    default_severity: Severity::Warning,
    reference: "7.5.3",
    summary: "an evidence file exists but git does not track it, so no commit holds it",
    explanation: r#"## What it does
Reports an `Evidence` record whose `path` names a file that exists in the working tree but is
not in git's index: never added, or ignored by `.gitignore`. It runs only inside a git
repository.

## Why this matters
The check passes on this machine, but the file is in no commit: a fresh clone, the CI run and
the pack of a commit (`aims pack --rev`) do not have it, and the evidence index cannot name
the commit that fixed its content. Documented information must be protected and under version
control (7.5.3).

## Example
```text
$ git status --short
?? evidence/pen-test-2026.pdf
```

## How to fix
`git add` the file and commit it. If `.gitignore` excludes it (a `*.pdf` rule, say), add an
exception such as `!evidence/**`. Evidence that must not be in git belongs in `url`."#,
};

impl Check for EvidenceUntracked {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, path, fact) in evidence_files(input.model) {
            let EvidenceFile::Present { .. } = fact else {
                continue;
            };
            if input.model.git.is_tracked(&normalize(path)) != Some(false) {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["path"])),
                        format!(
                            "evidence `{}` points at `{path}`, which git does not track: no commit holds it, so a clone, CI and the pack of a commit lack it",
                            record.id
                        ),
                    )
                    .with_label("not in git")
                    .with_help("`git add` and commit the file (if .gitignore excludes it, add an exception such as `!evidence/**`)"),
            );
        }
    }
}
