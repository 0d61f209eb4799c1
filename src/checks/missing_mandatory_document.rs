use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity, Span};
use crate::model::Record;
use crate::model::catalog::{DOCUMENTED_INFORMATION, DocumentedInformation};
use crate::model::coverage::{Provision, provision};

pub struct MissingMandatoryDocument;
pub struct MissingExpectedDocument;

pub const RULE_ID: &str = "missing-mandatory-document";
pub const EXPECTED_RULE_ID: &str = "missing-expected-document";

static RULE: Rule = Rule {
    id: RULE_ID,
    default_severity: Severity::Error,
    reference: "7.5.1 a",
    summary: "documented information that clauses 4-10 require is missing",
    explanation: r#"## What it does
Checks that the repository holds each piece of documented information clauses 4 to 10 require,
and reports each one that nothing provides, naming the clause. The list is the catalog's
(`aims controls` prints it under each clause); `aims status` reads the same list.

| clause | documented information | provided by |
|---|---|---|
| 4.3 | AIMS scope statement | a `Context` record with `scope` |
| 4.4 | documentation of the AIMS and its processes | a `Process` that `implements` 4.4 |
| 5.2 | AI policy | a `Policy` with `type: ai-policy` |
| 6.1.1 | AI risk criteria | `[risk]` in `aims.toml` |
| 6.1.1 | records of actions on AI risks and opportunities | a `Risk` |
| 6.1.2 | AI risk assessment process | a `Process` that `implements` 6.1.2 |
| 6.1.3 | AI risk treatment process | a `Process` that `implements` 6.1.3 |
| 6.1.3 f | Statement of Applicability | a `StatementOfApplicability` |
| 6.1.4, 8.4 | AI system impact assessment results | an `ImpactAssessment` |
| 6.2 | AI objectives | an `Objective` |
| 7.2 | evidence of competence | a `Competence` record that cites `evidence` |
| 8.2 | AI risk assessment results | a `Risk` |
| 8.3 | AI risk treatment results | a `Risk` with `residual` levels (or treated, accepted, closed), or `Evidence` that `supports` 8.3 |
| 9.1 | monitoring and measurement results | a `Measurement`, or an `Evidence` record that `supports` 9.1 |
| 9.2.2 | internal audit programme and results | an `Audit` of type `internal` |
| 9.3.3 | management review results | a `ManagementReview` |
| 10.2 | nonconformities and corrective actions, or the process for them | a `Nonconformity`, or a `Process` that `implements` 10.2 (no nonconformity having occurred is no gap) |

Findings are placed at the top of `aims.toml`, since no file holds what is missing. When only
a draft (`draft: true`) would provide an item, the finding says the item is still a draft and
points at the draft; when only a record that fails its schema would, its schema errors are
reported and its absence is not. What the
standard implies but does not demand in so many words is `missing-expected-document`.

## Why this matters
A certification audit starts (stage 1) with a review of the mandatory documented information.
A missing one stops the audit at the first step. The processes (4.4, 6.1.2, 6.1.3) are asked
for as documents in their own right: risks without a written way of assessing them do not
show a repeatable process.

## Example
A repository with risks, systems and a policy but no `StatementOfApplicability` gets
`no Statement of Applicability (6.1.3 f)`.

## How to fix
Add the record the help names. `aims init` writes a commented template for every kind, and
`aims status` shows which clauses are covered."#,
};

static EXPECTED: Rule = Rule {
    id: EXPECTED_RULE_ID,
    default_severity: Severity::Warning,
    reference: "7.5.1 b",
    summary: "documented information an auditor expects (though clauses 4-10 do not demand it in so many words) is missing",
    explanation: r#"## What it does
Reports each piece of documented information that the standard implies and auditors ask for,
when nothing provides it:

| clause | documented information | provided by |
|---|---|---|
| 6.1.4 | AI system impact assessment process | a `Process` that `implements` 6.1.4 |
| 8.1 | evidence that processes were carried out as planned | `Evidence` that `supports` 8.1, or a `Process` that `implements` 8.1 |
| 9.2.2 | audit programme | a `Process` that `implements` 9.2.2 |

## Why this matters
7.5.1 b) asks for the documented information the organization finds necessary for the AIMS to
be effective. An impact assessment without a written process, or audits without a programme,
are what a stage 1 auditor raises as an observation that becomes a nonconformity at stage 2.

## Example
Impact assessments exist, but no `Process` says when and how they are made:
`no AI system impact assessment process (6.1.4)`.

## How to fix
Add the record the help names, or turn the rule off in `[rules]` with a reason in your AIMS
documentation if the information really is not needed."#,
};

/// One finding per item of `DOCUMENTED_INFORMATION` with the given need that nothing
/// complete provides: "still a draft" at the draft when only drafts would provide it, nothing
/// when only records with schema errors would (their errors say it already), "no ..." otherwise.
fn report_missing(
    input: &CheckInput<'_>,
    rule: &'static str,
    required: bool,
    out: &mut Vec<Finding>,
) {
    for item in DOCUMENTED_INFORMATION
        .iter()
        .filter(|i| i.required == required)
    {
        match provision(input.model, input.config, item.provided_by) {
            Provision::Provided | Provision::Invalid(_) => {}
            Provision::Draft(draft) => out.push(still_a_draft(rule, item, draft)),
            Provision::Missing => out.push(finding(input, rule, item)),
        }
    }
}

fn finding(
    input: &CheckInput<'_>,
    rule: &'static str,
    item: &'static DocumentedInformation,
) -> Finding {
    let need = if item.required { "requires" } else { "expects" };
    Finding::new(
        rule,
        &input.config.source.path,
        Span::file_start(),
        format!(
            "no {} ({}): ISO/IEC 42001 {need} it as documented information",
            item.what, item.clause
        ),
    )
    .with_help(item.fix)
    .about_clause(item.clause)
    .about_item(item.what)
}

fn still_a_draft(
    rule: &'static str,
    item: &'static DocumentedInformation,
    draft: &Record,
) -> Finding {
    draft
        .finding(
            rule,
            draft.key_span_at(&key_path(&["draft"])),
            format!(
                "the {} ({}) is still a draft: {} `{}` is marked `draft: true`",
                item.what,
                item.clause,
                draft.kind.label(),
                draft.id
            ),
        )
        .with_help(
            "complete the record (the fields its schema requires), have it approved, and remove \
             `draft: true`",
        )
        .about_clause(item.clause)
        .about_item(item.what)
}

impl Check for MissingMandatoryDocument {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_missing(input, RULE.id, true, out);
    }
}

impl Check for MissingExpectedDocument {
    fn rule(&self) -> &'static Rule {
        &EXPECTED
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        report_missing(input, EXPECTED.id, false, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explanations_list_every_item_of_the_catalog() {
        for item in DOCUMENTED_INFORMATION {
            let text = if item.required {
                RULE.explanation
            } else {
                EXPECTED.explanation
            };
            let row = format!("| {} | {} |", item.clause, item.what);
            assert!(
                text.contains(&row),
                "{row} is not in the explanation of its rule"
            );
        }
    }
}
