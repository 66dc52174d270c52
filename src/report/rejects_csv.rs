//! `rejects.csv` and `warnings.csv`: every row left out, and every kept row with a remark.

use anyhow::Result;

use crate::ingest::{Reject, Warning};

pub fn render_rejects(rejects: &[Reject]) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["file", "line", "case_id", "reason", "column", "value"])?;
    for r in rejects {
        writer.write_record([
            r.file.as_str(),
            &r.line.to_string(),
            &r.case_id,
            r.reason.as_str(),
            &r.column,
            &r.value,
        ])?;
    }
    Ok(writer.into_inner()?)
}

pub fn render_warnings(warnings: &[Warning]) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["file", "line", "case_id", "warning", "column", "value"])?;
    for w in warnings {
        writer.write_record([
            w.file.as_str(),
            &w.line.to_string(),
            &w.case_id,
            w.kind.as_str(),
            &w.column,
            &w.value,
        ])?;
    }
    Ok(writer.into_inner()?)
}
