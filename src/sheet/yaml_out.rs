//! Writing records as YAML text that the loader reads back to the same values: block style
//! for new files, flow style for values edited in place inside a user's file.

/// A value to write, with map entries in the order they are to appear.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(serde_json::Number),
    Bool(bool),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => serde_json::Value::String(s.clone()),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_json).collect())
            }
            Value::Map(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    pub fn from_json(json: &serde_json::Value) -> Option<Value> {
        Some(match json {
            serde_json::Value::Null => return None,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.clone()),
            serde_json::Value::String(s) => Value::Text(s.clone()),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().filter_map(Value::from_json).collect())
            }
            serde_json::Value::Object(map) => Value::Map(
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), Value::from_json(v)?)))
                    .collect(),
            ),
        })
    }

    /// The entry `key` of a map, made if missing.
    pub fn entry_mut(&mut self, key: &str) -> Option<&mut Value> {
        let Value::Map(entries) = self else {
            return None;
        };
        if let Some(index) = entries.iter().position(|(k, _)| k == key) {
            return Some(&mut entries[index].1);
        }
        entries.push((key.to_string(), Value::Map(Vec::new())));
        entries.last_mut().map(|(_, v)| v)
    }
}

/// A document: `entries` as a block mapping, one `key: value` per line.
pub fn document(entries: &[(String, Value)]) -> String {
    let mut out = String::new();
    block_map(entries, 0, &mut out);
    out
}

fn block_map(entries: &[(String, Value)], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for (key, value) in entries {
        out.push_str(&pad);
        out.push_str(&key_text(key));
        out.push(':');
        match value {
            Value::Map(inner) if !inner.is_empty() => {
                out.push('\n');
                block_map(inner, indent + 2, out);
            }
            Value::List(items) if items.iter().any(|i| matches!(i, Value::Map(_))) => {
                out.push('\n');
                for item in items {
                    out.push_str(&pad);
                    out.push_str("  -");
                    match item {
                        Value::Map(inner) if !inner.is_empty() => {
                            let mut nested = String::new();
                            block_map(inner, indent + 4, &mut nested);
                            out.push(' ');
                            out.push_str(nested.trim_start());
                        }
                        other => {
                            out.push(' ');
                            out.push_str(&inline(other));
                            out.push('\n');
                        }
                    }
                }
            }
            Value::Text(text) if text.contains('\n') && literal_block_fits(text) => {
                out.push_str(if text.ends_with('\n') {
                    " |\n"
                } else {
                    " |-\n"
                });
                for line in text.trim_end_matches('\n').split('\n') {
                    if !line.is_empty() {
                        out.push_str(&pad);
                        out.push_str("  ");
                        out.push_str(line);
                    }
                    out.push('\n');
                }
            }
            Value::Text(text) => {
                out.push(' ');
                out.push_str(&scalar(text, false));
                out.push('\n');
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// A literal block keeps the text exactly when no line starts with a space (the first line
/// would set the indentation), none carries a carriage return, and it does not end in more
/// than one newline.
fn literal_block_fits(text: &str) -> bool {
    !text.starts_with([' ', '\t'])
        && !text.contains('\r')
        && !text.ends_with("\n\n")
        && !text.lines().any(|l| l.ends_with([' ', '\t']))
}

/// A value on one line (flow style), as inside `[...]` and `{...}`.
pub fn inline(value: &Value) -> String {
    match value {
        Value::Text(text) => scalar(text, true),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(inline).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", key_text(k), inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn key_text(key: &str) -> String {
    scalar(key, true)
}

/// Text as a YAML scalar: plain where YAML 1.2 reads it back as the same text, else
/// double-quoted with JSON escapes (a subset of YAML's).
fn scalar(text: &str, in_flow: bool) -> String {
    if plain_is_safe(text, in_flow) {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
    }
}

fn plain_is_safe(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let resolves_to_other = matches!(
        text.to_lowercase().as_str(),
        "null" | "~" | "true" | "false" | ".inf" | "-.inf" | "+.inf" | ".nan"
    ) || text.parse::<f64>().is_ok()
        || text.starts_with("0x")
        || text.starts_with("0o");
    let special_start = "-?:,[]{}#&*!|>'\"%@` ".contains(first);
    let flow_chars = in_flow && text.contains([',', '[', ']', '{', '}']);
    !resolves_to_other
        && !special_start
        && !flow_chars
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn scalars_are_quoted_only_where_yaml_would_read_something_else() {
        assert_eq!(inline(&text("Credit scoring")), "Credit scoring");
        assert_eq!(inline(&text("no")), "no");
        assert_eq!(inline(&text("true")), "\"true\"");
        assert_eq!(inline(&text("0042")), "\"0042\"");
        assert_eq!(inline(&text("9.1")), "\"9.1\"");
        assert_eq!(inline(&text("a: b")), "\"a: b\"");
        assert_eq!(inline(&text("- item")), "\"- item\"");
        assert_eq!(inline(&text("Espyr, Acentra")), "\"Espyr, Acentra\"");
        assert_eq!(inline(&text("")), "\"\"");
        assert_eq!(inline(&text("line\nbreak")), "\"line\\nbreak\"");
    }

    #[test]
    fn documents_read_back_to_the_same_values() {
        let doc = vec![
            ("kind".to_string(), text("AISystem")),
            ("id".to_string(), text("ssa-0042")),
            (
                "purpose".to_string(),
                text("First line\nsecond: line # not a comment"),
            ),
            (
                "suppliers".to_string(),
                Value::List(vec![text("microsoft"), text("open ai")]),
            ),
            (
                "classifications".to_string(),
                Value::List(vec![Value::Map(vec![
                    ("scheme".to_string(), text("OMB")),
                    ("value".to_string(), text("high-impact")),
                ])]),
            ),
            (
                "extra".to_string(),
                Value::Map(vec![
                    ("stage".to_string(), text("  leading spaces")),
                    ("count".to_string(), Value::Number(12.into())),
                    ("flag".to_string(), Value::Bool(false)),
                ]),
            ),
        ];
        let written = document(&doc);
        let parsed = crate::load::yaml::parse(&written, 0);
        assert!(parsed.errors.is_empty(), "{written}");
        let expected = Value::Map(doc).to_json();
        assert_eq!(parsed.documents[0].to_json(), expected, "{written}");
    }
}
