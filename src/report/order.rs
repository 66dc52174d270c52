//! The order of a report's cases: by receipt, then case id, then input and line, the order of
//! every list of cases the report writes.

use anyhow::Result;
use polars::prelude::*;

use crate::ingest::col_names;

/// The order of `rows` by receipt, case id, input and line (nulls first, text by its bytes,
/// as polars sorts), as row indexes. The row's own index breaks any tie, so the order is
/// that of a stable sort. Sorted here, not by polars: its sort on several columns encodes
/// every row's keys first, and at a million cases that took seconds. Each key holds the case
/// id's first 16 bytes as a number, so most comparisons never read the text.
pub(crate) fn report_order(rows: &DataFrame) -> Result<IdxCa> {
    let received = rows.column(col_names::RECEIVED)?.cast(&DataType::Int32)?;
    let received = received.i32()?;
    let ids = rows.column(col_names::CASE_ID)?.str()?;
    let files = rows.column(col_names::SOURCE_FILE)?.u32()?;
    let lines = rows.column(col_names::SOURCE_LINE)?.u64()?;
    let mut keys: Vec<SortKey> = received
        .iter()
        .zip(ids.iter())
        .enumerate()
        .map(|(row, (received, id))| SortKey::new(received, id, row as IdxSize))
        .collect();
    let rest = |row: IdxSize| {
        let row = row as usize;
        (ids.get(row), files.get(row), lines.get(row))
    };
    keys.sort_unstable_by(|a, b| {
        a.head
            .cmp(&b.head)
            .then_with(|| rest(a.row).cmp(&rest(b.row)))
            .then(a.row.cmp(&b.row))
    });
    Ok(IdxCa::from_vec(
        "_row".into(),
        keys.into_iter().map(|k| k.row).collect(),
    ))
}

/// A row's receipt and case id as one comparable number: the receipt (a null first), whether
/// the id is there, and its first 16 bytes, zero-padded, big-endian. Two keys that differ
/// order as their rows do; two that are equal (ids alike in their first 16 bytes) are ordered
/// by the whole id, input and line.
struct SortKey {
    head: (i64, bool, u128),
    row: IdxSize,
}

impl SortKey {
    fn new(received: Option<i32>, id: Option<&str>, row: IdxSize) -> Self {
        let mut prefix = [0u8; 16];
        if let Some(id) = id {
            let n = id.len().min(16);
            prefix[..n].copy_from_slice(&id.as_bytes()[..n]);
        }
        SortKey {
            head: (
                received.map_or(i64::MIN, i64::from),
                id.is_some(),
                u128::from_be_bytes(prefix),
            ),
            row,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order polars' stable sort on the four columns gives, nulls first.
    fn by_polars(rows: &DataFrame) -> Vec<IdxSize> {
        const ORDER: [&str; 4] = [
            col_names::RECEIVED,
            col_names::CASE_ID,
            col_names::SOURCE_FILE,
            col_names::SOURCE_LINE,
        ];
        rows.select(ORDER)
            .unwrap()
            .with_row_index("_row".into(), None)
            .unwrap()
            .sort(
                ORDER,
                SortMultipleOptions::default().with_maintain_order(true),
            )
            .unwrap()
            .column("_row")
            .unwrap()
            .idx()
            .unwrap()
            .into_no_null_iter()
            .collect()
    }

    fn frame(
        received: Vec<Option<i32>>,
        ids: Vec<Option<&str>>,
        files: Vec<u32>,
        lines: Vec<u64>,
    ) -> DataFrame {
        let received = Series::new(col_names::RECEIVED.into(), received)
            .cast(&DataType::Date)
            .unwrap();
        DataFrame::new_infer_height(vec![
            received.into(),
            Series::new(col_names::CASE_ID.into(), ids).into(),
            Series::new(col_names::SOURCE_FILE.into(), files).into(),
            Series::new(col_names::SOURCE_LINE.into(), lines).into(),
        ])
        .unwrap()
    }

    /// Ids a lawyer's export could hold and a few no export should: alike in their first 16
    /// bytes, one a prefix of another, with a NUL byte, empty, not ASCII, missing; the same
    /// case on several days and in two inputs.
    #[test]
    fn the_order_is_polars_stable_sort_on_the_four_columns() {
        let ids = [
            Some("C-2026-0000001"),
            Some("C-2026-0000001-REOPENED"),
            Some("C-2026-0000001-REOPENED-2"),
            Some("C-2026-0000001\0"),
            Some("C-2026-0000001\0\0\0"),
            Some("C-2026-000000"),
            Some("CASE-0000000000000000000099"),
            Some("CASE-0000000000000000000100"),
            Some(""),
            Some("\u{0}"),
            Some("Ærlig-1"),
            Some("Øst-1"),
            Some("zz"),
            Some("\u{10ffff}"),
            None,
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for rows in [0usize, 1, 2, 17, 500, 3000] {
            let mut received = Vec::new();
            let (mut id, mut file, mut line) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..rows {
                received.push(match next(10) {
                    0 => None,
                    _ => Some(20_000 + next(4) as i32),
                });
                id.push(ids[next(ids.len() as u64) as usize]);
                file.push(next(2) as u32);
                line.push(next(5));
            }
            let rows = frame(received, id, file, line);
            let ours: Vec<IdxSize> = report_order(&rows).unwrap().into_no_null_iter().collect();
            assert_eq!(ours, by_polars(&rows), "{} rows", rows.height());
        }
    }
}
