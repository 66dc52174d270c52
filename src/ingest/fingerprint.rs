//! Row fingerprints for the duplicate check.

use std::hash::Hasher;

use super::rows::FileLayout;

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
            super::rows::text(record, field).as_bytes()
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

/// A fast 128-bit hash for row fingerprints: two 64-bit multiply-xorshift lanes with
/// different constants over 8-byte words. Not for adversaries (the duplicate check compares
/// content a bank exported, not input crafted to collide), and stable across runs.
#[derive(Default)]
pub(super) struct Mix128 {
    a: u64,
    b: u64,
    len: u64,
}

impl Mix128 {
    const KA: u64 = 0x9E37_79B9_7F4A_7C15;
    const KB: u64 = 0xC2B2_AE3D_27D4_EB4F;

    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w).wrapping_mul(Self::KA).rotate_left(29);
        self.b = (self.b ^ w.rotate_left(17))
            .wrapping_mul(Self::KB)
            .rotate_left(31);
    }

    pub(super) fn finish128(&self) -> [u64; 2] {
        let avalanche = |mut z: u64| {
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        [
            avalanche(self.a ^ self.len),
            avalanche(self.b.wrapping_add(self.len)),
        ]
    }
}

impl Hasher for Mix128 {
    fn write(&mut self, bytes: &[u8]) {
        self.len = self.len.wrapping_add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.word(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            // The length in the top byte keeps "a" + "" apart from "a\0".
            last[7] ^= rest.len() as u8 ^ 0x80;
            self.word(u64::from_le_bytes(last));
        }
    }

    fn finish(&self) -> u64 {
        self.finish128()[0]
    }
}

/// The hash of a column name, as fingerprints mix it in.
pub(super) fn name_hash(name: &str) -> u64 {
    let mut h = Mix128::default();
    h.write(name.as_bytes());
    h.finish()
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
        let options = IngestOptions {
            columns: &columns,
            policy: &policy,
            calendar: &calendar,
            keep_text: None,
            progress: false,
            date_order: None,
            sheet: None,
            today: None,
        };
        let mut sink = RowSink::new(&options);
        let resolved = columns.resolve(&headers).expect("the test headers resolve");
        let layout = FileLayout::new(0, "export.csv", &headers, resolved, &mut sink);
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
