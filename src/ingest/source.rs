//! Where an input comes from, and its bytes with their SHA-256 (printed in every report so
//! that a regulator can tell which export a figure came from).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::halves::{Split, SplitFinder};
use super::memory::Reading;
use sha2::{Digest, Sha256};
use std::sync::mpsc::{SyncSender, sync_channel};
use xxhash_rust::xxh3::Xxh3;

/// An input named on the command line: a file, or `-` for standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Stdin,
    File(PathBuf),
}

impl InputSource {
    pub fn from_arg(arg: &Path) -> Self {
        if arg.as_os_str() == "-" {
            Self::Stdin
        } else {
            Self::File(arg.to_path_buf())
        }
    }

    /// The name reports and rejects use.
    pub fn name(&self) -> String {
        match self {
            Self::Stdin => "<stdin>".to_string(),
            Self::File(path) => path.display().to_string(),
        }
    }

    /// Opens the input. A regular file of UTF-8 text (with or without a byte-order mark) is
    /// streamed, never held whole: it is checked in a first pass, then parsed as it is read
    /// again. Any other input (standard input, a pipe, Parquet, UTF-16, Windows-1252) is read
    /// whole.
    ///
    /// `fits(size, reading)` is asked before a file of known size is read, and may refuse it.
    pub fn open(
        &self,
        split_from: u64,
        mut fits: impl FnMut(u64, Reading) -> Result<()>,
    ) -> Result<Opened> {
        let Self::File(path) = self else {
            let bytes = self.read()?;
            fits(bytes.len() as u64, Reading::Piped)?;
            return Ok(Opened::Whole(bytes));
        };
        let cannot = || {
            format!(
                "cannot read input file {} (check the path, and that this user may read it)",
                path.display()
            )
        };
        let mut file = File::open(path).with_context(cannot)?;
        // A pipe or device cannot be read twice: it is read once, whole.
        let metadata = file.metadata().with_context(cannot)?;
        if !metadata.is_file() {
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).with_context(cannot)?;
            fits(bytes.len() as u64, Reading::Piped)?;
            return Ok(Opened::Whole(bytes));
        }
        let scan = scan_utf8(&mut file, metadata.len(), split_from).with_context(cannot)?;
        let reading = match &scan {
            Some(_) => Reading::Streamed,
            None => match magic(&mut file) {
                Some(m) if m.starts_with(b"PAR1") => Reading::Parquet,
                Some(m) if super::sheet_input::kind_of(&m).is_some() => Reading::Spreadsheet,
                _ => Reading::Whole,
            },
        };
        fits(metadata.len(), reading)?;
        match scan {
            Some(scan) => {
                let mut file = File::open(path).with_context(cannot)?;
                let mut bom = vec![0; scan.bom_len];
                file.read_exact(&mut bom).with_context(cannot)?;
                Ok(Opened::Stream(Stream {
                    file,
                    path: path.clone(),
                    bom,
                    len: scan.len,
                    header_line: scan.header_line,
                    year_last_dates: scan.year_last_dates,
                    sha256: scan.sha256,
                    split: scan.split,
                    digests: scan.digests,
                }))
            }
            None => Ok(Opened::Whole(self.read()?)),
        }
    }

    /// Reads the whole input.
    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            Self::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .context("cannot read standard input")?;
                Ok(bytes)
            }
            Self::File(path) => std::fs::read(path).with_context(|| {
                format!(
                    "cannot read input file {} (check the path, and that this user may read it)",
                    path.display()
                )
            }),
        }
    }
}

/// The first 8 bytes of `file` (rewinding it first), for Parquet's and spreadsheets' magic.
fn magic(file: &mut File) -> Option<[u8; 8]> {
    use std::io::Seek;
    let mut magic = [0u8; 8];
    (file.rewind().is_ok() && file.read_exact(&mut magic).is_ok()).then_some(magic)
}

/// An input ready to be read.
pub enum Opened {
    Whole(Vec<u8>),
    Stream(Stream),
}

/// A UTF-8 text file to be parsed as it is read, positioned after its byte-order mark.
pub struct Stream {
    pub file: File,
    /// Where it is, to be read once more for the order of its dates.
    pub path: PathBuf,
    /// The byte-order mark already read (empty when there is none), for the SHA-256.
    pub bom: Vec<u8>,
    /// The file's length in the first pass; a second pass that reads another length means
    /// the file changed while it was read.
    pub len: u64,
    /// The start of the first line, for detecting the separator.
    pub header_line: String,
    /// Whether it may hold year-last slash or dash dates, whose order must be decided.
    pub year_last_dates: bool,
    /// The SHA-256 of its bytes in the first pass.
    pub sha256: String,
    /// Where its second half starts, when it is large enough to be read in two.
    pub split: Option<Split>,
    /// The digests of its bytes (after the byte-order mark) before `split` and after it, in
    /// the first pass: the second must find the same.
    pub digests: super::reader::Digests,
}

struct Utf8Scan {
    len: u64,
    bom_len: usize,
    header_line: String,
    year_last_dates: bool,
    sha256: String,
    split: Option<Split>,
    digests: super::reader::Digests,
}

/// Reads `file` (of `size` bytes) through once in blocks: `Some` when it is UTF-8 text (a
/// UTF-8 byte-order mark allowed), `None` when it is Parquet, starts with another byte-order
/// mark, or is not valid UTF-8 somewhere, so that it must be read whole and decoded. The
/// SHA-256 and the digests are computed on the other core as the blocks pass ([`Hasher`]).
fn scan_utf8(file: &mut File, size: u64, split_from: u64) -> std::io::Result<Option<Utf8Scan>> {
    std::thread::scope(|scope| {
        let (full, full_rx) = sync_channel::<Block>(8);
        let (empty, empty_rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let hashing = scope.spawn(move || Hasher::default().run(full_rx, empty));
        let scan = scan_blocks(file, (size, split_from), &full, &empty_rx);
        drop(full);
        let (sha256, digests) = hashing
            .join()
            .map_err(|_| std::io::Error::other("hashing failed"))?;
        Ok(scan?.map(|scan| Utf8Scan {
            sha256,
            digests,
            ..scan
        }))
    })
}

/// A block of a file read in the first pass, handed to the [`Hasher`]: `bytes[new]` are the
/// bytes read into it (the SHA-256's), and `bytes[digest]`, at offset `at` in the text after
/// the byte-order mark, those to digest either side of `boundary`.
struct Block {
    bytes: Vec<u8>,
    new: std::ops::Range<usize>,
    digest: std::ops::Range<usize>,
    at: u64,
    boundary: u64,
}

/// The first pass's other core: the SHA-256 of a file's bytes and the XXH3 digests of its
/// text either side of the split, block by block; the blocks go back to be read into again.
#[derive(Default)]
struct Hasher {
    sha256: Sha256,
    digests: [Xxh3; 2],
}

impl Hasher {
    fn run(
        mut self,
        blocks: std::sync::mpsc::Receiver<Block>,
        empty: std::sync::mpsc::Sender<Vec<u8>>,
    ) -> (String, super::reader::Digests) {
        for block in blocks {
            self.sha256.update(&block.bytes[block.new]);
            let text = &block.bytes[block.digest];
            super::reader::digest_apart(&mut self.digests, block.at, block.boundary, text);
            let _ = empty.send(block.bytes);
        }
        let digests = self.digests.map(|d| d.digest128());
        (finish_hex(self.sha256), digests)
    }
}

fn scan_blocks(
    file: &mut File,
    (size, split_from): (u64, u64),
    hasher: &SyncSender<Block>,
    empty: &std::sync::mpsc::Receiver<Vec<u8>>,
) -> std::io::Result<Option<Utf8Scan>> {
    const BLOCK: usize = 1 << 20;
    // The bytes of a character cut by a block's end, carried to the next block.
    let mut carry = [0u8; 4];
    let mut carried = 0;
    let mut len = 0u64;
    let mut bom_len = 0;
    let mut header_line = String::new();
    let mut prescan = super::date_order::Prescan::default();
    let mut split = SplitFinder::new(size, split_from);
    loop {
        let mut buf = empty.try_recv().unwrap_or_else(|_| vec![0u8; BLOCK + 4]);
        buf[..carried].copy_from_slice(&carry[..carried]);
        let n = read_full(file, &mut buf[carried..carried + BLOCK])?;
        let first = len == 0;
        // Where the block starts in the text after the byte-order mark.
        let offset = (len - carried as u64).saturating_sub(bom_len as u64);
        len += n as u64;
        let filled = carried + n;
        let mut skip = 0;
        if first {
            let Some((bom, header)) = first_block(&buf[..filled]) else {
                return Ok(None);
            };
            (bom_len, skip, header_line) = (bom, bom, header);
        }
        let block = &buf[skip..filled];
        prescan.feed(block);
        if let Some(split) = &mut split {
            // Bytes carried over are part of a character: never a quote or a line end.
            split.feed(offset, block);
        }
        // The new bytes (past those carried over), digested as the second pass will.
        let carried_in = if first { 0 } else { carried };
        let boundary = split
            .as_ref()
            .and_then(|s| s.found())
            .map_or(u64::MAX, |s| s.at);
        match simdutf8::compat::from_utf8(block) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() && n > 0 => {
                // A character cut by the block's end: finish it with the next block.
                let cut = block.len() - e.valid_up_to();
                carry[..cut].copy_from_slice(&buf[filled - cut..filled]);
                carried = cut;
            }
            Err(_) => return Ok(None),
        }
        let block = Block {
            new: filled - n..filled,
            digest: skip + carried_in..filled,
            at: offset + carried_in as u64,
            boundary,
            bytes: buf,
        };
        if hasher.send(block).is_err() {
            return Err(std::io::Error::other("the hashing thread stopped"));
        }
        if n == 0 {
            return Ok(Some(Utf8Scan {
                len,
                bom_len,
                header_line,
                year_last_dates: prescan.found(),
                sha256: String::new(),
                split: split.and_then(|s| s.found()),
                digests: Default::default(),
            }));
        }
    }
}

/// The byte-order mark's length and the header line of a file that starts with `block`;
/// `None` for Parquet, a spreadsheet, or text with another byte-order mark than UTF-8's.
fn first_block(block: &[u8]) -> Option<(usize, String)> {
    if block.starts_with(b"PAR1") || super::sheet_input::kind_of(block).is_some() {
        return None;
    }
    let bom = match encoding_rs::Encoding::for_bom(block) {
        Some((encoding, bom)) if encoding == encoding_rs::UTF_8 => bom,
        Some(_) => return None,
        None => 0,
    };
    let block = &block[bom..];
    let end = memchr::memchr(b'\n', block).unwrap_or(block.len());
    Some((bom, String::from_utf8_lossy(&block[..end]).into_owned()))
}

/// Reads until `buf` is full or the end of the file.
fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    finish_hex(Sha256::new_with_prefix(bytes))
}

/// The lowercase hex digest of what `hasher` has seen.
pub fn finish_hex(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the bytes are a Parquet file: they start and end with the magic `PAR1`. Decided by
/// content, not by name, so that standard input and misnamed files work.
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.len() >= 8 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(bytes: &[u8]) -> Option<Utf8Scan> {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, bytes).unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        scan_utf8(&mut file, bytes.len() as u64, u64::MAX).unwrap()
    }

    #[test]
    fn utf8_is_streamed_and_anything_else_read_whole() {
        const BLOCK: usize = 1 << 20;
        // "æ" (two bytes) cut by every block end, with and without a byte-order mark.
        for bom in [&b""[..], &b"\xEF\xBB\xBF"[..]] {
            for shift in 0..3 {
                let mut bytes = bom.to_vec();
                bytes.extend_from_slice("saksnummer;mottatt\n".as_bytes());
                while bytes.len() < 3 * BLOCK + 10 {
                    let at_edge = (bytes.len() + shift) % BLOCK < 2;
                    bytes.extend_from_slice(if at_edge { "æ".as_bytes() } else { b"a" });
                }
                let found = scan(&bytes).expect("valid UTF-8");
                assert_eq!(found.len, bytes.len() as u64);
                assert_eq!(found.bom_len, bom.len());
                assert_eq!(found.header_line, "saksnummer;mottatt");
                // One bad byte past the first block: read whole.
                bytes[BLOCK + 5] = 0xF8;
                assert!(scan(&bytes).is_none());
            }
        }
        assert!(scan(b"case_id\nK\xF8benhavn\n").is_none(), "Windows-1252");
        assert!(scan(b"\xFF\xFEc\x00").is_none(), "UTF-16");
        assert!(scan(b"PAR1....PAR1").is_none(), "Parquet");
        assert!(scan("case_id\næ".as_bytes()).is_some());
        assert!(
            scan(b"case_id\n\xC3").is_none(),
            "cut at the end of the file"
        );
        assert_eq!(scan(b"").unwrap().len, 0);
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
