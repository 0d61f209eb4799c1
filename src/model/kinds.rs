//! The kind registry: one entry per record kind, and everything that differs between kinds is
//! in its entry. The `Kind` enum, the typed `RecordData`, schema loading, the reference-field
//! table, `aims schema`, `aims init`'s templates and the pack's sections derive from it.
//!
//! Adding a kind is one entry here, one schema file, one init template, one typed struct in
//! `records.rs` and one section in a pack chapter (CONTRIBUTING.md, "Adding a record kind");
//! the tests below and in `pack` fail when a piece is missing.

use super::records;
use super::refs::{RefField, Seg, Target};
use serde::de::DeserializeOwned;

/// What the registry knows about one record kind.
pub struct KindSpec {
    /// The value of `kind:` in YAML.
    pub name: &'static str,
    /// How messages name the kind ("AI system", "risk").
    pub label: &'static str,
    /// How counts name one record and several ("1 evidence record", "3 policies").
    pub counted: (&'static str, &'static str),
    /// The Annex A controls a record of this kind documents by being there (an impact
    /// assessment for A.5.x, a role for A.3.2): the traceability matrix shows these links as
    /// implied; they document a control, they do not show it operating.
    pub implies: &'static [&'static str],
    /// File stem of the kind's JSON Schema in `schemas/`, and the schema's text.
    pub schema: (&'static str, &'static str),
    /// The field that names a record for a reader (`title`, `name`, ...).
    pub naming_field: &'static str,
    /// The ISO/IEC 42001 clauses and Annex A controls the kind serves.
    pub clauses: &'static str,
    /// The fields that hold ids of other records or of the ISO catalog.
    pub references: &'static [(&'static [Seg], Target)],
    /// The `aims init` template (`record-templates/<schema stem>.yaml`).
    pub template: &'static str,
    /// Where the pack shows the kind: the chapter's file stem and the view's key for it.
    pub pack: PackSection,
}

pub struct PackSection {
    pub chapter: &'static str,
    pub key: &'static str,
}

macro_rules! registry {
    ($($variant:ident => $spec:expr,)*) => {
        /// The record kinds of DESIGN §1, in registry order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $($variant),* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];
        }

        /// The registry, in the order of [`Kind::ALL`].
        pub static KINDS: &[KindSpec] = &[$($spec),*];

        /// A record's typed content; present only when the record passed schema validation.
        /// Serialized as the typed struct alone (for the pack's views). Boxed: inline, every
        /// record would be as large as the largest kind (about 2.5 KB), a Role as an AI system.
        #[derive(Clone, Debug, serde::Serialize)]
        #[serde(untagged)]
        pub enum RecordData { $($variant(Box<records::$variant>)),* }

        impl RecordData {
            /// Deserializes a schema-valid record (without its `kind` key).
            pub fn from_json(
                kind: Kind,
                json: serde_json::Value,
            ) -> Result<RecordData, serde_json::Error> {
                fn de<T: DeserializeOwned>(json: serde_json::Value) -> Result<T, serde_json::Error> {
                    serde_json::from_value(json)
                }
                let mut data = match kind { $(Kind::$variant => RecordData::$variant(Box::new(de(json)?))),* };
                if let RecordData::Measurement(measurement) = &mut data {
                    measurement.outcome = match measurement.met() {
                        Some(true) => "met",
                        Some(false) => "not-met",
                        None => "unknown",
                    }
                    .into();
                }
                Ok(data)
            }
        }

        $(
            impl Typed for records::$variant {
                const KIND: Kind = Kind::$variant;
                fn from_data(data: &RecordData) -> Option<&Self> {
                    match data {
                        RecordData::$variant(typed) => Some(typed.as_ref()),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*
    };
}

/// A typed record struct that knows its kind: `model.typed::<Risk>()`.
pub trait Typed: Sized + 'static {
    const KIND: Kind;
    fn from_data(data: &RecordData) -> Option<&Self>;
}

impl Kind {
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn schema_name(self) -> &'static str {
        self.spec().schema.0
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|kind| kind.name() == name)
    }

    /// The kind's reference fields, for the `dangling-reference` rule and traceability.
    pub fn reference_fields(self) -> impl Iterator<Item = RefField> {
        self.spec()
            .references
            .iter()
            .map(move |&(path, target)| RefField {
                kind: self,
                path,
                target,
            })
    }
}

use Seg::{Each, Key};
use Target::{AnnexC, ClauseOrControl, Control, ControlOrProcess, Record};

registry! {
    Context => KindSpec {
        name: "Context",
        label: "context",
        counted: ("context", "contexts"),
        implies: &[],
        schema: ("context", include_str!("../../schemas/context.schema.json")),
        naming_field: "scope",
        clauses: "4.1, 4.2, 4.3",
        references: &[(&[Key("in_scope_systems"), Each], Record(Kind::AiSystem))],
        template: include_str!("../scaffold/templates/context.yaml"),
        pack: PackSection { chapter: "context", key: "contexts" },
    },
    Policy => KindSpec {
        name: "Policy",
        label: "policy",
        counted: ("policy", "policies"),
        implies: &["A.2.2", "A.2.3"],
        schema: ("policy", include_str!("../../schemas/policy.schema.json")),
        naming_field: "title",
        clauses: "5.2, A.2",
        references: &[
            (&[Key("owner")], Record(Kind::Role)),
            (&[Key("controls"), Each], Control),
        ],
        template: include_str!("../scaffold/templates/policy.yaml"),
        pack: PackSection { chapter: "leadership", key: "policies" },
    },
    Role => KindSpec {
        name: "Role",
        label: "role",
        counted: ("role", "roles"),
        implies: &["A.3.2"],
        schema: ("role", include_str!("../../schemas/role.schema.json")),
        naming_field: "title",
        clauses: "5.3, A.3",
        references: &[],
        template: include_str!("../scaffold/templates/role.yaml"),
        pack: PackSection { chapter: "leadership", key: "roles" },
    },
    AiSystem => KindSpec {
        name: "AISystem",
        label: "AI system",
        counted: ("AI system", "AI systems"),
        implies: &["A.4.2", "A.6.2.7"],
        schema: ("ai-system", include_str!("../../schemas/ai-system.schema.json")),
        naming_field: "name",
        clauses: "8.1, A.4, A.6",
        references: &[
            (&[Key("owner")], Record(Kind::Role)),
            (&[Key("datasets"), Each], Record(Kind::Dataset)),
            (&[Key("suppliers"), Each], Record(Kind::Supplier)),
        ],
        template: include_str!("../scaffold/templates/ai-system.yaml"),
        pack: PackSection { chapter: "operation", key: "systems" },
    },
    Dataset => KindSpec {
        name: "Dataset",
        label: "dataset",
        counted: ("dataset", "datasets"),
        implies: &["A.4.3", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6"],
        schema: ("dataset", include_str!("../../schemas/dataset.schema.json")),
        naming_field: "name",
        clauses: "A.7",
        references: &[(&[Key("owner")], Record(Kind::Role))],
        template: include_str!("../scaffold/templates/dataset.yaml"),
        pack: PackSection { chapter: "operation", key: "datasets" },
    },
    Supplier => KindSpec {
        name: "Supplier",
        label: "supplier",
        counted: ("supplier", "suppliers"),
        implies: &["A.10.2", "A.10.3"],
        schema: ("supplier", include_str!("../../schemas/supplier.schema.json")),
        naming_field: "name",
        clauses: "A.10",
        references: &[(&[Key("ai_systems"), Each], Record(Kind::AiSystem))],
        template: include_str!("../scaffold/templates/supplier.yaml"),
        pack: PackSection { chapter: "operation", key: "suppliers" },
    },
    Risk => KindSpec {
        name: "Risk",
        label: "risk",
        counted: ("risk", "risks"),
        implies: &[],
        schema: ("risk", include_str!("../../schemas/risk.schema.json")),
        naming_field: "title",
        clauses: "6.1.2, 6.1.3, 8.2, 8.3",
        references: &[
            (&[Key("ai_systems"), Each], Record(Kind::AiSystem)),
            (&[Key("owner")], Record(Kind::Role)),
            (&[Key("source"), Each], AnnexC),
            (&[Key("treatment"), Key("controls"), Each], Control),
            (&[Key("accepted_by")], Record(Kind::Role)),
            (&[Key("treatment"), Key("approved_by")], Record(Kind::Role)),
            (&[Key("treatment"), Key("verified"), Key("by")], Record(Kind::Role)),
            (&[Key("objectives"), Each], Record(Kind::Objective)),
            (&[Key("impact_assessments"), Each], Record(Kind::ImpactAssessment)),
        ],
        template: include_str!("../scaffold/templates/risk.yaml"),
        pack: PackSection { chapter: "planning", key: "risks" },
    },
    ImpactAssessment => KindSpec {
        name: "ImpactAssessment",
        label: "impact assessment",
        counted: ("impact assessment", "impact assessments"),
        implies: &["A.5.2", "A.5.3", "A.5.4", "A.5.5"],
        schema: (
            "impact-assessment",
            include_str!("../../schemas/impact-assessment.schema.json"),
        ),
        naming_field: "ai_system",
        clauses: "6.1.4, 8.4, A.5",
        references: &[
            (&[Key("ai_system")], Record(Kind::AiSystem)),
            (&[Key("risks"), Each], Record(Kind::Risk)),
        ],
        template: include_str!("../scaffold/templates/impact-assessment.yaml"),
        pack: PackSection { chapter: "planning", key: "impact_assessments" },
    },
    StatementOfApplicability => KindSpec {
        name: "StatementOfApplicability",
        label: "statement of applicability",
        counted: ("statement of applicability", "statements of applicability"),
        implies: &[],
        schema: (
            "statement-of-applicability",
            include_str!("../../schemas/statement-of-applicability.schema.json"),
        ),
        naming_field: "id",
        clauses: "6.1.3 f",
        references: &[
            (&[Key("controls"), Each, Key("evidence"), Each], Record(Kind::Evidence)),
            (&[Key("controls"), Each, Key("owner")], Record(Kind::Role)),
            (&[Key("controls"), Each, Key("risks"), Each], Record(Kind::Risk)),
            (&[Key("controls"), Each, Key("applies_to"), Each], Record(Kind::AiSystem)),
        ],
        template: include_str!("../scaffold/templates/statement-of-applicability.yaml"),
        pack: PackSection { chapter: "planning", key: "soa" },
    },
    Objective => KindSpec {
        name: "Objective",
        label: "objective",
        counted: ("objective", "objectives"),
        implies: &["A.6.1.2", "A.9.3"],
        schema: ("objective", include_str!("../../schemas/objective.schema.json")),
        naming_field: "title",
        clauses: "6.2",
        references: &[(&[Key("owner")], Record(Kind::Role))],
        template: include_str!("../scaffold/templates/objective.yaml"),
        pack: PackSection { chapter: "planning", key: "objectives" },
    },
    Evidence => KindSpec {
        name: "Evidence",
        label: "evidence",
        counted: ("evidence record", "evidence records"),
        implies: &[],
        schema: ("evidence", include_str!("../../schemas/evidence.schema.json")),
        naming_field: "title",
        clauses: "7.5",
        references: &[
            (&[Key("supports"), Each], ClauseOrControl),
            (&[Key("owner")], Record(Kind::Role)),
        ],
        template: include_str!("../scaffold/templates/evidence.yaml"),
        pack: PackSection { chapter: "appendix-2-evidence", key: "evidence" },
    },
    Competence => KindSpec {
        name: "Competence",
        label: "competence record",
        counted: ("competence record", "competence records"),
        implies: &["A.4.6"],
        schema: ("competence", include_str!("../../schemas/competence.schema.json")),
        naming_field: "role",
        clauses: "7.2, 7.3",
        references: &[
            (&[Key("role")], Record(Kind::Role)),
            (&[Key("evidence"), Each], Record(Kind::Evidence)),
        ],
        template: include_str!("../scaffold/templates/competence.yaml"),
        pack: PackSection { chapter: "support", key: "competence" },
    },
    Audit => KindSpec {
        name: "Audit",
        label: "audit",
        counted: ("audit", "audits"),
        implies: &[],
        schema: ("audit", include_str!("../../schemas/audit.schema.json")),
        naming_field: "date",
        clauses: "9.2",
        references: &[
            (&[Key("scope"), Each], ClauseOrControl),
            (&[Key("findings"), Each, Key("ref")], ClauseOrControl),
            (&[Key("findings"), Each, Key("nonconformity")], Record(Kind::Nonconformity)),
        ],
        template: include_str!("../scaffold/templates/audit.yaml"),
        pack: PackSection { chapter: "performance", key: "audits" },
    },
    ManagementReview => KindSpec {
        name: "ManagementReview",
        label: "management review",
        counted: ("management review", "management reviews"),
        implies: &[],
        schema: (
            "management-review",
            include_str!("../../schemas/management-review.schema.json"),
        ),
        naming_field: "date",
        clauses: "9.3",
        references: &[(&[Key("decisions"), Each, Key("owner")], Record(Kind::Role))],
        template: include_str!("../scaffold/templates/management-review.yaml"),
        pack: PackSection { chapter: "performance", key: "reviews" },
    },
    Control => KindSpec {
        name: "Control",
        label: "control",
        counted: ("control", "controls"),
        implies: &[],
        schema: ("control", include_str!("../../schemas/control.schema.json")),
        naming_field: "title",
        clauses: "6.1.3 d",
        references: &[(&[Key("owner")], Record(Kind::Role))],
        template: include_str!("../scaffold/templates/control.yaml"),
        pack: PackSection { chapter: "planning", key: "controls_beyond_annex_a" },
    },
    Process => KindSpec {
        name: "Process",
        label: "process",
        counted: ("process", "processes"),
        implies: &[],
        schema: ("process", include_str!("../../schemas/process.schema.json")),
        naming_field: "title",
        clauses: "4.4, 6.1.2, 6.1.3, 6.1.4, 7.5, 8.1, 9.2.2, 10.2",
        references: &[
            (&[Key("owner")], Record(Kind::Role)),
            (&[Key("implements"), Each], ClauseOrControl),
        ],
        template: include_str!("../scaffold/templates/process.yaml"),
        pack: PackSection { chapter: "context", key: "processes" },
    },
    Nonconformity => KindSpec {
        name: "Nonconformity",
        label: "nonconformity",
        counted: ("nonconformity", "nonconformities"),
        implies: &[],
        schema: ("nonconformity", include_str!("../../schemas/nonconformity.schema.json")),
        naming_field: "description",
        clauses: "10.2",
        references: &[
            (&[Key("owner")], Record(Kind::Role)),
            (&[Key("effectiveness"), Key("by")], Record(Kind::Role)),
        ],
        template: include_str!("../scaffold/templates/nonconformity.yaml"),
        pack: PackSection { chapter: "improvement", key: "nonconformities" },
    },
    Measurement => KindSpec {
        name: "Measurement",
        label: "measurement",
        counted: ("measurement", "measurements"),
        implies: &["A.6.2.6"],
        schema: ("measurement", include_str!("../../schemas/measurement.schema.json")),
        naming_field: "metric",
        clauses: "9.1, A.6.2.6",
        references: &[
            (&[Key("objective")], Record(Kind::Objective)),
            (&[Key("ai_system")], Record(Kind::AiSystem)),
            (&[Key("measured_by")], Record(Kind::Role)),
            (&[Key("evidence"), Each], Record(Kind::Evidence)),
            (&[Key("nonconformity")], Record(Kind::Nonconformity)),
            (&[Key("incident")], Record(Kind::Incident)),
        ],
        template: include_str!("../scaffold/templates/measurement.yaml"),
        pack: PackSection { chapter: "performance", key: "measurements" },
    },
    Incident => KindSpec {
        name: "Incident",
        label: "incident",
        counted: ("incident", "incidents"),
        implies: &["A.8.4"],
        schema: ("incident", include_str!("../../schemas/incident.schema.json")),
        naming_field: "description",
        clauses: "A.3.3, A.8.4, 10.2",
        references: &[
            (&[Key("ai_system")], Record(Kind::AiSystem)),
            (&[Key("reported_by")], Record(Kind::Role)),
            (&[Key("nonconformity")], Record(Kind::Nonconformity)),
        ],
        template: include_str!("../scaffold/templates/incident.yaml"),
        pack: PackSection { chapter: "improvement", key: "incidents" },
    },
    Change => KindSpec {
        name: "Change",
        label: "change",
        counted: ("change", "changes"),
        implies: &[],
        schema: ("change", include_str!("../../schemas/change.schema.json")),
        naming_field: "title",
        clauses: "6.3, A.6.2.5",
        references: &[
            (&[Key("ai_system")], Record(Kind::AiSystem)),
            (&[Key("approved_by")], Record(Kind::Role)),
        ],
        template: include_str!("../scaffold/templates/change.yaml"),
        pack: PackSection { chapter: "planning", key: "changes" },
    },
    Obligation => KindSpec {
        name: "Obligation",
        label: "obligation",
        counted: ("obligation", "obligations"),
        implies: &[],
        schema: ("obligation", include_str!("../../schemas/obligation.schema.json")),
        naming_field: "title",
        clauses: "4.1, 4.2, A.2, A.8",
        references: &[
            (&[Key("applies_to"), Each], Record(Kind::AiSystem)),
            (&[Key("owner")], Record(Kind::Role)),
            (&[Key("met_by"), Each], ControlOrProcess),
        ],
        template: include_str!("../scaffold/templates/obligation.yaml"),
        pack: PackSection { chapter: "context", key: "obligations" },
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip_and_index_the_registry() {
        assert_eq!(KINDS.len(), Kind::ALL.len());
        for (index, kind) in Kind::ALL.iter().enumerate() {
            // Per-kind tables (the registry, the schema cache) are indexed by `kind as usize`.
            assert_eq!(*kind as usize, index);
            assert_eq!(Kind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(Kind::from_name("risk"), None);
    }

    #[test]
    fn every_kind_has_a_schema_that_names_it_and_requires_its_naming_field() {
        for kind in Kind::ALL {
            let spec = kind.spec();
            let schema: serde_json::Value = serde_json::from_str(spec.schema.1)
                .unwrap_or_else(|e| panic!("{}: {e}", spec.schema.0));
            assert_eq!(
                schema["properties"]["kind"]["const"], spec.name,
                "{}.schema.json is not the schema of {}",
                spec.schema.0, spec.name
            );
            let required = schema["required"].as_array().unwrap();
            assert!(
                required.iter().any(|r| r == spec.naming_field),
                "{}: naming field `{}` is not required",
                spec.name,
                spec.naming_field
            );
        }
    }

    #[test]
    fn every_schema_file_is_registered() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas");
        for entry in std::fs::read_dir(folder).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".schema.json") else {
                continue;
            };
            assert!(
                stem == "aims-toml" || KINDS.iter().any(|k| k.schema.0 == stem),
                "schemas/{name} belongs to no registered kind"
            );
        }
    }

    #[test]
    fn every_init_template_is_of_its_kind_and_every_template_file_is_registered() {
        for spec in KINDS {
            assert!(
                spec.template.contains(&format!("kind: {}", spec.name)),
                "the init template of {} does not say `kind: {}`",
                spec.name,
                spec.name
            );
        }
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/src/scaffold/templates");
        for entry in std::fs::read_dir(folder).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".yaml") {
                assert!(
                    KINDS.iter().any(|k| k.schema.0 == stem),
                    "src/scaffold/templates/{name} belongs to no registered kind"
                );
            }
        }
    }

    #[test]
    fn implied_controls_are_annex_a_controls() {
        for spec in KINDS {
            for id in spec.implies {
                assert!(
                    super::super::catalog::control(id).is_some(),
                    "{}: {id}",
                    spec.name
                );
            }
        }
    }

    #[test]
    fn every_reference_path_starts_with_a_key() {
        for kind in Kind::ALL {
            for field in kind.reference_fields() {
                assert!(matches!(field.path[0], Key(_)), "{}", kind.name());
            }
        }
    }
}
