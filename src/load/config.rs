//! `aims.toml`: found by walking up, parsed with spans, validated against its own schema.

use crate::diagnostic::{Finding, Span};
use crate::model::settings::{Config, DEFAULT_PDF_VOLUME_PAGES, RiskCriteria, Waiver};
use crate::schema::Schema;
use crate::syntax::source::SourceFile;
use crate::syntax::tree::{Key, Node, NodeValue};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

pub const CONFIG_FILE: &str = "aims.toml";
/// The rule id of problems in `aims.toml` itself.
pub const CONFIG_RULE: &str = "config";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    organization: RawOrganization,
    #[serde(default)]
    aims: RawAims,
    #[serde(default)]
    risk: RiskCriteria,
    #[serde(default)]
    evidence: RawInterval,
    #[serde(default)]
    audit: RawInterval,
    #[serde(default)]
    management_review: RawInterval,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    waiver: Vec<Waiver>,
    #[serde(default)]
    pack: RawPack,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    max_evidence_file_mib: Option<u64>,
    pdf_volume_pages: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAims {
    standard: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    records: Vec<String>,
    max_file_size_mib: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterval {
    max_age_days: Option<u32>,
    interval_days: Option<u32>,
}

/// Why a run could not start.
#[derive(Debug)]
pub enum ConfigError {
    NotFound {
        start: PathBuf,
    },
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file exists but is not a usable configuration; every problem, located.
    Invalid {
        source: Arc<SourceFile>,
        findings: Vec<Finding>,
    },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::NotFound { start } => write!(
                f,
                "no `{CONFIG_FILE}` in `{}` or any folder above it; run `aims init` to start an AIMS repository",
                start.display()
            ),
            ConfigError::Unreadable { path, error } => {
                write!(f, "cannot read `{}`: {error}", path.display())
            }
            ConfigError::Invalid { source, findings } => write!(
                f,
                "`{}` has {} problem(s) and cannot be used",
                source.path,
                findings.len()
            ),
        }
    }
}

/// Walks up from `start` to the first folder holding `aims.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf, ConfigError> {
    let start = std::fs::canonicalize(start).map_err(|error| ConfigError::Unreadable {
        path: start.to_path_buf(),
        error,
    })?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(ConfigError::NotFound { start })
}

/// Finds, reads and validates the configuration for the repository around `start`.
pub fn load(start: &Path) -> Result<Config, ConfigError> {
    let root = find_root(start)?;
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|error| ConfigError::Unreadable {
        path: path.clone(),
        error,
    })?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let source = Arc::new(SourceFile::new(CONFIG_FILE.to_string(), text));
    parse(root, source)
}

pub fn parse(root: PathBuf, source: Arc<SourceFile>) -> Result<Config, ConfigError> {
    let invalid = |findings: Vec<Finding>| ConfigError::Invalid {
        source: source.clone(),
        findings,
    };
    let node = toml_tree(&source).map_err(|(span, message)| {
        invalid(vec![Finding::new(CONFIG_RULE, CONFIG_FILE, span, message)])
    })?;
    let json = node.to_json();
    let issues = Schema::for_config().check(&node, &json, &source, "`aims.toml`");
    if !issues.is_empty() {
        return Err(invalid(
            issues
                .into_iter()
                .map(|issue| {
                    let finding = Finding::new(CONFIG_RULE, CONFIG_FILE, issue.span, issue.message);
                    match issue.help {
                        Some(help) => finding.with_help(help),
                        None => finding,
                    }
                })
                .collect(),
        ));
    }
    let bad_globs = invalid_globs(&node);
    if !bad_globs.is_empty() {
        return Err(invalid(bad_globs));
    }
    let raw: RawConfig = serde_json::from_value(json).map_err(|error| {
        invalid(vec![Finding::new(
            CONFIG_RULE,
            CONFIG_FILE,
            Span::file_start(),
            format!("`aims.toml` could not be read: {error}"),
        )])
    })?;
    Ok(Config {
        root,
        organization: raw.organization.name,
        standard: raw
            .aims
            .standard
            .unwrap_or_else(|| "ISO/IEC 42001:2023".to_string()),
        exclude: raw.aims.exclude,
        records: raw.aims.records,
        max_file_bytes: raw.aims.max_file_size_mib.unwrap_or(10) * 1024 * 1024,
        max_evidence_copy_bytes: raw.pack.max_evidence_file_mib.unwrap_or(25) * 1024 * 1024,
        pdf_volume_pages: raw
            .pack
            .pdf_volume_pages
            .unwrap_or(DEFAULT_PDF_VOLUME_PAGES),
        risk: raw.risk,
        evidence_max_age_days: raw.evidence.max_age_days.unwrap_or(365),
        audit_interval_days: raw.audit.interval_days.unwrap_or(365),
        review_interval_days: raw.management_review.interval_days.unwrap_or(365),
        rules: raw.rules,
        waivers: raw.waiver,
        source,
        node,
    })
}

/// `[aims] exclude` and `records` patterns that are not globs, each at its place.
fn invalid_globs(node: &Node) -> Vec<Finding> {
    let mut findings = Vec::new();
    for list in ["exclude", "records"] {
        let Some(patterns) = node.get("aims").and_then(|aims| aims.get(list)) else {
            continue;
        };
        for pattern in patterns.items() {
            let Some(text) = pattern.as_str() else {
                continue;
            };
            if let Err(error) = globset::Glob::new(text) {
                findings.push(
                    Finding::new(
                        CONFIG_RULE,
                        CONFIG_FILE,
                        pattern.span,
                        format!(
                            "`[aims] {list}` pattern `{text}` is not a valid glob: {}",
                            error.kind()
                        ),
                    )
                    .with_help(
                        "globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; close every `[` and `{`",
                    ),
                );
            }
        }
    }
    findings
}

/// A TOML file as a spanned tree (the mapping files of `aims import` use it too); the error is
/// the place and message of a syntax error.
pub fn toml_tree(source: &SourceFile) -> Result<Node, (Span, String)> {
    let table = DeTable::parse(&source.text).map_err(|error| {
        let span = error
            .span()
            .map_or(Span::file_start(), |r| source.span_of_range(r));
        (span, format!("invalid TOML: {}", error.message().trim()))
    })?;
    Ok(table_node(table.get_ref(), source, table.span()))
}

fn table_node(table: &DeTable<'_>, source: &SourceFile, span: std::ops::Range<usize>) -> Node {
    let entries = table
        .iter()
        .map(|(key, value)| {
            let key = Key::new(
                key.get_ref().as_ref().into(),
                source.span_of_range(key.span()),
            );
            (key, value_node(value.get_ref(), source, value.span()))
        })
        .collect();
    Node::new(NodeValue::Map(entries), source.span_of_range(span))
}

fn value_node(value: &DeValue<'_>, source: &SourceFile, range: std::ops::Range<usize>) -> Node {
    let span = source.span_of_range(range.clone());
    let value = match value {
        DeValue::String(s) => NodeValue::Str(s.as_ref().into()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map_or_else(|_| NodeValue::Str(i.to_string().into()), NodeValue::Int),
        DeValue::Float(f) => f
            .as_str()
            .parse()
            .map_or_else(|_| NodeValue::Str(f.to_string().into()), NodeValue::Float),
        DeValue::Boolean(b) => NodeValue::Bool(*b),
        // TOML dates become the ISO text the schemas expect for dates.
        DeValue::Datetime(d) => NodeValue::Str(d.to_string().into()),
        DeValue::Array(items) => NodeValue::Seq(
            items
                .iter()
                .map(|item| value_node(item.get_ref(), source, item.span()))
                .collect(),
        ),
        DeValue::Table(table) => return table_node(table, source, range),
    };
    Node::new(value, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config, ConfigError> {
        parse(
            PathBuf::from("/repo"),
            Arc::new(SourceFile::new(CONFIG_FILE.into(), text.into())),
        )
    }

    fn problems(text: &str) -> Vec<Finding> {
        match parse_text(text) {
            Err(ConfigError::Invalid { findings, .. }) => findings,
            other => panic!("expected invalid config, got {other:?}"),
        }
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let config = parse_text("[organization]\nname = \"Acme\"\n").unwrap();
        assert_eq!(config.organization, "Acme");
        assert_eq!(config.risk.acceptance, 6);
        assert_eq!(config.risk.likelihood.len(), 5);
        assert_eq!(config.max_file_bytes, 10 * 1024 * 1024);
    }

    #[test]
    fn pdf_volume_pages_defaults_to_150_and_is_read_and_bounded() {
        let org = "[organization]\nname = \"Acme\"\n";
        assert_eq!(parse_text(org).unwrap().pdf_volume_pages, 150);
        let set = format!("{org}[pack]\npdf_volume_pages = 400\n");
        assert_eq!(parse_text(&set).unwrap().pdf_volume_pages, 400);
        let tiny = problems(&format!("{org}[pack]\npdf_volume_pages = 3\n"));
        assert_eq!(tiny.len(), 1, "{tiny:?}");
        assert_eq!(tiny[0].span.start.line, 4);
    }

    #[test]
    fn waivers_and_dates_are_read() {
        let config = parse_text(
            "[organization]\nname = \"Acme\"\n[[waiver]]\nrule = \"evidence-stale\"\nrecord = \"EV-1\"\nreason = \"r\"\nexpires = 2026-12-31\n",
        )
        .unwrap();
        assert_eq!(config.waivers[0].expires.to_string(), "2026-12-31");
    }

    #[test]
    fn unknown_key_is_located() {
        let found = problems("[organization]\nname = \"Acme\"\n[risk]\nacceptence = 6\n");
        assert_eq!(found[0].message, "unknown field `acceptence` in `risk`");
        assert_eq!(
            (found[0].span.start.line, found[0].span.start.column),
            (4, 1)
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `acceptance`?"));
    }

    #[test]
    fn toml_syntax_error_is_located() {
        let found = problems("[organization]\nname = \"Acme\n");
        assert!(
            found[0].message.starts_with("invalid TOML"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].span.start.line, 2);
    }

    #[test]
    fn missing_organization_is_reported() {
        let found = problems("[risk]\nacceptance = 4\n");
        assert_eq!(
            found[0].message,
            "`aims.toml` is missing the required field `organization`"
        );
    }

    #[test]
    fn bad_rule_severity_is_reported() {
        let found =
            problems("[organization]\nname = \"A\"\n[rules]\nevidence-stale = \"warning\"\n");
        assert!(
            found[0]
                .message
                .contains("must be one of `error`, `warn`, `off`"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `warn`?"));
    }
}
