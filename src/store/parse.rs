//! What every stage of the store shares: how a record is read, where it came from, and the
//! names a dataset folder uses. It depends on nothing else in `store`, so lexing, parsing,
//! validating, formatting, saving and merging can all use it without importing each other.

use std::ops::Range;

use ron::extensions::Extensions;

/// The folder of a dataset that holds its storylines.
pub const BRIEFINGS_DIR: &str = "briefings";

/// The file in a dataset folder that holds its manifest; every other `.ron` file holds events.
pub const MANIFEST_FILE: &str = "manifest.ron";

/// How records are read: `Some` may be left out, nesting is limited.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Where a record was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordOrigin {
    /// Index into the loaded files (`Loaded::files`).
    pub file: usize,
    /// Byte range of the record's text.
    pub span: Range<usize>,
}

/// A fingerprint of a file's bytes, to notice that it changed on disk since it was read.
/// Not for adversaries: a multiply-and-rotate hash over 8 bytes at a time (a few GB/s, where
/// SipHash took a tenth of the time of loading a big dataset), mixed with the length.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const K1: u64 = 0x9E37_79B9_7F4A_7C15;
    const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
    let mix = |h: u64, word: u64| (h ^ word.wrapping_mul(K2)).rotate_left(29).wrapping_mul(K1);
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
    // Four independent lanes over 32-byte blocks, so the multiplications of one block overlap
    // (one chain of them was the slowest part of reading a file), folded into one at the end.
    let mut blocks = bytes.chunks_exact(32);
    let mut lanes = [K1, K2, K1 ^ K2, K1.rotate_left(17)];
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, word(chunk));
        }
    }
    let mut h = (bytes.len() as u64).wrapping_mul(K1);
    for lane in lanes {
        h = mix(h, lane);
    }
    let mut chunks = blocks.remainder().chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(h, word(chunk));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = mix(h, u64::from_le_bytes(tail) ^ 0xFF);
    // Final avalanche (splitmix64's).
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// Whether `text` ends its lines with `\r\n` (judged by its first line).
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_tell_small_changes_apart() {
        use super::fingerprint;
        let text = b"[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\")]\n".to_vec();
        let mut seen = std::collections::HashSet::new();
        assert!(seen.insert(fingerprint(&text)));
        assert!(seen.insert(fingerprint(b"")));
        assert!(seen.insert(fingerprint(&[0])));
        assert!(seen.insert(fingerprint(&[0, 0])));
        for i in 0..text.len() {
            let mut changed = text.clone();
            changed[i] ^= 1;
            assert!(seen.insert(fingerprint(&changed)), "a bit flipped at {i}");
            let mut shorter = text.clone();
            shorter.remove(i);
            assert!(seen.insert(fingerprint(&shorter)), "a byte cut at {i}");
        }
        assert_eq!(fingerprint(&text), fingerprint(&text.clone()));
    }
}
