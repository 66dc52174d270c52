//! What a run says when it is done: the paragraph on stdout, the `--json` line, the rejects
//! by reason.

use std::io::Write;

use anyhow::Result;

use crate::ingest::Ingested;
use crate::report::build::count;
use crate::report::{self, Report};

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
pub(super) fn summary_line(
    report: &Report,
    (folder, kept): (&std::path::Path, Option<&std::path::Path>),
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
        // Rejected rows whose dates cannot be placed, or place them in the period or open.
        "rows_rejected_in_period": c.rejects_in_period,
        "rows_superseded": c.rows_superseded,
        "cases_updated": c.cases_updated,
        // Rows kept with a remark, each column an input lacks (listed below), and a stale
        // export (`stale_input`): every warning the run printed or the Summary shows.
        "warnings": report.warnings.len()
            + report.columns_missing.len()
            + usize::from(report.freshness.warning(report.as_of).is_some()),
        "columns_missing": report
            .columns_missing
            .iter()
            .map(|m| serde_json::json!({
                "input": m.input,
                "column": m.column.name(),
                "look_alikes": m.look_alikes,
                "target_dates": m.targets,
            }))
            .collect::<Vec<_>>(),
        "cases_in_report": c.cases_in_report,
        "input_newest_date": report.freshness.newest.map(|d| d.to_string()),
        "stale_input": report.freshness.stale,
        "breaches": c.breaches(),
        "verdict": verdict_json(report),
        "by_status": by_status,
        "folder": folder.display().to_string(),
        // The earlier, different report of the period, kept under this name.
        "replaced": kept.map(|k| k.display().to_string()),
        "files": written,
    })
}

/// The verdict's counts and its sentence (in English, like everything on the terminal).
fn verdict_json(report: &Report) -> serde_json::Value {
    let mut value = serde_json::to_value(&report.verdict).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("text".into(), verdict_sentence(report).into());
    }
    value
}

fn verdict_sentence(report: &Report) -> String {
    // The warnings are pointed at on the report's Summary, whether or not -q kept them off
    // stderr.
    let warned = !crate::report::sections::summary::warnings(report).is_empty();
    report.verdict.sentence(
        &crate::language::Language::En.texts(),
        warned.then_some("verdict.caveat_summary"),
        (report.counts.rows_rejected, report.counts.rejects_in_period),
    )
}

/// Where the run's files list the rejects and remarks, by what it wrote.
fn where_listed(written: &[String]) -> &'static str {
    let wrote = |suffix: &str| written.iter().any(|f| f.ends_with(suffix));
    if wrote("warnings.csv") {
        "see warnings.csv"
    } else if wrote(".xlsx") {
        "see the workbook's Data quality sheet"
    } else if wrote(".md") {
        "see the Data quality section of the Markdown report"
    } else {
        "--formats csv writes them to warnings.csv"
    }
}

/// The calendar the cases count on; with markets, each market's: `calendars by market:
/// no-bank (home, 1 case), se-bank (SE, 120 cases)`.
fn calendars(report: &Report) -> String {
    if report.by_market.is_empty() {
        return format!("calendar {}", report.policy.calendar);
    }
    let en = crate::language::Language::En.texts();
    let each: Vec<String> = report
        .by_market
        .iter()
        .map(|m| {
            let kind = report.markets.counted[m.index].calendar.kind();
            format!("{kind} ({}, {})", m.name, en.counted("count.case", m.cases))
        })
        .collect();
    format!("calendars by market: {}", each.join(", "))
}

/// The one paragraph on stdout.
pub(super) fn paragraph(report: &Report, folder: &std::path::Path, written: &[String]) -> String {
    let c = &report.counts;
    let statuses = c
        .by_status
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect::<Vec<_>>()
        .join(", ");
    let v = &report.verdict;
    let en = crate::language::Language::En.texts();
    format!(
        "{} Period {} to {} ({}), as of {}, policy {}, {}. Read {} from {} input{}: {} \
         evaluated, {} rejected{}. {} in the report ({} received and {} resolved in the period, \
         {} open at the as-of date): {}. {}: {}, {} open past the deadline. Wrote {} to {}.\n",
        verdict_sentence(report),
        report.period.start,
        report.period.end,
        report.period.label,
        report.as_of,
        report.policy.name,
        calendars(report),
        en.counted("count.row", c.rows_read),
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
        en.counted("count.case", c.cases_in_report),
        c.received_in_period,
        c.resolved_in_period,
        c.open_at_as_of,
        statuses,
        en.counted("count.breach", c.breaches()),
        v.late_words(&en),
        v.open_overdue,
        written.join(", "),
        folder.display()
    )
}

/// After the files are in place: the warnings of the run on stderr, then the paragraph (or
/// the `--json` line) on stdout, then the rows kept with a remark.
pub(super) fn tell(
    report: &Report,
    (folder, kept): (&std::path::Path, Option<&std::path::Path>),
    written: &[String],
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    if let Some(kept) = kept {
        writeln!(
            err,
            "note: the earlier report in {} differed from this run's; it is kept as {}",
            folder.display(),
            kept.display()
        )?;
    }
    for missing in &report.columns_missing {
        writeln!(err, "warning: {}", missing.warning())?;
    }
    let cut = report::xlsx::cells_cut();
    if cut > 0 {
        writeln!(
            err,
            "warning: {cut} text cells of the workbook were longer than Excel's 32,767 \
             characters and were cut (they say so); {}",
            if written.iter().any(|f| f == "cases.csv") {
                "cases.csv holds them whole"
            } else {
                "--formats csv writes cases.csv, which holds them whole"
            }
        )?;
    }
    if json {
        serde_json::to_writer(&mut *out, &summary_line(report, (folder, kept), written))?;
    } else {
        out.write_all(paragraph(report, folder, written).as_bytes())?;
    }
    if !report.warnings.is_empty() {
        writeln!(
            err,
            "warning: {} rows kept with a remark ({}); {}",
            report.warnings.len(),
            report
                .counts
                .warnings_by_kind
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| format!("{n} {k}"))
                .collect::<Vec<_>>()
                .join(", "),
            where_listed(written)
        )?;
    }
    Ok(())
}
