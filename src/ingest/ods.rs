//! OpenDocument spreadsheets (`.ods`): the number a cell shows (its `office:value` as the
//! text LibreOffice displays), and the cells a sheet declares, counted before it is expanded.

use std::collections::HashMap;
use std::io::Cursor;

/// The message of a spreadsheet whose content part cannot be read.
fn no_content() -> String {
    format!("the spreadsheet's content cannot be read (content.xml); {RESAVE}")
}

/// What to do with a workbook that cannot be read.
pub(super) const RESAVE: &str =
    "open it in Excel or LibreOffice and save it again, or export the cases as CSV";

use anyhow::{Context, Result, bail};

use super::number_format::number_text;

/// The numbers of an ODS sheet to read as it shows them, by (row, column) from 0: a currency
/// cell (`office:value-type="currency"`) as its value and currency code (`1000 EUR`), so that
/// it is never summed as the policy's; a whole number shown otherwise than as its digits
/// (`00012345`, `KL-00123`: a number style with leading zeros or text) as shown.
pub(super) fn ods_shown_numbers(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<HashMap<(u32, u32), String>> {
    use quick_xml::events::Event;
    let part = zip.by_name("content.xml").with_context(no_content)?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut shown = HashMap::new();
    let (mut in_sheet, mut row, mut col, mut row_repeat) = (false, 0u32, 0u32, 1u32);
    // The cell being read: (value, currency, columns repeated, its text so far).
    let mut cell: Option<(f64, Option<String>, u32, String)> = None;
    let mut buf = Vec::new();
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
                        let (number, repeat) = number_cell(e);
                        match number {
                            Some((value, currency)) => {
                                let this = (value, currency, repeat, String::new());
                                if empty {
                                    keep_shown(&mut shown, this, (row, col));
                                    col = col.saturating_add(repeat);
                                } else {
                                    cell = Some(this);
                                }
                            }
                            None if empty => col = col.saturating_add(repeat),
                            None => cell = Some((f64::NAN, None, repeat, String::new())),
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
                            keep_shown(&mut shown, this, (row, col));
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
            Err(e) => {
                bail!("the spreadsheet's content cannot be read (content.xml: {e}); {RESAVE}")
            }
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// How many cells calamine would expand an ODS file's sheets to: for every row holding a
/// value, its repeat count times the columns up to its last value (repeats included).
pub(super) fn ods_cells(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<u64> {
    use quick_xml::events::Event;
    let part = zip.by_name("content.xml").with_context(|| {
        format!("the spreadsheet's content cannot be read (content.xml); {RESAVE}")
    })?;
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
            Err(e) => {
                bail!("the spreadsheet's content cannot be read (content.xml: {e}); {RESAVE}")
            }
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// An attribute's value, unescaped.
fn attr(e: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// A cell's number and currency when it is a float or currency cell, and how many columns it
/// repeats over.
fn number_cell(e: &quick_xml::events::BytesStart) -> (Option<(f64, Option<String>)>, u32) {
    let repeat: u32 = attr(e, "table:number-columns-repeated")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let kind = attr(e, "office:value-type");
    let value = attr(e, "office:value").and_then(|v| v.parse::<f64>().ok());
    match (kind.as_deref(), value) {
        (Some("float" | "currency"), Some(value)) => {
            let currency =
                attr(e, "office:currency").filter(|_| kind.as_deref() == Some("currency"));
            (Some((value, currency)), repeat)
        }
        _ => (None, repeat),
    }
}

/// The text a number cell shows, when it says more than the number: an amount with its
/// currency, or a whole number with the leading zeros or literal text of its format.
fn shown_as(value: f64, currency: Option<String>, text: &str) -> Option<String> {
    let text = text.trim().to_string();
    match currency {
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
    }
}

/// Keeps the text a number cell shows, for each column it repeats over.
fn keep_shown(
    shown: &mut HashMap<(u32, u32), String>,
    (value, currency, repeat, text): (f64, Option<String>, u32, String),
    (row, col): (u32, u32),
) {
    if let Some(over) = shown_as(value, currency, &text) {
        for c in col..col.saturating_add(repeat.min(1024)) {
            shown.insert((row, c), over.clone());
        }
    }
}
