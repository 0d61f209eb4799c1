//! `aims verify`: recomputes every hash of a pack's manifest.json and names each file that
//! changed, went missing or was added. Exit 0 when all match, 1 otherwise, 2 without a
//! usable manifest.

use super::{Failure, Outcome};
use crate::cli::VerifyArgs;
use crate::model::facts::{Digest, digest};
use crate::pack::manifest::{Manifest, compare, is_safe_path};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub fn run(args: &VerifyArgs, out: &mut dyn Write) -> Outcome {
    let (folder, only) = if args.pack.is_dir() {
        (args.pack.clone(), None)
    } else {
        // A file of a pack: the manifest is in the nearest folder above it that has one.
        let file = std::path::absolute(&args.pack).unwrap_or_else(|_| args.pack.clone());
        let folder = file
            .ancestors()
            .skip(1)
            .take(4)
            .find(|dir| dir.join("manifest.json").is_file())
            .or_else(|| file.parent())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let relative = file
            .strip_prefix(&folder)
            .map(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default();
        (folder, Some(relative))
    };
    let manifest_path = folder.join("manifest.json");
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
        Failure::Message(format!(
            "cannot read {}: {e}; `aims verify` needs the pack folder that `aims pack` wrote, or a file in it",
            manifest_path.display()
        ))
    })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        Failure::Message(format!(
            "{} is not an aims manifest: {e}",
            manifest_path.display()
        ))
    })?;
    if manifest.generator != "aims" {
        return Err(Failure::Message(format!(
            "{} was not written by aims",
            manifest_path.display()
        )));
    }
    let mut found: BTreeMap<String, Digest> = BTreeMap::new();
    match &only {
        Some(name) => {
            if let Ok(bytes) = std::fs::read(folder.join(name)) {
                found.insert(name.clone(), digest(&bytes));
            }
        }
        None => {
            // Every regular file of the folder (symbolic links are reported, never followed).
            for entry in ignore::WalkBuilder::new(&folder)
                .standard_filters(false)
                .follow_links(false)
                .build()
                .flatten()
            {
                let Ok(relative) = entry.path().strip_prefix(&folder) else {
                    continue;
                };
                let relative = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let kind = entry.file_type();
                if kind.is_some_and(|t| t.is_file()) && is_safe_path(&relative) {
                    let bytes = std::fs::read(entry.path()).map_err(|e| {
                        Failure::Message(format!("cannot read {}: {e}", entry.path().display()))
                    })?;
                    found.insert(relative, digest(&bytes));
                } else if kind.is_some_and(|t| t.is_symlink()) {
                    // Present but not a file of the pack: it counts as added.
                    found.insert(relative, digest(b"symbolic link"));
                }
            }
        }
    }
    // The signature is checked, not listed.
    found.remove(super::signature::SIGNATURE_FILE);
    let problems = compare(&manifest, &found, only.as_deref());
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    let signature_path = folder.join(super::signature::SIGNATURE_FILE);
    let allowed = args
        .allowed_signers
        .as_deref()
        .zip(args.identity.as_deref());
    let mut bad_signature = false;
    if signature_path.is_file() {
        match super::signature::check(&signature_path, text.as_bytes(), allowed)? {
            Ok(said) => writeln!(out, "signature: {said}")?,
            Err(said) => {
                bad_signature = true;
                writeln!(
                    out,
                    "signature: {} does not verify manifest.json: {said}",
                    super::signature::SIGNATURE_FILE
                )?;
            }
        }
    } else if allowed.is_some() {
        bad_signature = true;
        writeln!(
            out,
            "signature: the pack is not signed (no {}), but --allowed-signers asks for one",
            super::signature::SIGNATURE_FILE
        )?;
    }
    let checked = match &only {
        Some(name) => format!("{name} against {}", manifest_path.display()),
        None => format!(
            "{} files against {}",
            manifest.files.len(),
            manifest_path.display()
        ),
    };
    let commit = manifest
        .commit
        .as_deref()
        .map(|c| format!(" (commit {})", &c[..c.len().min(10)]))
        .unwrap_or_default();
    if problems.is_empty() && !bad_signature {
        writeln!(out, "verified {checked}{commit}: every file matches")?;
        Ok(0)
    } else if problems.is_empty() {
        writeln!(
            out,
            "verified {checked}{commit}: every file matches, but the signature does not"
        )?;
        Ok(1)
    } else {
        writeln!(
            out,
            "verified {checked}{commit}: {} {} not match",
            problems.len(),
            if problems.len() == 1 {
                "file does"
            } else {
                "files do"
            }
        )?;
        Ok(1)
    }
}
