//! The words and hashes of the generated code lookups: the generator builds
//! its tables with [`word`], [`ends_key`], [`hash`], [`hash_integer`],
//! [`bucket`], [`pilot_multiple`] and [`slot`], and the generated
//! `ErrorCode::from_code` and `from_i64` look a code up with the same
//! functions, so the two can never disagree; `from_code` confirms its
//! candidate with [`same`].

/// Odd constants of wyhash: their products spread every input bit over both
/// halves of a 128-bit product.
const MIX: [u64; 4] = [
    0xa076_1d64_78bd_642f,
    0xe703_7ed1_a0b4_28db,
    0x8ebc_6af0_9c88_c6e3,
    0x5899_65cc_7537_4cc3,
];

/// The eight bytes of `bytes` at `at` as a little-endian word, or 0 when they
/// are not all there (`at` past the end, or fewer than eight bytes left).
#[inline]
pub fn word(bytes: &[u8], at: usize) -> u64 {
    let chunk = bytes.get(at..at.wrapping_add(8)).unwrap_or(&[0; 8]);
    u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]))
}

/// The key of an input of `len` bytes whose first word is `first` and whose
/// last eight bytes read `last`: what a lookup hashes when these three tell
/// a catalogue's codes apart (codes of at least eight bytes that differ in
/// their length, start or end, as nearly every catalogue's do). Two reads and
/// three cheap operations, where [`hash`] mixes every word of the input.
#[inline]
pub fn ends_key(len: usize, first: u64, last: u64) -> u64 {
    len as u64 ^ first ^ last.rotate_left(29)
}

/// The four bytes of `bytes` at `at` as a little-endian number, or 0 when
/// they are not all there.
#[inline]
fn half(bytes: &[u8], at: usize) -> u64 {
    let chunk = bytes.get(at..at.wrapping_add(4)).unwrap_or(&[0; 4]);
    u64::from(u32::from_le_bytes(<[u8; 4]>::try_from(chunk).unwrap_or([0; 4])))
}

/// Input shorter than a word, as one word that tells apart any two inputs of
/// the same length (0 from eight bytes on, where [`word`] takes over): its
/// first and last four bytes, or from one to three bytes its first, middle
/// and last byte, as wyhash reads them. Every read is bounds-checked and the
/// choice a select, so the length is never switched on.
#[inline]
fn short_word(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let byte = |at: usize| u64::from(bytes.get(at).copied().unwrap_or(0));
    let halves = half(bytes, 0) | half(bytes, len.wrapping_sub(4)) << 32;
    let ends = byte(0) | byte(len / 2) << 8 | byte(len.wrapping_sub(1)) << 16;
    let few = if len >= 4 { halves } else { ends };
    if len >= 8 {
        0
    } else {
        few
    }
}

/// The 128-bit product of `a` and `b`, its halves xored: wyhash's mixer.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    product as u64 ^ (product >> 64) as u64
}

/// Reads `bytes` into `words` and returns their hash under `seed`.
///
/// `words` (`n` of them) is what a lookup compares with a code's: the full
/// words at 0, 8, … up to the last, then the last eight bytes, the first word
/// xored with `short_word` of an input under eight bytes. Together with the
/// length they tell apart any two inputs of at most `8 n` bytes, and the hash
/// mixes every one of them with the length, so codes sharing long prefixes or
/// suffixes spread like any others; a longer input can never be a code, and
/// only has to land somewhere. Every read is a select: nothing branches on the
/// input.
#[inline]
pub fn hash(bytes: &[u8], words: &mut [u64], seed: u64) -> u64 {
    let Some(last) = words.len().checked_sub(1) else {
        return seed;
    };
    for (index, slot) in words[..last].iter_mut().enumerate() {
        *slot = word(bytes, 8 * index);
    }
    words[last] = word(bytes, bytes.len().wrapping_sub(8));
    words[0] ^= short_word(bytes);
    // The words in pairs, each pair folded on its own so the folds run side
    // by side, then one fold of them all with the length.
    let mut state = seed ^ bytes.len() as u64;
    for (index, pair) in words.chunks(2).enumerate() {
        let second = pair.get(1).copied().unwrap_or(0);
        state ^= fold(pair[0] ^ seed ^ MIX[index % 2], second ^ MIX[2 + index % 2]).rotate_left(index as u32);
    }
    fold(state ^ MIX[0], MIX[1])
}

/// The hash under `seed` of an integer code.
#[inline]
pub fn hash_integer(code: i64, seed: u64) -> u64 {
    fold(fold(seed ^ MIX[0], code as u64 ^ MIX[1]), MIX[2])
}

/// The bucket, of `buckets`, of a `hash`: its high bits (the product's high
/// word, so no division).
#[inline]
pub fn bucket(hash: u64, buckets: usize) -> usize {
    ((u128::from(hash) * buckets as u128) >> 64) as usize
}

/// What a perfect hash's table holds for a bucket whose pilot is `pilot`: its
/// multiple, which [`slot`] xors into the hash. Stored instead of the pilot,
/// it saves the lookup a multiply on its longest chain; distinct pilots have
/// distinct multiples (the constant is odd).
#[inline]
pub const fn pilot_multiple(pilot: u8) -> u32 {
    (pilot as u64).wrapping_mul(MIX[3]) as u32
}

/// The slot, of `slots`, of a `hash` in a bucket whose pilot's multiple is
/// `multiple` ([`pilot_multiple`]): the hash xored with it, multiplied so
/// that its low bits (which [`bucket`] ignores) reach the high bits the slot
/// is taken from.
#[inline]
pub fn slot(hash: u64, multiple: u32, slots: usize) -> usize {
    let moved = (hash ^ u64::from(multiple)).wrapping_mul(MIX[1]);
    ((u128::from(moved) * slots as u128) >> 64) as usize
}

/// Whether an input of `input_len` bytes, read as `input`, is the code of
/// `len` bytes a table slot holds as `words`: the one comparison that
/// confirms a perfect hash's candidate.
///
/// Every word is compared and the differences are folded into one test, so
/// nothing branches on which word differs. A branch per word costs nothing
/// when the CPU has learned the inputs, and on input it has not seen it is
/// mispredicted on about every other miss: on 65,536 random inputs, 22 codes
/// took 9 ns a lookup compared word by word and 3 ns compared at once
/// (BENCHMARKS.md, "Issue 15, third pass").
#[inline(always)]
pub fn same<const N: usize>(len: usize, words: &[u64; N], input_len: usize, input: &[u64; N]) -> bool {
    let differ = words
        .iter()
        .zip(input)
        .fold((len ^ input_len) as u64, |differ, (a, b)| differ | (a ^ b));
    differ == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_eight_bytes_little_endian() {
        assert_eq!(word(b"ABCDEFGHIJ", 0), u64::from_le_bytes(*b"ABCDEFGH"));
        assert_eq!(word(b"ABCDEFGHIJ", 2), u64::from_le_bytes(*b"CDEFGHIJ"));
    }

    #[test]
    fn a_short_or_missing_word_is_zero() {
        assert_eq!(word(b"ABCDEFGHIJ", 3), 0);
        assert_eq!(word(b"", 0), 0);
        assert_eq!(word(b"ABCDEFGH", usize::MAX), 0);
    }

    /// Every input of up to `longest` bytes over `alphabet`, by length.
    fn inputs(alphabet: &[u8], longest: usize) -> Vec<Vec<u8>> {
        let mut all = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..longest {
            last = last
                .iter()
                .flat_map(|input: &Vec<u8>| alphabet.iter().map(move |&byte| [input.as_slice(), &[byte]].concat()))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn words_and_length_tell_apart_every_input_up_to_eight_bytes_a_word() {
        // Zero bytes, which a read past the end also gives, among them.
        for (width, alphabet) in [(1, &b"a\0\xff"[..]), (2, b"a\0")] {
            let mut seen = std::collections::BTreeMap::new();
            for input in inputs(alphabet, 8 * width) {
                let mut words = vec![0; width];
                hash(&input, &mut words, 0);
                if let Some(other) = seen.insert((input.len(), words), input.clone()) {
                    panic!("{input:?} and {other:?} read alike");
                }
            }
        }
    }

    #[test]
    fn inputs_sharing_all_but_a_middle_byte_hash_apart() {
        let mut words = [0; 4];
        let a = hash(b"FooBarBazQuxQuuxException", &mut words, 7);
        let b = hash(b"FooBarBazQuyQuuxException", &mut words, 7);
        assert_ne!(a, b);
    }

    #[test]
    fn the_same_length_and_words_and_nothing_else_is_the_same() {
        let words = [1, 2, 3];
        assert!(same(20, &words, 20, &[1, 2, 3]));
        assert!(!same(20, &words, 21, &[1, 2, 3]));
        for differing in 0..3 {
            let mut input = words;
            input[differing] ^= 1 << 63;
            assert!(!same(20, &words, 20, &input), "word {differing}");
        }
        assert!(same(0, &[], 0, &[]));
        assert!(!same(0, &[], 1, &[]));
    }

    #[test]
    fn every_pilot_has_a_multiple_of_its_own() {
        let mut multiples: Vec<u32> = (0..=255).map(pilot_multiple).collect();
        multiples.sort_unstable();
        multiples.dedup();
        assert_eq!(multiples.len(), 256);
    }

    #[test]
    fn buckets_and_slots_stay_in_range() {
        for hash in [0, 1, u64::MAX, 0x8000_0000_0000_0000] {
            assert!(bucket(hash, 7) < 7);
            assert!((0..=255).all(|pilot| slot(hash, pilot_multiple(pilot), 9) < 9));
        }
    }
}
