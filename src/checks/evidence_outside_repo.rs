use super::{Check, CheckInput, Rule, evidence_files, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::facts::EvidenceFile;

pub struct EvidenceOutsideRepo;

static RULE: Rule = Rule {
    id: "evidence-outside-repo",
    default_severity: Severity::Error,
    reference: "7.5.3",
    summary: "an evidence `path` leaves the repository",
    explanation: r#"## What it does
Reports every `Evidence` path that is absolute (`/etc/passwd`, `C:\...`, `\\server\share`),
climbs out of the repository with `..` (also written with backslashes), hides `..` or a
separator in percent-encoding (`%2e%2e%2f`), points into `.git/` (git's own store, in no
commit), holds a control character, or goes through a symbolic link whose target is outside
the repository. `aims` never reads such a file, not even to hash it for the pack.

## Why this matters
The evidence pack must be reproducible from the repository alone: a file outside it is not
under version control, is not in the auditor's copy, and may be something that should never
be published (a path in a pull request could otherwise make CI copy a secret into the pack).

## Example
```yaml
path: ../../etc/passwd
path: /home/alice/Downloads/validation.pdf
```

## How to fix
Commit the evidence into the repository and point at it with a relative path, or use `url`
for evidence kept in another system of record."#,
};

impl Check for EvidenceOutsideRepo {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, path, fact) in evidence_files(input.model) {
            let EvidenceFile::Outside(escape) = fact else {
                continue;
            };
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["path"])),
                        format!(
                            "evidence `{}` path `{}` {}; it was not read",
                            record.id,
                            path.escape_debug(),
                            escape.describe()
                        ),
                    )
                    .with_label("outside the repository")
                    .with_help("commit the file into the repository and use a relative path, or use `url` for evidence kept elsewhere"),
            );
        }
    }
}
