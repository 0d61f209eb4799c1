//! The validated settings of one run (`aims.toml` with defaults filled in): risk criteria,
//! intervals, rule severities and waivers. `load::config` reads and validates the file; every
//! layer above reads these types.

use crate::syntax::source::SourceFile;
use crate::syntax::tree::Node;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// `[pack] pdf_volume_pages` unless set: at about 2.5 MB a page while typesetting, and with
/// what one volume leaves behind for the next, 10,000 records peak at 0.88 GB (target 1 GiB).
pub const DEFAULT_PDF_VOLUME_PAGES: usize = 150;

/// The settings a run uses, with defaults filled in.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub organization: String,
    pub standard: String,
    pub exclude: Vec<String>,
    /// Globs of the files that hold records; empty means every candidate file.
    pub records: Vec<String>,
    pub max_file_bytes: u64,
    /// Evidence files up to this size are copied into the pack and attached to its PDF.
    pub max_evidence_copy_bytes: u64,
    /// About how many pages one PDF file of the pack holds before the rest goes to another
    /// volume (`pack-volume-2.pdf`, ...): typesetting holds every page of a file in memory.
    pub pdf_volume_pages: usize,
    pub risk: RiskCriteria,
    pub evidence_max_age_days: u32,
    pub audit_interval_days: u32,
    pub review_interval_days: u32,
    /// Per-rule severity: `error`, `warn` or `off`.
    pub rules: BTreeMap<String, String>,
    pub waivers: Vec<Waiver>,
    pub source: Arc<SourceFile>,
    /// The parsed file, for locating problems in it (unknown rule ids, expired waivers).
    pub node: Node,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskCriteria {
    #[serde(default = "default_likelihood")]
    pub likelihood: Vec<String>,
    #[serde(default = "default_impact")]
    pub impact: Vec<String>,
    #[serde(default = "default_acceptance")]
    pub acceptance: u32,
    /// The roles designated to approve treatment plans and accept residual risks; empty when
    /// `aims.toml` does not say.
    #[serde(default)]
    pub accept_roles: Vec<String>,
    /// Days after `assessed` by which a risk without `next_review` is to be assessed again;
    /// `None` when `aims.toml` does not say.
    #[serde(default)]
    pub review_interval_days: Option<u32>,
}

impl Default for RiskCriteria {
    fn default() -> Self {
        RiskCriteria {
            likelihood: default_likelihood(),
            impact: default_impact(),
            acceptance: default_acceptance(),
            accept_roles: Vec::new(),
            review_interval_days: None,
        }
    }
}

impl RiskCriteria {
    /// 1-based rank of a likelihood level; `None` when the scale does not have it.
    pub fn likelihood_rank(&self, level: &str) -> Option<u32> {
        rank(&self.likelihood, level)
    }

    pub fn impact_rank(&self, level: &str) -> Option<u32> {
        rank(&self.impact, level)
    }

    /// Likelihood rank x impact rank, as DESIGN §1 defines the score.
    pub fn score(&self, likelihood: &str, impact: &str) -> Option<u32> {
        Some(self.likelihood_rank(likelihood)? * self.impact_rank(impact)?)
    }
}

fn rank(scale: &[String], level: &str) -> Option<u32> {
    scale.iter().position(|l| l == level).map(|i| i as u32 + 1)
}

fn default_likelihood() -> Vec<String> {
    ["rare", "unlikely", "possible", "likely", "almost-certain"]
        .map(String::from)
        .to_vec()
}

fn default_impact() -> Vec<String> {
    ["negligible", "minor", "moderate", "major", "severe"]
        .map(String::from)
        .to_vec()
}

fn default_acceptance() -> u32 {
    6
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: String,
    pub record: Option<String>,
    pub file: Option<String>,
    pub reason: String,
    pub expires: Date,
}
