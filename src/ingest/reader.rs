//! The reader between an input and the CSV parser: it hashes the bytes as they pass (so the
//! SHA-256 in the report is that of exactly the bytes parsed), counts them, and keeps the
//! bytes not yet counted for line numbers, so a file is streamed and never held whole.

use std::io::Read;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::ScopedJoinHandle;

use sha2::{Digest, Sha256};

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

    fn extend(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// The line of the record starting at `byte` (offsets only grow).
    pub fn line_at(&mut self, byte: u64) -> u64 {
        let index = byte.saturating_sub(self.start) as usize;
        let mut index = index.clamp(self.counted, self.bytes.len());
        // A record reported to start on the `\n` of a CRLF starts after it.
        while index < self.bytes.len() && matches!(self.bytes[index], b'\r' | b'\n') {
            index += 1;
        }
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

/// Where a [`Feed`] sends the bytes it reads to be hashed.
pub type HashSender = SyncSender<Vec<u8>>;

/// Starts a thread that hashes the blocks sent to it with `hasher` (which has seen whatever
/// came before, such as a byte-order mark), and returns the SHA-256 in lowercase hex when the
/// sender is dropped.
pub fn spawn_hasher<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut hasher: Sha256,
) -> (HashSender, ScopedJoinHandle<'scope, String>) {
    let (tx, rx) = sync_channel::<Vec<u8>>(64);
    let handle = scope.spawn(move || {
        for block in rx {
            hasher.update(&block);
        }
        super::source::finish_hex(hasher)
    });
    (tx, handle)
}

/// Reads from `inner`, counting and windowing every byte, and sending it to be hashed when
/// asked.
pub struct Feed<R> {
    inner: R,
    hash: Option<HashSender>,
    bytes: u64,
    window: SharedWindow,
}

impl<R: Read> Feed<R> {
    pub fn new(inner: R, hash: Option<HashSender>, window: SharedWindow) -> Self {
        Feed {
            inner,
            hash,
            bytes: 0,
            window,
        }
    }

    /// The bytes read (closing the hashing channel).
    pub fn finish(self) -> u64 {
        self.bytes
    }
}

impl<R: Read> Read for Feed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        if let Some(hash) = &self.hash
            && n > 0
            && hash.send(read.to_vec()).is_err()
        {
            return Err(std::io::Error::other("the hashing thread stopped"));
        }
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
            let feed = Feed::new(text.as_bytes(), None, window.clone());
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
        let (bytes, sha) = std::thread::scope(|scope| {
            let (tx, hasher) = spawn_hasher(scope, Sha256::new());
            let feed = Feed::new(text.as_bytes(), Some(tx), window.clone());
            let mut reader = csv::ReaderBuilder::new().from_reader(feed);
            let mut expected_line = 2;
            for (i, record) in reader.records().enumerate() {
                let record = record.unwrap();
                let line = line_at(&window, record.position().unwrap().byte());
                assert_eq!(line, expected_line, "record {i}");
                expected_line += if i % 1000 == 0 { 2 } else { 1 };
                assert!(window.lock().unwrap().bytes.len() < DROP_AFTER + (1 << 16));
            }
            let bytes = reader.into_inner().finish();
            (bytes, hasher.join().unwrap())
        });
        assert_eq!(bytes, text.len() as u64);
        assert_eq!(sha, super::super::source::sha256_hex(text.as_bytes()));
    }
}
