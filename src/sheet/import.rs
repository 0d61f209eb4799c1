//! `aims import`: rows of a table become records by a mapping. Planning is pure: it reads the
//! table, the mapping and the loaded model and returns what to write; `cmd::import` writes it.
//!
//! A row whose `external_ids.<key>` (or, without a key, whose id) matches an existing record
//! updates that record's mapped fields in place, keeping its other fields, body, comments and
//! layout; other rows become new files. Rows lacking required fields become drafts.

use super::mapping::{ColumnRule, ExtraColumns, FieldSource, MAPPING_RULE, Mapping};
use super::table::Table;
use super::yaml_out::{self, Value};
use crate::diagnostic::{Finding, Span, closest};
use crate::model::{Kind, Model, Record};
use crate::schema::{Schema, field_schema, required_fields, split_field_path};
use crate::syntax::source::SourceFile;
use crate::syntax::tree::NodeValue;
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The rule id of problems in the imported rows.
use crate::checks::import_rules::IMPORT_ROW as IMPORT_RULE;

/// What an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub rows: Vec<RowPlan>,
    /// Files to write, by repository-relative path, with their new text.
    pub files: BTreeMap<String, FileChange>,
    /// Records of other kinds made for values of `create` fields, as drafts.
    pub created_references: Vec<(Kind, String, String)>,
    /// Records matched by a previous import whose rows are no longer in the table.
    pub not_in_source: Vec<(String, String, u32)>,
    /// Problems that stop the import: nothing is written when there is one.
    pub errors: Vec<Finding>,
    /// Values that could not be used where the mapping put them, kept in `extra` instead.
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub struct FileChange {
    pub text: String,
    pub new: bool,
}

#[derive(Debug)]
pub struct RowPlan {
    pub row: u64,
    pub id: String,
    pub action: Action,
    pub file: String,
    /// Required fields the row has no value for (the record is written as a draft).
    pub lacks: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Skipped,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Skipped => "skipped",
        }
    }
}

/// An id made from text: lower case, `-` for each run of other characters than letters and
/// digits, none at either end. The same text always gives the same id.
pub fn make_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !id.is_empty() {
                id.push('-');
            }
            dash = false;
            id.push(c);
        } else {
            dash = true;
        }
    }
    id
}

/// The folder new records of a kind go to: its plural, as a path (`ai-systems`, `risks`).
pub fn kind_folder(kind: Kind) -> String {
    make_id(kind.spec().counted.1)
}

/// Checks the mapping against the table and the kind's schema: every column it names exists,
/// every field exists, and every value an enum field can receive is allowed.
pub fn check_mapping(mapping: &Mapping, table: &Table) -> Vec<Finding> {
    let file = mapping.source.path.clone();
    let mut problems = Vec::new();
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let column = |name: &str, span: Span, problems: &mut Vec<Finding>| {
        if !headers.contains(&name) {
            let help = match closest(name, headers.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the columns are: {}", headers.join(", ")),
            };
            problems.push(
                Finding::new(
                    MAPPING_RULE,
                    &file,
                    span,
                    format!("the table has no column `{name}`"),
                )
                .with_help(help),
            );
        }
    };
    for name in mapping.id.columns() {
        column(name, mapping.id.span, &mut problems);
    }
    if let Some(template) = &mapping.file {
        // `{id}` in `file` is the record's id.
        for name in template.columns().filter(|c| *c != "id") {
            column(name, template.span, &mut problems);
        }
    }
    for (name, span) in &mapping.skip_if_empty {
        column(name, *span, &mut problems);
    }
    if let ExtraColumns::Listed(columns) = &mapping.extra {
        for (name, span) in columns {
            column(name, *span, &mut problems);
        }
    }
    for rule in &mapping.fields {
        let dotted = rule.path.join(".");
        let Some(path) = split_field_path(mapping.kind, &dotted) else {
            let fields = crate::schema::property_names(mapping.kind);
            let help = match closest(&rule.path[0], fields.iter().map(String::as_str)) {
                Some(near) if near != rule.path[0] => format!("did you mean `{near}`?"),
                _ => format!(
                    "{} has the fields: {}",
                    mapping.kind.name(),
                    fields.join(", ")
                ),
            };
            problems.push(
                Finding::new(
                    MAPPING_RULE,
                    &file,
                    rule.span,
                    format!("{} has no field `{dotted}`", mapping.kind.name()),
                )
                .with_help(help),
            );
            continue;
        };
        if matches!(path[0].as_str(), "kind" | "id") {
            problems.push(Finding::new(
                MAPPING_RULE,
                &file,
                rule.span,
                format!("`{}` is set by `[import]`, not by `[fields]`", path[0]),
            ));
            continue;
        }
        let schema = field_schema(mapping.kind, &path).unwrap_or_default();
        match &rule.source {
            FieldSource::Template(template) => {
                for name in template.columns() {
                    column(name, template.span, &mut problems);
                }
            }
            FieldSource::Fixed(_) => {}
            FieldSource::Column(rule_of_column) => {
                column(
                    &rule_of_column.column,
                    rule_of_column.column_span,
                    &mut problems,
                );
                problems.extend(check_enum(mapping, rule_of_column, &dotted, &schema, table));
            }
        }
    }
    problems
}

/// The values an enum field allows (for a list, its items'); empty when it is not an enum.
fn enum_values(schema: &Json) -> Vec<String> {
    let schema = schema.get("items").unwrap_or(schema);
    schema
        .get("enum")
        .and_then(Json::as_array)
        .map(|values| {
            values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn check_enum(
    mapping: &Mapping,
    rule: &ColumnRule,
    field: &str,
    schema: &Json,
    table: &Table,
) -> Vec<Finding> {
    let file = &mapping.source.path;
    let allowed = enum_values(schema);
    if allowed.is_empty() {
        return Vec::new();
    }
    let fits = |value: &Json| match value {
        Json::String(s) => allowed.contains(s),
        other => allowed.contains(&other.to_string()),
    };
    let mut problems = Vec::new();
    for (from, to, span) in &rule.map {
        if !fits(to) {
            problems.push(
                Finding::new(
                    MAPPING_RULE,
                    file,
                    *span,
                    format!("`{field}` cannot be {to} (for `{from}`)"),
                )
                .with_help(format!("`{field}` takes one of: {}", allowed.join(", "))),
            );
        }
    }
    if rule.default.is_some() {
        return problems;
    }
    let Some(index) = table.column(&rule.column) else {
        return problems;
    };
    let mut unmapped: Vec<String> = Vec::new();
    for row in &table.rows {
        let cell = row.cells.get(index).map_or("", |c| c.as_str());
        for item in split(cell, &rule.split) {
            let fine = rule.mapped(&item).is_some() || normalized_enum(&item, &allowed).is_some();
            if !fine && !unmapped.contains(&item) {
                unmapped.push(item);
            }
        }
    }
    if !unmapped.is_empty() {
        unmapped.truncate(10);
        problems.push(
            Finding::new(
                MAPPING_RULE,
                file,
                rule.column_span,
                format!(
                    "column `{}` has values that `{field}` does not take and the mapping does not map: {}",
                    rule.column,
                    unmapped.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_help(format!(
                "add them to `map` (allowed: {}), or give a `default`",
                allowed.join(", ")
            )),
        );
    }
    problems
}

/// A cell's text as an allowed enum value when it is one spelled differently (`Pre-Deployment`,
/// `in progress` for `in-progress`).
fn normalized_enum(text: &str, allowed: &[String]) -> Option<String> {
    let wanted = make_id(text);
    allowed.iter().find(|a| make_id(a) == wanted).cloned()
}

fn split(cell: &str, separators: &[String]) -> Vec<String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![cell.to_string()];
    for separator in separators.iter().filter(|s| !s.is_empty()) {
        items = items
            .iter()
            .flat_map(|item| item.split(separator.as_str()).map(str::to_string))
            .collect();
    }
    let mut seen = HashSet::new();
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty() && seen.insert(i.clone()))
        .collect()
}

/// Everything `plan` needs.
pub struct ImportInput<'a> {
    pub mapping: &'a Mapping,
    pub table: &'a Table,
    /// How messages name the table file.
    pub table_name: &'a str,
    pub model: &'a Model,
    /// Reads a repository file's current text (to append to it), if it exists.
    pub existing_file: &'a dyn Fn(&str) -> Option<String>,
}

/// Works out what importing the table does, without writing anything.
pub fn plan(input: &ImportInput<'_>, on_row: &dyn Fn()) -> Plan {
    let ImportInput {
        mapping,
        table,
        table_name,
        model,
        existing_file,
    } = *input;
    let kind = mapping.kind;
    let mut plan = Plan::default();
    let column_of: HashMap<&str, usize> = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    let used_columns = used_columns(mapping);
    // Existing records of the kind, by external id and by id.
    let existing: Vec<&Record> = model.of_kind(kind).collect();
    let by_key: HashMap<String, &Record> = match &mapping.key {
        Some(key) => existing
            .iter()
            .filter_map(|r| {
                let value = r.external_ids().into_iter().find(|(k, _)| k == key)?.1;
                Some((value, *r))
            })
            .collect(),
        None => HashMap::new(),
    };
    // An existing `R-001` is the row whose id is made into `r-001`.
    let by_made_id: HashMap<String, &Record> =
        existing.iter().map(|r| (make_id(&r.id), *r)).collect();
    // Each field's path and schema, worked out once rather than per row.
    let rules: Vec<(&FieldSource, Vec<String>, Json)> = mapping
        .fields
        .iter()
        .filter_map(|rule| {
            let path = split_field_path(kind, &rule.path.join("."))?;
            let schema = field_schema(kind, &path).unwrap_or_default();
            Some((&rule.source, path, schema))
        })
        .collect();
    let mut references = References::new(model);
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut new_docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut edits: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
    let mut sources: BTreeMap<String, std::sync::Arc<SourceFile>> = BTreeMap::new();
    for row in &table.rows {
        on_row();
        let cell = |name: &str| -> String {
            column_of
                .get(name)
                .and_then(|&i| row.cells.get(i))
                .map_or_else(String::new, Clone::clone)
        };
        // Templates compose single values: each cell trimmed.
        let trimmed = |name: &str| cell(name).trim().to_string();
        let row_error = |message: String| {
            Finding::new(
                IMPORT_RULE,
                table_name,
                Span::point(crate::diagnostic::Pos {
                    line: row.number as u32,
                    column: 1,
                }),
                message,
            )
        };
        if mapping
            .skip_if_empty
            .iter()
            .any(|(column, _)| cell(column).trim().is_empty())
        {
            continue;
        }
        let raw_id = mapping.id.render(trimmed);
        let id = if mapping.verbatim_ids {
            raw_id.trim().to_string()
        } else {
            make_id(&raw_id)
        };
        if id.is_empty() {
            plan.errors.push(row_error(format!(
                "row {}: the `id` template gives no id (its columns are empty)",
                row.number
            )));
            continue;
        }
        if let Some(first) = seen_ids.insert(id.clone(), row.number) {
            plan.errors.push(
                row_error(format!(
                    "rows {first} and {} would both become {} `{id}`; two rows are never merged",
                    row.number,
                    kind.name()
                ))
                .with_help(
                    "make the `id` template tell the rows apart, or remove the duplicate row",
                ),
            );
            continue;
        }
        let mut record = Value::Map(Vec::new());
        let mut notes = Vec::new();
        for (source, path, schema) in &rules {
            let (path, schema) = (path.as_slice(), schema);
            let value = match source {
                FieldSource::Template(template) => {
                    let text = template.render(trimmed);
                    (!text.trim().is_empty()).then(|| Json::String(text.trim().to_string()))
                }
                FieldSource::Fixed(json) => Some(json.clone()),
                FieldSource::Column(column_rule) => column_value(
                    column_rule,
                    &cell(&column_rule.column),
                    schema,
                    &mut references,
                ),
            };
            let Some(value) = value else { continue };
            match coerce(&value, schema) {
                Some(value) => set_path(&mut record, path, value),
                None => {
                    let field = path.join(".");
                    notes.push(format!(
                        "row {}: `{}` is not a valid `{field}`; kept in `extra` as `{field}`",
                        row.number,
                        plain(&value)
                    ));
                    set_path(
                        &mut record,
                        &["extra".to_string(), field],
                        Value::Text(plain(&value)),
                    );
                }
            }
        }
        // Columns with no field of their own, kept in `extra`.
        let extra_columns: Vec<&str> = match &mapping.extra {
            ExtraColumns::None => Vec::new(),
            ExtraColumns::Rest => table
                .headers
                .iter()
                .map(String::as_str)
                .filter(|h| !used_columns.contains(*h))
                .collect(),
            ExtraColumns::Listed(columns) => columns.iter().map(|(c, _)| c.as_str()).collect(),
        };
        for column in extra_columns {
            let text = cell(column).trim().to_string();
            if !text.is_empty() && !column.trim().is_empty() {
                set_path(
                    &mut record,
                    &["extra".to_string(), column.to_string()],
                    extra_value(&text),
                );
            }
        }
        // The row's identity in the source system.
        let external = mapping.key.as_ref().map(|key| {
            let mapped = get_path(&record, &["external_ids".to_string(), key.clone()]);
            let value = mapped.map_or_else(|| raw_id.trim().to_string(), plain_value);
            set_path(
                &mut record,
                &["external_ids".to_string(), key.clone()],
                Value::Text(value.clone()),
            );
            value
        });
        if let Some(external) = &external {
            seen_keys.insert(external.clone());
        }
        let matched = external
            .as_ref()
            .and_then(|e| by_key.get(e).copied())
            .or_else(|| model.get(kind, &id))
            .or_else(|| by_made_id.get(&make_id(&id)).copied());
        plan.notes.extend(notes);
        match matched {
            Some(existing_record) => {
                let (action, lacks) = update(existing_record, &record, &mut edits, &mut sources);
                plan.rows.push(RowPlan {
                    row: row.number,
                    id: existing_record.id.to_string(),
                    action,
                    file: existing_record.file().to_string(),
                    lacks,
                });
            }
            None => {
                let file = match &mapping.file {
                    // In `file`, `{id}` is the record's id (a column named `id` feeds `id`).
                    Some(template) => {
                        template.render(|c| if c == "id" { id.clone() } else { trimmed(c) })
                    }
                    None => format!("{}/{id}.yaml", kind_folder(kind)),
                };
                let Some(file) = safe_path(&file) else {
                    plan.errors.push(row_error(format!(
                        "row {}: `{file}` is not a path inside the repository ending in `.yaml`",
                        row.number
                    )));
                    continue;
                };
                let mut entries = vec![
                    ("kind".to_string(), Value::Text(kind.name().to_string())),
                    ("id".to_string(), Value::Text(id.clone())),
                ];
                let Value::Map(fields) = record else { continue };
                let lacks: Vec<String> = required_fields(kind)
                    .iter()
                    .filter(|f| *f != "id" && !fields.iter().any(|(k, _)| k == *f))
                    .cloned()
                    .collect();
                let mut fields = fields;
                if !lacks.is_empty() {
                    fields.retain(|(k, _)| k != "draft");
                    entries.push(("draft".to_string(), Value::Bool(true)));
                }
                entries.extend(in_schema_order(kind, fields));
                let mut text = yaml_out::document(&entries);
                let mut lacks = lacks;
                if let Some(problem) = validate(kind, &id, &text, &file) {
                    // Never an invalid record: the fields the schema refuses go to `extra`
                    // as text, and the record is a draft until someone fixes them.
                    match salvage(kind, &id, &file, &entries) {
                        Some((salvaged, moved)) => {
                            plan.notes.push(format!(
                                "row {}: {problem}; `{}` kept in `extra` and the record written as a draft",
                                row.number,
                                moved.join("`, `")
                            ));
                            if lacks.is_empty() {
                                lacks.push(format!("valid {}", moved.join(", ")));
                            }
                            text = salvaged;
                        }
                        None => {
                            plan.errors
                                .push(row_error(format!("row {}: {problem}", row.number)));
                            continue;
                        }
                    }
                }
                new_docs.entry(file.clone()).or_default().push(text);
                plan.rows.push(RowPlan {
                    row: row.number,
                    id,
                    action: Action::Create,
                    file,
                    lacks,
                });
            }
        }
    }
    if mapping.key.is_some() {
        for record in &existing {
            let key = mapping.key.as_deref().unwrap_or_default();
            if let Some((_, value)) = record.external_ids().into_iter().find(|(k, _)| k == key)
                && !seen_keys.contains(&value)
            {
                plan.not_in_source.push((
                    record.id.to_string(),
                    record.file().to_string(),
                    record.id_span().start.line,
                ));
            }
        }
    }
    for (kind, id, name) in references.created {
        let mut entries = vec![
            ("kind".to_string(), Value::Text(kind.name().to_string())),
            ("id".to_string(), Value::Text(id.clone())),
            ("draft".to_string(), Value::Bool(true)),
        ];
        let naming = kind.spec().naming_field;
        if naming != "id" {
            entries.push((naming.to_string(), Value::Text(name.clone())));
        }
        let file = format!("{}/{id}.yaml", kind_folder(kind));
        new_docs
            .entry(file)
            .or_default()
            .push(yaml_out::document(&entries));
        plan.created_references.push((kind, id, name));
    }
    for (file, docs) in new_docs {
        let created = docs.join("---\n");
        let (text, new) = match existing_file(&file) {
            Some(current) if !current.trim().is_empty() => {
                let separator = if current.ends_with('\n') {
                    "---\n"
                } else {
                    "\n---\n"
                };
                (format!("{current}{separator}{created}"), false)
            }
            _ => (created, true),
        };
        plan.files.insert(file, FileChange { text, new });
    }
    for (file, mut file_edits) in edits {
        let Some(source) = sources.get(&file) else {
            continue;
        };
        let mut text = plan
            .files
            .remove(&file)
            .map_or_else(|| source.text.clone(), |c| c.text);
        // Later offsets first, so earlier ones stay valid.
        file_edits.sort_by_key(|edit| std::cmp::Reverse(edit.at));
        for edit in file_edits {
            text.replace_range(edit.at..edit.end, &edit.text);
        }
        plan.files.insert(file, FileChange { text, new: false });
    }
    plan
}

/// Columns the mapping uses for ids, files and fields (the rest may go to `extra`).
fn used_columns(mapping: &Mapping) -> HashSet<String> {
    let mut used: HashSet<String> = mapping.id.columns().map(str::to_string).collect();
    if let Some(file) = &mapping.file {
        used.extend(file.columns().map(str::to_string));
    }
    for rule in &mapping.fields {
        match &rule.source {
            FieldSource::Template(t) => used.extend(t.columns().map(str::to_string)),
            FieldSource::Column(c) => {
                used.insert(c.column.clone());
            }
            FieldSource::Fixed(_) => {}
        }
    }
    used
}

/// A column rule's value for a cell: split, mapped, defaulted, references resolved.
fn column_value(
    rule: &ColumnRule,
    cell: &str,
    schema: &Json,
    references: &mut References<'_>,
) -> Option<Json> {
    let allowed = enum_values(schema);
    let one = |text: &str| -> Option<Json> {
        if let Some(mapped) = rule.mapped(text) {
            return Some(mapped.clone());
        }
        if !allowed.is_empty() {
            return normalized_enum(text, &allowed)
                .map(Json::String)
                .or_else(|| rule.default.clone());
        }
        // Multi-line text is kept as written (a body's last line break included).
        if text.contains('\n') && !text.trim().is_empty() {
            return Some(Json::String(
                text.trim_start_matches([' ', '\t'])
                    .trim_end_matches([' ', '\t'])
                    .to_string(),
            ));
        }
        Some(Json::String(text.trim().to_string()))
    };
    let is_list = schema.get("type").and_then(Json::as_str) == Some("array");
    if cell.trim().is_empty() {
        return rule.default.clone();
    }
    let items = if is_list || !rule.split.is_empty() {
        split(cell, &rule.split)
    } else {
        vec![cell.to_string()]
    };
    let mut values: Vec<Json> = items.iter().filter_map(|item| one(item)).collect();
    if let Some(kind) = rule.create {
        values = values
            .into_iter()
            .map(|v| {
                Json::String(references.resolve(
                    kind,
                    &plain_value(&Value::from_json(&v).unwrap_or(Value::Text(String::new()))),
                ))
            })
            .collect();
    }
    // A field that takes one value or a list (`source`) gets a list only for several values.
    if is_list || values.len() > 1 {
        Some(Json::Array(values))
    } else {
        values.into_iter().next()
    }
}

/// Referenced records: an existing one by id or name, else one to create as a draft.
struct References<'a> {
    model: &'a Model,
    created: Vec<(Kind, String, String)>,
}

impl<'a> References<'a> {
    fn new(model: &'a Model) -> Self {
        References {
            model,
            created: Vec::new(),
        }
    }

    fn resolve(&mut self, kind: Kind, name: &str) -> String {
        if self.model.contains(kind, name) {
            return name.to_string();
        }
        let naming = kind.spec().naming_field;
        if let Some(record) = self.model.of_kind(kind).find(|r| {
            r.text_field(naming)
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim()))
        }) {
            return record.id.to_string();
        }
        let id = make_id(name);
        if self.model.contains(kind, &id) {
            return id;
        }
        if !self.created.iter().any(|(k, i, _)| *k == kind && *i == id) {
            self.created.push((kind, id.clone(), name.to_string()));
        }
        id
    }
}

/// A JSON value in the shape the field's schema asks for; `None` when it cannot be.
fn coerce(value: &Json, schema: &Json) -> Option<Value> {
    let types: Vec<&str> = match schema.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    };
    let text = match value {
        Json::String(s) if s.contains('\n') => Some(s.clone()),
        Json::String(s) => Some(s.trim().to_string()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    // A field that takes one text or a list (`source`, `needs`) keeps a single text as is.
    if types.contains(&"array") && !(types.contains(&"string") && text.is_some()) {
        let items = schema.get("items").cloned().unwrap_or_default();
        let list = match value {
            Json::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        return Some(Value::List(
            list.iter()
                .map(|item| coerce(item, &items))
                .collect::<Option<Vec<_>>>()?,
        ));
    }
    if types.contains(&"boolean") {
        if let Json::Bool(b) = value {
            return Some(Value::Bool(*b));
        }
        return match text?.to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "x" => Some(Value::Bool(true)),
            "false" | "no" | "n" | "0" => Some(Value::Bool(false)),
            _ => None,
        };
    }
    if types.contains(&"integer") || types.contains(&"number") {
        if let Json::Number(n) = value {
            return Some(Value::Number(n.clone()));
        }
        let parsed = text.as_deref().and_then(number);
        return match parsed {
            Some(n) if types.contains(&"number") || n.is_i64() || n.is_u64() => {
                Some(Value::Number(n))
            }
            _ if types.contains(&"string") => Some(Value::Text(text?)),
            _ => None,
        };
    }
    if types.contains(&"object") || schema.get("anyOf").is_some() {
        // `extra` values may be numbers or booleans; other choices (text or a record) keep text.
        let scalars = schema
            .get("anyOf")
            .and_then(Json::as_array)
            .is_some_and(|branches| {
                branches.iter().any(|b| {
                    b.get("type")
                        .and_then(Json::as_array)
                        .is_some_and(|t| t.iter().any(|t| t == "number"))
                })
            });
        return Value::from_json(value).map(|v| match v {
            Value::Text(t) if scalars => extra_value(&t),
            other => other,
        });
    }
    let text = text?;
    if schema.get("format").and_then(Json::as_str) == Some("date") {
        return iso_date(&text).map(Value::Text);
    }
    if text.is_empty() {
        return None;
    }
    Some(Value::Text(text))
}

fn number(text: &str) -> Option<serde_json::Number> {
    let text = text.trim();
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.into());
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(serde_json::Number::from_f64)
}

/// A cell kept in `extra`: a number or a boolean where the text is one, else the text.
fn extra_value(text: &str) -> Value {
    match text {
        "true" | "TRUE" | "True" => Value::Bool(true),
        "false" | "FALSE" | "False" => Value::Bool(false),
        _ => {
            let looks_numeric = !text.starts_with('0') || text == "0" || text.starts_with("0.");
            match number(text).filter(|_| looks_numeric && !text.starts_with('+')) {
                Some(n) => Value::Number(n),
                None => Value::Text(text.to_string()),
            }
        }
    }
}

/// Dates as spreadsheets write them, as `YYYY-MM-DD`: ISO (with a time), `MM/DD/YYYY`,
/// `DD.MM.YYYY`, `YYYY/MM/DD`.
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    if let Ok(date) = head.parse::<jiff::civil::Date>() {
        return Some(date.to_string());
    }
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .collect();
    let [a, b, c] = numbers[..] else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 {
        (a, b, c)
    } else if text.contains('.') {
        (c, b, a)
    } else {
        (c, a, b)
    };
    let date =
        jiff::civil::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()?;
    Some(date.to_string())
}

fn plain(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

fn plain_value(value: &Value) -> String {
    plain(&value.to_json())
}

/// A value as a reader writes it in one cell: lists joined by `; `, records as `key: value`.
fn display(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => items.iter().map(display).collect::<Vec<_>>().join("; "),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| format!("{k}: {}", display(v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn get_path<'v>(record: &'v Value, path: &[String]) -> Option<&'v Value> {
    let mut here = record;
    for segment in path {
        here = match here {
            Value::Map(entries) => &entries.iter().find(|(k, _)| k == segment)?.1,
            Value::List(items) => items.get(segment.parse::<usize>().ok()?.checked_sub(1)?)?,
            _ => return None,
        };
    }
    Some(here)
}

/// Sets `path` in `record`, making maps (and, for 1-based numeric segments, list items).
fn set_path(record: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut here = record;
    for (index, segment) in parents.iter().enumerate() {
        let next_is_item = path[index + 1].parse::<usize>().is_ok_and(|n| n > 0);
        here = match here {
            Value::Map(entries) => {
                let position = match entries.iter().position(|(k, _)| k == segment) {
                    Some(p) => p,
                    None => {
                        let empty = if next_is_item {
                            Value::List(Vec::new())
                        } else {
                            Value::Map(Vec::new())
                        };
                        entries.push((segment.clone(), empty));
                        entries.len() - 1
                    }
                };
                &mut entries[position].1
            }
            Value::List(items) => {
                let n = segment.parse::<usize>().unwrap_or(1).max(1);
                while items.len() < n {
                    items.push(Value::Map(Vec::new()));
                }
                &mut items[n - 1]
            }
            _ => return,
        };
    }
    match here {
        Value::Map(entries) => match entries.iter_mut().find(|(k, _)| k == last) {
            Some((_, slot)) => *slot = value,
            None => entries.push((last.clone(), value)),
        },
        Value::List(items) => {
            let n = last.parse::<usize>().unwrap_or(1).max(1);
            while items.len() < n {
                items.push(Value::Map(Vec::new()));
            }
            items[n - 1] = value;
        }
        _ => {}
    }
}

/// Top-level fields in the order the kind's schema lists them (unknown ones last).
fn in_schema_order(kind: Kind, mut fields: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let order = crate::schema::property_names(kind);
    fields.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    fields
}

/// A repository-relative path that stays inside the repository and names a YAML file.
fn safe_path(path: &str) -> Option<String> {
    let path = path.trim().replace('\\', "/");
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let fine = !path.starts_with('/')
        && !parts.is_empty()
        && parts
            .iter()
            .all(|p| *p != ".." && !p.starts_with('.') && !p.contains(':'))
        && (path.ends_with(".yaml") || path.ends_with(".yml"));
    fine.then(|| parts.join("/"))
}

/// Checks the text that would be written: `None` when it loads and passes the schema.
fn validate(kind: Kind, id: &str, text: &str, file: &str) -> Option<String> {
    let parsed = crate::load::yaml::parse(text, 0);
    if let Some(error) = parsed.first_error() {
        return Some(format!(
            "the record would not be valid YAML: {}",
            error.message
        ));
    }
    let node = parsed.documents.into_iter().next()?;
    let source = SourceFile::new(file.to_string(), text.to_string());
    let issues = Schema::for_kind(kind).check(
        &node,
        &node.to_json(),
        &source,
        &format!("{} `{id}`", kind.label()),
    );
    (!issues.is_empty()).then(|| {
        issues
            .iter()
            .map(|i| i.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// A draft of the record with every field its schema refuses moved to `extra` as text, and the
/// names of the fields moved; `None` when even that is not valid (its id or name is refused).
fn salvage(
    kind: Kind,
    id: &str,
    file: &str,
    entries: &[(String, Value)],
) -> Option<(String, Vec<String>)> {
    let head = |draft: bool| {
        let mut head = vec![
            ("kind".to_string(), Value::Text(kind.name().to_string())),
            ("id".to_string(), Value::Text(id.to_string())),
        ];
        if draft {
            head.push(("draft".to_string(), Value::Bool(true)));
        }
        head
    };
    let naming = kind.spec().naming_field;
    let naming_entry = entries.iter().find(|(k, _)| k == naming).cloned();
    let mut kept = head(true);
    let mut extra = match entries.iter().find(|(k, _)| k == "extra") {
        Some((_, Value::Map(existing))) => existing.clone(),
        _ => Vec::new(),
    };
    let mut moved = Vec::new();
    for (key, value) in entries {
        if matches!(key.as_str(), "kind" | "id" | "draft" | "extra") {
            continue;
        }
        let mut alone = head(true);
        if key != naming {
            alone.extend(naming_entry.clone());
        }
        alone.push((key.clone(), value.clone()));
        if validate(kind, id, &yaml_out::document(&alone), file).is_none() {
            kept.push((key.clone(), value.clone()));
        } else {
            let name = if extra.iter().any(|(k, _)| k == key) {
                format!("{key} (imported)")
            } else {
                key.clone()
            };
            extra.push((name, Value::Text(display(value))));
            moved.push(key.clone());
        }
    }
    if !extra.is_empty() {
        kept.push(("extra".to_string(), Value::Map(extra)));
    }
    let fields = kept.split_off(3);
    kept.extend(in_schema_order(kind, fields));
    let text = yaml_out::document(&kept);
    validate(kind, id, &text, file)
        .is_none()
        .then_some((text, moved))
}

/// One change to a file's text: replace `at..end` with `text` (an insertion when empty).
#[derive(Debug)]
struct Edit {
    at: usize,
    end: usize,
    text: String,
}

/// Edits that bring an existing record's mapped fields to the row's values, leaving every
/// other field, its body, comments and layout as they are.
fn update(
    record: &Record,
    row: &Value,
    edits: &mut BTreeMap<String, Vec<Edit>>,
    sources: &mut BTreeMap<String, std::sync::Arc<SourceFile>>,
) -> (Action, Vec<String>) {
    let source = &record.source;
    let is_markdown = record.file().ends_with(".md");
    let Value::Map(fields) = row else {
        return (Action::Unchanged, Vec::new());
    };
    let mut changes = Vec::new();
    let mut merged = record.node.to_json();
    for (key, value) in fields {
        if is_markdown && key == "body" {
            continue; // the Markdown text is the body; it is the user's
        }
        let existing = record.node.get(key);
        let new_json = match (existing.map(|n| n.to_json()), value) {
            // Maps merge: the row's entries over the record's.
            (Some(Json::Object(mut old)), Value::Map(_)) => {
                if let Json::Object(new) = value.to_json() {
                    for (k, v) in new {
                        old.insert(k, v);
                    }
                }
                Json::Object(old)
            }
            (_, value) => value.to_json(),
        };
        if existing.map(|n| n.to_json()).as_ref() == Some(&new_json) {
            continue;
        }
        if let Some(object) = merged.as_object_mut() {
            object.insert(key.clone(), new_json.clone());
        }
        let Some(rendered) = Value::from_json(&new_json) else {
            continue;
        };
        let rendered = yaml_out::inline(&rendered);
        match record.node.entry(key) {
            Some((key_node, node)) => {
                // From just after `key:` to the end of the value, so a block scalar's `|` or a
                // block list's lines go with it.
                let after_key = source.offset(key_node.span().end);
                let at = source.text[after_key..]
                    .find(':')
                    .map_or(after_key, |i| after_key + i + 1);
                let end = source.offset(node.span.end).max(at);
                let old = &source.text[at..end];
                let keep_newline = if old.ends_with('\n') { "\n" } else { "" };
                changes.push(Edit {
                    at,
                    end,
                    text: format!(" {rendered}{keep_newline}"),
                });
            }
            None => {
                let at = insertion_point(record);
                changes.push(Edit {
                    at,
                    end: at,
                    text: format!(
                        "{}: {rendered}\n",
                        yaml_out::inline(&Value::Text(key.clone()))
                    ),
                });
            }
        }
    }
    let present = |field: &str| merged.get(field).is_some_and(|v| !v.is_null());
    let lacks: Vec<String> = required_fields(record.kind)
        .iter()
        .filter(|f| !present(f))
        .cloned()
        .collect();
    if changes.is_empty() {
        return (Action::Unchanged, lacks);
    }
    sources
        .entry(record.file().to_string())
        .or_insert_with(|| record.source.clone());
    edits
        .entry(record.file().to_string())
        .or_default()
        .extend(changes);
    (Action::Update, lacks)
}

/// Where a new top-level field goes: on the line after the record's last field (before a
/// Markdown record's body).
fn insertion_point(record: &Record) -> usize {
    let source = &record.source;
    let NodeValue::Map(entries) = &record.node.value else {
        return source.text.len();
    };
    let last = entries
        .iter()
        .rev()
        .find(|(key, _)| !(record.file().ends_with(".md") && key.name == "body"));
    let Some((_, node)) = last else {
        return source.text.len();
    };
    let end = source.offset(node.span.end);
    if end > 0 && source.text[..end].ends_with('\n') {
        return end;
    }
    source.text[end..]
        .find('\n')
        .map_or(source.text.len(), |i| end + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_with_dashes_and_stable() {
        assert_eq!(make_id("SSA-0042"), "ssa-0042");
        assert_eq!(
            make_id("  DOJ / FBI: Face Match #2 "),
            "doj-fbi-face-match-2"
        );
        assert_eq!(make_id("Espyr/Acentra"), "espyr-acentra");
        assert_eq!(make_id("---"), "");
    }

    #[test]
    fn splitting_keeps_what_has_no_separator() {
        let seps = vec![
            ",".to_string(),
            ";".to_string(),
            "\n".to_string(),
            " / ".to_string(),
        ];
        assert_eq!(
            split("Microsoft / OpenAI", &seps),
            vec!["Microsoft", "OpenAI"]
        );
        assert_eq!(split("ServiceNow\nAWS", &seps), vec!["ServiceNow", "AWS"]);
        assert_eq!(split("Espyr/Acentra", &seps), vec!["Espyr/Acentra"]);
        assert_eq!(split("a, a ,", &seps), vec!["a"]);
    }

    #[test]
    fn dates_in_spreadsheet_spellings() {
        assert_eq!(iso_date("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(
            iso_date("2024-03-05T00:00:00Z").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(iso_date("3/5/2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("05.03.2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("March 2024"), None);
    }

    #[test]
    fn paths_stay_inside_the_repository() {
        assert_eq!(
            safe_path("systems/a.yaml").as_deref(),
            Some("systems/a.yaml")
        );
        assert_eq!(safe_path("../a.yaml"), None);
        assert_eq!(safe_path("/etc/a.yaml"), None);
        assert_eq!(safe_path(".git/a.yaml"), None);
        assert_eq!(safe_path("a.txt"), None);
    }
}
