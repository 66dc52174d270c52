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
        bail!("worksheet '{}' is empty: no header row", sheet.name);
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
            .ok_or_else(|| anyhow::anyhow!("the workbook has no worksheet")),
    }
}

fn read_zip(name: &str, bytes: &[u8], wanted: Option<&str>) -> Result<Sheet> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("not a readable spreadsheet (a damaged zip file: {e})"))?;
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
            .map_err(|e| anyhow::anyhow!("not a readable OpenDocument spreadsheet: {e}"))?;
        let sheet = choose(&book.sheet_names(), wanted)?;
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| anyhow::anyhow!("worksheet '{sheet}' cannot be read: {e}"))?;
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
        .map_err(|e| anyhow::anyhow!("not a readable Excel workbook: {e}"))?;
    let sheet = choose(&book.sheet_names(), wanted)?;
    let mut cells = book
        .worksheet_cells_reader(&sheet)
        .map_err(|e| anyhow::anyhow!("worksheet '{sheet}' cannot be read: {e}"))?;
    // Cells come row by row; only non-empty ones are kept.
    let mut sparse: Vec<(u32, Vec<(u32, String)>)> = Vec::new();
    let mut kept: u64 = 0;
    while let Some((cell, style)) = cells
        .next_cell_with_style_id()
        .map_err(|e| anyhow::anyhow!("worksheet '{sheet}' cannot be read: {e}"))?
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
        .map_err(|e| anyhow::anyhow!("not a readable Excel 97-2003 workbook (.xls): {e}"))?;
    let sheet = choose(&book.sheet_names(), wanted)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| anyhow::anyhow!("worksheet '{sheet}' cannot be read: {e}"))?;
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

/// A number as its digits when whole, never in exponent notation.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        significant_15(value)
    }
}

/// A number with at most 15 significant digits, as a spreadsheet shows a cell in General
/// format: `0.1 + 0.2` is `0.3`, not `0.30000000000000004`.
pub(super) fn significant_15(value: f64) -> String {
    if !value.is_finite() || value == 0.0 {
        return format!("{value}");
    }
    let exponent = value.abs().log10().floor() as i32;
    if !(-15..15).contains(&exponent) {
        return format!("{value}");
    }
    let decimals = (14 - exponent).max(0) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// The currency a number format shows (its first section), as an ISO code or `kr`: a
/// `[$€-414]` or `[$kr-41D]` tag (its locale tells which krone or dollar), a quoted or escaped
/// literal (`"kr"`, `\\€`), or a bare symbol (`€`, `£`, `$`, `¥`). A tag naming a currency
/// this tool does not know gives its symbol with a `?` (`zł?`): such an amount is refused as
/// unreadable, never summed as the policy's.
fn format_currency(code: &str) -> Option<String> {
    let section = first_section(code);
    let mut pieces: Vec<String> = Vec::new();
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let literal: String = chars.by_ref().take_while(|&c| c != '"').collect();
                pieces.extend(literal.split_whitespace().map(str::to_string));
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    pieces.push(next.to_string());
                }
            }
            '[' => {
                let tag: String = chars.by_ref().take_while(|&c| c != ']').collect();
                if let Some(currency) = tag.strip_prefix('$') {
                    let (symbol, locale) = match currency.rsplit_once('-') {
                        Some((symbol, locale)) => (symbol, Some(locale)),
                        None => (currency, None),
                    };
                    if !symbol.trim().is_empty() {
                        return Some(
                            crate::amount::format_currency_code(symbol, locale)
                                .unwrap_or_else(|| format!("{}?", symbol.trim())),
                        );
                    }
                }
            }
            c if !c.is_ascii() && !c.is_alphanumeric() || c == '$' => pieces.push(c.to_string()),
            _ => {}
        }
    }
    // Escaped letters spell a word (`\\k\\r`): join adjacent single letters.
    let joined: String = pieces
        .iter()
        .filter(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
        .map(String::as_str)
        .collect();
    pieces
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(joined.as_str()))
        .find_map(|piece| crate::amount::format_currency_code(piece, None))
}

/// Whether a number format shows a percentage (a `%` outside quotes and escapes).
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in first_section(code).chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A number format's first section (for positive numbers), quotes respected.
fn first_section(code: &str) -> &str {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => return &code[..i],
            _ => {}
        }
    }
    code
}

/// A whole number as Excel shows it under the number format `code` (its first section):
/// digit placeholders `0` (a digit, zero when there is none) and `#` (a digit when there is
/// one), quoted literals (`"KL-"`), escaped ones (`\K`) and the characters Excel shows as
/// they are (`-`, `/`, a space, ...). `None` for `General`, for a value that is not a whole
/// number, and for whatever else a format may hold (decimals, grouping, percent, exponent,
/// colours and conditions, dates): such a cell reads as its digits.
fn displayed_whole_number(value: f64, code: &str) -> Option<String> {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return None;
    }
    // The first section (for positive numbers, and for all when there is one).
    let mut section = String::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut tokens: Vec<Result<char, String>> = Vec::new(); // Ok(placeholder), Err(literal)
    for c in code.chars() {
        if escaped {
            tokens.push(Err(c.to_string()));
            escaped = false;
            continue;
        }
        if quoted {
            if c == '"' {
                quoted = false;
            } else {
                section.push(c);
            }
            continue;
        }
        if !section.is_empty() {
            tokens.push(Err(std::mem::take(&mut section)));
        }
        match c {
            '"' => quoted = true,
            '\\' => escaped = true,
            ';' => break,
            '0' | '#' => tokens.push(Ok(c)),
            ' ' | '-' | '+' | '/' | '(' | ')' | ':' | '!' | '^' | '&' | '\'' | '~' | '{' | '}'
            | '<' | '>' | '=' | '$' => tokens.push(Err(c.to_string())),
            _ => return None,
        }
    }
    if quoted || escaped {
        return None;
    }
    if !section.is_empty() {
        tokens.push(Err(section));
    }
    let places = tokens.iter().filter(|t| t.is_ok()).count();
    if places == 0 {
        return None;
    }
    if code.contains(';') && value < 0.0 {
        // A negative number under a sectioned format is shown by its second section.
        return None;
    }
    let digits = format!("{}", value.abs() as i64);
    let real = if value == 0.0 { 0 } else { digits.len() };
    let padded = format!("{digits:0>places$}");
    // Placeholders take the digits from the right; the first takes every digit left over.
    let extra = padded.len() - places;
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    let mut seen = 0;
    for token in tokens {
        match token {
            Err(literal) => out.push_str(&literal),
            Ok(kind) => {
                let (from, to) = if seen == 0 {
                    (0, extra + 1)
                } else {
                    (extra + seen, extra + seen + 1)
                };
                seen += 1;
                for (i, d) in padded[from..to].chars().enumerate() {
                    // A `#` shows no padding zero.
                    let position_from_right = padded.len() - (from + i);
                    if kind == '#' && position_from_right > real {
                        continue;
                    }
                    out.push(d);
                }
            }
        }
    }
    Some(out)
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

/// The numbers of an ODS sheet to read as it shows them, by (row, column) from 0: a currency
/// cell (`office:value-type="currency"`) as its value and currency code (`1000 EUR`), so that
/// it is never summed as the policy's; a whole number shown otherwise than as its digits
/// (`00012345`, `KL-00123`: a number style with leading zeros or text) as shown.
fn ods_shown_numbers(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<HashMap<(u32, u32), String>> {
    use quick_xml::events::Event;
    let part = zip
        .by_name("content.xml")
        .context("the spreadsheet's content.xml cannot be read")?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let attr = |e: &quick_xml::events::BytesStart, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| {
                quick_xml::escape::unescape(&a.value)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string())
            })
    };
    let mut shown = HashMap::new();
    let (mut in_sheet, mut row, mut col, mut row_repeat) = (false, 0u32, 0u32, 1u32);
    // The cell being read: (value, currency, columns repeated, its text so far).
    let mut cell: Option<(f64, Option<String>, u32, String)> = None;
    let mut buf = Vec::new();
    let mut finish = |cell: (f64, Option<String>, u32, String), row: u32, col: u32| {
        let (value, currency, repeat, text) = cell;
        let text = text.trim().to_string();
        let over = match currency {
            Some(code) => Some(format!("{} {code}", number_text(value))),
            None if value.fract() == 0.0 && value.abs() < 1e15 => {
                let digits = format!("{}", value.abs() as i64);
                let core = text.trim_start_matches(|c: char| !c.is_ascii_digit());
                let core = core.trim_end_matches(|c: char| !c.is_ascii_digit());
                let padded = core.trim_start_matches('0');
                let same = padded == digits || (digits == "0" && !core.is_empty());
                (text != number_text(value) && same && core.chars().all(|c| c.is_ascii_digit()))
                    .then(|| text.clone())
            }
            None => None,
        };
        if let Some(over) = over {
            for c in col..col.saturating_add(repeat.min(1024)) {
                shown.insert((row, c), over.clone());
            }
        }
    };
    loop {
        let event = reader.read_event_into(&mut buf);
        match event {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e)) => {
                let empty = matches!(event, Ok(Event::Empty(_)));
                match e.name().as_ref() {
                    "table:table" => {
                        in_sheet = attr(e, "table:name").as_deref() == Some(sheet);
                        (row, col) = (0, 0);
                    }
                    "table:table-row" if in_sheet => {
                        row_repeat = attr(e, "table:number-rows-repeated")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1);
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                        let repeat: u32 = attr(e, "table:number-columns-repeated")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1);
                        let kind = attr(e, "office:value-type");
                        let value = attr(e, "office:value").and_then(|v| v.parse::<f64>().ok());
                        match (kind.as_deref(), value) {
                            (Some("float" | "currency"), Some(value)) => {
                                let currency = attr(e, "office:currency")
                                    .filter(|_| kind.as_deref() == Some("currency"));
                                let this = (value, currency, repeat, String::new());
                                if empty {
                                    finish(this, row, col);
                                    col = col.saturating_add(repeat);
                                } else {
                                    cell = Some(this);
                                }
                            }
                            _ => {
                                if empty {
                                    col = col.saturating_add(repeat);
                                } else {
                                    cell = Some((f64::NAN, None, repeat, String::new()));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::Text(t)) => {
                if let Some((_, _, _, text)) = cell.as_mut() {
                    text.push_str(&t);
                }
            }
            Ok(Event::End(ref e)) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                    if let Some(this) = cell.take() {
                        let repeat = this.2;
                        if !this.0.is_nan() {
                            finish(this, row, col);
                        }
                        col = col.saturating_add(repeat);
                    }
                }
                "table:table-row" if in_sheet => {
                    row = row.saturating_add(row_repeat);
                }
                "table:table" => in_sheet = false,
                _ => {}
            },
            Ok(Event::Eof) => return Ok(shown),
            Err(e) => bail!("the spreadsheet's content.xml is not valid XML: {e}"),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// How many cells calamine would expand an ODS file's sheets to: for every row holding a
/// value, its repeat count times the columns up to its last value (repeats included).
fn ods_cells(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<u64> {
    use quick_xml::events::Event;
    let part = zip
        .by_name("content.xml")
        .context("the spreadsheet's content.xml cannot be read")?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let repeat = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    let has_value = |e: &quick_xml::events::BytesStart| {
        e.attributes()
            .flatten()
            .any(|a| a.key.as_ref() == "office:value-type")
    };
    let (mut cells, mut row_repeat, mut width, mut last_value) = (0u64, 1u64, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                "table:table-row" => {
                    row_repeat = repeat(&e, "table:number-rows-repeated");
                    (width, last_value) = (0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    width = width.saturating_add(repeat(&e, "table:number-columns-repeated"));
                    if has_value(&e) {
                        last_value = width;
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                cells = cells.saturating_add(row_repeat.saturating_mul(last_value));
            }
            Ok(Event::Eof) => return Ok(cells),
            Err(e) => bail!("the spreadsheet's content.xml is not valid XML: {e}"),
            Ok(_) => {}
        }
        buf.clear();
    }
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
    fn whole_numbers_as_excel_shows_them() {
        for (value, code, shown) in [
            (12345.0, "00000000", Some("00012345")),
            (123.0, "\"KL-\"00000", Some("KL-00123")),
            (123.0, "\\K\\L\\-00000", Some("KL-00123")),
            (2025000123.0, "\"KL-\"0000-000000", Some("KL-2025-000123")),
            (12345.0, "0", Some("12345")),
            (12345.0, "#", Some("12345")),
            (12345.0, "000", Some("12345")),
            (5.0, "#00", Some("05")),
            (12345.0, "00000000;-00000000", Some("00012345")),
            (12345.0, "\"Sak \"0", Some("Sak 12345")),
            (12345.0, "General", None),
            (12345.0, "#,##0", None),
            (12345.0, "0.00", None),
            (12345.0, "0%", None),
            (12345.0, "[Red]0", None),
            (12345.0, "0E+00", None),
            (12345.5, "00000000", None),
            (45000.0, "yyyy-mm-dd", None),
            (-42.0, "00000", Some("-00042")),
        ] {
            assert_eq!(
                displayed_whole_number(value, code).as_deref(),
                shown,
                "{value} as {code}"
            );
        }
    }

    #[test]
    fn currency_formats_name_their_currency() {
        for (code, currency) in [
            ("#,##0.00\\ [$€-1]", Some("EUR")),
            ("[$€-414] #,##0.00", Some("EUR")),
            ("\"kr\" #,##0.00", Some("kr")),
            ("#,##0.00 \"kr\";-#,##0.00 \"kr\"", Some("kr")),
            ("[$SEK] #,##0.00", Some("SEK")),
            ("#,##0.00 [$kr-414]", Some("NOK")),
            ("#,##0.00 [$kr-41D]", Some("SEK")),
            ("#,##0.00 [$kr.-406]", Some("DKK")),
            ("#,##0.00 [$kr-40F]", Some("ISK")),
            ("[$$-1009] #,##0.00", Some("CAD")),
            ("[$$-C09] #,##0.00", Some("AUD")),
            ("[$$-409] #,##0.00", Some("USD")),
            ("[$$-1C09] #,##0.00", Some("$?")),
            ("#,##0.00 [$zł-415]", Some("PLN")),
            ("[$R$-416] #,##0.00", Some("BRL")),
            ("#,##0.00 [$Kč-405]", Some("CZK")),
            ("#,##0.00 [$₹-4009]", Some("INR")),
            ("#,##0.00 [$лв.-402]", Some("BGN")),
            ("#,##0.00 [$XX-999]", Some("XX?")),
            ("\"zł\" #,##0.00", Some("PLN")),
            ("\\k\\r #,##0", Some("kr")),
            ("£#,##0.00", Some("GBP")),
            ("$#,##0.00", Some("USD")),
            ("₺#,##0.00", Some("TRY")),
            ("#,##0.00\\ \"EUR\"", Some("EUR")),
            ("#,##0.00", None),
            ("[$-414]dd.mm.yyyy", None),
            ("\"Sak \"0", None),
            ("0%", None),
        ] {
            assert_eq!(format_currency(code).as_deref(), currency, "{code}");
        }
        assert!(is_percent_format("0%") && is_percent_format("0.00%"));
        assert!(!is_percent_format("\"%\"0") && !is_percent_format("#,##0"));
        assert_eq!(calamine::CellErrorType::NA.to_string(), "#N/A");
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
