//! The Data quality sheets: every reject, then every warning.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::formats::Formats;
use super::tables::{Preamble, TableSheets};
use crate::report::Report;

/// The columns, each headed in the report's language.
const COLUMNS: [&str; 7] = [
    "kind",
    "file",
    "line",
    "case_id",
    "reject_reason",
    "column",
    "value",
];

/// The sheet's headers in the report's language.
fn headers(report: &Report) -> &'static [&'static str; 7] {
    use crate::language::Language;
    static HEADERS: std::sync::OnceLock<[[&str; 7]; 2]> = std::sync::OnceLock::new();
    let all = HEADERS.get_or_init(|| {
        Language::ALL.map(|l| COLUMNS.map(|c| crate::report::people::header(&l.texts(), c)))
    });
    &all[report.language as usize]
}
pub(super) const DATA_QUALITY_WIDTHS: [f64; 7] = [26.0, 30.0, 8.0, 16.0, 30.0, 18.0, 50.0];

pub(super) fn table<'a>(report: &Report, note: &'a str, rows_per_sheet: usize) -> TableSheets<'a> {
    TableSheets {
        name: report.language.texts().get("sheet.data_quality"),
        headers: headers(report),
        widths: &DATA_QUALITY_WIDTHS,
        column_kinds: &[],
        rows: report.rejects.len() + report.warnings.len(),
        rows_per_sheet,
        empty_note: note,
        preamble: (!report.rejects.is_empty()).then_some(REJECTS_NOTE),
    }
}

/// Above the table, when rows were rejected: how many may belong to the period (listed
/// first), and what a conflicting duplicate means to the figures.
const REJECTS_NOTE: Preamble = Preamble {
    rows: 3,
    write: rejects_note,
};

fn rejects_note(sheet: &mut Worksheet, report: &Report, f: &Formats, widths: &[f64]) -> Result<()> {
    let in_period = crate::report::people::rejects_in_period_note(report);
    super::blocks::wrapped(sheet, 0, 0, widths, &in_period, &f.wrap)?;
    if let Some(conflicts) = crate::report::people::conflicts_note(report) {
        super::blocks::wrapped(sheet, 1, 0, widths, &conflicts, &f.wrap)?;
    }
    Ok(())
}

/// Writes the rows of the Data quality sheets, straight from the rejects and warnings (a
/// large export can have millions).
pub(super) fn fill(
    table: &TableSheets,
    sheets: Vec<&mut Worksheet>,
    report: &Report,
    f: &Formats,
) -> Result<u64> {
    let t = report.language.texts();
    let rejects = report.rejects_listed();
    table.fill(sheets, |sheet, row, r| {
        let (kind, format, file, line, case_id, reason, column, value) = match rejects.get(r) {
            Some((j, may_belong)) => (
                t.get(crate::report::people::reject_kind(*may_belong)),
                &f.breach,
                &j.file,
                j.line,
                &j.case_id,
                j.reason.as_str(),
                &j.column,
                &j.value,
            ),
            None => {
                let w = &report.warnings[r - report.rejects.len()];
                (
                    t.get("md.kind.warning"),
                    &f.at_risk,
                    &w.file,
                    w.line,
                    &w.case_id,
                    w.kind.as_str(),
                    &w.column,
                    &w.value,
                )
            }
        };
        sheet.write_string_with_format(row, 0, kind, format)?;
        sheet.write_string(row, 1, super::fit(file))?;
        sheet.write_number(row, 2, line as f64)?;
        for (c, text) in [case_id.as_str(), reason, column, value]
            .into_iter()
            .enumerate()
        {
            sheet.write_string(row, c as u16 + 3, super::fit(text))?;
        }
        Ok(())
    })
}
