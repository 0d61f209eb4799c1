//! `aims export`: records as rows. Nested fields become dotted columns (`treatment.option`,
//! `impacts.1.area`), lists of values are joined by `; `, `extra` and `external_ids` entries get
//! columns of their own, and every row ends with the record's `file` and `line`.

use super::table::{Row, Table};
use crate::model::coverage::ControlState;
use crate::model::{Kind, Model};
use crate::syntax::tree::{Node, NodeValue};

/// How list values are joined into one cell (and split again by the export's mapping).
pub const LIST_SEPARATOR: &str = "; ";

/// Where a list item itself holds `;`, the column's lists are joined by line breaks instead.
pub const LIST_SEPARATOR_FALLBACK: &str = "\n";

/// A record's cells (column, values), its file and line.
type RecordCells = (Vec<(String, Vec<String>)>, String, u32);

/// The columns that hold lists, with the separator each was joined by.
pub type ListColumns = std::collections::BTreeMap<String, &'static str>;

/// One row per record of `kind`, drafts and records with schema errors included (as written).
pub fn records_table(model: &Model, kind: Kind) -> (Table, ListColumns) {
    let order = crate::schema::property_names(kind);
    let mut columns: Vec<String> = Vec::new();
    let mut list_columns = ListColumns::new();
    let mut rows: Vec<RecordCells> = Vec::new();
    for record in model.of_kind(kind) {
        let mut cells = Vec::new();
        for (key, value) in record.node.entries() {
            if key.name != "kind" {
                flatten(&key.name, value, &mut cells, &mut list_columns);
            }
        }
        for (column, _) in &cells {
            if !columns.contains(column) {
                columns.push(column.clone());
            }
        }
        rows.push((
            cells,
            record.file().to_string(),
            record.id_span().start.line,
        ));
    }
    // Fields in schema order (`id` first), nested columns beside their parent, in the order
    // they first appear.
    let rank = |column: &str| {
        let top = column.split('.').next().unwrap_or(column);
        order.iter().position(|o| o == top).unwrap_or(usize::MAX)
    };
    let appearance: Vec<String> = columns.clone();
    columns.sort_by_key(|c| {
        (
            rank(c),
            appearance.iter().position(|a| a == c).unwrap_or(usize::MAX),
        )
    });
    let mut headers = columns.clone();
    headers.extend(["file".to_string(), "line".to_string()]);
    let table_rows = rows
        .into_iter()
        .enumerate()
        .map(|(index, (cells, file, line))| {
            let mut row: Vec<String> = columns
                .iter()
                .map(|c| {
                    cells.iter().find(|(name, _)| name == c).map_or_else(
                        String::new,
                        |(_, items)| {
                            // A column whose items hold `;` anywhere is joined by line breaks.
                            let separator = list_columns.get(c.as_str()).copied();
                            items.join(separator.unwrap_or(LIST_SEPARATOR))
                        },
                    )
                })
                .collect();
            row.push(file);
            row.push(line.to_string());
            Row {
                number: index as u64 + 2,
                cells: row,
            }
        })
        .collect();
    (
        Table {
            headers,
            rows: table_rows,
        },
        list_columns,
    )
}

/// A field's cells, in the order the record writes them: maps by dotted name, lists of maps
/// by 1-based index; each cell's values (one, or a list's items, joined later).
fn flatten(name: &str, node: &Node, out: &mut Vec<(String, Vec<String>)>, lists: &mut ListColumns) {
    match &node.value {
        NodeValue::Map(entries) => {
            for (key, value) in entries {
                flatten(&format!("{name}.{}", key.name), value, out, lists);
            }
        }
        NodeValue::Seq(items)
            if items
                .iter()
                .any(|i| matches!(i.value, NodeValue::Map(_) | NodeValue::Seq(_))) =>
        {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{name}.{}", index + 1), item, out, lists);
            }
        }
        NodeValue::Seq(items) => {
            let texts: Vec<String> = items.iter().map(Node::display_text).collect();
            let separator = lists.entry(name.to_string()).or_insert(LIST_SEPARATOR);
            if texts.iter().any(|t| t.contains(';')) {
                *separator = LIST_SEPARATOR_FALLBACK;
            }
            out.push((name.to_string(), texts));
        }
        _ => out.push((name.to_string(), vec![node.display_text()])),
    }
}

/// The Statement of Applicability as auditors read it: one row per control, Annex A first.
pub fn soa_table(controls: &[ControlState]) -> Table {
    let headers = [
        "control",
        "title",
        "applicable",
        "justification",
        "status",
        "evidence",
        "current evidence",
        "risks",
        "applies to",
        "soa file",
        "line",
    ];
    let rows = controls
        .iter()
        .enumerate()
        .map(|(index, state)| {
            let (file, line) = state.soa.clone().unwrap_or_default();
            Row {
                number: index as u64 + 2,
                cells: vec![
                    state.id.clone(),
                    state.title.clone(),
                    match state.decision.as_str() {
                        "applicable" => "yes".to_string(),
                        "excluded" => "no".to_string(),
                        other => other.to_string(),
                    },
                    state.justification.clone(),
                    state.status.clone().unwrap_or_default(),
                    state.evidence.join(LIST_SEPARATOR),
                    if state.current_evidence { "yes" } else { "no" }.to_string(),
                    state.risks.join(LIST_SEPARATOR),
                    state.applies_to.join(LIST_SEPARATOR),
                    file,
                    if line == 0 {
                        String::new()
                    } else {
                        line.to_string()
                    },
                ],
            }
        })
        .collect();
    Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The mapping that imports an exported table of `kind` back into the same records.
pub fn mapping_for(kind: Kind, table: &Table, lists: &ListColumns) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut out = format!(
        "# Imports a table written by `aims export {name}` back into its records:\n\
         # `aims import FILE --mapping THIS_FILE`. Records are matched by id, so importing\n\
         # into the same repository updates them in place and changes nothing that is equal.\n\
         [import]\nkind = {kind}\nid = \"{{id}}\"\nverbatim_ids = true\n\n[fields]\n",
        name = kind.name(),
        kind = quote(kind.name()),
    );
    for column in &table.headers {
        if matches!(column.as_str(), "id" | "file" | "line") {
            continue;
        }
        let split = match lists.get(column.as_str()) {
            Some(separator) => format!(", split = [{}]", quote(separator.trim_end_matches(' '))),
            None => String::new(),
        };
        out.push_str(&format!(
            "{} = {{ column = {}{split} }}\n",
            quote(column),
            quote(column)
        ));
    }
    out
}
