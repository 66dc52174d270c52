//! A text column built row by row, that can take another one's rows after its own without
//! copying them: the second half of a file read in two ([`super::halves`]) is put after the
//! first half's as finished chunks.

use polars::prelude::*;

pub(super) struct TextBuilder {
    name: PlSmallStr,
    /// Chunks finished so far, in row order; then the rows of `current`.
    done: Vec<StringChunked>,
    current: StringChunkedBuilder,
}

impl TextBuilder {
    pub(super) fn new(name: &str, capacity: usize) -> Self {
        TextBuilder {
            name: name.into(),
            done: Vec::new(),
            current: StringChunkedBuilder::new(name.into(), capacity),
        }
    }

    /// An empty column of the same name.
    pub(super) fn empty_like(&self) -> Self {
        TextBuilder::new(&self.name, 0)
    }

    pub(super) fn append_value(&mut self, value: &str) {
        self.current.append_value(value);
    }

    pub(super) fn append_option(&mut self, value: Option<&str>) {
        self.current.append_option(value);
    }

    pub(super) fn append_null(&mut self) {
        self.current.append_null();
    }

    /// Takes the rows of `later` after this column's.
    pub(super) fn absorb(&mut self, later: TextBuilder) {
        let current = std::mem::replace(
            &mut self.current,
            StringChunkedBuilder::new(self.name.clone(), 0),
        );
        self.done.push(current.finish());
        self.done.extend(later.done);
        self.done.push(later.current.finish());
    }

    /// The column, in one chunk.
    pub(super) fn finish(self) -> StringChunked {
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
