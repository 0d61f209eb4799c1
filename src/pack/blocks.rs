//! Markdown bodies as data for the PDF: blocks (headings, paragraphs, list items with their
//! number and depth, code, tables, quotes) made of styled runs of text. The typst template
//! lays these out; the text itself is never typst source, so no record can run code or change
//! the layout.

use comrak::nodes::{AstNode, ListType, NodeValue};
use serde::Serialize;

/// One block of a body.
#[derive(Serialize, Debug, PartialEq, Default)]
pub struct Block {
    /// `heading`, `paragraph`, `item`, `code`, `table`, `quote` or `rule`.
    pub kind: &'static str,
    /// Heading level; list nesting depth (0 for a top-level item); quote depth.
    pub level: u8,
    /// The item's marker: `1.`, `2.`, `a.`... or `•`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub marker: String,
    /// The block's text, styled; empty for code and tables.
    pub runs: Vec<Run>,
    /// Code: its text as written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Table: rows of cells as plain text, the header row first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<String>>,
}

/// A stretch of text with one style.
#[derive(Serialize, Debug, PartialEq, Clone)]
pub struct Run {
    pub text: String,
    pub strong: bool,
    pub emph: bool,
    pub code: bool,
    /// A link target, only `http`, `https` or `mailto` (others are shown as text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// Plain text of all blocks, for tests and search.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| {
            if !b.text.is_empty() {
                b.text.clone()
            } else if !b.rows.is_empty() {
                b.rows
                    .iter()
                    .map(|r| r.join(" | "))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                let runs: String = b.runs.iter().map(|r| r.text.as_str()).collect();
                if b.marker.is_empty() {
                    runs
                } else {
                    format!("{} {runs}", b.marker)
                }
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn markdown_blocks(markdown: &str) -> Vec<Block> {
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut blocks = Vec::new();
    for child in root.children() {
        block(child, 0, 0, &mut blocks);
    }
    blocks
}

fn block<'a>(node: &'a AstNode<'a>, depth: u8, quote: u8, out: &mut Vec<Block>) {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Heading(h) => out.push(Block {
            kind: "heading",
            level: h.level,
            runs: runs_of(node),
            ..Block::default()
        }),
        NodeValue::Paragraph => {
            let runs = runs_of(node);
            if runs.iter().any(|r| !r.text.trim().is_empty()) {
                out.push(Block {
                    kind: if quote > 0 { "quote" } else { "paragraph" },
                    level: quote,
                    runs,
                    ..Block::default()
                });
            }
        }
        NodeValue::CodeBlock(code) => out.push(Block {
            kind: "code",
            text: code.literal.trim_end().to_string(),
            ..Block::default()
        }),
        NodeValue::HtmlBlock(html) => out.push(Block {
            // Raw HTML in a body is shown as the text it is.
            kind: "paragraph",
            runs: vec![plain_run(html.literal.trim())],
            ..Block::default()
        }),
        NodeValue::ThematicBreak => out.push(Block {
            kind: "rule",
            ..Block::default()
        }),
        NodeValue::BlockQuote => {
            for child in node.children() {
                block(child, depth, quote + 1, out);
            }
        }
        NodeValue::List(list) => {
            let mut number = list.start as u64;
            for item in node.children() {
                let marker = match list.list_type {
                    ListType::Ordered => {
                        let m = format!("{number}.");
                        number += 1;
                        m
                    }
                    ListType::Bullet => "•".to_string(),
                };
                list_item(item, marker, depth, quote, out);
            }
        }
        NodeValue::Table(_) => {
            let rows = node
                .children()
                .map(|row| row.children().map(|cell| plain_of(cell)).collect())
                .collect();
            out.push(Block {
                kind: "table",
                rows,
                ..Block::default()
            });
        }
        _ => {
            for child in node.children() {
                block(child, depth, quote, out);
            }
        }
    }
}

/// A list item: its first paragraph carries the marker; further paragraphs and nested lists
/// follow at the item's depth.
fn list_item<'a>(
    item: &'a AstNode<'a>,
    marker: String,
    depth: u8,
    quote: u8,
    out: &mut Vec<Block>,
) {
    let checked = match &item.data.borrow().value {
        NodeValue::TaskItem(task) => Some(task.symbol.is_some()),
        _ => None,
    };
    let marker = match checked {
        Some(true) => "☒".to_string(),
        Some(false) => "☐".to_string(),
        None => marker,
    };
    let mut first = true;
    for child in item.children() {
        let is_paragraph = matches!(child.data.borrow().value, NodeValue::Paragraph);
        if first && is_paragraph {
            out.push(Block {
                kind: "item",
                level: depth,
                marker: marker.clone(),
                runs: runs_of(child),
                ..Block::default()
            });
            first = false;
        } else if is_paragraph {
            out.push(Block {
                kind: "item",
                level: depth,
                runs: runs_of(child),
                ..Block::default()
            });
        } else {
            block(child, depth + 1, quote, out);
        }
    }
    if first {
        out.push(Block {
            kind: "item",
            level: depth,
            marker,
            ..Block::default()
        });
    }
}

fn plain_run(text: &str) -> Run {
    Run {
        text: text.to_string(),
        strong: false,
        emph: false,
        code: false,
        link: None,
    }
}

fn plain_of<'a>(node: &'a AstNode<'a>) -> String {
    runs_of(node).into_iter().map(|r| r.text).collect()
}

/// The inline content of a block as runs, merging neighbours of one style.
fn runs_of<'a>(node: &'a AstNode<'a>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    inline(node, &plain_run(""), &mut runs);
    runs
}

fn inline<'a>(node: &'a AstNode<'a>, style: &Run, out: &mut Vec<Run>) {
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        let mut push = |text: &str, run: &Run| {
            if text.is_empty() {
                return;
            }
            match out.last_mut() {
                Some(last)
                    if last.strong == run.strong
                        && last.emph == run.emph
                        && last.code == run.code
                        && last.link == run.link =>
                {
                    last.text.push_str(text)
                }
                _ => out.push(Run {
                    text: text.to_string(),
                    ..run.clone()
                }),
            }
        };
        match value {
            NodeValue::Text(t) => push(&t, style),
            NodeValue::Code(c) => push(
                &c.literal,
                &Run {
                    code: true,
                    ..style.clone()
                },
            ),
            NodeValue::HtmlInline(h) => push(&h, style),
            NodeValue::SoftBreak | NodeValue::LineBreak => push(" ", style),
            NodeValue::Emph => inline(
                child,
                &Run {
                    emph: true,
                    ..style.clone()
                },
                out,
            ),
            NodeValue::Strong => inline(
                child,
                &Run {
                    strong: true,
                    ..style.clone()
                },
                out,
            ),
            NodeValue::Link(link) => {
                let safe = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| link.url.to_lowercase().starts_with(scheme));
                inline(
                    child,
                    &Run {
                        link: safe.then(|| link.url.clone()),
                        ..style.clone()
                    },
                    out,
                );
            }
            NodeValue::Image(image) => push(&format!("[image: {}]", image.url), style),
            _ => inline(child, style, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_survives_and_html_stays_text() {
        let blocks = markdown_blocks(
            "# Title\n\nSome **bold** and *emphasis* with `#code` and a [link](https://x.example) or [bad](javascript:alert(1)).\n\n1. one\n2. two\n   - nested\n3. three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script>\n",
        );
        let kinds: Vec<&str> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                "heading",
                "paragraph",
                "item",
                "item",
                "item",
                "item",
                "table",
                "paragraph"
            ]
        );
        let markers: Vec<(&str, u8)> = blocks[2..6]
            .iter()
            .map(|b| (b.marker.as_str(), b.level))
            .collect();
        assert_eq!(markers, [("1.", 0), ("2.", 0), ("•", 1), ("3.", 0)]);
        let paragraph = &blocks[1].runs;
        assert!(paragraph.iter().any(|r| r.strong && r.text == "bold"));
        assert!(paragraph.iter().any(|r| r.emph && r.text == "emphasis"));
        assert!(paragraph.iter().any(|r| r.code && r.text == "#code"));
        assert!(
            paragraph
                .iter()
                .any(|r| r.link.as_deref() == Some("https://x.example"))
        );
        assert!(
            paragraph
                .iter()
                .any(|r| r.text.contains("bad") && r.link.is_none())
        );
        assert!(!paragraph.iter().any(|r| {
            r.link
                .as_deref()
                .is_some_and(|l| l.starts_with("javascript"))
        }));
        assert_eq!(blocks[6].rows, [["a", "b"], ["1", "2"]]);
        assert_eq!(plain_text(&blocks[7..]), "<script>x</script>");
    }

    #[test]
    fn an_ordered_list_keeps_its_start_number() {
        let blocks = markdown_blocks("4. four\n5. five\n");
        assert_eq!(blocks[0].marker, "4.");
        assert_eq!(blocks[1].marker, "5.");
    }
}
