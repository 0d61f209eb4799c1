//! `--format json`: one JSON object, shape fixed by DESIGN §2 (`"version": 1`).

use super::Summary;
use crate::diagnostic::Finding;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Findings<'a>,
    summary: Summary,
    #[serde(flatten)]
    scope: &'a Scope,
}

/// The findings, each converted as it is written: a report of 100,000 findings is streamed,
/// not built a second time in memory.
struct Findings<'a> {
    findings: &'a [Finding],
    with_baseline: bool,
}

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.findings
                .iter()
                .map(|f| JsonFinding::of(f, self.with_baseline)),
        )
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<JsonRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waived: Option<JsonWaived<'a>>,
    /// With `--baseline`: `new` or `existing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    kind: &'a str,
    id: &'a str,
}

#[derive(Serialize)]
struct JsonWaived<'a> {
    reason: &'a str,
    expires: String,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
}

/// What `--baseline` and `--changed-since` add to the report.
#[derive(Serialize, Default)]
pub struct Scope {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_since: Option<ChangedSince>,
}

#[derive(Serialize)]
pub struct BaselineReport {
    pub rev: String,
    pub commit: String,
    pub new: usize,
    pub existing: usize,
    pub fixed: Vec<crate::checks::baseline::Fixed>,
}

#[derive(Serialize)]
pub struct ChangedSince {
    pub rev: String,
    pub files: Vec<String>,
}

pub struct JsonReport;

impl super::Reporter for JsonReport {
    fn write(&self, report: &super::CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        write_scoped(out, report.findings, report.summary, report.scope)
    }
}

pub fn write_scoped(
    out: &mut dyn Write,
    findings: &[Finding],
    summary: Summary,
    scope: &Scope,
) -> io::Result<()> {
    let with_baseline = scope.baseline.is_some();
    let report = Report {
        scope,
        version: 1,
        findings: Findings {
            findings,
            with_baseline,
        },
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

impl<'a> JsonFinding<'a> {
    fn of(f: &'a Finding, with_baseline: bool) -> Self {
        JsonFinding {
            rule: f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            file: &f.file,
            line: f.span.start.line,
            column: f.span.start.column,
            end_line: f.span.end.line,
            end_column: f.span.end.column,
            help: f.help.as_deref(),
            related: f
                .related
                .iter()
                .map(|r| JsonRelated {
                    message: &r.message,
                    file: &r.file,
                    line: r.span.start.line,
                    column: r.span.start.column,
                })
                .collect(),
            record: f.record.as_ref().map(|r| JsonRecord {
                kind: &r.kind,
                id: &r.id,
            }),
            waived: f.waived.as_ref().map(|w| JsonWaived {
                reason: &w.reason,
                expires: w.expires.to_string(),
            }),
            baseline: with_baseline.then_some(if f.existing { "existing" } else { "new" }),
        }
    }
}
