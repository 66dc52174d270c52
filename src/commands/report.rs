//! `complaint-sla report`: read the exports, evaluate every case for the period, write the
//! reports, and say in one paragraph what was written.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};

use super::flag_date;
use crate::calendar::{Calendar, year_in_range};
use crate::cli::{InputArgs, ReportArgs, ReportFormat};
use crate::columns::ColumnMap;
use crate::date_input::DateOrder;
use crate::error::BadInput;
use crate::exit_code::ExitCode;
use crate::ingest::{self, IngestOptions, Ingested, InputSource};
use crate::output;
use crate::period::Period;
use crate::policy::Policy;
use crate::report::build::{BuildConfig, build, count};
use crate::report::{self, Report};
use crate::report_window::ReportWindow;

/// The inputs, policy and calendar of a command that reads exports.
pub struct InputConfig {
    pub sources: Vec<InputSource>,
    pub policy: Policy,
    pub calendar: Calendar,
    pub holiday_file: Option<PathBuf>,
    pub columns: ColumnMap,
    /// From `--date-order`, else the policy's `date_order`.
    pub date_order: Option<DateOrder>,
    pub sheet: Option<String>,
}

impl InputConfig {
    pub fn resolve(args: &InputArgs) -> Result<Self> {
        let (policy, calendar, holiday_file) = super::policy_and_calendar(
            &args.policy,
            args.calendar.as_deref(),
            args.holidays.as_deref(),
        )?;
        let mut columns = policy.columns.clone();
        for assignment in &args.map {
            let (canonical, header) =
                ColumnMap::parse_assignment(assignment).map_err(|e| BadInput::flag("--map", e))?;
            columns.set(canonical, header, "--map");
        }
        let date_order = match &args.date_order {
            Some(name) => Some(DateOrder::from_name(name).ok_or_else(|| {
                BadInput::flag(
                    "--date-order",
                    format!(
                        "unknown order '{name}' (use dmy for DD/MM/YYYY or mdy for MM/DD/YYYY)"
                    ),
                )
            })?),
            None => policy.date_order,
        };
        let stdin_count = args.inputs.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_count > 1 {
            return Err(BadInput::flag("INPUT", "standard input (-) can be read only once").into());
        }
        Ok(InputConfig {
            sources: args
                .inputs
                .iter()
                .map(|p| InputSource::from_arg(p))
                .collect(),
            policy,
            calendar,
            holiday_file,
            columns,
            date_order,
            sheet: args.sheet.clone(),
        })
    }

    /// Reads the inputs; `keep_text` and `progress` as in [`IngestOptions`].
    pub fn ingest(
        &self,
        keep_text: Option<ReportWindow>,
        progress: bool,
        today: chrono::NaiveDate,
    ) -> Result<Ingested> {
        ingest::ingest(
            &self.sources,
            &IngestOptions {
                columns: &self.columns,
                policy: &self.policy,
                calendar: &self.calendar,
                keep_text,
                progress,
                date_order: self.date_order,
                sheet: self.sheet.as_deref(),
                today: Some(today),
            },
        )
    }
}

/// A validated `report` command line.
pub struct ReportConfig {
    /// The command line as typed (the program called `complaint-sla`), for the Method sheet.
    pub command_line: String,
    /// `Some` with `--redact`.
    pub redact: Option<crate::redact::RedactOptions>,
    pub input: InputConfig,
    pub period: Period,
    pub as_of: NaiveDate,
    /// The day of the run, in the policy's time zone (`--today` pins it).
    pub today: NaiveDate,
    pub out_dir: PathBuf,
    pub formats: Vec<ReportFormat>,
    pub fail_on_breach: bool,
    /// `--fail-on-stale`, or the policy's `fail_on_stale`.
    pub fail_on_stale: bool,
    /// The language of the reports' words.
    pub language: crate::report::lang::Language,
    /// `--compare-policy`: the other policy and its calendar.
    pub compare: Option<(Policy, Calendar)>,
}

impl ReportConfig {
    pub fn resolve(args: &ReportArgs) -> Result<Self> {
        let input = InputConfig::resolve(&args.input)?;
        // "Now" is read here and nowhere else, in the policy's time zone.
        let today = super::run_day(args.today.as_deref(), input.policy.time_zone)?;
        let period = match (&args.period, &args.from, &args.to) {
            (Some(text), _, _) => Period::parse(text).map_err(|e| BadInput::flag("--period", e))?,
            (None, Some(from), Some(to)) => {
                Period::range(flag_date("--from", from)?, flag_date("--to", to)?)
                    .map_err(|e| BadInput::flag("--to", e))?
            }
            _ => Period::previous_month(today),
        };
        if !year_in_range(period.start.year()) || !year_in_range(period.end.year()) {
            return Err(BadInput::flag(
                "--period",
                format!("{period} is outside the supported range 1900 to 2199"),
            )
            .into());
        }
        let as_of = match &args.as_of {
            Some(raw) => flag_date("--as-of", raw)?,
            None => period.default_as_of(today),
        };
        if args.as_of.is_none() && period.start > today {
            return Err(BadInput::flag(
                "--period",
                format!(
                    "the period {period} has not started yet (today is {today}): a report \
                     describes a period as it stood on a day on or after its first day"
                ),
            )
            .into());
        }
        if as_of > today {
            // A status on a day that has not come would be a guess: a case open today may be
            // resolved by then. `--today` pins the day of the run (for tests and re-runs).
            return Err(BadInput::flag(
                "--as-of",
                format!(
                    "the as-of date {as_of} is after today ({today}): a report can show the \
                     cases only as they stand on a day that has come"
                ),
            )
            .into());
        }
        if as_of < period.start {
            let flag = if args.as_of.is_some() {
                "--as-of"
            } else {
                "--period"
            };
            return Err(BadInput::flag(
                flag,
                format!(
                    "the as-of date {as_of} is before the period {period} starts: a report \
                     describes its period as it stood on a day on or after the period's first day"
                ),
            )
            .into());
        }
        let language = match &args.language {
            Some(code) => crate::report::lang::Language::from_code(code).ok_or_else(|| {
                BadInput::flag(
                    "--language",
                    format!(
                        "unknown language '{code}' (use en for English or nb for Norwegian bokmål)"
                    ),
                )
            })?,
            None => input.policy.language,
        };
        let compare = match &args.compare_policy {
            Some(spec) => Some(compare_policy(spec, &input)?),
            None => None,
        };
        let fail_on_stale = args.fail_on_stale || input.policy.fail_on_stale;
        let mut formats = args.formats.clone();
        formats.sort();
        formats.dedup();
        Ok(ReportConfig {
            command_line: command_line(std::env::args_os().skip(1)),
            redact: args.redact.then(|| crate::redact::RedactOptions {
                keep: args.keep.clone(),
                personal: args.personal.clone(),
            }),
            input,
            period,
            as_of,
            today,
            out_dir: args.out_dir.clone(),
            formats,
            fail_on_breach: args.fail_on_breach,
            fail_on_stale,
            language,
            compare,
        })
    }
}

pub fn run(args: ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let mut quiet = std::io::sink();
    let err: &mut dyn Write = if args.quiet { &mut quiet } else { err };
    if !args.json {
        return write_report(&args, out, err).map_err(|e| masked_error(&args, e));
    }
    let mut summary = Vec::new();
    let result = write_report(&args, &mut summary, err).map_err(|e| masked_error(&args, e));
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
fn write_report(args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let config = ReportConfig::resolve(args)?;
    for note in config.input.calendar.notes() {
        writeln!(err, "note: {note}")?;
    }
    let mut timings = Timings::new(args.verbose);
    // Locked before the inputs are read, so that an overlapping run refuses at once.
    // A redacted report replaces the folder whole: no file of an earlier (unredacted) run may
    // stay beside it.
    let report_folder = output::ReportFolder::begin(
        &config.out_dir,
        &config.period.label,
        config.redact.is_none(),
    )?;
    let ingested = config.input.ingest(
        Some(ReportWindow::new(&config.period, config.as_of)),
        !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        config.today,
    )?;
    timings.stage(format!("read {} rows", ingested.rows_read()));
    if ingested.rows.height() == 0 {
        bail!(
            "no valid rows to report: {} rows read, {} rejected ({}); see `complaint-sla check`",
            ingested.rows_read(),
            ingested.rejects.len(),
            reasons_line(&ingested)
        );
    }
    let report = build(config_view(&config), ingested)?;
    // A stale export is said before anything else, and with --fail-on-stale (or the policy's
    // fail_on_stale) stops the run before a file is written.
    if let Some(stale) = report.freshness.warning(report.as_of) {
        if config.fail_on_stale {
            bail!("{stale}; nothing was written (--fail-on-stale)");
        }
        writeln!(err, "warning: {stale}")?;
    }
    let compared = report
        .comparison
        .as_ref()
        .map(|c| format!("; under {} too, in {:.3} s of it", c.policy.name, c.seconds))
        .unwrap_or_default();
    timings.stage(format!(
        "evaluate {} rows ({} cases in the report{compared})",
        report.counts.rows_evaluated, report.counts.cases_in_report
    ));
    // The workbook, by far the slowest format, fills its sheets on both cores, then compresses
    // them on one: the other files are rendered and written on the other core meanwhile.
    let rows_per_sheet = args
        .xlsx_rows_per_sheet
        .clamp(1, report::xlsx::EXCEL_DATA_ROWS);
    let mut written = Vec::new();
    std::thread::scope(|scope| -> Result<()> {
        let report = &report;
        let staging = report_folder.staging();
        let (filled_tx, filled_rx) = std::sync::mpsc::channel::<()>();
        let mut workbook = config.formats.contains(&ReportFormat::Xlsx).then(|| {
            scope.spawn(move || -> Result<(u64, std::time::Duration)> {
                let start = std::time::Instant::now();
                let name = report::xlsx::file_name(&report.period.label);
                let mut cells = 0;
                output::write_atomic_with(&staging.join(name), |w| {
                    cells = report::xlsx::write_counted(report, rows_per_sheet, w, || {
                        let _ = filled_tx.send(());
                    })?;
                    Ok(())
                })?;
                Ok((cells, start.elapsed()))
            })
        });
        if workbook.is_some() {
            // Until the sheets are filled (or the workbook fails: the sender is then dropped).
            let _ = filled_rx.recv();
            timings.stage("fill the workbook's sheets, on both cores".to_string());
        } else {
            drop(filled_rx);
        }
        for format in &config.formats {
            let files: Vec<(String, Vec<u8>)> = match format {
                ReportFormat::Csv => {
                    // Streamed to its file: on a large report it is the largest text.
                    output::write_atomic_with(&report_folder.staging().join("cases.csv"), |w| {
                        report::cases_csv::write(report, w)
                    })?;
                    written.push((*format, "cases.csv".to_string()));
                    vec![
                        (
                            "rejects.csv".to_string(),
                            report::rejects_csv::render_rejects(&report.rejects)?,
                        ),
                        (
                            "warnings.csv".to_string(),
                            report::rejects_csv::render_warnings(&report.warnings)?,
                        ),
                    ]
                }
                ReportFormat::Json => vec![(
                    "summary.json".to_string(),
                    report::summary_json::render(report)?,
                )],
                ReportFormat::Xlsx => {
                    // Joined after the other formats, so that they run alongside it.
                    continue;
                }
                ReportFormat::Md => vec![(
                    report::markdown::file_name(&report.period.label),
                    report::markdown::render(report)?.into_bytes(),
                )],
            };
            for (name, bytes) in files {
                output::write_atomic(&report_folder.staging().join(&name), &bytes)?;
                written.push((*format, name));
            }
            timings.stage(format!("write {}", format.files()));
        }
        if let Some(handle) = workbook.take() {
            let (cells, took) = handle
                .join()
                .map_err(|_| anyhow::anyhow!("internal error: the workbook thread panicked"))??;
            written.push((
                ReportFormat::Xlsx,
                report::xlsx::file_name(&report.period.label),
            ));
            timings.stage(format!(
                "write {} ({cells} cells in table sheets; rendered in {:.3} s, alongside the \
                 other files)",
                ReportFormat::Xlsx.files(),
                took.as_secs_f64()
            ));
        }
        Ok(())
    })?;
    // In the order of the formats, as before.
    written.sort_by_key(|(format, _)| *format);
    let written: Vec<String> = written.into_iter().map(|(_, name)| name).collect();
    let folder = report_folder.commit()?;
    // The folder as the paragraph and the JSON line name it: masked under --redact.
    let folder = if config.redact.is_some() {
        std::path::PathBuf::from(
            crate::redact::mask_numbers(&folder.display().to_string()).into_owned(),
        )
    } else {
        folder
    };
    timings.report(err)?;
    for missing in &report.columns_missing {
        writeln!(err, "warning: {}", missing.warning())?;
    }
    let cut = report::xlsx::cells_cut();
    if cut > 0 {
        writeln!(
            err,
            "warning: {cut} text cells of the workbook were longer than Excel's 32,767 \
             characters and were cut (they say so); cases.csv holds them whole"
        )?;
    }
    if args.json {
        serde_json::to_writer(&mut *out, &summary_line(&report, &folder, &written))?;
    } else {
        out.write_all(paragraph(&report, &folder, &written).as_bytes())?;
    }
    if !report.warnings.is_empty() {
        writeln!(
            err,
            "warning: {} rows kept with a remark ({}); see warnings.csv",
            report.warnings.len(),
            report
                .counts
                .warnings_by_kind
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| format!("{n} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(if config.fail_on_breach && report.counts.breaches() > 0 {
        ExitCode::BreachesFound
    } else {
        ExitCode::Success
    })
}

/// `complaint-sla ARGS`, each argument quoted when a shell would need it.
fn command_line(args: impl Iterator<Item = std::ffi::OsString>) -> String {
    let mut line = String::from("complaint-sla");
    for arg in args {
        let arg = arg.to_string_lossy();
        line.push(' ');
        if !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_alphanumeric() || "-_./=,:+@%".contains(c))
        {
            line.push_str(&arg);
        } else {
            line.push('\'');
            line.push_str(&arg.replace('\'', "'\\''"));
            line.push('\'');
        }
    }
    line
}

/// The wall time of each stage, and the peak memory so far where the OS tells it, printed
/// with `--verbose`.
struct Timings {
    enabled: bool,
    start: std::time::Instant,
    last: std::time::Instant,
    stages: Vec<(String, std::time::Duration, Option<u64>)>,
}

impl Timings {
    fn new(enabled: bool) -> Self {
        let now = std::time::Instant::now();
        Timings {
            enabled,
            start: now,
            last: now,
            stages: Vec::new(),
        }
    }

    /// Ends a stage that started when the previous one ended.
    fn stage(&mut self, what: String) {
        let now = std::time::Instant::now();
        let peak = if self.enabled {
            crate::ingest::memory::peak_kib()
        } else {
            None
        };
        self.stages.push((what, now - self.last, peak));
        self.last = now;
    }

    fn report(&self, err: &mut dyn Write) -> Result<()> {
        if self.enabled {
            for (what, took, peak) in &self.stages {
                let peak = peak.map_or(String::new(), |kib| {
                    format!(" (peak memory so far {} MiB)", kib / 1024)
                });
                writeln!(err, "time: {:>8.3} s  {what}{peak}", took.as_secs_f64())?;
            }
            writeln!(
                err,
                "time: {:>8.3} s  in all",
                (self.last - self.start).as_secs_f64()
            )?;
        }
        Ok(())
    }
}

/// Resolves `--compare-policy`: the policy, with the report's calendar unless it names its own
/// (another calendar or a holiday file). Errors name `--compare-policy`; a policy that gives
/// the same deadlines as the report's is refused.
fn compare_policy(spec: &str, input: &InputConfig) -> Result<(Policy, Calendar)> {
    let rename = |e: anyhow::Error| -> anyhow::Error {
        match e.downcast::<BadInput>() {
            Ok(bad) => {
                let message = bad.to_string();
                BadInput::new(match message.strip_prefix("--policy") {
                    Some(rest) => format!("--compare-policy{rest}"),
                    None => format!("--compare-policy: {message}"),
                })
                .into()
            }
            Err(e) => e,
        }
    };
    let policy = Policy::resolve(spec).map_err(rename)?;
    // The cases are read once, with this report's columns and date order: a policy that reads
    // the export otherwise would not compare what a run of it alone finds.
    if policy.columns != input.policy.columns {
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} names the export's columns otherwise ([columns]) than the report's \
                 policy {}: the comparison reads the cases once, with the report's columns; run \
                 `report --policy {spec}` on its own",
                input.policy.name
            ),
        )
        .into());
    }
    let flag_order = (input.date_order != input.policy.date_order).then_some(input.date_order);
    let their_order = flag_order.unwrap_or(policy.date_order);
    if their_order != input.date_order {
        let name = |o: Option<crate::date_input::DateOrder>| {
            o.map_or("decided from the data".to_string(), |o| {
                o.name().to_string()
            })
        };
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} reads slash dates in another order ({}) than the report ({}): the \
                 comparison reads the dates once, in the report's order; run `report --policy \
                 {spec}` on its own, or give --date-order for both",
                name(their_order),
                name(input.date_order)
            ),
        )
        .into());
    }
    let own_calendar = policy.calendar != input.policy.calendar || policy.holidays.is_some();
    let mut policy = policy;
    let calendar = if own_calendar {
        super::policy_and_calendar(spec, None, None)
            .map_err(rename)?
            .1
    } else {
        // The report's calendar, and with it the report's holiday file: said beside the
        // other policy wherever it is described.
        policy.holidays = input.holiday_file.clone();
        input.calendar.clone()
    };
    let p = &input.policy;
    let same = (
        policy.first_limit,
        policy.final_limit,
        policy.final_limit_unit,
        policy.at_risk_window,
        own_calendar,
        policy.time_zone,
    ) == (
        p.first_limit,
        p.final_limit,
        p.final_limit_unit,
        p.at_risk_window,
        false,
        p.time_zone,
    );
    if same {
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} gives the same deadlines as the report's policy {}: compare with another \
                 one (amex-no reads 35 days as calendar days, psd2 as working days)",
                p.name
            ),
        )
        .into());
    }
    Ok((policy, calendar))
}

/// What the report model needs of the configuration.
fn config_view(config: &ReportConfig) -> BuildConfig<'_> {
    BuildConfig {
        policy: &config.input.policy,
        calendar: &config.input.calendar,
        holiday_file: config
            .input
            .holiday_file
            .as_ref()
            .map(|p| p.display().to_string()),
        period: &config.period,
        as_of: config.as_of,
        today: config.today,
        command_line: config.command_line.clone(),
        redact: config.redact.clone(),
        language: config.language,
        compare: config.compare.as_ref().map(|(p, c)| (p, c)),
    }
}

pub(crate) fn reasons_line(ingested: &Ingested) -> String {
    let counts = count(ingested.rejects.iter().map(|r| r.reason));
    if counts.is_empty() {
        return "no rows at all".to_string();
    }
    counts
        .iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `--json` summary: what a monitoring system needs to alert on, in one object.
fn summary_line(
    report: &Report,
    folder: &std::path::Path,
    written: &[String],
) -> serde_json::Value {
    let c = &report.counts;
    let by_status: serde_json::Map<String, serde_json::Value> = c
        .by_status
        .iter()
        .map(|(s, n)| (s.as_str().to_string(), (*n).into()))
        .collect();
    serde_json::json!({
        "status": "written",
        "period": report.period.label,
        "from": report.period.start.to_string(),
        "to": report.period.end.to_string(),
        "as_of": report.as_of.to_string(),
        "policy": report.policy.name,
        "rows_read": c.rows_read,
        "rows_evaluated": c.rows_evaluated,
        "rows_rejected": c.rows_rejected,
        "rows_superseded": c.rows_superseded,
        "cases_updated": c.cases_updated,
        "warnings": report.warnings.len(),
        "cases_in_report": c.cases_in_report,
        "input_newest_date": report.freshness.newest.map(|d| d.to_string()),
        "stale_input": report.freshness.stale,
        "breaches": c.breaches(),
        "by_status": by_status,
        "folder": folder.display().to_string(),
        "files": written,
    })
}

/// The one paragraph on stdout.
fn paragraph(report: &Report, folder: &std::path::Path, written: &[String]) -> String {
    let c = &report.counts;
    let statuses = c
        .by_status
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "Period {} to {} ({}), as of {}, policy {}, calendar {}. Read {} rows from {} input{}: \
         {} evaluated, {} rejected{}. {} cases in the report ({} received and {} resolved in the \
         period, {} open at the as-of date): {}. {} breaches. Wrote {} to {}.\n",
        report.period.start,
        report.period.end,
        report.period.label,
        report.as_of,
        report.policy.name,
        report.policy.calendar,
        c.rows_read,
        report.inputs.len(),
        if report.inputs.len() == 1 { "" } else { "s" },
        c.rows_evaluated,
        c.rows_rejected,
        if c.rows_superseded > 0 {
            format!(
                ", {} superseded by an input given later ({} cases updated)",
                c.rows_superseded, c.cases_updated
            )
        } else {
            String::new()
        },
        c.cases_in_report,
        c.received_in_period,
        c.resolved_in_period,
        c.open_at_as_of,
        statuses,
        c.breaches(),
        written.join(", "),
        folder.display()
    )
}
