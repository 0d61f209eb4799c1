//! Waivers (`[[waiver]]` in `aims.toml`, DESIGN §2): a finding accepted for a time, with a
//! reason. A waived finding is still reported, marked waived, and does not count; an expired
//! waiver stops applying and is reported itself, as is a waiver that matches nothing.

use super::Rule;
use crate::diagnostic::{Finding, Severity, Span, Waived};
use crate::model::settings::{Config, Waiver};
use crate::syntax::tree::Step;
use globset::{Glob, GlobMatcher};
use jiff::civil::Date;

pub static WAIVER_EXPIRED: Rule = Rule {
    id: "waiver-expired",
    default_severity: Severity::Warning,
    reference: "10.2",
    summary: "a waiver in aims.toml has passed its `expires` date",
    explanation: r#"## What it does
Reports every `[[waiver]]` whose `expires` date is before today (or `--as-of`). The findings it
used to waive count again from that day.

## Why this matters
A waiver is a decision to live with a gap for a limited time, usually while a corrective
action runs. When the time is up, the decision has to be taken again, not left to stand.

## Example
```toml
[[waiver]]
rule = "evidence-stale"
record = "EV-PENTEST-2025"
reason = "New penetration test booked for October"
expires = 2026-10-31
```

## How to fix
Fix what the waiver covered and delete the waiver; or, if the gap is still accepted, renew it
with a new `expires` date and an updated `reason`."#,
};

pub static WAIVER_UNUSED: Rule = Rule {
    id: "waiver-unused",
    default_severity: Severity::Warning,
    reference: "10.2",
    summary: "a waiver in aims.toml matches no finding",
    explanation: r#"## What it does
Reports every `[[waiver]]` that is still in force but matched no finding in this run.

## Why this matters
A waiver that waives nothing usually means the gap was fixed (good: delete the waiver) or the
waiver names the wrong record or file (bad: the finding it meant is still counted, or will be
silently waived when someone adds a record with that id later).

## Example
```toml
[[waiver]]
rule = "risk-untreated"
record = "R-04"          # the risk is R-004
```

## How to fix
Delete the waiver if the finding is gone; otherwise correct its `rule`, `record` or `file`."#,
};

struct Matcher<'a> {
    waiver: &'a Waiver,
    file: Option<GlobMatcher>,
    /// Where the waiver sits in aims.toml.
    span: Span,
    expires_span: Span,
    used: bool,
}

impl Matcher<'_> {
    fn matches(&self, finding: &Finding) -> bool {
        if finding.rule != self.waiver.rule {
            return false;
        }
        let record_ok = self
            .waiver
            .record
            .as_ref()
            .is_none_or(|id| finding.record.as_ref().is_some_and(|r| r.id == id));
        let file_ok = self.waiver.file.as_ref().is_none_or(|file| {
            finding.file == *file
                || self
                    .file
                    .as_ref()
                    .is_some_and(|g| g.is_match(&finding.file))
        });
        record_ok && file_ok
    }
}

/// Marks waived findings and returns the findings about the waivers themselves.
/// `enabled` says at what severity each waiver rule runs (`None`: off).
pub fn apply(
    findings: &mut [Finding],
    config: &Config,
    today: Date,
    expired_severity: Option<Severity>,
    unused_severity: Option<Severity>,
) -> Vec<Finding> {
    let entries = config.node.get("waiver").map(|n| n.items()).unwrap_or(&[]);
    let mut matchers: Vec<Matcher<'_>> = config
        .waivers
        .iter()
        .enumerate()
        .map(|(i, waiver)| {
            let span = entries.get(i).map_or(Span::file_start(), |n| n.span);
            let expires_span = entries
                .get(i)
                .and_then(|n| n.lookup(&[Step::Key("expires".into())]))
                .map_or(span, |(_, n)| n.span);
            Matcher {
                waiver,
                file: waiver
                    .file
                    .as_ref()
                    .and_then(|f| Glob::new(f).ok())
                    .map(|g| g.compile_matcher()),
                span,
                expires_span,
                used: false,
            }
        })
        .collect();
    let mut about_waivers = Vec::new();
    for matcher in matchers.iter_mut() {
        if matcher.waiver.expires >= today {
            continue;
        }
        if let Some(severity) = expired_severity {
            let mut finding = Finding::new(
                WAIVER_EXPIRED.id,
                &config.source.path,
                matcher.expires_span,
                format!(
                    "the waiver of `{}` for {} expired on {}; its findings count again",
                    matcher.waiver.rule,
                    subject(matcher.waiver),
                    matcher.waiver.expires
                ),
            )
            .with_help("fix what the waiver covered and delete it, or renew it with a new `expires` and `reason`");
            finding.severity = severity;
            about_waivers.push(finding);
        }
        // An expired waiver is neither applied nor "unused".
        matcher.used = true;
    }
    for finding in findings.iter_mut() {
        let Some(matcher) = matchers
            .iter_mut()
            .find(|m| m.waiver.expires >= today && m.matches(finding))
        else {
            continue;
        };
        matcher.used = true;
        finding.waived = Some(Waived {
            reason: matcher.waiver.reason.clone(),
            expires: matcher.waiver.expires,
        });
    }
    if let Some(severity) = unused_severity {
        for matcher in matchers.iter().filter(|m| !m.used) {
            let mut finding = Finding::new(
                WAIVER_UNUSED.id,
                &config.source.path,
                matcher.span,
                format!(
                    "the waiver of `{}` for {} matches no finding",
                    matcher.waiver.rule,
                    subject(matcher.waiver)
                ),
            )
            .with_help("delete the waiver if the finding was fixed; otherwise correct its `rule`, `record` or `file`");
            finding.severity = severity;
            about_waivers.push(finding);
        }
    }
    about_waivers
}

fn subject(waiver: &Waiver) -> String {
    match (&waiver.record, &waiver.file) {
        (Some(record), Some(file)) => format!("`{record}` in `{file}`"),
        (Some(record), None) => format!("`{record}`"),
        (None, Some(file)) => format!("`{file}`"),
        (None, None) => "every record".to_string(),
    }
}
