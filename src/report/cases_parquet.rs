//! `cases.parquet`: the columns of `cases.csv`, typed, for the tools that read Parquet
//! (polars, DuckDB, pandas with pyarrow, Spark, Power BI): dates as `Date`, counts as 64-bit
//! integers, flags as booleans, text as strings, the redress amount as a float with its two
//! decimals. zstd-compressed, with the report's period, as-of date, policy and inputs (each
//! with its SHA-256) as key-value metadata. The same values as `cases.csv`, the same guard on
//! text that a spreadsheet could take for a formula included; not written unless asked for.

use anyhow::Result;
use polars::prelude::*;
use polars_io::parquet::write::{KeyValueMetadata, ParquetCompression, ParquetWriter};

use super::Report;
use super::cases_csv::{Cells, columns};
use super::formula::neutralise;

/// The file's name in the report's folder.
pub const FILE: &str = "cases.parquet";

/// Writes `cases.parquet` to `out`.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> Result<()> {
    let files: Vec<String> = report.inputs.iter().map(|i| i.rows_from()).collect();
    let mut typed: Vec<Column> = Vec::new();
    for (header, source) in columns(report) {
        let name: PlSmallStr = header.as_str().into();
        let series = match Cells::of(&report.cases, &source, &files)? {
            Cells::Text(c) => c
                .iter()
                .map(|v| v.map(|v| neutralise(v).into_owned()))
                .collect::<StringChunked>()
                .into_series(),
            Cells::Date(c) => c.into_series().cast(&DataType::Date)?,
            Cells::Int(c) => c.into_series(),
            Cells::Bool(c) => c.into_series(),
            Cells::Source(c, files) => c
                .iter()
                .map(|i| i.map(|i| neutralise(&files[i as usize]).into_owned()))
                .collect::<StringChunked>()
                .into_series(),
            Cells::Line(c) => c.into_series().cast(&DataType::Int64)?,
            Cells::Money(c) => c
                .iter()
                .map(|v| v.map(|minor| minor as f64 / 100.0))
                .collect::<Float64Chunked>()
                .into_series(),
        };
        typed.push(series.with_name(name).into());
    }
    let mut frame = DataFrame::new_infer_height(typed)?;
    ParquetWriter::new(out)
        .with_compression(ParquetCompression::Zstd(None))
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(metadata(report))))
        .finish(&mut frame)?;
    Ok(())
}

/// The report's identity, as key-value metadata: what the cases are a report of.
fn metadata(report: &Report) -> Vec<(String, String)> {
    let inputs: Vec<serde_json::Value> = report
        .inputs
        .iter()
        .map(|i| serde_json::json!({ "file": i.rows_from(), "sha256": i.sha256 }))
        .collect();
    [
        (
            "complaint_sla.tool_version",
            env!("CARGO_PKG_VERSION").to_string(),
        ),
        ("complaint_sla.period", report.period.label.clone()),
        (
            "complaint_sla.period_start",
            report.period.start.to_string(),
        ),
        ("complaint_sla.period_end", report.period.end.to_string()),
        ("complaint_sla.as_of", report.as_of.to_string()),
        ("complaint_sla.policy", report.policy.name.clone()),
        (
            "complaint_sla.policy_description",
            super::method::policy_summary(report),
        ),
        (
            "complaint_sla.inputs",
            serde_json::Value::Array(inputs).to_string(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}
