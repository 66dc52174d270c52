//! The Breakdown sheet: cases, breaches and resolution times by product, category, channel
//! and stage.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::blocks::{heading, set_widths, title_block, wrapped_header_row};
use super::formats::Formats;
use super::page::{self, Layout};
use crate::report::Report;
use crate::report::figures::percent;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    sheet.set_name(t.get("sheet.breakdown"))?;
    page::set_up(sheet, report, Layout::Sections)?;
    let has_redress = report.figures.regulator.redress.is_some();
    let paid_header = t.fill("col.redress", &[("currency", &report.policy.currency)]);
    // A sixth column for the redress paid, when an input has amounts.
    let widths = &[32.0, 14.0, 14.0, 14.0, 16.0, 16.0][..if has_redress { 6 } else { 5 }];
    set_widths(sheet, widths)?;
    let mut row = title_block(sheet, report, f, t.get("breakdown.title"), &widths[1..])?;
    for breakdown in &report.figures.breakdowns {
        let dimension = t.get(&format!("dim.{}", breakdown.dimension));
        heading(
            sheet,
            &mut row,
            f,
            &t.fill("breakdown.by", &[("dimension", &dimension)]),
        )?;
        let mut headers = vec![
            dimension,
            t.get("col.cases"),
            t.get("col.breaches"),
            t.get("col.breach_rate"),
            t.get("col.median_days"),
        ];
        if has_redress {
            headers.push(&paid_header);
        }
        wrapped_header_row(sheet, row, f, &headers, widths)?;
        row += 1;
        for r in &breakdown.rows {
            sheet.write_string(row, 0, super::fit(&r.value))?;
            sheet.write_number_with_format(row, 1, r.cases as f64, &f.integer)?;
            sheet.write_number_with_format(row, 2, r.breaches as f64, &f.integer)?;
            if let Some(rate) = percent(r.breaches, r.cases) {
                sheet.write_number_with_format(row, 3, rate / 100.0, &f.percent)?;
            }
            match r.median_working_days {
                Some(m) => sheet.write_number_with_format(row, 4, m, &f.decimal)?,
                None => sheet.write_string(row, 4, f.na)?,
            };
            if let Some(paid) = r.redress {
                sheet.write_number_with_format(row, 5, paid as f64 / 100.0, &f.money)?;
            }
            row += 1;
        }
    }
    Ok(())
}
