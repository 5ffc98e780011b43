//! The cheap way a code lookup reads its input, when a catalogue allows it:
//! as little-endian words (the full words from the start, then the last eight
//! bytes, each a bounds-checked read that compiles to a select), keyed by
//! `errcat_runtime::word::ends_key` of the length, the first word and the last
//! eight bytes. Codes of at least eight bytes that differ in length, start or
//! end (nearly every catalogue's) get distinct keys; the words between the ends
//! are only compared, never hashed.
//!
//! The one-probe [`super::small_table`] and the keyed perfect hash of
//! [`super::lookup`] both read this way; a catalogue whose codes only differ in
//! the middle is hashed whole with `errcat_runtime::word::hash` instead.

use errcat_runtime::word::{ends_key, word};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// How a lookup reads a catalogue's input by its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ends {
    /// Full words read from the start of the input; the last eight bytes
    /// come after them.
    lead_words: usize,
}

impl Ends {
    /// The reading of `codes` by their ends, when there is at least one code,
    /// every code has at least eight bytes (a word past the end reads as
    /// zero, so shorter codes would not be told apart) and no two codes have
    /// the same key.
    pub fn of(codes: &[&str]) -> Option<Ends> {
        if codes.iter().any(|code| code.len() < 8) {
            return None;
        }
        let longest = codes.iter().map(|code| code.len()).max()?;
        // Full words at 0, 8, … up to where the last eight bytes take over.
        let ends = Ends {
            lead_words: (longest - 8).div_ceil(8).max(1),
        };
        let mut keys: Vec<u64> = codes.iter().map(|code| ends.key(code.as_bytes())).collect();
        keys.sort_unstable();
        keys.dedup();
        (keys.len() == codes.len()).then_some(ends)
    }

    /// Words a lookup reads and compares: the lead words and the last eight
    /// bytes.
    pub fn width(self) -> usize {
        self.lead_words + 1
    }

    /// The words of `bytes` as the generated lookup reads them, with the same
    /// function.
    pub fn words(self, bytes: &[u8]) -> Vec<u64> {
        let mut words: Vec<u64> = (0..self.lead_words).map(|index| word(bytes, 8 * index)).collect();
        words.push(word(bytes, bytes.len().wrapping_sub(8)));
        words
    }

    /// The key of `bytes`, as the generated lookup computes it.
    pub fn key(self, bytes: &[u8]) -> u64 {
        self.key_of_words(bytes.len(), &self.words(bytes))
    }

    /// The key of an input of `len` bytes whose [`Self::words`] are `words`.
    pub fn key_of_words(self, len: usize, words: &[u64]) -> u64 {
        ends_key(len, words[0], words[self.lead_words])
    }

    /// The statement `let words = [...];` that reads the input `bytes`
    /// (`word` in scope), then the expression of its key.
    pub fn read_and_key_tokens(self) -> (TokenStream, TokenStream) {
        let lead = (0..self.lead_words).map(|index| {
            let at = Literal::usize_unsuffixed(8 * index);
            quote! { word(bytes, #at), }
        });
        let last = Literal::usize_unsuffixed(self.lead_words);
        (
            quote! { let words = [#(#lead)* word(bytes, bytes.len().wrapping_sub(8))]; },
            quote! { crate::runtime::word::ends_key(bytes.len(), words[0], words[#last]) },
        )
    }
}

/// The odd multiplier of `seed` (splitmix64's output, made odd): the keyed
/// perfect hash hashes a key by multiplying it, a bijection, so distinct keys
/// never share a hash, and the product's high bits pick the bucket.
pub fn multiplier(seed: u64) -> u64 {
    let mut mixed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (mixed ^ (mixed >> 31)) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_lead_words_then_the_last_eight_bytes() {
        let ends = Ends::of(&["ABCDEFGHIJKLMNOPQRS"]).unwrap();
        assert_eq!(ends.width(), 3);
        assert_eq!(
            ends.words(b"ABCDEFGHIJKLMNOPQRS"),
            [
                u64::from_le_bytes(*b"ABCDEFGH"),
                u64::from_le_bytes(*b"IJKLMNOP"),
                u64::from_le_bytes(*b"LMNOPQRS")
            ]
        );
        assert_eq!(Ends::of(&["ABCDEFGH"]).unwrap().width(), 2, "at least one lead word");
    }

    #[test]
    fn catalogues_the_ends_cannot_tell_apart_are_refused() {
        assert_eq!(Ends::of(&[]), None, "no codes");
        assert_eq!(Ends::of(&["SHORT_1", "LONGER_CODE"]), None, "a code under 8 bytes");
        assert_eq!(
            Ends::of(&["FooBarBazQuxException", "FooBarBazQuuException"]),
            None,
            "codes that differ only in the middle"
        );
        assert!(Ends::of(&["invalid_grant", "invalid_scope", "NoSuchBucket"]).is_some());
    }

    #[test]
    fn multipliers_are_odd_and_differ_by_seed() {
        let multipliers: Vec<u64> = (0..64).map(multiplier).collect();
        assert!(multipliers.iter().all(|multiplier| multiplier % 2 == 1));
        let mut distinct = multipliers.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), multipliers.len());
    }
}
