//! The binary: parse, run, print the error once, exit with the documented status.

use std::io::{self, Write};
use std::process::ExitCode as ProcessExitCode;

use clap::Parser;
use complaint_sla::cli::Cli;
use complaint_sla::exit_code::ExitCode;

/// mimalloc reuses the pages of a freed column for the next one; glibc's allocator maps a
/// large array afresh and unmaps it when freed (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ProcessExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout (exit 0), usage errors to stderr (exit 2).
            let _ = e.print();
            return ProcessExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let stdout = io::stdout();
    // stderr is not held locked for the run: a line written from another thread (a library's
    // warning, a panic message) would otherwise wait for ever on the lock while this thread
    // waits for that one. Each write takes the lock for itself.
    let result = complaint_sla::run(cli, &mut stdout.lock(), &mut io::stderr());
    let result = result.and_then(|code| {
        io::stdout().flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code.into(),
        // A closed pipe (`complaint-sla calendar ... | head`) is the reader's choice, not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::Success.into(),
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: {err:#}");
            ExitCode::for_error(&err).into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
