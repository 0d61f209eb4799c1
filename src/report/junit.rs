//! `--format junit`: JUnit XML for CI test reports. One test suite per file, one test case per
//! record (plus one for problems with the file as a whole); error findings are failures,
//! warnings and waived findings go to the case's output. Valid against the de-facto
//! `junit-10.xsd`, and XML-safe for any text a user can put in YAML.
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
    failures: Vec<&'a Finding>,
    notes: Vec<&'a Finding>,
}

/// The test case a finding belongs to: its record, or the file itself.
fn case_name(finding: &Finding) -> String {
    match &finding.record {
        Some(record) => format!("{} {}", record.kind, record.id),
        None => "file".to_string(),
    }
}

fn line(finding: &Finding) -> String {
    let mut text = format!(
        "{}[{}]: {}\n  --> {}:{}:{}",
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
        write(out, report.findings, report.model)
    }
}

pub fn write(out: &mut dyn Write, findings: &[Finding], model: &Model) -> io::Result<()> {
    // file -> case name -> case; every record is a case, passing or not.
    let mut suites: BTreeMap<&str, BTreeMap<String, Case<'_>>> = BTreeMap::new();
    for record in &model.records {
        suites
            .entry(record.file())
            .or_default()
            .entry(format!("{} {}", record.kind.name(), record.id))
            .or_default();
    }
    for finding in findings {
        let case = suites
            .entry(&finding.file)
            .or_default()
            .entry(case_name(finding))
            .or_default();
        if finding.counts() && finding.severity == Severity::Error {
            case.failures.push(finding);
        } else {
            case.notes.push(finding);
        }
    }
    let total_cases: usize = suites.values().map(BTreeMap::len).sum();
    let total_failed: usize = suites
        .values()
        .flat_map(BTreeMap::values)
        .filter(|c| !c.failures.is_empty())
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="aims check" tests="{total_cases}" failures="{total_failed}" errors="0">"#
    )?;
    for (file, cases) in &suites {
        let failed = cases.values().filter(|c| !c.failures.is_empty()).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failed}" errors="0" skipped="0" file="{}">"#,
            xml_escape(file),
            cases.len(),
            xml_escape(file)
        )?;
        for (name, case) in cases {
            write!(
                out,
                r#"    <testcase name="{}" classname="{}""#,
                xml_escape(name),
                xml_escape(file)
            )?;
            if case.failures.is_empty() && case.notes.is_empty() {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            for finding in &case.failures {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    finding.rule,
                    xml_escape(&finding.message),
                    xml_escape(&line(finding))
                )?;
            }
            if !case.notes.is_empty() {
                let text: Vec<String> = case.notes.iter().map(|f| line(f)).collect();
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
