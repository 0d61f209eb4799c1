use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity, closest, closest_id};
use crate::model::refs::{Target, references, resolves};
use crate::model::{Kind, catalog};

pub struct DanglingReference;

static RULE: Rule = Rule {
    id: "dangling-reference",
    default_severity: Severity::Error,
    reference: "7.5.2, 6.1.3",
    summary: "a record refers to a record, clause or control that does not exist",
    explanation: r#"## What it does
Follows every reference field (owners and roles, AI systems, datasets, suppliers, evidence,
nonconformities, risks) to the record it names, and checks clause, Annex A control and
Annex C ids against the built-in ISO/IEC 42001 catalog (`aims controls`).

## Why this matters
Traceability is what an auditor tests: a risk treated by a control that does not exist, or an
AI system owned by a role nobody holds, is a gap in the management system even when each file
looks fine on its own.

## Example
```yaml
kind: Risk
id: R-001
ai_systems: [triage-v2]     # no AISystem has id `triage-v2`
treatment:
  option: mitigate
  controls: [A.6.2.9]       # Annex A has no A.6.2.9
```

## How to fix
Correct the id (the help suggests the closest existing one), or add the missing record.
Clause ids must be quoted when YAML would read them as numbers (`"9.2"`)."#,
};

impl Check for DanglingReference {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let model = input.model;
        for record in model.records.iter().filter(|r| r.data.is_some() || r.draft) {
            for reference in references(record) {
                if resolves(model, reference.target, reference.value) {
                    continue;
                }
                // Only a miss pays for collecting suggestions.
                let candidates: Vec<&str> = match reference.target {
                    Target::Record(kind) => model.ids_of(kind).collect(),
                    Target::Control => catalog::CONTROLS
                        .iter()
                        .map(|c| c.id)
                        .chain(model.ids_of(Kind::Control))
                        .collect(),
                    Target::ControlOrProcess => catalog::CONTROLS
                        .iter()
                        .map(|c| c.id)
                        .chain(model.ids_of(Kind::Control))
                        .chain(model.ids_of(Kind::Process))
                        .collect(),
                    Target::ClauseOrControl => catalog::CLAUSES
                        .iter()
                        .map(|c| c.id)
                        .chain(catalog::CONTROLS.iter().map(|c| c.id))
                        .chain(model.ids_of(Kind::Control))
                        .collect(),
                    Target::AnnexC => catalog::ANNEX_C_OBJECTIVES
                        .iter()
                        .chain(catalog::ANNEX_C_RISK_SOURCES)
                        .map(|c| c.id)
                        .collect(),
                };
                let what = match reference.target {
                    Target::Record(_) => "which does not exist".to_string(),
                    Target::Control => {
                        "which is neither an ISO/IEC 42001 Annex A control nor a `Control` record"
                            .to_string()
                    }
                    Target::ClauseOrControl => {
                        "which is not an ISO/IEC 42001 clause, an Annex A control or a `Control` record"
                            .to_string()
                    }
                    Target::ControlOrProcess => {
                        "which is neither an Annex A control nor a `Control` or `Process` record"
                            .to_string()
                    }
                    Target::AnnexC => "which is not an ISO/IEC 42001 Annex C item".to_string(),
                };
                let near = match reference.target {
                    Target::Record(_) => closest(reference.value, candidates.iter().copied()),
                    // Ids of the catalog: never a look-alike from another family.
                    _ => closest_id(reference.value, candidates.iter().copied()),
                };
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => match reference.target {
                        Target::Record(kind) => format!(
                            "add a `{}` record with `id: {}`, or correct the reference",
                            kind.name(),
                            reference.value
                        ),
                        Target::Control | Target::ClauseOrControl | Target::ControlOrProcess => "`aims controls` lists the clause and Annex A control ids; a control beyond Annex A needs a `Control` record".to_string(),
                        Target::AnnexC => "`aims controls` lists the Annex C ids".to_string(),
                    },
                };
                out.push(
                    Finding::new(
                        RULE.id,
                        record.file(),
                        reference.span,
                        format!(
                            "{} `{}` names {} `{}`, {what}",
                            record.kind.label(),
                            record.id,
                            reference.target.label(),
                            reference.value,
                        ),
                    )
                    .with_help(help)
                    .for_record(record.kind.name(), &record.id),
                );
            }
        }
    }
}
