//! `--format junit`: JUnit XML for CI test reports. One test suite per file (named by its path
//! in the git work tree, as SARIF and GitHub annotations name it); one passing test case per
//! record without errors, and one failing test case, with exactly one `<failure>`, per error
//! finding, so every JUnit reader counts the failures as `aims check` counts the errors.
//! Warnings and waived findings go to the output of their record's case. Valid against the
//! de-facto `junit-10.xsd`, and XML-safe for any text a user can put in YAML.
//!
//! Written by hand rather than with `quick-junit` (0.8): that crate puts a `skipped` attribute
//! on `<testsuites>`, which `junit-10.xsd` does not allow, and silently drops control
//! characters where this writer shows them as `\u{..}`.

use crate::diagnostic::{Finding, Severity};
use crate::model::Model;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Escapes text for XML 1.0 content and attribute values. Characters XML 1.0 cannot carry at
/// all (most C0 controls, U+FFFE, U+FFFF) are written as visible `\u{..}` escapes instead.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as character references so attribute values keep them too.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Case<'a> {
    failure: Option<&'a Finding>,
    notes: Vec<&'a Finding>,
}

/// The record (or file) a finding is about, as test cases name it.
fn subject(finding: &Finding) -> String {
    match &finding.record {
        Some(record) => format!("{} {}", record.kind, record.id),
        None => "file".to_string(),
    }
}

fn line(finding: &Finding, uri_prefix: &str) -> String {
    let mut text = format!(
        "{}[{}]: {}\n  --> {uri_prefix}{}:{}:{}",
        finding.severity.as_str(),
        finding.rule,
        finding.message,
        finding.file,
        finding.span.start.line,
        finding.span.start.column
    );
    if let Some(help) = &finding.help {
        text.push_str(&format!("\n  = help: {help}"));
    }
    if let Some(waived) = &finding.waived {
        text.push_str(&format!(
            "\n  = waived until {}: {}",
            waived.expires, waived.reason
        ));
    }
    text
}

pub struct JunitReport;

impl super::Reporter for JunitReport {
    fn write(&self, report: &super::CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        write(out, report.findings, report.model, report.uri_prefix)
    }
}

/// Writes the report; `uri_prefix` is the AIMS root inside the git work tree (`""` or
/// `"governance/"`), put before every file name.
pub fn write(
    out: &mut dyn Write,
    findings: &[Finding],
    model: &Model,
    uri_prefix: &str,
) -> io::Result<()> {
    // file -> case name -> case. A record's own case passes; each error is a case of its own.
    let mut suites: BTreeMap<&str, BTreeMap<String, Case<'_>>> = BTreeMap::new();
    for record in &model.records {
        suites
            .entry(record.file())
            .or_default()
            .entry(format!("{} {}", record.kind.name(), record.id))
            .or_default();
    }
    for finding in findings {
        let cases = suites.entry(&finding.file).or_default();
        if finding.counts() && finding.severity == Severity::Error {
            let mut name = format!("{}: {}", subject(finding), finding.rule);
            if cases.contains_key(&name) {
                name = format!(
                    "{name} ({}:{})",
                    finding.span.start.line, finding.span.start.column
                );
            }
            let mut n = 2;
            let base = name.clone();
            while cases.contains_key(&name) {
                name = format!("{base} #{n}");
                n += 1;
            }
            cases.entry(name).or_default().failure = Some(finding);
        } else {
            cases
                .entry(subject(finding))
                .or_default()
                .notes
                .push(finding);
        }
    }
    // A record with errors is shown by its failing cases; its own passing case goes, unless
    // it carries notes.
    for cases in suites.values_mut() {
        let failing: Vec<String> = cases
            .iter()
            .filter(|(_, c)| c.failure.is_some())
            .filter_map(|(_, c)| c.failure.map(subject))
            .collect();
        cases.retain(|name, case| {
            case.failure.is_some() || !case.notes.is_empty() || !failing.contains(name)
        });
    }
    let total_cases: usize = suites.values().map(BTreeMap::len).sum();
    let total_failed: usize = suites
        .values()
        .flat_map(BTreeMap::values)
        .filter(|c| c.failure.is_some())
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="aims check" tests="{total_cases}" failures="{total_failed}" errors="0">"#
    )?;
    for (file, cases) in &suites {
        let path = format!("{uri_prefix}{file}");
        let failed = cases.values().filter(|c| c.failure.is_some()).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failed}" errors="0" skipped="0" file="{}">"#,
            xml_escape(&path),
            cases.len(),
            xml_escape(&path)
        )?;
        for (name, case) in cases {
            write!(
                out,
                r#"    <testcase name="{}" classname="{}""#,
                xml_escape(name),
                xml_escape(&path)
            )?;
            if case.failure.is_none() && case.notes.is_empty() {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            if let Some(finding) = case.failure {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    finding.rule,
                    xml_escape(&finding.message),
                    xml_escape(&line(finding, uri_prefix))
                )?;
            }
            if !case.notes.is_empty() {
                let text: Vec<String> = case.notes.iter().map(|f| line(f, uri_prefix)).collect();
                writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    xml_escape(&text.join("\n"))
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            xml_escape("a<b>&\"'\u{1}]]>\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;&apos;\\u{0001}]]&gt;\\u{ffff}"
        );
        assert_eq!(xml_escape("x\ny\tz"), "x&#10;y&#9;z");
    }
}
