//! `complaint-sla-<period>.xlsx`: the workbook a regulator can filter, re-count and trust.
//!
//! Every figure comes from [`Report`]; this file only lays it out. Dates are Excel dates,
//! numbers are numbers, booleans are booleans, and text is always written as text (never as a
//! formula, whatever it starts with). Sheets that hold one row per case are written in
//! rust_xlsxwriter's constant-memory mode, and split into numbered sheets before Excel's row
//! limit. The workbook's properties are derived from the as-of date, so the same input gives
//! the same bytes.

use anyhow::Result;
use polars::prelude::*;
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::Report;
use super::cases_csv::{self, Cells};
use super::figures::{QUICK_CLOSE_WORKING_DAYS, percent};
use crate::calendar::weekday_name;
use crate::ingest::col_names;
use crate::outcome::OutcomeClass;
use crate::status::Status;
use chrono::Datelike;

/// Excel's last row is 1,048,576; a table sheet holds a header row and this many rows.
pub const EXCEL_DATA_ROWS: usize = 1_048_575;

/// Days from Excel's epoch (1899-12-30) to 1970-01-01.
const EXCEL_EPOCH_OFFSET: f64 = 25_569.0;

/// The file name for a period label.
pub fn file_name(period_label: &str) -> String {
    format!("complaint-sla-{period_label}.xlsx")
}

/// Every format the workbook uses, declared once.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    label: Format,
    date: Format,
    integer: Format,
    decimal: Format,
    percent: Format,
    text: Format,
    wrap: Format,
    breach: Format,
    breach_date: Format,
    breach_integer: Format,
    at_risk: Format,
    at_risk_date: Format,
    at_risk_integer: Format,
}

impl Formats {
    fn new() -> Self {
        let red = |f: Format| {
            f.set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006))
        };
        let amber = |f: Format| {
            f.set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700))
        };
        let date = || Format::new().set_num_format("yyyy-mm-dd");
        let integer = || Format::new().set_num_format("0");
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            label: Format::new().set_bold(),
            date: date(),
            integer: integer(),
            decimal: Format::new().set_num_format("0.0"),
            percent: Format::new().set_num_format("0.0%"),
            text: Format::new(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            breach: red(Format::new()),
            breach_date: red(date()),
            breach_integer: red(integer()),
            at_risk: amber(Format::new()),
            at_risk_date: amber(date()),
            at_risk_integer: amber(integer()),
        }
    }

    /// The formats of a row marked as a breach, at risk, or neither.
    fn marked(&self, mark: Mark) -> (&Format, &Format, &Format) {
        match mark {
            Mark::Breach => (&self.breach, &self.breach_date, &self.breach_integer),
            Mark::AtRisk => (&self.at_risk, &self.at_risk_date, &self.at_risk_integer),
            Mark::None => (&self.text, &self.date, &self.integer),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Breach,
    AtRisk,
    None,
}

fn mark_of(status: Option<&str>) -> Mark {
    match status.and_then(Status::parse) {
        Some(s) if s.is_breach() => Mark::Breach,
        Some(Status::OpenAtRisk) => Mark::AtRisk,
        _ => Mark::None,
    }
}

/// The deflate level of the workbook's parts, 1 (fastest) to 9. Measured on the annual report
/// of a 1M-row history (14.8M cells): level 6 (rust_xlsxwriter's default) 9.0 s to render and
/// 55 MB; level 3, 6.8 s and 65 MB; level 1, 6.0 s and 93 MB. Level 3 is near Excel's own.
const ZIP_LEVEL: u8 = 3;

/// Renders the workbook. `rows_per_sheet` is [`EXCEL_DATA_ROWS`] but for tests of the split.
pub fn render(report: &Report, rows_per_sheet: usize) -> Result<Vec<u8>> {
    Ok(render_counted(report, rows_per_sheet)?.0)
}

/// Renders the workbook, and counts the cells of its table sheets (the per-case and data
/// quality sheets, nearly all of its cells), for the benchmark's cells per second.
pub fn render_counted(report: &Report, rows_per_sheet: usize) -> Result<(Vec<u8>, u64)> {
    let mut bytes = Vec::new();
    let cells = write_counted(report, rows_per_sheet, &mut bytes, || {})?;
    Ok((bytes, cells))
}

/// Writes the workbook to `out` (the report streams it to its file: a large workbook is never
/// held whole in memory); returns the cells of its table sheets. `filled` is called when the
/// sheets are filled, before the file is compressed and written on one core: the other core
/// is free from then on.
pub fn write_counted(
    report: &Report,
    rows_per_sheet: usize,
    out: &mut (dyn std::io::Write + Send),
    filled: impl FnOnce(),
) -> Result<u64> {
    let mut cells = 0;
    let f = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(ZIP_LEVEL);
    let as_of = report.as_of.and_hms_opt(0, 0, 0).expect("midnight exists");
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Complaint handling report {}", report.period.label))
            .set_subject(format!(
                "Complaints against the {} policy, {} to {}, as of {}",
                report.policy.name, report.period.start, report.period.end, report.as_of
            ))
            .set_author("complaint-sla")
            .set_company("")
            .set_comment(format!("complaint-sla {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&as_of),
    );

    register_formats(&mut workbook, &f)?;
    summary_sheet(workbook.add_worksheet(), report, &f)?;
    let files: Vec<String> = report.inputs.iter().map(|i| i.rows_from()).collect();

    // Breaches, worst first; open cases, most urgent first; every case.
    let breach_columns = [
        "case_id",
        "status",
        "days_over_limit",
        "received_date",
        "holding_reply_date",
        "resolved_date",
        "first_deadline",
        "final_deadline",
        "applicable_deadline",
        "working_days_elapsed",
        "stage",
        "product",
        "category",
        "channel",
    ];
    // Only the sheet's columns are gathered and sorted: a large report has a million breaches.
    let breaches = super::breaches_worst_first_top(&report.cases, &breach_columns, usize::MAX)?;
    let breach_columns = named(&breach_columns);
    let breach_sheets = CaseSheets::new(
        "Breaches",
        &breaches,
        &breach_columns,
        &files,
        rows_per_sheet,
        "No case in the report is in breach.",
    )?;
    let breach_indexes = breach_sheets.add(&mut workbook, &f)?;

    let open_columns = [
        "case_id",
        "status",
        "applicable_deadline",
        "working_days_left",
        "days_over_limit",
        "received_date",
        "holding_reply_date",
        "first_deadline",
        "final_deadline",
        "working_days_elapsed",
        "stage",
        "product",
        "category",
        "channel",
    ];
    let open = report
        .cases
        .clone()
        .lazy()
        .filter(col("open_at_as_of"))
        .select(open_columns.map(col))
        .sort(
            [
                "working_days_left",
                "days_over_limit",
                col_names::RECEIVED,
                col_names::CASE_ID,
            ],
            SortMultipleOptions::default()
                .with_order_descending_multi([false, true, false, false])
                .with_maintain_order(true),
        )
        .collect()?;
    let open_columns = named(&open_columns);
    let open_sheets = CaseSheets::new(
        "Open",
        &open,
        &open_columns,
        &files,
        rows_per_sheet,
        "No case was open at the as-of date.",
    )?;
    let open_indexes = open_sheets.add(&mut workbook, &f)?;

    let all_columns = cases_csv::columns(report);
    let case_sheets = CaseSheets::new(
        "Cases",
        &report.cases,
        &all_columns,
        &files,
        rows_per_sheet,
        "No case is in the report.",
    )?;
    let case_indexes = case_sheets.add(&mut workbook, &f)?;

    breakdown_sheet(workbook.add_worksheet(), report, &f)?;
    trend_sheet(workbook.add_worksheet(), report, &f)?;
    regulator_sheet(workbook.add_worksheet(), report, &f)?;
    let note = format!(
        "Every one of the {} rows read was valid; no warnings.",
        report.counts.rows_read
    );
    let quality = data_quality_table(report, &note, rows_per_sheet);
    let quality_indexes = quality.add(&mut workbook, &f)?;
    method_sheet(workbook.add_worksheet(), report, &f)?;

    // The rows of the case and data quality sheets, on both cores: the Cases sheet on one,
    // the others on this one. Each constant-memory sheet writes its own temporary file.
    let mut slots: Vec<Option<&mut Worksheet>> =
        workbook.worksheets_mut().iter_mut().map(Some).collect();
    let cases_part = take_sheets(&mut slots, &case_indexes);
    let breach_part = take_sheets(&mut slots, &breach_indexes);
    let open_part = take_sheets(&mut slots, &open_indexes);
    let quality_part = take_sheets(&mut slots, &quality_indexes);
    cells += std::thread::scope(|scope| -> Result<u64> {
        let f = &f;
        let cases = scope.spawn(|| case_sheets.fill(cases_part, f));
        let mut cells = breach_sheets.fill(breach_part, f)?;
        cells += open_sheets.fill(open_part, f)?;
        cells += fill_data_quality(&quality, quality_part, report, f)?;
        cells += cases
            .join()
            .map_err(|_| anyhow::anyhow!("internal error: a sheet writer panicked"))??;
        Ok(cells)
    })?;

    filled();
    workbook.save_to_writer(out)?;
    Ok(cells)
}

fn named(columns: &[&str]) -> Vec<(String, String)> {
    columns
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect()
}

/// Writes `label` and a number in the next row of a label/value block.
fn figure(
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

fn heading(sheet: &mut Worksheet, row: &mut u32, f: &Formats, text: &str) -> Result<()> {
    *row += 1;
    sheet.write_string_with_format(*row, 0, text, &f.subtitle)?;
    *row += 1;
    Ok(())
}

fn header_row(sheet: &mut Worksheet, row: u32, f: &Formats, headers: &[&str]) -> Result<()> {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *h, &f.header)?;
    }
    Ok(())
}

fn title_block(sheet: &mut Worksheet, report: &Report, f: &Formats, title: &str) -> Result<u32> {
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

fn summary_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Summary")?;
    sheet.set_column_width(0, 58)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 12)?;
    sheet.set_column_width(3, 70)?;
    let mut row = title_block(
        sheet,
        report,
        f,
        &format!("Complaint handling report {}", report.period.label),
    )?;
    let c = &report.counts;
    let h = &report.figures.headline;
    let status = |s: Status| c.by_status.get(&s).copied().unwrap_or(0) as f64;
    for missing in &report.columns_missing {
        sheet.write_string(row, 0, format!("Warning: {}", missing.warning()))?;
        row += 1;
    }
    heading(sheet, &mut row, f, "Headline figures")?;
    header_row(sheet, row, f, &["Figure", "Value", "Share"])?;
    row += 1;
    let n = |v: u64| Some(v as f64);
    figure(
        sheet,
        &mut row,
        f,
        "Received in the period",
        n(c.received_in_period),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Resolved in the period",
        n(c.resolved_in_period),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Open at the as-of date",
        n(c.open_at_as_of),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!(
            "Resolved within the first limit ({} working days), share of resolved",
            report.policy.first_limit
        ),
        n(h.resolved_within_first),
        &f.integer,
        percent(h.resolved_within_first, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Resolved in time (on time or extended), share of resolved",
        n(h.resolved_in_time),
        &f.integer,
        percent(h.resolved_in_time, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Breaches: resolved in the period, late without a timely holding reply",
        n(h.resolved_breach_no_holding_reply),
        &f.integer,
        percent(h.resolved_breach_no_holding_reply, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Breaches: resolved in the period, after the final deadline",
        n(h.resolved_breach_final_deadline),
        &f.integer,
        percent(h.resolved_breach_final_deadline, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Open and overdue",
        Some(status(Status::OpenOverdue)),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Open and at risk",
        Some(status(Status::OpenAtRisk)),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Median working days to resolution (resolved in the period)",
        h.median_working_days,
        &f.decimal,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "90th percentile working days to resolution (resolved in the period)",
        h.p90_working_days,
        &f.decimal,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Rows read",
        n(c.rows_read),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Rows evaluated",
        n(c.rows_evaluated),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Rows rejected (see Data quality)",
        n(c.rows_rejected),
        &f.integer,
        None,
    )?;
    if c.rows_superseded > 0 {
        figure(
            sheet,
            &mut row,
            f,
            "Rows superseded: the case is in an input given later, whose row counts",
            n(c.rows_superseded),
            &f.integer,
            None,
        )?;
        figure(
            sheet,
            &mut row,
            f,
            "Cases updated by an input given later",
            n(c.cases_updated),
            &f.integer,
            None,
        )?;
    }
    figure(
        sheet,
        &mut row,
        f,
        "Cases in the report",
        n(c.cases_in_report),
        &f.integer,
        None,
    )?;

    heading(sheet, &mut row, f, "Cases by status")?;
    header_row(sheet, row, f, &["Status", "Cases", "", "Meaning"])?;
    row += 1;
    let first = row;
    for s in Status::ALL {
        let format = match mark_of(Some(s.as_str())) {
            Mark::Breach => &f.breach,
            Mark::AtRisk => &f.at_risk,
            Mark::None => &f.text,
        };
        sheet.write_string_with_format(row, 0, s.as_str(), format)?;
        sheet.write_number_with_format(row, 1, status(s), &f.integer)?;
        sheet.write_string(row, 3, s.meaning())?;
        row += 1;
    }
    let last = row - 1;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories(("Summary", first, 0, last, 0))
        .set_values(("Summary", first, 1, last, 1))
        .set_name("Cases");
    chart.title().set_name("Cases by status");
    chart.legend().set_hidden();
    chart.set_width(640).set_height(300);
    sheet.insert_chart(row + 1, 0, &chart)?;
    Ok(())
}

/// One or more table sheets of cases (`Name`, `Name (2)`, ...), each with a filter on its
/// frozen header row, written in constant-memory mode; breaches and at-risk rows marked.
/// Added to the workbook first ([`CaseSheets::add`]), filled later, on either core
/// ([`CaseSheets::fill`]).
struct CaseSheets<'a> {
    name: &'a str,
    cells: Vec<Cells>,
    status: StringChunked,
    headers: Vec<&'a str>,
    widths: Vec<f64>,
    dates: Vec<bool>,
    rows: usize,
    rows_per_sheet: usize,
    empty_note: &'a str,
}

impl<'a> CaseSheets<'a> {
    fn new(
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
        let widths = widths(&headers, &cells, frame.height());
        let dates = cells.iter().map(|c| matches!(c, Cells::Date(_))).collect();
        Ok(CaseSheets {
            name,
            status: frame.column("status")?.str()?.rechunk().into_owned(),
            cells,
            headers,
            widths,
            dates,
            rows: frame.height(),
            rows_per_sheet,
            empty_note,
        })
    }

    fn table(&self) -> TableSheets<'_> {
        TableSheets {
            name: self.name,
            headers: &self.headers,
            widths: &self.widths,
            date_columns: &self.dates,
            rows: self.rows,
            rows_per_sheet: self.rows_per_sheet,
            empty_note: self.empty_note,
        }
    }

    /// Adds the sheets; returns their indexes in the workbook.
    fn add(&self, workbook: &mut Workbook, f: &Formats) -> Result<Vec<usize>> {
        self.table().add(workbook, f)
    }

    /// Writes the rows into the sheets [`CaseSheets::add`] made; returns the cells written.
    fn fill(&self, sheets: Vec<&mut Worksheet>, f: &Formats) -> Result<u64> {
        // On the Open sheet the whole row of an at-risk or overdue case is marked.
        let whole_rows = self.name == "Open";
        let headers = &self.headers;
        self.table().fill(sheets, |sheet, row, r| {
            let mark = mark_of(self.status.get(r));
            let (text, date, integer) = f.marked(mark);
            for (c, column) in self.cells.iter().enumerate() {
                // Only marked cells carry a format of their own: looking a format up costs a
                // hash of the whole format per cell; unmarked text and integers look the same
                // without one, and an unmarked date takes its column's date format.
                let marked = mark != Mark::None
                    && (whole_rows || headers[c] == "status" || headers[c] == "days_over_limit");
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

/// Sheets of one table, `Name`, `Name (2)`, ... of at most `rows_per_sheet` rows each, in
/// constant-memory mode with frozen headers and a filter; an empty one shows its headers and
/// a note.
struct TableSheets<'a> {
    name: &'a str,
    headers: &'a [&'a str],
    widths: &'a [f64],
    /// Columns of dates: their column format is the date format, so that a date cell needs
    /// none of its own (a format looked up per cell costs a hash of the whole format).
    date_columns: &'a [bool],
    rows: usize,
    rows_per_sheet: usize,
    empty_note: &'a str,
}

impl TableSheets<'_> {
    fn parts(&self) -> usize {
        self.rows.div_ceil(self.rows_per_sheet).max(1)
    }

    /// Adds the sheets with their headers, widths and filters; returns their indexes.
    fn add(&self, workbook: &mut Workbook, f: &Formats) -> Result<Vec<usize>> {
        let mut indexes = Vec::new();
        for part in 0..self.parts() {
            let sheet_name = if part == 0 {
                self.name.to_string()
            } else {
                format!("{} ({})", self.name, part + 1)
            };
            indexes.push(workbook.worksheets().len());
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(&sheet_name)?;
            for (c, w) in self.widths.iter().enumerate() {
                sheet.set_column_width(c as u16, *w)?;
                if self.date_columns.get(c) == Some(&true) {
                    sheet.set_column_format(c as u16, &f.date)?;
                }
            }
            sheet.set_freeze_panes(1, 0)?;
            header_row(sheet, 0, f, self.headers)?;
            let start = part * self.rows_per_sheet;
            let end = (start + self.rows_per_sheet).min(self.rows);
            if start >= end {
                sheet.write_string(1, 0, self.empty_note)?;
                continue;
            }
            // A filter on the header row, not an Excel table: rust_xlsxwriter checks a table
            // for overlaps cell by cell in a hash map, a quarter of the workbook's time on a
            // large report (measured with perf on 12 million cells).
            sheet.autofilter(0, 0, (end - start) as u32, (self.headers.len() - 1) as u16)?;
        }
        Ok(indexes)
    }

    /// Writes the rows into the sheets [`TableSheets::add`] made, in order: `write_row(sheet,
    /// sheet_row, data_row)` writes one. Returns the cells written.
    fn fill(
        &self,
        sheets: Vec<&mut Worksheet>,
        mut write_row: impl FnMut(&mut Worksheet, u32, usize) -> Result<()>,
    ) -> Result<u64> {
        for (part, sheet) in sheets.into_iter().enumerate() {
            let start = part * self.rows_per_sheet;
            let end = (start + self.rows_per_sheet).min(self.rows);
            for (i, r) in (start..end).enumerate() {
                write_row(sheet, i as u32 + 1, r)?;
            }
        }
        Ok((self.rows * self.headers.len()) as u64)
    }
}

/// Gives every format the case and data quality sheets use its workbook-wide index now, in
/// a fixed order. The sheets are filled on two threads, and a format first used there would
/// get its index in whichever order the threads reach it: the same report would not give
/// the same bytes. The formats are used once in a scratch sheet, which is then removed.
fn register_formats(workbook: &mut Workbook, f: &Formats) -> Result<()> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    for (col, format) in [
        &f.header,
        &f.date,
        &f.text,
        &f.integer,
        &f.breach,
        &f.breach_date,
        &f.breach_integer,
        &f.at_risk,
        &f.at_risk_date,
        &f.at_risk_integer,
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_number_with_format(0, col as u16, 0.0, format)?;
    }
    workbook.worksheets_mut().pop();
    Ok(())
}

/// Takes the sheets at `indexes` out of `slots` (each sheet once).
fn take_sheets<'w>(
    slots: &mut [Option<&'w mut Worksheet>],
    indexes: &[usize],
) -> Vec<&'w mut Worksheet> {
    indexes
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn write_cell(
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
                    Some(format) => sheet.write_string_with_format(row, col, v, format)?,
                    None => sheet.write_string(row, col, v)?,
                };
            }
        }
        Cells::Date(c) => {
            if let Some(v) = c.get(r) {
                let serial = v as f64 + EXCEL_EPOCH_OFFSET;
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
        Cells::Line(c) => {
            if let Some(v) = c.get(r) {
                sheet.write_number(row, col, v as f64)?;
            }
        }
    }
    Ok(())
}

/// Column widths from the header and the first thousand values.
fn widths(headers: &[&str], cells: &[Cells], height: usize) -> Vec<f64> {
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
            (width.max(h.chars().count()) as f64 + 2.0).clamp(8.0, 60.0)
        })
        .collect()
}

fn breakdown_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Breakdown")?;
    sheet.set_column_width(0, 32)?;
    for c in 1..5 {
        sheet.set_column_width(c, 14)?;
    }
    let mut row = title_block(sheet, report, f, "Breakdown of the cases in the report")?;
    for breakdown in &report.figures.breakdowns {
        heading(sheet, &mut row, f, &format!("By {}", breakdown.dimension))?;
        header_row(
            sheet,
            row,
            f,
            &[
                breakdown.dimension,
                "Cases",
                "Breaches",
                "Breach rate",
                "Median working days to resolution",
            ],
        )?;
        row += 1;
        for r in &breakdown.rows {
            sheet.write_string(row, 0, &r.value)?;
            sheet.write_number_with_format(row, 1, r.cases as f64, &f.integer)?;
            sheet.write_number_with_format(row, 2, r.breaches as f64, &f.integer)?;
            if let Some(rate) = percent(r.breaches, r.cases) {
                sheet.write_number_with_format(row, 3, rate / 100.0, &f.percent)?;
            }
            match r.median_working_days {
                Some(m) => sheet.write_number_with_format(row, 4, m, &f.decimal)?,
                None => sheet.write_string(row, 4, "n/a")?,
            };
            row += 1;
        }
    }
    Ok(())
}

fn trend_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Trend")?;
    sheet.set_column_width(0, 12)?;
    for c in 1..6 {
        sheet.set_column_width(c, 16)?;
    }
    let mut row = title_block(sheet, report, f, "Trend: the months up to the period")?;
    row += 1;
    header_row(
        sheet,
        row,
        f,
        &[
            "Month",
            "Received",
            "Resolved",
            "Resolved within the first limit",
            "Share within the first limit",
            "Resolved with a breach",
        ],
    )?;
    row += 1;
    let first = row;
    for m in &report.figures.trend {
        sheet.write_string(row, 0, &m.month)?;
        sheet.write_number_with_format(row, 1, m.received as f64, &f.integer)?;
        sheet.write_number_with_format(row, 2, m.resolved as f64, &f.integer)?;
        sheet.write_number_with_format(row, 3, m.resolved_within_first as f64, &f.integer)?;
        if let Some(p) = percent(m.resolved_within_first, m.resolved) {
            sheet.write_number_with_format(row, 4, p / 100.0, &f.percent)?;
        }
        sheet.write_number_with_format(row, 5, m.resolved_with_breach as f64, &f.integer)?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(first);
    let mut chart = Chart::new(ChartType::Column);
    for (c, name) in [
        (1u16, "Received"),
        (2, "Resolved"),
        (5, "Resolved with a breach"),
    ] {
        chart
            .add_series()
            .set_categories(("Trend", first, 0, last, 0))
            .set_values(("Trend", first, c, last, c))
            .set_name(name);
    }
    chart
        .title()
        .set_name("Received, resolved and breaches by month");
    chart.set_width(720).set_height(320);
    sheet.insert_chart(row + 1, 0, &chart)?;
    row += 18;
    sheet.write_string(
        row,
        0,
        "Received: cases received in the month. Resolved: cases resolved in the month (as known \
         at the as-of date). Within the first limit: resolved on or before the first deadline. \
         With a breach: resolved in the month with status breach_no_holding_reply or \
         breach_final_deadline.",
    )?;
    Ok(())
}

fn regulator_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Regulator")?;
    sheet.set_column_width(0, 58)?;
    for c in 1..8 {
        sheet.set_column_width(c, 13)?;
    }
    let g = &report.figures.regulator;
    let p = &report.policy;
    let mut row = title_block(sheet, report, f, "Complaints return")?;
    heading(sheet, &mut row, f, "Complaints in the period")?;
    header_row(sheet, row, f, &["Figure", "Complaints"])?;
    row += 1;
    let n = |v: u64| Some(v as f64);
    figure(
        sheet,
        &mut row,
        f,
        "Outstanding at the start of the period",
        n(g.outstanding_at_start),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Opened in the period",
        n(g.opened),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Closed in the period",
        n(g.closed),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!("  closed within {QUICK_CLOSE_WORKING_DAYS} working days"),
        n(g.closed_within_3_working_days),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!(
            "  closed later, within the first limit ({} working days)",
            p.first_limit
        ),
        n(g.closed_within_first_limit),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!(
            "  closed later, by the final limit's date ({} {}; by time alone)",
            p.final_limit,
            p.final_limit_unit.words()
        ),
        n(g.closed_within_final_limit),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "    of which without a timely holding reply (breaches)",
        n(g.closed_within_final_limit_breached),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "  closed after the final limit",
        n(g.closed_later),
        &f.integer,
        None,
    )?;
    heading(
        sheet,
        &mut row,
        f,
        "Outcome of the complaints closed in the period",
    )?;
    header_row(sheet, row, f, &["Outcome", "Complaints"])?;
    row += 1;
    for class in OutcomeClass::ALL {
        let label = match class {
            OutcomeClass::Upheld => "Upheld (partially upheld included)",
            OutcomeClass::Rejected => "Rejected",
            OutcomeClass::Withdrawn => "Withdrawn",
            OutcomeClass::Other => "Other or not stated",
        };
        figure(
            sheet,
            &mut row,
            f,
            label,
            n(g.outcomes[&class]),
            &f.integer,
            None,
        )?;
    }
    heading(sheet, &mut row, f, "By product")?;
    header_row(
        sheet,
        row,
        f,
        &[
            "Product",
            "Opened",
            "Closed",
            "Upheld",
            "Rejected",
            "Withdrawn",
            "Other",
        ],
    )?;
    row += 1;
    for product in &g.by_product {
        sheet.write_string(row, 0, &product.product)?;
        let values = [
            product.opened,
            product.closed,
            product.outcomes[&OutcomeClass::Upheld],
            product.outcomes[&OutcomeClass::Rejected],
            product.outcomes[&OutcomeClass::Withdrawn],
            product.outcomes[&OutcomeClass::Other],
        ];
        for (c, v) in values.iter().enumerate() {
            sheet.write_number_with_format(row, c as u16 + 1, *v as f64, &f.integer)?;
        }
        row += 1;
    }
    heading(
        sheet,
        &mut row,
        f,
        "Referrals to outside bodies (cases in the report)",
    )?;
    header_row(sheet, row, f, &["Body", "Cases"])?;
    row += 1;
    if g.referrals.is_empty() {
        sheet.write_string(row, 0, "No referrals.")?;
    }
    for (body, count) in &g.referrals {
        sheet.write_string(row, 0, body)?;
        sheet.write_number_with_format(row, 1, *count as f64, &f.integer)?;
        row += 1;
    }
    Ok(())
}

/// The Data quality sheets: every reject, then every warning.
const DATA_QUALITY_HEADERS: [&str; 7] = [
    "kind", "file", "line", "case_id", "reason", "column", "value",
];
const DATA_QUALITY_WIDTHS: [f64; 7] = [10.0, 30.0, 8.0, 16.0, 30.0, 18.0, 50.0];

fn data_quality_table<'a>(
    report: &Report,
    note: &'a str,
    rows_per_sheet: usize,
) -> TableSheets<'a> {
    TableSheets {
        name: "Data quality",
        headers: &DATA_QUALITY_HEADERS,
        widths: &DATA_QUALITY_WIDTHS,
        date_columns: &[],
        rows: report.rejects.len() + report.warnings.len(),
        rows_per_sheet,
        empty_note: note,
    }
}

/// Writes the rows of the Data quality sheets, straight from the rejects and warnings (a
/// large export can have millions).
fn fill_data_quality(
    table: &TableSheets,
    sheets: Vec<&mut Worksheet>,
    report: &Report,
    f: &Formats,
) -> Result<u64> {
    table.fill(sheets, |sheet, row, r| {
        let (kind, format, file, line, case_id, reason, column, value) = match report.rejects.get(r)
        {
            Some(j) => (
                "reject",
                &f.breach,
                &j.file,
                j.line,
                &j.case_id,
                j.reason.as_str(),
                &j.column,
                &j.value,
            ),
            None => {
                let w = &report.warnings[r - report.rejects.len()];
                (
                    "warning",
                    &f.at_risk,
                    &w.file,
                    w.line,
                    &w.case_id,
                    w.kind.as_str(),
                    &w.column,
                    &w.value,
                )
            }
        };
        sheet.write_string_with_format(row, 0, kind, format)?;
        sheet.write_string(row, 1, file)?;
        sheet.write_number(row, 2, line as f64)?;
        for (c, text) in [case_id.as_str(), reason, column, value]
            .into_iter()
            .enumerate()
        {
            sheet.write_string(row, c as u16 + 3, text)?;
        }
        Ok(())
    })
}

fn method_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Method")?;
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 100)?;
    let p = &report.policy;
    let mut row = title_block(sheet, report, f, "Method")?;
    let lines = super::method::lines(report);
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
        sheet.write_string(row, 6, super::markdown::date_order_cell(input))?;
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
