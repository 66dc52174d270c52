//! The Data quality section: rows read, evaluated and rejected, the rejects by reason and the
//! remarks by kind, then the first rejects and remarks themselves (the workbook lists all).

use std::fmt::Write;

use super::{QUALITY_LIMIT, escape, superseded, table};
use crate::report::Report;

pub(super) fn section(out: &mut String, report: &Report) {
    let c = &report.counts;
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("sheet.data_quality"));
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.quality_counts",
            &[
                ("read", &c.rows_read),
                ("evaluated", &c.rows_evaluated),
                ("rejected", &c.rows_rejected),
                ("superseded", &superseded(t, c).replacen(',', " +", 1)),
                ("warnings", &report.warnings.len()),
            ]
        )
    );
    if c.rows_rejected > 0 {
        let _ = writeln!(
            out,
            "{}\n",
            crate::report::people::rejects_in_period_note(report)
        );
    }
    if let Some(conflicts) = crate::report::people::conflicts_note(report) {
        let _ = writeln!(out, "{conflicts}\n");
    }
    let mut in_period = std::collections::BTreeMap::new();
    for (r, _) in report
        .rejects
        .iter()
        .zip(&report.rejects_in_period)
        .filter(|(_, may)| **may)
    {
        *in_period.entry(r.reason).or_insert(0u64) += 1;
    }
    let rejected: Vec<Vec<String>> = c
        .rejects_by_reason
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| {
            let may = in_period.get(k).copied().unwrap_or(0);
            vec![format!("`{k}`"), n.to_string(), may.to_string()]
        })
        .collect();
    if !rejected.is_empty() {
        table(
            out,
            &[
                t.get("md.col.reject_reason"),
                t.get("md.col.rows"),
                t.get("md.col.in_period"),
            ],
            rejected,
        );
    }
    let warned: Vec<Vec<String>> = c
        .warnings_by_kind
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| vec![format!("`{k}`"), n.to_string()])
        .collect();
    if !warned.is_empty() {
        table(
            out,
            &[t.get("md.col.warning"), t.get("md.col.rows")],
            warned,
        );
    }
    list(out, report);
}

/// The first rejects and remarks, each with its file, line, case, reason, column and value.
fn list(out: &mut String, report: &Report) {
    let t = &report.language.texts();
    let total = report.rejects.len() + report.warnings.len();
    if total == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "{}\n",
        if total > QUALITY_LIMIT {
            t.fill(
                "md.quality_more",
                &[
                    ("limit", &QUALITY_LIMIT),
                    ("total", &total),
                    ("sheet", &t.get("sheet.data_quality")),
                ],
            )
        } else {
            t.get("md.quality_all").to_string()
        }
    );
    let rows = report
        .rejects_listed()
        .into_iter()
        .map(|(r, may_belong)| {
            vec![
                t.get(crate::report::people::reject_kind(may_belong))
                    .to_string(),
                escape(&r.file),
                r.line.to_string(),
                escape(&r.case_id),
                format!("`{}`", r.reason.as_str()),
                escape(&r.column),
                escape(&r.value),
            ]
        })
        .chain(report.warnings.iter().map(|w| {
            vec![
                t.get("md.kind.warning").to_string(),
                escape(&w.file),
                w.line.to_string(),
                escape(&w.case_id),
                format!("`{}`", w.kind.as_str()),
                escape(&w.column),
                escape(&w.value),
            ]
        }))
        .take(QUALITY_LIMIT);
    table(
        out,
        &[
            t.get("col.kind"),
            t.get("input.file"),
            t.get("md.col.line"),
            t.get("md.col.case"),
            t.get("md.col.reason"),
            t.get("md.col.column"),
            t.get("col.value"),
        ],
        rows,
    );
}
