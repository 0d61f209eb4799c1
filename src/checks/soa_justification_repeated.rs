use super::{Check, CheckInput, Rule, is_placeholder};
use crate::diagnostic::{Finding, Severity};
use crate::model::Kind;
use std::collections::BTreeMap;

pub struct SoaJustificationRepeated;

/// The same words on this many controls read as a template, not a decision.
pub const REPEATS: usize = 3;

static RULE: Rule = Rule {
    id: "soa-justification-repeated",
    default_severity: Severity::Warning,
    reference: "6.1.3 f",
    summary: "the same justification is given for many controls of a Statement of Applicability",
    explanation: r#"## What it does
Reports a Statement of Applicability that gives the same justification (ignoring case, spaces
and punctuation) to three or more controls, once per repeated text, at its first use, naming
the controls that share it.

## Why this matters
A justification says why *this* control is (or is not) needed. The same sentence pasted on
thirty controls tells an auditor the SoA was filled in, not decided, and invites sampling each
of them.

## Example
```yaml
A.2.3: {applicable: true, justification: Needed to use AI responsibly.}
A.2.4: {applicable: true, justification: Needed to use AI responsibly.}
A.3.2: {applicable: true, justification: Needed to use AI responsibly.}
```

## How to fix
Write each control's own reason: the system, risk or obligation that makes it necessary, or
why it does not apply."#,
};

fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Check for SoaJustificationRepeated {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for soa in input.model.of_kind(Kind::StatementOfApplicability) {
            // Text -> the entries that give it, in file order.
            let mut groups: BTreeMap<String, Vec<(&str, crate::diagnostic::Span)>> =
                BTreeMap::new();
            let entries = soa
                .node
                .get("controls")
                .map(|c| c.entries())
                .unwrap_or_default();
            for (control, entry) in entries {
                let Some(text) = entry
                    .get("justification")
                    .and_then(|j| j.as_str().map(|t| (t, j.span)))
                else {
                    continue;
                };
                if is_placeholder(text.0) {
                    continue; // the placeholder rules say so
                }
                let key = normalized(text.0);
                groups
                    .entry(key)
                    .or_default()
                    .push((control.name.as_str(), text.1));
            }
            let mut repeated: Vec<_> = groups
                .into_values()
                .filter(|g| g.len() >= REPEATS)
                .collect();
            repeated.sort_by_key(|g| g[0].1.start);
            for group in repeated {
                let names: Vec<&str> = group.iter().map(|(name, _)| *name).collect();
                let shown = match names.len() {
                    n if n > 6 => format!("{} and {} more", names[..5].join(", "), n - 5),
                    _ => names.join(", "),
                };
                let mut finding = soa
                    .finding(
                        RULE.id,
                        group[0].1,
                        format!(
                            "the same justification is given for {} controls: {shown}",
                            names.len()
                        ),
                    )
                    .with_label("first of the repeated justifications")
                    .with_help("give each control its own reason: the system, risk or obligation that makes it necessary");
                for (name, span) in group.iter().skip(1).take(3) {
                    finding =
                        finding.with_related(soa.file(), *span, format!("repeated for {name}"));
                }
                out.push(finding);
            }
        }
    }
}
