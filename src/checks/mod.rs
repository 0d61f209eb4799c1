//! The rule registry. Each rule is a small unit in its own file: its id, default severity,
//! ISO reference and documentation sit on the rule, next to the code that finds it.
//!
//! Checks read the model and never do IO; "today" is passed in (`--as-of`), never read here.

mod audit_criteria_missing;
mod audit_overdue;
pub mod baseline;
mod change_unapproved;
mod config;
mod dangling_reference;
mod duplicate_id;
mod evidence_date_mismatch;
mod evidence_lfs_pointer;
mod evidence_missing_file;
mod evidence_outside_repo;
pub mod evidence_stale;
mod evidence_untracked;
mod evidence_url_unsafe;
mod file_skipped;
mod file_unreadable;
mod impact_assessment_areas_missing;
mod impact_assessment_review_overdue;
pub mod import_rules;
mod incident_overdue;
mod incident_unreported;
mod invisible_character;
mod management_review_inputs_missing;
mod management_review_overdue;
mod measurement_target_missed;
mod missing_kind;
pub mod missing_mandatory_document;
mod nonconformity_closed_unverified;
mod nonconformity_overdue;
mod objective_overdue;
mod objective_without_measurement;
mod obligation_unmet;
mod policy_review_overdue;
mod risk_acceptance_undesignated;
mod risk_control_not_applicable;
mod risk_residual_unaccepted;
mod risk_review_overdue;
mod risk_treatment_unapproved;
mod risk_unknown_scale_value;
mod risk_untreated;
mod schema;
mod soa_evidence_unrelated;
mod soa_exclusion_unjustified;
mod soa_implemented_without_evidence;
mod soa_inclusion_unjustified;
mod soa_justification_repeated;
mod soa_missing_control;
mod soa_unknown_control;
mod system_without_impact_assessment;
mod system_without_risk;
mod unknown_kind;
pub mod waivers;
mod yaml_syntax;

use crate::diagnostic::{Finding, Severity, sort_findings};
pub use crate::model::coverage::{days_between, is_placeholder};
use crate::model::settings::Config;
use crate::model::{Kind, Model, Record};
use crate::syntax::tree::{Key, Node, NodeValue, Step};
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
    &file_skipped::FileSkipped,
    &yaml_syntax::YamlSyntax,
    &schema::SchemaViolation,
    &unknown_kind::UnknownKind,
    &missing_kind::MissingKind,
    &duplicate_id::DuplicateId,
    &dangling_reference::DanglingReference,
    &missing_mandatory_document::MissingMandatoryDocument,
    &missing_mandatory_document::MissingExpectedDocument,
    &soa_missing_control::SoaMissingControl,
    &soa_unknown_control::SoaUnknownControl,
    &soa_exclusion_unjustified::SoaExclusionUnjustified,
    &soa_inclusion_unjustified::SoaInclusionUnjustified,
    &soa_justification_repeated::SoaJustificationRepeated,
    &soa_evidence_unrelated::SoaEvidenceUnrelated,
    &soa_implemented_without_evidence::SoaImplementedWithoutEvidence,
    &risk_unknown_scale_value::RiskUnknownScaleValue,
    &risk_untreated::RiskUntreated,
    &risk_control_not_applicable::RiskControlNotApplicable,
    &risk_residual_unaccepted::RiskResidualUnaccepted,
    &risk_acceptance_undesignated::RiskAcceptanceUndesignated,
    &risk_treatment_unapproved::RiskTreatmentUnapproved,
    &system_without_impact_assessment::SystemWithoutImpactAssessment,
    &system_without_risk::SystemWithoutRisk,
    &evidence_missing_file::EvidenceMissingFile,
    &evidence_lfs_pointer::EvidenceLfsPointer,
    &evidence_untracked::EvidenceUntracked,
    &evidence_outside_repo::EvidenceOutsideRepo,
    &evidence_stale::EvidenceStale,
    &evidence_url_unsafe::EvidenceUrlUnsafe,
    &evidence_date_mismatch::EvidenceDateMismatch,
    &policy_review_overdue::PolicyReviewOverdue,
    &impact_assessment_review_overdue::ImpactAssessmentReviewOverdue,
    &audit_overdue::AuditOverdue,
    &management_review_overdue::ManagementReviewOverdue,
    &nonconformity_overdue::NonconformityOverdue,
    &nonconformity_closed_unverified::NonconformityClosedUnverified,
    &management_review_inputs_missing::ManagementReviewInputsMissing,
    &audit_criteria_missing::AuditCriteriaMissing,
    &objective_overdue::ObjectiveOverdue,
    &risk_review_overdue::RiskReviewOverdue,
    &impact_assessment_areas_missing::ImpactAssessmentAreasMissing,
    &objective_without_measurement::ObjectiveWithoutMeasurement,
    &measurement_target_missed::MeasurementTargetMissed,
    &incident_overdue::IncidentOverdue,
    &incident_unreported::IncidentUnreported,
    &change_unapproved::ChangeUnapproved,
    &obligation_unmet::ObligationUnmet,
    &invisible_character::InvisibleCharacter,
];

/// Rules that are not checks over the model but still have documentation.
pub const OTHER_RULES: &[&Rule] = &[
    &config::CONFIG,
    &waivers::WAIVER_EXPIRED,
    &waivers::WAIVER_UNUSED,
    &import_rules::MAPPING,
    &import_rules::ROW,
];

pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    CHECKS
        .iter()
        .map(|c| c.rule())
        .chain(OTHER_RULES.iter().copied())
}

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.id == id)
}

/// The README's rules table, generated from the registry (a test keeps README equal to it).
pub fn rules_markdown_table() -> String {
    let mut table = String::from("| rule | default | ISO 42001 | finds |\n|---|---|---|---|\n");
    for rule in all_rules() {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            rule.default_severity.as_str(),
            rule.reference,
            rule.summary.replace('|', "\\|")
        ));
    }
    table
}

/// `docs/rules.md`: every rule's documentation in one page, a section per rule, which SARIF's
/// `helpUri` links to (`docs/rules.md#<rule-id>`).
pub fn rules_document() -> String {
    let mut doc = String::from(
        "# aims rules\n\nGenerated from the rule registry (`aims explain RULE` prints the same text).\n\n",
    );
    doc.push_str(&rules_markdown_table());
    for rule in all_rules() {
        // Rule headings demoted one level so each rule is a section of this page.
        let body = rule.explanation.replace("\n## ", "\n### ");
        let body = body
            .strip_prefix("## ")
            .map_or(body.clone(), |b| format!("### {b}"));
        doc.push_str(&format!(
            "\n## {}\n\n{}\n\nDefault severity: {}. ISO/IEC 42001: {}.\n\n{}\n",
            rule.id,
            rule.summary,
            rule.default_severity.as_str(),
            rule.reference,
            body
        ));
    }
    doc
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

/// How late something due on `due` is by `today` ("1 day", "12 days"); `None` until it is.
pub fn days_late(due: Date, today: Date) -> Option<String> {
    let late = days_between(due, today);
    (late > 0).then(|| days(late))
}

/// The most recent of `dated` when it is older than `interval` days, with its age: what
/// `audit-overdue` and `management-review-overdue` share.
pub fn latest_if_older<'a>(
    dated: impl Iterator<Item = (&'a Record, Date)>,
    interval: u32,
    today: Date,
) -> Option<(&'a Record, Date, String)> {
    let (record, date) = dated.max_by_key(|(_, date)| *date)?;
    let age = days_between(date, today);
    (age > i64::from(interval)).then(|| (record, date, days(age)))
}

/// Every entry of every Statement of Applicability's `controls`, from the spanned tree so that
/// one malformed entry does not hide the others.
pub fn soa_entries(model: &Model) -> impl Iterator<Item = (&Record, &Key, &Node)> {
    model
        .of_kind(Kind::StatementOfApplicability)
        .flat_map(|record| {
            record
                .node
                .get("controls")
                .map(|c| c.entries())
                .unwrap_or_default()
                .iter()
                .map(move |(key, entry)| (record, key, entry))
        })
}

/// SoA entries that decide `applicable` as given but justify it with a placeholder: the record,
/// the control key, the `justification` node, and the justification as a message shows it.
pub fn placeholder_justifications(
    model: &Model,
    applicable: bool,
) -> impl Iterator<Item = (&Record, &Key, &Node, String)> {
    // A missing `justification` is the schema's to report.
    soa_entries(model).filter_map(move |(record, control, entry)| {
        let justification = entry.get("justification")?;
        let text = justification.as_str().unwrap_or_default();
        if soa_applicable(entry) != Some(applicable) || !is_placeholder(text) {
            return None;
        }
        let shown = text.trim();
        let what = if shown.is_empty() {
            "an empty justification".to_string()
        } else {
            format!(
                "the justification `{}`",
                crate::syntax::tree::shorten(shown)
            )
        };
        Some((record, control, justification, what))
    })
}

/// `applicable:` of a SoA entry, when it is a boolean.
pub fn soa_applicable(entry: &Node) -> Option<bool> {
    match entry.get("applicable").map(|a| &a.value) {
        Some(NodeValue::Bool(b)) => Some(*b),
        _ => None,
    }
}

/// "1 day", "12 days": for messages.
/// Every valid evidence record with a `path`, with what the loader found there.
pub fn evidence_files(
    model: &Model,
) -> impl Iterator<Item = (&Record, &str, &crate::model::facts::EvidenceFile)> {
    model
        .typed::<crate::model::records::Evidence>()
        .filter_map(|(record, evidence)| {
            let path = evidence.path.as_deref()?;
            Some((record, path, model.evidence_files.get(path)?))
        })
}

pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// A path of keys, for [`crate::model::Record::span_at`].
fn key_path(keys: &[&str]) -> Vec<Step> {
    keys.iter().map(|k| Step::Key((*k).to_string())).collect()
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
    let about_waivers = waivers::apply(
        &mut all,
        input.config,
        input.today,
        effective_severity(&waivers::WAIVER_EXPIRED, input.config),
        effective_severity(&waivers::WAIVER_UNUSED, input.config),
    );
    all.extend(about_waivers);
    sort_findings(&mut all);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn readme_rules_table_is_generated_from_the_registry() {
        let readme = include_str!("../../README.md");
        let table = rules_markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's rules table is out of date; replace it with:\n{table}"
        );
    }

    #[test]
    fn docs_rules_page_is_generated_from_the_registry() {
        // `SNAPSHOTS=overwrite cargo test docs_rules_page` regenerates the page.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        snapbox::assert_data_eq!(
            rules_document(),
            snapbox::Data::read_from(std::path::Path::new(path), None).raw()
        );
    }

    #[test]
    fn every_rule_reference_names_catalog_clauses_and_controls() {
        use crate::model::catalog;
        for rule in all_rules() {
            for part in rule.reference.split(", ") {
                // `6.1.3 f`: a clause and one of its list items.
                let (id, item) = part.split_once(' ').unwrap_or((part, ""));
                assert!(
                    catalog::clause(id).is_some()
                        || catalog::control(id).is_some()
                        || catalog::area(id).is_some(),
                    "{}: `{part}` is not a clause or control of the catalog",
                    rule.id
                );
                assert!(
                    item.is_empty()
                        || (item.len() == 1 && item.chars().all(|c| c.is_ascii_lowercase())),
                    "{}: `{part}`: write a list item as one letter (`6.1.3 f`)",
                    rule.id
                );
            }
        }
    }

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
