//! The reader between an input and the CSV parser: it counts the bytes as they pass and keeps
//! those not yet counted for line numbers, so a file is streamed and never held whole. The
//! SHA-256 is computed in the first pass over a file (`source`); a file whose length or
//! digests then differ after the records are read is refused as changed.

use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

use xxhash_rust::xxh3::Xxh3;

/// Line numbers from byte offsets. The csv crate's own line count is one short after a CRLF
/// line end, so lines are counted here: the newlines before the record's first byte, plus one.
#[derive(Debug)]
pub struct LineWindow {
    /// Bytes read and not yet dropped, from offset `start`; newlines are counted up to index
    /// `counted`.
    bytes: Vec<u8>,
    start: u64,
    counted: usize,
    line: u64,
}

/// Counted bytes are dropped from the window once this many have gathered.
const DROP_AFTER: usize = 1 << 16;

impl LineWindow {
    pub fn new() -> Self {
        LineWindow {
            bytes: Vec::new(),
            start: 0,
            counted: 0,
            line: 1,
        }
    }

    /// A window over text that starts at offset `start`, on line `line`: the second half of
    /// a file read in two ([`super::halves`]).
    pub fn starting_at(start: u64, line: u64) -> Self {
        LineWindow {
            bytes: Vec::new(),
            start,
            counted: 0,
            line,
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// Where the record reported to start at `byte` starts: past the line ends before it (a
    /// record reported to start on the `\n` of a CRLF, or before blank lines the parser
    /// skips, starts after them), as far as the window has read.
    pub fn record_start(&self, byte: u64) -> u64 {
        self.start + self.index_of(byte) as u64
    }

    fn index_of(&self, byte: u64) -> usize {
        let index = byte.saturating_sub(self.start) as usize;
        let mut index = index.clamp(self.counted, self.bytes.len());
        while index < self.bytes.len() && matches!(self.bytes[index], b'\r' | b'\n') {
            index += 1;
        }
        index
    }

    /// The line of the record starting at `byte` (offsets only grow).
    pub fn line_at(&mut self, byte: u64) -> u64 {
        let index = self.index_of(byte);
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.counted..index]).count() as u64;
        self.counted = index;
        if self.counted >= DROP_AFTER {
            self.bytes.drain(..self.counted);
            self.start += self.counted as u64;
            self.counted = 0;
        }
        self.line
    }
}

impl Default for LineWindow {
    fn default() -> Self {
        Self::new()
    }
}

/// Shared by the [`Feed`] (inside the CSV reader) and the code asking for line numbers.
pub type SharedWindow = Arc<Mutex<LineWindow>>;

pub fn line_at(window: &SharedWindow, byte: u64) -> u64 {
    window
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .line_at(byte)
}

/// Reads from `inner`, counting and windowing every byte, and digesting (XXH3-128) the bytes
/// before `boundary` and those after it apart: the first pass over a file digests its two
/// halves alike ([`Digests`]), so that a file whose bytes changed between the passes is
/// found out even when its length and modification time did not change.
pub struct Feed<R> {
    inner: R,
    bytes: u64,
    window: SharedWindow,
    boundary: u64,
    digests: [Xxh3; 2],
}

/// The XXH3-128 of a text's bytes before a boundary and after it.
pub type Digests = [u128; 2];

impl<R: Read> Feed<R> {
    /// A feed whose bytes from offset `boundary` on are digested apart from those before.
    pub fn new(inner: R, window: SharedWindow, boundary: u64) -> Self {
        Feed {
            inner,
            bytes: 0,
            window,
            boundary,
            digests: [Xxh3::new(), Xxh3::new()],
        }
    }

    /// The bytes read, and their digests.
    pub fn finish(self) -> (u64, Digests) {
        (self.bytes, self.digests.map(|d| d.digest128()))
    }
}

/// Digests `bytes`, which start at offset `at`, into `digests`: those before `boundary` into
/// the first, the rest into the second.
pub fn digest_apart(digests: &mut [Xxh3; 2], at: u64, boundary: u64, bytes: &[u8]) {
    let before = (boundary.saturating_sub(at) as usize).min(bytes.len());
    digests[0].update(&bytes[..before]);
    digests[1].update(&bytes[before..]);
}

impl<R: Read> Read for Feed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        digest_apart(&mut self.digests, self.bytes, self.boundary, read);
        self.bytes += n as u64;
        self.window
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(read);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_for_any_line_end() {
        for text in ["h\na\nb\n", "h\r\na\r\nb\r\n", "h\r\n\"a\r\nb\"\r\nc\r\n"] {
            let window = SharedWindow::default();
            let feed = Feed::new(text.as_bytes(), window.clone(), u64::MAX);
            let mut reader = csv::ReaderBuilder::new().from_reader(feed);
            let found: Vec<u64> = reader
                .records()
                .map(|r| line_at(&window, r.unwrap().position().unwrap().byte()))
                .collect();
            let expected = if text.contains('"') {
                vec![2, 4]
            } else {
                vec![2, 3]
            };
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn long_inputs_are_counted_through_a_small_window() {
        // More than the window keeps, read in the csv crate's small blocks.
        let mut text = String::from("h\n");
        for i in 0..50_000 {
            text.push_str(&format!("{i}\r\n"));
            if i % 1000 == 0 {
                text.push('\n'); // a blank line the parser skips
            }
        }
        let window = SharedWindow::default();
        let bytes = {
            let feed = Feed::new(text.as_bytes(), window.clone(), u64::MAX);
            let mut reader = csv::ReaderBuilder::new().from_reader(feed);
            let mut expected_line = 2;
            for (i, record) in reader.records().enumerate() {
                let record = record.unwrap();
                let line = line_at(&window, record.position().unwrap().byte());
                assert_eq!(line, expected_line, "record {i}");
                expected_line += if i % 1000 == 0 { 2 } else { 1 };
                assert!(window.lock().unwrap().bytes.len() < DROP_AFTER + (1 << 16));
            }
            reader.into_inner().finish().0
        };
        assert_eq!(bytes, text.len() as u64);
    }
}
