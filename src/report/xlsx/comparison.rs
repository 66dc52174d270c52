//! The Policy comparison sheet (`--compare-policy`): both policies in words, the cases by
//! status under each, the matrix of status under ours to status under theirs, and every case
//! whose status or applicable deadline differs, worst first.

use anyhow::Result;
use polars::prelude::*;
use rust_xlsxwriter::Worksheet;

use super::blocks::{set_widths, title_block, wrapped_header_row};
use super::excel_serial;
use super::formats::Formats;
use super::page::{self, Layout};
use super::section::{self, Place};
use crate::report::Report;
use crate::report::comparison::Comparison;
use crate::report::sections;

pub(super) fn sheet(
    sheet: &mut Worksheet,
    report: &Report,
    comparison: &Comparison,
    f: &Formats,
) -> Result<()> {
    let t = report.language.texts();
    sheet.set_name(t.get("sheet.comparison"))?;
    // Case, received, then each pair (ours, theirs): statuses wide enough for their names.
    let widths = [24.0, 12.0, 24.0, 24.0, 14.0, 14.0, 14.0, 14.0, 12.0, 12.0];
    set_widths(sheet, &widths)?;
    let (ours, theirs) = (&report.policy.name, &comparison.policy.name);
    let content = sections::comparison::section(report, comparison);
    let row = title_block(sheet, report, f, &content.title.workbook, &widths[1..])?;
    let place = Place {
        name: t.get("sheet.comparison"),
        widths: &widths,
        f,
        t: &t,
    };
    let mut row = section::write(sheet, &place, row, &content)?;

    let differing = &comparison.differing;
    row += 1;
    let note = if differing.height() == 0 {
        t.get("cmp.none").to_string()
    } else {
        t.fill("cmp.differing", &[("n", &differing.height())])
    };
    sheet.write_string_with_format(row, 0, &note, &f.subtitle)?;
    row += 1;
    let header = row;
    let col = |key: &str, policy: &str| t.fill(key, &[("policy", &policy)]);
    let headers = [
        t.get("md.col.case").to_string(),
        t.get("col.received").to_string(),
        col("cmp.col.status", ours),
        col("cmp.col.status", theirs),
        col("cmp.col.applicable", ours),
        col("cmp.col.applicable", theirs),
        col("cmp.col.final", ours),
        col("cmp.col.final", theirs),
        col("cmp.col.days_over", ours),
        col("cmp.col.days_over", theirs),
    ];
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    wrapped_header_row(sheet, header, f, &headers, &widths)?;
    row += 1;
    write_differing(sheet, row, differing, f)?;
    page::set_up(sheet, report, Layout::Table { header_row: header })?;
    Ok(())
}

/// Every case whose status or applicable deadline differs, from `row`: its dates as dates,
/// its days over the limit as numbers.
fn write_differing(
    sheet: &mut Worksheet,
    mut row: u32,
    differing: &DataFrame,
    f: &Formats,
) -> Result<()> {
    let text = |name: &str| -> Result<StringChunked> { Ok(differing.column(name)?.str()?.clone()) };
    let days = |name: &str| -> Result<Int32Chunked> {
        Ok(differing
            .column(name)?
            .cast(&DataType::Int32)?
            .i32()?
            .clone())
    };
    let int = |name: &str| -> Result<Int64Chunked> {
        Ok(differing
            .column(name)?
            .cast(&DataType::Int64)?
            .i64()?
            .clone())
    };
    let (case_id, status, status_other) =
        (text("case_id")?, text("status")?, text("status_other")?);
    let dates = [
        days("received_date")?,
        days("applicable_deadline")?,
        days("applicable_deadline_other")?,
        days("final_deadline")?,
        days("final_deadline_other")?,
    ];
    let (over, over_other) = (int("days_over_limit")?, int("days_over_limit_other")?);
    for r in 0..differing.height() {
        sheet.write_string(row, 0, super::fit(case_id.get(r).unwrap_or("")))?;
        sheet.write_string(row, 2, status.get(r).unwrap_or(""))?;
        sheet.write_string(row, 3, status_other.get(r).unwrap_or(""))?;
        for (c, column) in [(1u16, 0usize), (4, 1), (5, 2), (6, 3), (7, 4)] {
            if let Some(d) = dates[column].get(r) {
                let serial = excel_serial(d);
                sheet.write_number_with_format(row, c, serial, &f.date)?;
            }
        }
        for (c, values) in [(8u16, &over), (9, &over_other)] {
            if let Some(v) = values.get(r) {
                sheet.write_number_with_format(row, c, v as f64, &f.integer)?;
            }
        }
        row += 1;
    }
    Ok(())
}
