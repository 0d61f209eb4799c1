//! Readiness: how far the AIMS is from certification, computed from the checked model.
//!
//! One view model serves `aims status` (terminal and JSON) and, later, the pack's cover and
//! traceability. It keeps "documented" (the SoA says implemented) apart from "operating with
//! evidence" (current evidence shows it): auditors test the second.

use crate::checks::missing_mandatory_document::{EXPECTED_RULE_ID, RULE_ID};
use crate::diagnostic::{Finding, FindingCounts, Severity};
use crate::model::catalog::{AREAS, CLAUSES};
use crate::model::catalog::{DOCUMENTED_INFORMATION, DocumentedInformation};
use crate::model::coverage::{
    Acceptance, Band, ControlCounts, ControlState, Decision, acceptance, residual_score,
};
use crate::model::coverage::{Provision, provision};
use crate::model::records::{Evidence, Nonconformity, Process, Risk};
use crate::model::settings::Config;
use crate::model::{Kind, Model, Record};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    Covered,
    Partial,
    Missing,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Covered => "covered",
            Coverage::Partial => "partial",
            Coverage::Missing => "missing",
        }
    }

    fn of(done: usize, total: usize) -> Coverage {
        if total > 0 && done == total {
            Coverage::Covered
        } else if done == 0 {
            Coverage::Missing
        } else {
            Coverage::Partial
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Readiness {
    pub organization: String,
    pub standard: String,
    pub as_of: String,
    pub git: GitSummary,
    pub findings: FindingCounts,
    pub clauses: Vec<ClauseStatus>,
    pub annex_a: Vec<AreaStatus>,
    pub controls: ControlCounts,
    pub risks: RiskCounts,
    pub nonconformities: NonconformityCounts,
    pub overdue: Vec<Item>,
    /// Every next action, most important first; the terminal shows the first [`NEXT_ACTIONS`].
    pub next_actions: Vec<Item>,
}

/// Where the records come from: the commit, and whether the working tree differs from it.
#[derive(Debug, Serialize)]
pub struct GitSummary {
    pub commit: Option<String>,
    pub commit_date: Option<String>,
    pub branch: Option<String>,
    /// Record and evidence files with uncommitted changes; `None` when unknown.
    pub uncommitted_files: Option<usize>,
    /// Why some git facts are unknown, if they are.
    pub unknown: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ClauseStatus {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Coverage,
    pub subclauses: Vec<SubclauseStatus>,
    /// Mandatory documented information of this clause that no record provides.
    pub missing_documents: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SubclauseStatus {
    pub id: &'static str,
    pub title: &'static str,
    pub covered: bool,
    pub records: Vec<RecordRef>,
    /// Drafts that would cover the subclause once complete; they do not cover it yet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<RecordRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordRef {
    pub kind: &'static str,
    pub id: String,
    pub file: String,
    pub line: u32,
}

impl RecordRef {
    fn of(record: &Record) -> RecordRef {
        RecordRef {
            kind: record.kind.name(),
            id: record.id.to_string(),
            file: record.file().to_string(),
            line: record.id_span().start.line,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AreaStatus {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Coverage,
    pub controls: ControlCounts,
}

#[derive(Debug, Default, Serialize)]
pub struct RiskCounts {
    pub acceptance: u32,
    /// Risks not `closed`, by residual score (inherent when no residual is recorded).
    pub open: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    /// Open risks whose levels are not on the scales, so they have no score.
    pub unscored: usize,
    /// Open risks above the acceptance threshold that nobody accepted.
    pub above_acceptance_unaccepted: usize,
    /// Open risks whose residual score is within the threshold: the criteria accept them.
    pub accepted_by_criteria: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct NonconformityCounts {
    pub open: usize,
    pub overdue: usize,
}

/// One line of work: what, where, and the rule that found it (when a rule did).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub text: String,
    /// The file to edit; `None` when the fix is a new record.
    pub file: Option<String>,
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
}

/// Which kinds of record cover a leaf clause by their substance. Besides these, Evidence that
/// `supports` the clause and a Process that `implements` it cover it. Existence alone is not
/// enough where it says nothing: a Context does not document the AIMS's processes (4.4), a
/// Policy is not leadership's commitment (5.1), a Competence record is not awareness (7.3), an
/// AI system is not evidence of operational control (8.1), and 7.2 needs Competence *with*
/// evidence (see [`covers`]).
fn covering_kinds(clause: &str) -> &'static [Kind] {
    use Kind::*;
    match clause {
        "4.1" | "4.2" => &[Context, Obligation],
        "4.3" => &[Context],
        "5.1" => &[ManagementReview],
        "5.2" => &[Policy],
        "5.3" => &[Role],
        "6.1.1" | "6.1.2" => &[Risk],
        "6.1.3" => &[Risk, StatementOfApplicability, Control],
        "6.1.4" | "8.4" => &[ImpactAssessment],
        "6.2" => &[Objective],
        "7.2" => &[Competence],
        "8.2" | "8.3" => &[Risk],
        "9.1" => &[Measurement],
        "6.3" => &[Change],
        "9.2.1" | "9.2.2" => &[Audit],
        "9.3.1" | "9.3.2" | "9.3.3" => &[ManagementReview],
        "10.1" => &[ManagementReview, Nonconformity],
        "10.2" => &[Nonconformity],
        _ => &[],
    }
}

/// Whether a record of a covering kind speaks to the clause: a Competence record counts for 7.2
/// only when it cites evidence.
fn covers(record: &Record, clause: &str) -> bool {
    match (&record.data, clause) {
        (Some(crate::model::RecordData::Competence(c)), "7.2") => !c.evidence.is_empty(),
        (data, _) => data.is_some(),
    }
}

/// Whether a draft would cover the clause once complete: by its kind, or, for a Process or
/// Evidence, by naming the clause.
fn drafts_cover(draft: &Record, clause: &str) -> bool {
    match draft.kind {
        Kind::Process => draft
            .text_list_field("implements")
            .iter()
            .any(|c| supports_clause(c, clause)),
        Kind::Evidence => draft
            .text_list_field("supports")
            .iter()
            .any(|c| supports_clause(c, clause)),
        _ => covering_kinds(clause).contains(&draft.kind),
    }
}

/// Evidence supporting `9.2` covers `9.2.1` and `9.2.2`; a bare top clause (`"9"`) covers
/// nothing in particular.
fn supports_clause(support: &str, leaf: &str) -> bool {
    support == leaf || (support.contains('.') && leaf.starts_with(&format!("{support}.")))
}

/// Most important first: broken records, then what stops a certification audit, then what an
/// auditor samples, then housekeeping.
const ACTION_ORDER: &[&str] = &[
    "yaml-syntax",
    "file-unreadable",
    "file-skipped",
    "unknown-kind",
    "missing-kind",
    "schema",
    "duplicate-id",
    "dangling-reference",
    "missing-mandatory-document",
    "missing-expected-document",
    "soa-missing-control",
    "soa-unknown-control",
    "system-without-impact-assessment",
    "incident-unreported",
    "incident-overdue",
    "change-unapproved",
    "risk-unknown-scale-value",
    "risk-untreated",
    "risk-residual-unaccepted",
    "risk-acceptance-undesignated",
    "risk-treatment-unapproved",
    "risk-control-not-applicable",
    "soa-exclusion-unjustified",
    "soa-inclusion-unjustified",
    "soa-justification-repeated",
    "soa-evidence-unrelated",
    "evidence-outside-repo",
    "evidence-url-unsafe",
    "evidence-missing-file",
    "evidence-lfs-pointer",
    "evidence-untracked",
    "nonconformity-overdue",
    "nonconformity-closed-unverified",
    "audit-overdue",
    "management-review-overdue",
    "policy-review-overdue",
    "system-without-risk",
    "soa-implemented-without-evidence",
    "evidence-stale",
    "evidence-date-mismatch",
    "impact-assessment-review-overdue",
    "objective-overdue",
    "risk-review-overdue",
    "impact-assessment-areas-missing",
    "measurement-target-missed",
    "objective-without-measurement",
    "obligation-unmet",
    "management-review-inputs-missing",
    "audit-criteria-missing",
    "invisible-character",
];

const OVERDUE_RULES: &[&str] = &[
    "policy-review-overdue",
    "impact-assessment-review-overdue",
    "audit-overdue",
    "management-review-overdue",
    "nonconformity-overdue",
    "objective-overdue",
    "risk-review-overdue",
    "incident-overdue",
    "evidence-stale",
];

/// How many next actions the terminal view lists.
pub const NEXT_ACTIONS: usize = 10;

/// The readiness view; `controls` are [`crate::model::coverage::control_states`] of the same
/// run, which the pack shows too.
pub fn assess(
    model: &Model,
    config: &Config,
    findings: &[Finding],
    controls: &[ControlState],
    today: Date,
) -> Readiness {
    let counted: Vec<&Finding> = findings.iter().filter(|f| f.counts()).collect();
    let actions = next_actions(&counted, controls);
    Readiness {
        organization: config.organization.clone(),
        standard: config.standard.clone(),
        as_of: today.to_string(),
        git: GitSummary {
            commit: model.git.head.as_ref().map(|c| c.id.clone()),
            commit_date: model.git.head.as_ref().map(|c| c.date.to_string()),
            branch: model.git.branch.clone(),
            uncommitted_files: model.git.dirty.as_ref().map(|d| d.len()),
            unknown: model.git.unknown.clone(),
        },
        findings: FindingCounts::of(findings),
        clauses: clause_statuses(model, config),
        annex_a: AREAS
            .iter()
            .map(|area| {
                let counts = ControlCounts::of(controls.iter().filter(|c| c.area == area.id));
                AreaStatus {
                    id: area.id,
                    title: area.title,
                    status: area_coverage(&counts),
                    controls: counts,
                }
            })
            .collect(),
        controls: ControlCounts::of(controls),
        risks: risk_counts(model, config),
        nonconformities: NonconformityCounts {
            open: model
                .typed::<Nonconformity>()
                .filter(|(_, nc)| nc.status == "open")
                .count(),
            overdue: counted
                .iter()
                .filter(|f| f.rule == "nonconformity-overdue")
                .count(),
        },
        overdue: counted
            .iter()
            .filter(|f| OVERDUE_RULES.contains(&f.rule))
            .map(|f| item_of(f))
            .collect(),
        next_actions: actions,
    }
}

fn clause_statuses(model: &Model, config: &Config) -> Vec<ClauseStatus> {
    let supports: Vec<(&Record, &Evidence)> = model.typed::<Evidence>().collect();
    let processes: Vec<(&Record, &Process)> = model.typed::<Process>().collect();
    CLAUSES
        .iter()
        .filter(|c| !c.id.contains('.'))
        .map(|top| {
            let prefix = format!("{}.", top.id);
            let leaves: Vec<_> = CLAUSES
                .iter()
                .filter(|c| c.id.starts_with(&prefix))
                .filter(|c| {
                    let child = format!("{}.", c.id);
                    !CLAUSES.iter().any(|d| d.id.starts_with(&child))
                })
                .collect();
            let subclauses: Vec<SubclauseStatus> = leaves
                .iter()
                .map(|leaf| {
                    let mut records: Vec<RecordRef> = covering_kinds(leaf.id)
                        .iter()
                        .flat_map(|kind| model.of_kind(*kind))
                        .filter(|r| covers(r, leaf.id))
                        .map(RecordRef::of)
                        .collect();
                    records.extend(
                        processes
                            .iter()
                            .filter(|(_, p)| {
                                p.implements.iter().any(|c| supports_clause(c, leaf.id))
                            })
                            .map(|(r, _)| RecordRef::of(r)),
                    );
                    records.extend(
                        supports
                            .iter()
                            .filter(|(_, e)| e.supports.iter().any(|s| supports_clause(s, leaf.id)))
                            .map(|(r, _)| RecordRef::of(r)),
                    );
                    let drafts = covering_kinds(leaf.id)
                        .iter()
                        .chain([&Kind::Process, &Kind::Evidence])
                        .flat_map(|kind| model.of_kind(*kind))
                        .filter(|r| r.draft && drafts_cover(r, leaf.id))
                        .map(RecordRef::of)
                        .collect();
                    SubclauseStatus {
                        id: leaf.id,
                        title: leaf.title,
                        covered: !records.is_empty(),
                        records,
                        drafts,
                    }
                })
                .collect();
            let missing: Vec<(&DocumentedInformation, &str)> = DOCUMENTED_INFORMATION
                .iter()
                .filter(|d| {
                    d.clause
                        .split([',', ' '])
                        .any(|c| c == top.id || c.starts_with(&prefix))
                })
                .filter_map(|d| match provision(model, config, d.provided_by) {
                    Provision::Provided => None,
                    Provision::Draft(_) => Some((d, ": still a draft")),
                    Provision::Invalid(_) => Some((d, ": fails its schema")),
                    Provision::Missing => Some((d, "")),
                })
                .collect();
            let missing_documents: Vec<String> = missing
                .iter()
                .map(|(d, state)| match d.required {
                    true => format!("{} ({}){state}", d.what, d.clause),
                    false => format!("{} ({}, expected){state}", d.what, d.clause),
                })
                .collect();
            let covered = subclauses.iter().filter(|s| s.covered).count();
            let mut status = Coverage::of(covered, subclauses.len());
            if status == Coverage::Covered && missing.iter().any(|(d, _)| d.required) {
                status = Coverage::Partial;
            }
            ClauseStatus {
                id: top.id,
                title: top.title,
                status,
                subclauses,
                missing_documents,
            }
        })
        .collect()
}

/// An area is covered when every control is decided and every applicable one operates with
/// current evidence; missing when nothing in it is even partly in place.
fn area_coverage(counts: &ControlCounts) -> Coverage {
    if counts.undecided == 0 && counts.operating_with_evidence == counts.applicable {
        Coverage::Covered
    } else if counts.implemented + counts.partial == 0 {
        Coverage::Missing
    } else {
        Coverage::Partial
    }
}

fn risk_counts(model: &Model, config: &Config) -> RiskCounts {
    let criteria = &config.risk;
    let mut counts = RiskCounts {
        acceptance: criteria.acceptance,
        ..RiskCounts::default()
    };
    for (_, risk) in model.typed::<Risk>() {
        if risk.status.as_deref() == Some("closed") || risk.is_opportunity() {
            continue;
        }
        counts.open += 1;
        let Some(score) = residual_score(risk, criteria) else {
            counts.unscored += 1;
            continue;
        };
        match Band::of(score, criteria.acceptance) {
            Band::High => counts.high += 1,
            Band::Medium => counts.medium += 1,
            Band::Low => counts.low += 1,
        }
        match acceptance(risk, criteria) {
            Acceptance::ByCriteria => counts.accepted_by_criteria += 1,
            Acceptance::Missing => counts.above_acceptance_unaccepted += 1,
            Acceptance::ByRole { .. } | Acceptance::Unscored => {}
        }
    }
    counts
}

fn item_of(finding: &Finding) -> Item {
    // A missing document is fixed by writing a new record, not by editing aims.toml.
    if let Some(requirement) = missing_document(finding) {
        return Item {
            text: format!(
                "no {} ({}): {}",
                requirement.what, requirement.clause, requirement.fix
            ),
            file: None,
            line: None,
            rule: Some(finding.rule),
        };
    }
    Item {
        text: finding.message.clone(),
        file: Some(finding.file.to_string()),
        line: Some(finding.span.start.line),
        rule: Some(finding.rule),
    }
}

/// The documented information a missing-document finding reports, by the clause and item it
/// carries.
fn missing_document(finding: &Finding) -> Option<&'static DocumentedInformation> {
    if finding.rule != RULE_ID && finding.rule != EXPECTED_RULE_ID {
        return None;
    }
    DOCUMENTED_INFORMATION
        .iter()
        .find(|d| Some(d.clause) == finding.clause && Some(d.what) == finding.item)
}

fn next_actions(findings: &[&Finding], controls: &[ControlState]) -> Vec<Item> {
    let rank = |rule: &str| {
        ACTION_ORDER
            .iter()
            .position(|r| *r == rule)
            .unwrap_or(ACTION_ORDER.len())
    };
    let mut ranked: Vec<&&Finding> = findings.iter().collect();
    // Stable: within a rule, findings keep report order (file, line).
    // Missing documents in clause order rather than message order.
    let requirement = |f: &Finding| {
        missing_document(f)
            .and_then(|r| {
                DOCUMENTED_INFORMATION
                    .iter()
                    .position(|q| std::ptr::eq(q, r))
            })
            .unwrap_or(0)
    };
    ranked.sort_by_key(|f| (f.severity != Severity::Error, rank(f.rule), requirement(f)));
    let mut actions: Vec<Item> = ranked.into_iter().map(|f| item_of(f)).collect();

    // After the findings, the implementation work the SoA itself lists.
    let mut open_work: BTreeMap<u8, Vec<Item>> = BTreeMap::new();
    for state in controls {
        let Some((file, line)) = &state.soa else {
            continue;
        };
        let (id, title) = (&state.id, &state.title);
        let (order, text) = match (state.decision, state.status.as_deref()) {
            (Decision::Missing, _) => continue, // soa-missing-control says so
            (Decision::Undecided, _) => {
                (1, format!("decide whether control {id} ({title}) applies"))
            }
            // Without any evidence listed, `soa-implemented-without-evidence` already says so.
            (Decision::Applicable, Some("implemented"))
                if !state.current_evidence && !state.evidence.is_empty() =>
            {
                (
                    0,
                    format!(
                        "control {id} ({title}) is implemented but none of its evidence is current"
                    ),
                )
            }
            (Decision::Applicable, Some("partial")) => {
                (2, format!("finish implementing control {id} ({title})"))
            }
            (Decision::Applicable, Some("implemented")) | (Decision::Excluded, _) => continue,
            (Decision::Applicable, _) => (3, format!("implement control {id} ({title})")),
        };
        open_work.entry(order).or_default().push(Item {
            text,
            file: Some(file.clone()),
            line: Some(*line),
            rule: None,
        });
    }
    for items in open_work.into_values() {
        actions.extend(items);
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_lists_name_registered_rules_and_rank_every_check() {
        use crate::checks::{CHECKS, find_rule};
        for id in ACTION_ORDER.iter().chain(OVERDUE_RULES) {
            assert!(find_rule(id).is_some(), "`{id}` is not a registered rule");
        }
        for check in CHECKS {
            let id = check.rule().id;
            assert!(
                ACTION_ORDER.contains(&id),
                "rule `{id}` has no place in ACTION_ORDER, so `aims status` ranks it last"
            );
        }
    }

    #[test]
    fn next_actions_read_the_finding_data_not_its_message() {
        use crate::diagnostic::Span;
        let reworded = Finding::new(RULE_ID, "aims.toml", Span::file_start(), "wording: changed")
            .about_clause("6.2")
            .about_item("AI objectives");
        let item = item_of(&reworded);
        assert!(
            item.text
                .starts_with("no AI objectives (6.2): add `Objective`"),
            "{}",
            item.text
        );
        assert_eq!(item.file, None, "a missing document is a new record");
        let scope = Finding::new(RULE_ID, "aims.toml", Span::file_start(), "x")
            .about_clause("4.3")
            .about_item("AIMS scope statement");
        let actions = next_actions(&[&reworded, &scope], &[]);
        assert!(
            actions[0].text.contains("(4.3)"),
            "clause order, not message order"
        );
    }

    #[test]
    fn evidence_for_a_parent_clause_covers_its_children() {
        assert!(supports_clause("9.2", "9.2.1"));
        assert!(supports_clause("9.1", "9.1"));
        assert!(!supports_clause("9", "9.1"));
        assert!(!supports_clause("9.2", "9.21"));
    }

    #[test]
    fn coverage_is_all_some_or_none() {
        assert_eq!(Coverage::of(3, 3), Coverage::Covered);
        assert_eq!(Coverage::of(1, 3), Coverage::Partial);
        assert_eq!(Coverage::of(0, 3), Coverage::Missing);
        assert_eq!(Coverage::of(0, 0), Coverage::Missing);
    }
}
