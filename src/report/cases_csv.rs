//! `cases.csv`: one row per case in the report, the computed columns first, then the
//! descriptive and carried-through columns, then where the row came from.

use anyhow::Result;
use polars::prelude::*;

use super::formula::neutralise;
use super::{Report, figures, format_epoch_days};
use crate::columns::Canonical;
use crate::ingest::col_names;

/// The first columns of `cases.csv`, exactly.
pub const LEADING: [&str; 12] = [
    "case_id",
    "received_date",
    "holding_reply_date",
    "resolved_date",
    "first_deadline",
    "final_deadline",
    "working_days_elapsed",
    "calendar_days_elapsed",
    "status",
    "first_limit_breached",
    "final_limit_breached",
    "days_over_limit",
];

/// A column ready to print, typed once rather than per cell.
pub enum Cells {
    Text(StringChunked),
    Date(Int32Chunked),
    Int(Int64Chunked),
    Bool(BooleanChunked),
    Source(UInt32Chunked, Vec<String>),
    Line(UInt64Chunked),
    /// An amount in minor units, printed with two decimals.
    Money(Int64Chunked),
}

impl Cells {
    pub fn of(frame: &DataFrame, name: &str, files: &[String]) -> Result<Self> {
        let column = frame
            .column(name)
            .map_err(|e| anyhow::anyhow!("cases table has no column {name}: {e}"))?;
        Ok(match column.dtype() {
            DataType::String => Cells::Text(column.str()?.clone()),
            DataType::Date => Cells::Date(column.cast(&DataType::Int32)?.i32()?.clone()),
            DataType::Boolean => Cells::Bool(column.bool()?.clone()),
            DataType::UInt32 if name == col_names::SOURCE_FILE => {
                Cells::Source(column.u32()?.clone(), files.to_vec())
            }
            DataType::UInt64 => Cells::Line(column.u64()?.clone()),
            _ if name == col_names::REDRESS => {
                Cells::Money(column.cast(&DataType::Int64)?.i64()?.clone())
            }
            _ => Cells::Int(column.cast(&DataType::Int64)?.i64()?.clone()),
        })
    }

    pub fn cell(&self, row: usize) -> Option<String> {
        match self {
            Cells::Text(c) => c.get(row).map(str::to_string),
            Cells::Date(c) => c.get(row).map(format_epoch_days),
            Cells::Int(c) => c.get(row).map(|v| v.to_string()),
            Cells::Bool(c) => c.get(row).map(|v| v.to_string()),
            Cells::Source(c, files) => c.get(row).map(|i| files[i as usize].clone()),
            Cells::Line(c) => c.get(row).map(|v| v.to_string()),
            Cells::Money(c) => c.get(row).map(crate::amount::format_minor),
        }
    }
}

/// Header names and source columns, in output order.
pub fn columns(report: &Report) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = LEADING
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect();
    for name in [
        "working_days_left",
        "applicable_deadline",
        "received_in_period",
        "resolved_in_period",
        "open_at_as_of",
        super::reason::COLUMN,
    ] {
        out.push((name.into(), name.into()));
    }
    if report.markets.several() {
        let market = crate::evaluate::MARKET;
        out.push((market.into(), market.into()));
    }
    for c in Canonical::DESCRIPTIVE {
        out.push((c.name().into(), c.name().into()));
    }
    out.push(("referred_date".into(), col_names::REFERRED.into()));
    if report.cases.column(col_names::REDRESS).is_ok() {
        out.push((col_names::REDRESS.into(), col_names::REDRESS.into()));
    }
    for name in [figures::OUTCOME_CLASS, figures::REFERRAL_BODY] {
        out.push((name.into(), name.into()));
    }
    for name in &report.carried {
        out.push((name.clone(), name.clone()));
    }
    out.push(("source_file".into(), col_names::SOURCE_FILE.into()));
    out.push(("source_line".into(), col_names::SOURCE_LINE.into()));
    out
}

impl Cells {
    /// Whether the column holds text from an input (or a file name): the cells a spreadsheet
    /// could take for a formula. Dates, numbers, amounts and booleans are computed.
    pub fn is_text(&self) -> bool {
        matches!(self, Cells::Text(_) | Cells::Source(..))
    }

    /// Writes the cell at `row` into `buf` (cleared first), with no allocation of its own;
    /// `false` for an empty cell.
    pub fn write_cell(&self, row: usize, buf: &mut String) -> bool {
        use std::fmt::Write;
        buf.clear();
        match self {
            Cells::Text(c) => c.get(row).map(|v| buf.push_str(v)).is_some(),
            Cells::Date(c) => c.get(row).map(|v| push_date(buf, v)).is_some(),
            Cells::Int(c) => c.get(row).map(|v| write!(buf, "{v}")).is_some(),
            Cells::Bool(c) => c
                .get(row)
                .map(|v| buf.push_str(if v { "true" } else { "false" }))
                .is_some(),
            Cells::Source(c, files) => c
                .get(row)
                .map(|i| buf.push_str(&files[i as usize]))
                .is_some(),
            Cells::Line(c) => c.get(row).map(|v| write!(buf, "{v}")).is_some(),
            Cells::Money(c) => c
                .get(row)
                .map(|v| buf.push_str(&crate::amount::format_minor(v)))
                .is_some(),
        }
    }
}

/// Appends the date `days` after 1970-01-01 as `YYYY-MM-DD`, as chrono writes it, digit by
/// digit (a million dates a report is written with are a measurable share of its time).
fn push_date(buf: &mut String, days: i32) {
    use chrono::Datelike;
    let date = crate::business_days::date_from_epoch_days(days);
    let year = date.year();
    if !(0..=9999).contains(&year) {
        use std::fmt::Write;
        let _ = write!(buf, "{date}");
        return;
    }
    let digit = |n: u32| char::from(b'0' + n as u8);
    let year = year as u32;
    for n in [year / 1000, year / 100 % 10, year / 10 % 10, year % 10] {
        buf.push(digit(n));
    }
    for part in [date.month(), date.day()] {
        buf.push('-');
        buf.push(digit(part / 10));
        buf.push(digit(part % 10));
    }
}

#[cfg(test)]
/// `cases.csv` as bytes (for tests; the report streams it with [`write`]).
pub fn render(report: &Report) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write(report, &mut bytes)?;
    Ok(bytes)
}

/// Writes `cases.csv` to `out`, in blocks of rows: two threads render the blocks in turn and
/// this one writes them in order, so a large report is never held in memory as text, and the
/// bytes are those of one writer writing every row.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> Result<()> {
    const BLOCK: usize = 8192;
    let files: Vec<String> = report.inputs.iter().map(|i| i.rows_from()).collect();
    let columns = columns(report);
    let cells: Vec<Cells> = columns
        .iter()
        .map(|(_, source)| Cells::of(&report.cases, source, &files))
        .collect::<Result<_>>()?;
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(
        columns
            .iter()
            .map(|(header, _)| neutralise(header).into_owned()),
    )?;
    out.write_all(&header.into_inner()?)?;
    let rows = report.cases.height();
    let blocks = rows.div_ceil(BLOCK);
    std::thread::scope(|scope| -> Result<()> {
        let mut rendered = Vec::new();
        for first in 0..2 {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<u8>>>(2);
            let cells = &cells;
            scope.spawn(move || {
                for block in (first..blocks).step_by(2) {
                    let range = block * BLOCK..rows.min((block + 1) * BLOCK);
                    if tx.send(render_rows(cells, range)).is_err() {
                        return;
                    }
                }
            });
            rendered.push(rx);
        }
        for block in 0..blocks {
            let bytes = rendered[block % 2]
                .recv()
                .map_err(|_| anyhow::anyhow!("rendering cases.csv failed"))??;
            out.write_all(&bytes)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}

/// The CSV text of the cases at `rows`, as the csv crate writes it: fields separated by `,`,
/// records ended by `\n`, a field quoted when it holds a separator, a quote or a line end.
/// Text goes straight from its column into the output.
fn render_rows(cells: &[Cells], rows: std::ops::Range<usize>) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rows.len() * 256);
    let mut buf = String::new();
    for row in rows {
        for (i, column) in cells.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // The formula guard is for text: a computed number (a reversal of -250.00, a
            // negative day count) is written as the number it is, so that a spreadsheet's SUM
            // over the column agrees with the report's.
            match column {
                Cells::Text(c) => {
                    if let Some(v) = c.get(row) {
                        push_field(&mut out, neutralise(v).as_bytes());
                    }
                }
                _ => {
                    column.write_cell(row, &mut buf);
                    if column.is_text() {
                        push_field(&mut out, neutralise(&buf).as_bytes());
                    } else {
                        push_field(&mut out, buf.as_bytes());
                    }
                }
            }
        }
        out.push(b'\n');
    }
    Ok(out)
}

/// Appends `field` to `out` as a CSV field, quoted (quotes doubled) only when it must be.
fn push_field(out: &mut Vec<u8>, field: &[u8]) {
    if !field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    for piece in field.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(piece);
        if piece.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_written_as_the_csv_crate_writes_them() {
        let fields = [
            "",
            "a",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "cr\rhere",
            "crlf\r\n",
            " spaced ",
            "ø,é",
            "=1+2",
            "#",
            "'",
            "\t",
            "end\"",
        ];
        for first in fields {
            for second in fields {
                let mut expected = csv::Writer::from_writer(Vec::new());
                expected.write_record([first, second, "x"]).unwrap();
                let expected = expected.into_inner().unwrap();
                let mut out = Vec::new();
                super::push_field(&mut out, first.as_bytes());
                out.push(b',');
                super::push_field(&mut out, second.as_bytes());
                out.extend_from_slice(b",x\n");
                assert_eq!(out, expected, "{first:?} {second:?}");
            }
        }
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for days in (-30_000..100_000)
            .step_by(7)
            .chain([-719_528, 2_932_896, 0, 20_454])
        {
            let mut buf = String::from("x");
            super::push_date(&mut buf, days);
            let date = crate::business_days::date_from_epoch_days(days);
            assert_eq!(buf, format!("x{date}"), "{days}");
        }
    }
}
