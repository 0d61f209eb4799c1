//! The no-regression gate (`--baseline REV`): findings that already existed at REV do not
//! count; new ones do; ones gone since are reported as fixed. Findings are matched by rule,
//! the record they are about (or their file, for file-level problems) and message, never by
//! line: moving a record does not make its findings new.

use crate::diagnostic::Finding;
use serde::Serialize;
use std::collections::HashMap;

/// What a finding is, independent of where it sits.
fn identity(finding: &Finding) -> (String, String, String) {
    let subject = match &finding.record {
        Some(record) => format!("{}/{}", record.kind, record.id),
        None => format!("file:{}", finding.file),
    };
    (finding.rule.to_string(), subject, finding.message.clone())
}

/// A finding at the baseline that is gone now.
#[derive(Debug, Clone, Serialize)]
pub struct Fixed {
    pub rule: String,
    pub message: String,
    pub file: String,
    pub line: u32,
}

/// Marks every current finding that matches one at the baseline as existing (it then does not
/// count) and returns the baseline findings that no current one matches.
pub fn compare(current: &mut [Finding], baseline: &[Finding]) -> Vec<Fixed> {
    // A multiset: two identical findings at the baseline excuse two now, not three.
    let mut remaining: HashMap<(String, String, String), Vec<&Finding>> = HashMap::new();
    for finding in baseline.iter().filter(|f| f.waived.is_none()) {
        remaining
            .entry(identity(finding))
            .or_default()
            .push(finding);
    }
    for finding in current.iter_mut() {
        if let Some(matches) = remaining.get_mut(&identity(finding))
            && matches.pop().is_some()
        {
            finding.existing = true;
        }
    }
    let mut fixed: Vec<Fixed> = remaining
        .into_values()
        .flatten()
        .map(|f| Fixed {
            rule: f.rule.to_string(),
            message: f.message.clone(),
            file: f.file.to_string(),
            line: f.span.start.line,
        })
        .collect();
    fixed.sort_by(|a, b| (&a.file, a.line, &a.rule).cmp(&(&b.file, b.line, &b.rule)));
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, Span};

    fn finding(rule: &'static str, id: &str, line: u32, message: &str) -> Finding {
        Finding::new(
            rule,
            "r.yaml",
            Span::point(Pos { line, column: 1 }),
            message,
        )
        .for_record("Risk", id)
    }

    #[test]
    fn matches_by_what_not_where() {
        let baseline = vec![
            finding("risk-untreated", "R-1", 3, "untreated"),
            finding("risk-untreated", "R-2", 9, "untreated"),
        ];
        let mut current = vec![
            finding("risk-untreated", "R-1", 40, "untreated"), // moved: still existing
            finding("risk-untreated", "R-3", 9, "untreated"),  // same line, new record: new
        ];
        let fixed = compare(&mut current, &baseline);
        assert!(current[0].existing);
        assert!(!current[1].existing);
        assert_eq!(fixed.len(), 1);
        assert_eq!(fixed[0].line, 9);
    }
}
