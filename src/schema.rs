//! The bundled JSON Schemas (draft 2020-12) and validation of spanned trees against them.
//!
//! Validation errors are turned into plain-language messages located at the offending key
//! (unknown field), value (wrong type, enum, format) or parent mapping (missing field).

use crate::diagnostic::{Span, closest};
use crate::model::{KINDS, Kind};
use crate::syntax::source::SourceFile;
use crate::syntax::tree::{Node, NodeValue, Step};
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::{Draft, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// `(file stem, JSON text)` of every bundled schema: `aims.toml`'s, then each kind's from the
/// kind registry.
pub fn schema_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once((
        CONFIG_SCHEMA,
        include_str!("../schemas/aims-toml.schema.json"),
    ))
    .chain(KINDS.iter().map(|kind| kind.schema))
}

pub const CONFIG_SCHEMA: &str = "aims-toml";

/// Problems explained per document; a file of generated garbage must not produce millions.
pub const MAX_ISSUES_PER_DOCUMENT: usize = 50;

pub fn schema_text(name: &str) -> Option<&'static str> {
    schema_files().find(|(n, _)| *n == name).map(|(_, t)| t)
}

/// The name `aims schema` uses for [`record_schema`].
pub const RECORD_SCHEMA: &str = "record";

/// One schema for any record: it picks the kind's schema by the value of `kind`. Editors map
/// it to every YAML file, since a file may hold records of any kind. Each kind's schema is
/// inlined (not referenced by `$id`) so the editor never needs the network.
pub fn record_schema() -> Value {
    let branches: Vec<Value> = Kind::ALL
        .iter()
        .map(|kind| {
            let mut schema: Value =
                serde_json::from_str(schema_text(kind.schema_name()).unwrap_or("{}"))
                    .unwrap_or_default();
            if let Some(object) = schema.as_object_mut() {
                object.remove("$schema");
                object.remove("$id");
            }
            serde_json::json!({
                "if": {"properties": {"kind": {"const": kind.name()}}, "required": ["kind"]},
                "then": schema,
            })
        })
        .collect();
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://aims.dev/schema/v1/record.schema.json",
        "title": "aims record",
        "description": "Any aims record; the `kind` field selects the record's schema.",
        "type": "object",
        "properties": {
            "kind": {
                "description": "The record kind.",
                "enum": Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>(),
            }
        },
        "required": ["kind"],
        "allOf": branches,
    })
}

/// The JSON text of a bundled schema, or of the combined record schema.
pub fn text_of(name: &str) -> String {
    if name == RECORD_SCHEMA {
        let mut text = serde_json::to_string_pretty(&record_schema()).unwrap_or_default();
        text.push('\n');
        return text;
    }
    schema_text(name).unwrap_or_default().to_string()
}

/// The fields a complete record of `kind` must have, without `kind` itself: the schema's
/// `required` and those it asks of records that are not drafts.
pub fn required_fields(kind: Kind) -> &'static [String] {
    static CACHE: [OnceLock<Vec<String>>; Kind::ALL.len()] =
        [const { OnceLock::new() }; Kind::ALL.len()];
    CACHE[kind as usize].get_or_init(|| {
        let json: Value = serde_json::from_str(kind.spec().schema.1).unwrap_or_default();
        let names = |v: Option<&Value>| -> Vec<String> {
            v.and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut fields = names(json.get("required"));
        fields.extend(names(json.pointer("/else/required")));
        fields.retain(|f| f != "kind");
        fields
    })
}

/// The schema of the field at `path` in a record of `kind` (`["impact_assessment", "required"]`,
/// `["impacts", "1", "area"]`, `["extra", "anything"]`); `None` when the kind has no such field.
pub fn field_schema(kind: Kind, path: &[String]) -> Option<Value> {
    let mut schema: Value = serde_json::from_str(kind.spec().schema.1).ok()?;
    for segment in path {
        let next = if let Some(sub) = property(&schema, segment) {
            sub.clone()
        } else if segment.parse::<usize>().is_ok_and(|n| n > 0) && schema.get("items").is_some() {
            schema.get("items")?.clone()
        } else {
            match schema.get("additionalProperties") {
                Some(sub) if sub.is_object() => sub.clone(),
                _ => return None,
            }
        };
        schema = next;
    }
    Some(schema)
}

/// A dotted field name (`impact_assessment.required`, `controls.A.6.2.4.status`,
/// `extra.first.seen`) as path segments, keys of free-form maps kept whole: in a map keyed by
/// ids (SoA `controls`) the key runs until a field of its entries follows; in `extra` and
/// `external_ids` the rest is the key. `None` when the kind has no such field.
pub fn split_field_path(kind: Kind, dotted: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = dotted.split('.').collect();
    let mut schema: Value = serde_json::from_str(kind.spec().schema.1).ok()?;
    let mut path = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        if let Some(sub) = property(&schema, word) {
            schema = sub.clone();
            path.push(word.to_string());
            index += 1;
        } else if word.parse::<usize>().is_ok_and(|n| n > 0) && schema.get("items").is_some() {
            schema = schema.get("items")?.clone();
            path.push(word.to_string());
            index += 1;
        } else if let Some(entry) = schema.get("additionalProperties").filter(|s| s.is_object()) {
            let entry = entry.clone();
            let fields = entry.get("properties").and_then(Value::as_object);
            // The key runs until the next word is a field of the entry (or to the end).
            let end = match fields {
                Some(fields) => (index + 1..words.len())
                    .find(|&i| fields.contains_key(words[i]))
                    .unwrap_or(words.len()),
                None => words.len(),
            };
            path.push(words[index..end].join("."));
            schema = entry;
            index = end;
        } else {
            return None;
        }
    }
    Some(path)
}

/// The schema of field `name` of an object schema, looking into `anyOf` / `oneOf` branches
/// (a list item that is either text or `{decision, owner, due}`).
fn property<'a>(schema: &'a Value, name: &str) -> Option<&'a Value> {
    if let Some(sub) = schema.get("properties").and_then(|p| p.get(name)) {
        return Some(sub);
    }
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten()
        .find_map(|branch| branch.get("properties").and_then(|p| p.get(name)))
}

/// Every top-level field a record of `kind` may have.
pub fn property_names(kind: Kind) -> &'static [String] {
    static CACHE: [OnceLock<Vec<String>>; Kind::ALL.len()] =
        [const { OnceLock::new() }; Kind::ALL.len()];
    CACHE[kind as usize].get_or_init(|| {
        serde_json::from_str::<PropertyOrder>(kind.spec().schema.1)
            .map(|order| order.properties.0)
            .unwrap_or_default()
    })
}

/// The names of a schema's `properties`, in the order the file lists them (a JSON object read
/// into `Value` loses it).
#[derive(serde::Deserialize)]
struct PropertyOrder {
    properties: KeysInOrder,
}

struct KeysInOrder(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeysInOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of properties")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<KeysInOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(key);
                }
                Ok(KeysInOrder(keys))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A compiled schema and its JSON (messages look up titles and property names in it).
pub struct Schema {
    json: Value,
    validator: Validator,
}

impl Schema {
    fn compile(name: &str) -> Schema {
        let text = schema_text(name).expect("every schema name is bundled");
        let json: Value = serde_json::from_str(text).expect("bundled schemas are valid JSON");
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .build(&json)
            .expect("bundled schemas compile");
        Schema { json, validator }
    }

    /// The compiled schema for a kind, built once per process on first use.
    pub fn for_kind(kind: Kind) -> &'static Schema {
        static CACHE: [OnceLock<Schema>; Kind::ALL.len()] =
            [const { OnceLock::new() }; Kind::ALL.len()];
        CACHE[kind as usize].get_or_init(|| Schema::compile(kind.schema_name()))
    }

    pub fn for_config() -> &'static Schema {
        static CONFIG: OnceLock<Schema> = OnceLock::new();
        CONFIG.get_or_init(|| Schema::compile(CONFIG_SCHEMA))
    }

    /// Validates `json` (built from `node`) and describes each problem at its place in `node`.
    /// `subject` names the whole document in messages, such as "risk `R-001`".
    pub fn check(
        &self,
        node: &Node,
        json: &Value,
        source: &SourceFile,
        subject: &str,
    ) -> Vec<Issue> {
        let mut issues = Vec::new();
        for error in self.validator.iter_errors(json) {
            if issues.len() > MAX_ISSUES_PER_DOCUMENT {
                // Explaining costs a tree lookup each: past the cap, say so once and stop.
                break;
            }
            let path: Vec<Step> = error
                .instance_path()
                .iter()
                .map(|segment| match segment {
                    LocationSegment::Property(p) => Step::Key(p.to_string()),
                    LocationSegment::Index(i) => Step::Index(i),
                })
                .collect();
            let keyword_at = error.schema_path().as_str().to_string();
            let explainer = Explainer {
                schema: &self.json,
                root: node,
                path: &path,
                keyword_at: &keyword_at,
                source,
                subject,
            };
            explainer.explain(error.kind(), error.instance(), &mut issues);
        }
        if issues.len() > MAX_ISSUES_PER_DOCUMENT {
            issues.truncate(MAX_ISSUES_PER_DOCUMENT);
            issues.push(Issue {
                span: node.entry("id").map_or(node.span, |(k, _)| k.span()),
                message: format!(
                    "{subject} has more schema problems than the {MAX_ISSUES_PER_DOCUMENT} shown"
                ),
                help: Some("fix the problems above and check again".to_string()),
            });
        }
        issues
    }
}

/// One schema problem, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

struct Explainer<'a> {
    schema: &'a Value,
    root: &'a Node,
    path: &'a [Step],
    /// JSON pointer of the failing keyword in the schema.
    keyword_at: &'a str,
    source: &'a SourceFile,
    subject: &'a str,
}

impl Explainer<'_> {
    fn explain(&self, kind: &ValidationErrorKind, instance: &Value, issues: &mut Vec<Issue>) {
        let (key, node) = self.root.lookup(self.path).unwrap_or((None, self.root));
        let name = self.field_name();
        let value_span = node.span;
        let mut issue = |span: Span, message: String, help: Option<String>| {
            issues.push(Issue {
                span,
                message,
                help,
            });
        };
        match kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.sibling_property_names();
                for field in unexpected.iter().take(MAX_ISSUES_PER_DOCUMENT + 1) {
                    let span = node.entry(field).map_or(value_span, |(k, _)| k.span());
                    let help = match closest(field, known.iter().map(String::as_str)) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if known.is_empty() => "remove this field".to_string(),
                        None => format!("known fields here: {}", backticked(&known)),
                    };
                    let place = if self.path.is_empty() {
                        self.subject.to_string()
                    } else {
                        format!("`{name}`")
                    };
                    issue(
                        span,
                        format!("unknown field `{field}` in {place}"),
                        Some(help),
                    );
                }
            }
            ValidationErrorKind::Required { property } => {
                let field = property.as_str().unwrap_or_default();
                let (span, whose) = match key {
                    Some(key) => (key.span(), format!("`{name}`")),
                    None if self.path.is_empty() => (
                        self.root
                            .entry("id")
                            .or_else(|| self.root.entry("kind"))
                            .map_or(self.root.span, |(k, _)| k.span()),
                        self.subject.to_string(),
                    ),
                    None => (value_span, format!("`{name}`")),
                };
                let description = self
                    .property_schema(field)
                    .and_then(|s| s.get("description"))
                    .and_then(Value::as_str)
                    .map(|d| format!("add `{field}`: {}", lowercase_first(d)));
                issue(
                    span,
                    format!("{whose} is missing the required field `{field}`"),
                    description,
                );
            }
            ValidationErrorKind::Type { .. } => {
                let expected = self
                    .schema
                    .pointer(self.keyword_at)
                    .map(describe_types)
                    .unwrap_or_else(|| "another type".to_string());
                let raw = self.source.slice(value_span);
                let help = match (&node.value, expected.as_str()) {
                    (NodeValue::Int(_) | NodeValue::Float(_) | NodeValue::Bool(_), e)
                        if e.contains("text") =>
                    {
                        Some(format!("quote it to keep it as text: `\"{}\"`", raw.trim()))
                    }
                    (NodeValue::Str(s), e) if e.starts_with("a list") => {
                        Some(format!("write it as a list: `[{s}]`"))
                    }
                    (NodeValue::Str(s), "true or false") => Some(format!(
                        "YAML 1.2 reads `{s}` as text; write `true` or `false`"
                    )),
                    (NodeValue::Null, _) => Some("fill in a value or remove the field".to_string()),
                    _ => None,
                };
                issue(
                    value_span,
                    format!("`{name}` must be {expected}, found {}", node.describe()),
                    help,
                );
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let found = instance
                    .as_str()
                    .map_or_else(|| node.describe(), |s| format!("`{s}`"));
                let help = instance
                    .as_str()
                    .and_then(|s| closest(s, options.iter().map(String::as_str)))
                    .map(|near| format!("did you mean `{near}`?"));
                issue(
                    value_span,
                    format!(
                        "`{name}` must be one of {}; found {found}",
                        backticked(&options)
                    ),
                    help,
                );
            }
            ValidationErrorKind::Constant { expected_value } => {
                issue(
                    value_span,
                    format!("`{name}` must be `{}`", plain(expected_value)),
                    None,
                );
            }
            ValidationErrorKind::Format { format } => {
                let found = instance.as_str().unwrap_or_default();
                let (message, help) = match format.as_str() {
                    "date" if looks_like_date(found) => (
                        format!("`{name}` is `{found}`, which is not a real calendar date"),
                        "check the day and month".to_string(),
                    ),
                    "date" => (
                        format!("`{name}` must be a date written `YYYY-MM-DD`, found `{found}`"),
                        "write dates as ISO 8601, such as `2026-01-15`".to_string(),
                    ),
                    "uri" => (
                        format!("`{name}` must be a full URL, found `{found}`"),
                        "start it with a scheme, such as `https://`".to_string(),
                    ),
                    other => (
                        format!("`{name}` is not a valid {other}: `{found}`"),
                        String::new(),
                    ),
                };
                issue(value_span, message, (!help.is_empty()).then_some(help));
            }
            ValidationErrorKind::MinLength { .. } => {
                issue(value_span, format!("`{name}` must not be empty"), None);
            }
            ValidationErrorKind::MinItems { limit } => {
                let items = if *limit == 1 { "item" } else { "items" };
                issue(
                    value_span,
                    format!("`{name}` must list at least {limit} {items}"),
                    None,
                );
            }
            ValidationErrorKind::Minimum { limit } => {
                issue(
                    value_span,
                    format!(
                        "`{name}` must be at least {limit}, found {}",
                        node.describe()
                    ),
                    None,
                );
            }
            ValidationErrorKind::Maximum { limit } => {
                issue(
                    value_span,
                    format!(
                        "`{name}` must be at most {limit}, found {}",
                        node.describe()
                    ),
                    None,
                );
            }
            ValidationErrorKind::UniqueItems => {
                issue(
                    value_span,
                    format!("`{name}` lists the same value more than once"),
                    None,
                );
            }
            ValidationErrorKind::OneOfNotValid { .. }
            | ValidationErrorKind::OneOfMultipleValid { .. } => {
                let choices = self.one_of_required_names();
                let span = match key {
                    Some(key) => key.span(),
                    None => self.root.entry("id").map_or(value_span, |(k, _)| k.span()),
                };
                let place = if self.path.is_empty() {
                    self.subject.to_string()
                } else {
                    format!("`{name}`")
                };
                let message = if choices.is_empty() {
                    format!("{place} does not match exactly one of the allowed shapes")
                } else {
                    format!(
                        "{place} must have exactly one of {}",
                        backticked(&choices).replace(", ", " or ")
                    )
                };
                issue(span, message, None);
            }
            ValidationErrorKind::AnyOf { .. } => {
                let choices = self.one_of_required_names();
                if choices.is_empty() {
                    let shape = self
                        .schema_here()
                        .and_then(|s| s.get("description"))
                        .and_then(Value::as_str)
                        .map_or("one of the allowed shapes".to_string(), lowercase_first);
                    issue(
                        value_span,
                        format!(
                            "`{name}` is {}, but it must be {}",
                            node.describe(),
                            shape.trim_end_matches('.')
                        ),
                        None,
                    );
                } else {
                    let span = self.root.entry("id").map_or(value_span, |(k, _)| k.span());
                    issue(
                        span,
                        format!(
                            "{} needs {}",
                            self.subject,
                            backticked(&choices).replace(", ", " or ")
                        ),
                        None,
                    );
                }
            }
            _ => {
                issue(value_span, format!("`{name}` is not valid here"), None);
            }
        }
    }

    /// The name a user sees for the failing value: its key, or "`list` item N".
    fn field_name(&self) -> String {
        match self.path.split_last() {
            None => self.subject.to_string(),
            Some((Step::Key(k), _)) => k.clone(),
            Some((Step::Index(i), rest)) => match rest.last() {
                Some(Step::Key(k)) => format!("{k}[{}]", i + 1),
                _ => format!("item {}", i + 1),
            },
        }
    }

    /// The schema object that holds the failing keyword.
    fn schema_here(&self) -> Option<&Value> {
        let parent = self.keyword_at.rsplit_once('/').map_or("", |(p, _)| p);
        // Requirements that apply only to complete records sit in `else` of the draft test:
        // their properties are the enclosing schema's.
        let parent = parent
            .strip_suffix("/else")
            .or_else(|| parent.strip_suffix("/then"))
            .unwrap_or(parent);
        self.schema.pointer(parent)
    }

    fn sibling_property_names(&self) -> Vec<String> {
        self.schema_here()
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn property_schema(&self, field: &str) -> Option<&Value> {
        self.schema_here()?.get("properties")?.get(field)
    }

    fn one_of_required_names(&self) -> Vec<String> {
        let Some(branches) = self
            .schema
            .pointer(self.keyword_at)
            .and_then(Value::as_array)
        else {
            return Vec::new();
        };
        branches
            .iter()
            .filter_map(|b| {
                b.get("required")?
                    .as_array()?
                    .first()?
                    .as_str()
                    .map(str::to_string)
            })
            .collect()
    }
}

fn describe_types(types: &Value) -> String {
    let one = |t: &str| match t {
        "boolean" => "true or false",
        "string" => "text",
        "array" => "a list",
        "object" => "a mapping of fields",
        "integer" => "a whole number",
        "number" => "a number",
        "null" => "empty",
        _ => "another type",
    };
    match types {
        Value::String(t) => one(t).to_string(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(one)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "another type".to_string(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn plain(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

fn backticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_schema_picks_each_kind() {
        let schema = record_schema();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let risk =
            serde_json::json!({"kind": "Role", "id": "x", "title": "t", "responsibilities": ["r"]});
        assert!(validator.is_valid(&risk));
        let typo =
            serde_json::json!({"kind": "Role", "id": "x", "titel": "t", "responsibilities": ["r"]});
        assert!(!validator.is_valid(&typo));
        assert!(!validator.is_valid(&serde_json::json!({"kind": "Spaceship"})));
    }
    use crate::load::yaml;

    fn issues(kind: Kind, text: &str) -> Vec<Issue> {
        let source = SourceFile::new("r.yaml".into(), text.into());
        let node = yaml::parse(&source.text, 0).documents.remove(0);
        Schema::for_kind(kind).check(&node, &node.to_json(), &source, "the record")
    }

    const SOA: &str = "kind: StatementOfApplicability\nid: soa\ncontrols:\n  A.2.2:\n    applicable: no\n    justification: x\n";

    #[test]
    fn every_bundled_schema_compiles_and_documents_every_property() {
        fn walk(name: &str, path: &str, schema: &Value) {
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                assert_eq!(
                    schema.get("additionalProperties"),
                    Some(&Value::Bool(false)),
                    "{name}{path}"
                );
                for (key, sub) in props {
                    assert!(
                        sub.get("title").is_some() && sub.get("description").is_some(),
                        "{name}{path}/{key}"
                    );
                    walk(name, &format!("{path}/{key}"), sub);
                }
            }
            for child in ["items", "additionalProperties"] {
                if let Some(sub) = schema.get(child).filter(|s| s.is_object()) {
                    walk(name, &format!("{path}/{child}"), sub);
                }
            }
        }
        for (name, text) in schema_files() {
            let json: Value = serde_json::from_str(text).unwrap();
            assert!(
                json["$id"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("/{name}.schema.json"))
            );
            walk(name, "", &json);
        }
        for kind in Kind::ALL {
            let _ = Schema::for_kind(*kind);
        }
    }

    #[test]
    fn boolean_as_norway_string_is_explained_at_the_value() {
        let found = issues(Kind::StatementOfApplicability, SOA);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`applicable` must be true or false, found the string `no`"
        );
        assert_eq!(found[0].span.start.line, 5);
        assert_eq!(found[0].span.start.column, 17);
    }

    #[test]
    fn unknown_field_points_at_the_key_with_a_suggestion() {
        let found = issues(
            Kind::Role,
            "kind: Role\nid: cro\ntitle: CRO\nresponsibilites: [x]\n",
        );
        let unknown = found
            .iter()
            .find(|i| i.message.starts_with("unknown field"))
            .unwrap();
        assert_eq!(
            unknown.message,
            "unknown field `responsibilites` in the record"
        );
        assert_eq!(
            unknown.help.as_deref(),
            Some("did you mean `responsibilities`?")
        );
        assert_eq!((unknown.span.start.line, unknown.span.start.column), (4, 1));
        let missing = found
            .iter()
            .find(|i| i.message.contains("missing"))
            .unwrap();
        assert_eq!(
            missing.message,
            "the record is missing the required field `responsibilities`"
        );
        assert_eq!(missing.span.start.line, 2);
    }

    #[test]
    fn nested_missing_field_points_at_the_parent_key() {
        let text = "kind: Risk\nid: R-1\ntitle: t\nai_systems: [a]\nowner: o\nlikelihood: rare\nimpact: minor\ntreatment:\n  plan: p\n";
        let found = issues(Kind::Risk, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`treatment` is missing the required field `option`"
        );
        assert_eq!(found[0].span.start.line, 8);
    }

    #[test]
    fn numbers_where_text_belongs_get_a_quoting_hint() {
        let text = "kind: Evidence\nid: e\ntitle: t\nurl: https://x.example\ncollected: 2026-01-01\nsupports: [6.10, A.2.2]\n";
        let found = issues(Kind::Evidence, text);
        assert_eq!(
            found[0].message,
            "`supports[1]` must be text, found the number 6.1"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("quote it to keep it as text: `\"6.10\"`")
        );
    }

    #[test]
    fn enums_dates_and_one_of_are_plain_language() {
        let text = "kind: AISystem\nid: s\nname: n\nowner: o\npurpose: p\nlifecycle_stage: deploymnt\nai_role: provider\n";
        let found = issues(Kind::AiSystem, text);
        assert!(
            found[0]
                .message
                .starts_with("`lifecycle_stage` must be one of `inception`")
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `deployment`?"));

        let text = "kind: Evidence\nid: e\ntitle: t\npath: a\nurl: https://x.example\ncollected: 2025-02-30\n";
        let found = issues(Kind::Evidence, text);
        let messages: Vec<&str> = found.iter().map(|i| i.message.as_str()).collect();
        assert!(
            messages.contains(&"`collected` is `2025-02-30`, which is not a real calendar date"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"the record must have exactly one of `path` or `url`"),
            "{messages:?}"
        );
    }
}
