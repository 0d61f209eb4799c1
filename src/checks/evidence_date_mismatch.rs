use super::evidence_stale::short;
use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::facts::normalize;
use crate::model::records::Evidence;

pub struct EvidenceDateMismatch;

static RULE: Rule = Rule {
    id: "evidence-date-mismatch",
    default_severity: Severity::Warning,
    reference: "7.5.3",
    summary: "evidence claims a later `collected` date than the last commit of its file",
    explanation: r#"## What it does
For evidence committed in the repository (`path`), compares `collected` with the date of the
commit that last changed the file. A `collected` date after that commit is reported: the
record says the evidence was collected again, but the file in the repository is older.
Files with uncommitted changes, URL evidence and unknown history (no git, shallow clone) are
not checked.

## Why this matters
Auditors trust evidence whose history they can verify. A `collected` date bumped without the
new file being committed makes stale evidence look fresh, which is exactly what document
control (7.5.3) is meant to prevent.

## Example
```yaml
id: EV-FAIRNESS-MONITORING
path: evidence/fairness-2026-10.csv    # last changed in a commit of 2026-06-03
collected: 2026-11-02                  # but the record claims November
```

## How to fix
Commit the newly collected file, or set `collected` back to the date the file was collected."#,
};

impl Check for EvidenceDateMismatch {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let git = &input.model.git;
        for (record, evidence) in input.model.typed::<Evidence>() {
            let Some(path) = evidence.path.as_deref().map(normalize) else {
                continue;
            };
            if git.is_dirty(&path) != Some(false) {
                continue;
            }
            let Some(commit) = git.last_change(&path) else {
                continue;
            };
            if evidence.collected <= commit.date {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["collected"])),
                        format!(
                            "evidence `{}` says it was collected on {}, but its file `{path}` was last changed on {} (commit {})",
                            record.id,
                            evidence.collected,
                            commit.date,
                            short(&commit.id)
                        ),
                    )
                    .with_help("commit the newly collected file, or set `collected` to the date the file was collected"),
            );
        }
    }
}
