//! The Trend sheet: the Trend section ([`crate::report::sections::trend`]), with its chart.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::blocks::{set_widths, title_block};
use super::formats::Formats;
use super::page::{self, Layout};
use super::section::{self, Place};
use crate::report::Report;
use crate::report::sections::trend;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    let name = t.get("sheet.trend");
    sheet.set_name(name)?;
    page::set_up(sheet, report, Layout::Sections)?;
    let widths = [12.0, 16.0, 16.0, 16.0, 16.0, 16.0];
    set_widths(sheet, &widths)?;
    let content = trend::section(report);
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
