//! The age of the cases open at the as-of date: by working days since receipt, and the
//! overdue ones by working days past their applicable deadline. On the Summary sheet and above
//! the Open sheet's table.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::blocks::wrapped_header_row;
use super::formats::Formats;
use super::tables::Preamble;
use crate::report::Report;
use crate::report::figures::AGE_BANDS;

/// Writes the ageing table from `row` (header, a row per band, the total), in columns A to C
/// of `widths`; returns the row after it.
pub(super) fn table(
    sheet: &mut Worksheet,
    mut row: u32,
    report: &Report,
    f: &Formats,
    widths: &[f64],
) -> Result<u32> {
    let ageing = &report.figures.ageing;
    let t = report.language.texts();
    let headers = [
        t.get("ageing.days"),
        t.get("ageing.open"),
        t.get("ageing.overdue"),
    ];
    wrapped_header_row(sheet, row, f, &headers, widths)?;
    row += 1;
    for (band, (label, _)) in AGE_BANDS.iter().enumerate() {
        sheet.write_string_with_format(row, 0, *label, &f.text)?;
        sheet.write_number_with_format(row, 1, ageing.open[band] as f64, &f.integer)?;
        sheet.write_number_with_format(row, 2, ageing.overdue[band] as f64, &f.integer)?;
        row += 1;
    }
    let total = |counts: &[u64]| counts.iter().sum::<u64>() as f64;
    sheet.write_string_with_format(row, 0, t.get("total"), &f.label)?;
    sheet.write_number_with_format(row, 1, total(&ageing.open), &f.integer)?;
    sheet.write_number_with_format(row, 2, total(&ageing.overdue), &f.integer)?;
    Ok(row + 1)
}

/// Above the Open sheet's table: the title, the ageing table, an empty row.
pub(super) const OPEN_SHEET: Preamble = Preamble {
    rows: 1 + 1 + AGE_BANDS.len() as u32 + 1 + 1,
    write: open_sheet,
};

fn open_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats, widths: &[f64]) -> Result<()> {
    let title = report.language.texts().get("ageing.title");
    sheet.write_string_with_format(0, 0, title, &f.subtitle)?;
    table(sheet, 1, report, f, widths)?;
    Ok(())
}
