//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One `rule` per rule id with its documentation; results carry repository-relative,
//! percent-encoded URIs and character-based regions; waived findings are suppressions.

use super::Summary;
use crate::checks::Rule;
use crate::diagnostic::{Finding, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// Where the rule documentation lives, one section per rule (`docs/rules.md#<id>`).
pub const RULES_DOC: &str = "https://github.com/aims-governance/aims/blob/main/docs/rules.md";

pub struct SarifRun<'a> {
    pub rules: &'a [&'static Rule],
    /// The level each rule runs at after `[rules]` (`None`: off).
    pub levels: &'a dyn Fn(&Rule) -> Option<Severity>,
    /// Prepended to every file path: the AIMS root relative to the enclosing git work tree
    /// (`""` or `"governance/"`), so that code scanning finds the file in the repository.
    pub uri_prefix: &'a str,
    pub version: &'a str,
    /// Whether `--baseline` ran: results then carry `baselineState`.
    pub baseline: bool,
    /// The files findings point into, for `primaryLocationLineHash`.
    pub sources: Option<&'a super::Sources>,
}

/// The most results one run may carry for GitHub code scanning.
pub const MAX_RESULTS: usize = 25_000;

/// The run's invocation; when results were left out, a notification that says how many.
fn invocation(left_out: usize) -> Value {
    let mut invocation = json!({"executionSuccessful": true});
    if left_out > 0 {
        invocation["toolExecutionNotifications"] = json!([{
            "level": "warning",
            "message": {"text": format!(
                "{left_out} more findings were left out: GitHub code scanning accepts at most {MAX_RESULTS} results per run. Run `aims check` for all of them."
            )},
        }]);
    }
    invocation
}

pub struct SarifReport;

impl super::Reporter for SarifReport {
    fn write(&self, report: &super::CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        SarifRun {
            rules: report.rules,
            levels: report.levels,
            uri_prefix: report.uri_prefix,
            version: env!("CARGO_PKG_VERSION"),
            baseline: report.scope.baseline.is_some(),
            sources: Some(report.sources),
        }
        .write(out, report.findings, report.summary)
    }
}

fn level(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        None => "none",
    }
}

/// Percent-encodes a relative path for a URI reference, keeping `/` and unreserved characters.
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The first paragraph under "## What it does": SARIF's `fullDescription`.
fn full_description(rule: &Rule) -> String {
    rule.explanation
        .split("## What it does")
        .nth(1)
        .and_then(|rest| rest.trim_start().split("\n\n").next())
        .unwrap_or(rule.summary)
        .replace('\n', " ")
}

fn location(uri_prefix: &str, file: &str, span: crate::diagnostic::Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": encode_uri_path(&format!("{uri_prefix}{file}"))},
            "region": {
                "startLine": span.start.line.max(1),
                "startColumn": span.start.column.max(1),
                "endLine": span.end.line.max(span.start.line).max(1),
                "endColumn": span.end.column.max(1),
            }
        }
    })
}

impl SarifRun<'_> {
    pub fn to_value(&self, findings: &[Finding], summary: Summary) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": full_description(rule)},
                    "help": {"text": rule.explanation, "markdown": rule.explanation},
                    "helpUri": format!("{RULES_DOC}#{}", rule.id),
                    "defaultConfiguration": {"level": level((self.levels)(rule))},
                    "properties": {
                        "tags": ["iso-42001", "compliance"],
                        "iso42001": rule.reference,
                    },
                })
            })
            .collect();
        let index = |id: &str| self.rules.iter().position(|r| r.id == id);
        // Each file's line hashes, computed once (GitHub's `primaryLocationLineHash`).
        let mut line_hashes: std::collections::HashMap<&str, Vec<String>> =
            std::collections::HashMap::new();
        // GitHub refuses a run of more than 25,000 results: the rest are counted, not sent.
        let left_out = findings.len().saturating_sub(MAX_RESULTS);
        let results: Vec<Value> = findings
            .iter()
            .take(MAX_RESULTS)
            .map(|finding| {
                let line_hash = self.sources.and_then(|sources| {
                    let hashes = line_hashes.entry(finding.file.as_str()).or_insert_with(|| {
                        sources
                            .get(&finding.file)
                            .map(|f| super::line_hash::line_hashes(&f.text))
                            .unwrap_or_default()
                    });
                    let line = finding.span.start.line.max(1) as usize;
                    hashes.get(line - 1).filter(|h| !h.is_empty()).cloned()
                });
                let mut text = finding.message.clone();
                // Links to the related locations by id, as SARIF viewers render them.
                for (i, related) in finding.related.iter().enumerate() {
                    text.push_str(&format!(
                        " ([{}]({i}))",
                        related.message.replace(['[', ']'], "")
                    ));
                }
                if let Some(help) = &finding.help {
                    text.push_str(&format!("\nhelp: {help}"));
                }
                let mut result = json!({
                    "ruleId": finding.rule,
                    "level": level(Some(finding.severity)),
                    "message": {"text": text},
                    "locations": [location(self.uri_prefix, &finding.file, finding.span)],
                    // Stable across line moves: what the finding is about, not where it is.
                    "partialFingerprints": {"aimsFinding/v1": fingerprint(finding)},
                });
                if let Some(hash) = line_hash {
                    result["partialFingerprints"]["primaryLocationLineHash"] = json!(hash);
                }
                if self.baseline {
                    result["baselineState"] =
                        json!(if finding.existing { "unchanged" } else { "new" });
                }
                if let Some(i) = index(finding.rule) {
                    result["ruleIndex"] = json!(i);
                }
                if !finding.related.is_empty() {
                    result["relatedLocations"] = finding
                        .related
                        .iter()
                        .enumerate()
                        .map(|(i, related)| {
                            let mut location =
                                location(self.uri_prefix, &related.file, related.span);
                            location["id"] = json!(i);
                            location["message"] = json!({"text": related.message});
                            location
                        })
                        .collect();
                }
                if let Some(waived) = &finding.waived {
                    result["suppressions"] = json!([{
                        "kind": "external",
                        "status": "accepted",
                        "justification": format!("{} (waived until {})", waived.reason, waived.expires),
                    }]);
                }
                result
            })
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "aims",
                    "version": self.version,
                    "semanticVersion": self.version,
                    "informationUri": "https://github.com/aims-governance/aims",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation(left_out)],
                "results": results,
                "properties": {
                    "errors": summary.counts.errors,
                    "warnings": summary.counts.warnings,
                    "waived": summary.counts.waived,
                    "files": summary.files,
                    "records": summary.records,
                },
            }],
        })
    }

    pub fn write(
        &self,
        out: &mut dyn Write,
        findings: &[Finding],
        summary: Summary,
    ) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.to_value(findings, summary))?;
        writeln!(out)
    }
}

/// rule + record (or file) + message, hashed: the same finding keeps its fingerprint when the
/// record moves within or between files.
fn fingerprint(finding: &Finding) -> String {
    let subject = match &finding.record {
        Some(record) => format!("{}/{}", record.kind, record.id),
        None => finding.file.to_string(),
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{}\u{0}{subject}\u{0}{}", finding.rule, finding.message).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_but_keep_slashes() {
        assert_eq!(encode_uri_path("risks/R 1.yaml"), "risks/R%201.yaml");
        assert_eq!(encode_uri_path("a#b?c%.md"), "a%23b%3Fc%25.md");
        assert_eq!(encode_uri_path("ü.yaml"), "%C3%BC.yaml");
    }

    #[test]
    fn a_run_carries_at_most_25000_results_and_says_how_many_were_left_out() {
        use crate::diagnostic::{Pos, Span};
        let findings: Vec<Finding> = (0..25_003)
            .map(|i| {
                Finding::new(
                    "dangling-reference",
                    "risks.yaml",
                    Span::point(Pos {
                        line: i + 1,
                        column: 1,
                    }),
                    format!("finding {i}"),
                )
            })
            .collect();
        let rules: Vec<&'static Rule> = crate::checks::all_rules().collect();
        let levels = |rule: &Rule| Some(rule.default_severity);
        let run = SarifRun {
            rules: &rules,
            levels: &levels,
            uri_prefix: "",
            version: "0",
            baseline: false,
            sources: None,
        };
        let value = run.to_value(&findings, super::super::Summary::new(&findings, 1, 1));
        assert_eq!(
            value["runs"][0]["results"].as_array().unwrap().len(),
            MAX_RESULTS
        );
        let note = &value["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
        assert!(
            note["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("3 more findings were left out")
        );
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let rule = crate::checks::find_rule("duplicate-id").unwrap();
        assert!(full_description(rule).starts_with("Reports every record whose `id`"));
        assert!(!full_description(rule).contains('\n'));
    }
}
