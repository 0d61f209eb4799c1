//! Typed records, one struct per kind, deserialized after schema validation succeeded.
//!
//! Field names and kinds follow DESIGN §1. `deny_unknown_fields` is a second net behind the
//! JSON Schemas: a typo must never pass silently.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Record text: up to 24 bytes (ids, dates, enum values, most names) inline, without an
/// allocation each; a model of 100,000 records holds millions of them.
pub type Text = compact_str::CompactString;

/// A string or a list of strings, for fields where both read naturally.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(Text),
    Many(Vec<Text>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<Text> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    pub id: Text,
    pub scope: Text,
    pub internal_issues: Vec<Text>,
    pub external_issues: Vec<Text>,
    pub interested_parties: Vec<InterestedParty>,
    #[serde(default)]
    pub ai_roles: Vec<Text>,
    #[serde(default)]
    pub in_scope_systems: Vec<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterestedParty {
    pub name: Text,
    pub needs: Option<OneOrMany>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: Text,
    pub title: Text,
    pub owner: Text,
    pub approved_by: Text,
    pub approved: Date,
    pub review_by: Date,
    #[serde(rename = "type", default = "default_policy_type")]
    pub policy_type: Text,
    #[serde(default)]
    pub controls: Vec<Text>,
    pub body: Option<Text>,
}

fn default_policy_type() -> Text {
    "topic".into()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: Text,
    pub title: Text,
    pub responsibilities: Vec<Text>,
    pub holder: Option<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AiSystem {
    pub id: Text,
    pub name: Text,
    pub owner: Text,
    pub purpose: Text,
    pub lifecycle_stage: Text,
    pub ai_role: Text,
    #[serde(default)]
    pub datasets: Vec<Text>,
    #[serde(default)]
    pub suppliers: Vec<Text>,
    pub human_oversight: Option<Text>,
    pub risk_class: Option<Text>,
    pub version: Option<Text>,
    pub intended_use: Option<Text>,
    pub foreseeable_misuse: Option<Text>,
    #[serde(default)]
    pub intended_users: Vec<Text>,
    #[serde(default)]
    pub affected_persons: Vec<Text>,
    pub deployment: Option<Text>,
    pub operational_since: Option<Date>,
    #[serde(default)]
    pub classifications: Vec<Classification>,
    pub impact_assessment: Option<ImpactAssessmentNeed>,
    pub body: Option<Text>,
}

/// One scheme's class for an AI system (EU AI Act `high`, a register's `high-impact`, ...).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    pub scheme: Text,
    pub value: Text,
    pub date: Option<Date>,
    pub justification: Option<Text>,
}

/// Whether a system needs a full impact assessment, and why (the screening's outcome).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessmentNeed {
    pub required: bool,
    pub justification: Option<Text>,
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
    pub id: Text,
    pub name: Text,
    pub provenance: Text,
    pub owner: Text,
    #[serde(default)]
    pub quality_checks: Vec<Text>,
    pub personal_data: Option<bool>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub id: Text,
    pub name: Text,
    pub provides: Text,
    #[serde(default)]
    pub ai_systems: Vec<Text>,
    pub assessed: Option<Date>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: Text,
    pub title: Text,
    pub ai_systems: Vec<Text>,
    pub owner: Text,
    pub likelihood: Text,
    pub impact: Text,
    pub source: Option<OneOrMany>,
    pub treatment: Treatment,
    pub residual: Option<Residual>,
    pub accepted_by: Option<Text>,
    /// When designated management accepted the residual risk.
    pub accepted: Option<Date>,
    pub status: Option<Text>,
    /// `risk` or `opportunity` (6.1.1).
    #[serde(rename = "type", default = "default_risk_type")]
    pub risk_type: Text,
    pub assessed: Option<Date>,
    pub next_review: Option<Date>,
    #[serde(default)]
    pub objectives: Vec<Text>,
    #[serde(default)]
    pub impact_assessments: Vec<Text>,
    pub body: Option<Text>,
}

fn default_risk_type() -> Text {
    "risk".into()
}

impl Risk {
    pub fn is_opportunity(&self) -> bool {
        self.risk_type == "opportunity"
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    pub option: Text,
    #[serde(default)]
    pub controls: Vec<Text>,
    pub plan: Option<Text>,
    pub due: Option<Date>,
    pub approved_by: Option<Text>,
    pub approved: Option<Date>,
    pub verified: Option<Verification>,
}

/// The check that a treatment worked.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub date: Date,
    /// `effective` or `not-effective`.
    pub result: Text,
    pub by: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Residual {
    pub likelihood: Option<Text>,
    pub impact: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessment {
    pub id: Text,
    pub ai_system: Text,
    pub date: Date,
    pub assessor: Text,
    pub impacts: Vec<Impact>,
    pub next_review: Option<Date>,
    pub ai_system_version: Option<Text>,
    pub intended_use: Option<Text>,
    pub foreseeable_misuse: Option<Text>,
    #[serde(default)]
    pub affected_parties: Vec<Text>,
    #[serde(default)]
    pub risks: Vec<Text>,
    pub approved_by: Option<Text>,
    pub approved: Option<Date>,
    #[serde(default)]
    pub shared_with: Vec<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub area: Text,
    pub description: Text,
    pub severity: Text,
    pub mitigation: Option<Text>,
    /// `harm` or `benefit`.
    #[serde(rename = "type", default = "default_impact_type")]
    pub impact_type: Text,
    pub likelihood: Option<Text>,
}

fn default_impact_type() -> Text {
    "harm".into()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatementOfApplicability {
    pub id: Text,
    /// Keyed by Annex A control id; BTreeMap keeps output order stable.
    pub controls: std::collections::BTreeMap<Text, SoaEntry>,
    pub version: Option<Text>,
    pub approved_by: Option<Text>,
    pub approved: Option<Date>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SoaEntry {
    pub applicable: bool,
    pub justification: Text,
    pub status: Option<Text>,
    #[serde(default)]
    pub evidence: Vec<Text>,
    pub owner: Option<Text>,
    #[serde(default)]
    pub risks: Vec<Text>,
    /// The AI systems the decision applies to, when not all.
    #[serde(default)]
    pub applies_to: Vec<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Text,
    pub title: Text,
    pub metric: Text,
    pub target: serde_json::Value,
    pub owner: Text,
    pub due: Date,
    pub status: Option<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub id: Text,
    pub title: Text,
    pub path: Option<Text>,
    pub url: Option<Text>,
    pub collected: Date,
    #[serde(default)]
    pub supports: Vec<Text>,
    pub owner: Option<Text>,
    pub max_age_days: Option<u32>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    pub id: Text,
    pub role: Text,
    pub requirements: Vec<Text>,
    #[serde(default)]
    pub evidence: Vec<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    pub id: Text,
    #[serde(rename = "type", default = "default_audit_type")]
    pub audit_type: Text,
    pub date: Date,
    pub auditor: Text,
    pub scope: Vec<Text>,
    #[serde(default)]
    pub findings: Vec<AuditFinding>,
    #[serde(default)]
    pub criteria: Vec<Text>,
    #[serde(default)]
    pub objectives: Vec<Text>,
    pub independence: Option<Text>,
    pub body: Option<Text>,
}

fn default_audit_type() -> Text {
    "internal".into()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuditFinding {
    pub id: Text,
    #[serde(rename = "type")]
    pub finding_type: Text,
    pub description: Text,
    #[serde(rename = "ref")]
    pub reference: Option<Text>,
    pub nonconformity: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManagementReview {
    pub id: Text,
    pub date: Date,
    pub attendees: Vec<Text>,
    pub inputs: Vec<Text>,
    pub decisions: Vec<Decision>,
    /// Which 9.3.2 inputs the review considered.
    #[serde(default)]
    pub covers: Vec<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Nonconformity {
    pub id: Text,
    pub raised: Date,
    pub description: Text,
    pub owner: Text,
    pub status: Text,
    pub root_cause: Option<Text>,
    pub corrective_action: Option<Text>,
    pub due: Option<Date>,
    pub closed: Option<Date>,
    pub correction: Option<Text>,
    pub effectiveness: Option<Effectiveness>,
    pub body: Option<Text>,
}

/// A management review decision: text, or text with its owner and due date. Readers (the pack)
/// get it as one line of text.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Decision {
    Text(Text),
    Action {
        decision: Text,
        owner: Option<Text>,
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
    pub by: Text,
    /// `effective` or `not-effective`.
    pub result: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: Text,
    pub title: Text,
    /// `organization`, or the standard the control comes from.
    pub source: Option<Text>,
    pub description: Option<Text>,
    pub owner: Option<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    pub id: Text,
    pub title: Text,
    pub owner: Text,
    pub implements: Vec<Text>,
    pub approved_by: Option<Text>,
    pub approved: Option<Date>,
    pub review_by: Option<Date>,
    #[serde(default)]
    pub inputs: Vec<Text>,
    #[serde(default)]
    pub outputs: Vec<Text>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub id: Text,
    pub metric: Text,
    pub value: serde_json::Value,
    pub date: Option<Date>,
    pub period: Option<Period>,
    pub objective: Option<Text>,
    pub ai_system: Option<Text>,
    pub target: Option<serde_json::Value>,
    pub unit: Option<Text>,
    pub method: Option<Text>,
    pub measured_by: Option<Text>,
    /// `met` or `not-met`; see [`Measurement::outcome`].
    pub result: Option<Text>,
    #[serde(default)]
    pub evidence: Vec<Text>,
    pub nonconformity: Option<Text>,
    pub incident: Option<Text>,
    pub body: Option<Text>,
    /// `met`, `not-met` or `unknown`, from [`Measurement::met`]: for readers of the pack.
    #[serde(skip_deserializing, default)]
    pub outcome: Text,
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
    pub id: Text,
    pub reported: Date,
    pub description: Text,
    /// `open` or `closed`.
    pub status: Text,
    pub ai_system: Option<Text>,
    /// `minor`, `moderate`, `major` or `serious` (EU AI Act Art. 73).
    pub severity: Option<Text>,
    pub reported_by: Option<Text>,
    #[serde(default)]
    pub actions: Vec<Text>,
    pub due: Option<Date>,
    pub nonconformity: Option<Text>,
    pub external_report: Option<ExternalReport>,
    pub closed: Option<Date>,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalReport {
    pub to: Text,
    pub date: Option<Date>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub id: Text,
    pub title: Text,
    pub date: Date,
    pub description: Text,
    pub ai_system: Option<Text>,
    /// `planned` or `unintended`.
    #[serde(rename = "type", default = "default_change_type")]
    pub change_type: Text,
    pub impact: Option<Text>,
    pub approved_by: Option<Text>,
    pub approved: Option<Date>,
    pub status: Option<Text>,
    pub body: Option<Text>,
}

fn default_change_type() -> Text {
    "planned".into()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub id: Text,
    pub title: Text,
    pub source: Text,
    pub jurisdiction: Option<Text>,
    #[serde(default)]
    pub applies_to: Vec<Text>,
    pub owner: Option<Text>,
    #[serde(default)]
    pub met_by: Vec<Text>,
    pub status: Option<Text>,
    pub body: Option<Text>,
}

/// Record texts as owned strings, for views that outlive the model's borrow.
pub fn strings(texts: &[Text]) -> Vec<String> {
    texts.iter().map(ToString::to_string).collect()
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
