//! Settling duplicate case ids across all inputs, in polars.
//!
//! Rows sharing a case id are compared by a 128-bit fingerprint of their content. When all of
//! them are equal, the first valid row is kept and the others are rejected as `duplicate`;
//! when any differs, every valid row of that case id is rejected as `conflicting_duplicate`
//! (a row already rejected for its own fault keeps that reason but still counts as different
//! content: the export disagrees with itself about that case).

use anyhow::Result;
use polars::prelude::*;

use super::RejectReason;

/// The valid rows to reject, by row index, with the reason.
pub fn settle(
    case_id: &Series,
    fingerprints: &[[u64; 2]],
    rejected_keys: &[(String, [u64; 2])],
) -> Result<Vec<(usize, RejectReason)>> {
    let valid = DataFrame::new_infer_height(vec![
        case_id.clone().with_name("case_id".into()).into(),
        Series::new(
            "fp1".into(),
            fingerprints.iter().map(|f| f[0]).collect::<Vec<_>>(),
        )
        .into(),
        Series::new(
            "fp2".into(),
            fingerprints.iter().map(|f| f[1]).collect::<Vec<_>>(),
        )
        .into(),
        Series::new(
            "row".into(),
            (0..case_id.len() as u64).map(Some).collect::<Vec<_>>(),
        )
        .into(),
    ])?;
    let rejected = DataFrame::new_infer_height(vec![
        Series::new(
            "case_id".into(),
            rejected_keys
                .iter()
                .map(|(c, _)| c.as_str())
                .collect::<Vec<_>>(),
        )
        .into(),
        Series::new(
            "fp1".into(),
            rejected_keys.iter().map(|(_, f)| f[0]).collect::<Vec<_>>(),
        )
        .into(),
        Series::new(
            "fp2".into(),
            rejected_keys.iter().map(|(_, f)| f[1]).collect::<Vec<_>>(),
        )
        .into(),
        Series::new("row".into(), vec![None::<u64>; rejected_keys.len()]).into(),
    ])?;
    let all = valid.vstack(&rejected)?;
    let by = [col("case_id")];
    // Most case ids occur once: find the shared ones first, then compare only those rows.
    let groups = all
        .lazy()
        .with_columns([len().over(by.clone())?.alias("n")])
        .filter(col("n").gt(lit(1)))
        .with_columns([
            col("fp1")
                .n_unique()
                .over(by.clone())?
                .gt(lit(1))
                .or(col("fp2").n_unique().over(by.clone())?.gt(lit(1)))
                .alias("conflict"),
            col("row").min().over(by)?.alias("first"),
        ])
        .filter(col("row").is_not_null())
        .select([col("row"), col("conflict"), col("first")])
        .collect()?;
    let rows = groups.column("row")?.u64()?;
    let conflict = groups.column("conflict")?.bool()?;
    let first = groups.column("first")?.u64()?;
    let mut verdicts = Vec::new();
    for i in 0..groups.height() {
        let row = rows.get(i).expect("filtered to non-null rows");
        if conflict.get(i) == Some(true) {
            verdicts.push((row as usize, RejectReason::ConflictingDuplicate));
        } else if first.get(i) != Some(row) {
            verdicts.push((row as usize, RejectReason::Duplicate));
        }
    }
    verdicts.sort();
    Ok(verdicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_copies_keep_the_first_and_conflicts_reject_all() {
        let ids = Series::new("case_id".into(), ["A", "B", "A", "C", "C", "A", "D"]);
        let fps = [[1, 1], [2, 2], [1, 1], [3, 3], [3, 4], [1, 1], [5, 5]];
        // D also appears among rejected rows with other content: D conflicts.
        let rejected = vec![("D".to_string(), [6, 6]), ("E".to_string(), [7, 7])];
        let verdicts = settle(&ids, &fps, &rejected).unwrap();
        assert_eq!(
            verdicts,
            vec![
                (2, RejectReason::Duplicate),
                (3, RejectReason::ConflictingDuplicate),
                (4, RejectReason::ConflictingDuplicate),
                (5, RejectReason::Duplicate),
                (6, RejectReason::ConflictingDuplicate),
            ]
        );
    }
}
