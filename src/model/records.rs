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
    pub version: Option<String>,
    pub intended_use: Option<String>,
    pub foreseeable_misuse: Option<String>,
    #[serde(default)]
    pub intended_users: Vec<String>,
    #[serde(default)]
    pub affected_persons: Vec<String>,
    pub deployment: Option<String>,
    pub operational_since: Option<Date>,
    #[serde(default)]
    pub classifications: Vec<Classification>,
    pub impact_assessment: Option<ImpactAssessmentNeed>,
    pub body: Option<String>,
}

/// One scheme's class for an AI system (EU AI Act `high`, a register's `high-impact`, ...).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    pub scheme: String,
    pub value: String,
    pub date: Option<Date>,
    pub justification: Option<String>,
}

/// Whether a system needs a full impact assessment, and why (the screening's outcome).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessmentNeed {
    pub required: bool,
    pub justification: Option<String>,
}

impl AiSystem {
    /// The classification that makes the system high risk, if any: EU AI Act `high` or
    /// `prohibited` in `risk_class`, or a scheme's class that says high risk or high impact
    /// (including the US federal `rights-impacting` and `safety-impacting`).
    pub fn high_risk_class(&self) -> Option<String> {
        if let Some(class @ ("high" | "prohibited")) = self.risk_class.as_deref() {
            return Some(format!("`risk_class: {class}` (EU AI Act)"));
        }
        self.classifications
            .iter()
            .find(|c| is_high_class(&c.value))
            .map(|c| format!("`{}` under {}", c.value, c.scheme))
    }
}

fn is_high_class(value: &str) -> bool {
    let value = value.trim().to_lowercase().replace(['_', ' '], "-");
    matches!(
        value.as_str(),
        "high" | "prohibited" | "unacceptable" | "rights-impacting" | "safety-impacting"
    ) || value.starts_with("high-")
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
    /// `risk` or `opportunity` (6.1.1).
    #[serde(rename = "type", default = "default_risk_type")]
    pub risk_type: String,
    pub assessed: Option<Date>,
    pub next_review: Option<Date>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub impact_assessments: Vec<String>,
    pub body: Option<String>,
}

fn default_risk_type() -> String {
    "risk".to_string()
}

impl Risk {
    pub fn is_opportunity(&self) -> bool {
        self.risk_type == "opportunity"
    }
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
    pub verified: Option<Verification>,
}

/// The check that a treatment worked.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub date: Date,
    /// `effective` or `not-effective`.
    pub result: String,
    pub by: Option<String>,
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
    pub ai_system_version: Option<String>,
    pub intended_use: Option<String>,
    pub foreseeable_misuse: Option<String>,
    #[serde(default)]
    pub affected_parties: Vec<String>,
    #[serde(default)]
    pub risks: Vec<String>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
    #[serde(default)]
    pub shared_with: Vec<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub area: String,
    pub description: String,
    pub severity: String,
    pub mitigation: Option<String>,
    /// `harm` or `benefit`.
    #[serde(rename = "type", default = "default_impact_type")]
    pub impact_type: String,
    pub likelihood: Option<String>,
}

fn default_impact_type() -> String {
    "harm".to_string()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatementOfApplicability {
    pub id: String,
    /// Keyed by Annex A control id; BTreeMap keeps output order stable.
    pub controls: std::collections::BTreeMap<String, SoaEntry>,
    pub version: Option<String>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
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
    /// The AI systems the decision applies to, when not all.
    #[serde(default)]
    pub applies_to: Vec<String>,
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
    pub decisions: Vec<Decision>,
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

/// A management review decision: text, or text with its owner and due date. Readers (the pack)
/// get it as one line of text.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Decision {
    Text(String),
    Action {
        decision: String,
        owner: Option<String>,
        due: Option<Date>,
    },
}

impl Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Decision::Text(text) => f.write_str(text),
            Decision::Action {
                decision,
                owner,
                due,
            } => {
                f.write_str(decision)?;
                match (owner, due) {
                    (Some(owner), Some(due)) => write!(f, " ({owner}, due {due})"),
                    (Some(owner), None) => write!(f, " ({owner})"),
                    (None, Some(due)) => write!(f, " (due {due})"),
                    (None, None) => Ok(()),
                }
            }
        }
    }
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

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub id: String,
    pub metric: String,
    pub value: serde_json::Value,
    pub date: Option<Date>,
    pub period: Option<Period>,
    pub objective: Option<String>,
    pub ai_system: Option<String>,
    pub target: Option<serde_json::Value>,
    pub unit: Option<String>,
    pub method: Option<String>,
    pub measured_by: Option<String>,
    /// `met` or `not-met`; see [`Measurement::outcome`].
    pub result: Option<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub nonconformity: Option<String>,
    pub incident: Option<String>,
    pub body: Option<String>,
    /// `met`, `not-met` or `unknown`, from [`Measurement::met`]: for readers of the pack.
    #[serde(skip_deserializing, default)]
    pub outcome: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Measurement {
    /// The day the value stands for: `date`, or the last day of `period`.
    pub fn day(&self) -> Option<Date> {
        self.date.or(self.period.as_ref().map(|p| p.to))
    }

    /// Whether the target was met: `result` when given, else worked out from a numeric
    /// `value` and a target such as `>= 0.95`; `None` when neither says.
    pub fn met(&self) -> Option<bool> {
        match self.result.as_deref() {
            Some("met") => return Some(true),
            Some(_) => return Some(false),
            None => {}
        }
        let value = number_in(&self.value)?;
        let (comparison, bound) = comparison_in(self.target.as_ref()?)?;
        Some(match comparison {
            ">=" => value >= bound,
            ">" => value > bound,
            "<=" => value <= bound,
            "<" => value < bound,
            _ => (value - bound).abs() < f64::EPSILON * bound.abs().max(1.0),
        })
    }
}

/// A number, or text that is one (`"0.93"`, `"93%"`).
fn number_in(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().trim_end_matches('%').trim().parse().ok(),
        _ => None,
    }
}

/// A target's comparison and bound: `>= 0.95`, `< 2%`, `≥ 90`; a bare number is a floor.
fn comparison_in(target: &serde_json::Value) -> Option<(&'static str, f64)> {
    if let serde_json::Value::Number(n) = target {
        return Some((">=", n.as_f64()?));
    }
    let text = target.as_str()?.trim();
    let operators = [
        (">=", ">="),
        ("≥", ">="),
        ("<=", "<="),
        ("≤", "<="),
        ("==", "="),
        (">", ">"),
        ("<", "<"),
        ("=", "="),
    ];
    let (comparison, rest) = operators
        .iter()
        .find_map(|(written, meaning)| Some((*meaning, text.strip_prefix(written)?)))
        .unwrap_or((">=", text));
    let bound = number_in(&serde_json::Value::String(rest.to_string()))?;
    Some((comparison, bound))
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: String,
    pub reported: Date,
    pub description: String,
    /// `open` or `closed`.
    pub status: String,
    pub ai_system: Option<String>,
    /// `minor`, `moderate`, `major` or `serious` (EU AI Act Art. 73).
    pub severity: Option<String>,
    pub reported_by: Option<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    pub due: Option<Date>,
    pub nonconformity: Option<String>,
    pub external_report: Option<ExternalReport>,
    pub closed: Option<Date>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalReport {
    pub to: String,
    pub date: Option<Date>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub id: String,
    pub title: String,
    pub date: Date,
    pub description: String,
    pub ai_system: Option<String>,
    /// `planned` or `unintended`.
    #[serde(rename = "type", default = "default_change_type")]
    pub change_type: String,
    pub impact: Option<String>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
    pub status: Option<String>,
    pub body: Option<String>,
}

fn default_change_type() -> String {
    "planned".to_string()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub id: String,
    pub title: String,
    pub source: String,
    pub jurisdiction: Option<String>,
    #[serde(default)]
    pub applies_to: Vec<String>,
    pub owner: Option<String>,
    #[serde(default)]
    pub met_by: Vec<String>,
    pub status: Option<String>,
    pub body: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measurement(value: serde_json::Value, target: Option<serde_json::Value>) -> Measurement {
        serde_json::from_value(serde_json::json!({
            "id": "M-1", "metric": "accuracy", "value": value, "date": "2026-01-31",
            "target": target,
        }))
        .unwrap()
    }

    #[test]
    fn a_measurement_is_judged_against_its_target() {
        use serde_json::json;
        assert_eq!(
            measurement(json!(0.93), Some(json!(">= 0.95"))).met(),
            Some(false)
        );
        assert_eq!(
            measurement(json!(0.96), Some(json!("≥ 0.95"))).met(),
            Some(true)
        );
        assert_eq!(
            measurement(json!("1.5%"), Some(json!("< 2%"))).met(),
            Some(true)
        );
        assert_eq!(measurement(json!(3), Some(json!(2))).met(), Some(true));
        assert_eq!(
            measurement(json!("good"), Some(json!(">= 0.95"))).met(),
            None
        );
        assert_eq!(
            measurement(json!(0.5), Some(json!("as good as last year"))).met(),
            None
        );
        assert_eq!(measurement(json!(0.5), None).met(), None);
    }

    #[test]
    fn high_risk_classes_are_recognized_across_schemes() {
        for (value, high) in [
            ("high", true),
            ("High Impact", true),
            ("high-impact", true),
            ("rights-impacting", true),
            ("limited", false),
            ("highway", false),
        ] {
            assert_eq!(is_high_class(value), high, "{value}");
        }
    }
}
