//! The judgements that more than one consumer needs, made here once: whether an SoA decision is
//! real, whether evidence is current, a risk's residual levels, score and band, and each Annex A
//! control's state. Checks, `aims status` and every pack format read these; none of them
//! decides the same question again (when two did, they disagreed).

use super::catalog::{CONTROLS, Provider};
use super::facts::{Commit, EvidenceFile, normalize};
use super::records::{self, Evidence, Risk, StatementOfApplicability};
use super::settings::{Config, RiskCriteria};
use super::{Kind, Model, Record, RecordData};
use crate::model::records::strings;
use jiff::civil::Date;
use serde::Serialize;

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Text that stands in for an answer without giving one: empty, `TBD`, `N/A`, or fewer than
/// three words.
pub fn is_placeholder(text: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "",
        "-",
        "--",
        "?",
        "...",
        "…",
        "n/a",
        "na",
        "tbd",
        "tbc",
        "todo",
        "fixme",
        "xxx",
        "none",
        "null",
        "nil",
        "no",
        "not applicable",
        "not relevant",
        "to do",
        "to be defined",
        "to be decided",
        "to be determined",
        "to be confirmed",
        "later",
        "pending",
        "out of scope",
        "not in scope",
        "not needed",
        "not required",
    ];
    let normalized = text
        .trim()
        .trim_end_matches(['.', '!', ':'])
        .trim()
        .to_lowercase();
    const PREFIXES: &[&str] = &["todo", "tbd", "fixme", "to decide", "xxx"];
    PLACEHOLDERS.contains(&normalized.as_str())
        || PREFIXES.iter().any(|p| normalized.starts_with(p))
        || normalized.split_whitespace().count() < 3
}

/// Where an evidence record's age counts from.
pub struct EvidenceAge<'a> {
    pub since: Date,
    /// The commit that last changed the evidence file, when the age comes from git.
    pub commit: Option<&'a Commit>,
}

/// Evidence is as old as the earlier of `collected` and the commit that last changed its file:
/// a migration commit does not make old evidence new, and a shallow clone (whose history starts
/// late) gives the same answer as a full one. URL evidence, files with unknown history and files
/// with uncommitted changes are as old as `collected`.
pub fn evidence_age<'a>(model: &'a Model, evidence: &Evidence) -> EvidenceAge<'a> {
    let collected = EvidenceAge {
        since: evidence.collected,
        commit: None,
    };
    let Some(path) = &evidence.path else {
        return collected;
    };
    let path = normalize(path);
    if model.git.is_dirty(&path) == Some(true) {
        return collected;
    }
    match model.git.last_change(&path) {
        Some(commit) if commit.date < evidence.collected => EvidenceAge {
            since: commit.date,
            commit: Some(commit),
        },
        _ => collected,
    }
}

/// Evidence that exists, is where it says (a file in the repository, or a URL) and is fresh.
pub fn evidence_is_current(model: &Model, config: &Config, id: &str, today: Date) -> bool {
    let Some(Record {
        data: Some(RecordData::Evidence(evidence)),
        ..
    }) = model.get(Kind::Evidence, id)
    else {
        return false;
    };
    let located = match &evidence.path {
        Some(path) => matches!(
            model.evidence_files.get(path.as_str()),
            Some(EvidenceFile::Present { .. })
        ),
        None => evidence.url.is_some(),
    };
    let max_age = evidence
        .max_age_days
        .unwrap_or(config.evidence_max_age_days);
    located && days_between(evidence_age(model, evidence).since, today) <= i64::from(max_age)
}

/// How far the repository provides an item of documented information.
#[derive(Debug, Clone, Copy)]
pub enum Provision<'a> {
    /// A complete, valid record provides it.
    Provided,
    /// Only records that fail their schema would provide it: their schema errors are the
    /// finding; reporting the item as absent too would say the same thing twice.
    Invalid(&'a Record),
    /// Only drafts would provide it.
    Draft(&'a Record),
    /// Nothing would.
    Missing,
}

/// Whether the repository holds what provides an item of documented information.
pub fn is_provided(model: &Model, config: &Config, provider: Provider) -> bool {
    matches!(provision(model, config, provider), Provision::Provided)
}

/// What provides an item of documented information: read from each record's tree, so a record
/// that fails its schema, or a draft, is seen for what it would provide.
pub fn provision<'a>(model: &'a Model, config: &Config, provider: Provider) -> Provision<'a> {
    let mut candidates = Vec::new();
    let provided_by_config = collect_candidates(model, config, provider, &mut candidates);
    if provided_by_config || candidates.iter().any(|r| r.data.is_some()) {
        return Provision::Provided;
    }
    if let Some(invalid) = candidates.iter().find(|r| !r.draft) {
        return Provision::Invalid(invalid);
    }
    candidates
        .first()
        .map_or(Provision::Missing, |draft| Provision::Draft(draft))
}

/// Collects the records that provide `provider`, or would if complete; true when something
/// that is not a record (`[risk]` in `aims.toml`) provides it.
fn collect_candidates<'a>(
    model: &'a Model,
    config: &Config,
    provider: Provider,
    out: &mut Vec<&'a Record>,
) -> bool {
    let of_kind = |kind: Kind| model.of_kind(kind);
    let names =
        |record: &Record, field: &str, value: &str| record.text_list_field(field).contains(&value);
    match provider {
        Provider::Kind(kind) => out.extend(of_kind(kind)),
        Provider::ContextScope => out.extend(
            of_kind(Kind::Context)
                .filter(|r| r.text_field("scope").is_some_and(|s| !s.trim().is_empty())),
        ),
        Provider::AiPolicy => {
            out.extend(of_kind(Kind::Policy).filter(|r| r.text_field("type") == Some("ai-policy")))
        }
        Provider::RiskCriteria => return config.node.get("risk").is_some(),
        Provider::CompetenceWithEvidence => out.extend(
            of_kind(Kind::Competence).filter(|r| !r.text_list_field("evidence").is_empty()),
        ),
        Provider::TreatedRisk => out.extend(of_kind(Kind::Risk).filter(|r| {
            r.node.get("residual").is_some()
                || matches!(
                    r.text_field("status"),
                    Some("treated" | "accepted" | "closed")
                )
        })),
        Provider::InternalAudit => out.extend(
            of_kind(Kind::Audit)
                .filter(|r| matches!(r.text_field("type"), None | Some("internal"))),
        ),
        Provider::Process(clause) => {
            out.extend(of_kind(Kind::Process).filter(|r| names(r, "implements", clause)))
        }
        Provider::Evidence(clause) => {
            out.extend(of_kind(Kind::Evidence).filter(|r| names(r, "supports", clause)))
        }
        Provider::AnyOf(providers) => {
            let mut provided = false;
            for provider in providers {
                provided |= collect_candidates(model, config, *provider, out);
            }
            return provided;
        }
    }
    false
}

/// A risk's residual likelihood and impact, each defaulting to the inherent level.
pub fn residual_levels(risk: &Risk) -> (&str, &str) {
    let residual = risk.residual.as_ref();
    (
        residual
            .and_then(|r| r.likelihood.as_deref())
            .unwrap_or(&risk.likelihood),
        residual
            .and_then(|r| r.impact.as_deref())
            .unwrap_or(&risk.impact),
    )
}

/// The residual score; `None` when a level is not on the scales.
pub fn residual_score(risk: &Risk, criteria: &RiskCriteria) -> Option<u32> {
    let (likelihood, impact) = residual_levels(risk);
    criteria.score(likelihood, impact)
}

/// Who accepted a risk's residual level, as 6.1.3 asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance<'a> {
    /// The residual score is within the acceptance threshold: the criteria accept it.
    ByCriteria,
    /// Above the threshold, and a role accepted it (on `date`, when recorded).
    ByRole { role: &'a str, date: Option<Date> },
    /// Above the threshold and nobody accepted it.
    Missing,
    /// A level is not on the scales, so there is no score to judge.
    Unscored,
}

impl Acceptance<'_> {
    /// How the pack and `aims status` say it.
    pub fn describe(&self) -> String {
        match self {
            Acceptance::ByCriteria => "accepted by the risk criteria".to_string(),
            Acceptance::ByRole {
                role,
                date: Some(date),
            } => format!("accepted by {role} on {date}"),
            Acceptance::ByRole { role, date: None } => format!("accepted by {role} (no date)"),
            Acceptance::Missing => "not accepted".to_string(),
            Acceptance::Unscored => "unscored".to_string(),
        }
    }
}

/// The residual risk's acceptance: within the threshold the criteria accept it; above it, the
/// role named in `accepted_by` does.
pub fn acceptance<'a>(risk: &'a Risk, criteria: &RiskCriteria) -> Acceptance<'a> {
    let Some(score) = residual_score(risk, criteria) else {
        return Acceptance::Unscored;
    };
    if score <= criteria.acceptance {
        return Acceptance::ByCriteria;
    }
    match risk.accepted_by.as_deref().map(str::trim) {
        Some(role) if !role.is_empty() => Acceptance::ByRole {
            role,
            date: risk.accepted,
        },
        _ => Acceptance::Missing,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Low,
    Medium,
    High,
}

impl Band {
    /// Low: within the acceptance threshold; medium: up to twice it; high: beyond.
    pub fn of(score: u32, acceptance: u32) -> Band {
        if score <= acceptance {
            Band::Low
        } else if score <= acceptance.saturating_mul(2) {
            Band::Medium
        } else {
            Band::High
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
        }
    }
}

/// What the Statement of Applicability decides about one control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// No SoA lists the control.
    Missing,
    /// Listed, but the justification is a placeholder ("TODO: decide"): not a decision yet.
    Undecided,
    Applicable,
    Excluded,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Missing => "missing",
            Decision::Undecided => "undecided",
            Decision::Applicable => "applicable",
            Decision::Excluded => "excluded",
        }
    }
}

/// One control, of Annex A or beyond it, as the SoA and the evidence show it.
#[derive(Debug, Clone)]
pub struct ControlState {
    pub id: String,
    pub title: String,
    /// The Annex A area (`A.6`); for a control beyond Annex A, where it comes from
    /// (`organization`, `ISO/IEC 27001:2022`).
    pub area: String,
    /// A `Control` record rather than an Annex A control.
    pub beyond_annex_a: bool,
    pub decision: Decision,
    pub justification: String,
    /// `planned`, `partial` or `implemented`, as the SoA says.
    pub status: Option<String>,
    pub evidence: Vec<String>,
    pub risks: Vec<String>,
    /// The AI systems the decision applies to, when not all.
    pub applies_to: Vec<String>,
    /// Some listed evidence is current ([`evidence_is_current`]).
    pub current_evidence: bool,
    /// Where the control's SoA entry is (or the first SoA, when it is not listed).
    pub soa: Option<(String, u32)>,
}

impl ControlState {
    /// Decided applicable, implemented, and shown to work by current evidence: what an auditor
    /// tests. An undecided control never operates, whatever else its entry says.
    pub fn operating(&self) -> bool {
        self.decision == Decision::Applicable
            && self.status.as_deref() == Some("implemented")
            && self.current_evidence
    }
}

/// Every Annex A control in catalog order, then every `Control` record (controls beyond Annex
/// A) by id. When several SoAs list a control, the first in path order counts.
pub fn control_states(model: &Model, config: &Config, today: Date) -> Vec<ControlState> {
    let soas: Vec<(&Record, &StatementOfApplicability)> =
        model.typed::<StatementOfApplicability>().collect();
    let mut beyond: Vec<(&Record, &records::Control)> = model.typed::<records::Control>().collect();
    beyond.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let annex_a = CONTROLS.iter().map(|c| {
        (
            c.id.to_string(),
            c.title.to_string(),
            c.area.to_string(),
            false,
        )
    });
    let others = beyond.into_iter().map(|(record, control)| {
        let source = control
            .source
            .clone()
            .map_or_else(|| "organization".to_string(), |s| s.to_string());
        (
            record.id.to_string(),
            control.title.to_string(),
            source,
            true,
        )
    });
    annex_a
        .chain(others)
        .map(|(id, title, area, beyond_annex_a)| {
            let entry = soas
                .iter()
                .find_map(|(record, soa)| soa.controls.get(id.as_str()).map(|e| (record, e)));
            let Some((record, entry)) = entry else {
                return ControlState {
                    soa: soas
                        .first()
                        .map(|(r, _)| (r.file().to_string(), r.id_span().start.line)),
                    id,
                    title,
                    area,
                    beyond_annex_a,
                    decision: Decision::Missing,
                    justification: String::new(),
                    status: None,
                    evidence: Vec::new(),
                    risks: Vec::new(),
                    applies_to: Vec::new(),
                    current_evidence: false,
                };
            };
            let line = record
                .node
                .get("controls")
                .and_then(|c| c.entry(&id))
                .map_or(record.id_span().start.line, |(key, _)| {
                    key.span().start.line
                });
            ControlState {
                decision: match (is_placeholder(&entry.justification), entry.applicable) {
                    (true, _) => Decision::Undecided,
                    (false, true) => Decision::Applicable,
                    (false, false) => Decision::Excluded,
                },
                justification: entry.justification.to_string(),
                status: entry.status.as_deref().map(String::from),
                evidence: strings(&entry.evidence),
                risks: strings(&entry.risks),
                applies_to: strings(&entry.applies_to),
                current_evidence: entry
                    .evidence
                    .iter()
                    .any(|id| evidence_is_current(model, config, id, today)),
                soa: Some((record.file().to_string(), line)),
                id,
                title,
                area,
                beyond_annex_a,
            }
        })
        .collect()
}

/// Controls counted by decision and by how far they are shown to work. `implemented` is what
/// the SoA claims; `operating_with_evidence` is the subset backed by current evidence.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ControlCounts {
    pub total: usize,
    /// Of `total`, the controls beyond Annex A (`Control` records).
    pub beyond_annex_a: usize,
    pub undecided: usize,
    pub applicable: usize,
    pub excluded: usize,
    pub planned: usize,
    pub partial: usize,
    pub implemented: usize,
    pub operating_with_evidence: usize,
}

impl ControlCounts {
    pub fn of<'a>(states: impl IntoIterator<Item = &'a ControlState>) -> ControlCounts {
        let mut counts = ControlCounts::default();
        for state in states {
            counts.total += 1;
            counts.beyond_annex_a += usize::from(state.beyond_annex_a);
            match state.decision {
                Decision::Missing | Decision::Undecided => counts.undecided += 1,
                Decision::Excluded => counts.excluded += 1,
                Decision::Applicable => {
                    counts.applicable += 1;
                    match state.status.as_deref() {
                        Some("implemented") => counts.implemented += 1,
                        Some("partial") => counts.partial += 1,
                        _ => counts.planned += 1,
                    }
                }
            }
            if state.operating() {
                counts.operating_with_evidence += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_relative_to_the_acceptance_threshold() {
        assert_eq!(Band::of(6, 6), Band::Low);
        assert_eq!(Band::of(7, 6), Band::Medium);
        assert_eq!(Band::of(12, 6), Band::Medium);
        assert_eq!(Band::of(13, 6), Band::High);
    }

    #[test]
    fn placeholders_are_not_reasons() {
        for text in [
            "",
            "  ",
            "N/A",
            "n/a.",
            "TBD",
            "todo",
            "Not applicable.",
            "Out of scope",
        ] {
            assert!(is_placeholder(text), "{text:?}");
        }
        assert!(!is_placeholder(
            "We supply no AI systems to customers; all use is internal."
        ));
    }

    fn state(decision: Decision, status: Option<&str>, current_evidence: bool) -> ControlState {
        ControlState {
            id: "A.2.2".to_string(),
            title: "AI policy".to_string(),
            area: "A.2".to_string(),
            beyond_annex_a: false,
            decision,
            justification: String::new(),
            status: status.map(str::to_string),
            evidence: Vec::new(),
            risks: Vec::new(),
            applies_to: Vec::new(),
            current_evidence,
            soa: None,
        }
    }

    #[test]
    fn only_a_decided_implemented_control_with_current_evidence_operates() {
        assert!(state(Decision::Applicable, Some("implemented"), true).operating());
        assert!(!state(Decision::Undecided, Some("implemented"), true).operating());
        assert!(!state(Decision::Applicable, Some("partial"), true).operating());
        assert!(!state(Decision::Applicable, Some("implemented"), false).operating());
        let counts = ControlCounts::of(&[
            state(Decision::Undecided, Some("implemented"), true),
            state(Decision::Applicable, Some("implemented"), true),
            state(Decision::Excluded, None, false),
            state(Decision::Missing, None, false),
        ]);
        assert_eq!(counts.total, 4);
        assert_eq!(counts.undecided, 2);
        assert_eq!(counts.implemented, 1);
        assert_eq!(counts.operating_with_evidence, 1);
    }
}
