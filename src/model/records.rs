//! Typed records, one struct per kind, deserialized after schema validation succeeded.
//!
//! Field names and kinds follow DESIGN §1. `deny_unknown_fields` is a second net behind the
//! JSON Schemas: a typo must never pass silently.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A string or a list of strings, for fields where both read naturally.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    pub id: String,
    pub scope: String,
    pub internal_issues: Vec<String>,
    pub external_issues: Vec<String>,
    pub interested_parties: Vec<InterestedParty>,
    #[serde(default)]
    pub ai_roles: Vec<String>,
    #[serde(default)]
    pub in_scope_systems: Vec<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterestedParty {
    pub name: String,
    pub needs: Option<OneOrMany>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub approved_by: String,
    pub approved: Date,
    pub review_by: Date,
    #[serde(rename = "type", default = "default_policy_type")]
    pub policy_type: String,
    #[serde(default)]
    pub controls: Vec<String>,
    pub body: Option<String>,
}

fn default_policy_type() -> String {
    "topic".to_string()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub title: String,
    pub responsibilities: Vec<String>,
    pub holder: Option<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AiSystem {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub purpose: String,
    pub lifecycle_stage: String,
    pub ai_role: String,
    #[serde(default)]
    pub datasets: Vec<String>,
    #[serde(default)]
    pub suppliers: Vec<String>,
    pub human_oversight: Option<String>,
    pub risk_class: Option<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub id: String,
    pub name: String,
    pub provenance: String,
    pub owner: String,
    #[serde(default)]
    pub quality_checks: Vec<String>,
    pub personal_data: Option<bool>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub id: String,
    pub name: String,
    pub provides: String,
    #[serde(default)]
    pub ai_systems: Vec<String>,
    pub assessed: Option<Date>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub ai_systems: Vec<String>,
    pub owner: String,
    pub likelihood: String,
    pub impact: String,
    pub source: Option<OneOrMany>,
    pub treatment: Treatment,
    pub residual: Option<Residual>,
    pub accepted_by: Option<String>,
    /// When designated management accepted the residual risk.
    pub accepted: Option<Date>,
    pub status: Option<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    pub option: String,
    #[serde(default)]
    pub controls: Vec<String>,
    pub plan: Option<String>,
    pub due: Option<Date>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Residual {
    pub likelihood: Option<String>,
    pub impact: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessment {
    pub id: String,
    pub ai_system: String,
    pub date: Date,
    pub assessor: String,
    pub impacts: Vec<Impact>,
    pub next_review: Option<Date>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub area: String,
    pub description: String,
    pub severity: String,
    pub mitigation: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatementOfApplicability {
    pub id: String,
    /// Keyed by Annex A control id; BTreeMap keeps output order stable.
    pub controls: std::collections::BTreeMap<String, SoaEntry>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SoaEntry {
    pub applicable: bool,
    pub justification: String,
    pub status: Option<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub owner: Option<String>,
    #[serde(default)]
    pub risks: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub title: String,
    pub metric: String,
    pub target: serde_json::Value,
    pub owner: String,
    pub due: Date,
    pub status: Option<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub id: String,
    pub title: String,
    pub path: Option<String>,
    pub url: Option<String>,
    pub collected: Date,
    #[serde(default)]
    pub supports: Vec<String>,
    pub owner: Option<String>,
    pub max_age_days: Option<u32>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    pub id: String,
    pub role: String,
    pub requirements: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    pub id: String,
    #[serde(rename = "type", default = "default_audit_type")]
    pub audit_type: String,
    pub date: Date,
    pub auditor: String,
    pub scope: Vec<String>,
    #[serde(default)]
    pub findings: Vec<AuditFinding>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    pub independence: Option<String>,
    pub body: Option<String>,
}

fn default_audit_type() -> String {
    "internal".to_string()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuditFinding {
    pub id: String,
    #[serde(rename = "type")]
    pub finding_type: String,
    pub description: String,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub nonconformity: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManagementReview {
    pub id: String,
    pub date: Date,
    pub attendees: Vec<String>,
    pub inputs: Vec<String>,
    pub decisions: Vec<String>,
    /// Which 9.3.2 inputs the review considered.
    #[serde(default)]
    pub covers: Vec<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Nonconformity {
    pub id: String,
    pub raised: Date,
    pub description: String,
    pub owner: String,
    pub status: String,
    pub root_cause: Option<String>,
    pub corrective_action: Option<String>,
    pub due: Option<Date>,
    pub closed: Option<Date>,
    pub correction: Option<String>,
    pub effectiveness: Option<Effectiveness>,
    pub body: Option<String>,
}

/// The review of whether a corrective action worked (10.2 d).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Effectiveness {
    pub date: Date,
    pub by: String,
    /// `effective` or `not-effective`.
    pub result: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub title: String,
    /// `organization`, or the standard the control comes from.
    pub source: Option<String>,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub implements: Vec<String>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
    pub review_by: Option<Date>,
    #[serde(default)]
    pub inputs: Vec<String>,
    #[serde(default)]
    pub outputs: Vec<String>,
    pub body: Option<String>,
}
