//! A text column built row by row, that can take another one's rows after its own without
//! copying them: the second half of a file read in two ([`super::halves`]) is put after the
//! first half's as finished chunks.
//!
//! A column of few distinct values (a product, a channel, a stage) is kept as a dictionary
//! while it is read: its distinct values, in the order they first appear, and a 4-byte code a
//! row. Ten million rows of such columns then take 40 MB each, not the 160 to 360 MB their
//! text would, and the finished column is the dictionary taken by the codes: every row points
//! into one small buffer of the values, which the report's later passes read in date order,
//! not input order, without waiting on memory. A column that reaches more distinct values than
//! [`MOST_DISTINCT`] is turned into plain text, and is plain from then on.

use polars::prelude::*;

/// A dictionary column holds at most this many distinct values.
pub(super) const MOST_DISTINCT: usize = 4096;

/// The code of a row without a value.
const NULL: IdxSize = IdxSize::MAX;

pub(super) struct TextBuilder {
    name: PlSmallStr,
    /// Chunks finished so far, in row order; then the rows of `current`.
    done: Vec<StringChunked>,
    current: StringChunkedBuilder,
    /// Whether the column starts as a dictionary.
    few: bool,
    /// While the column is a dictionary, its values and codes (and `done` and `current` are
    /// empty).
    dictionary: Option<Dictionary>,
}

#[derive(Default)]
struct Dictionary {
    index: PlHashMap<Box<str>, IdxSize>,
    values: Vec<Box<str>>,
    codes: Vec<IdxSize>,
}

impl Dictionary {
    /// The code of `value`, given it if new; `None` when it would be one value too many.
    fn code(&mut self, value: &str) -> Option<IdxSize> {
        if let Some(&code) = self.index.get(value) {
            return Some(code);
        }
        if self.values.len() == MOST_DISTINCT {
            return None;
        }
        let code = self.values.len() as IdxSize;
        self.values.push(value.into());
        self.index.insert(value.into(), code);
        Some(code)
    }

    fn value(&self, code: IdxSize) -> Option<&str> {
        (code != NULL).then(|| &*self.values[code as usize])
    }
}

impl TextBuilder {
    /// A column of text (a case id, which every row has its own of).
    pub(super) fn new(name: &str, capacity: usize) -> Self {
        TextBuilder {
            name: name.into(),
            done: Vec::new(),
            current: StringChunkedBuilder::new(name.into(), capacity),
            few: false,
            dictionary: None,
        }
    }

    /// A column that may have few distinct values: kept as a dictionary while it has.
    pub(super) fn few_distinct(name: &str) -> Self {
        TextBuilder {
            few: true,
            dictionary: Some(Dictionary::default()),
            ..TextBuilder::new(name, 0)
        }
    }

    /// An empty column of the same name and kind.
    pub(super) fn empty_like(&self) -> Self {
        if self.few {
            TextBuilder::few_distinct(&self.name)
        } else {
            TextBuilder::new(&self.name, 0)
        }
    }

    /// Room for `rows` more codes, while the column is a dictionary.
    pub(super) fn reserve_codes(&mut self, rows: usize) {
        if let Some(dictionary) = &mut self.dictionary {
            dictionary.codes.reserve(rows);
        }
    }

    pub(super) fn append_value(&mut self, value: &str) {
        if let Some(dictionary) = &mut self.dictionary {
            if let Some(code) = dictionary.code(value) {
                dictionary.codes.push(code);
                return;
            }
            self.make_plain();
        }
        self.current.append_value(value);
    }

    pub(super) fn append_option(&mut self, value: Option<&str>) {
        match value {
            Some(value) => self.append_value(value),
            None => self.append_null(),
        }
    }

    pub(super) fn append_null(&mut self) {
        match &mut self.dictionary {
            Some(dictionary) => dictionary.codes.push(NULL),
            None => self.current.append_null(),
        }
    }

    /// Turns a dictionary column into plain text, its rows written out.
    fn make_plain(&mut self) {
        if let Some(dictionary) = self.dictionary.take() {
            let mut current = StringChunkedBuilder::new(self.name.clone(), dictionary.codes.len());
            for &code in &dictionary.codes {
                current.append_option(dictionary.value(code));
            }
            self.current = current;
        }
    }

    /// Takes the rows of `later` after this column's.
    pub(super) fn absorb(&mut self, mut later: TextBuilder) {
        if let (Some(dictionary), Some(more)) = (&mut self.dictionary, &later.dictionary) {
            let codes: Option<Vec<IdxSize>> = more
                .values
                .iter()
                .map(|value| dictionary.code(value))
                .collect();
            if let Some(codes) = codes {
                dictionary.codes.extend(
                    more.codes
                        .iter()
                        .map(|&c| if c == NULL { NULL } else { codes[c as usize] }),
                );
                return;
            }
            // Together they have too many values: the new ones taken are never used.
        }
        self.make_plain();
        later.make_plain();
        let current = std::mem::replace(
            &mut self.current,
            StringChunkedBuilder::new(self.name.clone(), 0),
        );
        self.done.push(current.finish());
        self.done.extend(later.done);
        self.done.push(later.current.finish());
    }

    /// The column, in one chunk: a dictionary column as its values taken by its codes.
    pub(super) fn finish(self) -> StringChunked {
        if let Some(dictionary) = self.dictionary {
            let values = dictionary.values.iter().map(|v| &**v);
            let distinct = StringChunked::from_iter_values(self.name, values);
            let codes = dictionary.codes.iter().map(|&c| (c != NULL).then_some(c));
            return distinct
                .take(&IdxCa::from_iter(codes))
                .expect("every code is a value's");
        }
        let mut column = self.current.finish();
        if self.done.is_empty() {
            return column;
        }
        let mut done = self.done.into_iter();
        let mut whole = done.next().expect("not empty");
        for chunk in done {
            whole.append_owned(chunk).expect("text columns of one name");
        }
        whole
            .append_owned(column)
            .expect("text columns of one name");
        column = whole.rechunk().into_owned();
        column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(column: &StringChunked) -> Vec<Option<String>> {
        column.iter().map(|v| v.map(str::to_string)).collect()
    }

    /// A column of `rows` built from `value(i)`, whole and as two halves put together.
    fn built(rows: usize, split: usize, value: impl Fn(usize) -> Option<String>) {
        let append = |b: &mut TextBuilder, range: std::ops::Range<usize>| {
            for i in range {
                b.append_option(value(i).as_deref());
            }
        };
        let mut whole = TextBuilder::few_distinct("x");
        append(&mut whole, 0..rows);
        let mut first = TextBuilder::few_distinct("x");
        let mut second = first.empty_like();
        append(&mut first, 0..split);
        append(&mut second, split..rows);
        first.absorb(second);
        let expected: Vec<Option<String>> = (0..rows).map(&value).collect();
        for column in [whole.finish(), first.finish()] {
            assert_eq!(column.name().as_str(), "x");
            assert_eq!(values(&column), expected, "{rows} rows split at {split}");
        }
    }

    #[test]
    fn dictionary_and_plain_columns_hold_the_same_rows() {
        let few = |i: usize| (i % 7 != 3).then(|| format!("product {}", i % 5));
        let many = |i: usize| (!i.is_multiple_of(11)).then(|| format!("case {i}"));
        // More distinct values than a dictionary holds in the first half, in the second
        // half only, in the two together only, and never.
        let tipping = |i: usize| Some(format!("v{}", i % (MOST_DISTINCT + 1)));
        for (rows, split) in [(0, 0), (10, 0), (10, 10), (100, 37)] {
            built(rows, split, few);
            built(rows, split, many);
        }
        built(3 * MOST_DISTINCT, 2 * MOST_DISTINCT, many);
        built(2 * MOST_DISTINCT, 10, many);
        built(MOST_DISTINCT + 1, MOST_DISTINCT / 2, tipping);
        built(MOST_DISTINCT + 1, MOST_DISTINCT + 1, tipping);
        built(MOST_DISTINCT + 1, 0, tipping);
        built(MOST_DISTINCT, MOST_DISTINCT / 2, tipping);
    }

    #[test]
    fn a_dictionary_column_points_into_one_small_buffer() {
        let mut column = TextBuilder::few_distinct("product");
        for i in 0..10_000 {
            column
                .append_value(["a charge card of some length", "a travel card, also long"][i % 2]);
        }
        let column = column.finish();
        assert_eq!(column.len(), 10_000);
        // The text of two values, not of ten thousand rows.
        let buffers: usize = column
            .downcast_iter()
            .flat_map(|a| a.data_buffers().iter())
            .map(|b| b.len())
            .sum();
        assert!(buffers < 1_000, "{buffers} bytes of text");
    }
}
