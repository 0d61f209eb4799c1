//! `aims check`: load, validate and cross-check; print findings; exit 0, 1 or 2.

use super::{Failure, Outcome};
use crate::checks::{self, CheckInput};
use crate::cli::{CheckArgs, Deny};
use crate::diagnostic::{Finding, Severity, closest};
use crate::load::config::{CONFIG_FILE, CONFIG_RULE, ConfigError};
use crate::load::{self, Loaded};
use crate::model::settings::Config;
use crate::report::{CheckReport, Sources, Summary, json};
use std::io::Write;

/// Loads the repository and runs every check: the shared front half of check, status, pack.
pub fn analyse(
    dir: &std::path::Path,
    today: jiff::civil::Date,
) -> Result<(Config, Loaded, Vec<Finding>), Failure> {
    let config = load::config::load(dir)?;
    validate_config(&config)?;
    let loaded = load::load_repository(&config).map_err(Failure::Message)?;
    let findings = run_checks(&config, &loaded, today);
    Ok((config, loaded, findings))
}

fn run_checks(config: &Config, loaded: &Loaded, today: jiff::civil::Date) -> Vec<Finding> {
    checks::run_all(&CheckInput {
        model: &loaded.model,
        config,
        load_findings: &loaded.findings,
        today,
    })
}

/// The checks of aims.toml that need the rule registry.
pub fn validate_config(config: &Config) -> Result<(), Failure> {
    validate_rule_names(config)?;
    validate_waivers(config)
}

/// Says once, on stderr, which git facts are unknown and how to get them.
pub fn note_unknown_git(loaded: &Loaded, err: &mut dyn Write) -> std::io::Result<()> {
    match &loaded.model.git.unknown {
        Some(reason) => writeln!(err, "warning: {reason}"),
        None => Ok(()),
    }
}

pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> Outcome {
    let today = args.as_of.unwrap_or_else(|| jiff::Zoned::now().date());
    let (config, loaded, mut findings) = analyse(&args.dir, today)?;
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
        findings.retain(|f| changed.contains(&f.file));
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
    let sources = Sources::new(
        loaded
            .model
            .files
            .iter()
            .cloned()
            .chain([config.source.clone()]),
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
    };
    args.format.reporter().write(&report, out)?;
    let failing = findings.iter().filter(|f| f.counts()).any(|f| {
        f.severity == Severity::Error
            || (args.deny == Some(Deny::Warnings) && f.severity == Severity::Warning)
    });
    Ok(u8::from(failing))
}

/// `[rules]` keys must be rule ids: a misspelt rule would otherwise stay on silently.
fn validate_rule_names(config: &Config) -> Result<(), Failure> {
    let Some(rules) = config.node.get("rules") else {
        return Ok(());
    };
    let known: Vec<&str> = checks::all_rules().map(|r| r.id).collect();
    let findings: Vec<Finding> = rules
        .entries()
        .iter()
        .filter(|(key, _)| checks::find_rule(&key.name).is_none())
        .map(|(key, _)| {
            let help = match closest(&key.name, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`aims explain --list` lists the rule ids".to_string(),
            };
            Finding::new(
                CONFIG_RULE,
                CONFIG_FILE,
                key.span,
                format!("`[rules]` names unknown rule `{}`", key.name),
            )
            .with_help(help)
        })
        .collect();
    config_problems(config, findings)
}

/// A waiver must name a real rule and say what it covers: a misspelt rule would waive nothing,
/// and a waiver of a rule everywhere is `[rules] x = "off"` in disguise.
fn validate_waivers(config: &Config) -> Result<(), Failure> {
    let entries = config.node.get("waiver").map(|n| n.items()).unwrap_or(&[]);
    let known: Vec<&str> = checks::all_rules().map(|r| r.id).collect();
    let mut findings = Vec::new();
    for (waiver, node) in config.waivers.iter().zip(entries) {
        if checks::find_rule(&waiver.rule).is_none() {
            let span = node.get("rule").map_or(node.span, |n| n.span);
            let help = match closest(&waiver.rule, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`aims explain --list` lists the rule ids".to_string(),
            };
            findings.push(
                Finding::new(
                    CONFIG_RULE,
                    CONFIG_FILE,
                    span,
                    format!("waiver names unknown rule `{}`", waiver.rule),
                )
                .with_help(help),
            );
        }
        if waiver.record.is_none() && waiver.file.is_none() {
            findings.push(
                Finding::new(
                    CONFIG_RULE,
                    CONFIG_FILE,
                    node.span,
                    format!(
                        "waiver of `{}` names neither a `record` nor a `file`",
                        waiver.rule
                    ),
                )
                .with_help(format!(
                    "add `record = \"<id>\"` or `file = \"<path or glob>\"`; to silence the rule everywhere use `[rules] {} = \"off\"`",
                    waiver.rule
                )),
            );
        }
    }
    config_problems(config, findings)
}

/// Problems found in aims.toml stop the run (exit 2) with each one located.
fn config_problems(config: &Config, findings: Vec<Finding>) -> Result<(), Failure> {
    if findings.is_empty() {
        Ok(())
    } else {
        Err(Failure::Config(ConfigError::Invalid {
            source: config.source.clone(),
            findings,
        }))
    }
}
