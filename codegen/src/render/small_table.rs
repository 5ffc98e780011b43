//! String → code lookup for small catalogues: one table probe, no pilot.
//! The construction of [`super::perfect_hash`] serves every catalogue, but
//! its two dependent probes and wider hash cost 7–9 ns a lookup, where this
//! one costs about 2.4 ns, against strum's 6–8 ns at 22 codes (BENCHMARKS.md):
//! so a catalogue of up to [`MAX_CODES`] codes of at least 8 bytes whose
//! codes this key tells apart gets this table instead.
//!
//! The input is read as little-endian 64-bit words (the full words from the
//! start, then the last eight bytes) with bounds-checked `get`s that compile to
//! selects, so nothing switches on the input's length; its length, first word
//! and last word, multiplied by a constant found at generation time, put every
//! code in a slot of its own, and comparing the length, then the words, confirms
//! it. On random input this is more than twice as fast as a `match` on strings,
//! whose switch on the length the CPU mispredicts.
//!
//! The generated code and this module's `key` and `slot` compute the same
//! function, both reading words with `errcat_runtime::word::word`: the
//! generated crate's tests look every code up through it.

use errcat_runtime::word::word;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Largest catalogue searched for a one-probe table: past it, a collision-free
/// multiplier in a compact table is unlikely, and the two-probe construction
/// is as fast.
pub const MAX_CODES: usize = 128;

/// Multipliers tried per table size before doubling the table.
const TRIES: u32 = 2_000;

/// A one-probe perfect hash of one small catalogue's codes.
#[derive(Debug)]
pub struct SmallTable {
    /// Full words read from the start of the input (the tail word comes after).
    lead_words: usize,
    multiplier: u64,
    /// log2 of the table size.
    bits: u32,
    /// For each slot, the index of the code in it.
    slots: Vec<Option<usize>>,
}

impl SmallTable {
    /// A one-probe table of `codes`, or `None` when there are too many, one
    /// is shorter than a word (a word past the end reads as zero, so short
    /// codes would not be told apart), or no multiplier separates them.
    pub fn find(codes: &[&str]) -> Option<SmallTable> {
        if codes.is_empty() || codes.len() > MAX_CODES || codes.iter().any(|code| code.len() < 8) {
            return None;
        }
        let longest = codes.iter().map(|code| code.len()).max()?;
        // Full words at 0, 8, … up to where the tail word takes over.
        let lead_words = (longest - 8).div_ceil(8).max(1);
        let keys: Vec<u64> = codes.iter().map(|code| key(code.as_bytes(), lead_words)).collect();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < keys.len() {
            // Two codes agree in length, first and last word (they differ in
            // the middle): no multiplier separates them.
            return None;
        }
        let mut random = 0x9E37_79B9_7F4A_7C15_u64;
        let smallest = usize::BITS - (codes.len() - 1).leading_zeros() + 1;
        for bits in smallest..=smallest + 3 {
            let mut slots = vec![None; 1 << bits];
            for _ in 0..TRIES {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                let multiplier = random | 1;
                slots.fill(None);
                let placed = keys.iter().enumerate().all(|(index, &key)| {
                    let slot = &mut slots[slot(key, multiplier, bits)];
                    slot.replace(index).is_none()
                });
                if placed {
                    return Some(SmallTable {
                        lead_words,
                        multiplier,
                        bits,
                        slots,
                    });
                }
            }
        }
        None
    }

    /// The body of `from_code(code: &str) -> Option<ErrorCode>`. Needs the
    /// items of [`Self::items`] in the same module, and the runtime's `word`
    /// in scope.
    pub fn lookup_tokens(&self) -> TokenStream {
        let word_reads = (0..self.lead_words).map(|i| {
            let at = Literal::usize_unsuffixed(i * 8);
            quote! { word(bytes, #at), }
        });
        let tail = Literal::usize_unsuffixed(self.lead_words);
        let multiplier = Literal::u64_suffixed(self.multiplier);
        let shift = Literal::u32_unsuffixed(64 - self.bits);
        quote! {
            let bytes = code.as_bytes();
            let words = [#(#word_reads)* word(bytes, bytes.len().wrapping_sub(8))];
            let key = bytes.len() as u64 ^ words[0] ^ words[#tail].rotate_left(29);
            let slot = &SLOTS[(key.wrapping_mul(#multiplier) >> #shift) as usize];
            // The length, then the words in turn: a miss usually stops at the
            // length, and the branches are what keeps this cheap once inlined
            // (compared all at once, the words must all be read first).
            if slot.len == bytes.len() && slot.words.iter().zip(&words).all(|(a, b)| a == b) {
                slot.code
            } else {
                ::core::option::Option::None
            }
        }
    }

    /// The table `lookup_tokens` uses, at module level;
    /// `code_path` names the variant of a code index.
    /// `table_attributes` go on the table (it names every code).
    pub fn items(
        &self,
        codes: &[&str],
        code_path: &dyn Fn(usize) -> TokenStream,
        table_attributes: TokenStream,
    ) -> TokenStream {
        let width = Literal::usize_unsuffixed(self.lead_words + 1);
        let size = Literal::usize_unsuffixed(self.slots.len());
        let slots = self.slots.iter().map(|slot| match slot {
            Some(index) => {
                let bytes = codes[*index].as_bytes();
                let len = Literal::usize_unsuffixed(bytes.len());
                let words = words(bytes, self.lead_words)
                    .into_iter()
                    .map(|word| syn::LitInt::new(&format!("0x{word:016x}"), proc_macro2::Span::call_site()));
                let path = code_path(*index);
                quote! { Slot { len: #len, words: [#(#words),*], code: ::core::option::Option::Some(#path) } }
            }
            None => {
                let zeros = (0..=self.lead_words).map(|_| quote! { 0 });
                quote! { Slot { len: usize::MAX, words: [#(#zeros),*], code: ::core::option::Option::None } }
            }
        });
        quote! {
            /// One slot of the lookup table: a code's length and its bytes as
            /// little-endian words (the full words from the start, then the
            /// last eight bytes).
            struct Slot {
                len: usize,
                words: [u64; #width],
                code: ::core::option::Option<ErrorCode>,
            }

            /// The codes by the slot their perfect hash gives.
            #table_attributes
            static SLOTS: [Slot; #size] = [#(#slots),*];

        }
    }
}

/// The words a lookup reads: `lead_words` full words from the start (0 past
/// the end), then the last eight bytes (0 when shorter), read by the same
/// function the generated lookup calls.
fn words(bytes: &[u8], lead_words: usize) -> Vec<u64> {
    let mut words: Vec<u64> = (0..lead_words).map(|i| word(bytes, i * 8)).collect();
    words.push(word(bytes, bytes.len().wrapping_sub(8)));
    words
}

/// What the generated lookup hashes: the length, the first word and the last
/// eight bytes (the words between are only compared: hashing them costs more
/// than the rare catalogue they would rescue, which gets the two-probe table).
fn key(bytes: &[u8], lead_words: usize) -> u64 {
    let words = words(bytes, lead_words);
    bytes.len() as u64 ^ words[0] ^ words[lead_words].rotate_left(29)
}

fn slot(key: u64, multiplier: u64, bits: u32) -> usize {
    (key.wrapping_mul(multiplier) >> (64 - bits)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    impl SmallTable {
        /// The slot `input` hashes to, as the generated code computes it.
        fn slot_of(&self, input: &[u8]) -> usize {
            slot(key(input, self.lead_words), self.multiplier, self.bits)
        }

        /// The code in `slot`, if any.
        fn code_in(&self, slot: usize) -> Option<usize> {
            self.slots[slot]
        }
    }

    fn ofauth_codes() -> Vec<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/errors.yaml");
        let model = crate::load_spec(std::path::Path::new(path), "errors.yaml")
            .unwrap()
            .model;
        model.codes.into_iter().map(|code| code.code).collect()
    }

    #[test]
    fn every_code_finds_its_own_slot_and_nothing_else_does() {
        let codes = ofauth_codes();
        let strings: Vec<&str> = codes.iter().map(String::as_str).collect();
        let hash = SmallTable::find(&strings).expect("22 codes get a perfect hash");
        for (index, code) in strings.iter().enumerate() {
            assert_eq!(hash.code_in(hash.slot_of(code.as_bytes())), Some(index), "{code}");
        }
        // Misses land anywhere; the generated code rejects them by comparing.
        for miss in ["", "AUTH", "AUTH_INVALID_KE", "AUTH_INVALID_KEYS", "auth_invalid_key"] {
            let _ = hash.slot_of(miss.as_bytes());
        }
        assert!(hash.slots.len() <= 8 * strings.len(), "{} slots", hash.slots.len());
    }

    /// Codes as real APIs send them: lower case, dots, dashes, mixed case.
    const WIRE_STYLE_CODES: [&str; 8] = [
        "invalid_grant",
        "authorization_pending",
        "auth.unauthorized",
        "card-declined",
        "NoSuchKey",
        "RESOURCE_EXHAUSTED",
        "ThrottlingException",
        "idempotency_key_in_use",
    ];

    #[test]
    fn codes_in_any_style_each_find_their_own_slot() {
        let hash = SmallTable::find(&WIRE_STYLE_CODES).expect("a perfect hash of byte strings");
        for (index, code) in WIRE_STYLE_CODES.iter().enumerate() {
            assert_eq!(hash.code_in(hash.slot_of(code.as_bytes())), Some(index), "{code}");
        }
    }

    #[test]
    fn synthetic_catalogues_up_to_the_limit_get_one_slot_per_code() {
        for size in [1, 2, 10, 50, MAX_CODES] {
            let text = crate::commands::synth::synthetic_catalogue(size);
            let model = crate::parse_spec(&text, "synth.yaml").unwrap().model;
            let strings: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
            let hash = SmallTable::find(&strings).unwrap_or_else(|| panic!("{size} codes got no perfect hash"));
            for (index, code) in strings.iter().enumerate() {
                assert_eq!(
                    hash.code_in(hash.slot_of(code.as_bytes())),
                    Some(index),
                    "{size}: {code}"
                );
            }
            assert!(
                hash.slots.len() <= 16 * size.max(4),
                "{size} codes: {} slots",
                hash.slots.len()
            );
        }
    }

    #[test]
    fn catalogues_it_cannot_serve_are_refused() {
        assert!(
            SmallTable::find(&["SHORT_1", "LONGER_CODE"]).is_none(),
            "a code under 8 bytes"
        );
        let many: Vec<String> = (0..=MAX_CODES).map(|i| format!("CODE_NUMBER_{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(SmallTable::find(&many).is_none());
        assert!(
            SmallTable::find(&["FooBarBazQuxException", "FooBarBazQuuException"]).is_none(),
            "codes that differ only in the middle"
        );
    }

    #[test]
    fn the_generated_lookup_parses() {
        let hash = SmallTable::find(&["AUTH_INVALID_KEY", "RATE_LIMIT_EXCEEDED"]).unwrap();
        let items = hash.items(
            &["AUTH_INVALID_KEY", "RATE_LIMIT_EXCEEDED"],
            &|index| {
                let index = Literal::usize_unsuffixed(index);
                quote! { ErrorCode::from_index(#index) }
            },
            quote! {},
        );
        let body = hash.lookup_tokens();
        let file = quote! {
            #items
            fn from_code(code: &str) -> ::core::option::Option<ErrorCode> { #body }
        };
        syn::parse2::<syn::File>(file).unwrap();
    }
}
