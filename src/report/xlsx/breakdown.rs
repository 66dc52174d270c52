//! The Breakdown sheet: the Breakdown section ([`crate::report::sections::breakdown`]).

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::formats::Formats;
use super::page::Layout;
use super::section;
use crate::report::Report;
use crate::report::sections::breakdown;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    // A seventh column for the redress paid, when an input has amounts, or for the breach rate
    // of the table by market.
    let seventh = report.figures.regulator.redress.is_some() || !report.by_market.is_empty();
    let widths = &[32.0, 12.0, 14.0, 14.0, 18.0, 16.0, 18.0][..if seventh { 7 } else { 6 }];
    let place = (t.get("sheet.breakdown"), Layout::Sections, widths);
    section::sheet(sheet, report, f, place, &breakdown::section(report))
}
