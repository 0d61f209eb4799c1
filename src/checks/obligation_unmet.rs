use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::records::Obligation;

pub struct ObligationUnmet;

static RULE: Rule = Rule {
    id: "obligation-unmet",
    default_severity: Severity::Warning,
    reference: "4.2, A.2.2",
    summary: "a legal, regulatory or contractual obligation has nothing meeting it",
    explanation: r#"## What it does
Reports every `Obligation` whose `met_by` names no Annex A control, `Control` or `Process`,
and every one whose `status` is `not-met`.

## Why this matters
Clause 4.2 asks which requirements of interested parties the AIMS addresses, and the AI policy
(A.2.2) commits to meeting applicable requirements. An obligation in the register with nothing
that meets it is a known gap: an auditor will ask what is done about it.

## Example
```yaml
kind: Obligation
id: OBL-CCA-ADVERSE-ACTION
title: Explain adverse credit decisions
source: Consumer Credit Act 1974, s.157
met_by: []               # nothing meets it
```

## How to fix
Name what meets the obligation in `met_by`: the Annex A controls (`A.8.2`), your own
`Control` records, or the `Process` that carries it out. If nothing does yet, plan it (a
`Risk` with a treatment, or an `Objective`) and set `status: in-progress`."#,
};

impl Check for ObligationUnmet {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, obligation) in input.model.typed::<Obligation>() {
            let (at, message) = if obligation.met_by.is_empty() {
                (
                    record.id_span(),
                    format!(
                        "obligation `{}` ({}) has nothing meeting it",
                        record.id, obligation.source
                    ),
                )
            } else if obligation.status.as_deref() == Some("not-met") {
                (
                    record.span_at(&key_path(&["status"])),
                    format!("obligation `{}` is recorded as not met", record.id),
                )
            } else {
                continue;
            };
            out.push(
                record
                    .finding(RULE.id, at, message)
                    .with_help("name the Annex A controls, `Control` or `Process` records that meet it in `met_by`, and plan what is missing"),
            );
        }
    }
}
