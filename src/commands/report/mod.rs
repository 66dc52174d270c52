//! `complaint-sla report`: read the exports, evaluate every case for the period, write the
//! reports, and say in one paragraph what was written.

mod config;
mod said;
mod write;

use std::io::Write;

use write::Timings;

use anyhow::{Result, bail};

use crate::cli::ReportArgs;
use crate::error::BadInput;
use crate::exit_code::ExitCode;
use crate::output;
use crate::report::build::build;
use crate::report::{self};
use crate::report_window::ReportWindow;

pub use config::{InputConfig, ReportConfig};
pub(crate) use said::reasons_line;

pub fn run(args: ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let mut quiet = std::io::sink();
    let err: &mut dyn Write = if args.quiet { &mut quiet } else { err };
    if !args.json {
        return write_report(&args, out, err).map_err(|e| masked_error(&args, e));
    }
    let mut summary = Vec::new();
    let words: Vec<String> = std::env::args().collect();
    let result = write_report(&args, &mut summary, err)
        .map_err(|e| crate::error::name_sources(e, &words))
        .map_err(|e| masked_error(&args, e));
    let line = match &result {
        Ok(code) => {
            let mut line: serde_json::Value = serde_json::from_slice(&summary)?;
            line["exit_code"] = (code.code() as u64).into();
            line
        }
        Err(e) => serde_json::json!({
            "status": "error",
            "exit_code": ExitCode::for_error(e).code(),
            "error": format!("{e:#}"),
        }),
    };
    writeln!(out, "{line}")?;
    result
}

/// Under `--redact`, an error is masked as every written text is: a message that quotes a
/// header, a value or a path (an unmatched `--keep`, a look-alike column) must not carry a
/// national id or card number to stderr, a cron mail or a monitoring system.
fn masked_error(args: &ReportArgs, e: anyhow::Error) -> anyhow::Error {
    let broken_pipe = e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if !args.redact || broken_pipe {
        return e;
    }
    let text = crate::redact::mask_numbers(&format!("{e:#}")).into_owned();
    if ExitCode::for_error(&e) == ExitCode::BadInput {
        BadInput::new(text).into()
    } else {
        anyhow::anyhow!(text)
    }
}

/// Reads, evaluates and writes the report; the summary on `out` is the paragraph, or with
/// `--json` its JSON object.
/// An export without a resolution-date column stops the run before anything is written: every
/// case in it would count as open and, soon, overdue. `--allow-missing resolved_at` (or the
/// policy's `allow_missing`) says the export truly has none.
fn refuse_missing_resolution(
    report: &crate::report::Report,
    allowed: &[crate::columns::Canonical],
) -> Result<()> {
    use crate::columns::{AbsentColumn, Canonical};
    if allowed.contains(&Canonical::ResolvedAt) {
        return Ok(());
    }
    for missing in &report.columns_missing {
        if missing.column == Canonical::ResolvedAt {
            let absent = AbsentColumn {
                column: missing.column,
                look_alikes: missing.look_alikes.clone(),
                targets: missing.targets.clone(),
            };
            bail!(
                "{}: no resolution-date column (resolved_at): every case in it would count as \
                 open, and the overdue ones as breaches; nothing was written{}. If the export \
                 truly has no resolution dates, say so with --allow-missing resolved_at (or \
                 allow_missing = [\"resolved_at\"] in the policy)",
                missing.input,
                absent.look_alike_hint().unwrap_or_default()
            );
        }
    }
    Ok(())
}

fn write_report(args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let config = ReportConfig::resolve(args)?;
    for note in config.input.calendar.notes() {
        writeln!(err, "note: {note}")?;
    }
    let mut timings = Timings::new(args.verbose);
    // Locked before the inputs are read, so that an overlapping run refuses at once. The
    // folder holds one run: its files only (an earlier, different run is kept beside it).
    let report_folder = output::ReportFolder::begin(&config.out_dir, &config.period.label)?;
    let ingested = config.input.ingest(
        Some(ReportWindow::new(&config.period, config.as_of)),
        !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        config.today,
    )?;
    timings.stage(format!("read {} rows", ingested.rows_read()));
    refuse_no_rows(&ingested)?;
    let report = build(config::config_view(&config), ingested)?;
    refuse_missing_resolution(&report, &config.allow_missing)?;
    say_stale(&report, args.fail_on_stale, config.fail_on_stale, err)?;
    let compared = report
        .comparison
        .as_ref()
        .map(|c| format!("; under {} too, in {:.3} s of it", c.policy.name, c.seconds))
        .unwrap_or_default();
    timings.stage(format!(
        "evaluate {} rows ({} cases in the report{compared})",
        report.counts.rows_evaluated, report.counts.cases_in_report
    ));
    let rows_per_sheet = args
        .xlsx_rows_per_sheet
        .clamp(1, report::xlsx::EXCEL_DATA_ROWS);
    let written = write::files(
        &report,
        &config.formats,
        &report_folder,
        rows_per_sheet,
        &mut timings,
    )?;
    let (folder, kept) = report_folder.commit_keeping(args.keep_runs)?;
    // The folder as the paragraph and the JSON line name it: masked under --redact.
    let folder = if config.redact.is_some() {
        std::path::PathBuf::from(
            crate::redact::mask_numbers(&folder.display().to_string()).into_owned(),
        )
    } else {
        folder
    };
    timings.report(err)?;
    said::tell(
        &report,
        (&folder, kept.as_deref()),
        &written,
        args.json,
        out,
        err,
    )?;
    Ok(if config.fail_on_breach && report.counts.breaches() > 0 {
        ExitCode::BreachesFound
    } else {
        ExitCode::Success
    })
}

/// A run without one valid row stops: no report could say anything.
fn refuse_no_rows(ingested: &crate::ingest::Ingested) -> Result<()> {
    if ingested.rows.height() == 0 {
        bail!(
            "no valid rows to report in {}: {} rows read, {} rejected ({}); `complaint-sla \
             check` lists each reject with its line and value",
            ingested
                .inputs
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            ingested.rows_read(),
            ingested.rejects.len(),
            reasons_line(ingested)
        );
    }
    Ok(())
}

/// A stale export is said before anything else, and with --fail-on-stale (`flag`) or the
/// policy's fail_on_stale (`fail`) stops the run before a file is written.
fn say_stale(report: &report::Report, flag: bool, fail: bool, err: &mut dyn Write) -> Result<()> {
    if let Some(stale) = report.freshness.warning(report.as_of) {
        if fail {
            let by = if flag {
                "--fail-on-stale".to_string()
            } else {
                match &report.policy.source {
                    crate::policy::PolicySource::File(path) => {
                        format!("fail_on_stale in the policy file {}", path.display())
                    }
                    crate::policy::PolicySource::BuiltIn => "fail_on_stale".to_string(),
                }
            };
            bail!("{stale}; nothing was written ({by})");
        }
        writeln!(err, "warning: {stale}")?;
    }
    Ok(())
}
