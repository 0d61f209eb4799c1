//! Which fields of which kinds refer to other records or to the ISO catalog.
//!
//! The fields themselves are declared in each kind's registry entry (`kinds.rs`); this module
//! finds the references a record makes and says what a catalog id resolves to.

use super::{Kind, Record};
use crate::diagnostic::Span;
use crate::syntax::tree::{Node, NodeValue};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Record(Kind),
    /// An Annex A control id such as `A.6.2.4`, or the id of a `Control` beyond Annex A.
    Control,
    /// A clause (`6.1.3`), an Annex A area (`A.6`) or control, or a `Control` record.
    ClauseOrControl,
    /// What meets an obligation: an Annex A control, a `Control` record or a `Process` record.
    ControlOrProcess,
    /// An Annex C objective (`C.2.5`) or risk source (`C.3.4`).
    AnnexC,
}

impl Target {
    pub fn label(self) -> &'static str {
        match self {
            Target::Record(kind) => kind.label(),
            Target::Control => "control",
            Target::ClauseOrControl => "clause or control",
            Target::ControlOrProcess => "control or process",
            Target::AnnexC => "Annex C item",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Seg {
    Key(&'static str),
    /// Every item of a list or every value of a mapping; a single value stands for itself.
    Each,
}

pub struct RefField {
    pub kind: Kind,
    pub path: &'static [Seg],
    pub target: Target,
}

use Seg::{Each, Key};

/// One reference found in a record.
#[derive(Debug, PartialEq)]
pub struct Reference<'a> {
    pub value: &'a str,
    pub span: Span,
    /// The field as a user reads it: `treatment.controls`.
    pub field: String,
    pub target: Target,
}

/// Every reference a record makes, in field-table order.
pub fn references(record: &Record) -> Vec<Reference<'_>> {
    let mut found = Vec::new();
    for field in record.kind.reference_fields() {
        let name = field
            .path
            .iter()
            .filter_map(|s| match s {
                Key(k) => Some(*k),
                Each => None,
            })
            .collect::<Vec<_>>()
            .join(".");
        collect(&record.node, field.path, &mut |node| {
            if let Some(value) = node.as_str() {
                found.push(Reference {
                    value,
                    span: node.span,
                    field: name.clone(),
                    target: field.target,
                });
            }
        });
    }
    found
}

fn collect<'a>(node: &'a Node, path: &[Seg], found: &mut impl FnMut(&'a Node)) {
    let Some((first, rest)) = path.split_first() else {
        found(node);
        return;
    };
    match first {
        Key(name) => {
            if let Some(child) = node.get(name) {
                collect(child, rest, found);
            }
        }
        Each => match &node.value {
            NodeValue::Seq(items) => items.iter().for_each(|item| collect(item, rest, found)),
            NodeValue::Map(entries) => entries.iter().for_each(|(_, v)| collect(v, rest, found)),
            _ => collect(node, rest, found),
        },
    }
}

/// Whether a reference names something that exists: a record, a catalog entry, or (where a
/// control may stand) a `Control` record beyond Annex A.
pub fn resolves(model: &super::Model, target: Target, value: &str) -> bool {
    match target {
        Target::Record(kind) => model.contains(kind, value),
        Target::Control | Target::ClauseOrControl => {
            resolves_in_catalog(target, value) || model.contains(Kind::Control, value)
        }
        Target::ControlOrProcess => {
            resolves_in_catalog(target, value)
                || model.contains(Kind::Control, value)
                || model.contains(Kind::Process, value)
        }
        Target::AnnexC => resolves_in_catalog(target, value),
    }
}

/// Whether a catalog reference names something that exists.
pub fn resolves_in_catalog(target: Target, value: &str) -> bool {
    use super::catalog;
    match target {
        Target::Record(_) => false,
        Target::Control | Target::ControlOrProcess => catalog::control(value).is_some(),
        Target::ClauseOrControl => {
            catalog::clause(value).is_some()
                || catalog::control(value).is_some()
                || catalog::area(value).is_some()
        }
        Target::AnnexC => catalog::annex_c(value).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_targets_resolve() {
        assert!(resolves_in_catalog(Target::Control, "A.6.2.4"));
        assert!(!resolves_in_catalog(Target::Control, "6.1.3"));
        assert!(resolves_in_catalog(Target::ClauseOrControl, "6.1.3"));
        assert!(resolves_in_catalog(Target::ClauseOrControl, "A.6"));
        assert!(resolves_in_catalog(Target::AnnexC, "C.3.4"));
        assert!(!resolves_in_catalog(Target::AnnexC, "C.9"));
    }
}
