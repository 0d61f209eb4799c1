//! `aims status` output: a compact readiness table for a terminal (colour when it is one),
//! or the readiness view model as JSON.

use super::truncate;
use crate::model::Kind;
use crate::readiness::{ClauseStatus, Coverage, Item, NEXT_ACTIONS, Readiness};
use anstyle::{AnsiColor, Effects, Style};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

const GOOD: Style = AnsiColor::Green.on_default().effects(Effects::BOLD);
const PARTIAL: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
const BAD: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
const HEADING: Style = Style::new().effects(Effects::BOLD);
const DIM: Style = Style::new().effects(Effects::DIMMED);

pub struct StatusReport<'a> {
    pub readiness: &'a Readiness,
    pub color: bool,
}

#[derive(Serialize)]
struct JsonStatus<'a> {
    version: u32,
    #[serde(flatten)]
    readiness: &'a Readiness,
}

pub fn write_json(out: &mut dyn Write, readiness: &Readiness) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &JsonStatus {
            version: 1,
            readiness,
        },
    )?;
    writeln!(out)
}

impl StatusReport<'_> {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// The coverage word, padded to `width` before painting so escape codes keep columns.
    fn coverage(&self, coverage: Coverage, width: usize) -> String {
        let style = match coverage {
            Coverage::Covered => GOOD,
            Coverage::Partial => PARTIAL,
            Coverage::Missing => BAD,
        };
        self.paint(style, &format!("{:<width$}", coverage.as_str()))
    }

    /// Where to act: `(file:line)`, or `(new record)`.
    fn place(&self, item: &Item) -> String {
        let place = match (&item.file, item.line) {
            (Some(file), Some(line)) => format!("({file}:{line})"),
            (Some(file), None) => format!("({file})"),
            _ => "(new record)".to_string(),
        };
        self.paint(DIM, &place)
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let r = self.readiness;
        writeln!(
            out,
            "{}",
            self.paint(
                HEADING,
                &format!(
                    "{}: {} readiness as of {}",
                    r.organization, r.standard, r.as_of
                )
            )
        )?;
        let g = &r.git;
        let place = match (&g.commit, &g.branch) {
            (Some(commit), branch) => format!(
                "commit {} ({}) on {}",
                &commit[..commit.len().min(10)],
                g.commit_date.as_deref().unwrap_or("?"),
                branch.as_deref().unwrap_or("a detached HEAD")
            ),
            (None, _) => "no git commit".to_string(),
        };
        let uncommitted = match g.uncommitted_files {
            Some(0) => String::new(),
            Some(n) => format!(", {n} uncommitted {}", plural(n, "file", "files")),
            None => String::new(),
        };
        writeln!(out, "{}", self.paint(DIM, &format!("{place}{uncommitted}")))?;
        let check = format!(
            "check: {} {}, {} {}{}",
            r.findings.errors,
            plural(r.findings.errors, "error", "errors"),
            r.findings.warnings,
            plural(r.findings.warnings, "warning", "warnings"),
            if r.findings.waived > 0 {
                format!(", {} waived", r.findings.waived)
            } else {
                String::new()
            }
        );
        let style = if r.findings.errors > 0 {
            BAD
        } else if r.findings.warnings > 0 {
            PARTIAL
        } else {
            GOOD
        };
        writeln!(out, "{}\n", self.paint(style, &check))?;

        self.write_clauses(out)?;
        self.write_annex_a(out)?;
        self.write_controls(out)?;
        self.write_risks(out)?;
        self.write_actions(out)
    }

    fn write_clauses(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.paint(HEADING, "Clauses 4-10"))?;
        for clause in &self.readiness.clauses {
            let covered = clause.subclauses.iter().filter(|s| s.covered).count();
            let line = format!(
                "  {:<3} {:<40} {} {:>2}/{:<2} {}",
                clause.id,
                clause.title,
                self.coverage(clause.status, 8),
                covered,
                clause.subclauses.len(),
                self.paint(DIM, &records_summary(clause))
            );
            writeln!(out, "{}", line.trim_end())?;
            let gaps: Vec<String> = clause
                .subclauses
                .iter()
                .filter(|s| !s.covered)
                .map(|s| match s.drafts.as_slice() {
                    [] => format!("{} {}", s.id, s.title),
                    drafts => format!(
                        "{} {} (draft: {})",
                        s.id,
                        s.title,
                        drafts
                            .iter()
                            .map(|d| d.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })
                .collect();
            if !gaps.is_empty() {
                writeln!(out, "        no record for: {}", gaps.join("; "))?;
            }
            if !clause.missing_documents.is_empty() {
                writeln!(
                    out,
                    "        missing: {}",
                    clause.missing_documents.join("; ")
                )?;
            }
        }
        writeln!(out)
    }

    fn write_annex_a(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}",
            self.paint(
                HEADING,
                &format!(
                    "{:<48} {:>7} {:>10} {:>11} {:>13}",
                    "Annex A", "decided", "applicable", "implemented", "with evidence"
                )
            )
        )?;
        for area in &self.readiness.annex_a {
            let c = &area.controls;
            writeln!(
                out,
                "  {:<5} {:<40} {:>7} {:>10} {:>11} {:>13}  {}",
                area.id,
                truncate(area.title, 40),
                format!("{}/{}", c.total - c.undecided, c.total),
                c.applicable,
                c.implemented,
                c.operating_with_evidence,
                self.coverage(area.status, 0)
            )?;
        }
        writeln!(out)
    }

    fn write_controls(&self, out: &mut dyn Write) -> io::Result<()> {
        let c = &self.readiness.controls;
        writeln!(
            out,
            "{}",
            self.paint(
                HEADING,
                &match c.beyond_annex_a {
                    0 => format!("Controls ({} in Annex A)", c.total),
                    n => format!("Controls ({} in Annex A, {n} beyond it)", c.total - n),
                }
            )
        )?;
        writeln!(
            out,
            "  decided     {} ({} applicable, {} excluded){}",
            c.total - c.undecided,
            c.applicable,
            c.excluded,
            if c.undecided > 0 {
                format!(", {} still to decide", c.undecided)
            } else {
                String::new()
            }
        )?;
        writeln!(
            out,
            "  documented  {} implemented, {} partial, {} planned",
            c.implemented, c.partial, c.planned
        )?;
        writeln!(
            out,
            "  operating   {} of {} implemented controls have current evidence\n",
            c.operating_with_evidence, c.implemented
        )
    }

    fn write_risks(&self, out: &mut dyn Write) -> io::Result<()> {
        let r = self.readiness;
        let risks = &r.risks;
        writeln!(out, "{}", self.paint(HEADING, "Risks and follow-up"))?;
        let mut line = format!(
            "  risks            {} open: {} high, {} medium, {} low by residual score (acceptance {})",
            risks.open, risks.high, risks.medium, risks.low, risks.acceptance
        );
        if risks.unscored > 0 {
            line.push_str(&format!(", {} unscored", risks.unscored));
        }
        writeln!(out, "{line}")?;
        if risks.accepted_by_criteria > 0 {
            writeln!(
                out,
                "                   {} within the threshold, accepted by the risk criteria",
                risks.accepted_by_criteria
            )?;
        }
        if risks.above_acceptance_unaccepted > 0 {
            writeln!(
                out,
                "                   {}",
                self.paint(
                    BAD,
                    &format!(
                        "{} above acceptance and accepted by nobody",
                        risks.above_acceptance_unaccepted
                    )
                )
            )?;
        }
        writeln!(
            out,
            "  nonconformities  {} open, {} overdue",
            r.nonconformities.open, r.nonconformities.overdue
        )?;
        if r.overdue.is_empty() {
            writeln!(out, "  overdue          nothing")?;
        } else {
            writeln!(out, "  overdue          {}", r.overdue.len())?;
            for item in &r.overdue {
                writeln!(out, "    - {} {}", item.text, self.place(item))?;
            }
        }
        writeln!(out)
    }

    fn write_actions(&self, out: &mut dyn Write) -> io::Result<()> {
        let r = self.readiness;
        writeln!(out, "{}", self.paint(HEADING, "Next actions"))?;
        if r.next_actions.is_empty() {
            return writeln!(
                out,
                "  none: every control is decided and implemented, and the check is clean"
            );
        }
        for (i, action) in r.next_actions.iter().take(NEXT_ACTIONS).enumerate() {
            writeln!(
                out,
                "  {:>2}. {} {}",
                i + 1,
                action.text,
                self.place(action)
            )?;
        }
        let more = r.next_actions.len().saturating_sub(NEXT_ACTIONS);
        if more > 0 {
            writeln!(
                out,
                "      and {more} more (`aims status --format json` lists them all)"
            )?;
        }
        Ok(())
    }
}

/// "1 context, 3 policies": the records behind a clause, counted by kind.
fn records_summary(clause: &ClauseStatus) -> String {
    let mut by_kind: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
    for sub in &clause.subclauses {
        for record in &sub.records {
            by_kind.entry(record.kind).or_default().insert(&record.id);
        }
    }
    Kind::ALL
        .iter()
        .filter_map(|kind| {
            let n = by_kind.get(kind.name())?.len();
            Some(format!("{n} {}", kind_plural(*kind, n)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_plural(kind: Kind, n: usize) -> String {
    let (one, many) = kind.spec().counted;
    if n == 1 { one } else { many }.to_string()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
