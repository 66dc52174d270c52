//! The same cases under a second policy (`report --compare-policy`): how much turns on reading
//! "35 days" as calendar days or as working days. Evaluated once more over the same typed rows,
//! with the same period and as-of date; the main report is not changed by it.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use crate::policy::Policy;
use crate::status::Status;

/// The other policy's view of the report's cases.
pub struct Comparison {
    pub policy: Policy,
    /// The other policy in words, with the holiday file its calendar was changed by.
    pub description: String,
    /// Cases of the report by status under the other policy.
    pub by_status: BTreeMap<Status, u64>,
    /// (status under ours, status under theirs) → cases.
    pub matrix: BTreeMap<(Status, Status), u64>,
    /// Breaches under the other policy (the statuses [`Status::is_breach`] holds).
    pub breaches: u64,
    /// Every case whose status or applicable deadline differs, worst first: `case_id`,
    /// `received_date`, `status`, `status_other`, `applicable_deadline`,
    /// `applicable_deadline_other`, `final_deadline`, `final_deadline_other`,
    /// `days_over_limit`, `days_over_limit_other`.
    pub differing: DataFrame,
    /// How long the second evaluation took, for `report -v`.
    pub seconds: f64,
}

/// Compares `cases` (ours, in report order) with `theirs` (the same cases under the other
/// policy, in the same order).
pub fn compare(
    policy: Policy,
    cases: &DataFrame,
    theirs: &DataFrame,
    seconds: f64,
) -> Result<Comparison> {
    anyhow::ensure!(
        cases.height() == theirs.height(),
        "internal error: the comparison evaluated {} cases, the report has {}",
        theirs.height(),
        cases.height()
    );
    let (by_status, matrix) = statuses(cases, theirs)?;
    let breaches = by_status
        .iter()
        .filter(|(s, _)| s.is_breach())
        .map(|(_, n)| n)
        .sum();
    let differing = differing(cases, theirs)?;
    let description = match &policy.holidays {
        Some(file) => format!(
            "{}; with the holiday file {}",
            policy.summary(),
            file.display()
        ),
        None => policy.summary(),
    };
    Ok(Comparison {
        description,
        policy,
        by_status,
        matrix,
        breaches,
        differing,
        seconds,
    })
}

/// The cases by their status under the other policy, and the matrix of status under ours to
/// status under theirs.
#[allow(clippy::type_complexity)]
fn statuses(
    cases: &DataFrame,
    theirs: &DataFrame,
) -> Result<(BTreeMap<Status, u64>, BTreeMap<(Status, Status), u64>)> {
    let ours_status = cases.column("status")?.str()?.clone();
    let their_status = theirs.column("status")?.str()?.clone();
    let mut by_status: BTreeMap<Status, u64> = Status::ALL.into_iter().map(|s| (s, 0)).collect();
    let mut matrix = BTreeMap::new();
    for (ours, theirs) in ours_status.iter().zip(their_status.iter()) {
        let (Some(ours), Some(theirs)) =
            (ours.and_then(Status::parse), theirs.and_then(Status::parse))
        else {
            anyhow::bail!("internal error: a case without a status");
        };
        *by_status.entry(theirs).or_insert(0) += 1;
        *matrix.entry((ours, theirs)).or_insert(0) += 1;
    }
    Ok((by_status, matrix))
}

/// The cases whose status or applicable deadline differs, the most days over a limit (under
/// either policy) first.
fn differing(cases: &DataFrame, theirs: &DataFrame) -> Result<DataFrame> {
    let other = |name: &str| -> Result<Column> {
        Ok(theirs
            .column(name)?
            .clone()
            .with_name(format!("{name}_other").into()))
    };
    let joined = cases
        .select([
            "case_id",
            "received_date",
            "status",
            "applicable_deadline",
            "final_deadline",
            "days_over_limit",
        ])?
        .hstack(&[
            other("status")?,
            other("applicable_deadline")?,
            other("final_deadline")?,
            other("days_over_limit")?,
        ])?;
    Ok(joined
        .lazy()
        .filter(
            col("status")
                .neq(col("status_other"))
                .or(col("applicable_deadline").neq(col("applicable_deadline_other"))),
        )
        .with_column(
            when(col("days_over_limit").gt_eq(col("days_over_limit_other")))
                .then(col("days_over_limit"))
                .otherwise(col("days_over_limit_other"))
                .alias("_worst"),
        )
        .sort(
            ["_worst", "received_date", "case_id"],
            SortMultipleOptions::default()
                .with_order_descending_multi([true, false, false])
                .with_maintain_order(true),
        )
        .select([
            col("case_id"),
            col("received_date"),
            col("status"),
            col("status_other"),
            col("applicable_deadline"),
            col("applicable_deadline_other"),
            col("final_deadline"),
            col("final_deadline_other"),
            col("days_over_limit"),
            col("days_over_limit_other"),
        ])
        .collect()?)
}
