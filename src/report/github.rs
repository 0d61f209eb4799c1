//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! Everything a user wrote is escaped so that no YAML value can end the command early or start
//! a second one (`%`, CR and LF in the message; also `:` and `,` in properties).

use super::Summary;
use crate::diagnostic::{Finding, Severity};
use std::io::{self, Write};

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub struct GithubReport;

impl super::Reporter for GithubReport {
    fn write(&self, report: &super::CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        write(out, report.findings, report.summary, report.uri_prefix)
    }
}

pub fn write(
    out: &mut dyn Write,
    findings: &[Finding],
    summary: Summary,
    uri_prefix: &str,
) -> io::Result<()> {
    for finding in findings {
        let command = match (&finding.waived, finding.severity) {
            (Some(_), _) => "notice",
            (None, Severity::Error) => "error",
            (None, Severity::Warning) => "warning",
        };
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        if let Some(waived) = &finding.waived {
            message.push_str(&format!(
                "\nwaived until {}: {}",
                waived.expires, waived.reason
            ));
        }
        let span = finding.span;
        writeln!(
            out,
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}",
            escape_property(&format!("{uri_prefix}{}", finding.file)),
            span.start.line,
            span.end.line.max(span.start.line),
            span.start.column,
            span.end.column,
            escape_property(&format!("aims {}", finding.rule)),
            escape_data(&message)
        )?;
    }
    writeln!(
        out,
        "aims: {} errors, {} warnings, {} waived in {} records ({} files)",
        summary.counts.errors,
        summary.counts.warnings,
        summary.counts.waived,
        summary.records,
        summary.files
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_start_a_second_command() {
        let hostile = "ok\n::error file=x::injected\r\n%0A::warning::also";
        let escaped = escape_data(hostile);
        assert!(!escaped.contains('\n') && !escaped.contains('\r'));
        assert!(escaped.contains("%250A"), "{escaped}");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
