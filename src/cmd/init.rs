//! `aims init [DIR] [--example]`: writes a new AIMS repository, or the acme-lending example.
//! Never overwrites: into an existing repository it writes only the files that are missing
//! and lists the ones it kept.

use super::{Failure, Outcome};
use crate::cli::InitArgs;
use crate::scaffold::{self, ScaffoldFile};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &InitArgs, out: &mut dyn Write) -> Outcome {
    let files = if args.example {
        scaffold::example_repository()
    } else {
        scaffold::new_repository(args.organization.as_deref().unwrap_or("Our organization"))
    };
    // Into an existing repository: write what is missing, never overwrite, say what was kept.
    let (existing, files): (Vec<ScaffoldFile>, Vec<ScaffoldFile>) = files
        .into_iter()
        .partition(|(path, _)| std::fs::symlink_metadata(args.dir.join(path)).is_ok());
    if files.is_empty() {
        writeln!(
            out,
            "nothing to write: {} already has all {} files init writes",
            args.dir.display(),
            existing.len()
        )?;
        return Ok(0);
    }
    write_all(&args.dir, &files)?;
    let dir = args.dir.display();
    writeln!(out, "wrote {} files to {dir}", files.len())?;
    if !existing.is_empty() {
        let shown: Vec<&str> = existing.iter().take(8).map(|(p, _)| p.as_str()).collect();
        let more = existing.len() - shown.len();
        writeln!(
            out,
            "kept {} existing files as they are: {}{}",
            existing.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )?;
    }
    if args.example {
        match commit_history(&args.dir, &files) {
            Ok(commits) => writeln!(
                out,
                "committed the example's history: {commits} commits of 2026 by its AI governance team, with approvals (`git log` in {dir})"
            )?,
            Err(why) => writeln!(out, "the example has no git history: {why}")?,
        }
        writeln!(
            out,
            "next: aims status {dir}   (the example is a complete AIMS)"
        )?;
    } else {
        writeln!(out, "next:")?;
        writeln!(
            out,
            "  aims status {dir}        what to fill in, most important first"
        )?;
        writeln!(
            out,
            "  {dir}/record-templates/   one commented example per record kind to copy"
        )?;
        writeln!(
            out,
            "  {dir}/statement-of-applicability.yaml   decide each of the 38 Annex A controls"
        )?;
    }
    Ok(0)
}

/// Creates every file with `create_new`; if one fails, removes the ones already written, so an
/// interrupted init leaves the folder as it found it.
fn write_all(dir: &Path, files: &[ScaffoldFile]) -> Result<(), Failure> {
    let mut written: Vec<PathBuf> = Vec::new();
    for (relative, bytes) in files {
        let path = dir.join(relative);
        let result = (|| -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            written.push(path.clone());
            file.write_all(bytes)?;
            file.sync_all()
        })();
        if let Err(error) = result {
            for done in written.iter().rev() {
                let _ = std::fs::remove_file(done);
            }
            return Err(Failure::Message(format!(
                "cannot write `{}`: {error}; the files written before it were removed",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Commits the example in the steps of `scaffold::EXAMPLE_HISTORY`, with their authors, dates
/// and `Approved-by:` trailers, so document control has something to show. Only into a folder
/// that is not already inside a git work tree; `Err` says why nothing was committed.
fn commit_history(dir: &Path, files: &[ScaffoldFile]) -> Result<usize, String> {
    let git = |args: &[&str], env: &[(&str, &str)]| -> Result<(), String> {
        let output = std::process::Command::new("git")
            .current_dir(dir)
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args)
            .envs(env.iter().copied())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .map_err(|e| format!("git is not available ({e})"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "git {} failed: {}",
                args.first().unwrap_or(&""),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    };
    let inside = std::process::Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .is_ok_and(|o| o.status.success());
    if inside {
        return Err(
            "the folder is inside a git repository already; commit it yourself".to_string(),
        );
    }
    git(&["init", "-q", "-b", "main"], &[])?;
    let mut committed: Vec<&str> = Vec::new();
    let steps = scaffold::EXAMPLE_HISTORY;
    for (index, step) in steps.iter().enumerate() {
        let last = index + 1 == steps.len();
        let paths: Vec<&str> = files
            .iter()
            .map(|(path, _)| path.as_str())
            .filter(|path| !committed.contains(path))
            .filter(|path| last || step.paths.iter().any(|prefix| path.starts_with(prefix)))
            .collect();
        if paths.is_empty() {
            continue;
        }
        let mut add = vec!["add", "--"];
        add.extend(&paths);
        git(&add, &[])?;
        let identity = [
            ("GIT_AUTHOR_NAME", step.author),
            ("GIT_AUTHOR_EMAIL", step.email),
            ("GIT_AUTHOR_DATE", step.date),
            ("GIT_COMMITTER_NAME", step.author),
            ("GIT_COMMITTER_EMAIL", step.email),
            ("GIT_COMMITTER_DATE", step.date),
        ];
        git(&["commit", "-q", "-m", step.message], &identity)?;
        committed.extend(paths);
    }
    Ok(steps.len())
}
