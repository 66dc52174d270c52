//! The Summary sheet: the Summary section ([`crate::report::sections::summary`]) on one page.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::blocks::{set_widths, title_block};
use super::formats::Formats;
use super::page::{self, Layout};
use super::section::{self, Place};
use crate::report::Report;
use crate::report::sections::summary;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    let name = t.get("sheet.summary");
    sheet.set_name(name)?;
    page::set_up(sheet, report, Layout::OnePage)?;
    let widths = [58.0, 14.0, 12.0, 60.0];
    set_widths(sheet, &widths)?;
    let content = summary::section(report);
    let row = title_block(sheet, report, f, &content.title.workbook, &widths[1..])?;
    let place = Place {
        name,
        widths: &widths,
        f,
        t: &t,
    };
    section::write(sheet, &place, row, &content)?;
    Ok(())
}
