use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use std::collections::HashMap;

pub struct DuplicateId;

static RULE: Rule = Rule {
    id: "duplicate-id",
    default_severity: Severity::Error,
    reference: "7.5.2",
    summary: "two records of the same kind share an id",
    explanation: r#"## What it does
Reports every record whose `id` was already used by an earlier record of the same kind (in
path order), with a note pointing at the first one. Records of different kinds may share an id.

## Why this matters
References are plain ids. When two risks are both `R-004`, a reference to `R-004` is ambiguous
and one of the two records is effectively invisible to the rest of the AIMS.

## Example
`risks/credit.yaml` and `risks/support.yaml` both contain `kind: Risk` with `id: R-004`.

## How to fix
Give one of the records a new id and update the references that meant it."#,
};

impl Check for DuplicateId {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let mut first = HashMap::new();
        for record in &input.model.records {
            match first.entry((record.kind, record.id.as_str())) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(record);
                }
                std::collections::hash_map::Entry::Occupied(existing) => {
                    let original = existing.get();
                    out.push(
                        Finding::new(
                            RULE.id,
                            record.file(),
                            record.id_span(),
                            format!(
                                "{} id `{}` is already used by another {}",
                                record.kind.label(),
                                record.id,
                                record.kind.label()
                            ),
                        )
                        .with_related(original.file(), original.id_span(), "first defined here")
                        .with_help("give this record a new id, or remove the copy")
                        .for_record(record.kind.name(), &record.id),
                    );
                }
            }
        }
    }
}
