//! A YAML or TOML value tree where every key and value keeps its span.
//!
//! Both front ends (YAML records and `aims.toml`) produce this tree, so schema errors and
//! rule findings point at the exact key or value the same way for both.

use crate::diagnostic::Span;
pub use compact_str::CompactString;
use serde_json::Value as Json;

/// The fixed part of [`Node::weight`]: what one node costs beyond its text.
pub const NODE_WEIGHT: usize = std::mem::size_of::<Node>();

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Short strings (up to 24 bytes: most keys, ids, dates and enum values) are stored inline,
    /// without an allocation each: a model of 100,000 records holds millions of them.
    Str(CompactString),
    Seq(Box<[Node]>),
    /// Entries in source order; keys are unique (the parsers reject duplicates).
    Map(Box<[(Key, Node)]>),
}

/// A mapping key and where it is written. The place is packed into 8 bytes, not a [`Span`]'s
/// 16, which keeps a map entry at 72 bytes instead of 80 (a model of 100,000 records holds
/// millions): keys sit on one line, and their width is the name's plus the characters the
/// source adds around or inside it (quotes, escapes).
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: CompactString,
    line: u32,
    /// The start column in the low 24 bits, the added characters (up to 255) in the high 8.
    column_and_extra: u32,
}

const COLUMN_BITS: u32 = 24;
const COLUMN_MASK: u32 = (1 << COLUMN_BITS) - 1;

impl Key {
    pub fn new(name: CompactString, span: Span) -> Key {
        let width = name.chars().count() as u32;
        let extra = if span.end.line == span.start.line {
            (span.end.column.saturating_sub(span.start.column)).saturating_sub(width)
        } else {
            0
        };
        Key {
            name,
            line: span.start.line,
            column_and_extra: span.start.column.min(COLUMN_MASK) | (extra.min(255) << COLUMN_BITS),
        }
    }

    pub fn span(&self) -> Span {
        let column = self.column_and_extra & COLUMN_MASK;
        let width = self.name.chars().count() as u32 + (self.column_and_extra >> COLUMN_BITS);
        let start = crate::diagnostic::Pos {
            line: self.line,
            column,
        };
        Span::new(
            start,
            crate::diagnostic::Pos {
                line: self.line,
                column: column + width,
            },
        )
    }
}

/// One step of a path into a tree, as in a JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl Node {
    pub fn new(value: NodeValue, span: Span) -> Self {
        Node { value, span }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            NodeValue::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            NodeValue::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn entry(&self, name: &str) -> Option<&(Key, Node)> {
        self.entries().iter().find(|(key, _)| key.name == name)
    }

    pub fn get(&self, name: &str) -> Option<&Node> {
        self.entry(name).map(|(_, value)| value)
    }

    /// Follows a path; returns the node and the key it hangs from, if any.
    pub fn lookup<'a>(&'a self, path: &[Step]) -> Option<(Option<&'a Key>, &'a Node)> {
        let mut key = None;
        let mut node = self;
        for step in path {
            match step {
                Step::Key(name) => {
                    let (k, v) = node.entry(name)?;
                    key = Some(k);
                    node = v;
                }
                Step::Index(i) => {
                    node = node.items().get(*i)?;
                    key = None;
                }
            }
        }
        Some((key, node))
    }

    /// A plain-language name for the value's type, for messages.
    pub fn describe(&self) -> String {
        match &self.value {
            NodeValue::Null => "an empty value".to_string(),
            NodeValue::Bool(b) => format!("`{b}`"),
            NodeValue::Int(i) => format!("the number {i}"),
            NodeValue::Float(f) => format!("the number {f}"),
            NodeValue::Str(s) => format!("the string `{}`", shorten(s)),
            NodeValue::Seq(_) => "a list".to_string(),
            NodeValue::Map(_) => "a mapping".to_string(),
        }
    }

    /// About how many bytes of memory this subtree takes (text of every scalar and key, plus
    /// a fixed cost per node): what the YAML alias budget counts, since every later copy of
    /// the tree (JSON value, typed record, pack view) grows with it.
    /// The value as a reader sees it: scalars as written, lists joined by `; `, mappings as
    /// `key: value` pairs joined by `; `.
    pub fn display_text(&self) -> String {
        match &self.value {
            NodeValue::Null => String::new(),
            NodeValue::Bool(b) => b.to_string(),
            NodeValue::Int(i) => i.to_string(),
            NodeValue::Float(f) => f.to_string(),
            NodeValue::Str(s) => s.to_string(),
            NodeValue::Seq(items) => items
                .iter()
                .map(Node::display_text)
                .collect::<Vec<_>>()
                .join("; "),
            NodeValue::Map(entries) => entries
                .iter()
                .map(|(k, v)| format!("{}: {}", k.name, v.display_text()))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    pub fn weight(&self) -> usize {
        NODE_WEIGHT
            + match &self.value {
                NodeValue::Str(s) => s.len(),
                NodeValue::Seq(items) => items.iter().map(Node::weight).sum(),
                NodeValue::Map(entries) => entries
                    .iter()
                    .map(|(k, v)| NODE_WEIGHT + k.name.len() + v.weight())
                    .sum(),
                _ => 0,
            }
    }

    /// Levels of lists and mappings in this subtree: 0 for a plain value.
    pub fn height(&self) -> usize {
        match &self.value {
            NodeValue::Seq(items) => 1 + items.iter().map(Node::height).max().unwrap_or(0),
            NodeValue::Map(entries) => {
                1 + entries.iter().map(|(_, v)| v.height()).max().unwrap_or(0)
            }
            _ => 0,
        }
    }

    pub fn to_json(&self) -> Json {
        match &self.value {
            NodeValue::Null => Json::Null,
            NodeValue::Bool(b) => Json::Bool(*b),
            NodeValue::Int(i) => Json::from(*i),
            NodeValue::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number)
            }
            NodeValue::Str(s) => Json::String(s.to_string()),
            NodeValue::Seq(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Cuts long user text for messages.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    let first_line = text.lines().next().unwrap_or("");
    if first_line.chars().count() > MAX || first_line.len() < text.trim_end().len() {
        let cut: String = first_line.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        first_line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn leaf(value: NodeValue) -> Node {
        Node::new(value, Span::default())
    }

    #[test]
    fn a_key_keeps_its_span_in_eight_bytes() {
        use crate::diagnostic::Pos;
        let at = |line, column| Pos { line, column };
        // `"title": x` at line 3, column 5: quotes make the key two characters wider.
        let quoted = Span::new(at(3, 5), at(3, 12));
        assert_eq!(Key::new("title".into(), quoted).span(), quoted);
        let plain = Span::new(at(7, 1), at(7, 3));
        assert_eq!(Key::new("id".into(), plain).span(), plain);
        let accented = Span::new(at(1, 1), at(1, 5));
        assert_eq!(Key::new("rôle".into(), accented).span(), accented);
        assert_eq!(std::mem::size_of::<(Key, Node)>(), 72);
    }

    #[test]
    fn lookup_follows_keys_and_indexes() {
        let list = leaf(NodeValue::Seq(
            vec![leaf(NodeValue::Str("a".into()))].into(),
        ));
        let key = Key::new("items".into(), Span::default());
        let root = leaf(NodeValue::Map(vec![(key, list)].into()));
        let (_, found) = root
            .lookup(&[Step::Key("items".into()), Step::Index(0)])
            .unwrap();
        assert_eq!(found.as_str(), Some("a"));
        assert!(root.lookup(&[Step::Key("missing".into())]).is_none());
        assert_eq!(root.weight(), 4 * NODE_WEIGHT + "items".len() + "a".len());
        assert_eq!(root.height(), 2);
    }

    #[test]
    fn shorten_keeps_first_line() {
        assert_eq!(shorten("short"), "short");
        assert_eq!(shorten("two\nlines"), "two…");
    }
}
