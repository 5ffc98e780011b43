//! The hash-and-displace construction (PtrHash's, without evictions) behind
//! every generated lookup: a code's hash picks a bucket by its high bits; each
//! bucket has a one-byte pilot, chosen at generation time so that
//! `errcat_runtime::word::slot(hash, pilot_multiple(pilot), slots)` puts every
//! code of the bucket in a free slot of its own. The generated table holds
//! each pilot's multiple, so a lookup is one hash, two table reads (the
//! multiple, then the slot) and one comparison with what the slot holds.
//!
//! Buckets are placed largest first (ties in bucket order), each taking the
//! smallest pilot that fits, so the same hashes always give the same tables.

use errcat_runtime::word::{bucket, pilot_multiple, slot};

/// Codes per bucket, at most on average: the pilot table has `n / 4` entries
/// rounded up to a power of two, so that the generated lookup's bucket (the
/// hash's high bits, `errcat_runtime::word::bucket`) compiles to a shift.
const CODES_PER_BUCKET: usize = 4;

/// Seeds tried before the table grows.
const SEEDS_PER_SIZE: u64 = 4;

/// Table sizes tried: slots = n × (5 + growth) / 4 rounded up, growth 0 to
/// this. The first size (1.25 n) is what every catalogue measured so far
/// gets, on the first seed or the second; each larger one makes a failure
/// far less likely still.
const MAX_GROWTH: usize = 7;

/// A perfect hash of `n` keys: for each key, a slot of its own.
#[derive(Debug, PartialEq, Eq)]
pub struct PerfectHash {
    /// The seed every key was hashed with.
    pub seed: u64,
    /// The pilot of each bucket.
    pub pilots: Vec<u8>,
    /// For each slot, the index of the key in it.
    pub slots: Vec<Option<usize>>,
}

impl PerfectHash {
    /// A perfect hash of `count` keys, `hash_of(index, seed)` being the hash
    /// of key `index` under `seed` (distinct keys must give distinct hashes
    /// under some seed tried). Seeds 0, 1, … are tried, `SEEDS_PER_SIZE` per
    /// table size, over `MAX_GROWTH + 1` sizes: at most 32 tries in all.
    ///
    /// # Panics
    ///
    /// When every try fails, which takes two keys hashing alike under all 32
    /// seeds (two equal keys: validation refuses duplicate codes).
    pub fn build(count: usize, hash_of: impl Fn(usize, u64) -> u64) -> PerfectHash {
        let buckets = count.div_ceil(CODES_PER_BUCKET).next_power_of_two();
        let mut seed = 0;
        for growth in 0..=MAX_GROWTH {
            let slots = (count * (5 + growth)).div_ceil(4).max(1);
            for _ in 0..SEEDS_PER_SIZE {
                let hashes: Vec<u64> = (0..count).map(|index| hash_of(index, seed)).collect();
                if let Some(hash) = place(&hashes, seed, buckets, slots) {
                    return hash;
                }
                seed += 1;
            }
        }
        panic!("generator bug: no perfect hash of {count} keys under {seed} seeds (two keys hash alike)")
    }

    /// The slot a key of `hash` lands in, as the generated lookup finds it:
    /// its two reads, the bucket's pilot and then this slot.
    #[cfg(test)]
    pub fn slot_of(&self, hash: u64) -> usize {
        let pilot = self.pilots[bucket(hash, self.pilots.len())];
        slot(hash, pilot_multiple(pilot), self.slots.len())
    }
}

/// Pilots that put every hash in a slot of its own, if there are any.
fn place(hashes: &[u64], seed: u64, buckets: usize, slots: usize) -> Option<PerfectHash> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (index, &hash) in hashes.iter().enumerate() {
        members[bucket(hash, buckets)].push(index);
    }
    let mut order: Vec<usize> = (0..buckets).collect();
    order.sort_by_key(|&bucket| std::cmp::Reverse(members[bucket].len()));
    let mut pilots = vec![0; buckets];
    let mut taken: Vec<Option<usize>> = vec![None; slots];
    let mut chosen = Vec::new();
    for bucket in order {
        let keys = &members[bucket];
        if keys.is_empty() {
            break;
        }
        let fits = |pilot: u8, taken: &mut Vec<Option<usize>>, chosen: &mut Vec<usize>| {
            chosen.clear();
            for &key in keys {
                let at = slot(hashes[key], pilot_multiple(pilot), slots);
                if taken[at].is_some() {
                    for &at in chosen.iter() {
                        taken[at] = None;
                    }
                    return false;
                }
                taken[at] = Some(key);
                chosen.push(at);
            }
            true
        };
        pilots[bucket] = (0..=u8::MAX).find(|&pilot| fits(pilot, &mut taken, &mut chosen))?;
    }
    Some(PerfectHash {
        seed,
        pilots,
        slots: taken,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use errcat_runtime::word::hash;

    /// Codes spelt as the catalogues that need them most: a long shared
    /// prefix and suffix, differing in the middle only.
    fn similar_codes(count: usize) -> Vec<String> {
        (0..count)
            .map(|index| format!("SomeVeryLongServicePrefix{index}ThrottlingException"))
            .collect()
    }

    fn build(codes: &[String]) -> PerfectHash {
        PerfectHash::build(codes.len(), |index, seed| {
            hash(codes[index].as_bytes(), &mut [0; 7], seed)
        })
    }

    #[test]
    fn every_key_has_a_slot_of_its_own_and_the_tables_stay_small() {
        for count in [1, 2, 22, 128, 129, 2_000, 10_000, crate::synth::MAX_CODES] {
            let codes = similar_codes(count);
            let table = build(&codes);
            for (index, code) in codes.iter().enumerate() {
                let hash = hash(code.as_bytes(), &mut [0; 7], table.seed);
                assert_eq!(table.slots[table.slot_of(hash)], Some(index), "{count}: {code}");
            }
            assert_eq!(table.slots.iter().flatten().count(), count, "one slot per key");
            // The bound: the first table size, 1.25 slots a key, and a
            // quarter of a pilot a key rounded up to a power of two.
            assert_eq!(table.slots.len(), (5 * count).div_ceil(4), "{count} keys");
            assert_eq!(
                table.pilots.len(),
                count.div_ceil(4).next_power_of_two(),
                "{count} keys"
            );
        }
    }

    #[test]
    fn codes_keyed_by_their_ends_fit_the_same_bound() {
        use crate::render::ends::{Ends, multiplier};
        for count in [129, 2_000, 10_000, crate::synth::MAX_CODES] {
            let codes: Vec<String> = (0..count).map(|index| format!("QUOTA_EXCEEDED_{index}")).collect();
            let strings: Vec<&str> = codes.iter().map(String::as_str).collect();
            let ends = Ends::of(&strings).expect("the last eight bytes hold the number");
            let key = |index: usize| ends.key(strings[index].as_bytes());
            let table = PerfectHash::build(count, |index, seed| key(index).wrapping_mul(multiplier(seed)));
            for (index, code) in codes.iter().enumerate() {
                let hash = key(index).wrapping_mul(multiplier(table.seed));
                assert_eq!(table.slots[table.slot_of(hash)], Some(index), "{count}: {code}");
            }
            assert_eq!(table.slots.len(), (5 * count).div_ceil(4), "{count} keys");
        }
    }

    #[test]
    fn building_twice_gives_the_same_tables() {
        let codes = similar_codes(2_000);
        assert_eq!(build(&codes), build(&codes));
    }

    #[test]
    fn keys_that_hash_alike_under_a_seed_get_the_next_seed() {
        let table = PerfectHash::build(3, |index, seed| {
            if seed < 2 {
                7
            } else {
                (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            }
        });
        assert_eq!(table.seed, 2);
        assert_eq!(table.slots.iter().flatten().count(), 3);
    }

    #[test]
    #[should_panic(expected = "two keys hash alike")]
    fn keys_that_hash_alike_under_every_seed_are_a_bug_not_a_loop() {
        PerfectHash::build(2, |_, seed| seed);
    }
}
