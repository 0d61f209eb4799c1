//! `aims explain RULE` and `aims explain --list`: the documentation written on each rule.

use super::{Failure, Outcome};
use crate::checks::{all_rules, find_rule};
use crate::cli::ExplainArgs;
use crate::diagnostic::closest;
use std::io::Write;

pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> Outcome {
    if args.list {
        let mut rules: Vec<_> = all_rules().collect();
        rules.sort_by_key(|r| r.id);
        let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(4);
        let reference_width = rules.iter().map(|r| r.reference.len()).max().unwrap_or(9);
        writeln!(
            out,
            "{:<id_width$} {:<8} {:<reference_width$} summary",
            "rule", "default", "ISO 42001"
        )?;
        for rule in rules {
            writeln!(
                out,
                "{:<id_width$} {:<8} {:<reference_width$} {}",
                rule.id,
                rule.default_severity.as_str(),
                rule.reference,
                rule.summary
            )?;
        }
        return Ok(0);
    }
    let name = args.rule.as_deref().unwrap_or_default();
    let rule = find_rule(name).ok_or_else(|| {
        let hint = closest(name, all_rules().map(|r| r.id))
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_else(|| "; `aims explain --list` lists them".to_string());
        Failure::Message(format!("no rule named `{name}`{hint}"))
    })?;
    writeln!(out, "# {}\n", rule.id)?;
    writeln!(out, "{}\n", rule.summary)?;
    writeln!(
        out,
        "Default severity: {}. ISO/IEC 42001: {}.\n",
        rule.default_severity.as_str(),
        rule.reference
    )?;
    writeln!(out, "{}", rule.explanation)?;
    Ok(0)
}
