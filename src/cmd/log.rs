//! `aims log RECORD`: a record's change history from git, as an auditor reads it (7.5.3
//! document control): version, first and last change, authors, approvals, every commit.

use super::analyse::{analyse, note_unknown_git};
use super::{Failure, Outcome};
use crate::cli::{ListFormat, LogArgs};
use crate::diagnostic::closest;
use crate::model::{Kind, Record};
use crate::report::truncate;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonLog<'a> {
    version: u32,
    kind: &'a str,
    id: &'a str,
    file: &'a str,
    /// How many records share the file: history is kept per file.
    records_in_file: usize,
    history_known: bool,
    history: crate::model::facts::FileHistory<'a>,
}

pub fn run(args: &LogArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let today = jiff::Zoned::now().date();
    let (_, loaded, _) = analyse(&args.dir, today, None)?;
    note_unknown_git(&loaded, err)?;
    let model = &loaded.model;
    let (kind, id) = match args.record.split_once('/') {
        Some((kind, id)) => {
            let kind = Kind::from_name(kind).ok_or_else(|| {
                let hint = closest(kind, Kind::ALL.iter().map(|k| k.name())).map_or_else(
                    || "such as `Risk`".to_string(),
                    |k| format!("did you mean `{k}`?"),
                );
                Failure::Message(format!("`{kind}` is not a record kind ({hint})"))
            })?;
            (Some(kind), id)
        }
        None => (None, args.record.as_str()),
    };
    let matches: Vec<&Record> = model
        .records
        .iter()
        .filter(|r| r.id == id && kind.is_none_or(|k| r.kind == k))
        .collect();
    let record = match matches.as_slice() {
        [] => {
            let hint = closest(id, model.records.iter().map(|r| r.id.as_str()))
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            return Err(Failure::Message(format!("no record has id `{id}`{hint}")));
        }
        [one] => *one,
        several => {
            let kinds: Vec<String> = several
                .iter()
                .map(|r| format!("`{}/{}`", r.kind.name(), r.id))
                .collect();
            return Err(Failure::Message(format!(
                "several records have id `{id}`: name one as {}",
                kinds.join(" or ")
            )));
        }
    };
    let git = &model.git;
    let history = git.history(record.file());
    let records_in_file = model
        .records
        .iter()
        .filter(|r| r.file() == record.file())
        .count();
    if args.format == ListFormat::Json {
        serde_json::to_writer_pretty(
            &mut *out,
            &JsonLog {
                version: 1,
                kind: record.kind.name(),
                id: &record.id,
                file: record.file(),
                records_in_file,
                history_known: git.history_known,
                history,
            },
        )
        .map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(0);
    }
    let title = record
        .node
        .get("title")
        .or_else(|| record.node.get("name"))
        .and_then(|t| t.as_str())
        .map(|t| format!(" \"{t}\""))
        .unwrap_or_default();
    writeln!(
        out,
        "{} {}{title}\n  file: {}",
        record.kind.name(),
        record.id,
        record.file()
    )?;
    if !git.history_known {
        writeln!(out, "  history: unknown (see the warning above)")?;
        return Ok(0);
    }
    match (history.first, history.last) {
        (Some(first), Some(last)) => {
            writeln!(
                out,
                "  version: {} (commits that changed the file)",
                history.version
            )?;
            writeln!(out, "  created: {} by {}", first.date, first.author)?;
            writeln!(out, "  last changed: {} by {}", last.date, last.author)?;
            writeln!(out, "  authors: {}", history.authors.join(", "))?;
        }
        _ => writeln!(out, "  never committed")?,
    }
    if history.dirty {
        writeln!(out, "  uncommitted changes in the working tree")?;
    }
    if records_in_file > 1 {
        writeln!(
            out,
            "  note: history is kept per file, and this file holds {records_in_file} records"
        )?;
    }
    if history.commits.is_empty() {
        return Ok(0);
    }
    writeln!(
        out,
        "\n  {:<10}  {:<10}  {:<20}  {:<44}  approved by",
        "date", "commit", "author", "change"
    )?;
    for commit in &history.commits {
        writeln!(
            out,
            "  {:<10}  {:<10}  {:<20}  {:<44}  {}",
            commit.date.to_string(),
            &commit.id[..commit.id.len().min(10)],
            truncate(&commit.author, 20),
            truncate(&commit.subject, 44),
            if commit.approved_by.is_empty() {
                "-".to_string()
            } else {
                commit.approved_by.join(", ")
            }
        )?;
    }
    Ok(0)
}
