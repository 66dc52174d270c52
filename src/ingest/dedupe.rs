//! Settling duplicate case ids across all inputs.
//!
//! Several inputs are exports of one system over time (`feb.csv mar.csv`): when a case id is in
//! more than one input, the row of the input given last is the case as it stands, and the rows
//! of earlier inputs are superseded (counted, not rejected: the case is in the report, as
//! updated). Within that one input, rows sharing a case id are compared by a 128-bit
//! fingerprint of their content. When all of them are equal, the first valid row is kept and
//! the others are rejected as `duplicate`; when any differs, every valid row of that case id in
//! that input is rejected as `conflicting_duplicate` (a row already rejected for its own fault
//! keeps that reason but still counts as different content: the export disagrees with itself
//! about that case). A case whose latest input has no valid row for it is not evaluated: its
//! earlier rows are superseded by a row that is rejected, and that reject says why. A row of an
//! earlier input rejected for its own fault is superseded too, when a later input has the case:
//! the later row is the case as it stands, so the earlier one is not a row "in no figure".
//!
//! Rows are grouped by sorting a 64-bit hash of their case id with their index (16 bytes a
//! row, so ten million rows take 160 MB), then comparing the ids themselves within each run
//! of equal hashes: a hash collision costs a comparison, never a wrong verdict.

use std::hash::Hasher;

use anyhow::Result;
use polars::prelude::*;

use super::{DateRead, Reject, RejectReason, RowSpan};
use crate::columns::Canonical;

/// A rejected row that has a case id: its id, input and fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedKey {
    pub case_id: String,
    pub file: u32,
    pub fingerprint: [u64; 2],
    /// The reject's place among the ingest's rejects.
    pub reject: usize,
}

/// What settling found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    /// Valid rows to reject, by row index, with the reason; in index order.
    pub rejects: Vec<(usize, RejectReason)>,
    /// Valid rows of earlier inputs whose case a later input has; in index order.
    pub superseded: Vec<usize>,
    /// Rejected rows of earlier inputs whose case a later input has, by their place among the
    /// ingest's rejects ([`RejectedKey::reject`]); in that order.
    pub superseded_rejects: Vec<usize>,
    /// Cases whose later input's row differs from an earlier input's.
    pub cases_updated: u64,
}

/// Settles the case ids of the valid rows (`case_id`, `files`, `fingerprints`, by row index)
/// and of the rejected rows that have one.
pub fn settle(
    case_id: &Series,
    files: &[u32],
    fingerprints: &[[u64; 2]],
    rejected_keys: &[RejectedKey],
) -> Result<Settled> {
    settle_with(case_id, files, fingerprints, rejected_keys, |text| {
        let mut h = super::hash::Mix128::default();
        h.write(text.as_bytes());
        h.finish()
    })
}

fn settle_with(
    case_id: &Series,
    files: &[u32],
    fingerprints: &[[u64; 2]],
    rejected_keys: &[RejectedKey],
    hash: impl Fn(&str) -> u64,
) -> Result<Settled> {
    let ids = case_id.str()?;
    let valid = ids.len();
    let id = |entry: u32| -> &str {
        let entry = entry as usize;
        if entry < valid {
            ids.get(entry).unwrap_or("")
        } else {
            rejected_keys[entry - valid].case_id.as_str()
        }
    };
    let file = |entry: u32| -> u32 {
        let entry = entry as usize;
        if entry < valid {
            files[entry]
        } else {
            rejected_keys[entry - valid].file
        }
    };
    let print = |entry: u32| -> [u64; 2] {
        let entry = entry as usize;
        if entry < valid {
            fingerprints[entry]
        } else {
            rejected_keys[entry - valid].fingerprint
        }
    };
    let total = u32::try_from(valid + rejected_keys.len())
        .map_err(|_| anyhow::anyhow!("more than 4 billion rows"))?;
    let mut entries: Vec<(u64, u32)> = (0..total).map(|e| (hash(id(e)), e)).collect();
    entries.sort_unstable();

    let mut settled = Settled::default();
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
                settle_case(group, valid, &file, &print, &mut settled);
            }
        }
        run_start = run_end;
    }
    settled.rejects.sort();
    settled.superseded.sort();
    settled.superseded_rejects = std::mem::take(&mut settled.superseded_rejects)
        .into_iter()
        .map(|key| rejected_keys[key].reject)
        .collect();
    settled.superseded_rejects.sort();
    Ok(settled)
}

/// Settles the entries of one case id (valid rows first, each in index order): the rows of
/// earlier inputs are superseded by those of the latest, which are settled among themselves.
fn settle_case(
    group: &[u32],
    valid: usize,
    file: &impl Fn(u32) -> u32,
    print: &impl Fn(u32) -> [u64; 2],
    settled: &mut Settled,
) {
    let Some(latest) = group.iter().map(|&e| file(e)).max() else {
        return;
    };
    let (current, earlier): (Vec<u32>, Vec<u32>) = group.iter().partition(|&&e| file(e) == latest);
    let (earlier_valid, earlier_rejected): (Vec<u32>, Vec<u32>) =
        earlier.iter().partition(|&&e| (e as usize) < valid);
    // Rejected keys are kept by their index among them for now.
    settled
        .superseded_rejects
        .extend(earlier_rejected.iter().map(|&e| e as usize - valid));
    settled
        .superseded
        .extend(earlier_valid.iter().map(|&e| e as usize));
    // A case is updated when a later row differs from an earlier one, valid or rejected (an
    // earlier row rejected for its fault and fixed in the later input is an update).
    let changed = earlier
        .iter()
        .any(|&e| current.iter().any(|&c| print(c) != print(e)));
    settled.cases_updated += u64::from(changed);
    settle_group(&current, valid, print, &mut settled.rejects);
}

/// Settles the entries of one case id within one input, in index order (valid rows first).
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

/// What a conflicting duplicate means to the report.
const CONFLICT: &str = "other rows have this case id with different content: the case is left \
                        out of every figure until the export is fixed";

/// The rows kept after the duplicate check: not those an input given later superseded, nor
/// those it rejects (each a reject naming its file and line).
pub(super) fn settled_rows(
    settled: &Settled,
    rejects: &mut Vec<(u32, Reject)>,
    (case_id, [received, resolved]): (&Series, [&Column; 2]),
    (file, line): (&[u32], &[u64]),
    file_names: &[String],
) -> Result<Vec<bool>> {
    let mut keep = vec![true; case_id.len()];
    for &row in &settled.superseded {
        keep[row] = false;
    }
    // An earlier input's rejected row, superseded by a later input's row for its case.
    if !settled.superseded_rejects.is_empty() {
        let mut place = 0;
        let mut next = settled.superseded_rejects.iter().peekable();
        rejects.retain(|_| {
            let superseded = next.next_if_eq(&&place).is_some();
            place += 1;
            !superseded
        });
    }
    if settled.rejects.is_empty() {
        return Ok(keep);
    }
    // The rows were valid: their dates are read.
    let (received, resolved) = (
        received.cast(&DataType::Int32)?,
        resolved.cast(&DataType::Int32)?,
    );
    let (received, resolved) = (received.i32()?, resolved.i32()?);
    let read = |day: Option<i32>| {
        day.map_or(DateRead::Blank, |d| {
            DateRead::On(crate::business_days::date_from_epoch_days(d))
        })
    };
    for &(row, reason) in &settled.rejects {
        keep[row] = false;
        let file_index = file[row];
        let id = case_id.str()?.get(row).unwrap_or("").to_string();
        rejects.push((
            file_index,
            Reject {
                file: file_names[file_index as usize].clone(),
                line: line[row],
                case_id: id.clone(),
                reason,
                column: Canonical::CaseId.name().to_string(),
                value: id,
                detail: match reason {
                    RejectReason::Duplicate => "an exact copy of an earlier row".into(),
                    _ => CONFLICT.into(),
                },
                span: RowSpan {
                    received: read(received.get(row)),
                    resolved: read(resolved.get(row)),
                },
            },
        ));
    }
    Ok(keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, file: u32, fingerprint: [u64; 2]) -> RejectedKey {
        RejectedKey {
            case_id: id.to_string(),
            file,
            fingerprint,
            reject: 0,
        }
    }

    #[test]
    fn exact_copies_keep_the_first_and_conflicts_reject_all() {
        let ids = Series::new("case_id".into(), ["A", "B", "A", "C", "C", "A", "D"]);
        let files = [0; 7];
        let fps = [[1, 1], [2, 2], [1, 1], [3, 3], [3, 4], [1, 1], [5, 5]];
        // D also appears among rejected rows with other content: D conflicts.
        let rejected = vec![key("D", 0, [6, 6]), key("E", 0, [7, 7])];
        let settled = settle(&ids, &files, &fps, &rejected).unwrap();
        // Every id colliding on one hash gives the same verdicts.
        assert_eq!(
            settle_with(&ids, &files, &fps, &rejected, |_| 7).unwrap(),
            settled
        );
        assert_eq!(
            settled.rejects,
            vec![
                (2, RejectReason::Duplicate),
                (3, RejectReason::ConflictingDuplicate),
                (4, RejectReason::ConflictingDuplicate),
                (5, RejectReason::Duplicate),
                (6, RejectReason::ConflictingDuplicate),
            ]
        );
        assert!(settled.superseded.is_empty());
        assert_eq!(settled.cases_updated, 0);
    }

    #[test]
    fn a_later_input_updates_a_case_and_conflicts_stay_within_one_input() {
        // Input 0 (February): A open, B, C twice (a conflict), D. Input 1 (March): A resolved,
        // B unchanged, C once, D rejected for its own fault (as a rejected key).
        let ids = Series::new("case_id".into(), ["A", "B", "C", "C", "D", "A", "B", "C"]);
        let files = [0, 0, 0, 0, 0, 1, 1, 1];
        let fps = [
            [1, 1],
            [2, 2],
            [3, 3],
            [3, 4],
            [4, 4],
            [1, 9],
            [2, 2],
            [3, 3],
        ];
        let rejected = vec![key("D", 1, [4, 5])];
        let settled = settle(&ids, &files, &fps, &rejected).unwrap();
        assert_eq!(settled.superseded, vec![0, 1, 2, 3, 4]);
        assert!(settled.rejects.is_empty(), "{:?}", settled.rejects);
        // A changed, C changed (one of its February rows differs), D changed; B did not.
        assert_eq!(settled.cases_updated, 3);
        assert_eq!(
            settle_with(&ids, &files, &fps, &rejected, |_| 1).unwrap(),
            settled
        );

        // An earlier input's rejected row is superseded by the later input's row for its case,
        // valid or not: E rejected in February (reject 7) and valid in March, F rejected in
        // both (reject 9, then reject 10, which stays).
        let e_ids = Series::new("case_id".into(), ["E"]);
        let rejected = vec![
            RejectedKey {
                reject: 7,
                ..key("E", 0, [6, 6])
            },
            RejectedKey {
                reject: 9,
                ..key("F", 0, [7, 7])
            },
            RejectedKey {
                reject: 10,
                ..key("F", 1, [7, 8])
            },
        ];
        let later = settle(&e_ids, &[1], &[[6, 7]], &rejected).unwrap();
        assert_eq!(later.superseded_rejects, vec![7, 9]);
        assert!(later.superseded.is_empty() && later.rejects.is_empty());
        assert_eq!(later.cases_updated, 2);

        // The input given last wins whatever its position among the rows.
        let files = [1, 1, 1, 1, 1, 0, 0, 0];
        let settled = settle(&ids, &files, &fps, &[]).unwrap();
        assert_eq!(settled.superseded, vec![5, 6, 7]);
        assert_eq!(
            settled.rejects,
            vec![
                (2, RejectReason::ConflictingDuplicate),
                (3, RejectReason::ConflictingDuplicate),
            ]
        );
    }
}
