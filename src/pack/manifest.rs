//! `manifest.json`: what a pack holds, each file by SHA-256 and size; and the comparison
//! `aims verify` makes between a manifest and the files it is given.

use crate::model::facts::Digest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize, Debug)]
pub struct Manifest {
    pub generator: String,
    pub version: String,
    pub commit: Option<String>,
    pub build_date: String,
    pub as_of: String,
    pub summary: ManifestSummary,
    /// What a reader of "0 errors" must know: rules set off or to another severity, waivers in
    /// force, and uncommitted changes in the working tree the pack was built from.
    #[serde(default)]
    pub disclosures: Disclosures,
    pub files: Vec<ManifestFile>,
}

#[derive(Serialize, Deserialize, Debug, Default)]
pub struct Disclosures {
    pub rule_overrides: Vec<String>,
    pub waivers_in_force: Vec<String>,
    pub uncommitted_files: Option<usize>,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct ManifestSummary {
    pub errors: usize,
    pub warnings: usize,
    pub waived: usize,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct ManifestFile {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// One way the files differ from the manifest.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    Changed {
        path: String,
        expected: String,
        found: String,
    },
    Missing(String),
    /// A file in the pack folder the manifest does not list.
    Unlisted(String),
    /// A manifest entry that names no file inside the pack (absolute, `..`).
    UnsafePath(String),
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::Changed {
                path,
                expected,
                found,
            } => write!(
                f,
                "changed: {path} (the manifest says SHA-256 {expected}, the file has {found})"
            ),
            Mismatch::Missing(path) => {
                write!(f, "missing: {path} is in the manifest but not in the pack")
            }
            Mismatch::Unlisted(path) => {
                write!(f, "added: {path} is in the pack but not in the manifest")
            }
            Mismatch::UnsafePath(path) => {
                write!(
                    f,
                    "refused: the manifest names {path}, which is not a path inside the pack"
                )
            }
        }
    }
}

/// Whether a manifest path stays inside the pack folder.
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Compares the manifest with the files found: `found` holds the digest of every file the pack
/// folder has (manifest paths that are missing are absent from it). With `only`, just that
/// file is compared (a PDF verified on its own).
pub fn compare(
    manifest: &Manifest,
    found: &BTreeMap<String, Digest>,
    only: Option<&str>,
) -> Vec<Mismatch> {
    let mut problems = Vec::new();
    for entry in &manifest.files {
        if only.is_some_and(|o| o != entry.path) {
            continue;
        }
        if !is_safe_path(&entry.path) {
            problems.push(Mismatch::UnsafePath(entry.path.clone()));
            continue;
        }
        match found.get(&entry.path) {
            None => problems.push(Mismatch::Missing(entry.path.clone())),
            Some(digest) if digest.sha256 != entry.sha256 || digest.bytes != entry.bytes => {
                problems.push(Mismatch::Changed {
                    path: entry.path.clone(),
                    expected: entry.sha256.clone(),
                    found: digest.sha256.clone(),
                })
            }
            Some(_) => {}
        }
    }
    if only.is_none() {
        for path in found.keys() {
            if path != "manifest.json" && !manifest.files.iter().any(|e| &e.path == path) {
                problems.push(Mismatch::Unlisted(path.clone()));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::facts::digest;

    fn manifest(files: &[(&str, &[u8])]) -> Manifest {
        Manifest {
            generator: "aims".into(),
            version: "0".into(),
            commit: None,
            build_date: "2026-01-01".into(),
            as_of: "2026-01-01".into(),
            summary: ManifestSummary {
                errors: 0,
                warnings: 0,
                waived: 0,
            },
            disclosures: Disclosures::default(),
            files: files
                .iter()
                .map(|(path, bytes)| {
                    let d = digest(bytes);
                    ManifestFile {
                        path: path.to_string(),
                        sha256: d.sha256,
                        bytes: d.bytes,
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn changed_missing_added_and_unsafe_files_are_named() {
        let mut m = manifest(&[("a.md", b"one"), ("b.md", b"two")]);
        m.files.push(ManifestFile {
            path: "../etc/passwd".into(),
            sha256: String::new(),
            bytes: 0,
        });
        let found = BTreeMap::from([
            ("a.md".to_string(), digest(b"one!")),
            ("c.md".to_string(), digest(b"three")),
        ]);
        let problems = compare(&m, &found, None);
        assert!(matches!(&problems[0], Mismatch::Changed { path, .. } if path == "a.md"));
        assert_eq!(problems[1], Mismatch::Missing("b.md".into()));
        assert_eq!(problems[2], Mismatch::UnsafePath("../etc/passwd".into()));
        assert_eq!(problems[3], Mismatch::Unlisted("c.md".into()));
        let clean = BTreeMap::from([
            ("a.md".to_string(), digest(b"one")),
            ("b.md".to_string(), digest(b"two")),
        ]);
        assert!(
            compare(
                &manifest(&[("a.md", b"one"), ("b.md", b"two")]),
                &clean,
                None
            )
            .is_empty()
        );
    }
}
