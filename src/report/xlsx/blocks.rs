//! The blocks the summary sheets are made of: a title block, headings, header rows and
//! label/value rows.

use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

use super::formats::Formats;
use crate::report::Report;

/// Writes `label` and a number in the next row of a label/value block.
pub(super) fn figure(
    sheet: &mut Worksheet,
    row: &mut u32,
    f: &Formats,
    label: &str,
    value: Option<f64>,
    format: &Format,
    share: Option<f64>,
) -> Result<()> {
    sheet.write_string(*row, 0, label)?;
    match value {
        Some(v) => sheet.write_number_with_format(*row, 1, v, format)?,
        None => sheet.write_string(*row, 1, "n/a")?,
    };
    if let Some(share) = share {
        sheet.write_number_with_format(*row, 2, share / 100.0, &f.percent)?;
    }
    *row += 1;
    Ok(())
}

pub(super) fn heading(sheet: &mut Worksheet, row: &mut u32, f: &Formats, text: &str) -> Result<()> {
    *row += 1;
    sheet.write_string_with_format(*row, 0, text, &f.subtitle)?;
    *row += 1;
    Ok(())
}

pub(super) fn header_row(sheet: &mut Worksheet, row: u32, f: &Formats, headers: &[&str]) -> Result<()> {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *h, &f.header)?;
    }
    Ok(())
}

pub(super) fn title_block(sheet: &mut Worksheet, report: &Report, f: &Formats, title: &str) -> Result<u32> {
    sheet.write_string_with_format(0, 0, title, &f.title)?;
    let rows: [(&str, String); 4] = [
        (
            "Period",
            format!(
                "{} to {} ({})",
                report.period.start, report.period.end, report.period.label
            ),
        ),
        ("As of", report.as_of.to_string()),
        ("Policy", report.policy.summary()),
        (
            "Calendar",
            format!(
                "{}: {}",
                report.policy.calendar, report.calendar_description
            ),
        ),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        sheet.write_string_with_format(2 + i as u32, 0, *label, &f.label)?;
        sheet.write_string(2 + i as u32, 1, value)?;
    }
    Ok(2 + rows.len() as u32)
}
