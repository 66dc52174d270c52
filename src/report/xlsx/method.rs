//! The Method sheet: how the figures were produced, the status vocabulary, the holidays and
//! closures the deadlines skip, and the inputs with their SHA-256.

use anyhow::Result;
use chrono::Datelike;
use rust_xlsxwriter::Worksheet;

use super::blocks::{header_row, heading, set_widths, title_block, wrapped};
use super::excel_serial;
use super::formats::Formats;
use super::page::{self, Layout};
use crate::calendar::weekday_name;
use crate::report::Report;
use crate::status::Status;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    let t = report.language.texts();
    sheet.set_name(t.get("sheet.method"))?;
    page::set_up(sheet, report, Layout::Sections)?;
    // Label, text (wrapped), then two narrow columns for the closures' weekday and kind.
    let widths = [30.0, 90.0, 12.0, 16.0];
    set_widths(sheet, &widths)?;
    let mut row = title_block(sheet, report, f, t.get("method.title"), &widths[1..2])?;
    let lines = crate::report::method::lines(report);
    heading(sheet, &mut row, f, t.get("method.how"))?;
    for (label, text) in &lines {
        sheet.write_string_with_format(row, 0, *label, &f.label)?;
        wrapped(sheet, row, 1, &widths[1..2], text, &f.wrap)?;
        row += 1;
    }

    heading(sheet, &mut row, f, t.get("method.vocabulary"))?;
    header_row(sheet, row, f, &[t.get("col.status"), t.get("col.meaning")])?;
    row += 1;
    for s in Status::ALL {
        sheet.write_string(row, 0, s.as_str())?;
        let meaning = t.get(&format!("status.{}", s.as_str()));
        wrapped(sheet, row, 1, &widths[1..2], meaning, &f.wrap)?;
        row += 1;
    }

    row = closures(sheet, row, report, f, &widths)?;

    inputs(sheet, row, report, f, &widths)?;
    Ok(())
}

/// The calendar's closures between the earliest receipt and the latest deadline of the
/// report's cases, from `row`; returns the row after them.
fn closures(
    sheet: &mut Worksheet,
    mut row: u32,
    report: &Report,
    f: &Formats,
    widths: &[f64],
) -> Result<u32> {
    let t = report.language.texts();
    let p = &report.policy;
    let window = match report.deadline_window {
        Some((from, to)) => {
            t.fill(
                "method.closures",
                &[("from", &from), ("to", &to), ("calendar", &p.calendar)],
            ) + &crate::report::sections::markets::closures_note(report)
        }
        None => t.get("method.no_closures").to_string(),
    };
    row += 1;
    wrapped(sheet, row, 0, widths, &window, &f.subtitle_wrap)?;
    row += 1;
    header_row(
        sheet,
        row,
        f,
        &[
            t.get("col.date"),
            t.get("col.name"),
            t.get("col.weekday"),
            t.get("col.kind"),
        ],
    )?;
    row += 1;
    for c in &report.closures {
        sheet.write_number_with_format(
            row,
            0,
            excel_serial(crate::business_days::epoch_days(c.date)),
            &f.date,
        )?;
        sheet.write_string(row, 1, crate::report::method::closure_name(report, c))?;
        let weekday = t.get(&format!("weekday.{}", weekday_name(c.date.weekday())));
        sheet.write_string(row, 2, weekday)?;
        sheet.write_string(row, 3, t.get(&format!("closure.{}", c.kind.as_str())))?;
        row += 1;
    }

    Ok(row)
}

/// Each input as label/value rows: a SHA-256 and a path need the width of a line.
fn inputs(
    sheet: &mut Worksheet,
    mut row: u32,
    report: &Report,
    f: &Formats,
    widths: &[f64],
) -> Result<()> {
    let t = report.language.texts();
    heading(sheet, &mut row, f, t.get("method.inputs"))?;
    for (i, input) in report.inputs.iter().enumerate() {
        if i > 0 {
            row += 1;
        }
        let text = |label: &'static str, value: String| (label, Some(value), 0);
        let count = |label: &'static str, n: u64| (label, None, n);
        let values = [
            text(t.get("input.file"), input.rows_from()),
            text(t.get("input.sha256"), input.sha256.clone()),
            count(t.get("input.bytes"), input.bytes),
            count(t.get("input.rows_read"), input.rows_read),
            text(t.get("input.format"), input.format.to_string()),
            text(t.get("input.encoding"), input.encoding.to_string()),
            text(
                t.get("input.date_order"),
                crate::report::method::date_order_cell(&t, input).to_string(),
            ),
        ];
        for (label, value, n) in values {
            sheet.write_string_with_format(row, 0, label, &f.label)?;
            match value {
                Some(value) => wrapped(sheet, row, 1, &widths[1..2], &value, &f.wrap)?,
                None => {
                    sheet.write_number_with_format(row, 1, n as f64, &f.integer_left)?;
                }
            }
            row += 1;
        }
    }
    Ok(())
}
