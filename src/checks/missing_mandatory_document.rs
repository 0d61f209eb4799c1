use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity, Span};
use crate::model::records::Evidence;
use crate::model::settings::Config;
use crate::model::{Kind, Model};

pub struct MissingMandatoryDocument;

pub const RULE_ID: &str = "missing-mandatory-document";

static RULE: Rule = Rule {
    id: RULE_ID,
    default_severity: Severity::Error,
    reference: "7.5.1 a",
    summary: "documented information that clauses 4-10 require is missing",
    explanation: r#"## What it does
Checks that the repository holds each piece of documented information clauses 4 to 10 require,
and reports each one that no record provides, naming the clause:

| clause | documented information | provided by |
|---|---|---|
| 4.3 | AIMS scope | a `Context` record with `scope` |
| 5.2 | AI policy | a `Policy` with `type: ai-policy` |
| 6.1.1 | AI risk criteria | `[risk]` in `aims.toml` |
| 6.1.3 | Statement of Applicability | a `StatementOfApplicability` |
| 6.1.4, 8.4 | impact assessment results | an `ImpactAssessment` |
| 6.2 | AI objectives | an `Objective` |
| 7.2 | evidence of competence | a `Competence` record |
| 8.2 | risk assessment results | a `Risk` |
| 9.1 | monitoring and measurement results | an `Evidence` record that `supports` 9.1 |
| 9.2.2 | audit programme and results | an `Audit` of type `internal` |
| 9.3.3 | management review results | a `ManagementReview` |

Findings are placed at the top of `aims.toml`, since no file holds what is missing.

## Why this matters
A certification audit starts (stage 1) with a review of the mandatory documented information.
A missing one stops the audit at the first step.

## Example
A repository with risks, systems and a policy but no `StatementOfApplicability` gets
`no Statement of Applicability (6.1.3 f)`.

## How to fix
Add the record the help names. `aims init` writes a commented template for every kind, and
`aims status` shows which clauses are covered."#,
};

/// One piece of mandatory documented information and how the repository provides it.
pub struct Requirement {
    pub clause: &'static str,
    pub what: &'static str,
    pub fix: &'static str,
    pub provided: fn(&Model, &Config) -> bool,
}

fn any_of(model: &Model, kind: Kind) -> bool {
    model.of_kind(kind).next().is_some()
}

pub const REQUIREMENTS: &[Requirement] = &[
    Requirement {
        clause: "4.3",
        what: "AIMS scope statement",
        fix: "add a `Context` record with the `scope` of the AI management system",
        provided: |model, _| {
            model.of_kind(Kind::Context).any(|r| {
                r.node
                    .get("scope")
                    .and_then(|s| s.as_str())
                    .is_some_and(|s| !s.trim().is_empty())
            })
        },
    },
    Requirement {
        clause: "5.2",
        what: "AI policy",
        fix: "add a `Policy` record with `type: ai-policy`",
        provided: |model, _| {
            model
                .of_kind(Kind::Policy)
                .any(|r| r.node.get("type").and_then(|t| t.as_str()) == Some("ai-policy"))
        },
    },
    Requirement {
        clause: "6.1.1",
        what: "AI risk criteria",
        fix: "add a `[risk]` table to aims.toml with the `likelihood` and `impact` scales and the `acceptance` threshold",
        provided: |_, config| config.node.get("risk").is_some(),
    },
    Requirement {
        clause: "6.1.3 f",
        what: "Statement of Applicability",
        fix: "add a `StatementOfApplicability` record deciding on all 38 Annex A controls",
        provided: |model, _| any_of(model, Kind::StatementOfApplicability),
    },
    Requirement {
        clause: "6.1.4, 8.4",
        what: "AI system impact assessment results",
        fix: "add an `ImpactAssessment` record for each AI system",
        provided: |model, _| any_of(model, Kind::ImpactAssessment),
    },
    Requirement {
        clause: "6.2",
        what: "AI objectives",
        fix: "add `Objective` records with a metric, target, owner and due date",
        provided: |model, _| any_of(model, Kind::Objective),
    },
    Requirement {
        clause: "7.2",
        what: "evidence of competence",
        fix: "add `Competence` records for the roles that work on AI systems",
        provided: |model, _| any_of(model, Kind::Competence),
    },
    Requirement {
        clause: "8.2",
        what: "AI risk assessment results",
        fix: "add `Risk` records for the AI systems in scope",
        provided: |model, _| any_of(model, Kind::Risk),
    },
    Requirement {
        clause: "9.1",
        what: "monitoring and measurement results",
        fix: "add an `Evidence` record of monitoring results with `supports: [\"9.1\"]`",
        provided: |model, _| {
            model
                .typed::<Evidence>()
                .any(|(_, e)| e.supports.iter().any(|s| s == "9.1"))
        },
    },
    Requirement {
        clause: "9.2.2",
        what: "internal audit programme and results",
        fix: "add an `Audit` record of the internal audit with its scope and findings",
        provided: |model, _| {
            model.of_kind(Kind::Audit).any(|r| {
                r.node
                    .get("type")
                    .and_then(|t| t.as_str())
                    .is_none_or(|t| t == "internal")
            })
        },
    },
    Requirement {
        clause: "9.3.3",
        what: "management review results",
        fix: "add a `ManagementReview` record with its attendees, inputs and decisions",
        provided: |model, _| any_of(model, Kind::ManagementReview),
    },
];

impl Check for MissingMandatoryDocument {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for requirement in REQUIREMENTS {
            if (requirement.provided)(input.model, input.config) {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.id,
                    &input.config.source.path,
                    Span::file_start(),
                    format!(
                        "no {} ({}): ISO/IEC 42001 requires it as documented information",
                        requirement.what, requirement.clause
                    ),
                )
                .with_help(requirement.fix)
                .about_clause(requirement.clause),
            );
        }
    }
}
