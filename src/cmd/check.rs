//! `aims check`: load, validate and cross-check; print findings; exit 0, 1 or 2.

use super::analyse::{analyse, note_unknown_git, run_checks};
use super::{Failure, Outcome};
use crate::checks;
use crate::cli::{CheckArgs, Deny};
use crate::diagnostic::Severity;
use crate::load;
use crate::report::{CheckReport, Sources, Summary, json};
use std::io::Write;

pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> Outcome {
    let today = args.as_of.unwrap_or_else(|| jiff::Zoned::now().date());
    let (config, loaded, mut findings) = analyse(&args.dir, today, None)?;
    note_unknown_git(&loaded, err)?;
    let mut scope = json::Scope::default();
    if let Some(rev) = &args.baseline {
        let then = load::load_revision(&config, rev).map_err(Failure::Message)?;
        let baseline_findings = run_checks(&config, &then, today);
        let fixed = checks::baseline::compare(&mut findings, &baseline_findings);
        let existing = findings.iter().filter(|f| f.existing).count();
        scope.baseline = Some(json::BaselineReport {
            rev: rev.clone(),
            commit: then
                .model
                .git
                .head
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            new: findings.len() - existing,
            existing,
            fixed,
        });
    }
    if let Some(rev) = &args.changed_since {
        let changed = load::git::changed_since(&config.root, rev).map_err(Failure::Message)?;
        // With a baseline, a finding the change introduced counts wherever it is: deleting a
        // Role breaks the records that name it, in files the change never touched.
        let with_baseline = args.baseline.is_some();
        findings.retain(|f| changed.contains(f.file.as_str()) || (with_baseline && !f.existing));
        scope.changed_since = Some(json::ChangedSince {
            rev: rev.clone(),
            files: changed.into_iter().collect(),
        });
    }
    let summary = Summary::new(
        &findings,
        loaded.model.files.len(),
        loaded.model.records.len(),
    );
    // Only the files findings point at: reporters quote their lines, and an index of every
    // file would cost megabytes on a large repository with few findings.
    let cited: std::collections::HashSet<&str> = findings
        .iter()
        .flat_map(|f| {
            std::iter::once(f.file.as_str()).chain(f.related.iter().map(|r| r.file.as_str()))
        })
        .collect();
    let sources = Sources::new(
        loaded
            .model
            .files
            .iter()
            .chain([&config.source])
            .filter(|file| cited.contains(file.path.as_str()))
            .cloned(),
    );
    let rules: Vec<_> = checks::all_rules().collect();
    let levels = |rule: &checks::Rule| checks::effective_severity(rule, &config);
    let report = CheckReport {
        findings: &findings,
        summary,
        scope: &scope,
        model: &loaded.model,
        sources: &sources,
        rules: &rules,
        levels: &levels,
        uri_prefix: &load::path_in_git_work_tree(&config.root),
        color,
        max_per_rule: args.max_findings,
    };
    args.format.reporter().write(&report, out)?;
    let failing = findings.iter().filter(|f| f.counts()).any(|f| {
        f.severity == Severity::Error
            || (args.deny == Some(Deny::Warnings) && f.severity == Severity::Warning)
    });
    Ok(u8::from(failing))
}
