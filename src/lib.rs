//! complaint-sla checks a payment-card issuer's complaint handling against the legal deadlines
//! (an answer within 15 working days of receipt; with a timely holding reply, within the final
//! limit of 35 days) and reports where every complaint stands.
//!
//! The binary is glue: [`cli`] parses flags, each command in [`commands`] resolves them into
//! domain types ([`policy::Policy`], [`calendar::Calendar`], [`deadline::Case`]) and renders
//! its answer as a string; `main` writes it and maps errors to an [`exit_code::ExitCode`].

pub(crate) mod amount;
pub(crate) mod business_days;
pub(crate) mod calendar;
pub mod cli;
pub mod columns;
pub(crate) mod commands;
pub(crate) mod date_input;
pub(crate) mod deadline;
pub(crate) mod error;
pub(crate) mod evaluate;
pub mod exit_code;
pub(crate) mod ingest;
pub(crate) mod language;
pub(crate) mod market;
pub(crate) mod outcome;
pub(crate) mod output;
pub(crate) mod period;
pub(crate) mod policy;
pub(crate) mod redact;
pub(crate) mod report;
pub(crate) mod report_window;
pub(crate) mod sample;
pub(crate) mod status;
pub(crate) mod text;
pub(crate) mod zone;

use std::io::Write;

use anyhow::Result;

/// Runs a parsed command line, writing its answer to `out` and notes to `err`.
pub fn run(cli: cli::Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<exit_code::ExitCode> {
    let args: Vec<String> = std::env::args().collect();
    run_command(cli, out, err).map_err(|e| error::name_sources(e, &args))
}

fn run_command(
    cli: cli::Cli,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<exit_code::ExitCode> {
    match cli.command {
        cli::Command::Calendar(args) => {
            commands::calendar::run(args, out, err).map(|()| exit_code::ExitCode::Success)
        }
        cli::Command::Deadline(args) => {
            commands::deadline::run(args, out, err).map(|()| exit_code::ExitCode::Success)
        }
        cli::Command::Report(args) => commands::report::run(*args, out, err),
        cli::Command::Check(args) => commands::check::run(args, out, err),
        cli::Command::Sample(args) => {
            commands::sample::run(args, out, err).map(|()| exit_code::ExitCode::Success)
        }
        cli::Command::Completions(args) => {
            commands::completions::completions(args, out).map(|()| exit_code::ExitCode::Success)
        }
        cli::Command::Man => commands::completions::man(out).map(|()| exit_code::ExitCode::Success),
    }
}
