//! The record splitter: CSV text into records, with where each starts (its byte and line).
//!
//! It splits exactly as the csv crate does (RFC 4180 quoting, `""` inside quotes, a record
//! ending at `\r`, `\n` or `\r\n`, blank lines skipped, a stray quote inside an unquoted field
//! kept as text), but most records take a fast path: the fields are found with SIMD searches
//! for the separator, the quote and the line ends, and copied once. A record the fast path
//! does not know how to read (an escaped `""`, text after a closing quote, the end of the
//! input) is read by the csv crate's own state machine instead, so the odd cases are split by
//! the code that defines them. A test holds the two to the same records on random text.

use std::io::Read;

use csv::ByteRecord;

/// Where a record starts: its first byte's offset in the text, and its line (1 plus the line
/// ends before that byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub byte: u64,
    pub line: u64,
}

/// What the fast path made of the text at a record's start.
enum Fast {
    /// A record: the bytes it took (its fields and one line-end byte), and the line ends
    /// among them.
    Record(usize, u64),
    /// The text ends before the record does: more is needed.
    More,
    /// A record the fast path leaves to the csv crate.
    Odd,
}

/// Splits the text read from `inner` into records.
pub struct Records<R> {
    inner: R,
    buf: Vec<u8>,
    /// The bytes `buf[pos..end]` are read and not yet split.
    pos: usize,
    end: usize,
    /// The offset in the text of `buf[0]`, and the line `buf[pos]` is on.
    offset: u64,
    line: u64,
    eof: bool,
    delimiter: u8,
    stops: [bool; 256],
    unescaped: Vec<u8>,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// Text is read in blocks of this size (a record longer than that grows the buffer).
const BLOCK: usize = 1 << 18;

impl<R: Read> Records<R> {
    /// A splitter of the text read from `inner`, which starts at `offset` on `line`.
    pub fn new(inner: R, delimiter: u8, offset: u64, line: u64) -> Self {
        Self::with_block(inner, delimiter, offset, line, BLOCK)
    }

    fn with_block(inner: R, delimiter: u8, offset: u64, line: u64, block: usize) -> Self {
        Records {
            inner,
            buf: vec![0; block.max(1)],
            pos: 0,
            end: 0,
            offset,
            line,
            eof: false,
            delimiter,
            stops: stops(delimiter),
            unescaped: Vec::new(),
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    /// The offset in the text of the first byte not yet split.
    pub fn position(&self) -> u64 {
        self.offset + self.pos as u64
    }

    /// The line the first byte not yet split is on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The reader the text comes from.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// The next record into `record`, with where it starts; `None` at the end of the text.
    pub fn next(&mut self, record: &mut ByteRecord) -> std::io::Result<Option<Start>> {
        loop {
            self.skip_line_ends();
            if self.pos == self.end {
                if self.eof {
                    return Ok(None);
                }
                self.fill()?;
                continue;
            }
            let fast = match self.delimiter {
                b'\r' | b'\n' | b'"' => Fast::Odd,
                _ => fast(
                    &self.buf[self.pos..self.end],
                    &self.stops,
                    record,
                    &mut self.unescaped,
                ),
            };
            match fast {
                Fast::Record(len, lines) => return Ok(Some(self.taken(len, lines))),
                Fast::More if !self.eof => self.fill()?,
                Fast::More | Fast::Odd => return self.slow(record),
            }
        }
    }

    /// Skips line ends (and blank lines) at a record's start, counting lines.
    fn skip_line_ends(&mut self) {
        while self.pos < self.end {
            match self.buf[self.pos] {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => return,
            }
            self.pos += 1;
        }
    }

    /// The start of the record at `pos`, which took `len` bytes with `lines` line ends among
    /// them; moves past it.
    fn taken(&mut self, len: usize, lines: u64) -> Start {
        let start = Start {
            byte: self.position(),
            line: self.line,
        };
        self.line += lines;
        self.pos += len;
        start
    }

    /// Reads the record at `pos` with the csv crate's state machine; `None` when it finds
    /// none (only line ends were left).
    fn slow(&mut self, record: &mut ByteRecord) -> std::io::Result<Option<Start>> {
        use csv_core::ReadRecordResult::*;
        self.core.reset();
        let (mut used, mut out, mut ends) = (0, 0, 0);
        let found = loop {
            // At the end of the text the input is empty, which tells the parser so.
            let input = &self.buf[self.pos + used..self.end];
            let (result, nin, nout, nend) =
                self.core
                    .read_record(input, &mut self.out[out..], &mut self.ends[ends..]);
            used += nin;
            out += nout;
            ends += nend;
            match result {
                // `fill` moves the bytes from `pos` on to the buffer's start: `used` counts
                // from there.
                InputEmpty if !self.eof => self.fill()?,
                InputEmpty => {}
                OutputFull => self.out.resize(self.out.len() * 2, 0),
                OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                Record => break true,
                End => break false,
            }
        };
        record.clear();
        let mut from = 0;
        for &to in &self.ends[..ends] {
            record.push_field(&self.out[from..to]);
            from = to;
        }
        let lines = memchr::memchr_iter(b'\n', &self.buf[self.pos..self.pos + used]).count();
        let start = self.taken(used, lines as u64);
        Ok(found.then_some(start))
    }

    /// Reads more text after the bytes not yet split (moved to the buffer's start), growing
    /// the buffer when they fill it; sets `eof` at the end of the text.
    fn fill(&mut self) -> std::io::Result<()> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.offset += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// The record at the start of `text` (which does not start with a line end), read the plain
/// way: unquoted fields up to the next separator or line end, quoted fields up to a closing
/// quote that the separator or a line end follows (`""` inside standing for one quote, the
/// field then copied into `unescaped`). Fields are short: a byte loop finds their ends sooner
/// than a vector search, which costs more to start than most fields are long.
fn fast(
    text: &[u8],
    stops: &[bool; 256],
    record: &mut ByteRecord,
    unescaped: &mut Vec<u8>,
) -> Fast {
    record.clear();
    let mut at = 0;
    let mut lines = 0;
    loop {
        let Some(&first) = text.get(at) else {
            return Fast::More;
        };
        let (field, next): (&[u8], usize) = if first == b'"' {
            let body = at + 1;
            let Some(mut close) = find_quote(text, body) else {
                return Fast::More;
            };
            if text.get(close + 1) == Some(&b'"') {
                unescaped.clear();
                let mut from = body;
                while text.get(close + 1) == Some(&b'"') {
                    unescaped.extend_from_slice(&text[from..=close]);
                    from = close + 2;
                    let Some(next) = find_quote(text, from) else {
                        return Fast::More;
                    };
                    close = next;
                }
                unescaped.extend_from_slice(&text[from..close]);
                lines += count_line_ends(&text[body..close]);
                (&unescaped[..], close + 1)
            } else {
                lines += count_line_ends(&text[body..close]);
                (&text[body..close], close + 1)
            }
        } else {
            let Some(stop) = text[at..].iter().position(|&b| stops[b as usize]) else {
                return Fast::More;
            };
            (&text[at..at + stop], at + stop)
        };
        match text.get(next) {
            None => return Fast::More,
            Some(b'\n') => {
                record.push_field(field);
                return Fast::Record(next + 1, lines + 1);
            }
            Some(b'\r') => {
                record.push_field(field);
                return Fast::Record(next + 1, lines);
            }
            Some(&b) if stops[b as usize] => {
                record.push_field(field);
                at = next + 1;
            }
            // Text after a closing quote.
            Some(_) => return Fast::Odd,
        }
    }
}

/// The first quote in `text` from `from` on.
fn find_quote(text: &[u8], from: usize) -> Option<usize> {
    text[from..]
        .iter()
        .position(|&b| b == b'"')
        .map(|i| from + i)
}

fn count_line_ends(text: &[u8]) -> u64 {
    text.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The bytes that end an unquoted field: the separator and the line ends.
fn stops(delimiter: u8) -> [bool; 256] {
    let mut stops = [false; 256];
    for b in [delimiter, b'\r', b'\n'] {
        stops[b as usize] = true;
    }
    stops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out its text a few bytes at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// The records, and their starts, as the csv crate splits `text`: a record's start is
    /// past the line ends the crate reports it before.
    fn by_csv(text: &[u8], delimiter: u8) -> Vec<(Vec<Vec<u8>>, Start)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text);
        let mut record = ByteRecord::new();
        let mut found = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let mut byte = record.position().unwrap().byte() as usize;
            while matches!(text.get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            let line = 1 + memchr::memchr_iter(b'\n', &text[..byte]).count() as u64;
            let fields = record.iter().map(<[u8]>::to_vec).collect();
            found.push((
                fields,
                Start {
                    byte: byte as u64,
                    line,
                },
            ));
        }
        found
    }

    fn by_splitter(
        text: &[u8],
        delimiter: u8,
        block: usize,
        trickle: usize,
    ) -> Vec<(Vec<Vec<u8>>, Start)> {
        let mut records = Records::with_block(Trickle(text, trickle), delimiter, 0, 1, block);
        let mut record = ByteRecord::new();
        let mut found = Vec::new();
        while let Some(start) = records.next(&mut record).unwrap() {
            found.push((record.iter().map(<[u8]>::to_vec).collect(), start));
        }
        assert_eq!(records.position(), text.len() as u64);
        found
    }

    #[test]
    fn the_same_records_as_the_csv_crate() {
        let cases: &[&[u8]] = &[
            b"a,b\nc,d\n",
            b"a,b\r\nc,d\r\n",
            b"a,b\rc,d",
            b"\n\n\r\na,b\n\n",
            b"a,\"b,\nc\"\nd,e",
            b"a,\"b\"\"c\",d\n",
            b"a,\"b\"x,d\n",
            b"a,b\"c,d\n",
            b"a,\"open\n",
            b"a,\"open",
            b"a,",
            b"a,\n",
            b",,\n,\n",
            b"\"\"\n\"\",\"\"\r\n",
            b"\"a\"\"\"\n",
            "Sak é,\"Løst, dato\"\n1,ø\r\n".as_bytes(),
        ];
        for text in cases {
            for (block, trickle) in [(1, 1), (2, 3), (4, 1), (64, 64), (BLOCK, 1 << 20)] {
                assert_eq!(
                    by_splitter(text, b',', block, trickle),
                    by_csv(text, b','),
                    "{:?} in blocks of {block}",
                    String::from_utf8_lossy(text)
                );
            }
        }
    }

    #[test]
    fn random_text_is_split_as_the_csv_crate_splits_it() {
        // A small generator (xorshift), so the test needs no crate and fails the same way.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: &[&[u8]] = &[
            b"a",
            b"bc",
            b",",
            b";",
            b"\"",
            b"\"\"",
            b"\r",
            b"\n",
            b"\r\n",
            "ø".as_bytes(),
            b" ",
        ];
        for round in 0..3000 {
            let len = (next() % 60) as usize;
            let mut text = Vec::new();
            for _ in 0..len {
                text.extend_from_slice(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let delimiter = if round % 3 == 0 { b';' } else { b',' };
            let expected = by_csv(&text, delimiter);
            for (block, trickle) in [(1, 1), (3, 2), (16, 5), (BLOCK, 1 << 20)] {
                assert_eq!(
                    by_splitter(&text, delimiter, block, trickle),
                    expected,
                    "{:?} split on {:?} in blocks of {block}",
                    String::from_utf8_lossy(&text),
                    delimiter as char
                );
            }
        }
    }

    #[test]
    fn starts_count_from_where_the_text_starts() {
        let text = b"x,y\n\"a\nb\",c\r\n\r\nd\n";
        let mut records = Records::new(&text[..], b',', 100, 7);
        let mut record = ByteRecord::new();
        let mut starts = Vec::new();
        while let Some(start) = records.next(&mut record).unwrap() {
            starts.push(start);
        }
        let at = |byte, line| Start { byte, line };
        assert_eq!(starts, [at(100, 7), at(104, 8), at(115, 11)]);
    }
}
