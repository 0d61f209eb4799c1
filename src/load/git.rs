//! Git facts, read once per run and never written: HEAD, branch, dirty files, and for every
//! file its commits, from one first-parent walk of history (what `git log` shows by default).
//!
//! Everything degrades: outside a repository, in a shallow clone or with an unreadable
//! history, the facts that cannot be known are `None` and `unknown` says why, once.

use gix::bstr::ByteSlice;
use gix::objs::FindExt;
use jiff::civil::Date;
use rayon::prelude::*;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::model::facts::{Commit, GitFacts};

/// Reads the facts for the AIMS rooted at `root`. Never fails: problems become `unknown`.
pub fn read(root: &Path) -> GitFacts {
    read_from(root, None)
}

/// The facts as of commit `rev` (for `--baseline`): history up to it, nothing dirty.
pub fn read_at(root: &Path, rev: &str) -> GitFacts {
    read_from(root, Some(rev))
}

fn read_from(root: &Path, rev: Option<&str>) -> GitFacts {
    let mut repo = match gix::discover(root) {
        Ok(repo) => repo,
        Err(_) => {
            return GitFacts::unavailable(
                "not a git repository: document history and evidence ages from commits are unknown \
                 (evidence ages use `collected`); run `git init` and commit the records to get them",
            );
        }
    };
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        return GitFacts::unavailable("a bare git repository has no working tree to check");
    };
    let prefix = prefix_of(root, &workdir);
    // Each tree is read twice in the walk (as a commit's and as its child's parent tree).
    repo.object_cache_size_if_unset(64 * 1024 * 1024);
    let mut facts = GitFacts::default();
    facts.prefix = prefix.clone();
    facts.branch = repo
        .head_name()
        .ok()
        .flatten()
        .map(|name| name.shorten().to_string());
    let start = match rev {
        Some(rev) => resolve(&repo, rev).map_err(|_| ()),
        None => repo.head_id().map(|id| id.detach()).map_err(|_| ()),
    };
    let head_id = match start {
        Ok(id) => id,
        Err(()) => {
            facts.unknown = Some(
                "the git repository has no commits yet: document history is unknown until the \
                 records are committed"
                    .to_string(),
            );
            facts.dirty = dirty_files(&repo, &prefix);
            facts.tracked = tracked_files(&repo, &prefix);
            return facts;
        }
    };
    facts.head = read_commit(&repo, head_id);
    facts.dirty = match rev {
        Some(_) => Some(BTreeSet::new()),
        None => dirty_files(&repo, &prefix),
    };
    if rev.is_none() {
        facts.tracked = tracked_files(&repo, &prefix);
    }
    if repo.is_shallow().unwrap_or(false) {
        facts.unknown = Some(
            "this is a shallow clone, so the history of each file is unknown (evidence ages use \
             `collected`); in GitHub Actions, check out with `fetch-depth: 0`"
                .to_string(),
        );
        return facts;
    }
    match walk_history(&repo, head_id, &prefix) {
        Ok((commits, files)) => {
            facts.set_history(commits, files);
        }
        Err(error) => {
            facts.unknown = Some(format!(
                "the git history could not be read ({error}); document history is unknown"
            ));
        }
    }
    facts
}

/// The AIMS root inside the work tree, with a trailing `/`, or `""`.
fn prefix_of(root: &Path, workdir: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let workdir = std::fs::canonicalize(workdir).unwrap_or_else(|_| workdir.to_path_buf());
    match root.strip_prefix(&workdir) {
        Ok(inside) if !inside.as_os_str().is_empty() => {
            let parts: Vec<String> = inside
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            format!("{}/", parts.join("/"))
        }
        _ => String::new(),
    }
}

fn read_commit(repo: &gix::Repository, id: gix::ObjectId) -> Option<Commit> {
    let commit = repo.find_commit(id).ok()?;
    let decoded = commit.decode().ok()?;
    Some(commit_info(id, &decoded))
}

fn commit_info(id: gix::ObjectId, commit: &gix::objs::CommitRef<'_>) -> Commit {
    let time = commit
        .committer()
        .ok()
        .and_then(|c| c.time().ok())
        .unwrap_or_default();
    let author = commit.author().ok();
    let message = commit.message();
    let approved_by = message
        .body()
        .map(|body| {
            body.trailers()
                .filter(|t| t.token.eq_ignore_ascii_case(b"Approved-by"))
                .map(|t| t.value.to_str_lossy().trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    Commit {
        id: id.to_string(),
        date: civil_date(time.seconds, time.offset),
        time: time.seconds,
        author: author
            .map(|a| a.name.to_str_lossy().into_owned())
            .unwrap_or_default(),
        email: author
            .map(|a| a.email.to_str_lossy().into_owned())
            .unwrap_or_default(),
        subject: message.summary().to_str_lossy().into_owned(),
        approved_by,
    }
}

/// The calendar date of a commit in its own time zone, as `git log` shows it.
fn civil_date(seconds: i64, offset: i32) -> Date {
    let zone = jiff::tz::Offset::from_seconds(offset)
        .map(jiff::tz::TimeZone::fixed)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_zoned(zone).date())
        .unwrap_or_default()
}

type History = (Vec<Commit>, HashMap<String, Vec<u32>>);

/// One first-parent walk from `head`; each commit is diffed against its first parent, so every
/// file's commit list comes from the same pass.
fn walk_history(
    repo: &gix::Repository,
    head: gix::ObjectId,
    prefix: &str,
) -> Result<History, String> {
    let mut chain: Vec<(gix::ObjectId, gix::ObjectId, Commit)> = Vec::new();
    let mut next = Some(head);
    let mut buf = Vec::new();
    while let Some(id) = next {
        let commit = repo
            .objects
            .find_commit(&id, &mut buf)
            .map_err(|e| e.to_string())?;
        let tree = commit.tree();
        next = commit.parents().next();
        chain.push((id, tree, commit_info(id, &commit)));
    }
    // The diffs are independent: split them over the cores, each with its own repository
    // handle, object cache and (fresh per diff) recorder.
    let trees: Vec<gix::ObjectId> = chain.iter().map(|c| c.1).collect();
    let shared = repo.clone().into_sync();
    let chunk = trees
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(64);
    let changed: Vec<Vec<(u32, String)>> = (0..trees.len())
        .collect::<Vec<_>>()
        .par_chunks(chunk)
        .map(|indices| -> Result<Vec<(u32, String)>, String> {
            let mut local = shared.to_thread_local();
            local.object_cache_size_if_unset(32 * 1024 * 1024);
            let mut state = gix::diff::tree::State::default();
            let (mut old_buf, mut new_buf) = (Vec::new(), Vec::new());
            let mut out = Vec::new();
            for &index in indices {
                let old_tree = trees.get(index + 1).copied();
                for path in changed_paths(
                    &local,
                    old_tree,
                    trees[index],
                    &mut state,
                    &mut old_buf,
                    &mut new_buf,
                )? {
                    if let Some(inside) = path.strip_prefix(prefix) {
                        out.push((index as u32, inside.to_string()));
                    }
                }
            }
            Ok(out)
        })
        .collect::<Result<_, _>>()?;
    let mut files: HashMap<String, Vec<u32>> = HashMap::new();
    // Chunks come back in order, so each file's list stays newest first.
    for (index, path) in changed.into_iter().flatten() {
        files.entry(path).or_default().push(index);
    }
    Ok((chain.into_iter().map(|(_, _, c)| c).collect(), files))
}

/// Paths of files (not folders) that differ between two trees; `old: None` is the empty tree.
fn changed_paths(
    repo: &gix::Repository,
    old: Option<gix::ObjectId>,
    new: gix::ObjectId,
    state: &mut gix::diff::tree::State,
    old_buf: &mut Vec<u8>,
    new_buf: &mut Vec<u8>,
) -> Result<Vec<String>, String> {
    let old_iter = match old {
        Some(id) => repo
            .objects
            .find_tree_iter(&id, old_buf)
            .map_err(|e| e.to_string())?,
        None => gix::objs::TreeRefIter::from_bytes(&[], gix::hash::Kind::Sha1),
    };
    let new_iter = repo
        .objects
        .find_tree_iter(&new, new_buf)
        .map_err(|e| e.to_string())?;
    // A fresh recorder per diff: reusing one mixes up paths.
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(old_iter, new_iter, state, &repo.objects, &mut recorder)
        .map_err(|e| e.to_string())?;
    use gix::diff::tree::recorder::Change;
    Ok(recorder
        .records
        .into_iter()
        .filter_map(|change| match change {
            Change::Addition {
                entry_mode, path, ..
            }
            | Change::Deletion {
                entry_mode, path, ..
            }
            | Change::Modification {
                entry_mode, path, ..
            } => entry_mode
                .is_no_tree()
                .then(|| path.to_str_lossy().into_owned()),
        })
        .collect())
}

/// Files with uncommitted changes: staged, unstaged and untracked.
/// The paths in the index under the AIMS root, relative to it; a submodule is listed as its
/// folder with a trailing `/` (its files are tracked by the submodule's own repository).
fn tracked_files(
    repo: &gix::Repository,
    prefix: &str,
) -> Option<std::collections::HashSet<String>> {
    let index = repo.index_or_empty().ok()?;
    Some(
        index
            .entries()
            .iter()
            .filter_map(|entry| {
                let path = entry.path(&index).to_str_lossy();
                let inside = path.strip_prefix(prefix)?;
                Some(if entry.mode == gix::index::entry::Mode::COMMIT {
                    format!("{inside}/")
                } else {
                    inside.to_string()
                })
            })
            .collect(),
    )
}

fn dirty_files(repo: &gix::Repository, prefix: &str) -> Option<BTreeSet<String>> {
    let status = repo
        .status(gix::progress::Discard)
        .ok()?
        .untracked_files(gix::status::UntrackedFiles::Files);
    let mut dirty = BTreeSet::new();
    for item in status.into_iter(None).ok()? {
        let item = item.ok()?;
        let location = item.location().to_str_lossy().into_owned();
        if let Some(inside) = location.strip_prefix(prefix) {
            dirty.insert(inside.to_string());
        }
    }
    Some(dirty)
}

/// Files changed between the merge base of `rev` and HEAD and the working tree: committed,
/// staged, unstaged and untracked changes, relative to the AIMS root.
pub fn changed_since(root: &Path, rev: &str) -> Result<BTreeSet<String>, String> {
    let repo =
        gix::discover(root).map_err(|_| "`--changed-since` needs a git repository".to_string())?;
    let workdir = repo
        .workdir()
        .ok_or("a bare repository has no working tree")?
        .to_path_buf();
    let prefix = prefix_of(root, &workdir);
    let base = resolve(&repo, rev)?;
    let head = repo.head_id().map_err(|e| format!("HEAD: {e}"))?.detach();
    let merge_base = repo
        .merge_base(base, head)
        .map_err(|e| format!("no merge base of `{rev}` and HEAD: {e}"))?
        .ok_or_else(|| format!("`{rev}` and HEAD have no common history"))?
        .detach();
    let tree_of = |id: gix::ObjectId| -> Result<gix::ObjectId, String> {
        let mut buf = Vec::new();
        Ok(repo
            .objects
            .find_commit(&id, &mut buf)
            .map_err(|e| e.to_string())?
            .tree())
    };
    let mut state = gix::diff::tree::State::default();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut changed: BTreeSet<String> = changed_paths(
        &repo,
        Some(tree_of(merge_base)?),
        tree_of(head)?,
        &mut state,
        &mut a,
        &mut b,
    )?
    .into_iter()
    .filter_map(|p| p.strip_prefix(&prefix).map(str::to_string))
    .collect();
    let dirty = dirty_files(&repo, &prefix).ok_or("the working tree's status could not be read")?;
    changed.extend(dirty);
    Ok(changed)
}

fn resolve(repo: &gix::Repository, rev: &str) -> Result<gix::ObjectId, String> {
    let id = repo
        .rev_parse_single(rev)
        .map_err(|_| {
            format!(
                "`{rev}` is not a revision in this repository (in a shallow CI checkout, fetch it \
                 first or use `fetch-depth: 0`)"
            )
        })?
        .detach();
    // A tag or other object peels to the commit it names.
    let object = repo.find_object(id).map_err(|e| e.to_string())?;
    Ok(object
        .peel_to_commit()
        .map_err(|_| format!("`{rev}` does not name a commit"))?
        .id)
}

/// A file in a commit's tree: path relative to the AIMS root, its bytes when they were asked
/// for, whether it is a symbolic link (a link's bytes, its target, are always read).
pub type TreeFile = (String, Option<Vec<u8>>, bool);

/// The files below the AIMS root in the tree of `rev`, read from git objects (the working tree
/// is not touched), with the commit id `rev` names. Only the blobs of paths `wanted` accepts
/// are read; the others are listed without their bytes.
pub fn files_at(
    root: &Path,
    rev: &str,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<(String, Vec<TreeFile>), String> {
    let repo =
        gix::discover(root).map_err(|_| "`--baseline` needs a git repository".to_string())?;
    let workdir = repo
        .workdir()
        .ok_or("a bare repository has no working tree")?
        .to_path_buf();
    let prefix = prefix_of(root, &workdir);
    let commit_id = resolve(&repo, rev)?;
    let mut buf = Vec::new();
    let tree = repo
        .objects
        .find_commit(&commit_id, &mut buf)
        .map_err(|e| e.to_string())?
        .tree();
    let new_iter_buf = &mut Vec::new();
    let new_iter = repo
        .objects
        .find_tree_iter(&tree, new_iter_buf)
        .map_err(|e| e.to_string())?;
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(
        gix::objs::TreeRefIter::from_bytes(&[], gix::hash::Kind::Sha1),
        new_iter,
        gix::diff::tree::State::default(),
        &repo.objects,
        &mut recorder,
    )
    .map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    for change in recorder.records {
        let gix::diff::tree::recorder::Change::Addition {
            entry_mode,
            oid,
            path,
            ..
        } = change
        else {
            continue;
        };
        if !entry_mode.is_no_tree() || entry_mode.is_commit() {
            continue;
        }
        let path = path.to_str_lossy().into_owned();
        let Some(inside) = path.strip_prefix(&prefix) else {
            continue;
        };
        let is_link = entry_mode.is_link();
        let bytes = if is_link || wanted(inside) {
            Some(
                repo.find_object(oid)
                    .map_err(|e| e.to_string())?
                    .data
                    .clone(),
            )
        } else {
            None
        };
        files.push((inside.to_string(), bytes, is_link));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((commit_id.to_string(), files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_dates_are_in_the_committers_zone() {
        // 2026-01-01T23:30:00Z is already 2 January in UTC+1.
        let seconds = 1_767_310_200;
        assert_eq!(civil_date(seconds, 0).to_string(), "2026-01-01");
        assert_eq!(civil_date(seconds, 3600).to_string(), "2026-01-02");
    }

    #[test]
    fn outside_git_everything_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let facts = read(dir.path());
        assert!(
            facts
                .unknown
                .as_deref()
                .unwrap()
                .starts_with("not a git repository")
        );
        assert!(facts.last_change("a.yaml").is_none());
        assert!(facts.commits_of("a.yaml").is_none());
    }
}
