//! The Regulator sheet: the Regulator section ([`crate::report::sections::regulator`]) on one
//! page.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::blocks::{set_widths, title_block};
use super::formats::Formats;
use super::page::{self, Layout};
use super::section::{self, Place};
use crate::report::Report;
use crate::report::sections::regulator;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    let name = t.get("sheet.regulator");
    sheet.set_name(name)?;
    page::set_up(sheet, report, Layout::OnePage)?;
    // An eighth column for the redress paid by product, when an input has amounts.
    let has_redress = report.figures.regulator.redress.is_some();
    let widths =
        &[58.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 16.0][..if has_redress { 8 } else { 7 }];
    set_widths(sheet, widths)?;
    let content = regulator::section(report);
    let row = title_block(sheet, report, f, &content.title.workbook, &widths[1..])?;
    let place = Place {
        name,
        widths,
        f,
        t: &t,
    };
    section::write(sheet, &place, row, &content)?;
    Ok(())
}
