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
    /// Paths (relative to the AIMS root) in git's index, so in the next commit; submodules as
    /// their folder with a trailing `/`. `None` when not known: outside git, or the facts of a
    /// past commit.
    pub tracked: Option<std::collections::HashSet<String>>,
}

impl GitFacts {
    /// Whether git tracks `path` (normalized, relative to the AIMS root): in the index, or
    /// inside a submodule. `None` when tracking is not known.
    pub fn is_tracked(&self, path: &str) -> Option<bool> {
        let tracked = self.tracked.as_ref()?;
        if tracked.contains(path) {
            return Some(true);
        }
        let in_submodule = path
            .match_indices('/')
            .any(|(i, _)| tracked.contains(&path[..=i]));
        Some(in_submodule)
    }
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
    /// A Git LFS pointer file in place of the document: the LFS object was not fetched.
    LfsPointer,
    /// The path leaves the repository; the reason says how.
    Outside(Escape),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    Absolute,
    ParentDirectory,
    Symlink,
    /// Into `.git/`: git's own store, in no commit's tree.
    GitDirectory,
    /// A `..` or separator hidden in percent-encoding (`%2e%2e%2f`).
    Encoded,
    /// A control character (a line break, a NUL) in the path.
    ControlCharacter,
}

impl Escape {
    pub fn describe(self) -> &'static str {
        match self {
            Escape::Absolute => "is an absolute path",
            Escape::ParentDirectory => "climbs out of the repository with `..`",
            Escape::Symlink => {
                "goes through a symbolic link whose target is outside the repository"
            }
            Escape::GitDirectory => {
                "points into `.git/`, git's own store, which no commit or pack contains"
            }
            Escape::Encoded => {
                "hides `..` or a separator in percent-encoding (`%2e`, `%2f`, `%5c`)"
            }
            Escape::ControlCharacter => "holds a control character, which no file name should",
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

/// Query parameters whose values are secrets (tokens, signatures, keys).
const SECRET_PARAMETERS: &[&str] = &[
    "token",
    "access_token",
    "id_token",
    "refresh_token",
    "auth",
    "key",
    "apikey",
    "api_key",
    "password",
    "passwd",
    "pwd",
    "secret",
    "client_secret",
    "sig",
    "signature",
    "x-amz-signature",
    "x-amz-credential",
    "x-goog-signature",
    "sv",
    "se",
    "code",
];

/// What is wrong with an evidence URL, if anything: a scheme that is not a web link, or a
/// secret carried in it. The text never repeats the secret.
pub fn url_problems(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else {
        return vec!["it is not a URL a browser can open".to_string()];
    };
    let mut problems = Vec::new();
    if !matches!(parsed.scheme(), "http" | "https") {
        problems.push(format!(
            "its scheme `{}:` is not a web link (only `https:` and `http:` are)",
            parsed.scheme()
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        problems.push("it carries credentials (`user:password@`)".to_string());
    }
    for (name, _) in parsed.query_pairs() {
        if SECRET_PARAMETERS.contains(&name.to_lowercase().as_str()) {
            problems.push(format!(
                "its query carries what looks like a secret (`{name}=`)"
            ));
        }
    }
    problems
}

/// The URL with credentials and secret query values replaced by `***`, for every output.
pub fn redact_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    let mut changed = false;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        let _ = parsed.set_username("***");
        let _ = parsed.set_password(None);
        changed = true;
    }
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if pairs
        .iter()
        .any(|(k, _)| SECRET_PARAMETERS.contains(&k.to_lowercase().as_str()))
    {
        let mut query = parsed.query_pairs_mut();
        query.clear();
        for (k, v) in &pairs {
            if SECRET_PARAMETERS.contains(&k.to_lowercase().as_str()) {
                query.append_pair(k, "***");
            } else {
                query.append_pair(k, v);
            }
        }
        drop(query);
        changed = true;
    }
    if changed {
        parsed.to_string()
    } else {
        url.to_string()
    }
}

/// `text` with every URL in it redacted (see [`redact_url`]): for source lines shown in output.
pub fn redact_urls_in(text: &str) -> String {
    if !text.contains("://") && !text.contains('@') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let start = rest[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |i| i + 1);
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .map_or(rest.len(), |i| at + i);
        out.push_str(&rest[..start]);
        out.push_str(&redact_url(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn files_in_the_index_or_inside_a_submodule_are_tracked() {
        let mut git = GitFacts::default();
        assert_eq!(
            git.is_tracked("evidence/a.pdf"),
            None,
            "unknown outside git"
        );
        git.tracked = Some(
            ["evidence/a.pdf", "vendor/reports/"]
                .map(String::from)
                .into_iter()
                .collect(),
        );
        assert_eq!(git.is_tracked("evidence/a.pdf"), Some(true));
        assert_eq!(git.is_tracked("vendor/reports/2026/q1.pdf"), Some(true));
        assert_eq!(git.is_tracked("evidence/b.pdf"), Some(false));
        assert_eq!(git.is_tracked("vendor/reportsX/q1.pdf"), Some(false));
    }

    #[test]
    fn secrets_in_urls_are_found_and_never_repeated() {
        assert!(url_problems("https://grafana.example/d/plcs").is_empty());
        let found = url_problems("https://user:hunter2@host.example/x?token=abc&page=2");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            !found
                .iter()
                .any(|p| p.contains("hunter2") || p.contains("abc"))
        );
        assert_eq!(
            redact_url("https://user:hunter2@host.example/x?token=abc&page=2"),
            "https://***@host.example/x?token=***&page=2"
        );
        assert!(url_problems("javascript:alert(1)")[0].contains("`javascript:`"));
        assert!(url_problems("file:///etc/passwd")[0].contains("`file:`"));
        assert_eq!(
            redact_url("https://host.example/a"),
            "https://host.example/a"
        );
    }
}
