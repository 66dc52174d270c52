//! A large CSV file read in two halves, one on each core, each split into records and
//! validated where it is; the second half's rows then follow the first's, so the result is
//! what reading the file in one go gives, byte for byte.
//!
//! Where the second half starts is chosen in the first pass over the file ([`SplitFinder`]):
//! the first line end past the middle that has an even number of quote characters before
//! it, so that in a file quoted as RFC 4180 has it, it is outside any quoted field. A file that
//! quotes otherwise (a quote inside an unquoted field) can fool that count, so the first half
//! checks it: it must arrive at a record that starts exactly where the second half starts.
//! When it does not, the first half reads on to the end of the file and the second half's
//! work is thrown away: slower, never different.

use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;

use super::IngestOptions;
use super::fingerprint::fingerprint;
use super::reader::{Digests, Feed};
use super::record::FileLayout;
use super::rows::RowSink;
use super::splitter::{Records, Start};

/// Files smaller than this are read in one go: a second thread would not pay for itself.
pub const SPLIT_FROM: u64 = 8 << 20;

/// Where a file's second half starts: `at`, a byte offset after the byte-order mark (the
/// start of a line), and the number of that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub at: u64,
    pub line: u64,
}

/// Looks, in the blocks of a file as they pass, for the first line end past `middle` with an
/// even number of quote characters before it, and not followed by the byte 0xEF: a reader
/// that starts at a byte-order mark drops it, where the first half would keep it in the case
/// id (two exports joined with `cat`), so such a line is passed over.
#[derive(Debug)]
pub struct SplitFinder {
    middle: u64,
    quotes: u64,
    newlines: u64,
    /// A line end at the very end of the last block, whose next byte is still to be seen.
    pending: Option<Split>,
    found: Option<Split>,
}

impl SplitFinder {
    /// A finder for text of `len` bytes; `None` when it is smaller than `split_from`.
    pub fn new(len: u64, split_from: u64) -> Option<Self> {
        (len >= split_from).then_some(SplitFinder {
            middle: len / 2,
            quotes: 0,
            newlines: 0,
            pending: None,
            found: None,
        })
    }

    /// Sees `block`, which starts at byte `offset` of the text.
    pub fn feed(&mut self, offset: u64, block: &[u8]) {
        if let Some(split) = self.pending.take() {
            match block.first() {
                Some(&b) if b != 0xEF => self.found = Some(split),
                _ => {}
            }
        }
        if self.found.is_some() {
            return;
        }
        let before = (self.middle.saturating_sub(offset) as usize).min(block.len());
        let (head, tail) = block.split_at(before);
        self.quotes += memchr::memchr_iter(b'"', head).count() as u64;
        self.newlines += memchr::memchr_iter(b'\n', head).count() as u64;
        for at in memchr::memchr2_iter(b'"', b'\n', tail) {
            if tail[at] == b'"' {
                self.quotes += 1;
                continue;
            }
            self.newlines += 1;
            if !self.quotes.is_multiple_of(2) {
                continue;
            }
            let split = Split {
                at: offset + (before + at) as u64 + 1,
                line: self.newlines + 1,
            };
            match tail.get(at + 1) {
                Some(0xEF) => {}
                Some(_) => {
                    self.found = Some(split);
                    return;
                }
                None => {
                    self.pending = Some(split);
                    return;
                }
            }
        }
    }

    pub fn found(&self) -> Option<Split> {
        self.found
    }
}

/// The second half of a file: its records (read from the split on), and where it starts.
pub(super) struct SecondHalf<R> {
    pub(super) records: Records<Feed<R>>,
    pub(super) split: Split,
}

/// Reads a file in two halves, on two cores, into `sink`: (rows read, (bytes read after the
/// byte-order mark, the digests of the bytes before the split and after it)). `first` is the
/// file's records after its header line. `progress` is told the bytes read so far.
pub(super) fn read_in_two<R: std::io::Read + Send, S: std::io::Read + Send>(
    first: Records<Feed<R>>,
    second: SecondHalf<S>,
    layout: &FileLayout,
    options: &IngestOptions,
    sink: &mut RowSink,
    mut progress: impl FnMut(u64),
) -> Result<(u64, (u64, Digests))> {
    let mut later = sink.fork();
    let second_read = &AtomicU64::new(0);
    let at = second.split.at;
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let read = read_records(second.records, layout, options, &mut later, |b| {
                second_read.store(b - at, Ordering::Relaxed)
            });
            (read, later)
        });
        let first = read_first(first, at, layout, options, sink, |b| {
            progress(b + second_read.load(Ordering::Relaxed))
        });
        let (second, later) = reading
            .join()
            .map_err(|_| anyhow::anyhow!("reading the second half of the file failed"))?;
        match first? {
            // The first half read the whole file: the split was inside a record.
            Whole(rows, read) => Ok((rows, read)),
            Reached(rows, [before, _]) => {
                let (more, (bytes, [_, after])) = second?;
                sink.absorb(later);
                Ok((rows + more, (at + bytes, [before, after])))
            }
        }
    })
}

/// How the first half ended.
enum FirstEnd {
    /// At a record starting where the second half starts, with the rows before it (and the
    /// digests of what it read).
    Reached(u64, Digests),
    /// At the end of the file, having read every row (and byte) itself.
    Whole(u64, (u64, Digests)),
}
use FirstEnd::{Reached, Whole};

fn read_first<R: std::io::Read>(
    mut records: Records<Feed<R>>,
    at: u64,
    layout: &FileLayout,
    options: &IngestOptions,
    sink: &mut RowSink,
    mut progress: impl FnMut(u64),
) -> Result<FirstEnd> {
    let mut record = csv::ByteRecord::new();
    let mut scratch = Vec::new();
    let mut rows = 0u64;
    // Until a record starts at or past the split.
    let mut before_split = true;
    loop {
        // Where the record before ended: the second half starts at the split, past the line
        // ends there, which is where the next record starts if none runs across the split.
        let ended = records.position();
        let Some(start) = next_record(&mut records, &mut record)? else {
            return Ok(Whole(rows, records.into_inner().finish()));
        };
        if before_split && start.byte >= at {
            if ended <= at {
                return Ok(Reached(rows, records.into_inner().finish().1));
            }
            before_split = false;
        }
        let print = fingerprint(layout, &record, &mut scratch);
        sink.push(layout, &record, start.line, print, options);
        rows += 1;
        if rows.is_multiple_of(4096) {
            progress(start.byte);
        }
    }
}

/// Reads the records of the second half into `sink`: (rows read, (bytes read, digests)).
fn read_records<R: std::io::Read>(
    mut records: Records<Feed<R>>,
    layout: &FileLayout,
    options: &IngestOptions,
    sink: &mut RowSink,
    progress: impl Fn(u64),
) -> Result<(u64, (u64, Digests))> {
    let mut record = csv::ByteRecord::new();
    let mut scratch = Vec::new();
    let mut rows = 0u64;
    while let Some(start) = next_record(&mut records, &mut record)? {
        let print = fingerprint(layout, &record, &mut scratch);
        sink.push(layout, &record, start.line, print, options);
        rows += 1;
        if rows.is_multiple_of(4096) {
            progress(start.byte);
        }
    }
    Ok((rows, records.into_inner().finish()))
}

/// The next record, `None` at the end; an error names the line it was read on.
fn next_record<R: std::io::Read>(
    records: &mut Records<R>,
    record: &mut csv::ByteRecord,
) -> Result<Option<Start>> {
    records.next(record).map_err(|e| {
        let line = records.line();
        anyhow::anyhow!("line {line}: not valid CSV: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The split of `text` when fed in blocks of `block` bytes.
    fn split(text: &str, block: usize) -> Option<Split> {
        let mut finder = SplitFinder::new(text.len() as u64, 0)?;
        for (i, chunk) in text.as_bytes().chunks(block).enumerate() {
            finder.feed((i * block) as u64, chunk);
        }
        finder.found()
    }

    #[test]
    fn the_split_is_a_line_start_outside_quotes() {
        let text = "h1,h2\na,b\nc,\"d\ne\nf\"\ng,h\ni,j\n";
        for block in [1, 2, 3, 7, 64] {
            let found = split(text, block).expect("a split");
            // The middle (15) is inside the quoted field "d\ne\nf": the split is after it.
            assert_eq!(&text[found.at as usize..], "g,h\ni,j\n", "block {block}");
            assert_eq!(found.line, 6, "block {block}");
        }
        assert_eq!(split("ab\ncdefgh", 4), None, "no line end past the middle");
        // Not at a byte-order mark; not at the end of the text (no second half).
        let bom = "h\na\nbbbb\n\u{feff}c\nd\n";
        for block in [1, 2, 5, 64] {
            let found = split(bom, block).expect("a split");
            assert_eq!(&bom[found.at as usize..], "d\n", "block {block}");
            assert_eq!(found.line, 5);
        }
        assert_eq!(split("h\nabcdef\n", 3), None);
        assert!(SplitFinder::new(10, 11).is_none(), "too small");
    }
}
