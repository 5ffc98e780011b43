//! The jitter source: splitmix64 over an atomic counter, so one policy can be
//! shared by every task of a client without a lock, and a fixed seed gives a
//! fixed sequence.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

/// splitmix64's increment (the golden ratio in 64 bits).
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A seedable, lock-free pseudo-random sequence; not for cryptography.
#[derive(Debug)]
pub(crate) struct SplitMix64 {
    state: AtomicU64,
}

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64 {
            state: AtomicU64::new(seed),
        }
    }

    /// Seeded from the standard library's per-process random hashing keys,
    /// so that clients started together do not retry in lockstep.
    pub(crate) fn from_entropy() -> SplitMix64 {
        SplitMix64::new(RandomState::new().hash_one(GAMMA))
    }

    pub(crate) fn next_u64(&self) -> u64 {
        let mut z = self.state.fetch_add(GAMMA, Ordering::Relaxed).wrapping_add(GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..=bound` (multiply-shift: no division, negligible bias).
    pub(crate) fn up_to(&self, bound: u64) -> u64 {
        let range = u128::from(bound) + 1;
        ((u128::from(self.next_u64()) * range) >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_sequence() {
        // splitmix64 seeded with 0, as in Vigna's reference implementation.
        let rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let (a, b) = (SplitMix64::new(42), SplitMix64::new(42));
        for _ in 0..100 {
            assert_eq!(a.up_to(1000), b.up_to(1000));
        }
    }

    #[test]
    fn stays_within_bounds() {
        let rng = SplitMix64::from_entropy();
        assert!((0..1000).all(|_| rng.up_to(7) <= 7));
        assert!((0..100).all(|_| rng.up_to(0) == 0));
        let _ = rng.up_to(u64::MAX);
    }
}
