//! Terminal output in the style of rustc: the location, the source line underlined, a help
//! line, and a closing summary. Secondary locations may be in other files (a duplicate id's
//! first definition), which is why this is ours rather than a single-source renderer.

use super::json::Scope;
use super::{Sources, Summary};
use crate::diagnostic::{Finding, Severity, Span};
use anstyle::{AnsiColor, Effects, Style};
use std::io::{self, Write};

/// `--format human`: every finding with its source, the scope notes, the summary.
pub struct HumanReport;

impl super::Reporter for HumanReport {
    fn write(&self, report: &super::CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let human = Human {
            sources: report.sources,
            color: report.color,
        };
        // A run with thousands of one finding shows the first of each rule and counts the rest.
        let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut hidden: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        let capped: Vec<Finding> = report
            .findings
            .iter()
            .filter(|f| {
                if report.max_per_rule == 0 || !f.counts() {
                    return true;
                }
                let count = shown.entry(f.rule).or_insert(0);
                *count += 1;
                if *count > report.max_per_rule {
                    *hidden.entry(f.rule).or_insert(0) += 1;
                    false
                } else {
                    true
                }
            })
            .cloned()
            .collect();
        human.write_findings(out, &capped)?;
        for (rule, count) in &hidden {
            writeln!(
                out,
                "... and {count} more `{rule}` {} not shown (`--max-findings 0` shows every one; `--format json` lists them all)",
                if *count == 1 { "finding" } else { "findings" }
            )?;
        }
        write_scope_notes(out, report.scope)?;
        human.write_summary(out, report.summary)
    }
}

/// What `--baseline` and `--changed-since` did, in plain words before the summary.
fn write_scope_notes(out: &mut dyn Write, scope: &Scope) -> io::Result<()> {
    if let Some(changed) = &scope.changed_since {
        writeln!(
            out,
            "only findings in the {} files changed since `{}` are reported",
            changed.files.len(),
            changed.rev
        )?;
    }
    if let Some(baseline) = &scope.baseline {
        writeln!(
            out,
            "baseline `{}` ({}): {} new, {} already there (not shown, not counted), {} fixed since",
            baseline.rev,
            &baseline.commit[..baseline.commit.len().min(10)],
            baseline.new,
            baseline.existing,
            baseline.fixed.len()
        )?;
        for fixed in &baseline.fixed {
            writeln!(
                out,
                "  fixed[{}]: {} (was {}:{})",
                fixed.rule, fixed.message, fixed.file, fixed.line
            )?;
        }
    }
    Ok(())
}

pub struct Human<'a> {
    pub sources: &'a Sources,
    pub color: bool,
}

const ERROR: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
const GUTTER: Style = AnsiColor::Blue.on_default().effects(Effects::BOLD);
const BOLD: Style = Style::new().effects(Effects::BOLD);
const WAIVED: Style = AnsiColor::Green.on_default().effects(Effects::BOLD);
const HELP: Style = AnsiColor::Cyan.on_default().effects(Effects::BOLD);

impl Human<'_> {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    /// Findings that count in full, then waived ones in one line each: shown, not counted.
    pub fn write_findings(&self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        for finding in findings.iter().filter(|f| f.counts()) {
            self.write_finding(out, finding)?;
        }
        // Findings already present at the --baseline are counted in the summary line only.
        for finding in findings
            .iter()
            .filter(|f| f.waived.is_some() && !f.existing)
        {
            self.write_waived(out, finding)?;
        }
        Ok(())
    }

    fn write_waived(&self, out: &mut dyn Write, finding: &Finding) -> io::Result<()> {
        let Some(waived) = &finding.waived else {
            return Ok(());
        };
        writeln!(
            out,
            "{}: {} ({}:{}:{})",
            self.paint(WAIVED, &format!("waived[{}]", finding.rule)),
            finding.message,
            finding.file,
            finding.span.start.line,
            finding.span.start.column
        )?;
        writeln!(
            out,
            "  {} until {}: {}",
            self.paint(GUTTER, "="),
            waived.expires,
            waived.reason
        )
    }

    pub fn write_finding(&self, out: &mut dyn Write, finding: &Finding) -> io::Result<()> {
        let (word, style) = match finding.severity {
            Severity::Error => ("error", ERROR),
            Severity::Warning => ("warning", WARNING),
        };
        writeln!(
            out,
            "{}{}",
            self.paint(style, &format!("{word}[{}]", finding.rule)),
            self.paint(BOLD, &format!(": {}", finding.message))
        )?;
        let width = finding
            .related
            .iter()
            .map(|r| r.span.start.line)
            .chain([finding.span.start.line])
            .max()
            .unwrap_or(1)
            .to_string()
            .len();
        let pad = " ".repeat(width);
        writeln!(
            out,
            "{pad}{} {}:{}:{}",
            self.paint(GUTTER, "-->"),
            finding.file,
            finding.span.start.line,
            finding.span.start.column
        )?;
        self.write_snippet(
            out,
            &finding.file,
            finding.span,
            finding.label.as_deref(),
            '^',
            style,
            width,
        )?;
        for related in &finding.related {
            writeln!(
                out,
                "{pad}{} {}:{}:{}",
                self.paint(GUTTER, ":::"),
                related.file,
                related.span.start.line,
                related.span.start.column
            )?;
            self.write_snippet(
                out,
                &related.file,
                related.span,
                Some(&related.message),
                '-',
                GUTTER,
                width,
            )?;
        }
        if let Some(help) = &finding.help {
            writeln!(
                out,
                "{pad} {} {}",
                self.paint(GUTTER, "="),
                self.paint(HELP, "help:") + " " + help
            )?;
        }
        writeln!(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn write_snippet(
        &self,
        out: &mut dyn Write,
        file: &str,
        span: Span,
        label: Option<&str>,
        mark: char,
        style: Style,
        width: usize,
    ) -> io::Result<()> {
        let bar = self.paint(GUTTER, "|");
        let pad = " ".repeat(width);
        let Some(line) = self.sources.get(file).and_then(|s| s.line(span.start.line)) else {
            return Ok(());
        };
        // A secret in a URL is never shown, not even in the user's own line.
        let mut shown: String = crate::model::facts::redact_urls_in(line)
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let mut start = span.start.column.max(1);
        let mut end_column = span.end.column;
        // A long line is cut around the span: a finding on a 200 KB line prints one screen.
        const LONG: u32 = 240;
        if shown.chars().count() as u32 > LONG {
            let from = start.saturating_sub(60).max(1);
            let to = (from + LONG - 60).min(shown.chars().count() as u32 + 1);
            let window: String = shown
                .chars()
                .skip(from as usize - 1)
                .take((to - from) as usize)
                .collect();
            let lead = if from > 1 { "…" } else { "" };
            let tail = if (to as usize) <= shown.chars().count() {
                "…"
            } else {
                ""
            };
            shown = format!("{lead}{window}{tail}");
            let shift = from - 1;
            let lead_width = lead.chars().count() as u32;
            start = start - shift + lead_width;
            end_column = end_column.saturating_sub(shift).saturating_add(lead_width);
        }
        let length = shown.chars().count() as u32;
        let end = if span.end.line == span.start.line && end_column > start {
            end_column.min(length + 1).max(start + 1)
        } else {
            (length + 1).max(start + 1)
        };
        let marks: String = std::iter::repeat_n(mark, (end - start) as usize).collect();
        let underline = format!("{}{}", " ".repeat(start as usize - 1), marks);
        let label = label.map(|l| format!(" {l}")).unwrap_or_default();
        writeln!(out, "{pad} {bar}")?;
        writeln!(
            out,
            "{} {bar} {shown}",
            self.paint(GUTTER, &format!("{:>width$}", span.start.line))
        )?;
        writeln!(
            out,
            "{pad} {bar} {}",
            self.paint(style, &format!("{underline}{label}"))
        )
    }

    pub fn write_summary(&self, out: &mut dyn Write, summary: Summary) -> io::Result<()> {
        let checked = format!(
            "checked {} {} in {} {}",
            summary.records,
            plural(summary.records, "record", "records"),
            summary.files,
            plural(summary.files, "file", "files")
        );
        let waived = if summary.counts.waived > 0 {
            format!(" ({} waived)", summary.counts.waived)
        } else {
            String::new()
        };
        if summary.counts.errors == 0 && summary.counts.warnings == 0 {
            return writeln!(out, "{checked}: no problems found{waived}");
        }
        let mut counts = Vec::new();
        if summary.counts.errors > 0 {
            counts.push(self.paint(
                ERROR,
                &format!(
                    "{} {}",
                    summary.counts.errors,
                    plural(summary.counts.errors, "error", "errors")
                ),
            ));
        }
        if summary.counts.warnings > 0 {
            counts.push(self.paint(
                WARNING,
                &format!(
                    "{} {}",
                    summary.counts.warnings,
                    plural(summary.counts.warnings, "warning", "warnings")
                ),
            ));
        }
        writeln!(out, "{checked}: {}{waived}", counts.join(", "))
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{FindingCounts, Pos};
    use crate::syntax::source::SourceFile;
    use std::sync::Arc;

    #[test]
    fn renders_location_underline_related_and_help() {
        let sources = Sources::new([
            Arc::new(SourceFile::new(
                "risks/a.yaml".into(),
                "kind: Risk\nid: R-1\n".into(),
            )),
            Arc::new(SourceFile::new(
                "risks/b.yaml".into(),
                "kind: Risk\nid: R-1\n".into(),
            )),
        ]);
        let span = Span::new(Pos { line: 2, column: 5 }, Pos { line: 2, column: 8 });
        let finding = Finding::new(
            "duplicate-id",
            "risks/b.yaml",
            span,
            "risk id `R-1` is already used",
        )
        .with_related("risks/a.yaml", span, "first defined here")
        .with_help("give this record a new id");
        let mut out = Vec::new();
        Human {
            sources: &sources,
            color: false,
        }
        .write_finding(&mut out, &finding)
        .unwrap();
        let expected = "\
error[duplicate-id]: risk id `R-1` is already used
 --> risks/b.yaml:2:5
  |
2 | id: R-1
  |     ^^^
 ::: risks/a.yaml:2:5
  |
2 | id: R-1
  |     --- first defined here
  = help: give this record a new id

";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn summary_wording() {
        let sources = Sources::default();
        let human = Human {
            sources: &sources,
            color: false,
        };
        let mut out = Vec::new();
        human
            .write_summary(
                &mut out,
                Summary {
                    counts: FindingCounts::default(),
                    files: 1,
                    records: 1,
                },
            )
            .unwrap();
        human
            .write_summary(
                &mut out,
                Summary {
                    counts: FindingCounts {
                        errors: 2,
                        warnings: 1,
                        waived: 1,
                    },
                    files: 3,
                    records: 4,
                },
            )
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "checked 1 record in 1 file: no problems found\nchecked 4 records in 3 files: 2 errors, 1 warning (1 waived)\n"
        );
    }
}
