//! The fast hash the duplicate check builds on: column names and row fields are hashed with
//! it; nothing else in ingest comes before it.

use std::hash::Hasher;

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
