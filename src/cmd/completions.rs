//! `aims completions SHELL` and `aims man`: shell completion scripts and man pages, generated
//! from the same argument definitions as the parser so they cannot drift.

use super::{Failure, Outcome};
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use clap::CommandFactory;
use std::io::Write;

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Outcome {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "aims", out);
    Ok(0)
}

pub fn man(args: &ManArgs, out: &mut dyn Write) -> Outcome {
    let command = Cli::command();
    let Some(dir) = &args.out else {
        clap_mangen::Man::new(command).render(out)?;
        return Ok(0);
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Message(format!("cannot create `{}`: {e}", dir.display())))?;
    // aims.1 plus aims-check.1, aims-status.1, ... for every subcommand.
    let mut pages = vec![("aims".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("aims-{}", sub.get_name());
        pages.push((
            name.clone(),
            sub.clone()
                .display_name(name)
                .version(env!("CARGO_PKG_VERSION")),
        ));
    }
    for (name, page) in pages {
        let mut bytes = Vec::new();
        clap_mangen::Man::new(page).render(&mut bytes)?;
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, bytes)
            .map_err(|e| Failure::Message(format!("cannot write `{}`: {e}", path.display())))?;
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(0)
}
