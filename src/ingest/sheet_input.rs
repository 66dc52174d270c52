//! Spreadsheet input (`.xlsx`, `.xlsm`, `.xls`, `.ods`), recognised by content and read with
//! calamine: one worksheet (the first unless `--sheet` names another), its first non-empty row
//! the header. Each cell becomes the text a CSV export would hold: a date or datetime cell its
//! ISO date (`2026-07-08`, or `2026-07-08T14:29:00` local time), a whole number its digits
//! (`10000123`, never `1.0000123E7`), text as it is. Then every row goes through the same
//! validation as a CSV record; its "line" is the sheet's row number.
//!
//! A workbook is refused before it is expanded when what it declares would not fit in memory:
//! the zip's declared part sizes (which the zip reader enforces), an ODS sheet's repeated rows
//! and columns, and, while an xlsx sheet is streamed, the text kept so far (a small sheet can
//! point a million cells at one huge shared string).

use std::collections::HashMap;
use std::io::Cursor;

use anyhow::{Context, Result, bail};
use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

use super::date_order::Survey;
use super::fingerprint::fingerprint;
use super::look_alike::settle_look_alikes;
use super::number_format::{
    displayed_whole_number, format_currency, is_percent_format, number_text,
};
use super::ods::{ods_cells, ods_shown_numbers};
use super::record::date_fields;
use super::rows::RowSink;
use super::{IngestOptions, InputSummary, memory};

/// What a spreadsheet file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Container {
    /// A zip archive: xlsx, xlsm or ods (or something else zipped).
    Zip,
    /// An OLE compound file: xls (or an encrypted xlsx).
    Compound,
}

/// Whether `bytes` are a spreadsheet container.
pub(super) fn kind_of(bytes: &[u8]) -> Option<Container> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(Container::Zip)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Container::Compound)
    } else {
        None
    }
}

/// One worksheet, as rows of text: (row number from 1, fields from the header's first
/// column).
struct Sheet {
    name: String,
    format: &'static str,
    rows: Vec<(u64, Vec<String>)>,
}

pub(super) fn read_sheet(
    file_index: u32,
    name: &str,
    container: Container,
    bytes: &[u8],
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<InputSummary> {
    let sheet = match container {
        Container::Zip => read_zip(name, bytes, options.sheet)?,
        Container::Compound => read_xls(bytes, options.sheet)?,
    };
    let Some(((_, header_row), data)) = sheet.rows.split_first() else {
        bail!(
            "worksheet '{}' is empty: no header row; --sheet NAME reads another",
            sheet.name
        );
    };
    let headers: Vec<String> = header_row.iter().map(|h| h.trim().to_string()).collect();
    let settled = settle_look_alikes(&headers, options, |field, tally| {
        for (_, fields) in data {
            tally.see(fields.get(field).map_or("", String::as_str));
        }
    })
    .with_context(|| format!("worksheet '{}'", sheet.name))?;
    let options = &options.with_columns(&settled.columns);
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| e.into_error(&format!("worksheet '{}': ", sheet.name)))?;
    let mut survey = Survey::default();
    for (column, field, header) in date_fields(&resolved, &headers) {
        for (line, fields) in data {
            survey.see(
                column,
                &header,
                fields.get(field).map_or("", String::as_str),
                *line,
            );
        }
    }
    let date_order = survey
        .decide(options.date_order)
        .with_context(|| format!("worksheet '{}'", sheet.name))?;
    let source = format!("{name} [{}]", sheet.name);
    let mut layout = sink.layout(file_index, &source, &headers, resolved);
    layout.date_order = date_order.as_ref().map(|n| n.order);
    let mut record = csv::ByteRecord::new();
    let mut scratch = Vec::new();
    for (line, fields) in data {
        record.clear();
        for field in fields {
            record.push_field(field.as_bytes());
        }
        // Cells a row lacks at its end are empty, as a CSV export writes them.
        while record.len() < headers.len() {
            record.push_field(b"");
        }
        let print = fingerprint(&layout, &record, &mut scratch);
        sink.push(&layout, &record, *line, print, options);
    }
    Ok(InputSummary {
        name: name.to_string(),
        sha256: String::new(),
        bytes: bytes.len() as u64,
        rows_read: data.len() as u64,
        format: sheet.format,
        encoding: sheet.format,
        separator: None,
        date_order,
        sheet: Some(sheet.name),
        absent: Vec::new(),
        headers: Vec::new(),
        column_choices: settled.notes,
        newest_date: None,
    })
}

/// The sheet to read: `wanted`, or the first; an error lists the sheets there are.
fn choose(names: &[String], wanted: Option<&str>) -> Result<String> {
    let list = || {
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .cloned()
            .ok_or_else(|| {
                anyhow::anyhow!("--sheet: no worksheet '{w}' (the workbook has {})", list())
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("the workbook has no worksheet: save it with the cases on a sheet, or export them as CSV")),
    }
}

fn read_zip(name: &str, bytes: &[u8], wanted: Option<&str>) -> Result<Sheet> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(format!(
            "not a readable spreadsheet (a damaged zip file: {e})"
        ))
    })?;
    let parts: Vec<(String, u64)> = (0..zip.len())
        .filter_map(|i| {
            let f = zip.by_index_raw(i).ok()?;
            Some((f.name().ok()?.to_string(), f.size()))
        })
        .collect();
    let size_of = |part: &str| parts.iter().find(|(n, _)| n == part).map(|(_, s)| *s);
    if size_of("xl/workbook.xml").is_some() {
        // calamine holds the shared strings, styles and workbook parts whole; the sheet is
        // streamed.
        let whole: u64 = parts
            .iter()
            .filter(|(n, _)| !n.starts_with("xl/worksheets/"))
            .map(|(_, s)| *s)
            .sum();
        let budget = memory::check_expanded(name, "its shared strings and styles", whole * 3)?;
        read_xlsx(bytes, wanted, budget)
    } else if size_of("content.xml").is_some() {
        let content = size_of("content.xml").unwrap_or(0);
        memory::check_expanded(name, "its content", content * 2)?;
        let cells = ods_cells(&mut zip)?;
        // calamine keeps a value and a formula per cell, and copies them once.
        memory::check_expanded(name, &format!("its {cells} cells"), cells * 120)?;
        let mut book = Ods::new(Cursor::new(bytes))
            .map_err(|e| unreadable(format!("not a readable OpenDocument spreadsheet: {e}")))?;
        let sheet = choose(&book.sheet_names(), wanted)?;
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| unreadable(format!("worksheet '{sheet}' cannot be read: {e}")))?;
        let shown = ods_shown_numbers(&mut zip, &sheet)?;
        Ok(Sheet {
            rows: range_rows(&range, &shown),
            name: sheet,
            format: "ods",
        })
    } else if size_of("xl/workbook.bin").is_some() {
        bail!("an Excel binary workbook (.xlsb) is not read: save it as .xlsx or CSV");
    } else {
        bail!("a zip file that is not a spreadsheet (no xl/workbook.xml or content.xml)");
    }
}

fn read_xlsx(bytes: &[u8], wanted: Option<&str>, budget: u64) -> Result<Sheet> {
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a readable Excel workbook: {e}")))?;
    let sheet = choose(&book.sheet_names(), wanted)?;
    let mut cells = book
        .worksheet_cells_reader(&sheet)
        .map_err(|e| unreadable(format!("worksheet '{sheet}' cannot be read: {e}")))?;
    // Cells come row by row; only non-empty ones are kept.
    let mut sparse: Vec<(u32, Vec<(u32, String)>)> = Vec::new();
    let mut kept: u64 = 0;
    while let Some((cell, style)) = cells
        .next_cell_with_style_id()
        .map_err(|e| unreadable(format!("worksheet '{sheet}' cannot be read: {e}")))?
    {
        // A whole number reads as Excel displays it under its number format (`00012345`,
        // `KL-00123`), as the CSV export of the same sheet holds it.
        let format = cells
            .styles()
            .get(style)
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.as_str());
        let number = match cell.get_value() {
            DataRef::Float(f) => Some(*f),
            DataRef::Int(i) => Some(*i as f64),
            _ => None,
        };
        // A number under a currency format (`#,##0.00 [$€-1]`, `"kr" #,##0.00`) is an amount
        // in that currency: read with it, so that it is never summed as the policy's.
        let shown = match (number, format) {
            // A percentage reads as shown (`15%`), never as the fraction behind it.
            (Some(n), Some(code)) if is_percent_format(code) => {
                Some(format!("{}%", number_text(n * 100.0)))
            }
            (Some(n), Some(code)) => format_currency(code)
                .map(|currency| format!("{} {currency}", number_text(n)))
                .or_else(|| displayed_whole_number(n, code)),
            _ => None,
        };
        let text = shown.unwrap_or_else(|| data_ref_text(cell.get_value()));
        // A cell of only spaces is an empty cell, as an empty CSV field is after trimming.
        if text.trim().is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        kept += text.len() as u64 + 48;
        if kept > budget {
            bail!(
                "worksheet '{sheet}' expands to more than {:.1} MB of text by row {}: more than \
                 the memory free; refused before it is expanded further",
                budget as f64 / 1e6,
                row + 1
            );
        }
        match sparse.last_mut() {
            Some((r, fields)) if *r == row => fields.push((column, text)),
            _ => sparse.push((row, vec![(column, text)])),
        }
    }
    Ok(Sheet {
        rows: dense_rows(sparse),
        name: sheet,
        format: "xlsx",
    })
}

fn read_xls(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet> {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if memchr::memmem::find(bytes, &utf16("EncryptedPackage")).is_some() {
        bail!(
            "the workbook is encrypted (password-protected): open it in Excel, remove the \
             password, and save it again (or save it as CSV)"
        );
    }
    let mut book = Xls::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a readable Excel 97-2003 workbook (.xls): {e}")))?;
    let sheet = choose(&book.sheet_names(), wanted)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(format!("worksheet '{sheet}' cannot be read: {e}")))?;
    Ok(Sheet {
        rows: range_rows(&range, &HashMap::new()),
        name: sheet,
        format: "xls",
    })
}

/// The rows of a range as sparse rows of its non-empty cells, then as dense rows.
/// `shown` holds the text to read instead of a cell's value, by (row, column): an ODS number
/// as the sheet displays it.
fn range_rows(
    range: &calamine::Range<Data>,
    shown: &HashMap<(u32, u32), String>,
) -> Vec<(u64, Vec<String>)> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let sparse = range
        .rows()
        .enumerate()
        .map(|(r, cells)| {
            let fields = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let at = (row0 + r as u32, col0 + c as u32);
                    let text = match shown.get(&at) {
                        Some(text) if !matches!(cell, Data::Empty) => text.clone(),
                        _ => data_text(cell),
                    };
                    (at.1, text)
                })
                .filter(|(_, t)| !t.trim().is_empty())
                .collect::<Vec<_>>();
            (row0 + r as u32, fields)
        })
        .filter(|(_, fields)| !fields.is_empty())
        .collect();
    dense_rows(sparse)
}

/// Dense rows from the header (the first non-empty row): its columns from its first to its
/// last non-empty cell. A data cell beyond the header's last column makes the row longer than
/// the header, so it is rejected as a CSV row with too many fields is. A row with no cells
/// is no row, as a blank line of a CSV file is none: it is skipped, and the rows keep the
/// sheet's numbers.
fn dense_rows(sparse: Vec<(u32, Vec<(u32, String)>)>) -> Vec<(u64, Vec<String>)> {
    let Some((_, header)) = sparse.first() else {
        return Vec::new();
    };
    let first = header.iter().map(|(c, _)| *c).min().unwrap_or(0);
    let width = header.iter().map(|(c, _)| *c).max().unwrap_or(0) - first + 1;
    let mut rows = Vec::with_capacity(sparse.len());
    for (row, cells) in sparse {
        let last = cells.iter().map(|(c, _)| *c).max().unwrap_or(0);
        let len = width.max(last.saturating_sub(first) + 1) as usize;
        let mut fields = vec![String::new(); len];
        let mut before_first = Vec::new();
        for (column, text) in cells {
            match column.checked_sub(first) {
                Some(i) => fields[i as usize] = text,
                None => before_first.push(text),
            }
        }
        // A value left of the header's first column: more fields than the header.
        fields.extend(before_first);
        rows.push((row as u64 + 1, fields));
    }
    rows
}

/// An ISO date, or a local datetime when the time is not midnight.
fn datetime_text(value: &calamine::ExcelDateTime) -> String {
    if value.is_duration() {
        return value.as_f64().to_string();
    }
    let (y, m, d, hh, mm, ss, ms) = value.to_ymd_hms_milli();
    match (hh, mm, ss, ms) {
        (0, 0, 0, 0) => format!("{y:04}-{m:02}-{d:02}"),
        (_, _, _, 0) => format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{ms:03}"),
    }
}

fn data_ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => datetime_text(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(value: &Data) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => datetime_text(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// A workbook, or a part of it, that cannot be read: `what`, and what to do.
fn unreadable(what: String) -> anyhow::Error {
    anyhow::anyhow!("{what}; {}", super::ods::RESAVE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_an_export_writes_them() {
        assert_eq!(number_text(10000123.0), "10000123");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(2.675), "2.675");
        assert_eq!(number_text(-0.05), "-0.05");
        let date =
            calamine::ExcelDateTime::new(46211.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(datetime_text(&date), "2026-07-08");
        let at = calamine::ExcelDateTime::new(
            46211.0 + (14.0 * 60.0 + 29.0) / 1440.0,
            calamine::ExcelDateTimeType::DateTime,
            false,
        );
        assert_eq!(datetime_text(&at), "2026-07-08T14:29:00");
    }

    #[test]
    fn dense_rows_from_the_header() {
        let s = |t: &str| t.to_string();
        let rows = dense_rows(vec![
            (1, vec![(1, s("case_id")), (2, s("received_at"))]),
            (2, vec![(1, s("A")), (2, s("2026-01-05"))]),
            (4, vec![(1, s("B")), (3, s("extra"))]),
            (5, vec![(0, s("left"))]),
        ]);
        assert_eq!(rows[0], (2, vec![s("case_id"), s("received_at")]));
        assert_eq!(rows[1], (3, vec![s("A"), s("2026-01-05")]));
        assert_eq!(
            rows[2].0, 5,
            "a blank row is skipped, as a blank CSV line is"
        );
        assert_eq!(rows[2].1.len(), 3, "a value beyond the header");
        assert_eq!(
            rows[3].1.len(),
            3,
            "a value before the header's first column"
        );
    }
}
