//! `aims status`: readiness per clause and Annex A area, controls documented versus operating,
//! open risks and nonconformities, what is overdue and what to do next.

use super::Outcome;
use super::analyse::{analyse, note_unknown_git};
use crate::cli::{ListFormat, StatusArgs};
use crate::model::coverage::control_states;
use crate::readiness;
use crate::report::status::{StatusReport, write_json};
use std::io::Write;

pub fn run(args: &StatusArgs, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> Outcome {
    let today = args.as_of.unwrap_or_else(|| jiff::Zoned::now().date());
    let (config, loaded, findings) = analyse(&args.dir, today, None)?;
    note_unknown_git(&loaded, err)?;
    let controls = control_states(&loaded.model, &config, today);
    let readiness = readiness::assess(&loaded.model, &config, &findings, &controls, today);
    match args.format {
        ListFormat::Human => StatusReport {
            readiness: &readiness,
            color,
        }
        .write(out)?,
        ListFormat::Json => write_json(out, &readiness)?,
    }
    // Status is a report, not a gate: `aims check` decides pass or fail.
    Ok(0)
}
