//! Findings: what every stage reports about the user's records.
//!
//! A finding is data, never an `Err`: one bad file must not hide the problems in the others.
//! Positions are 1-based lines and 1-based character columns, the way editors count them.

use serde::Serialize;

/// A position in a source file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A range in a source file; `end` is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn new(start: Pos, end: Pos) -> Self {
        Span { start, end }
    }

    /// A span that covers one character at `pos`.
    pub fn point(pos: Pos) -> Self {
        Span {
            start: pos,
            end: Pos {
                line: pos.line,
                column: pos.column + 1,
            },
        }
    }

    /// The whole of line 1 column 1: for problems with a file as a whole.
    pub fn file_start() -> Self {
        Span::point(Pos { line: 1, column: 1 })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A secondary location, such as "first defined here".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub span: Span,
    pub message: String,
}

/// The record a finding is about, when there is one: waivers and baselines match on it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    pub kind: String,
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Repository-relative path with `/` separators.
    pub file: String,
    pub span: Span,
    /// A short label shown under the underlined source.
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub record: Option<RecordKey>,
    /// Set when a `[[waiver]]` in aims.toml covers the finding: shown, not counted.
    pub waived: Option<Waived>,
    /// Set by `--baseline` when the finding already existed there: shown, not counted.
    pub existing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waived {
    pub reason: String,
    pub expires: jiff::civil::Date,
}

impl Finding {
    pub fn new(rule: &'static str, file: &str, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Error,
            message: message.into(),
            file: file.to_string(),
            span,
            label: None,
            help: None,
            related: Vec::new(),
            record: None,
            waived: None,
            existing: false,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_related(mut self, file: &str, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file: file.to_string(),
            span,
            message: message.into(),
        });
        self
    }

    pub fn for_record(mut self, kind: &str, id: &str) -> Self {
        self.record = Some(RecordKey {
            kind: kind.to_string(),
            id: id.to_string(),
        });
        self
    }

    /// The order every report uses: file, line, column, rule.
    pub fn sort_key(&self) -> (&str, Pos, &str, &str) {
        (&self.file, self.span.start, self.rule, &self.message)
    }

    /// Whether the finding counts towards the summary and the exit code.
    pub fn counts(&self) -> bool {
        self.waived.is_none() && !self.existing
    }
}

pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Closest candidate by edit distance, for "did you mean" hints; `None` when nothing is close.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            let candidate = c.to_lowercase();
            // A word that is a longer or shorter form of a candidate ("warning", "warn") is close.
            let prefix = candidate.len() >= 3
                && (lower.starts_with(&candidate)
                    || candidate.starts_with(&lower) && lower.len() >= 3);
            // A long shared start ("dangling-refs", "dangling-reference") is close too.
            let shared = lower
                .chars()
                .zip(candidate.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let stem = shared >= 6 && shared * 3 >= lower.chars().count() * 2;
            let distance = if prefix {
                1
            } else if stem {
                limit
            } else {
                edit_distance(&lower, &candidate)
            };
            (distance, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: edits and swaps of neighbours each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_misses_only() {
        let kinds = ["Risk", "Policy", "AISystem"];
        assert_eq!(closest("Rsik", kinds), Some("Risk"));
        assert_eq!(closest("aisystem", kinds), Some("AISystem"));
        assert_eq!(closest("Spaceship", kinds), None);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("rsik", "risk"), 1);
    }
}
