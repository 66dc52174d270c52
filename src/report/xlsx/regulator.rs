//! The Regulator sheet: the Regulator section ([`crate::report::sections::regulator`]) on one
//! page.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::formats::Formats;
use super::page::Layout;
use super::section;
use crate::report::Report;
use crate::report::sections::regulator;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    // An eighth column for the redress paid by product, when an input has amounts.
    let has_redress = report.figures.regulator.redress.is_some();
    let widths =
        &[58.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 16.0][..if has_redress { 8 } else { 7 }];
    let place = (t.get("sheet.regulator"), Layout::OnePage, widths);
    section::sheet(sheet, report, f, place, &regulator::section(report))
}
