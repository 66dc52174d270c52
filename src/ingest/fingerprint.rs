//! Row fingerprints for the duplicate check.

use super::record::{FileLayout, text};

/// A 128-bit fingerprint of a row's content: the canonical fields by name and the carried
/// fields by header, empty ones left out, so the same row from two differently laid-out
/// exports has the same fingerprint. The fields go into `scratch` (each as the hash of its
/// column's name, its length and its bytes), which is then hashed once with XXH3-128: one
/// pass over a row's bytes, not a hash step per field.
pub(super) fn fingerprint(
    layout: &FileLayout,
    record: &csv::ByteRecord,
    scratch: &mut Vec<u8>,
) -> [u64; 2] {
    scratch.clear();
    for &(name, field) in &layout.print_fields {
        let bytes = record.get(field).unwrap_or(b"").trim_ascii();
        // Trimmed as text when it may begin or end with a non-ASCII space (U+00A0, ...).
        let value = if bytes.first().is_some_and(|b| !b.is_ascii())
            || bytes.last().is_some_and(|b| !b.is_ascii())
        {
            text(record, field).as_bytes()
        } else {
            bytes
        };
        if !value.is_empty() {
            scratch.extend_from_slice(&name.to_le_bytes());
            scratch.extend_from_slice(&(value.len() as u64).to_le_bytes());
            scratch.extend_from_slice(value);
        }
    }
    let hash = xxhash_rust::xxh3::xxh3_128(scratch);
    [hash as u64, (hash >> 64) as u64]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, CalendarKind};
    use crate::columns::ColumnMap;
    use crate::ingest::IngestOptions;
    use crate::ingest::rows::RowSink;
    use crate::policy::Policy;

    /// The fingerprint of `row` in an export headed `header` (comma-separated).
    fn print(header: &str, row: &[&str]) -> [u64; 2] {
        let headers: Vec<String> = header.split(',').map(str::to_string).collect();
        let columns = ColumnMap::default();
        let policy = Policy::amex_no();
        let calendar = Calendar::new(CalendarKind::NoBank);
        let markets = crate::market::Markets::home(crate::market::Counted::home(
            calendar.clone(),
            policy.time_zone,
            policy.limits(),
            None,
        ));
        let options = IngestOptions {
            columns: &columns,
            policy: &policy,
            calendar: &calendar,
            markets: &markets,
            keep_text: None,
            progress: false,
            split_from: u64::MAX,
            date_order: None,
            sheet: None,
            today: None,
        };
        let mut sink = RowSink::new(&options);
        let resolved = columns.resolve(&headers).expect("the test headers resolve");
        let layout = sink.layout(0, "export.csv", &headers, resolved);
        fingerprint(
            &layout,
            &csv::ByteRecord::from(row.to_vec()),
            &mut Vec::new(),
        )
    }

    #[test]
    fn the_same_case_from_two_layouts_has_one_fingerprint() {
        let a = print(
            "case_id,received_at,resolved_at,Region",
            &["KL-1", "2025-03-03", "2025-03-05", "Vest"],
        );
        // Other column order, other names for the same columns, spaces, an empty column.
        let b = print(
            "Region,Saksnummer,Notat,Mottatt,Løst",
            &["Vest", " KL-1 ", "", "2025-03-03", "2025-03-05"],
        );
        assert_eq!(a, b);
        let [lane_a, lane_b] = a;
        assert_ne!(lane_a, lane_b, "two independent lanes");
    }

    #[test]
    fn any_difference_in_content_or_column_changes_it() {
        let header = "case_id,received_at,resolved_at,Region";
        let base = print(header, &["KL-1", "2025-03-03", "2025-03-05", "Vest"]);
        for other in [
            print(header, &["KL-1", "2025-03-03", "2025-03-06", "Vest"]),
            print(header, &["KL-1", "2025-03-03", "", "Vest"]),
            print(header, &["KL-1", "2025-03-03", "2025-03-05", "Vest\0"]),
            print(header, &["KL-1", "2025-03-03", "2025-03-05", "vest"]),
            // The same value under another column.
            print(
                "case_id,received_at,resolved_at,Område",
                &["KL-1", "2025-03-03", "2025-03-05", "Vest"],
            ),
            print(
                "case_id,received_at,holding_reply_at,Region",
                &["KL-1", "2025-03-03", "2025-03-05", "Vest"],
            ),
        ] {
            assert_ne!(base, other);
        }
        // Field boundaries count: "ab" + "c" is not "a" + "bc".
        let header = "case_id,received_at,A,B";
        assert_ne!(
            print(header, &["KL-1", "2025-03-03", "ab", "c"]),
            print(header, &["KL-1", "2025-03-03", "a", "bc"])
        );
    }
}
