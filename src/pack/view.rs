//! The pack's view model: everything the templates may show, built once from the checked model,
//! the findings, readiness and git facts. Templates receive this and nothing else: they never
//! read files, and no user text is ever evaluated as a template.

use crate::diagnostic::{Finding, FindingCounts};
use crate::model::coverage::{
    Band, ControlState, acceptance, control_states, evidence_is_current, residual_levels,
    residual_score,
};
use crate::model::facts::{EvidenceFile, normalize};
use crate::model::records::*;
use crate::model::refs::{Target, references};
use crate::model::settings::Config;
use crate::model::{Kind, Model, Record, RecordData};
use crate::readiness::{self, Readiness};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct PackView {
    pub organization: String,
    pub standard: String,
    pub scope: Option<String>,
    pub commit: Option<String>,
    pub commit_short: Option<String>,
    pub branch: Option<String>,
    /// The commit's date: two builds of one commit are identical.
    pub build_date: String,
    pub as_of: String,
    pub generator: String,
    pub uncommitted_files: Option<usize>,
    pub git_unknown: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub waived: usize,
    pub readiness: Readiness,
    /// The records of every kind without a view of its own below, by the kind's pack key
    /// (`policies`, `roles`, ...), each list sorted by id (the AI policy first).
    #[serde(flatten)]
    pub records: BTreeMap<&'static str, Vec<Item>>,
    pub risk_criteria: RiskCriteriaView,
    pub risks: Vec<RiskView>,
    pub heatmap_inherent: Heatmap,
    pub heatmap_residual: Heatmap,
    pub soa: Vec<SoaRow>,
    pub soa_ids: Vec<String>,
    pub documents: Vec<DocumentRow>,
    pub traceability: Vec<TraceRow>,
    pub evidence: Vec<EvidenceRow>,
    pub findings: Vec<FindingRow>,
    /// The Statement(s) of Applicability as records: their approval, version, body and extras.
    pub soa_records: Vec<Item>,
    /// Drafts of every kind, by the kind's pack key.
    pub drafts: BTreeMap<&'static str, Vec<DraftView>>,
    /// How this pack's check differs from the default: rules switched off or to another
    /// severity in `aims.toml`, as "rule: warn (default error)".
    pub rule_overrides: Vec<String>,
    /// Waivers in force on the as-of date, as "rule on record until date: reason".
    pub waivers_in_force: Vec<String>,
    /// What changed since an earlier revision, when `--since` asked.
    pub changes_since: Option<ChangesSince>,
    /// Every record id, for linking ids in the HTML pack.
    #[serde(skip)]
    pub record_ids: BTreeSet<String>,
    /// Every record's body by [`record_key`], for the PDF (the Markdown shows bodies from each
    /// record's own fields).
    #[serde(skip)]
    pub bodies: BTreeMap<String, String>,
    /// `[pack] pdf_volume_pages`: how the PDF is split into files.
    #[serde(skip)]
    pub pdf_volume_pages: usize,
}

/// A record's typed data with where it lives.
#[derive(Serialize)]
pub struct Item {
    pub id: String,
    pub file: String,
    pub line: u32,
    #[serde(flatten)]
    pub details: Details,
    #[serde(flatten)]
    pub data: RecordData,
}

impl Item {
    /// A complete record's view; `None` for drafts and records that failed their schema.
    fn of(record: &Record) -> Option<Item> {
        Some(Item {
            id: record.id.to_string(),
            file: record.file().to_string(),
            line: record.id_span().start.line,
            details: Details::of(record),
            data: record.data.clone()?,
        })
    }
}

/// What every record may carry besides its kind's fields: `extra` and `external_ids`, and the
/// key its body is found under in [`PackView::bodies`].
#[derive(Serialize, Clone)]
pub struct Details {
    /// `Kind:id`, unique across kinds.
    pub key: String,
    /// The record's name for a heading: its `title`, `name` or `metric`; empty for kinds named
    /// by something longer (a description) or shorter (a date).
    pub heading: String,
    pub extra: Vec<Pair>,
    pub external_ids: Vec<Pair>,
}

impl Details {
    pub fn of(record: &Record) -> Details {
        let pairs = |pairs: Vec<(String, String)>| {
            pairs
                .into_iter()
                .map(|(name, value)| Pair { name, value })
                .collect()
        };
        let naming = record.kind.spec().naming_field;
        let heading = match naming {
            "title" | "name" | "metric" => record.text_field(naming).unwrap_or_default(),
            _ => "",
        };
        Details {
            key: record_key(record),
            heading: heading.to_string(),
            extra: pairs(record.extra()),
            external_ids: pairs(record.external_ids()),
        }
    }
}

/// `Kind:id`: how templates find a record's body, whatever its kind.
pub fn record_key(record: &Record) -> String {
    format!("{}:{}", record.kind.name(), record.id)
}

#[derive(Serialize, Clone)]
pub struct Pair {
    pub name: String,
    pub value: String,
}

/// A record still being written (`draft: true`): shown with whatever fields it has, marked
/// DRAFT, apart from the complete records of its kind.
#[derive(Serialize)]
pub struct DraftView {
    pub id: String,
    pub kind: &'static str,
    /// The value of the kind's naming field (`title`, `name`, ...).
    pub title: String,
    pub file: String,
    pub line: u32,
    /// Every other field, as text, in file order.
    pub fields: Vec<Pair>,
    pub body: Option<String>,
    #[serde(flatten)]
    pub details: Details,
}

/// Fields a draft shows in its own places, not among its `fields`.
const SHOWN_APART: &[&str] = &["kind", "id", "draft", "extra", "external_ids", "body"];

fn drafts(model: &Model) -> BTreeMap<&'static str, Vec<DraftView>> {
    let mut drafts: BTreeMap<&'static str, Vec<DraftView>> = Kind::ALL
        .iter()
        .map(|kind| (kind.spec().pack.key, Vec::new()))
        .collect();
    for record in model.records.iter().filter(|r| r.draft) {
        let naming = record.kind.spec().naming_field;
        let fields = record
            .node
            .entries()
            .iter()
            .filter(|(key, _)| !SHOWN_APART.contains(&key.name.as_str()))
            .filter(|(key, _)| key.name != naming)
            .map(|(key, value)| Pair {
                name: key.name.to_string(),
                value: match key.name.as_str() {
                    "url" => crate::model::facts::redact_url(&value.display_text()),
                    _ => value.display_text(),
                },
            })
            .collect();
        let view = DraftView {
            id: record.id.to_string(),
            kind: record.kind.label(),
            title: record
                .node
                .get(naming)
                .map(|n| n.display_text())
                .unwrap_or_default(),
            file: record.file().to_string(),
            line: record.id_span().start.line,
            fields,
            body: record.text_field("body").map(str::to_string),
            details: Details::of(record),
        };
        if let Some(list) = drafts.get_mut(record.kind.spec().pack.key) {
            list.push(view);
        }
    }
    for list in drafts.values_mut() {
        list.sort_by(|a, b| a.id.cmp(&b.id));
    }
    drafts
}

/// A file's media type by its extension, for the PDF attachment (PDF/A-3 asks for one).
fn media_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or_default().to_lowercase();
    match extension.as_str() {
        "md" | "markdown" => "text/markdown",
        "csv" => "text/csv",
        "txt" | "log" => "text/plain",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "yaml" | "yml" => "application/yaml",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The rules `aims.toml` switches off or runs at another severity than their default.
fn rule_overrides(config: &Config) -> Vec<String> {
    config
        .rules
        .iter()
        .filter_map(|(id, level)| {
            let rule = crate::checks::find_rule(id)?;
            let default = rule.default_severity.as_str();
            let wanted = match level.as_str() {
                "warn" => "warning",
                other => other,
            };
            (wanted != default).then(|| format!("{id}: {level} (default {default})"))
        })
        .collect()
}

/// Records added, changed and removed between an earlier revision and this one: what a
/// surveillance audit asks first.
#[derive(Serialize)]
pub struct ChangesSince {
    pub rev: String,
    pub commit: Option<String>,
    pub date: Option<String>,
    pub added: Vec<ChangedRecord>,
    pub changed: Vec<ChangedRecord>,
    pub removed: Vec<ChangedRecord>,
}

#[derive(Serialize)]
pub struct ChangedRecord {
    pub kind: &'static str,
    pub id: String,
    /// The record's title or name, when it has one.
    pub heading: String,
    pub file: String,
    /// The commits since the revision that changed the record's file (newest first), as
    /// "date commit author: subject (approved by ...)".
    pub commits: Vec<String>,
}

fn changes_since(rev: &str, then: &Model, now: &Model) -> ChangesSince {
    let since_commit = then.git.head.as_ref();
    let since_time = since_commit.map(|c| c.time);
    let commits_of = |record: &Record| -> Vec<String> {
        now.git
            .commits_of(record.file())
            .unwrap_or_default()
            .into_iter()
            .filter(|c| since_time.is_none_or(|t| c.time > t))
            .map(|c| {
                let approvals = if c.approved_by.is_empty() {
                    String::new()
                } else {
                    format!(" (approved by {})", c.approved_by.join(", "))
                };
                format!(
                    "{} {} {}: {}{approvals}",
                    c.date,
                    &c.id[..c.id.len().min(10)],
                    c.author,
                    c.subject
                )
            })
            .collect()
    };
    let row = |record: &Record, commits: Vec<String>| ChangedRecord {
        kind: record.kind.name(),
        id: record.id.to_string(),
        heading: Details::of(record).heading,
        file: record.file().to_string(),
        commits,
    };
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for record in &now.records {
        match then.get(record.kind, &record.id) {
            None => added.push(row(record, commits_of(record))),
            Some(old) if old.node.to_json() != record.node.to_json() => {
                changed.push(row(record, commits_of(record)))
            }
            Some(_) => {}
        }
    }
    let removed = then
        .records
        .iter()
        .filter(|r| !now.contains(r.kind, &r.id))
        .map(|r| row(r, Vec::new()))
        .collect();
    ChangesSince {
        rev: rev.to_string(),
        commit: since_commit.map(|c| c.id[..c.id.len().min(10)].to_string()),
        date: since_commit.map(|c| c.date.to_string()),
        added,
        changed,
        removed,
    }
}

/// Every record's Markdown body, by [`record_key`]: the PDF lays bodies out from these.
fn bodies(model: &Model) -> BTreeMap<String, String> {
    model
        .records
        .iter()
        .filter(|r| r.data.is_some() || r.draft)
        .filter_map(|r| Some((record_key(r), r.text_field("body")?.to_string())))
        .collect()
}

/// Kinds the pack shows through a view of their own (scores, SoA rows, evidence facts).
const DEDICATED_VIEWS: &[Kind] = &[Kind::Risk, Kind::StatementOfApplicability, Kind::Evidence];

/// Every other kind's valid records, under the kind's pack key from the registry.
fn record_sections(model: &Model) -> BTreeMap<&'static str, Vec<Item>> {
    let mut sections = BTreeMap::new();
    for kind in Kind::ALL.iter().filter(|k| !DEDICATED_VIEWS.contains(k)) {
        let mut items: Vec<Item> = model.of_kind(*kind).filter_map(Item::of).collect();
        // The AI policy first, then topic policies; otherwise by id.
        items.sort_by(|a, b| {
            let topic = |item: &Item| {
                !matches!(&item.data, RecordData::Policy(p) if p.policy_type == "ai-policy")
            };
            (topic(a), &a.id).cmp(&(topic(b), &b.id))
        });
        sections.insert(kind.spec().pack.key, items);
    }
    sections
}

#[derive(Serialize)]
pub struct RiskCriteriaView {
    pub likelihood: Vec<String>,
    pub impact: Vec<String>,
    pub acceptance: u32,
}

#[derive(Serialize)]
pub struct RiskView {
    pub id: String,
    pub file: String,
    pub line: u32,
    pub title: String,
    pub ai_systems: Vec<String>,
    pub owner: String,
    pub likelihood: String,
    pub impact: String,
    pub score: Option<u32>,
    pub band: &'static str,
    pub residual_likelihood: String,
    pub residual_impact: String,
    pub residual_score: Option<u32>,
    pub residual_band: &'static str,
    pub option: String,
    pub controls: Vec<String>,
    pub plan: Option<String>,
    pub due: Option<Date>,
    pub accepted_by: Option<String>,
    /// "accepted by the risk criteria", "accepted by cro on 2026-03-12", "not accepted".
    pub acceptance: String,
    pub status: String,
    /// `risk` or `opportunity`.
    #[serde(rename = "type")]
    pub risk_type: String,
    pub assessed: Option<Date>,
    pub next_review: Option<Date>,
    pub objectives: Vec<String>,
    pub impact_assessments: Vec<String>,
    pub treatment_approved: Option<String>,
    pub treatment_verified: Option<String>,
    pub body: Option<String>,
    #[serde(flatten)]
    pub details: Details,
}

/// Likelihood rows (highest first) by impact columns, each cell with its risks.
#[derive(Serialize)]
pub struct Heatmap {
    pub impacts: Vec<String>,
    pub rows: Vec<HeatmapRow>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct HeatmapRow {
    pub likelihood: String,
    pub cells: Vec<HeatmapCell>,
}

#[derive(Serialize)]
pub struct HeatmapCell {
    pub score: u32,
    pub band: &'static str,
    pub risks: Vec<String>,
}

#[derive(Serialize)]
pub struct SoaRow {
    pub id: String,
    pub title: String,
    pub area: String,
    /// A control beyond Annex A (a `Control` record).
    pub beyond_annex_a: bool,
    /// `applicable`, `excluded`, `undecided` or `missing` (not in the SoA).
    pub decision: &'static str,
    pub justification: String,
    pub status: String,
    pub evidence: Vec<String>,
    pub operating: bool,
    pub risks: Vec<String>,
    pub applies_to: Vec<String>,
}

impl SoaRow {
    fn of(state: &ControlState) -> SoaRow {
        SoaRow {
            id: state.id.clone(),
            title: state.title.clone(),
            area: state.area.clone(),
            beyond_annex_a: state.beyond_annex_a,
            decision: state.decision.as_str(),
            justification: state.justification.clone(),
            status: state.status.clone().unwrap_or_default(),
            evidence: state.evidence.clone(),
            operating: state.operating(),
            risks: state.risks.clone(),
            applies_to: state.applies_to.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct DocumentRow {
    pub file: String,
    pub records: Vec<String>,
    pub version: Option<usize>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub last_commit: Option<String>,
    pub authors: Vec<String>,
    pub approvals: Vec<String>,
    pub dirty: bool,
    pub commits: Vec<CommitRow>,
}

#[derive(Serialize)]
pub struct CommitRow {
    pub date: String,
    pub id: String,
    pub author: String,
    pub subject: String,
    pub approved_by: Vec<String>,
}

#[derive(Serialize)]
pub struct TraceRow {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub records: Vec<String>,
    pub evidence: Vec<String>,
    pub status: String,
}

#[derive(Serialize)]
pub struct EvidenceRow {
    pub id: String,
    pub title: String,
    pub file: String,
    pub path: Option<String>,
    pub url: Option<String>,
    pub collected: Date,
    pub supports: Vec<String>,
    pub sha256: Option<String>,
    pub bytes: Option<u64>,
    pub last_commit: Option<String>,
    pub last_changed: Option<String>,
    /// `present`, `missing`, `outside the repository`, `not a file` or `url (not hashed)`.
    pub state: String,
    pub current: bool,
    /// Where the pack carries the file (`evidence/...`), when it does.
    pub in_pack: Option<String>,
    /// The carried file's media type, for its PDF attachment.
    pub mime: &'static str,
    /// Why the pack does not carry an in-repository file.
    pub left_out: Option<String>,
    pub body: Option<String>,
    #[serde(flatten)]
    pub details: Details,
}

#[derive(Serialize)]
pub struct FindingRow {
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub waived: Option<String>,
}

fn band_name(score: Option<u32>, acceptance: u32) -> &'static str {
    score.map_or("unscored", |s| Band::of(s, acceptance).as_str())
}

pub struct PackInput<'a> {
    pub model: &'a Model,
    /// The AIMS at an earlier revision (`--since`): the revision as given, and its records.
    pub since: Option<(&'a str, &'a Model)>,
    pub config: &'a Config,
    pub findings: &'a [Finding],
    pub today: Date,
}

pub fn build(input: &PackInput<'_>) -> PackView {
    let PackInput {
        model,
        since,
        config,
        findings,
        today,
    } = *input;
    let git = &model.git;
    let criteria = &config.risk;
    let counts = FindingCounts::of(findings);
    let controls = control_states(model, config, today);
    let readiness = readiness::assess(model, config, findings, &controls, today);

    let risks: Vec<RiskView> = {
        let mut risks: Vec<RiskView> = model
            .typed::<Risk>()
            .map(|(record, risk)| {
                let score = criteria.score(&risk.likelihood, &risk.impact);
                let (rl, ri) = residual_levels(risk);
                let residual_score = residual_score(risk, criteria);
                RiskView {
                    id: record.id.to_string(),
                    file: record.file().to_string(),
                    line: record.id_span().start.line,
                    title: risk.title.to_string(),
                    ai_systems: strings(&risk.ai_systems),
                    owner: risk.owner.to_string(),
                    likelihood: risk.likelihood.to_string(),
                    impact: risk.impact.to_string(),
                    score,
                    band: band_name(score, criteria.acceptance),
                    residual_likelihood: rl.to_string(),
                    residual_impact: ri.to_string(),
                    residual_score,
                    residual_band: band_name(residual_score, criteria.acceptance),
                    option: risk.treatment.option.to_string(),
                    controls: strings(&risk.treatment.controls),
                    plan: risk.treatment.plan.as_deref().map(String::from),
                    due: risk.treatment.due,
                    accepted_by: risk.accepted_by.as_deref().map(String::from),
                    acceptance: acceptance(risk, criteria).describe(),
                    status: risk.status.as_deref().unwrap_or("open").to_string(),
                    risk_type: risk.risk_type.to_string(),
                    assessed: risk.assessed,
                    next_review: risk.next_review,
                    objectives: strings(&risk.objectives),
                    impact_assessments: strings(&risk.impact_assessments),
                    treatment_approved: match (&risk.treatment.approved_by, risk.treatment.approved)
                    {
                        (Some(by), Some(on)) => Some(format!("{by} on {on}")),
                        (Some(by), None) => Some(by.to_string()),
                        (None, Some(on)) => Some(on.to_string()),
                        (None, None) => None,
                    },
                    treatment_verified: risk.treatment.verified.as_ref().map(|v| {
                        let by =
                            v.by.as_deref()
                                .map(|b| format!(" by {b}"))
                                .unwrap_or_default();
                        format!("{} on {}{by}", v.result, v.date)
                    }),
                    body: risk.body.as_deref().map(String::from),
                    details: Details::of(record),
                }
            })
            .collect();
        risks.sort_by(|a, b| a.id.cmp(&b.id));
        risks
    };
    let heatmap = |residual: bool| -> Heatmap {
        let rows = criteria
            .likelihood
            .iter()
            .enumerate()
            .rev()
            .map(|(li, likelihood)| HeatmapRow {
                likelihood: likelihood.clone(),
                cells: criteria
                    .impact
                    .iter()
                    .enumerate()
                    .map(|(ii, impact)| {
                        let score = (li as u32 + 1) * (ii as u32 + 1);
                        HeatmapCell {
                            score,
                            band: band_name(Some(score), criteria.acceptance),
                            risks: risks
                                .iter()
                                .filter(|r| r.status != "closed" && r.risk_type != "opportunity")
                                .filter(|r| {
                                    let (l, i) = if residual {
                                        (&r.residual_likelihood, &r.residual_impact)
                                    } else {
                                        (&r.likelihood, &r.impact)
                                    };
                                    l == likelihood && i == impact
                                })
                                .map(|r| r.id.clone())
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        let total = rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|c| c.risks.len())
            .sum();
        Heatmap {
            impacts: criteria.impact.clone(),
            rows,
            total,
        }
    };

    let soas: Vec<(&Record, &StatementOfApplicability)> =
        model.typed::<StatementOfApplicability>().collect();
    let soa: Vec<SoaRow> = controls.iter().map(SoaRow::of).collect();

    let documents = document_rows(model);
    let evidence = evidence_rows(model, config, today);
    let traceability = trace_rows(model, &readiness, &soa);
    let findings_rows = findings
        .iter()
        .map(|f| FindingRow {
            rule: f.rule,
            severity: f.severity.as_str(),
            message: f.message.clone(),
            file: f.file.to_string(),
            line: f.span.start.line,
            waived: f
                .waived
                .as_ref()
                .map(|w| format!("waived until {}: {}", w.expires, w.reason)),
        })
        .collect();
    let records = record_sections(model);
    let scope = model
        .typed::<Context>()
        .min_by(|(a, _), (b, _)| a.id.cmp(&b.id))
        .map(|(_, context)| context.scope.to_string());
    PackView {
        organization: config.organization.clone(),
        standard: config.standard.clone(),
        scope,
        commit: git.head.as_ref().map(|c| c.id.clone()),
        commit_short: git
            .head
            .as_ref()
            .map(|c| c.id[..c.id.len().min(10)].to_string()),
        branch: git.branch.clone(),
        build_date: git
            .head
            .as_ref()
            .map_or_else(|| today.to_string(), |c| c.date.to_string()),
        as_of: today.to_string(),
        generator: format!("aims {}", env!("CARGO_PKG_VERSION")),
        uncommitted_files: git.dirty.as_ref().map(BTreeSet::len),
        git_unknown: git.unknown.clone(),
        errors: counts.errors,
        warnings: counts.warnings,
        waived: counts.waived,
        readiness,
        records,
        risk_criteria: RiskCriteriaView {
            likelihood: criteria.likelihood.clone(),
            impact: criteria.impact.clone(),
            acceptance: criteria.acceptance,
        },
        heatmap_inherent: heatmap(false),
        heatmap_residual: heatmap(true),
        risks,
        soa_ids: soas.iter().map(|(r, _)| r.id.to_string()).collect(),
        soa,
        documents,
        traceability,
        evidence,
        findings: findings_rows,
        soa_records: soas
            .iter()
            .filter_map(|(record, _)| Item::of(record))
            .collect(),
        drafts: drafts(model),
        rule_overrides: rule_overrides(config),
        waivers_in_force: config
            .waivers
            .iter()
            .filter(|w| w.expires >= today)
            .map(|w| {
                let target = match (&w.record, &w.file) {
                    (Some(record), _) => format!("record {record}"),
                    (None, Some(file)) => format!("file {file}"),
                    (None, None) => "everything".to_string(),
                };
                format!("{} on {target} until {}: {}", w.rule, w.expires, w.reason)
            })
            .collect(),
        changes_since: since.map(|(rev, then)| changes_since(rev, then, model)),
        record_ids: model.records.iter().map(|r| r.id.to_string()).collect(),
        bodies: bodies(model),
        pdf_volume_pages: config.pdf_volume_pages,
    }
}

fn document_rows(model: &Model) -> Vec<DocumentRow> {
    let mut by_file: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for record in &model.records {
        by_file.entry(record.file()).or_default().push(format!(
            "{} {}",
            record.kind.name(),
            record.id
        ));
    }
    let git = &model.git;
    by_file
        .into_iter()
        .map(|(file, records)| {
            let history = git.history(file);
            let mut approvals: Vec<String> = Vec::new();
            for commit in &history.commits {
                for approver in &commit.approved_by {
                    let entry = format!("{approver} ({})", commit.date);
                    if !approvals.contains(&entry) {
                        approvals.push(entry);
                    }
                }
            }
            DocumentRow {
                file: file.to_string(),
                records,
                version: git.history_known.then_some(history.version),
                first: history.first.map(|c| format!("{} {}", c.date, c.author)),
                last: history.last.map(|c| format!("{} {}", c.date, c.author)),
                last_commit: history.last.map(|c| c.id[..c.id.len().min(10)].to_string()),
                authors: history.authors.clone(),
                approvals,
                dirty: history.dirty,
                commits: history
                    .commits
                    .iter()
                    .map(|c| CommitRow {
                        date: c.date.to_string(),
                        id: c.id[..c.id.len().min(10)].to_string(),
                        author: c.author.clone(),
                        subject: c.subject.clone(),
                        approved_by: c.approved_by.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn evidence_rows(model: &Model, config: &Config, today: Date) -> Vec<EvidenceRow> {
    let mut rows: Vec<EvidenceRow> = model
        .typed::<Evidence>()
        .map(|(record, evidence)| {
            let digest = evidence
                .path
                .as_ref()
                .and_then(|p| model.evidence_digests.get(p.as_str()));
            let state = match (&evidence.path, &evidence.url) {
                (Some(path), _) => match model.evidence_files.get(path.as_str()) {
                    Some(EvidenceFile::Present { .. }) => "present",
                    Some(EvidenceFile::Missing) | None => "missing",
                    Some(EvidenceFile::NotAFile) => "not a file",
                    Some(EvidenceFile::LfsPointer) => "Git LFS pointer only (object not fetched)",
                    Some(EvidenceFile::Outside(_)) => "outside the repository (not read)",
                },
                (None, _) => "url (not hashed)",
            };
            let last = evidence
                .path
                .as_ref()
                .and_then(|p| model.git.last_change(&crate::model::facts::normalize(p)));
            EvidenceRow {
                id: record.id.to_string(),
                title: evidence.title.to_string(),
                file: record.file().to_string(),
                path: evidence.path.as_deref().map(String::from),
                // A secret in a URL never reaches the pack.
                url: evidence.url.as_deref().map(crate::model::facts::redact_url),
                collected: evidence.collected,
                supports: strings(&evidence.supports),
                sha256: digest.map(|d| d.sha256.clone()),
                bytes: digest.map(|d| d.bytes),
                last_commit: last.map(|c| c.id[..c.id.len().min(10)].to_string()),
                last_changed: last.map(|c| c.date.to_string()),
                state: state.to_string(),
                current: evidence_is_current(model, config, &record.id, today),
                in_pack: digest
                    .filter(|d| d.bytes <= config.max_evidence_copy_bytes)
                    .and(evidence.path.as_deref())
                    .map(|p| super::packed_evidence_path(&normalize(p))),
                mime: evidence.path.as_deref().map_or("application/octet-stream", media_type),
                left_out: digest
                    .filter(|d| d.bytes > config.max_evidence_copy_bytes)
                    .map(|d| {
                        format!(
                            "not carried: {} bytes is over `[pack] max_evidence_file_mib` ({} MiB); fetch it from the repository at this commit and compare its SHA-256",
                            d.bytes,
                            config.max_evidence_copy_bytes / (1024 * 1024)
                        )
                    }),
                body: evidence.body.as_deref().map(String::from),
                details: Details::of(record),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

/// Clause or control -> the records that serve it -> the evidence behind them -> status.
fn trace_rows(model: &Model, readiness: &Readiness, soa: &[SoaRow]) -> Vec<TraceRow> {
    // Evidence ids per clause or control they support.
    let mut evidence_for: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (record, evidence) in model.typed::<Evidence>() {
        for support in &evidence.supports {
            evidence_for
                .entry(support.as_str())
                .or_default()
                .insert(record.id.to_string());
        }
    }
    // Records per control, from every reference field that names a control.
    let mut records_for: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for record in model.records.iter().filter(|r| r.data.is_some()) {
        if record.kind == Kind::StatementOfApplicability || record.kind == Kind::Evidence {
            continue;
        }
        for reference in references(record) {
            if matches!(
                reference.target,
                Target::Control | Target::ClauseOrControl | Target::ControlOrProcess
            ) {
                records_for
                    .entry(reference.value.to_string())
                    .or_default()
                    .insert(format!("{} {}", record.kind.name(), record.id));
            }
        }
    }
    let mut rows = Vec::new();
    for clause in readiness.clauses.iter().flat_map(|c| &c.subclauses) {
        let records: Vec<String> = clause
            .records
            .iter()
            .filter(|r| r.kind != "Evidence")
            .map(|r| format!("{} {}", r.kind, r.id))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut evidence: BTreeSet<String> = clause
            .records
            .iter()
            .filter(|r| r.kind == "Evidence")
            .map(|r| r.id.clone())
            .collect();
        evidence.extend(evidence_for.get(clause.id).cloned().unwrap_or_default());
        rows.push(TraceRow {
            id: clause.id.to_string(),
            title: clause.title.to_string(),
            kind: "clause",
            records,
            evidence: evidence.into_iter().collect(),
            status: if clause.covered {
                "covered"
            } else {
                "no record"
            }
            .to_string(),
        });
    }
    for row in soa {
        let mut evidence: BTreeSet<String> = row.evidence.iter().cloned().collect();
        evidence.extend(
            evidence_for
                .get(row.id.as_str())
                .cloned()
                .unwrap_or_default(),
        );
        let mut records: BTreeSet<String> = records_for.get(&row.id).cloned().unwrap_or_default();
        records.extend(row.risks.iter().map(|r| format!("Risk {r}")));
        // Records whose kind documents the control by existing (the registry's `implies`):
        // shown, marked implied, never counted as the control operating.
        for kind in Kind::ALL
            .iter()
            .filter(|k| k.spec().implies.contains(&row.id.as_str()))
        {
            let implied: Vec<String> = model
                .of_kind(*kind)
                .filter(|r| r.data.is_some())
                .map(|r| format!("{} {}", kind.name(), r.id))
                .filter(|named| !records.contains(named))
                .map(|named| format!("{named} (implied)"))
                .collect();
            records.extend(implied);
        }
        let status = match row.decision {
            "excluded" => "excluded".to_string(),
            "missing" => "not in the SoA".to_string(),
            "undecided" => "undecided".to_string(),
            _ if row.operating => "implemented, current evidence".to_string(),
            _ if row.status == "implemented" => "implemented, no current evidence".to_string(),
            _ if row.status.is_empty() => "planned".to_string(),
            _ => row.status.clone(),
        };
        rows.push(TraceRow {
            id: row.id.clone(),
            title: row.title.clone(),
            kind: if row.beyond_annex_a {
                "control beyond Annex A"
            } else {
                "control"
            },
            records: records.into_iter().collect(),
            evidence: evidence.into_iter().collect(),
            status,
        });
    }
    rows
}
