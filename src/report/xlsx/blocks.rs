//! The blocks the summary sheets are made of: a title block, headings, header rows and
//! label/value rows.

use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

use super::formats::Formats;
use crate::report::Report;

pub(super) fn heading(sheet: &mut Worksheet, row: &mut u32, f: &Formats, text: &str) -> Result<()> {
    *row += 1;
    sheet.write_string_with_format(*row, 0, text, &f.subtitle)?;
    *row += 1;
    Ok(())
}

/// The height of a default row, in points (Calibri 11).
pub(super) const LINE_HEIGHT: f64 = 15.0;

/// Sets a sheet's column widths, in characters, from column A on.
pub(super) fn set_widths(sheet: &mut Worksheet, widths: &[f64]) -> Result<()> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// The height of a row whose text wraps in a cell `width` characters wide. Excel and
/// LibreOffice size a row to its wrapped text only when they wrote it themselves: a row they
/// read keeps its height, and wrapped lines past it are cut off on screen and on paper.
/// A column width counts characters of the digit 0; text in a proportional font fits about
/// 15 % more (measured on the Method sheet as LibreOffice prints it).
pub(super) fn wrapped_height(text: &str, width: f64) -> f64 {
    let per_line = (width * 1.15).max(1.0);
    let lines: f64 = text
        .split('\n')
        .map(|line| wrapped_lines(line, per_line))
        .sum();
    LINE_HEIGHT * lines
}

/// The lines `line` takes when wrapped at spaces into lines of `per_line` characters, as a
/// spreadsheet wraps it: a word that does not fit goes to the next line whole, a word longer
/// than a line is broken.
fn wrapped_lines(line: &str, per_line: f64) -> f64 {
    let mut lines = 1.0;
    let mut used = 0.0;
    for word in line.split(' ') {
        let len = word.chars().count() as f64;
        let needed = if used > 0.0 { used + 1.0 + len } else { len };
        if needed <= per_line {
            used = needed;
        } else if used == 0.0 {
            // A word longer than the line, alone on its lines.
            lines += (len / per_line).ceil() - 1.0;
            used = len % per_line;
        } else {
            lines += 1.0;
            lines += ((len / per_line).ceil() - 1.0).max(0.0);
            used = if len > per_line { len % per_line } else { len };
        }
    }
    lines
}

/// Whether `text` needs more than one line in a cell `width` characters wide.
pub(super) fn wraps(text: &str, width: f64) -> bool {
    text.contains('\n') || text.chars().count() as f64 > width * 1.15
}

/// Writes `text` wrapped across columns `first` to `first + widths.len() - 1` of `row`
/// (merged when it spans more than one), with the row as tall as its lines.
pub(super) fn wrapped(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    widths: &[f64],
    text: &str,
    format: &Format,
) -> Result<()> {
    let height = wrapped_height(text, widths.iter().sum());
    if height > LINE_HEIGHT {
        sheet.set_row_height(row, height)?;
    }
    let last = first + widths.len().saturating_sub(1) as u16;
    if last > first {
        sheet.merge_range(row, first, row, last, text, format)?;
    } else {
        sheet.write_string_with_format(row, first, super::fit(text), format)?;
    }
    Ok(())
}

/// [`wrapped`] for text in a 12-point font (the verdict): fewer characters to a line, taller
/// lines.
pub(super) fn wrapped_large(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    widths: &[f64],
    text: &str,
    format: &Format,
) -> Result<()> {
    const SCALE: f64 = 12.0 / 11.0;
    let height = wrapped_height(text, widths.iter().sum::<f64>() / SCALE) * SCALE + 4.0;
    sheet.set_row_height(row, height)?;
    let last = first + widths.len().saturating_sub(1) as u16;
    sheet.merge_range(row, first, row, last.max(first + 1), text, format)?;
    Ok(())
}

/// A header row of a table. With `widths`, the row is as tall as its longest wrapped header.
pub(super) fn header_row(
    sheet: &mut Worksheet,
    row: u32,
    f: &Formats,
    headers: &[&str],
) -> Result<()> {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *h, &f.header)?;
    }
    Ok(())
}

/// A header row whose headers wrap within their columns (`widths`, from column A), as tall as
/// the longest of them needs.
pub(super) fn wrapped_header_row(
    sheet: &mut Worksheet,
    row: u32,
    f: &Formats,
    headers: &[&str],
    widths: &[f64],
) -> Result<()> {
    // The height first: a constant-memory sheet takes it only before the row is written.
    let height = headers
        .iter()
        .zip(widths)
        // Bold letters are wider: about a tenth.
        .map(|(h, w)| wrapped_height(h, (*w - 1.0) / 1.1))
        .fold(LINE_HEIGHT, f64::max);
    if height > LINE_HEIGHT {
        sheet.set_row_height(row, height)?;
    }
    header_row(sheet, row, f, headers)
}

/// The title, then the period, as-of date, policy and calendar, each value wrapped across the
/// columns whose widths `value_widths` gives (from column B), so that no line runs past the
/// sheet's printed width.
pub(super) fn title_block(
    sheet: &mut Worksheet,
    report: &Report,
    f: &Formats,
    title: &str,
    value_widths: &[f64],
) -> Result<u32> {
    sheet.write_string_with_format(0, 0, title, &f.title)?;
    let t = report.language.texts();
    let rows: [(&str, String); 4] = [
        (
            t.get("block.period"),
            t.fill(
                "block.period_value",
                &[
                    ("start", &report.period.start),
                    ("end", &report.period.end),
                    ("period", &report.period.label),
                ],
            ),
        ),
        (t.get("block.as_of"), report.as_of.to_string()),
        (
            t.get("block.policy"),
            crate::report::method::policy_summary(report),
        ),
        (
            t.get("block.calendar"),
            format!(
                "{}: {}",
                report.policy.calendar,
                crate::report::method::calendar_description(report)
            ),
        ),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        sheet.write_string_with_format(2 + i as u32, 0, *label, &f.label)?;
        wrapped(sheet, 2 + i as u32, 1, value_widths, value, &f.wrap)?;
    }
    Ok(2 + rows.len() as u32)
}
