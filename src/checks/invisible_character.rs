use super::{Check, CheckInput, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::syntax::tree::{Node, NodeValue};

pub struct InvisibleCharacter;

static RULE: Rule = Rule {
    id: "invisible-character",
    default_severity: Severity::Warning,
    reference: "7.5.2",
    summary: "record text holds an invisible or bidirectional control character",
    explanation: r#"## What it does
Reports every id, key and text value of a record that holds a character a reader cannot see:
bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069), zero-width
characters (U+200B to U+200F, U+2060 to U+2064, U+FEFF inside text), the soft hyphen (U+00AD)
and the Mongolian vowel separator (U+180E). The finding names the code point and where it is.

## Why this matters
These characters make text display differently from what is stored (the "Trojan Source"
trick): a reviewer approves a justification or an id that reads one way while the record
says another, and two ids that look the same do not match. Documented information must be
what it appears to be (7.5.2 asks for appropriate review and approval of it).

## Example
```yaml
id: R-001
justification: "Not applicable \u202e ,yltnerruc"   # reads reversed on screen
```

## How to fix
Delete the character (most editors show it with "render control characters" turned on), or
retype the text."#,
};

/// The invisible characters this rule looks for, with their Unicode names.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return None,
    })
}

impl Check for InvisibleCharacter {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for record in &input.model.records {
            let mut found = Vec::new();
            walk(&record.node, "", &mut found);
            for (field, span, c, name) in found {
                out.push(
                    record
                        .finding(
                            RULE.id,
                            span,
                            format!(
                                "{} `{}`: `{field}` holds U+{:04X} {name}, an invisible character that can make the text read differently from what is stored",
                                record.kind.label(),
                                record.id,
                                c as u32
                            ),
                        )
                        .with_help("delete the character, or retype the text"),
                );
            }
        }
    }
}

/// Every invisible character in keys and text below `node`: (field, where, char, name).
fn walk(
    node: &Node,
    field: &str,
    found: &mut Vec<(String, crate::diagnostic::Span, char, &'static str)>,
) {
    match &node.value {
        NodeValue::Str(text) => {
            if let Some((c, name)) = text.chars().find_map(|c| Some((c, invisible(c)?))) {
                found.push((field.to_string(), node.span, c, name));
            }
        }
        NodeValue::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{field}[{}]", i + 1), found);
            }
        }
        NodeValue::Map(entries) => {
            for (key, value) in entries {
                let name = if field.is_empty() {
                    key.name.to_string()
                } else {
                    format!("{field}.{}", key.name)
                };
                if let Some((c, what)) = key.name.chars().find_map(|c| Some((c, invisible(c)?))) {
                    found.push((name.clone(), key.span(), c, what));
                }
                walk(value, &name, found);
            }
        }
        _ => {}
    }
}
