//! YAML 1.2 to a spanned [`Node`] tree, built from `saphyr-parser` events.
//!
//! Building the tree ourselves (rather than with a YAML crate's loader) is what gives us the
//! guard rails: an explicit nesting limit instead of recursion, an alias-expansion budget,
//! duplicate keys rejected at the second key, and foreign tags refused instead of dropped.

use crate::diagnostic::{Pos, Span};
use crate::syntax::tree::{CompactString, Key, Node, NodeValue};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};
use std::collections::{HashMap, HashSet};

/// Deepest nesting of mappings and lists accepted, aliases expanded; records need fewer than
/// ten levels.
pub const MAX_DEPTH: usize = 64;
/// What aliases may re-emit, in [`Node::weight`] units (about bytes of memory): this much, plus
/// [`ALIAS_BYTES_PER_INPUT_BYTE`] per byte of the YAML text, up to [`ALIAS_BYTES_CAP`].
/// Counting bytes rather than nodes matters: one long anchored string aliased many times is
/// few nodes but many bytes (a 1 MB file once expanded to 19 GB).
const ALIAS_BYTES_ALLOWANCE: usize = 1024 * 1024;
const ALIAS_BYTES_PER_INPUT_BYTE: usize = 8;
const ALIAS_BYTES_CAP: usize = 64 * 1024 * 1024;

/// The alias budget for a YAML text of `len` bytes.
fn alias_budget(len: usize) -> usize {
    ALIAS_BYTES_ALLOWANCE
        .saturating_add(len.saturating_mul(ALIAS_BYTES_PER_INPUT_BYTE))
        .min(ALIAS_BYTES_CAP)
}

#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
    /// A second location, such as the first of two duplicate keys.
    pub related: Option<(Span, String)>,
}

impl YamlError {
    fn at(span: Span, message: impl Into<String>) -> Self {
        YamlError {
            message: message.into(),
            span,
            help: None,
            related: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The documents parsed from one YAML stream, and every problem found in it.
///
/// Problems that leave the stream readable (a foreign tag, a duplicate key, an undefined alias)
/// are collected and parsing goes on, so one run reports them all; a document with such a
/// problem is left out of `documents`. A problem the parser cannot read past (a syntax error,
/// an alias bomb, too deep nesting) ends the stream: `documents` then holds the documents that
/// were complete before it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Node>,
    pub errors: Vec<YamlError>,
}

impl Parsed {
    pub fn first_error(&self) -> Option<&YamlError> {
        self.errors.first()
    }
}

/// Problems reported per stream before the rest is left unread: enough to fix a file in one
/// pass, bounded for a file made of nothing else.
pub const MAX_ERRORS: usize = 50;

/// Parses `text`; `line_offset` is added to every line (for front matter inside Markdown).
pub fn parse(text: &str, line_offset: u32) -> Parsed {
    let mut builder = Builder {
        line_offset,
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: alias_budget(text.len()),
        alias_bytes: 0,
        documents: Vec::new(),
        errors: Vec::new(),
        flawed: false,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let step = match next {
            Ok((event, span)) => builder.event(event, span),
            Err(error) => {
                let pos = builder.pos(*error.marker());
                let message = describe_scan_error(error.info());
                Err(YamlError::at(
                    indentation_span(text, pos, line_offset, &message),
                    message,
                ))
            }
        };
        match step {
            Ok(true) if builder.errors.len() < MAX_ERRORS => {}
            Ok(_) => break,
            Err(error) => {
                builder.errors.push(error);
                break;
            }
        }
    }
    Parsed {
        documents: builder.documents,
        errors: builder.errors,
    }
}

/// For indentation mistakes, underline the line from its first character to the error, since
/// the cause is the indentation rather than the `:` the scanner stopped at.
fn indentation_span(text: &str, pos: Pos, line_offset: u32, message: &str) -> Span {
    if !message.contains("indentation") {
        return Span::point(pos);
    }
    let line = crate::syntax::source::split_lines(text)
        .nth(pos.line.saturating_sub(line_offset + 1) as usize)
        .unwrap_or("");
    let first = line.chars().take_while(|c| *c == ' ').count() as u32 + 1;
    if first < pos.column {
        Span::new(
            Pos {
                line: pos.line,
                column: first,
            },
            Pos {
                line: pos.line,
                column: pos.column + 1,
            },
        )
    } else {
        Span::point(pos)
    }
}

fn describe_scan_error(info: &str) -> String {
    // The scanner's wording is terse; the common indentation mistakes get a plainer sentence.
    let plain = match info {
        "mapping values are not allowed in this context" => {
            "a `key: value` pair is not allowed here (check the indentation of this line)"
        }
        "did not find expected key"
        | "while parsing a block mapping, did not find expected key" => {
            "this line does not line up with the keys around it (check its indentation)"
        }
        "recursion limit exceeded" => "values are nested too deeply",
        "while parsing node, found unknown anchor" => {
            "this alias names an anchor that is not defined"
        }
        _ => "",
    };
    if plain.is_empty() {
        format!("invalid YAML: {info}")
    } else {
        format!("invalid YAML: {plain}")
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Pos,
        anchor: usize,
    },
    Map {
        entries: Vec<(Key, Node)>,
        pending_key: Option<Key>,
        seen: HashSet<String>,
        start: Pos,
        anchor: usize,
    },
}

/// A node kept under an anchor, with what re-emitting it costs.
struct Anchored {
    node: Node,
    weight: usize,
    height: usize,
}

struct Builder {
    line_offset: u32,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    alias_budget: usize,
    /// Weight re-emitted by aliases so far in this stream.
    alias_bytes: usize,
    documents: Vec<Node>,
    /// Problems read past so far.
    errors: Vec<YamlError>,
    /// The current document had a problem read past: it is not handed on.
    flawed: bool,
}

impl Builder {
    fn pos(&self, marker: Marker) -> Pos {
        Pos {
            line: marker.line() as u32 + self.line_offset,
            column: marker.col() as u32 + 1,
        }
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.pos(span.start), self.pos(span.end))
    }

    /// Records a problem the stream can be read past.
    fn recover(&mut self, error: YamlError) {
        self.errors.push(error);
        self.flawed = true;
    }

    /// Handles one event; `Ok(false)` ends the stream.
    fn event(&mut self, event: Event<'_>, span: saphyr_parser::Span) -> Result<bool, YamlError> {
        let span = self.span(span);
        match event {
            Event::StreamEnd => return Ok(false),
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) | Event::DocumentEnd => {}
            Event::Scalar(text, style, anchor, tag) => {
                let node = scalar(&text, style, tag.as_deref(), span).unwrap_or_else(|error| {
                    self.recover(error);
                    Node::new(NodeValue::Str(text.as_ref().into()), span)
                });
                self.finish(node, anchor)?;
            }
            Event::SequenceStart(anchor, tag) => {
                if let Err(error) = check_container_tag(tag.as_deref(), "seq", span) {
                    self.recover(error);
                }
                self.open(span)?;
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    start: span.start,
                    anchor,
                });
            }
            Event::MappingStart(anchor, tag) => {
                if let Err(error) = check_container_tag(tag.as_deref(), "map", span) {
                    self.recover(error);
                }
                self.open(span)?;
                self.stack.push(Frame::Map {
                    entries: Vec::new(),
                    pending_key: None,
                    seen: HashSet::new(),
                    start: span.start,
                    anchor,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = self
                    .stack
                    .pop()
                    .expect("parser balances start and end events");
                // Containers grow by doubling while parsing; trimmed, a model of 100,000 records
                // keeps no spare capacity.
                let (node, anchor) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                    } => (
                        Node::new(
                            NodeValue::Seq(items.into_boxed_slice()),
                            Span::new(start, span.end),
                        ),
                        anchor,
                    ),
                    Frame::Map {
                        entries,
                        start,
                        anchor,
                        ..
                    } => (
                        Node::new(
                            NodeValue::Map(entries.into_boxed_slice()),
                            Span::new(start, span.end),
                        ),
                        anchor,
                    ),
                };
                self.finish(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some(anchored) = self.anchors.get(&id) else {
                    self.recover(YamlError::at(
                        span,
                        "this alias names an anchor that is not defined",
                    ));
                    self.finish(Node::new(NodeValue::Null, span), 0)?;
                    return Ok(true);
                };
                // Checked before the copy is made, so a bomb never gets built.
                if self.stack.len() + anchored.height > MAX_DEPTH {
                    return Err(YamlError::at(
                        span,
                        format!(
                            "with this alias expanded, values are nested more than {MAX_DEPTH} levels deep"
                        ),
                    )
                    .help("records need only a few levels; write the values out instead of nesting anchors"));
                }
                let weight = anchored.weight;
                self.spend(weight, span)?;
                let mut node = self.anchors[&id].node.clone();
                node.span = span;
                self.finish(node, 0)?;
            }
        }
        Ok(true)
    }

    fn open(&self, span: Span) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError::at(
                span,
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            )
            .help("records need only a few levels; flatten this structure"));
        }
        Ok(())
    }

    /// Charges `weight` copied bytes to the stream's alias budget, refusing at `span` the copy
    /// that would cross it.
    fn spend(&mut self, weight: usize, span: Span) -> Result<(), YamlError> {
        let expanded = self.alias_bytes.saturating_add(weight);
        if expanded > self.alias_budget {
            return Err(YamlError::at(
                span,
                format!(
                    "anchors and aliases up to here copy over {} of data, far more than the file holds (an alias bomb)",
                    human_bytes(self.alias_budget)
                ),
            )
            .help("write the values out, or reuse fewer or smaller anchors"));
        }
        self.alias_bytes = expanded;
        Ok(())
    }

    /// Hands a complete node to its parent, or ends the document when there is none.
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        let mut problem = None;
        if anchor != 0 {
            // The copy kept for later aliases costs memory too.
            let weight = node.weight();
            self.spend(weight, node.span)?;
            let anchored = Anchored {
                weight,
                height: node.height(),
                node: node.clone(),
            };
            self.anchors.insert(anchor, anchored);
        }
        match self.stack.last_mut() {
            None => {
                if node.value != NodeValue::Null && !self.flawed {
                    self.documents.push(node);
                }
                self.flawed = false;
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                seen,
                ..
            }) => match pending_key.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    let span = node.span;
                    let (key, key_problem) = match key_of(node) {
                        Ok(key) if seen.insert(key.name.to_string()) => (key, None),
                        Ok(key) => {
                            let first = entries
                                .iter()
                                .find(|(k, _)| k.name == key.name)
                                .map_or(key.span(), |(k, _)| k.span());
                            let mut error = YamlError::at(key.span(), format!("duplicate key `{}`", key.name))
                                .help("each key may appear once in a mapping; remove or merge one of them");
                            error.related = Some((first, "first used here".to_string()));
                            (key, Some(error))
                        }
                        Err(error) => (Key::new(CompactString::default(), span), Some(error)),
                    };
                    *pending_key = Some(key);
                    problem = key_problem;
                }
            },
        }
        if let Some(error) = problem {
            self.recover(error);
        }
        Ok(())
    }
}

fn human_bytes(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

fn key_of(node: Node) -> Result<Key, YamlError> {
    let name = match node.value {
        NodeValue::Str(s) => s,
        NodeValue::Null => "null".into(),
        NodeValue::Bool(b) => b.to_string().into(),
        NodeValue::Int(i) => i.to_string().into(),
        NodeValue::Float(f) => f.to_string().into(),
        NodeValue::Seq(_) | NodeValue::Map(_) => {
            return Err(YamlError::at(
                node.span,
                "a mapping key must be a plain value, not a list or mapping",
            ));
        }
    };
    Ok(Key::new(name, node.span))
}

const CORE: &str = "tag:yaml.org,2002:";

fn check_container_tag(tag: Option<&Tag>, expected: &str, span: Span) -> Result<(), YamlError> {
    match tag {
        None => Ok(()),
        Some(tag) if tag.handle == CORE && tag.suffix == expected => Ok(()),
        Some(tag) => Err(unsupported_tag(tag, span)),
    }
}

fn unsupported_tag(tag: &Tag, span: Span) -> YamlError {
    let shown = if tag.handle == CORE {
        format!("!!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    };
    YamlError::at(span, format!("the YAML tag `{shown}` is not supported"))
        .help("records are plain data: remove the tag (quote the value if it must stay text)")
}

fn scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Node, YamlError> {
    let value = match tag {
        None if style == ScalarStyle::Plain => resolve_plain(text),
        None => NodeValue::Str(text.into()),
        Some(tag) if tag.handle == "!" && tag.suffix.is_empty() => NodeValue::Str(text.into()),
        Some(tag) if tag.handle == CORE => {
            let resolved = resolve_plain(text);
            let fits = matches!(
                (tag.suffix.as_str(), &resolved),
                ("null", NodeValue::Null)
                    | ("bool", NodeValue::Bool(_))
                    | ("int", NodeValue::Int(_))
                    | ("float", NodeValue::Float(_) | NodeValue::Int(_))
            );
            match tag.suffix.as_str() {
                "str" => NodeValue::Str(text.into()),
                "float" if fits => match resolved {
                    NodeValue::Int(i) => NodeValue::Float(i as f64),
                    other => other,
                },
                "null" | "bool" | "int" if fits => resolved,
                "null" | "bool" | "int" | "float" => {
                    return Err(YamlError::at(
                        span,
                        format!("`{text}` is not a valid `!!{}` value", tag.suffix),
                    ));
                }
                _ => return Err(unsupported_tag(tag, span)),
            }
        }
        Some(tag) => return Err(unsupported_tag(tag, span)),
    };
    Ok(Node::new(value, span))
}

/// YAML 1.2 core schema resolution of a plain scalar: `yes`, `no`, `on`, `off` stay strings.
fn resolve_plain(text: &str) -> NodeValue {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeValue::Null,
        "true" | "True" | "TRUE" => return NodeValue::Bool(true),
        "false" | "False" | "FALSE" => return NodeValue::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return NodeValue::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return NodeValue::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return NodeValue::Float(f64::NAN),
        _ => {}
    }
    if let Some(int) = parse_int(text) {
        return NodeValue::Int(int);
    }
    if is_float(text)
        && let Ok(float) = text.parse::<f64>()
    {
        return NodeValue::Float(float);
    }
    NodeValue::Str(text.into())
}

fn parse_int(text: &str) -> Option<i64> {
    if let Some(octal) = text.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok();
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        None => !whole.is_empty() && digits(whole),
        Some(f) if whole.is_empty() => !f.is_empty() && digits(f),
        Some(f) => digits(whole) && digits(f),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let parsed = parse(text, 0);
        assert_eq!(parsed.errors, [], "{text}");
        parsed.documents.into_iter().next().unwrap()
    }

    fn error(text: &str) -> YamlError {
        parse(text, 0).errors.into_iter().next().expect("an error")
    }

    #[test]
    fn yaml_1_2_keeps_norway_a_string() {
        let doc = one("a: no\nb: yes\nc: on\nd: true\ne: 1.10\nf: '1.10'\ng: 0o17\nh: ~\n");
        assert_eq!(doc.get("a").unwrap().as_str(), Some("no"));
        assert_eq!(doc.get("b").unwrap().as_str(), Some("yes"));
        assert_eq!(doc.get("c").unwrap().as_str(), Some("on"));
        assert_eq!(doc.get("d").unwrap().value, NodeValue::Bool(true));
        assert_eq!(doc.get("e").unwrap().value, NodeValue::Float(1.1));
        assert_eq!(doc.get("f").unwrap().as_str(), Some("1.10"));
        assert_eq!(doc.get("g").unwrap().value, NodeValue::Int(15));
        assert_eq!(doc.get("h").unwrap().value, NodeValue::Null);
    }

    #[test]
    fn dates_and_ids_stay_strings() {
        let doc = one("date: 2026-01-15\nid: A.6.2.4\nclause: 6.1.3\n");
        assert_eq!(doc.get("date").unwrap().as_str(), Some("2026-01-15"));
        assert_eq!(doc.get("id").unwrap().as_str(), Some("A.6.2.4"));
        assert_eq!(doc.get("clause").unwrap().as_str(), Some("6.1.3"));
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let doc = one("kind: Risk\nowner:  cro\n");
        let (key, value) = doc.entry("owner").unwrap();
        assert_eq!(key.span().start, Pos { line: 2, column: 1 });
        assert_eq!(value.span.start, Pos { line: 2, column: 9 });
        assert_eq!(
            value.span.end,
            Pos {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn line_offset_shifts_lines_only() {
        let parsed = parse("id: x\n", 3);
        let doc = &parsed.documents[0];
        assert_eq!(
            doc.entry("id").unwrap().0.span().start,
            Pos { line: 4, column: 1 }
        );
    }

    #[test]
    fn several_documents_in_one_stream() {
        let parsed = parse("id: a\n---\nid: b\n---\n", 0);
        assert_eq!(parsed.documents.len(), 2);
        assert_eq!(parsed.documents[1].get("id").unwrap().as_str(), Some("b"));
    }

    #[test]
    fn duplicate_key_points_at_the_second() {
        let e = error("id: a\ntitle: x\nid: b\n");
        assert_eq!(e.message, "duplicate key `id`");
        assert_eq!(e.span.start, Pos { line: 3, column: 1 });
        assert_eq!(e.related.unwrap().0.start, Pos { line: 1, column: 1 });
    }

    #[test]
    fn many_keys_with_a_late_duplicate_are_fast_and_caught() {
        let mut text: String = (0..50_000).map(|i| format!("k{i}: v\n")).collect();
        text.push_str("k7: again\n");
        let e = error(&text);
        assert_eq!(e.span.start.line, 50_001);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in 'b'..='j' {
            let refs = vec![format!("*{previous}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
            previous = name;
        }
        let e = error(&text);
        assert!(e.message.contains("alias bomb"), "{}", e.message);
    }

    /// `title: &a xxxx…` aliased `aliases` times: few nodes, many bytes.
    fn scalar_bomb(scalar_len: usize, aliases: usize) -> String {
        format!(
            "kind: Risk\nid: R-BOMB\ntitle: &a {}\nnotes: [{}]\n",
            "x".repeat(scalar_len),
            vec!["*a"; aliases].join(", ")
        )
    }

    #[test]
    fn long_scalar_aliased_many_times_is_refused_by_bytes() {
        for (scalar_len, aliases) in [(4_000, 3_000), (100_000, 2_000), (500_000, 125_000)] {
            let text = scalar_bomb(scalar_len, aliases);
            let e = error(&text);
            assert!(e.message.contains("alias bomb"), "{}", e.message);
            assert_eq!(e.span.start.line, 4, "at the alias that crossed the budget");
        }
    }

    #[test]
    fn alias_budget_grows_with_the_file_and_is_capped() {
        assert_eq!(alias_budget(0), ALIAS_BYTES_ALLOWANCE);
        assert!(alias_budget(1_000_000) > alias_budget(1_000));
        assert_eq!(alias_budget(usize::MAX), ALIAS_BYTES_CAP);
        // A long value reused a handful of times is ordinary YAML.
        let doc = one(&scalar_bomb(4_000, 20));
        assert_eq!(doc.get("notes").unwrap().items().len(), 20);
    }

    #[test]
    fn aliases_count_toward_the_depth_limit() {
        // Each anchor nests the previous one a level deeper: 80 levels once expanded.
        let mut text = String::from("l0: &l0 [x]\n");
        for level in 1..80 {
            text.push_str(&format!("l{level}: &l{level} [*l{}]\n", level - 1));
        }
        let e = error(&text);
        assert!(e.message.contains("nested more than 64"), "{}", e.message);
        assert!(e.message.contains("alias"), "{}", e.message);
        // The alias that first reaches past the limit: its list holds 64 levels below the key.
        assert_eq!(e.span.start.line, 64);
        let shallow: String = (0..10)
            .map(|level| match level {
                0 => "l0: &l0 [x]\n".to_string(),
                _ => format!("l{level}: &l{level} [*l{}]\n", level - 1),
            })
            .collect();
        assert_eq!(one(&shallow).get("l9").unwrap().height(), 10);
    }

    #[test]
    fn the_budget_is_shared_by_every_document_of_a_stream() {
        let document = |id: &str| {
            let reuse = vec!["*v"; 70].join(", ");
            format!("id: {id}\nv: &v {}\nw: [{reuse}]\n", "x".repeat(10_000))
        };
        assert!(parse(&document("a"), 0).errors.is_empty());
        let parsed = parse(&format!("{}---\n{}", document("a"), document("b")), 0);
        assert_eq!(parsed.documents.len(), 1, "the first document survives");
        let e = parsed
            .first_error()
            .cloned()
            .expect("the second document crosses the budget");
        assert!(e.message.contains("alias bomb"), "{}", e.message);
        assert_eq!(
            e.span.start.line, 7,
            "at the alias list of the second document"
        );
    }

    #[test]
    fn small_aliases_expand() {
        let doc = one("base: &b [x, y]\ncopy: *b\n");
        assert_eq!(doc.get("copy").unwrap().items().len(), 2);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = "- ".repeat(50_000) + "x\n";
        assert!(error(&deep).message.contains("nested more than"));
        let flow = "[".repeat(100_000);
        assert!(error(&flow).message.contains("nested too deeply"));
    }

    #[test]
    fn foreign_tags_are_refused() {
        assert!(
            error("a: !include other.yaml\n")
                .message
                .contains("`!include`")
        );
        assert!(
            error("a: !!python/object:os.system x\n")
                .message
                .contains("!!python/object")
        );
        assert!(
            error("a: !!binary aGVsbG8=\n")
                .message
                .contains("`!!binary`")
        );
        assert_eq!(
            one("a: !!str 1.10\n").get("a").unwrap().as_str(),
            Some("1.10")
        );
    }

    #[test]
    fn syntax_error_is_located() {
        let e = error("kind: Risk\nid: R-1\n  title: bad indent\n");
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
        assert_eq!(e.span.start.line, 3);
    }

    #[test]
    fn documents_before_an_error_survive() {
        let parsed = parse("id: a\n---\nid: [unclosed\n", 0);
        assert_eq!(parsed.documents.len(), 1);
        assert!(parsed.first_error().is_some());
    }

    #[test]
    fn every_readable_problem_is_reported_and_later_documents_survive() {
        let text = "kind: Risk\nid: !!python/object a\ntitle: t\ntitle: again\nowner: !custom x\n---\nkind: Role\nid: ok\n---\nkind: Role\nid: !!binary x\n";
        let parsed = parse(text, 0);
        let found: Vec<_> = parsed
            .errors
            .iter()
            .map(|e| (e.span.start.line, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "the YAML tag `!!python/object` is not supported"),
                (4, "duplicate key `title`"),
                (5, "the YAML tag `!custom` is not supported"),
                (11, "the YAML tag `!!binary` is not supported"),
            ]
        );
        assert_eq!(parsed.documents.len(), 1, "the flawed document is left out");
        assert_eq!(parsed.documents[0].get("id").unwrap().as_str(), Some("ok"));
    }

    #[test]
    fn an_undefined_alias_is_named_plainly() {
        let e = error("kind: Role\nid: r\nnotes: *nowhere\n");
        assert_eq!(
            e.message,
            "invalid YAML: this alias names an anchor that is not defined"
        );
        assert_eq!(e.span.start.line, 3);
    }

    #[test]
    fn a_file_of_nothing_but_problems_stops_at_the_cap() {
        let text: String = (0..500).map(|i| format!("k{i}: !t x\n")).collect();
        assert_eq!(parse(&text, 0).errors.len(), MAX_ERRORS);
    }

    #[test]
    fn float_grammar() {
        for yes in ["1.5", "-1.5", ".5", "1.", "1e3", "1.5E-3", "+2.0"] {
            assert!(is_float(yes), "{yes}");
        }
        for no in ["1.2.3", "A.6", "1e", ".", "e3", "6.1.3"] {
            assert!(!is_float(no), "{no}");
        }
    }
}
