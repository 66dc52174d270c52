//! `rejects.csv` and `warnings.csv`: every row left out, and every kept row with a remark.
//! Their text is neutralised against formula injection ([`super::formula`]).

use anyhow::Result;

use super::formula::neutralise;

use crate::ingest::{Reject, Warning};

/// Every reject in input order, with whether it may belong to the report's period
/// (`in_period`, one flag per reject).
pub fn render_rejects(rejects: &[Reject], in_period: &[bool]) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "file",
        "line",
        "case_id",
        "reason",
        "column",
        "value",
        "may_belong_to_period",
    ])?;
    for (r, may_belong) in rejects.iter().zip(in_period) {
        writer.write_record([
            neutralise(&r.file).as_ref(),
            &r.line.to_string(),
            &neutralise(&r.case_id),
            r.reason.as_str(),
            &neutralise(&r.column),
            &neutralise(&r.value),
            if *may_belong { "true" } else { "false" },
        ])?;
    }
    Ok(writer.into_inner()?)
}

pub fn render_warnings(warnings: &[Warning]) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["file", "line", "case_id", "warning", "column", "value"])?;
    for w in warnings {
        writer.write_record([
            neutralise(&w.file).as_ref(),
            &w.line.to_string(),
            &neutralise(&w.case_id),
            w.kind.as_str(),
            &neutralise(&w.column),
            &neutralise(&w.value),
        ])?;
    }
    Ok(writer.into_inner()?)
}
