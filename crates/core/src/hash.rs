//! Fast hashes: one for maps keyed by short ids and words, one for naming
//! files by their content.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map with [`Fx`] keys: for the ids and words the ingest and the
/// explorer look up by the hundred thousand.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A set with [`Fx`] keys, for the same uses as [`FastMap`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// A multiply-rotate hash that takes eight bytes at a step (the hash of
/// rustc's own maps). The ingest and the explorer look up every id and word
/// of their text, so a simple fast hash serves better than the default
/// DoS-resistant one; the inputs are the user's own articles and dataset.
/// Its values are not stable across versions: never store them.
#[derive(Clone, Copy, Default)]
pub struct Fx(u64);

impl Fx {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Fx::SEED);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            self.add(u64::from_le_bytes(eight));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" apart from "a\0".
            self.add(u64::from_le_bytes(eight) ^ ((rest.len() as u64) << 60));
        }
    }

    fn finish(&self) -> u64 {
        // hashbrown picks buckets by the low bits and tags by the high
        // seven: the rotation brings the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}

/// FNV-1a, byte by byte: a hash that stays the same across versions and
/// machines, for naming a split dataset's chunk directory by its content.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    fn fx(key: &str) -> u64 {
        BuildHasherDefault::<Fx>::default().hash_one(key)
    }

    #[test]
    fn fx_tells_apart_keys_that_differ_by_length_or_one_byte() {
        let keys = [
            "",
            "a",
            "a\0",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgi",
        ];
        let mut hashes: Vec<u64> = keys.iter().map(|k| fx(k)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), keys.len());
    }

    #[test]
    fn fx_spreads_similar_ids_over_the_buckets() {
        // Ids that differ only in their last digits, as generated ones do,
        // must not crowd into a few of 1,024 buckets (picked by low bits).
        let mut buckets = vec![0u32; 1024];
        for n in 0..10_000 {
            buckets[(fx(&format!("2019-01-01-story-{n}")) & 1023) as usize] += 1;
        }
        let fullest = buckets.iter().max().copied().unwrap_or(0);
        assert!(fullest < 40, "a bucket holds {fullest} of 10,000 ids");
    }

    #[test]
    fn fnv_is_stable() {
        let mut hash = Fnv::default();
        hash.write(b"storyscope");
        // The chunk directories of existing split datasets are named by it.
        assert_eq!(hash.finish(), 0x6b87_539f_5557_11a6);
    }
}
