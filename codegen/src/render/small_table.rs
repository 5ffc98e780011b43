//! String → code lookup for small catalogues: one table probe, no pilot.
//! The construction of [`super::perfect_hash`] serves every catalogue, but
//! its dependent pilot read costs about 1.5 ns more a lookup at 22 codes
//! (BENCHMARKS.md, issue 15's first pass): so a catalogue of up to
//! [`MAX_CODES`] codes that [`Ends`] tells apart gets this table instead when
//! a multiplier is found.
//!
//! The input is read by its ends ([`Ends`]: little-endian words with
//! bounds-checked `get`s that compile to selects, so nothing switches on the
//! input's length); its key, multiplied by a constant found at generation
//! time, puts every code in a slot of its own, and one comparison of the
//! length and every word at once ([`confirm_candidate`]) confirms it. Nothing
//! branches on the input, so the cost is the same whether or not the CPU has
//! seen the input before: at 22 codes, about 2.8 ns against strum's 12.4 ns
//! (BENCHMARKS.md, "Issue 15, third pass").
//!
//! The generated code and this module's `Ends::key` and `slot` compute the
//! same function, both reading words with `errcat_runtime::word::word` and
//! keying them with `errcat_runtime::word::ends_key`: the generated crate's
//! tests look every code up through it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ends::Ends;

/// Largest catalogue searched for a one-probe table: past it, a collision-free
/// multiplier in a compact table is unlikely, and the two-probe construction
/// is as fast.
pub const MAX_CODES: usize = 128;

/// Multipliers tried per table size before doubling the table.
const TRIES: u32 = 2_000;

/// A one-probe perfect hash of one small catalogue's codes.
#[derive(Debug)]
pub struct SmallTable {
    /// How the input is read and keyed.
    ends: Ends,
    multiplier: u64,
    /// log2 of the table size.
    bits: u32,
    /// For each slot, the index of the code in it.
    slots: Vec<Option<usize>>,
}

impl SmallTable {
    /// A one-probe table of `codes`, or `None` when there are too many, their
    /// ends do not tell them apart ([`Ends::of`]), or no multiplier separates
    /// them.
    pub fn find(codes: &[&str]) -> Option<SmallTable> {
        if codes.len() > MAX_CODES {
            return None;
        }
        // Two codes that agree in length, first and last word (they differ in
        // the middle) have one key: no multiplier separates them.
        let ends = Ends::of(codes)?;
        let keys: Vec<u64> = codes.iter().map(|code| ends.key(code.as_bytes())).collect();
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
                        ends,
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
        let (read, key) = self.ends.read_and_key_tokens();
        let multiplier = Literal::u64_suffixed(self.multiplier);
        let shift = Literal::u32_unsuffixed(64 - self.bits);
        let confirm = confirm_candidate();
        quote! {
            let bytes = code.as_bytes();
            #read
            let key = #key;
            let slot = &SLOTS[(key.wrapping_mul(#multiplier) >> #shift) as usize];
            #confirm
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
        let width = Literal::usize_unsuffixed(self.ends.width());
        let size = Literal::usize_unsuffixed(self.slots.len());
        // A slot no code hashes to holds the first code's: only that code
        // could match it, and its key leads to its own slot.
        let slots = self.slots.iter().map(|slot| {
            let index = slot.unwrap_or(0);
            let bytes = codes[index].as_bytes();
            let len = Literal::usize_unsuffixed(bytes.len());
            let words = self
                .ends
                .words(bytes)
                .into_iter()
                .map(|word| syn::LitInt::new(&format!("0x{word:016x}"), proc_macro2::Span::call_site()));
            let path = code_path(index);
            quote! { Slot { len: #len, words: [#(#words),*], code: #path } }
        });
        quote! {
            /// One slot of the lookup table: a code's length and its bytes as
            /// little-endian words (the full words from the start, then the
            /// last eight bytes). A slot no code hashes to holds the first
            /// code's, which only that code could match and its key never
            /// reaches.
            struct Slot {
                len: u32,
                words: [u64; #width],
                code: ErrorCode,
            }

            /// The codes by the slot their perfect hash gives.
            #table_attributes
            static SLOTS: [Slot; #size] = [#(#slots),*];

        }
    }
}

/// The end of every string lookup's body: `slot`, the one candidate the
/// perfect hash leaves, holds the input (`bytes`, read as `words`) or
/// nothing does. One comparison of everything at once
/// (`errcat_runtime::word::same`), and the answer a select: nothing branches
/// on the input.
pub fn confirm_candidate() -> TokenStream {
    quote! {
        if crate::runtime::word::same(slot.len as usize, &slot.words, bytes.len(), &words) {
            ::core::option::Option::Some(slot.code)
        } else {
            ::core::option::Option::None
        }
    }
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
            slot(self.ends.key(input), self.multiplier, self.bits)
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
