//! `complaint-sla completions SHELL` and `complaint-sla man`: generated from the same clap
//! definitions as `--help`, so that they never drift from it.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionShell, CompletionsArgs};

/// Writes the completion script for the shell.
pub fn completions(args: CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    let shell = match args.shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
        CompletionShell::Powershell => Shell::PowerShell,
    };
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut command, "complaint-sla", &mut bytes);
    out.write_all(&bytes)?;
    Ok(())
}

/// Writes the manual: the program's page, then one page per command
/// (`complaint-sla-report`, ...), in one roff stream `man -l -` reads whole.
pub fn man(out: &mut dyn Write) -> Result<()> {
    let command = Cli::command();
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut bytes)?;
    for sub in command.get_subcommands() {
        let name = format!("complaint-sla-{}", sub.get_name());
        let page = sub
            .clone()
            .name(name)
            .bin_name(format!("complaint-sla {}", sub.get_name()));
        clap_mangen::Man::new(page).render(&mut bytes)?;
    }
    out.write_all(&bytes)?;
    Ok(())
}
