//! The typed model of an AIMS repository: records by kind, the ISO catalog and the reference
//! fields between records. No IO happens here.

pub mod catalog;
pub mod coverage;
pub mod facts;
pub mod kinds;
pub mod records;
pub mod refs;
pub mod settings;

use crate::diagnostic::{Finding, Span};
use crate::syntax::source::SourceFile;
use crate::syntax::tree::{Node, NodeValue, Step};
use facts::EvidenceFile;
use facts::GitFacts;
pub use kinds::{KINDS, Kind, KindSpec, RecordData, Typed};
use std::collections::HashMap;
use std::sync::Arc;

/// One record: where it came from, its spanned tree, and its typed data when valid.
#[derive(Clone, Debug)]
pub struct Record {
    pub kind: Kind,
    pub id: crate::model::records::Text,
    pub source: Arc<SourceFile>,
    /// The record's mapping, with `body` added for Markdown records.
    pub node: Node,
    /// Typed content: present only when the record passed its schema and is not a draft.
    pub data: Option<RecordData>,
    /// `draft: true`: still being written; it is shown, referenced and counted as a draft, and
    /// it satisfies no requirement.
    pub draft: bool,
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
            Some((Some(key), _)) => key.span(),
            Some((None, node)) => node.span,
            None => self.id_span(),
        }
    }

    /// A finding about this record, so waivers and baselines can match it by id.
    pub fn finding(&self, rule: &'static str, span: Span, message: impl Into<String>) -> Finding {
        Finding::new(rule, self.file(), span, message).for_record(self.kind.name(), &self.id)
    }

    /// The text of a top-level field, valid or not (rules that only need to know that a record
    /// names another read it here, so a record with a schema error still counts).
    pub fn text_field(&self, field: &str) -> Option<&str> {
        self.node.get(field).and_then(Node::as_str)
    }

    /// The texts of a top-level field that holds one text or a list of texts.
    pub fn text_list_field(&self, field: &str) -> Vec<&str> {
        match self.node.get(field).map(|n| &n.value) {
            Some(NodeValue::Str(text)) => vec![text.as_str()],
            Some(NodeValue::Seq(items)) => items.iter().filter_map(Node::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// `extra:` as (name, value as text) pairs, in file order; lists are joined by `; `.
    pub fn extra(&self) -> Vec<(String, String)> {
        self.text_map("extra")
    }

    /// `external_ids:` as (system, id) pairs, in file order.
    pub fn external_ids(&self) -> Vec<(String, String)> {
        self.text_map("external_ids")
    }

    fn text_map(&self, field: &str) -> Vec<(String, String)> {
        let Some(NodeValue::Map(entries)) = self.node.get(field).map(|n| &n.value) else {
            return Vec::new();
        };
        entries
            .iter()
            .map(|(key, value)| (key.name.to_string(), value.display_text()))
            .collect()
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
    index: HashMap<Kind, HashMap<records::Text, usize>>,
}

impl Model {
    pub fn new(records: Vec<Record>, files: Vec<Arc<SourceFile>>) -> Self {
        let mut index: HashMap<Kind, HashMap<records::Text, usize>> = HashMap::new();
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
