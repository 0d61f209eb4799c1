//! Reporters: findings in, text out. Each format is one file; each writes to the `Write` it
//! is given and never reads files (sources come with the findings).

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod line_hash;
pub mod sarif;
pub mod status;

use crate::checks::Rule;
use crate::diagnostic::{Finding, FindingCounts, Severity};
use crate::model::Model;
use crate::syntax::source::SourceFile;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

/// The output formats of `aims check --format`, each one reporter.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions annotations (workflow commands).
    Github,
}

impl CheckFormat {
    /// The registry of check output formats: one line each.
    pub fn reporter(self) -> &'static dyn Reporter {
        match self {
            CheckFormat::Human => &human::HumanReport,
            CheckFormat::Json => &json::JsonReport,
            CheckFormat::Sarif => &sarif::SarifReport,
            CheckFormat::Junit => &junit::JunitReport,
            CheckFormat::Github => &github::GithubReport,
        }
    }
}

/// Everything a check report may show; each format takes what it needs.
pub struct CheckReport<'a> {
    pub findings: &'a [Finding],
    pub summary: Summary,
    /// What `--baseline` and `--changed-since` did.
    pub scope: &'a json::Scope,
    pub model: &'a Model,
    /// The text of every file a finding may point at (records and `aims.toml`).
    pub sources: &'a Sources,
    /// Every rule, and the level each runs at after `[rules]` (`None`: off).
    pub rules: &'a [&'static Rule],
    pub levels: &'a dyn Fn(&Rule) -> Option<Severity>,
    /// The AIMS root relative to the enclosing git work tree (`""` or `"governance/"`).
    pub uri_prefix: &'a str,
    pub color: bool,
    /// The human format shows at most this many findings of one rule (0: all).
    pub max_per_rule: usize,
}

/// One output format of `aims check`.
pub trait Reporter: Sync {
    fn write(&self, report: &CheckReport<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// Counts shown at the end of every report.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    #[serde(flatten)]
    pub counts: FindingCounts,
    pub files: usize,
    pub records: usize,
}

impl Summary {
    pub fn new(findings: &[Finding], files: usize, records: usize) -> Self {
        Summary {
            counts: FindingCounts::of(findings),
            files,
            records,
        }
    }
}

/// The text of every file a finding may point at, by repository-relative path.
#[derive(Default)]
pub struct Sources {
    files: HashMap<compact_str::CompactString, Arc<SourceFile>>,
}

impl Sources {
    pub fn new(files: impl IntoIterator<Item = Arc<SourceFile>>) -> Self {
        Sources {
            files: files.into_iter().map(|f| (f.path.clone(), f)).collect(),
        }
    }

    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.files.get(path).map(Arc::as_ref)
    }
}

/// Shortens text to `width` characters for a table column, marking the cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(width.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}
