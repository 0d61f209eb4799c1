//! The typed model of an AIMS repository: records by kind, the ISO catalog and the reference
//! fields between records. No IO happens here.

pub mod catalog;
pub mod coverage;
pub mod facts;
pub mod records;
pub mod refs;
pub mod settings;

use crate::diagnostic::{Finding, Span};
use crate::syntax::source::SourceFile;
use crate::syntax::tree::{Node, Step};
use facts::EvidenceFile;
use facts::GitFacts;
use records::*;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::Arc;

macro_rules! kinds {
    ($($variant:ident = $name:literal, $label:literal, $schema:literal, $iso:literal;)*) => {
        /// The record kinds of DESIGN §1.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $($variant),* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            /// The value of `kind:` in YAML.
            pub fn name(self) -> &'static str {
                match self { $(Kind::$variant => $name),* }
            }

            /// How messages name the kind ("AI system", "risk").
            pub fn label(self) -> &'static str {
                match self { $(Kind::$variant => $label),* }
            }

            /// File stem of the kind's JSON Schema in `schemas/`.
            pub fn schema_name(self) -> &'static str {
                match self { $(Kind::$variant => $schema),* }
            }

            /// The ISO/IEC 42001 clauses and controls the kind serves.
            pub fn iso_reference(self) -> &'static str {
                match self { $(Kind::$variant => $iso),* }
            }

            pub fn from_name(name: &str) -> Option<Kind> {
                match name { $($name => Some(Kind::$variant),)* _ => None }
            }
        }
    };
}

kinds! {
    Context = "Context", "context", "context", "4.1-4.3";
    Policy = "Policy", "policy", "policy", "5.2, A.2";
    Role = "Role", "role", "role", "5.3, A.3";
    AiSystem = "AISystem", "AI system", "ai-system", "A.4, A.6, 8.1";
    Dataset = "Dataset", "dataset", "dataset", "A.7";
    Supplier = "Supplier", "supplier", "supplier", "A.10";
    Risk = "Risk", "risk", "risk", "6.1.2, 6.1.3, 8.2, 8.3";
    ImpactAssessment = "ImpactAssessment", "impact assessment", "impact-assessment", "6.1.4, 8.4, A.5";
    StatementOfApplicability = "StatementOfApplicability", "statement of applicability", "statement-of-applicability", "6.1.3 d";
    Objective = "Objective", "objective", "objective", "6.2";
    Evidence = "Evidence", "evidence", "evidence", "7.5";
    Competence = "Competence", "competence record", "competence", "7.2, 7.3";
    Audit = "Audit", "audit", "audit", "9.2";
    ManagementReview = "ManagementReview", "management review", "management-review", "9.3";
    Nonconformity = "Nonconformity", "nonconformity", "nonconformity", "10.2";
}

/// A record's typed content; present only when the record passed schema validation.
#[derive(Clone, Debug)]
pub enum RecordData {
    Context(Context),
    Policy(Policy),
    Role(Role),
    AiSystem(AiSystem),
    Dataset(Dataset),
    Supplier(Supplier),
    Risk(Risk),
    ImpactAssessment(ImpactAssessment),
    StatementOfApplicability(StatementOfApplicability),
    Objective(Objective),
    Evidence(Evidence),
    Competence(Competence),
    Audit(Audit),
    ManagementReview(ManagementReview),
    Nonconformity(Nonconformity),
}

impl RecordData {
    /// Deserializes a schema-valid record (without its `kind` key).
    pub fn from_json(kind: Kind, json: serde_json::Value) -> Result<RecordData, serde_json::Error> {
        fn de<T: DeserializeOwned>(json: serde_json::Value) -> Result<T, serde_json::Error> {
            serde_json::from_value(json)
        }
        Ok(match kind {
            Kind::Context => RecordData::Context(de(json)?),
            Kind::Policy => RecordData::Policy(de(json)?),
            Kind::Role => RecordData::Role(de(json)?),
            Kind::AiSystem => RecordData::AiSystem(de(json)?),
            Kind::Dataset => RecordData::Dataset(de(json)?),
            Kind::Supplier => RecordData::Supplier(de(json)?),
            Kind::Risk => RecordData::Risk(de(json)?),
            Kind::ImpactAssessment => RecordData::ImpactAssessment(de(json)?),
            Kind::StatementOfApplicability => RecordData::StatementOfApplicability(de(json)?),
            Kind::Objective => RecordData::Objective(de(json)?),
            Kind::Evidence => RecordData::Evidence(de(json)?),
            Kind::Competence => RecordData::Competence(de(json)?),
            Kind::Audit => RecordData::Audit(de(json)?),
            Kind::ManagementReview => RecordData::ManagementReview(de(json)?),
            Kind::Nonconformity => RecordData::Nonconformity(de(json)?),
        })
    }
}

/// A typed record struct that knows its kind: `model.typed::<Risk>()`.
pub trait Typed: Sized + 'static {
    const KIND: Kind;
    fn from_data(data: &RecordData) -> Option<&Self>;
}

macro_rules! typed {
    ($($variant:ident),*) => {$(
        impl Typed for $variant {
            const KIND: Kind = Kind::$variant;
            fn from_data(data: &RecordData) -> Option<&Self> {
                match data {
                    RecordData::$variant(typed) => Some(typed),
                    _ => None,
                }
            }
        }
    )*};
}

typed!(
    Context,
    Policy,
    Role,
    AiSystem,
    Dataset,
    Supplier,
    Risk,
    ImpactAssessment,
    StatementOfApplicability,
    Objective,
    Evidence,
    Competence,
    Audit,
    ManagementReview,
    Nonconformity
);

/// One record: where it came from, its spanned tree, and its typed data when valid.
#[derive(Clone, Debug)]
pub struct Record {
    pub kind: Kind,
    pub id: String,
    pub source: Arc<SourceFile>,
    /// The record's mapping, with `body` added for Markdown records.
    pub node: Node,
    pub data: Option<RecordData>,
}

impl Record {
    pub fn file(&self) -> &str {
        &self.source.path
    }

    /// The span of the value at `path`, or of the `id` when the record has no such field.
    pub fn span_at(&self, path: &[Step]) -> Span {
        self.node
            .lookup(path)
            .map_or_else(|| self.id_span(), |(_, node)| node.span)
    }

    /// The span of the key that ends `path`, falling back like [`Record::span_at`].
    pub fn key_span_at(&self, path: &[Step]) -> Span {
        match self.node.lookup(path) {
            Some((Some(key), _)) => key.span,
            Some((None, node)) => node.span,
            None => self.id_span(),
        }
    }

    /// A finding about this record, so waivers and baselines can match it by id.
    pub fn finding(&self, rule: &'static str, span: Span, message: impl Into<String>) -> Finding {
        Finding::new(rule, self.file(), span, message).for_record(self.kind.name(), &self.id)
    }

    /// The span of the `id` value, or of the record when it has none.
    pub fn id_span(&self) -> Span {
        self.node.get("id").map_or(self.node.span, |n| n.span)
    }
}

/// Everything that was loaded: the records and the files they came from.
#[derive(Debug, Default)]
pub struct Model {
    pub records: Vec<Record>,
    /// Every file that was read, in path order.
    pub files: Vec<Arc<SourceFile>>,
    /// What is at each evidence `path`, as the loader found it.
    pub evidence_files: HashMap<String, EvidenceFile>,
    /// SHA-256 and size of each evidence file present in the repository, by `path`; filled
    /// only by `aims pack` (`load::evidence_digests`), so checks never read evidence files.
    pub evidence_digests: HashMap<String, facts::Digest>,
    /// What git knows: HEAD, dirty files, each file's commits (possibly "unknown").
    pub git: GitFacts,
    /// First record of each (kind, id), for reference resolution.
    index: HashMap<Kind, HashMap<String, usize>>,
}

impl Model {
    pub fn new(records: Vec<Record>, files: Vec<Arc<SourceFile>>) -> Self {
        let mut index: HashMap<Kind, HashMap<String, usize>> = HashMap::new();
        for (i, record) in records.iter().enumerate() {
            index
                .entry(record.kind)
                .or_default()
                .entry(record.id.clone())
                .or_insert(i);
        }
        Model {
            records,
            files,
            evidence_files: HashMap::new(),
            evidence_digests: HashMap::new(),
            git: GitFacts::default(),
            index,
        }
    }

    pub fn get(&self, kind: Kind, id: &str) -> Option<&Record> {
        self.index
            .get(&kind)
            .and_then(|ids| ids.get(id))
            .map(|&i| &self.records[i])
    }

    pub fn contains(&self, kind: Kind, id: &str) -> bool {
        self.get(kind, id).is_some()
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(move |r| r.kind == kind)
    }

    /// Valid records of one kind with their typed data, in path order.
    pub fn typed<T: Typed>(&self) -> impl Iterator<Item = (&Record, &T)> {
        self.of_kind(T::KIND)
            .filter_map(|r| Some((r, T::from_data(r.data.as_ref()?)?)))
    }

    pub fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.of_kind(kind).map(|r| r.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(Kind::from_name("risk"), None);
        assert_eq!(Kind::ALL.len(), 15);
        // Per-kind tables (the schema cache) are indexed by `kind as usize`.
        for (index, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, index);
        }
    }
}
