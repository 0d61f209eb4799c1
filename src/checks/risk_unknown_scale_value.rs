use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity, closest};
use crate::model::Record;
use crate::model::records::{ImpactAssessment, Risk};
use crate::syntax::tree::Step;

pub struct RiskUnknownScaleValue;

static RULE: Rule = Rule {
    id: "risk-unknown-scale-value",
    default_severity: Severity::Error,
    reference: "6.1.1, 6.1.2",
    summary: "a risk's (or an assessed impact's) likelihood or impact is not a level of the scales in aims.toml",
    explanation: r#"## What it does
Checks `likelihood`, `impact` and the `residual` levels of every risk, and the `likelihood` of
each impact in an impact assessment, against the `[risk] likelihood` and `[risk] impact`
scales of `aims.toml`.

## Why this matters
The risk score is likelihood rank x impact rank on the organization's own criteria (6.1.1).
A level the criteria do not define has no rank, so the risk cannot be scored, compared with
the acceptance threshold, or placed on the heat map; the other risk rules skip it.

## Example
```toml
[risk]
likelihood = ["rare", "unlikely", "possible", "likely", "almost-certain"]
```
```yaml
likelihood: very-likely     # not on the scale
```

## How to fix
Use a level from the scale (the help lists them), or add the level to the scale in `aims.toml`
if the criteria really changed (and record that change, since 6.1.1 criteria are documented
information)."#,
};

impl Check for RiskUnknownScaleValue {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        let criteria = &input.config.risk;
        // (record, subject, field path, axis, level) of every level a record states.
        let mut levels: Vec<(&Record, String, Vec<Step>, &str, &str)> = Vec::new();
        for (record, risk) in input.model.typed::<Risk>() {
            let subject = format!("risk `{}`", record.id);
            levels.push((
                record,
                subject.clone(),
                key_path(&["likelihood"]),
                "likelihood",
                &risk.likelihood,
            ));
            levels.push((
                record,
                subject.clone(),
                key_path(&["impact"]),
                "impact",
                &risk.impact,
            ));
            if let Some(residual) = &risk.residual {
                if let Some(level) = &residual.likelihood {
                    levels.push((
                        record,
                        subject.clone(),
                        key_path(&["residual", "likelihood"]),
                        "likelihood",
                        level,
                    ));
                }
                if let Some(level) = &residual.impact {
                    levels.push((
                        record,
                        subject.clone(),
                        key_path(&["residual", "impact"]),
                        "impact",
                        level,
                    ));
                }
            }
        }
        for (record, assessment) in input.model.typed::<ImpactAssessment>() {
            for (index, impact) in assessment.impacts.iter().enumerate() {
                if let Some(level) = &impact.likelihood {
                    let path = vec![
                        Step::Key("impacts".to_string()),
                        Step::Index(index),
                        Step::Key("likelihood".to_string()),
                    ];
                    levels.push((
                        record,
                        format!("impact assessment `{}`", record.id),
                        path,
                        "likelihood",
                        level,
                    ));
                }
            }
        }
        for (record, subject, path, axis, level) in levels {
            let scale = if axis == "likelihood" {
                &criteria.likelihood
            } else {
                &criteria.impact
            };
            if scale.iter().any(|s| s == level) {
                continue;
            }
            let listed = scale.join(", ");
            let help = match closest(level, scale.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`? the {axis} scale is: {listed}"),
                None => format!("the {axis} scale in aims.toml is: {listed}"),
            };
            let field = path
                .iter()
                .map(|step| match step {
                    Step::Key(key) => key.clone(),
                    Step::Index(i) => format!("[{}]", i + 1),
                })
                .collect::<Vec<_>>()
                .join(".")
                .replace(".[", "[");
            let mut finding = record
                .finding(
                    RULE.id,
                    record.span_at(&path),
                    format!(
                        "{subject} has {field} `{level}`, which is not on the {axis} scale of aims.toml"
                    ),
                )
                .with_help(help);
            if let Some((_, scale_node)) = input.config.node.lookup(&key_path(&["risk", axis])) {
                finding = finding.with_related(
                    &input.config.source.path,
                    scale_node.span,
                    "the scale is defined here",
                );
            }
            out.push(finding);
        }
    }
}
