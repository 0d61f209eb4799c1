//! Everything that reads the user's repository: discovery, YAML and TOML with spans, schema
//! validation and typing of records. The only module that touches the file system.
//!
//! Problems found while loading (`yaml-syntax`, `schema`, `unknown-kind`, `file-unreadable`)
//! are returned as findings beside the model; one bad file never stops the others.

pub mod config;
pub mod evidence;
pub mod git;
pub mod yaml;

use crate::diagnostic::{Finding, Span, closest};
use crate::model::facts::{Digest, EvidenceFile, normalize};
use crate::model::settings::Config;
use crate::model::{Kind, Model, Record, RecordData};
use crate::schema::Schema;
use crate::syntax::source::SourceFile;
use crate::syntax::tree::{Key, Node, NodeValue};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const YAML_SYNTAX: &str = "yaml-syntax";
pub const SCHEMA: &str = "schema";
pub const UNKNOWN_KIND: &str = "unknown-kind";
pub const FILE_UNREADABLE: &str = "file-unreadable";
pub const MISSING_KIND: &str = "missing-kind";
pub const FILE_SKIPPED: &str = "file-skipped";

/// The loaded repository: typed model plus what went wrong while loading.
pub struct Loaded {
    pub model: Model,
    pub findings: Vec<Finding>,
}

/// Discovers, reads, parses and validates every record file below the configured root.
pub fn load_repository(config: &Config) -> Result<Loaded, String> {
    let (paths, skipped) = discover(config)?;
    let outcomes: Vec<FileOutcome> = paths
        .par_iter()
        .map(|(absolute, relative)| load_file(absolute, relative, config.max_file_bytes))
        .collect();
    // Sized once: doubling a vector of 100,000 records would hold two copies at its peak.
    let mut records = Vec::with_capacity(outcomes.iter().map(|o| o.records.len()).sum());
    let mut findings = Vec::with_capacity(
        outcomes.iter().map(|o| o.findings.len()).sum::<usize>() + skipped.len(),
    );
    let mut files = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        records.extend(outcome.records);
        findings.extend(outcome.findings);
        files.extend(outcome.source);
    }
    findings.extend(skipped);
    let mut model = Model::new(records, files);
    model.evidence_files = evidence::inspect_all(&config.root, &model);
    model.git = git::read(&config.root);
    Ok(Loaded { model, findings })
}

/// Loads the AIMS as it was at commit `rev`, from git objects only: the working tree is not
/// read or touched. The same filters apply as on disk (extensions, hidden paths, excludes).
pub fn load_revision(config: &Config, rev: &str) -> Result<Loaded, String> {
    let excluded = exclusion_set(&config.exclude)?;
    let records = record_set(&config.records)?;
    let is_record_file = |path: &str| {
        let hidden = path.split('/').any(|part| part.starts_with('.'));
        let record_file = matches!(
            Path::new(path).extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "md")
        );
        // A folder excluded by a glob excludes everything below it, as on disk.
        let is_excluded = path
            .char_indices()
            .filter(|(_, c)| *c == '/')
            .map(|(i, _)| &path[..i])
            .chain([path])
            .any(|p| excluded.is_match(p));
        record_file && !hidden && !is_excluded && records.as_ref().is_none_or(|r| r.is_match(path))
    };
    let (_, files) = git::files_at(&config.root, rev, &is_record_file)?;
    let mut paths = std::collections::HashSet::new();
    let mut links = std::collections::HashMap::new();
    let mut wanted = Vec::new();
    let mut skipped = Vec::new();
    for (path, bytes, is_link) in files {
        paths.insert(path.clone());
        match (bytes, is_link) {
            (Some(bytes), true) => {
                skipped.push(
                    Finding::new(
                        FILE_SKIPPED,
                        &path,
                        Span::file_start(),
                        format!("`{path}` is a symbolic link; aims reads no links (a link can lead outside the repository), so any records in it were not checked"),
                    )
                    .with_help("replace it with the file itself, or exclude it with `[aims] exclude`"),
                );
                links.insert(path, String::from_utf8_lossy(&bytes).into_owned());
            }
            (Some(bytes), false) => wanted.push((path, bytes)),
            (None, _) => {}
        }
    }
    let outcomes: Vec<FileOutcome> = wanted
        .into_par_iter()
        .map(|(path, bytes)| {
            if bytes.len() as u64 > config.max_file_bytes {
                return too_large(&path, bytes.len() as u64, config.max_file_bytes);
            }
            load_bytes(&path, bytes)
        })
        .collect();
    let mut records = Vec::new();
    let mut findings = Vec::new();
    let mut sources = Vec::new();
    for outcome in outcomes {
        records.extend(outcome.records);
        findings.extend(outcome.findings);
        sources.extend(outcome.source);
    }
    findings.extend(skipped);
    let mut model = Model::new(records, sources);
    model.evidence_files = evidence::inspect_tree(&model, &paths, &links);
    model.git = git::read_at(&config.root, rev);
    Ok(Loaded { model, findings })
}

/// Evidence digests by path, and the contents of the files small enough to carry.
pub type EvidenceHashes = (HashMap<String, Digest>, HashMap<String, Vec<u8>>);

/// SHA-256 and size of every evidence file present in the repository (at `rev`, from git
/// objects, or in the working tree), and the contents of those of at most `keep_bytes`, which
/// the pack carries. Only the pack needs them, so `check` never reads evidence files.
pub fn evidence_digests(
    config: &Config,
    model: &Model,
    rev: Option<&str>,
    keep_bytes: u64,
) -> Result<EvidenceHashes, String> {
    let Some(rev) = rev else {
        return Ok(evidence::hash_present(
            &config.root,
            &model.evidence_files,
            keep_bytes,
        ));
    };
    // Record paths as written, keyed by where they are in the tree.
    let present: HashMap<String, &String> = model
        .evidence_files
        .iter()
        .filter(|(_, fact)| matches!(fact, EvidenceFile::Present { .. }))
        .map(|(path, _)| (normalize(path), path))
        .collect();
    let (_, files) = git::files_at(&config.root, rev, &|path| present.contains_key(path))?;
    let mut digests = HashMap::new();
    let mut kept = HashMap::new();
    for (path, bytes, is_link) in files {
        let (Some(original), Some(bytes), false) = (present.get(&path), bytes, is_link) else {
            continue;
        };
        digests.insert((*original).clone(), evidence::digest(&bytes));
        if bytes.len() as u64 <= keep_bytes {
            kept.insert((*original).clone(), bytes);
        }
    }
    Ok((digests, kept))
}

/// The AIMS root's path inside the enclosing git work tree, with a trailing `/` (`""` when
/// the root is the work tree, or when there is none): SARIF and GitHub annotations name files
/// relative to the repository on GitHub, which may hold the AIMS in a subfolder.
pub fn path_in_git_work_tree(root: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for ancestor in root.ancestors() {
        if ancestor.join(".git").exists() {
            let inside = relative_path(ancestor, &root);
            return if inside.is_empty() {
                String::new()
            } else {
                format!("{inside}/")
            };
        }
    }
    String::new()
}

/// A repository's own versions of pack templates (`templates/md/README.md.j2`, ...), for the
/// names in `known` that it has. Files that cannot be read as UTF-8 are skipped.
pub fn read_template_overrides(
    root: &Path,
    known: &[(&str, &str)],
) -> std::collections::BTreeMap<String, String> {
    known
        .iter()
        .filter_map(|(name, _)| {
            let text = std::fs::read_to_string(root.join("templates").join(name)).ok()?;
            Some((name.to_string(), text))
        })
        .collect()
}

/// Record candidates below the root, sorted by path: `(absolute, repository-relative)`.
/// Record candidates, and a `file-skipped` warning for each that is not read.
type Discovered = (Vec<(PathBuf, String)>, Vec<Finding>);

fn discover(config: &Config) -> Result<Discovered, String> {
    let excluded = exclusion_set(&config.exclude)?;
    let records = record_set(&config.records)?;
    let root = config.root.clone();
    let walk_root = root.clone();
    let mut walker = ignore::WalkBuilder::new(&root);
    walker
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .filter_entry(move |entry| {
            let relative = relative_path(&walk_root, entry.path());
            relative.is_empty() || !excluded.is_match(&relative)
        });
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for entry in walker.build() {
        let entry = entry.map_err(|e| format!("cannot walk the repository: {e}"))?;
        let path = entry.path();
        let wanted = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "md")
        );
        let relative = relative_path(&root, path);
        if !wanted || records.as_ref().is_some_and(|r| !r.is_match(&relative)) {
            continue;
        }
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_file() {
            found.push((path.to_path_buf(), relative));
            continue;
        }
        if kind.is_dir() {
            continue;
        }
        // Never silence: a record file aims does not read is said so, with why.
        let why = if kind.is_symlink() {
            "is a symbolic link; aims reads no links (a link can lead outside the repository)"
        } else {
            "is not a regular file (a pipe, socket or device); aims reads only regular files"
        };
        skipped.push(
            Finding::new(
                FILE_SKIPPED,
                &relative,
                Span::file_start(),
                format!("`{relative}` {why}, so any records in it were not checked"),
            )
            .with_help("replace it with the file itself, or exclude it with `[aims] exclude`"),
        );
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok((found, skipped))
}

/// `[aims] records`: `None` when unset (every candidate file holds records).
fn record_set(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| {
            format!("`[aims] records` pattern `{pattern}` is not a valid glob: {e}")
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| format!("`[aims] records` patterns cannot be used: {e}"))
}

fn exclusion_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| {
            format!("`[aims] exclude` pattern `{pattern}` is not a valid glob: {e}")
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| format!("`[aims] exclude` patterns cannot be used: {e}"))
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Default)]
struct FileOutcome {
    source: Option<Arc<SourceFile>>,
    records: Vec<Record>,
    findings: Vec<Finding>,
}

/// A file that could not be read at all: one finding, no records.
fn unreadable(relative: &str, message: String) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    outcome.findings.push(Finding::new(
        FILE_UNREADABLE,
        relative,
        Span::file_start(),
        message,
    ));
    outcome
}

fn too_large(relative: &str, bytes: u64, max_bytes: u64) -> FileOutcome {
    unreadable(
        relative,
        format!(
            "file is {bytes} bytes, over the {} MiB limit; it was not read",
            max_bytes / (1024 * 1024)
        ),
    )
}

fn load_file(absolute: &Path, relative: &str, max_bytes: u64) -> FileOutcome {
    let unreadable = |message: String| unreadable(relative, message);
    match std::fs::metadata(absolute) {
        Ok(meta) if meta.len() > max_bytes => return too_large(relative, meta.len(), max_bytes),
        Ok(_) => {}
        Err(e) => return unreadable(format!("cannot read file: {e}")),
    }
    let bytes = match std::fs::read(absolute) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable(format!("cannot read file: {e}")),
    };
    load_bytes(relative, bytes)
}

/// One record file's bytes read as `aims check` reads them: its records and the findings about
/// its syntax. `relative` decides YAML or Markdown (`.md`). For tools and fuzzing.
pub fn read_record_file(relative: &str, bytes: Vec<u8>) -> (Vec<Record>, Vec<Finding>) {
    let outcome = load_bytes(relative, bytes);
    (outcome.records, outcome.findings)
}

/// Parses one file's bytes into records and findings: shared by the working tree and by
/// trees read from git objects (`--baseline`).
fn load_bytes(relative: &str, bytes: Vec<u8>) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let unreadable = |message: String| unreadable(relative, message);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let prefix = SourceFile::new(relative.to_string(), valid.to_string());
            let pos = prefix.pos_of_offset(prefix.text.len());
            let mut outcome = unreadable("file is not valid UTF-8 text".to_string());
            outcome.findings[0].span = Span::point(pos);
            outcome.findings[0].help = Some("save the file as UTF-8".into());
            return outcome;
        }
    };
    let source = Arc::new(SourceFile::new(relative.to_string(), text));
    if let Some(finding) = merge_conflict(&source) {
        outcome.findings.push(finding);
        outcome.source = Some(source);
        return outcome;
    }
    let is_markdown = relative.ends_with(".md");
    let (documents, body, errors) = if is_markdown {
        match front_matter(&source) {
            FrontMatter::None => return outcome,
            FrontMatter::Unclosed => {
                outcome.findings.push(
                    Finding::new(
                        YAML_SYNTAX,
                        relative,
                        Span::file_start(),
                        "front matter starts with `---` but never ends",
                    )
                    .with_help("close the front matter with a line holding only `---`"),
                );
                outcome.source = Some(source);
                return outcome;
            }
            FrontMatter::Found { yaml, body } => {
                let parsed = yaml::parse(&source.text[yaml], 1);
                (parsed.documents, Some(body), parsed.errors)
            }
        }
    } else {
        let parsed = yaml::parse(&source.text, 0);
        (parsed.documents, None, parsed.errors)
    };
    for error in errors {
        let mut finding = Finding::new(YAML_SYNTAX, relative, error.span, error.message);
        finding.help = error.help.map(Into::into);
        if let Some((span, message)) = error.related {
            finding = finding.with_related(relative, span, message);
        }
        outcome.findings.push(finding);
    }
    let any_kind = documents
        .iter()
        .any(|d| d.get("kind").is_some() && !is_other_tools(d));
    if is_markdown && !any_kind {
        return outcome;
    }
    for document in documents {
        load_document(document, body.clone(), &source, any_kind, &mut outcome);
    }
    // Every file's outcome is held until all are read: no spare capacity per file.
    outcome.records.shrink_to_fit();
    outcome.findings.shrink_to_fit();
    outcome.source = Some(source);
    outcome
}

/// A document another tool owns: a Kubernetes or Backstage manifest (`apiVersion`), kept in the
/// repository as evidence or configuration. Its `kind` is that tool's, not an AIMS record kind,
/// even when the names collide (Kyverno's `kind: Policy`).
fn is_other_tools(document: &Node) -> bool {
    document.get("apiVersion").is_some()
        || (document.get("metadata").is_some() && document.get("spec").is_some())
}

/// A warning for a document without `kind` that is plainly meant as a record: a key that is a
/// misspelt `kind` naming a record kind, or every required field of a kind (at least three) and
/// no field that kind does not know.
fn lookalike(document: &Node, file: &str) -> Option<Finding> {
    let NodeValue::Map(entries) = &document.value else {
        return None;
    };
    let misspelt = entries.iter().find_map(|(key, value)| {
        let near_kind = key.name.to_lowercase() == "kind"
            || strsim::damerau_levenshtein(&key.name.to_lowercase(), "kind") == 1;
        let kind = Kind::ALL.iter().find(|k| {
            value
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case(k.name()))
        })?;
        near_kind.then_some((key, *kind))
    });
    if let Some((key, kind)) = misspelt {
        return Some(
            Finding::new(
                MISSING_KIND,
                file,
                key.span(),
                format!(
                    "`{}` is not `kind`: this looks like a {} record, but without `kind` it is not read",
                    key.name,
                    kind.name()
                ),
            )
            .with_help(format!("write the key in lower case: `kind: {}`", kind.name())),
        );
    }
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_str()).collect();
    let kind = Kind::ALL.iter().copied().find(|kind| {
        let required = crate::schema::required_fields(*kind);
        let known = crate::schema::property_names(*kind);
        required.len() >= 3
            && required.iter().all(|field| keys.contains(&field.as_str()))
            && keys.iter().all(|key| known.iter().any(|k| k == key))
    })?;
    Some(
        Finding::new(
            MISSING_KIND,
            file,
            Span::point(document.span.start),
            format!(
                "this looks like a {} record but has no `kind`, so it is not read",
                kind.name()
            ),
        )
        .with_help(format!(
            "add `kind: {}` as the first line of the record; if it is not a record, exclude the file with `[aims] exclude` or `[aims] records`",
            kind.name()
        )),
    )
}

/// Unresolved merge-conflict markers: named as such at the first marker, rather than as the
/// YAML error they cause a line later. A Markdown body may hold `=======` (a setext heading),
/// so only the opening and closing markers count there.
fn merge_conflict(source: &SourceFile) -> Option<Finding> {
    let is_markdown = source.path.ends_with(".md");
    let mut markers = source.lines().enumerate().filter(|(_, line)| {
        line.starts_with("<<<<<<< ")
            || line.starts_with(">>>>>>> ")
            || line.starts_with("|||||||")
            || (!is_markdown && *line == "=======")
    });
    let (index, line) = markers.next()?;
    let count = 1 + markers.count();
    let line_number = index as u32 + 1;
    Some(
        Finding::new(
            YAML_SYNTAX,
            &source.path,
            Span::new(
                crate::diagnostic::Pos {
                    line: line_number,
                    column: 1,
                },
                crate::diagnostic::Pos {
                    line: line_number,
                    column: line.chars().count() as u32 + 1,
                },
            ),
            format!(
                "unresolved merge conflict: the file still has the conflict markers git wrote ({count} {} from here); it was not read",
                if count == 1 { "marker" } else { "markers" }
            ),
        )
        .with_help("resolve the conflict (keep one side, or merge both by hand), remove the `<<<<<<<`, `=======` and `>>>>>>>` lines, and commit"),
    )
}

enum FrontMatter {
    None,
    Unclosed,
    Found {
        yaml: std::ops::Range<usize>,
        body: (std::ops::Range<usize>, Span),
    },
}

/// Finds a `---` fenced YAML block at the very start of a Markdown file.
fn front_matter(source: &SourceFile) -> FrontMatter {
    let text = &source.text;
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return FrontMatter::None;
    };
    let start = text.len() - after_open.len();
    let mut offset = start;
    for line in after_open.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + line.len();
            let body_span = Span::new(
                source.pos_of_offset(body_start),
                source.pos_of_offset(text.len()),
            );
            return FrontMatter::Found {
                yaml: start..offset,
                body: (body_start..text.len(), body_span),
            };
        }
        offset += line.len();
    }
    if after_open.lines().any(|l| l.starts_with("kind:")) {
        FrontMatter::Unclosed
    } else {
        FrontMatter::None
    }
}

fn load_document(
    mut document: Node,
    body: Option<(std::ops::Range<usize>, Span)>,
    source: &Arc<SourceFile>,
    file_has_records: bool,
    outcome: &mut FileOutcome,
) {
    let file = source.path.as_str();
    if is_other_tools(&document) {
        return;
    }
    if !matches!(document.value, NodeValue::Map(_)) {
        if file_has_records {
            outcome.findings.push(
                Finding::new(
                    SCHEMA,
                    file,
                    document.span,
                    format!("this document is {}, not a record", document.describe()),
                )
                .with_help("a record is a mapping of fields starting with `kind:` and `id:`"),
            );
        }
        return;
    }
    let Some((kind_key, kind_node)) = document.entry("kind").cloned() else {
        if !file_has_records && body.is_none() {
            outcome.findings.extend(lookalike(&document, file));
        }
        if file_has_records {
            outcome.findings.push(
                Finding::new(
                    SCHEMA,
                    file,
                    Span::point(document.span.start),
                    "this document has no `kind`",
                )
                .with_help("every document in a record file needs `kind:`, such as `kind: Risk`"),
            );
        }
        return;
    };
    let Some(kind_name) = kind_node.as_str() else {
        outcome.findings.push(Finding::new(
            SCHEMA,
            file,
            kind_node.span,
            format!(
                "`kind` must name a record kind, found {}",
                kind_node.describe()
            ),
        ));
        return;
    };
    let Some(kind) = Kind::from_name(kind_name) else {
        let names = Kind::ALL.iter().map(|k| k.name());
        let help = match closest(kind_name, names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "known kinds: {}",
                Kind::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        outcome.findings.push(
            Finding::new(
                UNKNOWN_KIND,
                file,
                kind_node.span,
                format!("unknown record kind `{kind_name}`"),
            )
            .with_help(help),
        );
        return;
    };
    if let Some((range, span)) = body {
        if let Some((key, _)) = document.entry("body") {
            outcome.findings.push(
                Finding::new(
                    SCHEMA,
                    file,
                    key.span(),
                    "`body` is set in the front matter and by the Markdown text below it",
                )
                .with_help("remove `body` from the front matter; the text after it is the body"),
            );
            return;
        }
        if let NodeValue::Map(entries) = &mut document.value {
            let text = source.text[range].to_string();
            let mut with_body = std::mem::take(entries).into_vec();
            with_body.push((
                Key::new("body".into(), Span::point(span.start)),
                Node::new(NodeValue::Str(text.into()), span),
            ));
            *entries = with_body.into_boxed_slice();
        }
    }
    let id = document
        .get("id")
        .and_then(Node::as_str)
        .map(str::to_string);
    let subject = match &id {
        Some(id) => format!("{} `{id}`", kind.label()),
        None => format!("this {}", kind.label()),
    };
    let mut json = document.to_json();
    let issues = Schema::for_kind(kind).check(&document, &json, source, &subject);
    let valid = issues.is_empty();
    for issue in issues {
        let mut finding = Finding::new(SCHEMA, file, issue.span, issue.message);
        finding.help = issue.help.map(Into::into);
        if let Some(id) = &id {
            finding = finding.for_record(kind.name(), id);
        }
        outcome.findings.push(finding);
    }
    let Some(id) = id else {
        return;
    };
    let draft = document
        .get("draft")
        .is_some_and(|d| d.value == NodeValue::Bool(true));
    // A draft is shown and counted as a draft, never as a complete record: no typed data.
    let data = if valid && !draft {
        if let Some(object) = json.as_object_mut() {
            // Fields every kind shares are read from the tree, not typed per kind.
            for common in ["kind", "draft", "extra", "external_ids"] {
                object.remove(common);
            }
        }
        match RecordData::from_json(kind, json) {
            Ok(data) => Some(data),
            Err(error) => {
                outcome.findings.push(
                    Finding::new(
                        SCHEMA,
                        file,
                        kind_key.span(),
                        format!("{subject} could not be read: {error}"),
                    )
                    .for_record(kind.name(), &id),
                );
                None
            }
        }
    } else {
        None
    };
    outcome.records.push(Record {
        kind,
        id: id.into(),
        source: source.clone(),
        node: document,
        data,
        draft,
    });
}
