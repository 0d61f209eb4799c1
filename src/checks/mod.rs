//! The rule registry. Each rule is a small unit in its own file: its id, default severity,
//! ISO reference and documentation sit on the rule, next to the code that finds it.
//!
//! Checks read the model and never do IO; "today" is passed in (`--as-of`), never read here.

mod config;
mod dangling_reference;
mod duplicate_id;
mod file_unreadable;
mod schema;
mod unknown_kind;
mod yaml_syntax;

use crate::diagnostic::{Finding, Severity, sort_findings};
use crate::load::config::Config;
use crate::model::Model;
use jiff::civil::Date;

/// What a rule is, for `aims explain`, SARIF rule metadata and the README table.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub default_severity: Severity,
    /// ISO/IEC 42001 clauses or controls the rule serves.
    pub reference: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: what it does, why it matters, an example, how to fix it.
    pub explanation: &'static str,
}

/// Everything a check may look at.
pub struct CheckInput<'a> {
    pub model: &'a Model,
    pub config: &'a Config,
    /// Problems found while loading; the loading rules report them.
    pub load_findings: &'a [Finding],
    pub today: Date,
}

pub trait Check: Sync {
    fn rule(&self) -> &'static Rule;
    /// Appends findings; their severity is set by the registry afterwards.
    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>);
}

pub const CHECKS: &[&dyn Check] = &[
    &file_unreadable::FileUnreadable,
    &yaml_syntax::YamlSyntax,
    &schema::SchemaViolation,
    &unknown_kind::UnknownKind,
    &duplicate_id::DuplicateId,
    &dangling_reference::DanglingReference,
];

/// Rules that are not checks over the model but still have documentation.
pub const OTHER_RULES: &[&Rule] = &[&config::CONFIG];

pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    CHECKS
        .iter()
        .map(|c| c.rule())
        .chain(OTHER_RULES.iter().copied())
}

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.id == id)
}

/// The severity a rule runs at, after `[rules]` in `aims.toml`; `None` when it is off.
pub fn effective_severity(rule: &Rule, config: &Config) -> Option<Severity> {
    match config.rules.get(rule.id).map(String::as_str) {
        Some("off") => None,
        Some("warn") => Some(Severity::Warning),
        Some("error") => Some(Severity::Error),
        _ => Some(rule.default_severity),
    }
}

/// Hands on the loader's findings for one rule: the loading rules find nothing themselves.
fn report_load_findings(input: &CheckInput<'_>, rule: &str, out: &mut Vec<Finding>) {
    out.extend(
        input
            .load_findings
            .iter()
            .filter(|f| f.rule == rule)
            .cloned(),
    );
}

/// Runs every enabled check and returns the findings in report order.
pub fn run_all(input: &CheckInput<'_>) -> Vec<Finding> {
    let mut all = Vec::new();
    for check in CHECKS {
        let Some(severity) = effective_severity(check.rule(), input.config) else {
            continue;
        };
        let mut found = Vec::new();
        check.run(input, &mut found);
        for finding in &mut found {
            finding.severity = severity;
        }
        all.extend(found);
    }
    sort_findings(&mut all);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for rule in all_rules() {
            assert!(seen.insert(rule.id), "{} twice", rule.id);
            assert!(
                rule.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.id
            );
            for section in ["## What it does", "## Why", "## Example", "## How to fix"] {
                assert!(
                    rule.explanation.contains(section),
                    "{} lacks {section}",
                    rule.id
                );
            }
            assert!(!rule.summary.is_empty() && !rule.reference.is_empty());
        }
    }
}
