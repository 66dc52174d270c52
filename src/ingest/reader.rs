//! The reader between an input and the record splitter: it counts and digests the bytes as
//! they pass, so a file is streamed and never held whole. The SHA-256 is computed in the
//! first pass over a file (`source`); a file whose length or digests then differ after the
//! records are read is refused as changed.

use std::io::Read;

use xxhash_rust::xxh3::Xxh3;

/// Reads from `inner`, counting every byte, and digesting (XXH3-128) the bytes
/// before `boundary` and those after it apart: the first pass over a file digests its two
/// halves alike ([`Digests`]), so that a file whose bytes changed between the passes is
/// found out even when its length and modification time did not change.
pub struct Feed<R> {
    inner: R,
    bytes: u64,
    boundary: u64,
    digests: [Xxh3; 2],
}

/// The XXH3-128 of a text's bytes before a boundary and after it.
pub type Digests = [u128; 2];

impl<R: Read> Feed<R> {
    /// A feed whose bytes from offset `boundary` on are digested apart from those before.
    pub fn new(inner: R, boundary: u64) -> Self {
        Feed {
            inner,
            bytes: 0,
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
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_128;

    #[test]
    fn bytes_are_counted_and_digested_either_side_of_the_boundary() {
        let text = b"h1,h2\na,b\nc,d\n";
        for boundary in [0, 6, 7, 15, u64::MAX] {
            let mut feed = Feed::new(&text[..], boundary);
            let mut buf = [0u8; 4];
            while feed.read(&mut buf).unwrap() > 0 {}
            let (bytes, digests) = feed.finish();
            let cut = (boundary as usize).min(text.len());
            assert_eq!(bytes, text.len() as u64);
            assert_eq!(digests, [xxh3_128(&text[..cut]), xxh3_128(&text[cut..])]);
        }
    }
}
