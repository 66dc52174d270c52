//! Sheets of one row per case (or per reject and warning), split before Excel's row limit,
//! added to the workbook first and filled later, on either core.

use anyhow::Result;
use polars::prelude::*;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::blocks::{LINE_HEIGHT, wrapped_header_row, wrapped_height, wraps};
use super::formats::{Formats, Mark, mark_of};
use super::page::{self, Layout};
use super::{excel_serial, fit};
use crate::report::Report;
use crate::report::cases_csv::Cells;

/// One or more table sheets of cases (`Name`, `Name (2)`, ...), each with a filter on its
/// frozen header row, written in constant-memory mode; breaches and at-risk rows marked.
/// Added to the workbook first ([`CaseSheets::add`]), filled later, on either core
/// ([`CaseSheets::fill`]).
pub(super) struct CaseSheets<'a> {
    name: &'a str,
    cells: Vec<Cells>,
    status: StringChunked,
    headers: Vec<&'a str>,
    /// Whether each column is one a mark colours on every sheet: the status, the days over.
    marked_columns: Vec<bool>,
    widths: Vec<f64>,
    kinds: Vec<ColumnKind>,
    rows: usize,
    rows_per_sheet: usize,
    empty_note: &'a str,
    preamble: Option<Preamble>,
    /// The columns whose long texts wrap, their rows made as tall as they need (the reason).
    wrapping: Vec<usize>,
    /// Whether an at-risk or overdue case's whole row is marked (the Open sheet), not only
    /// its status and days over.
    whole_rows: bool,
}

impl<'a> CaseSheets<'a> {
    pub(super) fn new(
        name: &'a str,
        frame: &'a DataFrame,
        columns: &'a [(String, String)],
        files: &'a [String],
        rows_per_sheet: usize,
        empty_note: &'a str,
    ) -> Result<Self> {
        let cells: Vec<Cells> = columns
            .iter()
            .map(|(_, source)| Cells::of(frame, source, files))
            .collect::<Result<_>>()?;
        let headers: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
        let marked_columns = columns
            .iter()
            .map(|(_, s)| {
                matches!(
                    s.as_str(),
                    "status" | crate::report::people::STATUS_SHOWN | "days_over_limit"
                )
            })
            .collect();
        let widths = widths(&headers, &cells, frame.height());
        let kinds = cells
            .iter()
            .map(|c| match c {
                Cells::Date(_) => ColumnKind::Date,
                Cells::Money(_) => ColumnKind::Money,
                _ => ColumnKind::Plain,
            })
            .collect();
        Ok(CaseSheets {
            name,
            status: frame.column("status")?.str()?.rechunk().into_owned(),
            cells,
            headers,
            marked_columns,
            widths,
            kinds,
            rows: frame.height(),
            rows_per_sheet,
            empty_note,
            preamble: None,
            whole_rows: false,
            wrapping: Vec::new(),
        })
    }

    /// The same sheets, a long text in the columns read from `sources` wrapped in its cell
    /// (a reason longer than its column would be cut off on paper).
    pub(super) fn wrapping(mut self, sources: &[&str], columns: &[(String, String)]) -> Self {
        self.wrapping = columns
            .iter()
            .enumerate()
            .filter(|(_, (_, s))| sources.contains(&s.as_str()))
            .map(|(c, _)| c)
            .collect();
        self
    }

    /// The same sheets, an at-risk or overdue case's whole row marked.
    pub(super) fn marking_whole_rows(mut self) -> Self {
        self.whole_rows = true;
        self
    }

    /// The same sheets with `preamble` above the first one's table.
    pub(super) fn with_preamble(mut self, preamble: Preamble) -> Self {
        self.preamble = Some(preamble);
        self
    }

    pub(super) fn table(&self) -> TableSheets<'_> {
        TableSheets {
            name: self.name,
            headers: &self.headers,
            widths: &self.widths,
            column_kinds: &self.kinds,
            rows: self.rows,
            rows_per_sheet: self.rows_per_sheet,
            empty_note: self.empty_note,
            preamble: self.preamble,
        }
    }

    /// Adds the sheets; returns their indexes in the workbook.
    pub(super) fn add(
        &self,
        workbook: &mut Workbook,
        report: &Report,
        f: &Formats,
    ) -> Result<Vec<usize>> {
        self.table().add(workbook, report, f)
    }

    /// Writes the rows into the sheets [`CaseSheets::add`] made; returns the cells written.
    pub(super) fn fill(&self, sheets: Vec<&mut Worksheet>, f: &Formats) -> Result<u64> {
        // On the Open sheet the whole row of an at-risk or overdue case is marked.
        let whole_rows = self.whole_rows;
        let marked_columns = &self.marked_columns;
        self.table().fill(sheets, |sheet, row, r| {
            let mark = mark_of(self.status.get(r));
            let (text, date, integer) = f.marked(mark);
            let wrapped = self.wrap_row(sheet, row, r)?;
            for (c, column) in self.cells.iter().enumerate() {
                if wrapped.contains(&c) {
                    let marked = mark != Mark::None && (whole_rows || marked_columns[c]);
                    let format = f.wrapped(if marked { mark } else { Mark::None });
                    write_cell(sheet, row, c as u16, column, r, Some(format), None, None)?;
                    continue;
                }
                // Only marked cells carry a format of their own: looking a format up costs a
                // hash of the whole format per cell; unmarked text and integers look the same
                // without one, and an unmarked date takes its column's date format.
                let marked = mark != Mark::None && (whole_rows || marked_columns[c]);
                let (text, date, integer) = if marked {
                    (Some(text), Some(date), Some(integer))
                } else {
                    (None, None, None)
                };
                write_cell(sheet, row, c as u16, column, r, text, date, integer)?;
            }
            Ok(())
        })
    }
}

impl CaseSheets<'_> {
    /// Makes row `row` (case `r`) as tall as its wrapping texts need, before any of its cells
    /// is written (a constant-memory sheet takes a height only then); returns the columns
    /// that wrap.
    fn wrap_row(&self, sheet: &mut Worksheet, row: u32, r: usize) -> Result<Vec<usize>> {
        let mut height = LINE_HEIGHT;
        let mut wrapped = Vec::new();
        for &c in &self.wrapping {
            if let Some(text) = self.cells[c].cell(r)
                && wraps(&text, self.widths[c])
            {
                height = height.max(wrapped_height(&text, self.widths[c]));
                wrapped.push(c);
            }
        }
        if height > LINE_HEIGHT {
            sheet.set_row_height(row, height)?;
        }
        Ok(wrapped)
    }
}

/// Sheets of one table, `Name`, `Name (2)`, ... of at most `rows_per_sheet` rows each, in
/// constant-memory mode with frozen headers and a filter; an empty one shows its headers and
/// a note.
pub(super) struct TableSheets<'a> {
    pub(super) name: &'a str,
    pub(super) headers: &'a [&'a str],
    pub(super) widths: &'a [f64],
    /// What each column holds: a date or amount column carries its format once, so that its
    /// cells need none of their own (a format looked up per cell costs a hash of the whole
    /// format).
    pub(super) column_kinds: &'a [ColumnKind],
    pub(super) rows: usize,
    pub(super) rows_per_sheet: usize,
    pub(super) empty_note: &'a str,
    /// Rows written above the first sheet's table (the Open sheet's ageing).
    pub(super) preamble: Option<Preamble>,
}

/// What a column holds, for its column format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ColumnKind {
    Plain,
    Date,
    Money,
}

/// Rows above a table: how many, and what writes them (from row 0; the last is left empty).
#[derive(Clone, Copy)]
pub(super) struct Preamble {
    pub(super) rows: u32,
    pub(super) write: fn(&mut Worksheet, &Report, &Formats, &[f64]) -> Result<()>,
}

impl TableSheets<'_> {
    /// Each sheet's header row and its range of rows: the first sheet's table starts below the
    /// preamble and holds that many rows fewer, so that no sheet passes `rows_per_sheet`.
    pub(super) fn parts(&self) -> Vec<(u32, usize, usize)> {
        let top = self.preamble.map_or(0, |p| p.rows);
        let first = self.rows_per_sheet.saturating_sub(top as usize).max(1);
        let mut parts = vec![(top, 0, first.min(self.rows))];
        let mut start = first;
        while start < self.rows {
            let end = (start + self.rows_per_sheet).min(self.rows);
            parts.push((0, start, end));
            start = end;
        }
        parts
    }

    /// Adds the sheets with their preamble, headers, widths and filters; returns their
    /// indexes.
    pub(super) fn add(
        &self,
        workbook: &mut Workbook,
        report: &Report,
        f: &Formats,
    ) -> Result<Vec<usize>> {
        let mut indexes = Vec::new();
        for (part, (top, start, end)) in self.parts().into_iter().enumerate() {
            let sheet_name = if part == 0 {
                self.name.to_string()
            } else {
                format!("{} ({})", self.name, part + 1)
            };
            indexes.push(workbook.worksheets().len());
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(&sheet_name)?;
            page::set_up(sheet, report, Layout::Table { header_row: top })?;
            for (c, w) in self.widths.iter().enumerate() {
                sheet.set_column_width(c as u16, *w)?;
                match self.column_kinds.get(c) {
                    Some(ColumnKind::Date) => {
                        sheet.set_column_format(c as u16, &f.date)?;
                    }
                    Some(ColumnKind::Money) => {
                        sheet.set_column_format(c as u16, &f.money)?;
                    }
                    _ => {}
                }
            }
            if let (0, Some(preamble)) = (part, self.preamble) {
                (preamble.write)(sheet, report, f, self.widths)?;
            }
            sheet.set_freeze_panes(top + 1, 0)?;
            wrapped_header_row(sheet, top, f, self.headers, self.widths)?;
            if start >= end {
                sheet.write_string(top + 1, 0, self.empty_note)?;
                continue;
            }
            // A filter on the header row, not an Excel table: rust_xlsxwriter checks a table
            // for overlaps cell by cell in a hash map, a quarter of the workbook's time on a
            // large report (measured with perf on 12 million cells).
            sheet.autofilter(
                top,
                0,
                top + (end - start) as u32,
                (self.headers.len() - 1) as u16,
            )?;
        }
        Ok(indexes)
    }

    /// Writes the rows into the sheets [`TableSheets::add`] made, in order: `write_row(sheet,
    /// sheet_row, data_row)` writes one. Returns the cells written.
    pub(super) fn fill(
        &self,
        sheets: Vec<&mut Worksheet>,
        mut write_row: impl FnMut(&mut Worksheet, u32, usize) -> Result<()>,
    ) -> Result<u64> {
        for (sheet, (top, start, end)) in sheets.into_iter().zip(self.parts()) {
            for (i, r) in (start..end).enumerate() {
                write_row(sheet, top + 1 + i as u32, r)?;
            }
        }
        Ok((self.rows * self.headers.len()) as u64)
    }
}

/// Takes the sheets at `indexes` out of `slots` (each sheet once).
pub(super) fn take_sheets<'w>(
    slots: &mut [Option<&'w mut Worksheet>],
    indexes: &[usize],
) -> Vec<&'w mut Worksheet> {
    indexes
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    column: &Cells,
    r: usize,
    text: Option<&Format>,
    date: Option<&Format>,
    integer: Option<&Format>,
) -> Result<()> {
    match column {
        Cells::Text(c) => {
            if let Some(v) = c.get(r) {
                match text {
                    Some(format) => sheet.write_string_with_format(row, col, fit(v), format)?,
                    None => sheet.write_string(row, col, fit(v))?,
                };
            }
        }
        Cells::Date(c) => {
            if let Some(v) = c.get(r) {
                let serial = excel_serial(v);
                match date {
                    Some(format) => sheet.write_number_with_format(row, col, serial, format)?,
                    None => sheet.write_number(row, col, serial)?,
                };
            }
        }
        Cells::Int(c) => {
            if let Some(v) = c.get(r) {
                match integer {
                    Some(format) => sheet.write_number_with_format(row, col, v as f64, format)?,
                    None => sheet.write_number(row, col, v as f64)?,
                };
            }
        }
        Cells::Bool(c) => {
            if let Some(v) = c.get(r) {
                sheet.write_boolean(row, col, v)?;
            }
        }
        Cells::Source(c, files) => {
            if let Some(v) = c.get(r) {
                sheet.write_string(row, col, &files[v as usize])?;
            }
        }
        Cells::Money(c) => {
            if let Some(v) = c.get(r) {
                // Minor units: exact as integers; shown in the column's currency format.
                sheet.write_number(row, col, v as f64 / 100.0)?;
            }
        }
        Cells::Line(c) => {
            if let Some(v) = c.get(r) {
                sheet.write_number(row, col, v as f64)?;
            }
        }
    }
    Ok(())
}

/// Column widths from the header and the first thousand values.
pub(super) fn widths(headers: &[&str], cells: &[Cells], height: usize) -> Vec<f64> {
    headers
        .iter()
        .zip(cells)
        .map(|(h, c)| {
            let longest = (0..height.min(1000))
                .filter_map(|r| c.cell(r).map(|v| v.chars().count()))
                .max()
                .unwrap_or(0);
            let width = match c {
                Cells::Date(_) => 11,
                _ => longest,
            };
            // A header in words wraps: the column is as wide as its longest word, or 16
            // characters, whichever is more, when the values are narrower.
            let longest_word = h.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
            let header = h.chars().count().min(longest_word.max(16));
            (width.max(header) as f64 + 2.0).clamp(8.0, 60.0)
        })
        .collect()
}
