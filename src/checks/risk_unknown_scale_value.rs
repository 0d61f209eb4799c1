use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity, closest};
use crate::model::records::Risk;

pub struct RiskUnknownScaleValue;

static RULE: Rule = Rule {
    id: "risk-unknown-scale-value",
    default_severity: Severity::Error,
    reference: "6.1.1, 6.1.2",
    summary: "a risk's likelihood or impact is not a level of the scales in aims.toml",
    explanation: r#"## What it does
Checks `likelihood`, `impact` and the `residual` levels of every risk against the
`[risk] likelihood` and `[risk] impact` scales of `aims.toml`.

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
        for (record, risk) in input.model.typed::<Risk>() {
            let residual = risk.residual.as_ref();
            let levels = [
                ("likelihood", &["likelihood"][..], Some(&risk.likelihood)),
                ("impact", &["impact"][..], Some(&risk.impact)),
                (
                    "likelihood",
                    &["residual", "likelihood"][..],
                    residual.and_then(|r| r.likelihood.as_ref()),
                ),
                (
                    "impact",
                    &["residual", "impact"][..],
                    residual.and_then(|r| r.impact.as_ref()),
                ),
            ];
            for (axis, path, level) in levels {
                let Some(level) = level else { continue };
                let scale = if axis == "likelihood" {
                    &criteria.likelihood
                } else {
                    &criteria.impact
                };
                if scale.contains(level) {
                    continue;
                }
                let listed = scale.join(", ");
                let help = match closest(level, scale.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`? the {axis} scale is: {listed}"),
                    None => format!("the {axis} scale in aims.toml is: {listed}"),
                };
                let mut finding = record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(path)),
                        format!(
                            "risk `{}` has {} `{level}`, which is not on the {axis} scale of aims.toml",
                            record.id,
                            path.join(".")
                        ),
                    )
                    .with_help(help);
                if let Some((_, scale_node)) = input.config.node.lookup(&key_path(&["risk", axis]))
                {
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
}
