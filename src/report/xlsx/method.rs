//! The Method sheet: how the figures were produced, the status vocabulary, the holidays and
//! closures the deadlines skip, and the inputs with their SHA-256.

use anyhow::Result;
use chrono::Datelike;
use rust_xlsxwriter::Worksheet;

use super::EXCEL_EPOCH_OFFSET;
use super::blocks::{header_row, heading, title_block};
use super::formats::Formats;
use crate::calendar::weekday_name;
use crate::report::Report;
use crate::status::Status;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Method")?;
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 100)?;
    let p = &report.policy;
    let mut row = title_block(sheet, report, f, "Method")?;
    let lines = crate::report::method::lines(report);
    heading(sheet, &mut row, f, "How the figures were produced")?;
    for (label, text) in &lines {
        sheet.write_string_with_format(row, 0, *label, &f.label)?;
        sheet.write_string_with_format(row, 1, text, &f.wrap)?;
        row += 1;
    }

    heading(sheet, &mut row, f, "Status vocabulary")?;
    header_row(sheet, row, f, &["Status", "Meaning"])?;
    row += 1;
    for s in Status::ALL {
        sheet.write_string(row, 0, s.as_str())?;
        sheet.write_string(row, 1, s.meaning())?;
        row += 1;
    }

    let window = match report.deadline_window {
        Some((from, to)) => format!(
            "Holidays and closures from {from} to {to} (the earliest receipt to the latest final \
             deadline in the report), {} calendar",
            p.calendar
        ),
        None => "Holidays and closures: no case in the report".to_string(),
    };
    heading(sheet, &mut row, f, &window)?;
    header_row(sheet, row, f, &["Date", "Name", "Weekday", "Kind"])?;
    sheet.set_column_width(2, 12)?;
    sheet.set_column_width(3, 16)?;
    row += 1;
    for c in &report.closures {
        sheet.write_number_with_format(
            row,
            0,
            crate::business_days::epoch_days(c.date) as f64 + EXCEL_EPOCH_OFFSET,
            &f.date,
        )?;
        sheet.write_string(row, 1, &c.name)?;
        sheet.write_string(row, 2, weekday_name(c.date.weekday()))?;
        sheet.write_string(row, 3, c.kind.as_str())?;
        row += 1;
    }

    heading(sheet, &mut row, f, "Inputs")?;
    header_row(
        sheet,
        row,
        f,
        &[
            "File",
            "SHA-256",
            "Bytes",
            "Rows read",
            "Format",
            "Encoding",
            "Date order",
        ],
    )?;
    sheet.set_column_width(4, 10)?;
    sheet.set_column_width(5, 14)?;
    sheet.set_column_width(6, 24)?;
    row += 1;
    for input in &report.inputs {
        sheet.write_string(row, 6, crate::report::markdown::date_order_cell(input))?;
        sheet.write_string(row, 0, input.rows_from())?;
        sheet.write_string(row, 1, &input.sha256)?;
        sheet.write_number_with_format(row, 2, input.bytes as f64, &f.integer)?;
        sheet.write_number_with_format(row, 3, input.rows_read as f64, &f.integer)?;
        sheet.write_string(row, 4, input.format)?;
        sheet.write_string(row, 5, input.encoding)?;
        row += 1;
    }
    Ok(())
}
