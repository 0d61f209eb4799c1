//! One module per command: each wires the stages together and returns the exit code; `run`
//! dispatches the command line and is the one place that turns outcomes into exit codes.

pub mod analyse;
pub mod check;
pub mod completions;
pub mod controls;
pub mod explain;
pub mod export;
pub mod import;
pub mod init;
pub mod licenses;
pub mod log;
pub mod pack;
pub mod schema;
pub mod signature;
pub mod status;
pub mod verify;

use crate::cli::{Cli, ColorChoice, Command};
use crate::load::config::ConfigError;
use crate::report::Sources;
use crate::report::human::Human;
use clap::Parser;
use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// Why a command could not do its job at all (exit code 2).
#[derive(Debug)]
pub enum Failure {
    Config(ConfigError),
    Io(io::Error),
    Message(String),
    /// Problems located in one input file (an import mapping), shown at their lines.
    Located {
        source: std::sync::Arc<crate::syntax::source::SourceFile>,
        findings: Vec<crate::diagnostic::Finding>,
        summary: String,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Config(error) => error.fmt(f),
            Failure::Io(error) => write!(f, "cannot write output: {error}"),
            Failure::Message(message) => f.write_str(message),
            Failure::Located { summary, .. } => f.write_str(summary),
        }
    }
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        Failure::Config(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

pub type Outcome = Result<u8, Failure>;

/// Runs the command line and returns the process exit code: 0 clean, 1 error findings,
/// 2 unusable input. Never panics on user input.
pub fn run() -> ExitCode {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let code = run_with(
        std::env::args_os(),
        &mut stdout.lock(),
        &mut stderr.lock(),
        |choice| wants_color(choice, &io::stdout()),
        |choice| wants_color(choice, &io::stderr()),
    );
    ExitCode::from(code)
}

/// The command line run on `args` (program name first) with its output in `out` and `err`:
/// what `main` does, callable from a test or a fuzz target. Returns the exit code.
pub fn run_args<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    run_with(args, out, err, |_| false, |_| false)
}

fn run_with<I, T>(
    args: I,
    out: &mut dyn Write,
    err: &mut dyn Write,
    out_color: impl Fn(ColorChoice) -> bool,
    err_color: impl Fn(ColorChoice) -> bool,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let to_err = error.use_stderr();
            let colored = if to_err {
                err_color(ColorChoice::Auto)
            } else {
                out_color(ColorChoice::Auto)
            };
            let rendered = if colored {
                error.render().ansi().to_string()
            } else {
                error.render().to_string()
            };
            let code = if to_err { 2 } else { 0 };
            let stream: &mut dyn Write = if to_err { err } else { out };
            let _ = write!(stream, "{rendered}");
            let _ = stream.flush();
            return code;
        }
    };
    let color = out_color(cli.color);
    let result = match &cli.command {
        Command::Check(args) => check::run(args, out, err, color),
        Command::Status(args) => status::run(args, out, err, color),
        Command::Init(args) => init::run(args, out),
        Command::Import(args) => import::run(args, out, err),
        Command::Export(args) => export::run(args, out, err),
        Command::Log(args) => log::run(args, out, err),
        Command::Verify(args) => verify::run(args, out),
        Command::Pack(args) => pack::run(args, out, err),
        Command::Schema(args) => schema::run(args, out),
        Command::Controls(args) => controls::run(args, out),
        Command::Explain(args) => explain::run(args, out),
        Command::Completions(args) => completions::completions(args, out),
        Command::Man(args) => completions::man(args, out),
        Command::Licenses => licenses::run(out),
    };
    let flushed = out.flush();
    match result.and_then(|code| flushed.map(|_| code).map_err(Failure::Io)) {
        Ok(code) => code,
        // A closed pipe (`aims check | head`) is the reader's choice, not a failure.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(failure) => {
            report_failure(&failure, err, err_color(cli.color));
            2
        }
    }
}

/// `auto` follows the terminal and the NO_COLOR / CLICOLOR / CLICOLOR_FORCE conventions.
fn wants_color<S: anstream::stream::RawStream>(choice: ColorChoice, stream: &S) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never,
    }
}

fn report_failure(failure: &Failure, err: &mut dyn Write, color: bool) {
    let located = match failure {
        Failure::Config(ConfigError::Invalid { source, findings }) => Some((source, findings)),
        Failure::Located {
            source, findings, ..
        } => Some((source, findings)),
        _ => None,
    };
    if let Some((source, findings)) = located {
        let sources = Sources::new([source.clone()]);
        let human = Human {
            sources: &sources,
            color,
        };
        let _ = human.write_findings(err, findings);
    }
    let _ = writeln!(err, "error: {failure}");
}
