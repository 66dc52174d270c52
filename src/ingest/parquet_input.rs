//! Parquet input: each column turned into text once, then every row validated as a CSV record.

use anyhow::Result;
use polars::prelude::*;
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;

use super::date_order::Survey;
use super::fingerprint::fingerprint;
use super::rows::{FileLayout, RowSink, date_fields};
use super::{IngestOptions, InputSummary};

/// Reads a Parquet file through the same row validation as CSV: each column is turned into
/// text once (typed dates and timestamps formatted exactly; a timestamp with a time zone as a
/// UTC instant), then each row is checked as a CSV record would be. Its "line" is the row
/// number, from 1.
pub(super) fn read_parquet(
    file_index: u32,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<InputSummary> {
    let frame = ParquetReader::new(std::io::Cursor::new(bytes))
        .finish()
        .map_err(|e| anyhow::anyhow!("not a readable Parquet file: {e}"))?;
    let headers: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| e.into_error(""))?;
    let text: Vec<StringChunked> = frame
        .columns()
        .iter()
        .map(column_as_text)
        .collect::<Result<_>>()?;
    let mut survey = Survey::default();
    for (column, field, header) in date_fields(&resolved, &headers) {
        for (row, value) in text[field].iter().enumerate() {
            survey.see(column, &header, value.unwrap_or(""), row as u64 + 1);
        }
    }
    let date_order = survey.decide(options.date_order)?;
    let mut layout = FileLayout::new(file_index, name, &headers, resolved, sink);
    layout.date_order = date_order.as_ref().map(|n| n.order);
    let mut record = csv::ByteRecord::new();
    let mut scratch = Vec::new();
    for row in 0..frame.height() {
        record.clear();
        for column in &text {
            record.push_field(column.get(row).unwrap_or("").as_bytes());
        }
        let print = fingerprint(&layout, &record, &mut scratch);
        sink.push(&layout, &record, row as u64 + 1, print, options);
    }
    Ok(InputSummary {
        name: name.to_string(),
        sha256: String::new(),
        bytes: bytes.len() as u64,
        rows_read: frame.height() as u64,
        format: "parquet",
        encoding: "parquet",
        separator: None,
        date_order,
        sheet: None,
        absent: Vec::new(),
        headers: Vec::new(),
    })
}

/// A Parquet column as the text the date parser and the reports expect.
fn column_as_text(column: &Column) -> Result<StringChunked> {
    Ok(match column.dtype() {
        DataType::String => column.str()?.clone(),
        DataType::Datetime(unit, zone) => {
            let per_second: i64 = match unit {
                TimeUnit::Nanoseconds => 1_000_000_000,
                TimeUnit::Microseconds => 1_000_000,
                TimeUnit::Milliseconds => 1_000,
            };
            let utc = zone.is_some();
            let physical = column.cast(&DataType::Int64)?;
            physical
                .i64()?
                .iter()
                .map(|value| {
                    value.and_then(|v| {
                        let secs = v.div_euclid(per_second);
                        let nanos =
                            (v.rem_euclid(per_second) * (1_000_000_000 / per_second)) as u32;
                        chrono::DateTime::from_timestamp(secs, nanos).map(|t| {
                            let t = t.naive_utc();
                            if utc {
                                format!("{}Z", t.format("%Y-%m-%dT%H:%M:%S%.f"))
                            } else {
                                t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
                            }
                        })
                    })
                })
                .collect()
        }
        _ => column.cast(&DataType::String)?.str()?.clone(),
    })
}
