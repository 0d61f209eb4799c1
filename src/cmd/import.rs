//! `aims import`: reads the table and the mapping, plans every row, and writes the planned
//! files (each atomically) unless `--dry-run` or a problem says otherwise.

use super::export::write_file;
use super::{Failure, Outcome};
use crate::cli::ImportArgs;
use crate::load;
use crate::sheet::import::{Action, ImportInput, plan};
use crate::sheet::{import, mapping, table};
use crate::syntax::source::SourceFile;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

/// Above this many rows an import on a terminal shows a progress bar.
const PROGRESS_ROWS: usize = 300;

pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let config = load::config::load(&args.dir)?;
    let mapping_name = args.mapping.display().to_string();
    let text = std::fs::read_to_string(&args.mapping)
        .map_err(|e| Failure::Message(format!("cannot read the mapping {mapping_name}: {e}")))?;
    let source = Arc::new(SourceFile::new(mapping_name.clone(), text));
    let located = |findings: Vec<crate::diagnostic::Finding>| Failure::Located {
        source: source.clone(),
        summary: format!(
            "the mapping {mapping_name} cannot be used ({} {}); nothing was written",
            findings.len(),
            if findings.len() == 1 {
                "problem"
            } else {
                "problems"
            }
        ),
        findings,
    };
    let tree = load::config::toml_tree(&source).map_err(|(span, message)| {
        located(vec![crate::diagnostic::Finding::new(
            mapping::MAPPING_RULE,
            &mapping_name,
            span,
            message,
        )])
    })?;
    let mapping = mapping::parse(&tree, source.clone()).map_err(located)?;
    let table_name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::Message(format!("cannot read {table_name}: {e}")))?;
    let extension = args
        .file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let table = table::parse(
        bytes,
        extension,
        mapping.sheet.as_deref(),
        mapping.delimiter,
    )
    .map_err(|e| Failure::Message(format!("{table_name}: {e}")))?;
    let problems = import::check_mapping(&mapping, &table);
    if !problems.is_empty() {
        return Err(located(problems));
    }
    let loaded = load::load_repository(&config).map_err(Failure::Message)?;
    let root = config.root.clone();
    let existing_file = |path: &str| std::fs::read_to_string(root.join(path)).ok();
    let progress =
        (table.rows.len() > PROGRESS_ROWS && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(table.rows.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message("importing");
            bar
        });
    let planned = plan(
        &ImportInput {
            mapping: &mapping,
            table: &table,
            table_name: &table_name,
            model: &loaded.model,
            existing_file: &existing_file,
        },
        &|| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
        },
    );
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    for note in &planned.notes {
        writeln!(err, "warning: {note}")?;
    }
    if !planned.errors.is_empty() {
        for finding in &planned.errors {
            writeln!(
                err,
                "error[{}]: {}:{}: {}",
                finding.rule, finding.file, finding.span.start.line, finding.message
            )?;
            if let Some(help) = &finding.help {
                writeln!(err, "  = help: {help}")?;
            }
        }
        writeln!(
            err,
            "{} {} in the rows; nothing was written",
            planned.errors.len(),
            if planned.errors.len() == 1 {
                "problem"
            } else {
                "problems"
            }
        )?;
        return Ok(1);
    }
    let count = |action: Action| planned.rows.iter().filter(|r| r.action == action).count();
    let drafts: Vec<_> = planned
        .rows
        .iter()
        .filter(|r| !r.lacks.is_empty())
        .collect();
    if args.dry_run {
        for row in &planned.rows {
            let verb = match row.action {
                Action::Create => "would create",
                Action::Update => "would update",
                Action::Unchanged => "unchanged",
                Action::Skipped => "skipped",
            };
            write!(
                out,
                "row {}: {verb} {} `{}` in {}",
                row.row,
                mapping.kind.name(),
                row.id,
                row.file
            )?;
            if !row.lacks.is_empty() {
                write!(out, " (as a draft: lacks {})", row.lacks.join(", "))?;
            }
            writeln!(out)?;
        }
    } else {
        for (path, change) in &planned.files {
            write_file(&config.root.join(path), change.text.as_bytes())?;
        }
    }
    for (kind, id, name) in &planned.created_references {
        writeln!(
            out,
            "{} draft {} `{id}` for \"{name}\"",
            if args.dry_run {
                "would create"
            } else {
                "created"
            },
            kind.name()
        )?;
    }
    for (id, file, line) in &planned.not_in_source {
        writeln!(
            out,
            "not in {table_name}: {} `{id}` ({file}:{line}); it was kept",
            mapping.kind.name()
        )?;
    }
    writeln!(
        out,
        "{}{} rows of {table_name}: {} created, {} updated, {} unchanged{}{}",
        if args.dry_run {
            "dry run, nothing written: "
        } else {
            ""
        },
        planned.rows.len(),
        count(Action::Create),
        count(Action::Update),
        count(Action::Unchanged),
        if drafts.is_empty() {
            String::new()
        } else {
            format!(
                "; {} written as drafts (lacking required fields)",
                drafts.len()
            )
        },
        if args.dry_run || planned.files.is_empty() {
            String::new()
        } else {
            format!("; {} files written", planned.files.len())
        },
    )?;
    Ok(0)
}
