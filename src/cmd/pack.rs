//! `aims pack`: renders the evidence pack into `--out`, atomically: it is built in a temporary
//! folder beside `--out` and renamed into place, so a failed build leaves the previous pack.

use super::analyse::{analyse, note_unknown_git};
use super::{Failure, Outcome};
use crate::cli::{PackArgs, PackFormat};
use crate::diagnostic::FindingCounts;
use crate::load::{self, evidence::digest};
use crate::pack::manifest::{Disclosures, Manifest, ManifestFile, ManifestSummary};
use crate::pack::{self, Formats, view};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &PackArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let today = args.as_of.unwrap_or_else(|| jiff::Zoned::now().date());
    let formats = formats_of(&args.format);
    let (config, mut loaded, findings) = analyse(&args.dir, today, args.at.as_deref())?;
    let (digests, evidence_contents) = load::evidence_digests(
        &config,
        &loaded.model,
        args.at.as_deref(),
        config.max_evidence_copy_bytes,
    )
    .map_err(Failure::Message)?;
    loaded.model.evidence_digests = digests;
    // The pack carries each in-repository evidence file, by its normalized path.
    let evidence: std::collections::BTreeMap<String, Vec<u8>> = evidence_contents
        .into_iter()
        .map(|(path, bytes)| (crate::model::facts::normalize(&path), bytes))
        .collect();
    note_unknown_git(&loaded, err)?;
    let errors = FindingCounts::of(&findings).errors;
    if args.strict && errors > 0 {
        writeln!(
            err,
            "error: --strict: `aims check` finds {errors} error-level findings; no pack was written"
        )?;
        return Ok(1);
    }
    let target = absolute(&args.out)?;
    refuse_unsafe_target(&target, &config.root, &loaded.model)?;

    let then = match &args.since {
        Some(rev) => Some(load::load_revision(&config, rev).map_err(Failure::Message)?),
        None => None,
    };
    let view = view::build(&view::PackInput {
        model: &loaded.model,
        since: args.since.as_deref().zip(then.as_ref().map(|t| &t.model)),
        config: &config,
        findings: &findings,
        today,
    });
    let overrides = load::read_template_overrides(&config.root, pack::TEMPLATES);
    let mut files =
        pack::render(&view, formats, &overrides, &evidence).map_err(Failure::Message)?;
    let manifest = Manifest {
        generator: "aims".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        commit: view.commit.clone(),
        build_date: view.build_date.clone(),
        as_of: view.as_of.clone(),
        summary: ManifestSummary {
            errors: view.errors,
            warnings: view.warnings,
            waived: view.waived,
        },
        disclosures: Disclosures {
            rule_overrides: view.rule_overrides.clone(),
            waivers_in_force: view.waivers_in_force.clone(),
            uncommitted_files: view.uncommitted_files,
        },
        files: files
            .iter()
            .map(|(path, bytes)| {
                let d = digest(bytes);
                ManifestFile {
                    path: path.clone(),
                    sha256: d.sha256,
                    bytes: d.bytes,
                }
            })
            .collect(),
    };
    let mut manifest_text = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::from)?;
    manifest_text.push(b'\n');
    if let Some(key) = &args.sign {
        let signature = super::signature::sign(key, &manifest_text)?;
        files.push((super::signature::SIGNATURE_FILE.to_string(), signature));
    }
    files.push(("manifest.json".to_string(), manifest_text));
    write_atomically(&target, &files)?;
    writeln!(
        out,
        "wrote the evidence pack to {} ({} files{}{}{}): {} errors, {} warnings",
        args.out.display(),
        files.len(),
        if formats.markdown {
            ", markdown/README.md"
        } else {
            ""
        },
        if formats.html { ", pack.html" } else { "" },
        match files
            .iter()
            .filter(|(path, _)| path.starts_with("pack-volume-"))
            .count()
        {
            _ if !formats.pdf => String::new(),
            0 => ", pack.pdf".to_string(),
            1 => ", pack.pdf and 1 further PDF volume".to_string(),
            further => format!(", pack.pdf and {further} further PDF volumes"),
        },
        view.errors,
        view.warnings
    )?;
    Ok(0)
}

fn formats_of(list: &[PackFormat]) -> Formats {
    Formats {
        markdown: list.contains(&PackFormat::Markdown),
        html: list.contains(&PackFormat::Html),
        pdf: list.contains(&PackFormat::Pdf),
    }
}

fn absolute(path: &Path) -> Result<PathBuf, Failure> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    // Resolve what exists, so `..` and links cannot disguise where the pack goes.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// `--out` must not be the repository, a folder above it, a folder of records, or a folder
/// that holds something other than an earlier pack: replacing it would destroy work.
fn refuse_unsafe_target(
    target: &Path,
    root: &Path,
    model: &crate::model::Model,
) -> Result<(), Failure> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let refuse = |why: String| {
        Err(Failure::Message(format!(
            "refusing `--out {}`: {why}",
            target.display()
        )))
    };
    if root.starts_with(target) {
        return refuse("it is the repository or a folder above it".to_string());
    }
    for file in &model.files {
        let folder = root.join(&file.path);
        let Some(folder) = folder.parent() else {
            continue;
        };
        if folder != root && target.starts_with(folder) {
            return refuse(format!(
                "it is inside `{}`, which holds records",
                folder.strip_prefix(&root).unwrap_or(folder).display()
            ));
        }
    }
    if target.exists() {
        if !target.is_dir() {
            return refuse("it exists and is not a folder".to_string());
        }
        let empty = std::fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        let manifest = std::fs::read_to_string(target.join("manifest.json")).unwrap_or_default();
        let is_pack = manifest.contains("\"generator\": \"aims\"");
        if !empty && !is_pack {
            return refuse(
                "it is a folder that is not an earlier aims pack (no aims manifest.json)"
                    .to_string(),
            );
        }
    }
    Ok(())
}

/// Writes every file into a fresh folder beside `target`, then swaps it into place; the old
/// pack is removed only once the new one is there.
fn write_atomically(target: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Failure> {
    let parent = target
        .parent()
        .ok_or_else(|| Failure::Message("`--out` has no parent folder".into()))?;
    std::fs::create_dir_all(parent)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "pack".to_string());
    let staging = parent.join(format!(".{name}.aims-new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.aims-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| -> std::io::Result<()> {
        for (path, bytes) in files {
            let file = staging.join(path);
            if let Some(folder) = file.parent() {
                std::fs::create_dir_all(folder)?;
            }
            std::fs::write(&file, bytes)?;
        }
        if target.exists() {
            std::fs::rename(target, &previous)?;
        }
        if let Err(error) = std::fs::rename(&staging, target) {
            if previous.exists() {
                let _ = std::fs::rename(&previous, target);
            }
            return Err(error);
        }
        let _ = std::fs::remove_dir_all(&previous);
        Ok(())
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Failure::Message(format!(
            "cannot write the pack to `{}`: {error}; any earlier pack there is unchanged",
            target.display()
        )));
    }
    Ok(())
}
