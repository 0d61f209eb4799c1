//! Facts about the files that evidence records point at: present, missing or outside the
//! repository. Files are looked at (metadata, symlink resolution), never read: a path that
//! leaves the repository must not make `aims` open `/etc/passwd`.

use crate::model::facts::{Digest, Escape, EvidenceFile, normalize};
use crate::model::{Kind, Model, RecordData};
use std::collections::HashMap;
use std::path::{Component, Path};

pub use crate::model::facts::digest;

/// Hashes every evidence file that is present inside the repository (and only those: a path
/// that leaves the repository is never opened), streaming each file through the hash; files of
/// at most `keep_bytes` are also returned whole, for the pack to carry.
pub fn hash_present(
    root: &Path,
    files: &HashMap<String, EvidenceFile>,
    keep_bytes: u64,
) -> super::EvidenceHashes {
    let mut digests = HashMap::new();
    let mut kept = HashMap::new();
    for (path, fact) in files {
        let EvidenceFile::Present { bytes } = fact else {
            continue;
        };
        let full = root.join(path);
        if *bytes <= keep_bytes {
            if let Ok(content) = std::fs::read(&full) {
                digests.insert(path.clone(), digest(&content));
                kept.insert(path.clone(), content);
            }
        } else if let Some(d) = stream_digest(&full) {
            digests.insert(path.clone(), d);
        }
    }
    (digests, kept)
}

/// SHA-256 and size of a file read in pieces, so a large file never sits in memory whole.
fn stream_digest(path: &Path) -> Option<Digest> {
    use sha2::Digest as _;
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        total += n as u64;
    }
    Some(Digest {
        sha256: hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        bytes: total,
    })
}

/// How `path` leaves the repository by its spelling alone, if it does.
pub fn lexical_escape(path: &str) -> Option<Escape> {
    if path.chars().any(char::is_control) {
        return Some(Escape::ControlCharacter);
    }
    if is_absolute(path) {
        return Some(Escape::Absolute);
    }
    let lower = path.to_lowercase();
    if ["%2e", "%2f", "%5c", "%00"]
        .iter()
        .any(|e| lower.contains(e))
    {
        return Some(Escape::Encoded);
    }
    // A backslash separates folders on Windows: `..\..\x` climbs there.
    let path = path.replace('\\', "/");
    if path
        .split('/')
        .any(|part| part.eq_ignore_ascii_case(".git"))
    {
        return Some(Escape::GitDirectory);
    }
    let mut depth = 0usize;
    for component in Path::new(&path).components() {
        match component {
            Component::ParentDir if depth == 0 => return Some(Escape::ParentDirectory),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return Some(Escape::Absolute),
        }
    }
    None
}

/// Inspects `path` (repository-relative, `/` separated) below `root`.
pub fn inspect(root: &Path, path: &str) -> EvidenceFile {
    if let Some(escape) = lexical_escape(path) {
        return EvidenceFile::Outside(escape);
    }
    let full = root.join(path);
    if std::fs::symlink_metadata(&full).is_err() {
        return EvidenceFile::Missing;
    }
    // Resolving links (in the file or any folder above it) tells where the path really is.
    let Ok(real) = std::fs::canonicalize(&full) else {
        return EvidenceFile::Missing;
    };
    let Ok(real_root) = std::fs::canonicalize(root) else {
        return EvidenceFile::Missing;
    };
    if !real.starts_with(&real_root) {
        return EvidenceFile::Outside(Escape::Symlink);
    }
    match std::fs::metadata(&real) {
        Ok(meta) if meta.is_file() && is_lfs_pointer(&real, meta.len()) => EvidenceFile::LfsPointer,
        Ok(meta) if meta.is_file() => EvidenceFile::Present { bytes: meta.len() },
        Ok(_) => EvidenceFile::NotAFile,
        Err(_) => EvidenceFile::Missing,
    }
}

/// Git LFS pointers are small text files that begin with the spec's version line; the
/// specification caps them at 1024 bytes.
fn is_lfs_pointer(path: &Path, bytes: u64) -> bool {
    use std::io::Read;
    const VERSION: &[u8] = b"version https://git-lfs.github.com/spec/";
    if bytes > 1024 || bytes < VERSION.len() as u64 {
        return false;
    }
    let mut start = [0u8; VERSION.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok_and(|()| start == VERSION)
}

/// `C:\x`, `\\server\x` and `/x` are absolute whatever machine reads the record.
fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('\\')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
        || Path::new(path).is_absolute()
}

/// Inspects the path of every valid evidence record, once per distinct path.
pub fn inspect_all(root: &Path, model: &Model) -> HashMap<String, EvidenceFile> {
    let mut facts = HashMap::new();
    for record in model.of_kind(Kind::Evidence) {
        if let Some(RecordData::Evidence(evidence)) = &record.data
            && let Some(path) = &evidence.path
            && !facts.contains_key(path.as_str())
        {
            facts.insert(path.to_string(), inspect(root, path));
        }
    }
    facts
}

/// The same facts for the tree of a past commit (`--baseline`): `files` are the paths in that
/// tree, `links` maps symbolic links to their targets. Nothing on disk is looked at.
pub fn inspect_tree(
    model: &Model,
    files: &std::collections::HashSet<String>,
    links: &HashMap<String, String>,
) -> HashMap<String, EvidenceFile> {
    let mut facts: HashMap<String, EvidenceFile> = HashMap::new();
    for record in model.of_kind(Kind::Evidence) {
        let Some(RecordData::Evidence(evidence)) = &record.data else {
            continue;
        };
        let Some(path) = &evidence.path else { continue };
        let fact = if let Some(escape) = lexical_escape(path) {
            EvidenceFile::Outside(escape)
        } else {
            let normalized = normalize(path);
            match links.get(&normalized) {
                Some(target) => {
                    // A link's target is relative to the link's folder.
                    let folder = normalized.rsplit_once('/').map_or("", |(f, _)| f);
                    let joined = format!("{folder}/{target}");
                    if lexical_escape(target).is_some() || lexical_escape(&joined).is_some() {
                        EvidenceFile::Outside(Escape::Symlink)
                    } else if files.contains(&normalize(&joined)) {
                        EvidenceFile::Present { bytes: 0 }
                    } else {
                        EvidenceFile::Missing
                    }
                }
                None if files.contains(&normalized) => EvidenceFile::Present { bytes: 0 },
                None if files
                    .iter()
                    .any(|f| f.starts_with(&format!("{normalized}/"))) =>
                {
                    EvidenceFile::NotAFile
                }
                None => EvidenceFile::Missing,
            }
        };
        facts.insert(path.to_string(), fact);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_escapes_are_caught_without_touching_the_disk() {
        let root = Path::new("/nonexistent-aims-root");
        assert_eq!(
            inspect(root, "../../etc/passwd"),
            EvidenceFile::Outside(Escape::ParentDirectory)
        );
        assert_eq!(
            inspect(root, "a/../../x"),
            EvidenceFile::Outside(Escape::ParentDirectory)
        );
        assert_eq!(
            inspect(root, "/etc/passwd"),
            EvidenceFile::Outside(Escape::Absolute)
        );
        assert_eq!(
            inspect(root, "C:\\Windows\\win.ini"),
            EvidenceFile::Outside(Escape::Absolute)
        );
        assert_eq!(inspect(root, "a/../b.md"), EvidenceFile::Missing);
    }

    #[test]
    fn files_folders_and_links_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("evidence")).unwrap();
        std::fs::write(root.join("evidence/report.md"), "12345").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        assert_eq!(
            inspect(&root, "evidence/report.md"),
            EvidenceFile::Present { bytes: 5 }
        );
        assert_eq!(inspect(&root, "evidence"), EvidenceFile::NotAFile);
        assert_eq!(inspect(&root, "evidence/none.md"), EvidenceFile::Missing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak")).unwrap();
            std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
            std::os::unix::fs::symlink("evidence/report.md", root.join("alias.md")).unwrap();
            assert_eq!(
                inspect(&root, "leak"),
                EvidenceFile::Outside(Escape::Symlink)
            );
            assert_eq!(
                inspect(&root, "up/secret.txt"),
                EvidenceFile::Outside(Escape::Symlink)
            );
            assert_eq!(
                inspect(&root, "alias.md"),
                EvidenceFile::Present { bytes: 5 }
            );
        }
    }
}
