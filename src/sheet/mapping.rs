//! The import mapping (DESIGN §7): which kind a spreadsheet holds, how ids and files are made,
//! and how each field comes from the columns. Every mistake is a located finding in the mapping
//! file, found before any row is read into a record.

use crate::diagnostic::{Finding, Span, closest};
use crate::model::Kind;
use crate::syntax::source::SourceFile;
use crate::syntax::tree::{Node, NodeValue};
use serde_json::Value as Json;

/// The rule id of mapping mistakes.
pub use crate::checks::import_rules::IMPORT_MAPPING as MAPPING_RULE;

#[derive(Debug)]
pub struct Mapping {
    pub kind: Kind,
    pub id: Template,
    pub file: Option<Template>,
    /// The `external_ids` key rows are matched by.
    pub key: Option<String>,
    /// Ids are taken as the template gives them (an export's own ids), not made lower case.
    pub verbatim_ids: bool,
    pub sheet: Option<String>,
    pub delimiter: Option<u8>,
    pub skip_if_empty: Vec<(String, Span)>,
    pub fields: Vec<FieldRule>,
    pub extra: ExtraColumns,
    pub source: std::sync::Arc<SourceFile>,
}

#[derive(Debug)]
pub enum ExtraColumns {
    None,
    /// Every unmapped column.
    Rest,
    Listed(Vec<(String, Span)>),
}

/// One field's rule: where it is in the mapping, the field's path, how its value is made.
#[derive(Debug)]
pub struct FieldRule {
    pub path: Vec<String>,
    pub span: Span,
    pub source: FieldSource,
}

#[derive(Debug)]
pub enum FieldSource {
    Template(Template),
    Fixed(Json),
    Column(ColumnRule),
}

#[derive(Debug)]
pub struct ColumnRule {
    pub column: String,
    pub column_span: Span,
    /// `(cell text, value, where in the mapping)`; cell texts compare trimmed and ignoring case.
    pub map: Vec<(String, Json, Span)>,
    pub default: Option<Json>,
    pub split: Vec<String>,
    pub create: Option<Kind>,
}

impl ColumnRule {
    pub fn mapped(&self, cell: &str) -> Option<&Json> {
        let cell = cell.trim();
        self.map
            .iter()
            .find(|(from, _, _)| from.trim().eq_ignore_ascii_case(cell))
            .map(|(_, to, _)| to)
    }
}

/// Text with `{column}` placeholders; `{{` and `}}` stand for braces.
#[derive(Debug, Clone)]
pub struct Template {
    pub parts: Vec<Part>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Column(String),
}

impl Template {
    pub fn parse(text: &str, span: Span) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => return Err(format!("`{{{name}` is never closed with `}}`")),
                        }
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Column(name));
                }
                '}' => return Err("a lone `}`: write `}}` for a brace".to_string()),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template { parts, span })
    }

    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Column(c) => Some(c.as_str()),
            Part::Text(_) => None,
        })
    }

    /// The text with each placeholder replaced by `cell(column)`.
    pub fn render(&self, cell: impl Fn(&str) -> String) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Text(t) => t.clone(),
                Part::Column(c) => cell(c),
            })
            .collect()
    }
}

/// Reads a mapping from its TOML tree.
pub fn parse(root: &Node, source: std::sync::Arc<SourceFile>) -> Result<Mapping, Vec<Finding>> {
    let file = source.path.clone();
    let mut problems = Vec::new();
    let mut problem = |span: Span, message: String, help: Option<String>| {
        let finding = Finding::new(MAPPING_RULE, &file, span, message);
        problems.push(match help {
            Some(help) => finding.with_help(help),
            None => finding,
        });
    };
    const IMPORT_KEYS: [&str; 8] = [
        "kind",
        "id",
        "file",
        "key",
        "sheet",
        "delimiter",
        "skip_if_empty",
        "verbatim_ids",
    ];
    for (key, value) in root.entries() {
        if ["import", "fields", "extra"].contains(&key.name.as_str()) {
            continue;
        }
        if IMPORT_KEYS.contains(&key.name.as_str()) {
            problem(
                key.span(),
                format!("`{}` is outside any table", key.name),
                Some("put it under `[import]`".to_string()),
            );
        } else if matches!(value.value, NodeValue::Map(_)) {
            let help = closest(&key.name, ["import", "fields", "extra"])
                .map(|n| format!("did you mean `[{n}]`?"));
            problem(key.span(), format!("unknown table `[{}]`", key.name), help);
        } else {
            problem(
                key.span(),
                format!("`{}` is outside any table", key.name),
                Some("field rules go under `[fields]`".to_string()),
            );
        }
    }
    let Some(import) = root.get("import") else {
        problem(
            Span::file_start(),
            "the mapping has no `[import]` table".to_string(),
            Some("add `[import]` with `kind` and `id`".to_string()),
        );
        return Err(problems);
    };
    for (key, _) in import.entries() {
        if !IMPORT_KEYS.contains(&key.name.as_str()) {
            let help = closest(&key.name, IMPORT_KEYS).map(|n| format!("did you mean `{n}`?"));
            problem(
                key.span(),
                format!("unknown `[import]` key `{}`", key.name),
                help,
            );
        }
    }
    let text = |name: &str,
                problem: &mut dyn FnMut(Span, String, Option<String>)|
     -> Option<(String, Span)> {
        let node = import.get(name)?;
        match node.as_str() {
            Some(s) => Some((s.to_string(), node.span)),
            None => {
                problem(
                    node.span,
                    format!("`{name}` must be text, found {}", node.describe()),
                    None,
                );
                None
            }
        }
    };
    let kind = match text("kind", &mut problem) {
        Some((name, span)) => match Kind::from_name(&name) {
            Some(kind) => Some(kind),
            None => {
                let help = closest(&name, Kind::ALL.iter().map(|k| k.name()))
                    .map(|n| format!("did you mean `{n}`?"));
                problem(span, format!("unknown record kind `{name}`"), help);
                None
            }
        },
        None => {
            problem(
                import.span,
                "`[import]` needs `kind`, the record kind of every row".to_string(),
                None,
            );
            None
        }
    };
    let template = |name: &str, problem: &mut dyn FnMut(Span, String, Option<String>)| {
        let (text, span) = text(name, problem)?;
        match Template::parse(&text, span) {
            Ok(t) => Some(t),
            Err(e) => {
                problem(span, format!("`{name}`: {e}"), None);
                None
            }
        }
    };
    let id = template("id", &mut problem);
    if import.get("id").is_none() {
        problem(
            import.span,
            "`[import]` needs `id`, a template over column names such as `\"{agency}-{id}\"`"
                .to_string(),
            None,
        );
    }
    let file_template = template("file", &mut problem);
    let key = text("key", &mut problem).map(|(k, _)| k);
    let sheet = text("sheet", &mut problem).map(|(s, _)| s);
    let delimiter = match text("delimiter", &mut problem) {
        Some((d, span)) => match d.as_str() {
            "\\t" | "\t" | "tab" => Some(b'\t'),
            d if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
            _ => {
                problem(
                    span,
                    "`delimiter` must be one character, or `\\t` for a tab".to_string(),
                    None,
                );
                None
            }
        },
        None => None,
    };
    let verbatim_ids = match import.get("verbatim_ids") {
        None => false,
        Some(node) => match node.value {
            NodeValue::Bool(b) => b,
            _ => {
                problem(
                    node.span,
                    "`verbatim_ids` must be true or false".to_string(),
                    None,
                );
                false
            }
        },
    };
    let skip_if_empty = match import.get("skip_if_empty") {
        Some(node) => texts(node, "skip_if_empty", &mut problem),
        None => Vec::new(),
    };
    let mut fields = Vec::new();
    if let Some(table) = root.get("fields") {
        for (key, value) in table.entries() {
            let path: Vec<String> = key.name.split('.').map(str::to_string).collect();
            if let Some(source) = field_source(value, &key.name, &mut problem) {
                fields.push(FieldRule {
                    path,
                    span: key.span(),
                    source,
                });
            }
        }
    }
    let extra = match root.get("extra").and_then(|e| e.get("columns")) {
        None => ExtraColumns::None,
        Some(node) if node.as_str() == Some("rest") => ExtraColumns::Rest,
        Some(node) if matches!(node.value, NodeValue::Seq(_)) => {
            ExtraColumns::Listed(texts(node, "columns", &mut problem))
        }
        Some(node) => {
            problem(
                node.span,
                "`[extra] columns` must be `\"rest\"` or a list of column names".to_string(),
                None,
            );
            ExtraColumns::None
        }
    };
    if let Some(extra) = root.get("extra") {
        for (key, _) in extra.entries() {
            if key.name != "columns" {
                problem(
                    key.span(),
                    format!("unknown `[extra]` key `{}`", key.name),
                    Some("`[extra]` has one key, `columns`".to_string()),
                );
            }
        }
    }
    match (kind, id) {
        (Some(kind), Some(id)) if problems.is_empty() => Ok(Mapping {
            kind,
            id,
            file: file_template,
            key,
            verbatim_ids,
            sheet,
            delimiter,
            skip_if_empty,
            fields,
            extra,
            source,
        }),
        _ => Err(problems),
    }
}

fn texts(
    node: &Node,
    name: &str,
    problem: &mut dyn FnMut(Span, String, Option<String>),
) -> Vec<(String, Span)> {
    match &node.value {
        NodeValue::Seq(items) => items
            .iter()
            .filter_map(|item| match item.as_str() {
                Some(s) => Some((s.to_string(), item.span)),
                None => {
                    problem(
                        item.span,
                        format!("`{name}` lists column names, found {}", item.describe()),
                        None,
                    );
                    None
                }
            })
            .collect(),
        NodeValue::Str(s) => vec![(s.to_string(), node.span)],
        _ => {
            problem(
                node.span,
                format!("`{name}` must be a list of column names"),
                None,
            );
            Vec::new()
        }
    }
}

fn field_source(
    value: &Node,
    field: &str,
    problem: &mut dyn FnMut(Span, String, Option<String>),
) -> Option<FieldSource> {
    if let Some(text) = value.as_str() {
        return match Template::parse(text, value.span) {
            Ok(t) => Some(FieldSource::Template(t)),
            Err(e) => {
                problem(value.span, format!("`{field}`: {e}"), None);
                None
            }
        };
    }
    if !matches!(value.value, NodeValue::Map(_)) {
        problem(
            value.span,
            format!(
                "`{field}` must be a template such as `\"{{column}}\"`, or a table with `value` or `column`"
            ),
            None,
        );
        return None;
    }
    let known = ["value", "column", "map", "default", "split", "create"];
    for (key, _) in value.entries() {
        if !known.contains(&key.name.as_str()) {
            let help = closest(&key.name, known).map(|n| format!("did you mean `{n}`?"));
            problem(
                key.span(),
                format!("unknown key `{}` in the rule for `{field}`", key.name),
                help,
            );
        }
    }
    if let Some(fixed) = value.get("value") {
        return Some(FieldSource::Fixed(fixed.to_json()));
    }
    let Some(column) = value.get("column") else {
        problem(
            value.span,
            format!("the rule for `{field}` needs `value` (a fixed value) or `column`"),
            None,
        );
        return None;
    };
    let Some(column_name) = column.as_str() else {
        problem(
            column.span,
            "`column` must be a column name".to_string(),
            None,
        );
        return None;
    };
    let map = value
        .get("map")
        .map(|m| {
            m.entries()
                .iter()
                .map(|(k, v)| (k.name.to_string(), v.to_json(), v.span))
                .collect()
        })
        .unwrap_or_default();
    let split = value
        .get("split")
        .map(|s| {
            texts(s, "split", problem)
                .into_iter()
                .map(|(t, _)| t)
                .collect()
        })
        .unwrap_or_default();
    let create = match value.get("create") {
        Some(node) => match node.as_str().and_then(Kind::from_name) {
            Some(kind) => Some(kind),
            None => {
                problem(
                    node.span,
                    "`create` must name a record kind, such as `\"Supplier\"`".to_string(),
                    None,
                );
                None
            }
        },
        None => None,
    };
    Some(FieldSource::Column(ColumnRule {
        column: column_name.to_string(),
        column_span: column.span,
        map,
        default: value.get("default").map(Node::to_json),
        split,
        create,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_text_and_columns_and_escape_braces() {
        let t = Template::parse("{agency}-{id} {{x}}", Span::file_start()).unwrap();
        assert_eq!(
            t.parts,
            vec![
                Part::Column("agency".into()),
                Part::Text("-".into()),
                Part::Column("id".into()),
                Part::Text(" {x}".into())
            ]
        );
        assert_eq!(t.render(|c| c.to_uppercase()), "AGENCY-ID {x}");
        assert!(Template::parse("{open", Span::file_start()).is_err());
    }
}
