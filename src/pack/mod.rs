//! `aims pack`: the auditor's evidence pack, rendered from the view model with minijinja
//! templates (embedded; a repository may override any of them from its own `templates/`).
//!
//! Markdown is the one source of truth for the contents: the HTML pack is the same chapters
//! rendered by comrak (raw HTML escaped, unsafe links dropped) inside one self-contained page,
//! with the heat maps as inline SVG.

pub mod blocks;
pub mod manifest;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod view;

use minijinja::{AutoEscape, Environment, Value};
use std::collections::BTreeMap;
use view::{Heatmap, PackView};

/// A chapter: output file stem, title, template.
pub struct Chapter {
    pub stem: &'static str,
    pub title: &'static str,
}

pub const CHAPTERS: &[Chapter] = &[
    Chapter {
        stem: "context",
        title: "4 Context of the organization",
    },
    Chapter {
        stem: "leadership",
        title: "5 Leadership",
    },
    Chapter {
        stem: "planning",
        title: "6 Planning",
    },
    Chapter {
        stem: "support",
        title: "7 Support",
    },
    Chapter {
        stem: "operation",
        title: "8 Operation",
    },
    Chapter {
        stem: "performance",
        title: "9 Performance evaluation",
    },
    Chapter {
        stem: "improvement",
        title: "10 Improvement",
    },
    Chapter {
        stem: "appendix-1-traceability",
        title: "Appendix 1: Traceability matrix",
    },
    Chapter {
        stem: "appendix-2-evidence",
        title: "Appendix 2: Evidence index",
    },
    Chapter {
        stem: "appendix-3-findings",
        title: "Appendix 3: Check findings",
    },
    Chapter {
        stem: "appendix-4-changes",
        title: "Appendix 4: Changes since the last audit",
    },
];

/// The default templates, by the name a repository uses to override one.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "md/README.md.j2",
        include_str!("../../templates/md/README.md.j2"),
    ),
    (
        "md/context.md.j2",
        include_str!("../../templates/md/context.md.j2"),
    ),
    (
        "md/leadership.md.j2",
        include_str!("../../templates/md/leadership.md.j2"),
    ),
    (
        "md/planning.md.j2",
        include_str!("../../templates/md/planning.md.j2"),
    ),
    (
        "md/support.md.j2",
        include_str!("../../templates/md/support.md.j2"),
    ),
    (
        "md/operation.md.j2",
        include_str!("../../templates/md/operation.md.j2"),
    ),
    (
        "md/performance.md.j2",
        include_str!("../../templates/md/performance.md.j2"),
    ),
    (
        "md/improvement.md.j2",
        include_str!("../../templates/md/improvement.md.j2"),
    ),
    (
        "md/appendix-1-traceability.md.j2",
        include_str!("../../templates/md/traceability.md.j2"),
    ),
    (
        "md/appendix-2-evidence.md.j2",
        include_str!("../../templates/md/evidence.md.j2"),
    ),
    (
        "md/appendix-3-findings.md.j2",
        include_str!("../../templates/md/findings.md.j2"),
    ),
    (
        "md/appendix-4-changes.md.j2",
        include_str!("../../templates/md/changes.md.j2"),
    ),
    (
        "md/_details.j2",
        include_str!("../../templates/md/_details.j2"),
    ),
    ("md/_texts.j2", include_str!("../../templates/md/_texts.j2")),
    (
        "md/_drafts.j2",
        include_str!("../../templates/md/_drafts.j2"),
    ),
    (
        "html/pack.html.j2",
        include_str!("../../templates/html/pack.html.j2"),
    ),
    (
        "html/pack.css",
        include_str!("../../templates/html/pack.css"),
    ),
];

/// Splits a paragraph in the HTML rendering where a heat map goes. A private-use character
/// that is removed from all user text, so no record can forge it.
const MARKER: char = '\u{E000}';

/// Escapes user text for inline Markdown (a table cell, a list item): Markdown syntax, HTML
/// and line breaks become literal text.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' | '{' | '}'
            | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            MARKER => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Multi-line user text as escaped paragraphs.
fn md_block(text: &str) -> String {
    text.split("\n\n")
        .map(md_inline)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A Markdown body written by a user (a policy's text): kept as Markdown, with its headings
/// moved below the pack's own, and the marker removed.
fn md_body(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.replace(MARKER, "").lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            out.push_str("###");
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Text inside a code span: backticks and table pipes cannot end it early.
fn md_code(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '`' => '\''.to_string(),
            '|' => "\\|".to_string(),
            '\n' | '\r' => " ".to_string(),
            MARKER => String::new(),
            c => c.to_string(),
        })
        .collect()
}

/// A relative path as a Markdown link target: every byte but letters, digits and `-._~/`
/// percent-encoded, so spaces, parentheses and brackets cannot end the link early.
fn link_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn value_to_text(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        String::new()
    } else if let Some(s) = value.as_str() {
        s.to_string()
    } else {
        value.to_string()
    }
}

/// A list of user strings, escaped and joined; `-` when empty.
fn md_list(value: &Value) -> String {
    let items: Vec<String> = match value.try_iter() {
        Ok(iter) if value.as_str().is_none() => {
            iter.map(|v| md_inline(&value_to_text(&v))).collect()
        }
        _ => vec![md_inline(&value_to_text(value))],
    };
    let items: Vec<String> = items.into_iter().filter(|s| !s.is_empty()).collect();
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(", ")
    }
}

/// Template instructions a repository's own templates may run: enough to walk every record
/// many times over, and a bound on a template that would loop for hours (the built-in
/// templates are not metered).
fn template_fuel(records: usize) -> u64 {
    50_000_000u64.saturating_add((records as u64).saturating_mul(20_000))
}

/// A template that failed to render, named by its path in the repository.
fn template_error(name: &str, error: &minijinja::Error) -> String {
    if error.kind() == minijinja::ErrorKind::OutOfFuel {
        return format!(
            "template `templates/{name}` ran longer than any pack needs and was stopped (its step budget grows with the number of records): it loops too much; simplify it, or remove it to use the built-in one"
        );
    }
    format!("template `templates/{name}`: {error:#}")
}

fn environment(
    overrides: &BTreeMap<String, String>,
    records: usize,
) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    if overrides.keys().any(|name| name.ends_with(".j2")) {
        env.set_fuel(Some(template_fuel(records)));
    }
    // Markdown is escaped by the filters above; the HTML page holds comrak's sanitised output.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.add_filter("md", |v: Value| md_inline(&value_to_text(&v)));
    env.add_filter("mdblock", |v: Value| md_block(&value_to_text(&v)));
    env.add_filter("body", |v: Value| md_body(&value_to_text(&v)));
    env.add_filter("code", |v: Value| md_code(&value_to_text(&v)));
    env.add_filter("mdlist", |v: Value| md_list(&v));
    env.add_filter("linkpath", |v: Value| link_path(&value_to_text(&v)));
    for (name, default) in TEMPLATES {
        let source = overrides
            .get(*name)
            .cloned()
            .unwrap_or_else(|| default.to_string());
        if name.ends_with(".j2") {
            env.add_template_owned(name.to_string(), source)
                .map_err(|e| format!("template `templates/{name}`: {e}"))?;
        }
    }
    Ok(env)
}

fn css(overrides: &BTreeMap<String, String>) -> String {
    overrides
        .get("html/pack.css")
        .cloned()
        .unwrap_or_else(|| include_str!("../../templates/html/pack.css").to_string())
}

/// The rendered pack: `(relative path, bytes)` in a fixed order.
pub type PackFiles = Vec<(String, Vec<u8>)>;

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub markdown: bool,
    pub html: bool,
    pub pdf: bool,
}

fn render_chapters(
    env: &Environment<'_>,
    view: &PackView,
    html: bool,
) -> Result<Vec<(String, String)>, String> {
    let chapters: Vec<BTreeMap<&str, String>> = CHAPTERS
        .iter()
        .map(|c| {
            BTreeMap::from([
                ("file", format!("{}.md", c.stem)),
                ("slug", c.stem.to_string()),
                ("title", c.title.to_string()),
            ])
        })
        .collect();
    let context = |extra: Value| {
        minijinja::context! {
            ..Value::from(minijinja::value::Serde(view)),
            ..minijinja::context! {
                chapters => Value::from(minijinja::value::Serde(&chapters)),
                html => html,
                marker => MARKER.to_string(),
            },
            ..extra
        }
    };
    let mut out = Vec::new();
    let readme = env
        .get_template("md/README.md.j2")
        .and_then(|t| t.render(context(Value::UNDEFINED)))
        .map_err(|e| template_error("md/README.md.j2", &e))?;
    out.push(("README.md".to_string(), readme));
    for chapter in CHAPTERS {
        let name = format!("md/{}.md.j2", chapter.stem);
        let text = env
            .get_template(&name)
            .and_then(|t| t.render(context(Value::UNDEFINED)))
            .map_err(|e| template_error(&name, &e))?;
        out.push((format!("{}.md", chapter.stem), text));
    }
    Ok(out)
}

/// The anchor of a record in the HTML pack: `rec-` and its id, other characters as `_`.
fn anchor_of(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("rec-{safe}")
}

/// Makes record ids in the HTML pack links: the row (or heading) where a record is shown
/// first gets its anchor, and every table cell that holds nothing but ids (one, or several
/// separated by `, `) links each of them there. Works on the escaped text of the page, so
/// only our own markup is touched, never what a user wrote.
fn link_ids(page: &str, ids: &std::collections::BTreeSet<String>) -> String {
    let escape = |id: &str| {
        id.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;")
    };
    let by_text: std::collections::BTreeMap<String, &String> =
        ids.iter().map(|id| (escape(id), id)).collect();
    let mut anchored: std::collections::BTreeSet<&String> = std::collections::BTreeSet::new();
    let mut out = String::with_capacity(page.len() + page.len() / 8);
    let mut rest = page;
    // Anchors: a table row that starts with a record's id, or a heading that does.
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let row = rest
            .strip_prefix("<tr>\n<td>")
            .or_else(|| rest.strip_prefix("<tr><td>"));
        if let Some(after) = row
            && let Some(end) = after.find("</td>")
            && let Some(id) = by_text.get(&after[..end])
            && anchored.insert(*id)
        {
            out.push_str(&format!("<tr id=\"{}\">", anchor_of(id)));
            rest = &rest["<tr>".len()..];
            continue;
        }
        let heading = ["<h2", "<h3", "<h4"].iter().find(|h| rest.starts_with(**h));
        if heading.is_some()
            && let Some(close) = rest.find('>')
        {
            let text = rest[close + 1..].trim_start_matches("DRAFT: ");
            let line = text.find('<').map_or(text, |i| &text[..i]);
            let first = line.find([':', ' ']).map_or(line, |i| &line[..i]);
            // "R-001: title", "DRAFT: POL-X: title", or "Scope (4.3): acme-context".
            let named = by_text.get(first).or_else(|| {
                line.rsplit_once(": ")
                    .and_then(|(_, last)| by_text.get(last.trim()))
            });
            if let Some(id) = named
                && anchored.insert(*id)
            {
                out.push_str(&rest[..close + 1]);
                out.push_str(&format!("<span id=\"{}\"></span>", anchor_of(id)));
                rest = &rest[close + 1..];
                continue;
            }
        }
        out.push('<');
        rest = &rest[1..];
    }
    out.push_str(rest);
    // Links: cells of ids only.
    let page = out;
    let mut out = String::with_capacity(page.len() + page.len() / 4);
    let mut rest = page.as_str();
    while let Some(at) = rest.find("<td>") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let Some(end) = rest.find("</td>") else { break };
        let cell = &rest[..end];
        let parts: Vec<&str> = cell.split(", ").collect();
        let all_ids = !cell.is_empty()
            && parts
                .iter()
                .all(|p| by_text.get(*p).is_some_and(|id| anchored.contains(id)));
        if all_ids {
            let linked: Vec<String> = parts
                .iter()
                .map(|p| format!("<a href=\"#{}\">{p}</a>", anchor_of(by_text[*p])))
                .collect();
            out.push_str(&linked.join(", "));
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// Where the pack carries an evidence file: `evidence/` and its path in the repository.
pub fn packed_evidence_path(path: &str) -> String {
    format!("evidence/{path}")
}

/// Renders the formats asked for, plus a copy of each evidence file in `evidence` (by its
/// normalized repository path), which the PDF also carries as attachments.
pub fn render(
    view: &PackView,
    formats: Formats,
    overrides: &BTreeMap<String, String>,
    evidence: &BTreeMap<String, Vec<u8>>,
) -> Result<PackFiles, String> {
    let env = environment(overrides, view.record_ids.len())?;
    let mut files = PackFiles::new();
    if formats.markdown {
        for (name, text) in render_chapters(&env, view, false)? {
            files.push((
                format!("markdown/{name}"),
                normalize_newlines(&text).into_bytes(),
            ));
        }
    }
    if formats.html {
        let chapters = render_chapters(&env, view, true)?;
        let rendered: Vec<BTreeMap<&str, String>> = CHAPTERS
            .iter()
            .zip(chapters.iter().skip(1))
            .map(|(chapter, (_, markdown))| {
                BTreeMap::from([
                    ("slug", chapter.stem.to_string()),
                    ("title", chapter.title.to_string()),
                    ("html", chapter_html(markdown, view)),
                ])
            })
            .collect();
        let page = env
            .get_template("html/pack.html.j2")
            .and_then(|t| {
                t.render(minijinja::context! {
                    ..Value::from(minijinja::value::Serde(view)),
                    ..minijinja::context! {
                        chapters => Value::from(minijinja::value::Serde(&rendered)),
                        css => css(overrides),
                    }
                })
            })
            .map_err(|e| template_error("html/pack.html.j2", &e))?;
        let page = link_ids(&page, &view.record_ids);
        files.push((
            "pack.html".to_string(),
            normalize_newlines(&page).into_bytes(),
        ));
    }
    if formats.pdf {
        #[cfg(feature = "pdf")]
        files.extend(pdf::render_files(view, evidence)?);
        #[cfg(not(feature = "pdf"))]
        return Err("this aims was built without the `pdf` feature".to_string());
    }
    for (path, bytes) in evidence {
        files.push((packed_evidence_path(path), bytes.clone()));
    }
    Ok(files)
}

fn normalize_newlines(text: &str) -> String {
    let mut text = text.replace("\r\n", "\n");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// One chapter's Markdown as sanitised HTML, with links between chapters turned into anchors
/// and the heat map markers into SVG.
fn chapter_html(markdown: &str, view: &PackView) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.header_id_prefix = Some(String::new());
    // Raw HTML in records is shown as text; `javascript:` and other unsafe links are dropped.
    options.render.r#unsafe = false;
    options.render.escape = true;
    let mut html = comrak::markdown_to_html(markdown, &options);
    for chapter in CHAPTERS {
        html = html.replace(
            &format!("href=\"{}.md", chapter.stem),
            &format!("href=\"#{}", chapter.stem),
        );
    }
    html = html.replace("href=\"README.md\"", "href=\"#cover\"");
    for (name, map) in [
        ("inherent", &view.heatmap_inherent),
        ("residual", &view.heatmap_residual),
    ] {
        let marker = format!("<p>{MARKER}heatmap-{name}{MARKER}</p>");
        html = html.replace(&marker, &heatmap_svg(map, name));
    }
    // Any marker left (an override template placed one oddly) must not reach the page.
    html.replace(MARKER, "")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The heat map as inline SVG: likelihood rows (highest at the top) by impact columns, each
/// cell coloured by score band and showing how many open risks sit there.
pub fn heatmap_svg(map: &Heatmap, name: &str) -> String {
    let cell = 64;
    let label = 120;
    let columns = map.impacts.len().max(1);
    let rows = map.rows.len().max(1);
    let width = label + columns * cell + 10;
    let height = 30 + rows * cell + 60;
    let mut svg = format!(
        "<svg class=\"heatmap\" role=\"img\" data-heatmap=\"{name}\" data-total=\"{}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{} risk heat map: {} open risks</title>",
        map.total,
        if name == "inherent" {
            "Inherent"
        } else {
            "Residual"
        },
        map.total
    );
    for (r, row) in map.rows.iter().enumerate() {
        let y = 20 + r * cell;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d2430\">{}</text>",
            label - 8,
            y + cell / 2 + 4,
            xml_escape(&row.likelihood)
        ));
        for (c, cell_data) in row.cells.iter().enumerate() {
            let x = label + c * cell;
            let fill = match cell_data.band {
                "low" => "#cfe8d5",
                "medium" => "#f7e1a8",
                _ => "#f2b8b3",
            };
            let count = cell_data.risks.len();
            svg.push_str(&format!(
                "<g data-score=\"{}\" data-count=\"{count}\"><rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2\"><title>{}</title></rect>",
                cell_data.score,
                xml_escape(&cell_data.risks.join(", "))
            ));
            if count > 0 {
                svg.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"700\" fill=\"#1d2430\">{count}</text>",
                    x + cell / 2,
                    y + cell / 2 + 7
                ));
            }
            svg.push_str("</g>");
        }
    }
    let bottom = 20 + rows * cell;
    for (c, impact) in map.impacts.iter().enumerate() {
        let x = label + c * cell + cell / 2;
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1d2430\">{}</text>",
            bottom + 16,
            xml_escape(impact)
        ));
    }
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5b6472\">impact</text><text x=\"12\" y=\"14\" font-size=\"12\" fill=\"#5b6472\">likelihood</text></svg>",
        label + columns * cell / 2,
        bottom + 40
    ));
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(name: &str) -> &'static str {
        TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
            .unwrap_or_else(|| panic!("no template `{name}`"))
    }

    #[test]
    fn every_chapter_has_one_markdown_template_and_one_pdf_heading() {
        let markdown: Vec<&str> = TEMPLATES
            .iter()
            .filter_map(|(name, _)| name.strip_prefix("md/")?.strip_suffix(".md.j2"))
            .filter(|stem| *stem != "README")
            .collect();
        let stems: Vec<&str> = CHAPTERS.iter().map(|c| c.stem).collect();
        assert_eq!(markdown, stems);
        let pdf_headings: Vec<&str> = include_str!("../../templates/pdf/pack.typ")
            .lines()
            .filter_map(|line| line.strip_prefix("= "))
            .collect();
        let titles: Vec<&str> = CHAPTERS.iter().map(|c| c.title).collect();
        assert_eq!(
            pdf_headings, titles,
            "pack.typ's chapters differ from CHAPTERS"
        );
    }

    #[test]
    fn every_kind_has_a_section_in_its_chapter_in_every_format() {
        let pdf = include_str!("../../templates/pdf/pack.typ");
        let mentions = |text: &str, key: &str| {
            text.split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|word| word == key)
        };
        for kind in crate::model::KINDS {
            let section = &kind.pack;
            assert!(
                CHAPTERS.iter().any(|c| c.stem == section.chapter),
                "{}: no chapter `{}`",
                kind.name,
                section.chapter
            );
            let markdown = template(&format!("md/{}.md.j2", section.chapter));
            assert!(
                mentions(markdown, section.key),
                "{}: md/{}.md.j2 never shows `{}`",
                kind.name,
                section.chapter,
                section.key
            );
            assert!(
                mentions(pdf, section.key),
                "{}: pack.typ never shows `{}`",
                kind.name,
                section.key
            );
        }
    }

    #[test]
    fn user_text_cannot_become_markdown_or_html() {
        assert_eq!(
            md_inline("a | b <script> [x](javascript:alert(1)) *y*\nz"),
            "a \\| b \\<script\\> \\[x\\](javascript:alert(1)) \\*y\\* z"
        );
        assert_eq!(
            md_inline("{{ 7*7 }} {% raw %}"),
            "\\{\\{ 7\\*7 \\}\\} \\{% raw %\\}"
        );
        assert_eq!(md_inline(&format!("a{MARKER}b")), "ab");
    }

    #[test]
    fn body_headings_sit_below_the_pack_headings() {
        assert_eq!(
            md_body("# Policy\ntext\n```\n# not a heading\n```"),
            "#### Policy\ntext\n```\n# not a heading\n```"
        );
    }
}
