//! The Trend sheet: the Trend section ([`crate::report::sections::trend`]), with its chart.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::formats::Formats;
use super::page::Layout;
use super::section;
use crate::report::Report;
use crate::report::sections::trend;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    let widths = [12.0, 16.0, 16.0, 16.0, 16.0, 16.0];
    let place = (t.get("sheet.trend"), Layout::Sections, &widths[..]);
    section::sheet(sheet, report, f, place, &trend::section(report))
}
