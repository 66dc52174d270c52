//! Settling duplicate case ids across all inputs.
//!
//! Rows sharing a case id are compared by a 128-bit fingerprint of their content. When all of
//! them are equal, the first valid row is kept and the others are rejected as `duplicate`;
//! when any differs, every valid row of that case id is rejected as `conflicting_duplicate`
//! (a row already rejected for its own fault keeps that reason but still counts as different
//! content: the export disagrees with itself about that case).
//!
//! Rows are grouped by sorting a 64-bit hash of their case id with their index (16 bytes a
//! row, so ten million rows take 160 MB), then comparing the ids themselves within each run
//! of equal hashes: a hash collision costs a comparison, never a wrong verdict.

use std::hash::Hasher;

use anyhow::Result;
use polars::prelude::*;

use super::RejectReason;

/// The valid rows to reject, by row index, with the reason.
pub fn settle(
    case_id: &Series,
    fingerprints: &[[u64; 2]],
    rejected_keys: &[(String, [u64; 2])],
) -> Result<Vec<(usize, RejectReason)>> {
    settle_with(case_id, fingerprints, rejected_keys, |text| {
        let mut h = super::fingerprint::Mix128::default();
        h.write(text.as_bytes());
        h.finish()
    })
}

fn settle_with(
    case_id: &Series,
    fingerprints: &[[u64; 2]],
    rejected_keys: &[(String, [u64; 2])],
    hash: impl Fn(&str) -> u64,
) -> Result<Vec<(usize, RejectReason)>> {
    let ids = case_id.str()?;
    let valid = ids.len();
    let id = |entry: u32| -> &str {
        let entry = entry as usize;
        if entry < valid {
            ids.get(entry).unwrap_or("")
        } else {
            rejected_keys[entry - valid].0.as_str()
        }
    };
    let print = |entry: u32| -> [u64; 2] {
        let entry = entry as usize;
        if entry < valid {
            fingerprints[entry]
        } else {
            rejected_keys[entry - valid].1
        }
    };
    let total = u32::try_from(valid + rejected_keys.len())
        .map_err(|_| anyhow::anyhow!("more than 4 billion rows"))?;
    let mut entries: Vec<(u64, u32)> = (0..total).map(|e| (hash(id(e)), e)).collect();
    entries.sort_unstable();

    let mut verdicts = Vec::new();
    let mut run_start = 0;
    while run_start < entries.len() {
        let mut run_end = run_start + 1;
        while run_end < entries.len() && entries[run_end].0 == entries[run_start].0 {
            run_end += 1;
        }
        if run_end - run_start > 1 {
            let mut run: Vec<u32> = entries[run_start..run_end].iter().map(|e| e.1).collect();
            // Within equal hashes, group by the id itself (entries stay in index order).
            run.sort_by(|a, b| id(*a).cmp(id(*b)).then(a.cmp(b)));
            for group in run.chunk_by(|a, b| id(*a) == id(*b)) {
                settle_group(group, valid, &print, &mut verdicts);
            }
        }
        run_start = run_end;
    }
    verdicts.sort();
    Ok(verdicts)
}

/// Settles the entries of one case id, in index order (valid rows first).
fn settle_group(
    group: &[u32],
    valid: usize,
    print: &impl Fn(u32) -> [u64; 2],
    verdicts: &mut Vec<(usize, RejectReason)>,
) {
    if group.len() < 2 {
        return;
    }
    let conflict = group.iter().any(|&e| print(e) != print(group[0]));
    let mut rows = group.iter().map(|&e| e as usize).filter(|&e| e < valid);
    if conflict {
        verdicts.extend(rows.map(|row| (row, RejectReason::ConflictingDuplicate)));
    } else {
        rows.next(); // the first valid row is kept
        verdicts.extend(rows.map(|row| (row, RejectReason::Duplicate)));
    }
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
        // Every id colliding on one hash gives the same verdicts.
        assert_eq!(settle_with(&ids, &fps, &rejected, |_| 7).unwrap(), verdicts);
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
