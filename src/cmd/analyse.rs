//! The front half every command shares: read and validate `aims.toml`, load the records (from
//! the working tree or a past commit), run every check.

use super::Failure;
use crate::checks::{self, CheckInput};
use crate::diagnostic::{Finding, closest};
use crate::load::config::{CONFIG_FILE, CONFIG_RULE, ConfigError};
use crate::load::{self, Loaded};
use crate::model::settings::Config;
use std::io::Write;

/// Loads the repository and runs every check: the shared front half of check, status, pack.
/// `at`: a git revision to read the records from instead of the working tree (`pack --at`).
pub fn analyse(
    dir: &std::path::Path,
    today: jiff::civil::Date,
    at: Option<&str>,
) -> Result<(Config, Loaded, Vec<Finding>), Failure> {
    let config = load::config::load(dir)?;
    validate_config(&config)?;
    let loaded = match at {
        Some(rev) => load::load_revision(&config, rev),
        None => load::load_repository(&config),
    }
    .map_err(Failure::Message)?;
    let findings = run_checks(&config, &loaded, today);
    Ok((config, loaded, findings))
}

pub fn run_checks(config: &Config, loaded: &Loaded, today: jiff::civil::Date) -> Vec<Finding> {
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
                key.span(),
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
