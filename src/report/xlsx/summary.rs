//! The Summary sheet: the Summary section ([`crate::report::sections::summary`]) on one page.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::formats::Formats;
use super::page::Layout;
use super::section;
use crate::report::Report;
use crate::report::sections::summary;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    let widths = [58.0, 14.0, 24.0, 60.0];
    let place = (t.get("sheet.summary"), Layout::OnePage, &widths[..]);
    section::sheet(sheet, report, f, place, &summary::section(report))
}
