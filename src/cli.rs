//! Command-line arguments: what the user may say, parsed and checked by clap. `cmd` acts on it.

use crate::report::CheckFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "aims",
    version,
    about = "ISO/IEC 42001 AI management system as code: check records, render the evidence pack",
    propagate_version = true
)]
pub struct Cli {
    /// When to use colour in terminal output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse, schema-validate and cross-check every record; print findings.
    Check(CheckArgs),
    /// Readiness: clause and control coverage, open risks, what is overdue, what to do next.
    Status(StatusArgs),
    /// Render the auditor's evidence pack (Markdown and one HTML file) into --out.
    Pack(PackArgs),
    /// Check a pack against its manifest.json: every file's SHA-256 and size, nothing added.
    Verify(VerifyArgs),
    /// A record's change history from git: versions, authors, approvals, every commit.
    Log(LogArgs),
    /// Write a new AIMS repository (or the acme-lending example) into DIR.
    Init(InitArgs),
    /// Turn the rows of a CSV or XLSX file into records, by a mapping (re-import updates).
    Import(ImportArgs),
    /// Write the records of one kind as a CSV or XLSX table (or the SoA as auditors read it).
    Export(ExportArgs),
    /// Print or write the bundled JSON Schemas (for editors and CI).
    Schema(SchemaArgs),
    /// Print the built-in ISO/IEC 42001 catalog: clauses, Annex A controls, Annex C.
    Controls(ControlsArgs),
    /// Explain what a rule finds and how to fix it.
    Explain(ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the man page, or write one per command with --out.
    Man(ManArgs),
    /// Print the licences of the fonts and other material embedded in this binary.
    Licenses,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The pack folder (with its manifest.json), or one file of a pack (such as pack.pdf),
    /// checked against the manifest.json above it.
    pub pack: PathBuf,
    /// Require manifest.json.sig to be signed by one of these keys (an `ssh-keygen`
    /// allowed-signers file, as git's `gpg.ssh.allowedSignersFile`), as `--identity`.
    #[arg(long, value_name = "FILE", requires = "identity")]
    pub allowed_signers: Option<PathBuf>,
    /// The signer's identity in the allowed-signers file (such as an email address).
    #[arg(long, value_name = "NAME")]
    pub identity: Option<String>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The CSV (any delimiter; UTF-8, with or without BOM) or XLSX file to import.
    pub file: PathBuf,
    /// The mapping (TOML): the kind, how ids and files are made, where each field comes from.
    #[arg(long)]
    pub mapping: PathBuf,
    /// Write nothing; print, per row, the file it would write or update and the required
    /// fields it lacks.
    #[arg(long)]
    pub dry_run: bool,
    /// A folder inside the AIMS repository.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The record kind (`AISystem`, `Risk`, ...; case and dashes ignored), or `soa` for the
    /// Statement of Applicability as one row per control.
    #[arg(value_parser = Offered(export_names), hide_possible_values = true)]
    pub kind: String,
    /// A folder inside the AIMS repository.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Table format; default: from `--out`'s extension, else csv.
    #[arg(long, value_enum)]
    pub format: Option<SheetFormat>,
    /// Write here instead of standard output (XLSX needs a file).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write the mapping that imports the exported table back into the same records.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The date the SoA's "current evidence" is judged on (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write `aims.1` and one page per command (`aims-check.1`, ...) into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// A folder inside the AIMS repository (the root is found by walking up to `aims.toml`).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// The human format shows at most this many findings of each rule and counts the rest
    /// (0: all). The other formats always list every finding.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_findings: usize,
    /// The date every date rule treats as today (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// PR mode: report only findings in files changed since the merge base of REV and the
    /// working tree (committed, staged, unstaged and untracked changes).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// No-regression gate: fail only on findings that are new since REV (read from git
    /// objects; the working tree is not touched), and report the ones fixed since.
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
}

#[derive(Args, Debug)]
pub struct PackArgs {
    /// A folder inside the AIMS repository.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write the pack (replaced atomically; must be new, empty or an earlier pack).
    #[arg(long)]
    pub out: PathBuf,
    /// Formats, comma-separated: md, html, pdf.
    #[arg(long, value_delimiter = ',', value_parser = parse_pack_format, default_value = "md,html,pdf")]
    pub format: Vec<PackFormat>,
    /// The date every date rule treats as today (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Refuse to build when `aims check` finds errors.
    #[arg(long)]
    pub strict: bool,
    /// Build the pack for a past commit, from git objects (the working tree is not touched).
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// Add what changed since REV (the commit of the last audit): records added, changed and
    /// removed, with their commits and approvals.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Sign manifest.json with this SSH private key (`ssh-keygen -Y sign`, namespace
    /// `aims-pack`), as git signs commits: the signature is `manifest.json.sig`.
    #[arg(long, value_name = "KEY")]
    pub sign: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct LogArgs {
    /// The record: its id (`R-001`), or kind and id (`Risk/R-001`) when ids repeat across kinds.
    pub record: String,
    /// A folder inside the AIMS repository.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to write into (created when missing); nothing in it is ever overwritten.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Write the acme-lending example, a complete AIMS, instead of an empty one.
    #[arg(long)]
    pub example: bool,
    /// The organization's name, for aims.toml.
    #[arg(long, conflicts_with = "example")]
    pub organization: Option<String>,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    /// A folder inside the AIMS repository.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format (`json` is documented in the README).
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// The date every date rule treats as today (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    Warnings,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// A record kind (`Risk`, `risk`, `ai-system`) or `aims.toml`; all schemas when omitted.
    #[arg(value_parser = Offered(schema_names), hide_possible_values = true)]
    pub kind: Option<String>,
    /// Write the schema files into this folder instead of printing.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ControlsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The rule id, such as `dangling-reference`.
    #[arg(required_unless_present = "list", value_parser = Offered(rule_ids), hide_possible_values = true)]
    pub rule: Option<String>,
    /// List every rule with its default severity and ISO reference.
    #[arg(long)]
    pub list: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

/// One format of the pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackFormat {
    Markdown,
    Html,
    Pdf,
}

fn parse_pack_format(text: &str) -> Result<PackFormat, String> {
    match text.trim() {
        "md" | "markdown" => Ok(PackFormat::Markdown),
        "html" => Ok(PackFormat::Html),
        "pdf" => Ok(PackFormat::Pdf),
        "" => Err("an empty format; use md, html, pdf or a list such as md,html,pdf".to_string()),
        other => Err(format!(
            "unknown pack format `{other}`; use md, html, pdf or a list such as md,html,pdf"
        )),
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date written YYYY-MM-DD"))
}

/// A text argument whose known values shell completion offers, while any text still parses
/// (the command explains an unknown value itself, with a suggestion).
#[derive(Clone)]
struct Offered(fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

fn rule_ids() -> Vec<&'static str> {
    crate::checks::all_rules().map(|r| r.id).collect()
}

fn schema_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = crate::model::Kind::ALL.iter().map(|k| k.name()).collect();
    names.extend(["aims.toml", "record"]);
    names
}

fn export_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = crate::model::Kind::ALL.iter().map(|k| k.name()).collect();
    names.push("soa");
    names
}
