//! The Trend sheet: the twelve months up to the period, with a chart.

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartType, Worksheet};

use super::blocks::{set_widths, title_block, wrapped, wrapped_header_row};
use super::formats::Formats;
use super::page::{self, Layout};
use crate::report::Report;
use crate::report::figures::percent;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    let name = t.get("sheet.trend");
    sheet.set_name(name)?;
    page::set_up(sheet, report, Layout::Sections)?;
    let widths = [12.0, 16.0, 16.0, 16.0, 16.0, 16.0];
    set_widths(sheet, &widths)?;
    let mut row = title_block(sheet, report, f, t.get("trend.title"), &widths[1..])?;
    row += 1;
    wrapped_header_row(
        sheet,
        row,
        f,
        &[
            t.get("col.month"),
            t.get("col.received"),
            t.get("col.resolved"),
            t.get("trend.within_first"),
            t.get("trend.share_first"),
            t.get("trend.with_breach"),
        ],
        &widths,
    )?;
    row += 1;
    let first = row;
    for m in &report.figures.trend {
        sheet.write_string(row, 0, &m.month)?;
        sheet.write_number_with_format(row, 1, m.received as f64, &f.integer)?;
        sheet.write_number_with_format(row, 2, m.resolved as f64, &f.integer)?;
        sheet.write_number_with_format(row, 3, m.resolved_within_first as f64, &f.integer)?;
        if let Some(p) = percent(m.resolved_within_first, m.resolved) {
            sheet.write_number_with_format(row, 4, p / 100.0, &f.percent)?;
        }
        sheet.write_number_with_format(row, 5, m.resolved_with_breach as f64, &f.integer)?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(first);
    let mut chart = Chart::new(ChartType::Column);
    for (c, series) in [
        (1u16, t.get("col.received")),
        (2, t.get("col.resolved")),
        (5, t.get("trend.with_breach")),
    ] {
        chart
            .add_series()
            .set_categories((name, first, 0, last, 0))
            .set_values((name, first, c, last, c))
            .set_name(series);
    }
    chart.title().set_name(t.get("trend.chart"));
    chart.set_width(720).set_height(320);
    sheet.insert_chart(row + 1, 0, &chart)?;
    row += 18;
    wrapped(sheet, row, 0, &widths, t.get("trend.note"), &f.wrap)?;
    Ok(())
}
