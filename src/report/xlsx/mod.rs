//! `complaint-sla-<period>.xlsx`: the workbook a regulator can filter, re-count and trust.
//!
//! Every figure comes from [`Report`]; this file only lays it out. Dates are Excel dates,
//! numbers are numbers, booleans are booleans, and text is always written as text (never as a
//! formula, whatever it starts with). Sheets that hold one row per case are written in
//! rust_xlsxwriter's constant-memory mode, and split into numbered sheets before Excel's row
//! limit. The workbook's properties are derived from the as-of date, so the same input gives
//! the same bytes.

mod ageing;
mod blocks;
mod breakdown;
mod comparison;
mod data_quality;
mod formats;
mod method;
mod page;
mod regulator;
mod section;
mod summary;
mod tables;
mod trend;

use anyhow::Result;
use polars::prelude::*;
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet};

use super::Report;
use super::cases_csv;
use super::people;
use formats::{Formats, register_formats};
use tables::{CaseSheets, take_sheets};

/// Excel's last row is 1,048,576; a table sheet holds a header row and this many rows.
pub const EXCEL_DATA_ROWS: usize = 1_048_575;

/// Excel's serial number of a date given as days since 1970-01-01. Excel counts 1900-01-01
/// as 1 and keeps a fictitious 29 February 1900 (serial 60), as Lotus 1-2-3 did: from
/// 1 March 1900 the serial is the days since 1899-12-30, before it the days since
/// 1899-12-31.
pub(super) fn excel_serial(epoch_days: i32) -> f64 {
    /// 1900-03-01 in days since 1970-01-01.
    const MARCH_1900: i32 = -25_508;
    if epoch_days >= MARCH_1900 {
        f64::from(epoch_days) + 25_569.0
    } else {
        f64::from(epoch_days) + 25_568.0
    }
}

/// Excel's limit on the characters of a cell.
const CELL_CHARACTERS: usize = 32_767;

/// Cells cut to Excel's limit by this process (said on stderr after the workbook is written).
static CELLS_CUT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many text cells were cut to Excel's limit so far.
pub fn cells_cut() -> u64 {
    CELLS_CUT.load(std::sync::atomic::Ordering::Relaxed)
}

/// `text` as a cell can hold it: a text longer than Excel's 32,767 characters (a long free-text
/// field of a CRM) is cut, and says so, rather than stop the report; `cases.csv` keeps it
/// whole.
pub(super) fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units (an emoji is two); a text of no more bytes than the limit is
    // within it.
    if text.len() <= CELL_CHARACTERS || text.encode_utf16().count() <= CELL_CHARACTERS {
        return std::borrow::Cow::Borrowed(text);
    }
    CELLS_CUT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let total = text.chars().count();
    let note = format!(" … [cut at Excel's limit: {total} characters in all, whole in cases.csv]");
    let keep = CELL_CHARACTERS - note.encode_utf16().count();
    let mut units = 0;
    let mut cut: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= keep
        })
        .collect();
    cut.push_str(&note);
    std::borrow::Cow::Owned(cut)
}

/// The file name for a period label.
pub fn file_name(period_label: &str) -> String {
    format!("complaint-sla-{period_label}.xlsx")
}

/// The deflate level of the workbook's parts, 1 (fastest) to 9. Measured on the annual report
/// of a 1M-row history (14.8M cells): level 6 (rust_xlsxwriter's default) 9.0 s to render and
/// 55 MB; level 3, 6.8 s and 65 MB; level 1, 6.0 s and 93 MB. Level 3 is near Excel's own.
const ZIP_LEVEL: u8 = 3;

/// The rows of the case and data quality sheets, on both cores: the Cases sheet (the first of
/// `cases`) on one, the others on this one. Each constant-memory sheet writes its own
/// temporary file. Returns the cells written.
fn fill_tables(
    workbook: &mut Workbook,
    cases: [(&CaseSheets, &[usize]); 3],
    (quality, quality_indexes): (&tables::TableSheets, &[usize]),
    report: &Report,
    f: &Formats,
) -> Result<u64> {
    let mut slots: Vec<Option<&mut Worksheet>> =
        workbook.worksheets_mut().iter_mut().map(Some).collect();
    let [(all, all_at), (breaches, breaches_at), (open, open_at)] = cases;
    let all_part = take_sheets(&mut slots, all_at);
    let breach_part = take_sheets(&mut slots, breaches_at);
    let open_part = take_sheets(&mut slots, open_at);
    let quality_part = take_sheets(&mut slots, quality_indexes);
    std::thread::scope(|scope| -> Result<u64> {
        let cases = scope.spawn(|| all.fill(all_part, f));
        let mut cells = breaches.fill(breach_part, f)?;
        cells += open.fill(open_part, f)?;
        cells += data_quality::fill(quality, quality_part, report, f)?;
        cells += cases
            .join()
            .map_err(|_| anyhow::anyhow!("internal error: a sheet writer panicked"))??;
        Ok(cells)
    })
}

/// The Breaches sheet's columns, worst first.
const BREACH_COLUMNS: [&str; 15] = [
    "case_id",
    "status",
    "reason",
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

/// The reason, in English or in the report's language: it wraps on the Breaches and Open
/// sheets.
const REASONS: [&str; 2] = [super::reason::COLUMN, super::reason::SHOWN];

/// The Open sheet's columns, most urgent first.
const OPEN_COLUMNS: [&str; 15] = [
    "case_id",
    "status",
    "reason",
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

/// The workbook's properties: its title and subject, dated the as-of date (not the day of the
/// run: the same report is the same file).
fn properties(report: &Report) -> DocProperties {
    let t = report.language.texts();
    let as_of = report.as_of.and_hms_opt(0, 0, 0).expect("midnight exists");
    DocProperties::new()
        .set_title(t.fill("report.title", &[("period", &report.period.label)]))
        .set_subject(t.fill(
            "doc.subject",
            &[
                ("policy", &report.policy.name),
                ("start", &report.period.start),
                ("end", &report.period.end),
                ("as_of", &report.as_of),
            ],
        ))
        .set_author("complaint-sla")
        .set_company("")
        .set_comment(format!("complaint-sla {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&as_of)
}

/// The breached cases, worst first, with the Breaches sheet's columns (header, source).
fn breach_rows(report: &Report) -> Result<(DataFrame, Vec<(String, String)>)> {
    people::breaches_listed(report, &BREACH_COLUMNS, usize::MAX)
}

/// The cases open at the as-of date, most urgent first (fewest working days left, then most
/// days over the limit), with the Open sheet's columns (header, source).
fn open_cases(report: &Report) -> Result<(DataFrame, Vec<(String, String)>)> {
    let shown = super::reason::for_people(&OPEN_COLUMNS, &report.cases);
    let open = report
        .cases
        .clone()
        .lazy()
        .filter(col("open_at_as_of"))
        .select(shown.iter().map(|c| col(*c)).collect::<Vec<_>>())
        // Then by receipt and case id: the report's order, which the stable sort keeps.
        .sort(
            ["working_days_left", "days_over_limit"],
            SortMultipleOptions::default()
                .with_order_descending_multi([false, true])
                .with_maintain_order(true),
        )
        .collect()?;
    let t = report.language.texts();
    let open = people::with_status_words(open, &t)?;
    Ok((open, people::headed(&t, &OPEN_COLUMNS, &shown)))
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
    let t = report.language.texts();
    let f = Formats::new(&report.policy.currency, t.get("na"));
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook.set_properties(&properties(report));
    register_formats(&mut workbook, &f)?;
    summary::sheet(workbook.add_worksheet(), report, &f)?;
    let files: Vec<String> = report.inputs.iter().map(|i| i.rows_from()).collect();

    // Breaches, worst first (only the sheet's columns are gathered and sorted: a large report
    // has a million breaches); open cases, most urgent first; every case.
    let (breaches, breach_columns) = breach_rows(report)?;
    let breach_sheets = CaseSheets::new(
        t.get("sheet.breaches"),
        &breaches,
        &breach_columns,
        &files,
        rows_per_sheet,
        t.get("breaches.empty"),
    )?
    .wrapping(&REASONS, &breach_columns);
    let breach_indexes = breach_sheets.add(&mut workbook, report, &f)?;

    let (open, open_columns) = open_cases(report)?;
    let open_sheets = CaseSheets::new(
        t.get("sheet.open"),
        &open,
        &open_columns,
        &files,
        rows_per_sheet,
        t.get("open.empty"),
    )?
    .with_preamble(ageing::OPEN_SHEET)
    .marking_whole_rows()
    .wrapping(&REASONS, &open_columns);
    let open_indexes = open_sheets.add(&mut workbook, report, &f)?;

    let all_columns = cases_csv::columns(report);
    let case_sheets = CaseSheets::new(
        t.get("sheet.cases"),
        &report.cases,
        &all_columns,
        &files,
        rows_per_sheet,
        t.get("cases.empty"),
    )?;
    let case_indexes = case_sheets.add(&mut workbook, report, &f)?;

    breakdown::sheet(workbook.add_worksheet(), report, &f)?;
    trend::sheet(workbook.add_worksheet(), report, &f)?;
    regulator::sheet(workbook.add_worksheet(), report, &f)?;
    if let Some(c) = &report.comparison {
        comparison::sheet(workbook.add_worksheet(), report, c, &f)?;
    }
    let note = t.fill("quality.clean", &[("rows", &report.counts.rows_read)]);
    let quality = data_quality::table(report, &note, rows_per_sheet);
    let quality_indexes = quality.add(&mut workbook, report, &f)?;
    method::sheet(workbook.add_worksheet(), report, &f)?;

    let cells = fill_tables(
        &mut workbook,
        [
            (&case_sheets, &case_indexes),
            (&breach_sheets, &breach_indexes),
            (&open_sheets, &open_indexes),
        ],
        (&quality, &quality_indexes),
        report,
        &f,
    )?;
    filled();
    workbook.save_to_writer(out)?;
    Ok(cells)
}

#[cfg(test)]
mod serial_tests {
    use super::excel_serial;
    use crate::business_days::epoch_days;
    use chrono::NaiveDate;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_to_excels_units() {
        let emoji = "😀".repeat(16_400);
        let cut = super::fit(&emoji);
        assert!(cut.encode_utf16().count() <= 32_767, "{}", cut.len());
        assert!(cut.ends_with("whole in cases.csv]"));
        let short = "å".repeat(32_767);
        assert_eq!(super::fit(&short), short.as_str());
    }

    #[test]
    fn dates_before_march_1900_have_excels_serial_numbers() {
        let d = |y, m, day| epoch_days(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        for (date, serial) in [
            (d(1900, 1, 1), 1.0),
            (d(1900, 1, 31), 31.0),
            (d(1900, 2, 28), 59.0),
            // 60 is Excel's 29 February 1900, a day that never was.
            (d(1900, 3, 1), 61.0),
            (d(1970, 1, 1), 25_569.0),
            (d(2025, 12, 31), 46_022.0),
            (d(2199, 12, 31), 109_574.0),
        ] {
            assert_eq!(excel_serial(date), serial, "{date}");
        }
    }
}
