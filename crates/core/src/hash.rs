//! A fast hash for maps keyed by short words.

use std::hash::Hasher;

/// FNV-1a. The ingest and the explorer look up every word of their text, and
/// the keys are short words, so a simple fast hash serves better than the
/// default DoS-resistant one; the inputs are the user's own articles and
/// dataset.
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
