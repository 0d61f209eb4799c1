//! Facts about the repository that the loader finds and the model carries: what git knows
//! (HEAD, dirty files, each file's commits), what is at each evidence path, and evidence
//! digests. Only types and pure helpers live here; `load` reads git and the file system to fill
//! them.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// One commit, as an auditor reads it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub date: Date,
    /// Seconds since the epoch, for ordering commits made the same day.
    #[serde(skip)]
    pub time: i64,
    pub author: String,
    pub email: String,
    pub subject: String,
    /// Values of `Approved-by:` trailers in the commit message.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approved_by: Vec<String>,
}

/// What git knows about the repository at HEAD, relative to the AIMS root.
#[derive(Debug, Default)]
pub struct GitFacts {
    /// Why some or all facts are unknown, with how to fix it; `None` when all are known.
    pub unknown: Option<String>,
    pub head: Option<Commit>,
    /// `None` on a detached HEAD or outside git.
    pub branch: Option<String>,
    /// Paths (relative to the AIMS root) changed in the working tree or index, or untracked.
    /// `None` when the state could not be read.
    pub dirty: Option<BTreeSet<String>>,
    /// First-parent history, newest first. Empty when history is unknown (shallow, no git).
    pub commits: Vec<Commit>,
    /// Path (relative to the AIMS root) -> indices into `commits`, newest first.
    files: HashMap<String, Vec<u32>>,
    /// Whether per-file history is known (full history was available).
    pub history_known: bool,
    /// The AIMS root relative to the work tree, `""` or `"sub/dir/"`.
    pub prefix: String,
}

/// A file's document-control data: its versions and who changed it when.
#[derive(Debug, Serialize)]
pub struct FileHistory<'a> {
    pub path: String,
    /// Number of commits that changed the file (its version).
    pub version: usize,
    pub first: Option<&'a Commit>,
    pub last: Option<&'a Commit>,
    pub authors: Vec<String>,
    /// Uncommitted changes in the working tree or index.
    pub dirty: bool,
    pub commits: Vec<&'a Commit>,
}

impl GitFacts {
    /// Records the walked history: `files` maps each path to indices into `commits`.
    pub fn set_history(&mut self, commits: Vec<Commit>, files: HashMap<String, Vec<u32>>) {
        self.commits = commits;
        self.files = files;
        self.history_known = true;
    }

    pub fn unavailable(reason: impl Into<String>) -> GitFacts {
        GitFacts {
            unknown: Some(reason.into()),
            ..GitFacts::default()
        }
    }

    /// The commits that changed `path`, newest first; `None` when history is unknown.
    pub fn commits_of(&self, path: &str) -> Option<Vec<&Commit>> {
        if !self.history_known {
            return None;
        }
        Some(
            self.files
                .get(path)
                .map(|ids| ids.iter().map(|&i| &self.commits[i as usize]).collect())
                .unwrap_or_default(),
        )
    }

    /// The commit that last changed `path`; `None` when unknown or never committed.
    pub fn last_change(&self, path: &str) -> Option<&Commit> {
        if !self.history_known {
            return None;
        }
        self.files
            .get(path)
            .and_then(|ids| ids.first())
            .map(|&i| &self.commits[i as usize])
    }

    /// `Some(true)` when the file has uncommitted changes (or is untracked).
    pub fn is_dirty(&self, path: &str) -> Option<bool> {
        self.dirty.as_ref().map(|d| d.contains(path))
    }

    pub fn history(&self, path: &str) -> FileHistory<'_> {
        let commits = self.commits_of(path).unwrap_or_default();
        let mut authors: Vec<String> = Vec::new();
        for commit in commits.iter().rev() {
            if !authors.contains(&commit.author) {
                authors.push(commit.author.clone());
            }
        }
        FileHistory {
            path: path.to_string(),
            version: commits.len(),
            first: commits.last().copied(),
            last: commits.first().copied(),
            authors,
            dirty: self.is_dirty(path).unwrap_or(false),
            commits,
        }
    }
}

/// SHA-256 (lowercase hex) and size of an evidence file, for the pack's evidence index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Digest {
    pub sha256: String,
    pub bytes: u64,
}

/// What is at an evidence record's `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceFile {
    /// A regular file inside the repository.
    Present { bytes: u64 },
    /// Nothing at that path (or a symbolic link whose target does not exist).
    Missing,
    /// Something other than a regular file, such as a folder.
    NotAFile,
    /// The path leaves the repository; the reason says how.
    Outside(Escape),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    Absolute,
    ParentDirectory,
    Symlink,
}

impl Escape {
    pub fn describe(self) -> &'static str {
        match self {
            Escape::Absolute => "is an absolute path",
            Escape::ParentDirectory => "climbs out of the repository with `..`",
            Escape::Symlink => {
                "goes through a symbolic link whose target is outside the repository"
            }
        }
    }
}

/// `a/./b/../c` as `a/c`, for looking paths up in a git tree.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// SHA-256 and size of some bytes.
pub fn digest(bytes: &[u8]) -> Digest {
    use sha2::Digest as _;
    let hash = sha2::Sha256::digest(bytes);
    Digest {
        sha256: hash.iter().map(|b| format!("{b:02x}")).collect(),
        bytes: bytes.len() as u64,
    }
}
