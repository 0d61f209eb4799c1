//! Reporters: findings in, text out. Each format is one file; each writes to the `Write` it
//! is given and never reads files (sources come with the findings).

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod status;

use crate::diagnostic::{Finding, FindingCounts};
use crate::syntax::source::SourceFile;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

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
    files: HashMap<String, Arc<SourceFile>>,
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
