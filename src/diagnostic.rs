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
    pub kind: compact_str::CompactString,
    pub id: compact_str::CompactString,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Repository-relative path with `/` separators (inline up to 24 bytes).
    pub file: compact_str::CompactString,
    pub span: Span,
    /// A short label shown under the underlined source.
    pub label: Option<String>,
    /// Mostly a fixed sentence: borrowed, not copied into each of thousands of findings.
    pub help: Option<std::borrow::Cow<'static, str>>,
    pub related: Vec<Related>,
    pub record: Option<RecordKey>,
    /// The ISO/IEC 42001 clause or control the finding is about, when the rule knows it
    /// (`6.2` for a missing objective): data for `aims status`, never read from the message.
    pub clause: Option<&'static str>,
    /// Which entry of the rule's own list the finding reports (a missing document's name).
    pub item: Option<&'static str>,
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
            file: file.into(),
            span,
            label: None,
            help: None,
            related: Vec::new(),
            record: None,
            clause: None,
            item: None,
            waived: None,
            existing: false,
        }
    }

    pub fn about_clause(mut self, clause: &'static str) -> Self {
        self.clause = Some(clause);
        self
    }

    pub fn about_item(mut self, item: &'static str) -> Self {
        self.item = Some(item);
        self
    }

    pub fn with_help(mut self, help: impl Into<std::borrow::Cow<'static, str>>) -> Self {
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
            kind: kind.into(),
            id: id.into(),
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

/// How many findings count as errors and as warnings, and how many a waiver covers: the one
/// count every report, `aims status` and the pack show.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, PartialEq, Eq)]
pub struct FindingCounts {
    pub errors: usize,
    pub warnings: usize,
    /// Findings a waiver covers: reported, not counted in `errors` or `warnings`.
    pub waived: usize,
}

impl FindingCounts {
    pub fn of(findings: &[Finding]) -> FindingCounts {
        let count = |severity| {
            findings
                .iter()
                .filter(|f| f.counts() && f.severity == severity)
                .count()
        };
        FindingCounts {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            waived: findings.iter().filter(|f| f.waived.is_some()).count(),
        }
    }
}

pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The closest id of the same family, for ids such as `A.6.2.4` or `C.3.4`: only the same id
/// written with other punctuation or case (`a.6.24`), or with two neighbouring characters
/// swapped (`A.6.4.2`). Unlike [`closest`], it never suggests a different control that merely
/// looks alike (`A.5.15`, an ISO/IEC 27001 control, is not a typo of `A.5.5`).
pub fn closest_id<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.chars().count() > MAX_SUGGESTION_INPUT {
        return None;
    }
    let normalize = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = normalize(word);
    let swapped = |a: &[char], b: &[char]| {
        let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        matches!(differ.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
    };
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .find(|candidate| {
            let other = normalize(candidate);
            other == typed || (other.len() == typed.len() && swapped(&typed, &other))
        })
}

/// Longest word "did you mean" looks at: ids, keys and levels are short, and comparing a long
/// value against every candidate costs its length times theirs.
const MAX_SUGGESTION_INPUT: usize = 100;

/// Closest candidate by edit distance, for "did you mean" hints; `None` when nothing is close.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    if length > MAX_SUGGESTION_INPUT {
        return None;
    }
    let lower = word.to_lowercase();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
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
            let stem = shared >= 6 && shared * 3 >= length * 2;
            let distance = if prefix {
                1
            } else if stem {
                limit
            } else if candidate.chars().count().abs_diff(length) > limit {
                // The distance is at least the difference in length: too far, without computing it.
                return None;
            } else {
                strsim::osa_distance(&lower, &candidate)
            };
            Some((distance, c))
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
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
    fn swapped_neighbours_are_one_edit() {
        assert_eq!(
            closest("rsik-owner", ["risk-owner", "risk-officer"]),
            Some("risk-owner")
        );
        assert_eq!(closest("kitten", ["sitting"]), None);
    }

    #[test]
    fn ids_are_suggested_only_within_their_family() {
        let controls = ["A.5.2", "A.5.5", "A.6.2.4", "A.6.2.8"];
        assert_eq!(closest_id("A.5.15", controls), None, "an ISO/IEC 27001 id");
        assert_eq!(closest_id("A.6.2.9", controls), None, "another control");
        assert_eq!(closest_id("a.6.24", controls), Some("A.6.2.4"));
        assert_eq!(closest_id("A.6.4.2", controls), Some("A.6.2.4"));
        assert_eq!(closest_id("A 5 2", controls), Some("A.5.2"));
    }

    #[test]
    fn long_values_get_no_suggestion_and_cost_nothing() {
        let huge = "x".repeat(1_000_000);
        let candidates: Vec<String> = (0..20).map(|i| format!("candidate-{i}")).collect();
        assert_eq!(closest(&huge, candidates.iter().map(String::as_str)), None);
        let long_prefix = format!("Risk{}", "x".repeat(200));
        assert_eq!(closest(&long_prefix, ["Risk"]), None);
    }
}
