//! `aims completions SHELL` and `aims man`: shell completion scripts and man pages, generated
//! from the same argument definitions as the parser so they cannot drift.

use super::{Failure, Outcome};
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use clap::CommandFactory;
use clap_mangen::roff;
use std::io::Write;

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Outcome {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "aims", out);
    Ok(0)
}

pub fn man(args: &ManArgs, out: &mut dyn Write) -> Outcome {
    let mut command = Cli::command();
    // Propagates the global options (`--color`) into every subcommand's page.
    command.build();
    let Some(dir) = &args.out else {
        render_page(&command, None, out)?;
        return Ok(0);
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Message(format!("cannot create `{}`: {e}", dir.display())))?;
    // aims.1 plus aims-check.1, aims-status.1, ... for every subcommand.
    let mut pages = vec![("aims".to_string(), None)];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        pages.push((format!("aims-{}", sub.get_name()), Some(sub)));
    }
    for (name, sub) in pages {
        let mut bytes = Vec::new();
        render_page(&command, sub, &mut bytes)?;
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, bytes)
            .map_err(|e| Failure::Message(format!("cannot write `{}`: {e}", path.display())))?;
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(0)
}

/// One man page: clap_mangen's sections (with a synopsis spelled out in full, as `aims check
/// [--format FORMAT] ... [DIR]`), then EXIT STATUS, EXAMPLES and SEE ALSO, which clap knows
/// nothing about.
fn render_page(
    top: &clap::Command,
    sub: Option<&clap::Command>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (page, name) = match sub {
        Some(sub) => {
            let name = format!("aims-{}", sub.get_name());
            let usage = synopsis(&format!("aims {}", sub.get_name()), sub);
            (
                sub.clone()
                    .display_name(name.clone())
                    .bin_name(format!("aims {}", sub.get_name()))
                    .override_usage(usage)
                    .version(env!("CARGO_PKG_VERSION")),
                name,
            )
        }
        None => {
            let usage = "aims [--color WHEN] COMMAND [ARGS]\naims --help | --version";
            (top.clone().override_usage(usage), "aims".to_string())
        }
    };
    let man = clap_mangen::Man::new(page.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if sub.is_none() {
        man.render_subcommands_section(out)?;
    }
    let command = sub.map(clap::Command::get_name).unwrap_or("");
    let mut roff = roff::Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in exit_status(command) {
        roff.control("TP", [])
            .text([roff::bold(code)])
            .text([roff::roman(meaning)]);
    }
    let examples = examples(command);
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for (what, line) in examples {
            roff.control("TP", [])
                .text([roff::roman(what)])
                .control("EX", [])
                .text([roff::roman(line)])
                .control("EE", []);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    let others: Vec<String> = top
        .get_subcommands()
        .map(|s| format!("aims-{}", s.get_name()))
        .chain(["aims".to_string()])
        .filter(|other| *other != name && other != "aims-help")
        .map(|other| format!("{other}(1)"))
        .collect();
    roff.text([roff::roman(format!(
        "{}. The README and `aims explain RULE` document every rule.",
        others.join(", ")
    ))]);
    roff.to_writer(out)?;
    man.render_version_section(out)
}

/// `aims check [--format FORMAT] [--deny DENY] ... [DIR]`: every option with its value name,
/// then the positionals, which clap_mangen would list without their values.
fn synopsis(bin: &str, command: &clap::Command) -> String {
    let mut parts = vec![bin.to_string()];
    let mut required = Vec::new();
    for arg in command
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_set())
    {
        let Some(long) = arg.get_long() else { continue };
        let mut flag = match arg.get_short() {
            Some(short) => format!("-{short}|--{long}"),
            None => format!("--{long}"),
        };
        if arg.get_action().takes_values() {
            let value = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| arg.get_id().as_str().to_uppercase(), |n| n.to_string());
            flag.push(' ');
            flag.push_str(&value);
        }
        if arg.is_required_set() {
            required.push(flag);
        } else {
            parts.push(format!("[{flag}]"));
        }
    }
    // Required options last, next to the operands, as in `git commit [...] -m MSG`.
    parts.extend(required);
    for arg in command.get_positionals().filter(|a| !a.is_hide_set()) {
        let value = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| arg.get_id().as_str().to_uppercase(), |n| n.to_string());
        let many = if matches!(arg.get_num_args(), Some(r) if r.max_values() > 1) {
            "..."
        } else {
            ""
        };
        parts.push(if arg.is_required_set() {
            format!("{value}{many}")
        } else {
            format!("[{value}]{many}")
        });
    }
    parts.join(" ")
}

fn exit_status(command: &str) -> Vec<(&'static str, &'static str)> {
    let usage = (
        "2",
        "The input could not be used: no aims.toml above the folder, an invalid aims.toml, a bad option, or a file that could not be written. Nothing was half-written.",
    );
    match command {
        "check" => vec![
            (
                "0",
                "No error findings (warnings alone pass unless --deny warnings).",
            ),
            (
                "1",
                "At least one error finding (or a warning with --deny warnings); with --baseline, only findings new against the baseline count.",
            ),
            usage,
        ],
        "status" => vec![
            ("0", "The readiness report was printed, whatever it says."),
            usage,
        ],
        "pack" => vec![
            ("0", "The pack was written."),
            (
                "1",
                "With --strict: aims check finds errors, and no pack was written.",
            ),
            usage,
        ],
        "verify" => vec![
            (
                "0",
                "Every file matches manifest.json (and the signature, when asked for).",
            ),
            (
                "1",
                "A file differs from, is missing from or was added to the manifest, or the signature does not verify.",
            ),
            usage,
        ],
        "import" => vec![
            (
                "0",
                "Every row became or updated a record (or, with --dry-run, would).",
            ),
            (
                "1",
                "Rows or the mapping have problems; nothing was written.",
            ),
            usage,
        ],
        "explain" => vec![
            ("0", "The rule was explained."),
            ("2", "No rule has that id; the closest ids are suggested."),
        ],
        _ => vec![("0", "Success."), usage],
    }
}

fn examples(command: &str) -> Vec<(&'static str, &'static str)> {
    match command {
        "" => vec![
            (
                "Start an AIMS in the current repository, then check it:",
                "aims init && aims check",
            ),
            (
                "Try the complete example:",
                "aims init --example acme && aims status acme",
            ),
        ],
        "check" => vec![
            ("Check the AIMS above the current folder:", "aims check"),
            (
                "Gate a pull request on what it changes, new findings counted wherever they are:",
                "aims check --changed-since origin/main --baseline origin/main",
            ),
            (
                "SARIF for GitHub code scanning:",
                "aims check --format sarif > aims.sarif",
            ),
            (
                "JUnit for a CI test report, as of a fixed date, warnings failing too:",
                "aims check --format junit --as-of 2026-12-31 --deny warnings > aims.xml",
            ),
        ],
        "status" => vec![
            ("What an auditor would find missing:", "aims status"),
            (
                "The same as JSON, for a dashboard:",
                "aims status --format json",
            ),
        ],
        "pack" => vec![
            (
                "The auditor's pack in every format:",
                "aims pack --out pack",
            ),
            (
                "The pack of a tagged commit, with what changed since the last audit:",
                "aims pack --at v2026.1 --since v2025.1 --out pack-2026",
            ),
            (
                "Only HTML, refusing to build on errors:",
                "aims pack --format html --strict --out pack",
            ),
        ],
        "verify" => vec![
            ("Check a received pack:", "aims verify pack"),
            (
                "Check its signature too:",
                "aims verify pack --allowed-signers allowed_signers --identity ciso@example.com",
            ),
        ],
        "log" => vec![(
            "Versions, authors and approvals of one record:",
            "aims log POL-AI",
        )],
        "init" => vec![
            (
                "A new AIMS in a new folder:",
                "aims init governance --organization \"Acme Lending\"",
            ),
            (
                "Add what is missing to an existing repository, keeping every file:",
                "aims init .",
            ),
        ],
        "import" => vec![
            (
                "See what an import would write:",
                "aims import register.xlsx --mapping mapping.toml --dry-run",
            ),
            (
                "Import (a second run updates the same records in place):",
                "aims import register.csv --mapping mapping.toml",
            ),
        ],
        "export" => vec![
            (
                "The risk register as a spreadsheet, with the mapping that imports it back:",
                "aims export Risk --out risks.xlsx --mapping risks.toml",
            ),
            (
                "The Statement of Applicability as CSV:",
                "aims export StatementOfApplicability > soa.csv",
            ),
        ],
        "schema" => vec![
            (
                "Every JSON Schema, for an editor or another validator:",
                "aims schema --out schemas",
            ),
            ("One kind's schema:", "aims schema Risk"),
        ],
        "controls" => vec![(
            "The Annex A controls as JSON:",
            "aims controls --format json",
        )],
        "explain" => vec![
            ("Every rule:", "aims explain --list"),
            (
                "One rule, with how to fix it:",
                "aims explain soa-exclusion-unjustified",
            ),
        ],
        "completions" => vec![
            (
                "Bash:",
                "aims completions bash > ~/.local/share/bash-completion/completions/aims",
            ),
            ("Zsh:", "aims completions zsh > \"${fpath[1]}/_aims\""),
        ],
        "man" => vec![(
            "Install every page:",
            "aims man --out ~/.local/share/man/man1",
        )],
        _ => vec![],
    }
}
