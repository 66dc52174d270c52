//! The report's files: the workbook filled on both cores while the other formats are
//! rendered and written beside it, each file written atomically into the staging folder.

use std::io::Write;

use anyhow::Result;

use crate::cli::ReportFormat;
use crate::output;
use crate::report::{self, Report};

/// The wall time of each stage, and the peak memory so far where the OS tells it, printed
/// with `--verbose`.
pub(super) struct Timings {
    enabled: bool,
    start: std::time::Instant,
    last: std::time::Instant,
    stages: Vec<(String, std::time::Duration, Option<u64>)>,
}

impl Timings {
    pub(super) fn new(enabled: bool) -> Self {
        let now = std::time::Instant::now();
        Timings {
            enabled,
            start: now,
            last: now,
            stages: Vec::new(),
        }
    }

    /// Ends a stage that started when the previous one ended.
    pub(super) fn stage(&mut self, what: String) {
        let now = std::time::Instant::now();
        let peak = if self.enabled {
            crate::ingest::memory::peak_kib()
        } else {
            None
        };
        self.stages.push((what, now - self.last, peak));
        self.last = now;
    }

    pub(super) fn report(&self, err: &mut dyn Write) -> Result<()> {
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

/// Writes the report in each format into the folder's staging folder; returns the files
/// written, in the order of the formats.
pub(super) fn files(
    report: &Report,
    formats: &[ReportFormat],
    report_folder: &output::ReportFolder,
    rows_per_sheet: usize,
    timings: &mut Timings,
) -> Result<Vec<String>> {
    // The workbook, by far the slowest format, fills its sheets on both cores, then compresses
    // them on one: the other files are rendered and written on the other core meanwhile.
    let mut written = Vec::new();
    std::thread::scope(|scope| -> Result<()> {
        let report = &report;
        let staging = report_folder.staging();
        let (filled_tx, filled_rx) = std::sync::mpsc::channel::<()>();
        let mut workbook = formats.contains(&ReportFormat::Xlsx).then(|| {
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
        for format in formats.iter().filter(|f| **f != ReportFormat::Xlsx) {
            // The workbook is joined after the other formats, so that they run alongside it.
            for name in write_format(report, *format, report_folder)? {
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
    Ok(written.into_iter().map(|(_, name)| name).collect())
}

/// Renders and writes the files of one format other than the workbook; returns their names.
fn write_format(
    report: &Report,
    format: ReportFormat,
    report_folder: &output::ReportFolder,
) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let files: Vec<(String, Vec<u8>)> = match format {
        ReportFormat::Csv => {
            // Streamed to its file: on a large report it is the largest text.
            output::write_atomic_with(&report_folder.staging().join("cases.csv"), |w| {
                report::cases_csv::write(report, w)
            })?;
            names.push("cases.csv".to_string());
            vec![
                (
                    "rejects.csv".to_string(),
                    report::rejects_csv::render_rejects(
                        &report.rejects,
                        &report.rejects_in_period,
                    )?,
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
        ReportFormat::Md => vec![(
            report::markdown::file_name(&report.period.label),
            report::markdown::render(report)?.into_bytes(),
        )],
        ReportFormat::Html => vec![(
            report::html::file_name(&report.period.label),
            report::html::render(report)?.into_bytes(),
        )],
        ReportFormat::Parquet => {
            output::write_atomic_with(
                &report_folder.staging().join(report::cases_parquet::FILE),
                |w| report::cases_parquet::write(report, w),
            )?;
            names.push(report::cases_parquet::FILE.to_string());
            Vec::new()
        }
        ReportFormat::Xlsx => Vec::new(),
    };
    for (name, bytes) in files {
        output::write_atomic(&report_folder.staging().join(&name), &bytes)?;
        names.push(name);
    }
    Ok(names)
}
