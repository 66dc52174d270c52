//! Parquet input: each column turned into text once, then every row validated as a CSV record.

use anyhow::Result;
use polars::prelude::*;
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;

use super::date_order::Survey;
use super::fingerprint::fingerprint;
use super::look_alike::settle_look_alikes;
use super::record::date_fields;
use super::rows::RowSink;
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
    let frame = decode(bytes)?;
    let headers: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let text: Vec<StringChunked> = frame
        .columns()
        .iter()
        .map(column_as_text)
        .collect::<Result<_>>()?;
    let settled = settle_look_alikes(&headers, options, |field, tally| {
        for value in text[field].iter().flatten() {
            tally.see(value);
        }
    })?;
    let options = &options.with_columns(&settled.columns);
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| e.into_error(""))?;
    let float_ids = float_ids(&frame, &resolved)?;
    let mut survey = Survey::default();
    for (column, field, header) in date_fields(&resolved, &headers) {
        for (row, value) in text[field].iter().enumerate() {
            survey.see(column, &header, value.unwrap_or(""), row as u64 + 1);
        }
    }
    let date_order = survey.decide(options.date_order)?;
    let mut layout = sink.layout(file_index, name, &headers, resolved);
    layout.date_order = date_order.as_ref().map(|n| n.order);
    let mut record = csv::ByteRecord::new();
    let mut scratch = Vec::new();
    let mut blank_rows = 0u64;
    for row in 0..frame.height() {
        record.clear();
        for column in &text {
            record.push_field(column.get(row).unwrap_or("").as_bytes());
        }
        // A row of only missing values is no row: what pandas writes for a blank row of a
        // spreadsheet, skipped as a blank line of a CSV file is.
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            blank_rows += 1;
            continue;
        }
        let print = fingerprint(&layout, &record, &mut scratch);
        if let Some(why) = float_ids
            .as_ref()
            .and_then(|ids| ids.get(row))
            .and_then(float_id_fault)
        {
            sink.reject_case_id(&layout, &record, row as u64 + 1, print, why);
            continue;
        }
        sink.push(&layout, &record, row as u64 + 1, print, options);
    }
    Ok(InputSummary {
        name: name.to_string(),
        sha256: String::new(),
        bytes: bytes.len() as u64,
        rows_read: frame.height() as u64 - blank_rows,
        format: "parquet",
        encoding: "parquet",
        separator: None,
        date_order,
        sheet: None,
        absent: Vec::new(),
        headers: Vec::new(),
        column_choices: settled.notes,
        newest_date: None,
    })
}

/// Whether a Parquet column's type is one this build reads.
fn readable(dtype: &polars::prelude::ArrowDataType) -> bool {
    use polars::prelude::ArrowDataType as A;
    matches!(
        dtype,
        A::Null
            | A::Boolean
            | A::Int8
            | A::Int16
            | A::Int32
            | A::Int64
            | A::UInt8
            | A::UInt16
            | A::UInt32
            | A::UInt64
            | A::Float16
            | A::Float32
            | A::Float64
            | A::Date32
            | A::Date64
            | A::Timestamp(..)
            | A::Utf8
            | A::LargeUtf8
            | A::Utf8View
            | A::Binary
            | A::LargeBinary
            | A::BinaryView
            | A::Dictionary(..)
    )
}

/// The largest magnitude below which every whole number is exact in an `f64` (2^53).
const EXACT_FLOAT: f64 = 9_007_199_254_740_992.0;

/// Why a case id stored as a float is no id: not a whole number, or too large to be exact.
fn float_id_fault(value: f64) -> Option<String> {
    if !value.is_finite() || value.fract() != 0.0 {
        Some(format!(
            "the case id is stored as the number {value}, which is not a whole number: no \
             case id has a fraction"
        ))
    } else if value.abs() >= EXACT_FLOAT {
        Some(format!(
            "the case id is stored as the floating-point number {value}, too large to hold \
             its digits exactly: store the column as text or integers"
        ))
    } else {
        None
    }
}

/// A float as an export's CSV would write it: a whole number as its digits (`10000124`, not
/// `10000124.0`; pandas stores an integer column with a missing value as floats), any other
/// as the shortest decimal that reads back as it.
fn float_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < EXACT_FLOAT {
        format!("{}", value as i64)
    } else {
        super::number_format::significant_15(value)
    }
}

/// A Parquet column as the text the date parser and the reports expect.
fn column_as_text(column: &Column) -> Result<StringChunked> {
    Ok(match column.dtype() {
        DataType::String => column.str()?.clone(),
        // A 32-bit float as the shortest decimal that reads back as it (`19.99`, not
        // `19.9899997711182`), as the export that wrote it held it.
        DataType::Float32 => column
            .f32()?
            .iter()
            .map(|v| {
                v.map(|v| {
                    if v.fract() == 0.0 && v.abs() < 16_777_216.0 {
                        format!("{}", v as i64)
                    } else {
                        format!("{v}")
                    }
                })
            })
            .collect(),
        dtype if dtype.is_float() => column
            .cast(&DataType::Float64)?
            .f64()?
            .iter()
            .map(|v| v.map(float_text))
            .collect(),
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

/// The file decoded, after its schema is checked. The column types this build reads: text,
/// whole and floating-point numbers, booleans, dates and timestamps. Any other (a decimal, a
/// list, a struct) is named and refused before the file is decoded, never a panic.
fn decode(bytes: &[u8]) -> Result<DataFrame> {
    let schema = ParquetReader::new(std::io::Cursor::new(bytes))
        .schema()
        .map_err(|e| {
            anyhow::anyhow!(
                "not a readable Parquet file: {e}; write it again, or export the cases as CSV"
            )
        })?;
    for (name, field) in schema.iter() {
        if !readable(field.dtype()) {
            anyhow::bail!(
                "column '{name}' is stored as {:?}, which this tool does not read: store it as \
                 text, an integer, a float, a date or a timestamp",
                field.dtype()
            );
        }
    }
    let frame =
        std::panic::catch_unwind(|| ParquetReader::new(std::io::Cursor::new(bytes)).finish())
            .map_err(|_| {
                anyhow::anyhow!("not a readable Parquet file: its columns could not be decoded; write it again, or export the cases as CSV")
            })?
            .map_err(|e| anyhow::anyhow!("not a readable Parquet file: {e}; write it again, or export the cases as CSV"))?;
    Ok(frame)
}

/// A case id column stored as floating point (pandas writes an integer column with one
/// missing value so): a whole number is its digits (done by `column_as_text`), anything else
/// is no id.
fn float_ids(
    frame: &DataFrame,
    resolved: &crate::columns::Resolved,
) -> Result<Option<Float64Chunked>> {
    let id_field = resolved
        .index
        .get(&crate::columns::Canonical::CaseId)
        .copied();
    Ok(id_field
        .map(|i| &frame.columns()[i])
        .filter(|c| c.dtype().is_float())
        .map(|c| {
            c.cast(&DataType::Float64)
                .and_then(|c| Ok(c.f64()?.clone()))
        })
        .transpose()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_this_build_does_not_read_is_named_not_decoded() {
        use polars::prelude::ArrowDataType as A;
        assert!(!readable(&A::Decimal(10, 2)));
        assert!(!readable(&A::Decimal256(40, 2)));
        assert!(readable(&A::Float64) && readable(&A::Utf8View) && readable(&A::Date32));
    }

    #[test]
    fn float_ids_are_their_digits_or_refused() {
        assert_eq!(float_text(10_000_124.0), "10000124");
        assert_eq!(float_text(-3.0), "-3");
        assert_eq!(float_text(0.5), "0.5");
        assert_eq!(float_text(1e20), "100000000000000000000");
        assert_eq!(float_id_fault(10_000_124.0), None);
        assert!(float_id_fault(10_000_124.5).unwrap().contains("10000124.5"));
        assert!(float_id_fault(1e17).unwrap().contains("too large"));
        assert!(float_id_fault(f64::NAN).is_some());
    }
}
