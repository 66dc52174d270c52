//! One file's record layout: which field of a record holds which column, and a field's text.
//! The first step of reading a row; the fingerprint, the settling of duplicates and the
//! row sink come after it and build on it.

use super::hash::name_hash;
use crate::columns::{Canonical, Resolved};
use crate::date_input::DateOrder;

/// How one file's fields map to the sink's columns.
pub(super) struct FileLayout {
    pub(super) file_index: u32,
    pub(super) name: String,
    pub(super) header_len: usize,
    /// The separator a ragged row's fields are shown joined with, as in the file.
    pub(super) separator: char,
    /// The field index of each canonical column present, by `Canonical as usize`.
    pub(super) fields: [Option<usize>; Canonical::ALL.len()],
    /// For each carried field of this file: (sink carried column, field index).
    pub(super) carried: Vec<(usize, usize)>,
    /// The fields the duplicate fingerprint covers, with a hash of their column's name: the
    /// canonical columns in their order, then the carried ones by header name.
    pub(super) print_fields: Vec<(u64, usize)>,
    /// The order of day and month in this file's year-last slash dates, when it has any.
    pub(super) date_order: Option<DateOrder>,
}

/// The date columns a file has: (column, field index, header as in the file).
pub(super) fn date_fields(
    resolved: &Resolved,
    headers: &[String],
) -> Vec<(Canonical, usize, String)> {
    super::date_order::DATE_COLUMNS
        .iter()
        .filter_map(|c| resolved.index.get(c).map(|&i| (*c, i, headers[i].clone())))
        .collect()
}

impl FileLayout {
    /// The layout of a file headed `headers`; `carried_column` gives the sink column of a
    /// carried header (creating it when new).
    pub(super) fn new(
        file_index: u32,
        name: &str,
        headers: &[String],
        resolved: &Resolved,
        mut carried_column: impl FnMut(&str) -> usize,
    ) -> Self {
        let mut carried = Vec::new();
        let mut carried_sorted: Vec<(String, usize)> = Vec::new();
        // The carried headers so far, without case.
        let mut taken = std::collections::HashSet::new();
        for &field in &resolved.carried {
            let mut header = if headers[field].is_empty() {
                format!("column_{}", field + 1)
            } else {
                headers[field].clone()
            };
            // Two columns of one file under one header (`Kommentar`, `Kommentar`) are two
            // columns: the second is carried as `Kommentar_2`.
            let base = header.clone();
            let mut n = 1;
            while taken.contains(&header.to_lowercase()) {
                n += 1;
                header = format!("{base}_{n}");
            }
            taken.insert(header.to_lowercase());
            carried.push((carried_column(&header), field));
            carried_sorted.push((header, field));
        }
        carried_sorted.sort();
        let print_fields = Canonical::ALL
            .iter()
            .filter_map(|&c| resolved.index.get(&c).map(|&i| (name_hash(c.name()), i)))
            .chain(carried_sorted.iter().map(|(h, i)| (name_hash(h), *i)))
            .collect();
        let mut fields = [None; Canonical::ALL.len()];
        for (&column, &field) in &resolved.index {
            fields[column as usize] = Some(field);
        }
        FileLayout {
            fields,
            file_index,
            name: name.to_string(),
            separator: ',',
            date_order: None,
            header_len: headers.len(),
            carried,
            print_fields,
        }
    }

    pub(super) fn field<'r>(
        &self,
        record: &'r csv::ByteRecord,
        column: Canonical,
    ) -> Option<&'r str> {
        self.fields[column as usize].map(|i| text(record, i))
    }
}

/// A record's field as text, trimmed ("" when it has no such field). The bytes are checked as
/// UTF-8 here, only for the fields read: a streamed CSV input was checked whole before it was
/// parsed, so a field that is not (the file changed since) reads as U+FFFD and is rejected
/// as the value it is.
pub(super) fn text(record: &csv::ByteRecord, field: usize) -> &str {
    trim(simdutf8::basic::from_utf8(record.get(field).unwrap_or(b"")).unwrap_or("\u{fffd}"))
}

/// `value` without leading and trailing whitespace, as `str::trim` has it; ASCII spaces are
/// trimmed byte by byte, and only a value that then begins or ends with another byte (U+00A0,
/// a vertical tab) is trimmed as characters.
fn trim(value: &str) -> &str {
    let trimmed = value.trim_ascii();
    let plain = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii() && *b != 0x0b);
    if plain(trimmed.as_bytes().first()) && plain(trimmed.as_bytes().last()) {
        trimmed
    } else {
        value.trim()
    }
}
