//! The generated code lookups: `ErrorCode::from_code` (wire string → code)
//! and, for a catalogue of integer codes, `as_i64`/`from_i64`.
//!
//! `src/code.rs` takes two parts from here: the functions that go inside
//! `impl ErrorCode` (a fixed handful of tokens, whatever the catalogue's size)
//! and the tables they read, as module-level items written directly as Rust
//! text laid out as prettyplease lays it out, so that a table of thousands of
//! rows never goes through syn and prettyplease.
//!
//! A catalogue of up to 128 codes of at least 8 bytes usually gets a
//! [`SmallTable`]: one probe (see its module). Every other string lookup,
//! and every integer lookup, is a [`PerfectHash`]: one hash of the input, the
//! bucket's pilot, the slot, and one comparison with the code the slot holds
//! (both tables end in [`confirm_candidate`]: nothing branches on the input).
//! The hash is the cheapest that tells the catalogue's codes apart: when their
//! length, first word and last eight bytes do ([`Ends`], nearly every
//! catalogue), their `crate::runtime::word::ends_key` times a multiplier of the
//! seed, about half the work of `crate::runtime::word::hash`, which mixes
//! every word and serves the rest (codes under 8 bytes, or differing only in
//! the middle); integers are hashed with `hash_integer`. The generated code
//! calls the functions the tables were built with. A slot no code hashes to
//! holds a copy of the first code's: only that code's own hash could confirm
//! it, and that hash leads to the code's own slot.

use std::fmt::Write;

use errcat_runtime::word::{hash, hash_integer, pilot_multiple};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ends::{Ends, multiplier};
use super::perfect_hash::PerfectHash;
use super::rust::{allow_deprecated, format_file, has_deprecated, variant_path};
use super::rust_text::{self, Expr, filled_int_array};
use super::small_table::{SmallTable, confirm_candidate};
use crate::model::{CodeType, Model};

/// The lookup of one catalogue, in the two parts `src/code.rs` places.
pub struct Lookup {
    /// `from_code`, `as_i64` and `from_i64`, with their doc comments: items
    /// of `impl ErrorCode`.
    pub impl_items: TokenStream,
    /// The tables those functions use, as formatted Rust text that
    /// `src/code.rs` appends at module level.
    pub module_items: String,
}

/// The lookups of `model`'s codes.
pub fn render_lookup(model: &Model) -> Lookup {
    let (from_code, mut module_items) = string_lookup(model);
    let integer_items = match model.wire.code_type {
        CodeType::String => string_catalogue_integer_items(),
        CodeType::Integer => integer_items(model, &mut module_items),
    };
    let impl_items = quote! {
        /// The code whose wire string is exactly `code`, if there is one.
        ///
        /// Constant time whatever the catalogue's size: a perfect hash of
        /// the input built at generation time leaves one candidate, which
        /// one comparison confirms.
        #[inline]
        pub fn from_code(code: &str) -> ::core::option::Option<ErrorCode> {
            #from_code
        }

        #integer_items
    };
    Lookup {
        impl_items,
        module_items,
    }
}

/// The body of `from_code` and the tables it reads: a [`SmallTable`] when
/// the catalogue has one (one probe), else the [`PerfectHash`] that serves
/// every catalogue (two), over the cheapest [`Reading`] of its codes.
fn string_lookup(model: &Model) -> (TokenStream, String) {
    let strings: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
    if let Some(small) = SmallTable::find(&strings) {
        let code_path = |index: usize| variant_path("ErrorCode", &model.codes[index].variant);
        let items = small.items(&strings, &code_path, allow_deprecated(model));
        return (small.lookup_tokens(), format_file(items));
    }
    let table = StringTable::build(&strings);
    let mut module_items = String::with_capacity(table.text_size(model));
    table.write_items(model, &mut module_items);
    let (read, hash) = match table.reading {
        Reading::Ends(ends) => {
            let (read, key) = ends.read_and_key_tokens();
            let multiplier = Literal::u64_suffixed(multiplier(table.hash.seed));
            (read, quote! { #key.wrapping_mul(#multiplier) })
        }
        Reading::Whole { width } => {
            let width = Literal::usize_unsuffixed(width);
            let seed = Literal::u64_unsuffixed(table.hash.seed);
            (
                quote! { let mut words = [0; #width]; },
                quote! { crate::runtime::word::hash(bytes, &mut words, #seed) },
            )
        }
    };
    let confirm = confirm_candidate();
    let from_code = quote! {
        let bytes = code.as_bytes();
        #read
        let hash = #hash;
        let multiple = PILOTS[crate::runtime::word::bucket(hash, PILOTS.len())];
        let slot = &SLOTS[crate::runtime::word::slot(hash, multiple, SLOTS.len())];
        #confirm
    };
    (from_code, module_items)
}

/// How a string lookup reads and hashes its input.
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// By its ends, when they tell the codes apart: the key, times a
    /// multiplier of the seed. Half the work of hashing every word.
    Ends(Ends),
    /// Every word, with `crate::runtime::word::hash` (`width` words).
    Whole { width: usize },
}

impl Reading {
    /// The words of `bytes` a lookup compares (whatever the seed).
    fn words(self, bytes: &[u8]) -> Vec<u64> {
        match self {
            Reading::Ends(ends) => ends.words(bytes),
            Reading::Whole { width } => {
                let mut words = vec![0; width];
                hash(bytes, &mut words, 0);
                words
            }
        }
    }

    /// The hash under `seed` of `bytes`, whose [`Self::words`] are `words`:
    /// by its ends, from the words already read.
    fn hash(self, bytes: &[u8], words: &[u64], seed: u64) -> u64 {
        match self {
            Reading::Ends(ends) => ends.key_of_words(bytes.len(), words).wrapping_mul(multiplier(seed)),
            Reading::Whole { width } => hash(bytes, &mut vec![0; width], seed),
        }
    }
}

/// The string lookup's perfect hash, over the words `reading` reads.
struct StringTable {
    reading: Reading,
    /// For each code, its words.
    words: Vec<Vec<u64>>,
    hash: PerfectHash,
}

impl StringTable {
    fn build(strings: &[&str]) -> StringTable {
        let reading = Ends::of(strings).map(Reading::Ends).unwrap_or_else(|| {
            let longest = strings.iter().map(|code| code.len()).max().unwrap_or(0);
            Reading::Whole {
                width: longest.div_ceil(8).max(1),
            }
        });
        let words: Vec<Vec<u64>> = strings.iter().map(|code| reading.words(code.as_bytes())).collect();
        let hash = PerfectHash::build(strings.len(), |index, seed| {
            reading.hash(strings[index].as_bytes(), &words[index], seed)
        });
        StringTable { reading, words, hash }
    }

    /// Words per slot.
    fn width(&self) -> usize {
        match self.reading {
            Reading::Ends(ends) => ends.width(),
            Reading::Whole { width } => width,
        }
    }

    /// About how long [`Self::write_items`]'s text is.
    fn text_size(&self, model: &Model) -> usize {
        let longest_variant = model.codes.iter().map(|code| code.variant.len()).max().unwrap_or(0);
        1_000 + 5 * self.hash.pilots.len() + self.hash.slots.len() * (100 + longest_variant + 20 * self.width())
    }

    fn write_items(&self, model: &Model, out: &mut String) {
        let _ = write!(
            out,
            "/// One slot of the code lookup: a code's words as the lookup reads them, its\n\
             /// length and the code. A slot no code hashes to holds the first code's,\n\
             /// which only that code could match and its hash never reaches.\n\
             struct Slot {{\n    words: [u64; {}],\n    len: u32,\n    code: ErrorCode,\n}}\n",
            self.width()
        );
        write_pilots(out, "PILOTS", "code lookup", &self.hash.pilots);
        out.push_str("/// The code lookup's slots, by the slot `crate::runtime::word::slot` gives.\n");
        rust_text::allow_deprecated(out, 0, has_deprecated(model));
        let _ = writeln!(out, "static SLOTS: [Slot; {}] = [", self.hash.slots.len());
        for index in self.hash.slots.iter().map(|index| index.unwrap_or(0)) {
            let code = &model.codes[index];
            out.push_str("    Slot {\n");
            let words: Vec<String> = self.words[index].iter().map(|word| format!("{word:#018x}")).collect();
            // Not the last field: its comma counts.
            filled_int_array(out, 2, "words: ", &words, ",", 1);
            let _ = write!(
                out,
                "        len: {},\n        code: ErrorCode::{},\n    }},\n",
                code.code.len(),
                code.variant
            );
        }
        out.push_str("];\n");
    }
}

/// `as_i64` and `from_i64` of a catalogue of strings: there are no integers.
fn string_catalogue_integer_items() -> TokenStream {
    let doc_as = as_i64_doc();
    let doc_from = from_i64_doc();
    quote! {
        #[doc = #doc_as]
        pub const fn as_i64(self) -> ::core::option::Option<i64> {
            ::core::option::Option::None
        }

        #[doc = #doc_from]
        pub fn from_i64(_code: i64) -> ::core::option::Option<ErrorCode> {
            ::core::option::Option::None
        }
    }
}

fn as_i64_doc() -> &'static str {
    " The code as the integer the API sends, when the catalogue's codes are integers (`wire.code_type: integer`)."
}

fn from_i64_doc() -> &'static str {
    " The code the API sends as the integer `code`, if there is one (always `None` when the catalogue's codes are strings)."
}

/// The integer lookup's perfect hash, over the codes' integers.
struct IntegerTable {
    /// For each code, its integer.
    integers: Vec<i64>,
    hash: PerfectHash,
}

impl IntegerTable {
    fn build(model: &Model) -> IntegerTable {
        // Validation keeps only codes that are the decimal text of an i64.
        let integers: Vec<i64> = model
            .codes
            .iter()
            .map(|code| code.code.parse().unwrap_or_default())
            .collect();
        let hash = PerfectHash::build(integers.len(), |index, seed| hash_integer(integers[index], seed));
        IntegerTable { integers, hash }
    }

    fn write_items(&self, model: &Model, out: &mut String) {
        out.push_str(
            "/// One slot of the integer lookup: a code's integer and the code (the first\n\
             /// code's in a slot no code hashes to: its hash never reaches it).\n\
             struct IntegerSlot {\n    integer: i64,\n    code: ErrorCode,\n}\n",
        );
        write_pilots(out, "INTEGER_PILOTS", "integer lookup", &self.hash.pilots);
        out.push_str("/// The integer lookup's slots, by the slot `crate::runtime::word::slot` gives.\n");
        rust_text::allow_deprecated(out, 0, has_deprecated(model));
        let _ = writeln!(
            out,
            "static INTEGER_SLOTS: [IntegerSlot; {}] = [",
            self.hash.slots.len()
        );
        for index in self.hash.slots.iter().map(|index| index.unwrap_or(0)) {
            let _ = write!(
                out,
                "    IntegerSlot {{\n        integer: {},\n        code: ErrorCode::{},\n    }},\n",
                self.integers[index], model.codes[index].variant
            );
        }
        out.push_str("];\n/// The integer of each code, by `ErrorCode as usize`.\n");
        let head = format!("const INTEGERS: &[i64; {}] = &", self.integers.len());
        let integers: Vec<String> = self.integers.iter().map(i64::to_string).collect();
        if self.integers.iter().any(|&integer| integer < 0) {
            // prettyplease fills lines only with literals, and `-1` is a negation.
            Expr::array("", integers.into_iter().map(Expr::Flat).collect()).write(out, 0, &head, ";", 1);
        } else {
            filled_int_array(out, 0, &head, &integers, ";", 1);
        }
    }
}

/// `as_i64` and `from_i64` of a catalogue of integer codes, their tables
/// written to `out`: `as_i64` reads the code's integer from a table by the
/// code's index, `from_i64` is a perfect hash of the integer.
fn integer_items(model: &Model, out: &mut String) -> TokenStream {
    let table = IntegerTable::build(model);
    table.write_items(model, out);
    let seed = Literal::u64_unsuffixed(table.hash.seed);
    let doc_as = as_i64_doc();
    let doc_from = from_i64_doc();
    quote! {
        #[doc = #doc_as]
        pub const fn as_i64(self) -> ::core::option::Option<i64> {
            ::core::option::Option::Some(INTEGERS[self as usize])
        }

        #[doc = #doc_from]
        #[inline]
        pub fn from_i64(code: i64) -> ::core::option::Option<ErrorCode> {
            let hash = crate::runtime::word::hash_integer(code, #seed);
            let multiple = INTEGER_PILOTS[crate::runtime::word::bucket(hash, INTEGER_PILOTS.len())];
            let slot = &INTEGER_SLOTS[crate::runtime::word::slot(hash, multiple, INTEGER_SLOTS.len())];
            if slot.integer == code {
                ::core::option::Option::Some(slot.code)
            } else {
                ::core::option::Option::None
            }
        }
    }
}

/// `static NAME: [u32; N] = [...];`, each pilot as its multiple, with its doc.
fn write_pilots(out: &mut String, name: &str, lookup: &str, pilots: &[u8]) {
    let _ = writeln!(
        out,
        "/// The pilot of each bucket of the {lookup}'s perfect hash, as the multiple\n\
         /// (`crate::runtime::word::pilot_multiple`) `crate::runtime::word::slot` takes."
    );
    let head = format!("static {name}: [u32; {}] = ", pilots.len());
    let multiples: Vec<String> = pilots
        .iter()
        .map(|&pilot| format!("{:#010x}", pilot_multiple(pilot)))
        .collect();
    filled_int_array(out, 0, &head, &multiples, ";", 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{CodeStyle, synthetic_catalogue_styled};

    impl StringTable {
        /// What the generated `from_code` finds for `input`: the index of a code.
        fn find(&self, model: &Model, input: &str) -> Option<usize> {
            let words = self.reading.words(input.as_bytes());
            let hash = self.reading.hash(input.as_bytes(), &words, self.hash.seed);
            let index = self.hash.slots[self.hash.slot_of(hash)].unwrap_or(0);
            (model.codes[index].code.len() == input.len() && self.words[index] == words).then_some(index)
        }
    }

    impl IntegerTable {
        /// What the generated `from_i64` finds for `input`: the index of a code.
        fn find(&self, input: i64) -> Option<usize> {
            let index = self.hash.slots[self.hash.slot_of(hash_integer(input, self.hash.seed))].unwrap_or(0);
            (self.integers[index] == input).then_some(index)
        }
    }

    fn model(text: &str) -> Model {
        crate::parse_spec(text, "catalogue.yaml").unwrap().model
    }

    fn fixture(path: &str) -> Model {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
        crate::load_spec(&path, path.to_str().unwrap()).unwrap().model
    }

    /// A code with its last byte changed, cased otherwise, a byte short, a
    /// byte longer and twice over: inputs a lookup must tell from the code.
    fn near_misses(code: &str) -> Vec<String> {
        let mut last_changed = code.as_bytes().to_vec();
        if let Some(last) = last_changed.last_mut() {
            *last = if *last == b'0' { b'1' } else { b'0' };
        }
        let mut misses = vec![
            String::from_utf8_lossy(&last_changed).into_owned(),
            code.to_lowercase(),
            code.to_uppercase(),
            format!("{code}_"),
            code.repeat(2),
        ];
        misses.extend(code.char_indices().last().map(|(at, _)| code[..at].to_owned()));
        misses
    }

    /// Every code found at its own index, and every other input (near
    /// misses, empty, longer than any code) found exactly when a search of
    /// the codes finds it.
    fn check_string_lookup(model: &Model) {
        let strings: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
        let table = StringTable::build(&strings);
        let codes: std::collections::BTreeMap<&str, usize> = model
            .codes
            .iter()
            .enumerate()
            .map(|(index, code)| (code.code.as_str(), index))
            .collect();
        let search = |input: &str| codes.get(input).copied();
        for (index, code) in model.codes.iter().enumerate() {
            assert_eq!(table.find(model, &code.code), Some(index), "{}", code.code);
            for miss in near_misses(&code.code) {
                assert_eq!(table.find(model, &miss), search(&miss), "{miss:?}");
            }
        }
        for miss in ["", "\0", "\0\0\0\0\0\0\0\0\0", &"X".repeat(1_000)] {
            assert_eq!(table.find(model, miss), search(miss), "{miss:?}");
        }
    }

    fn check_integer_lookup(model: &Model) {
        let table = IntegerTable::build(model);
        let integers: std::collections::BTreeMap<i64, usize> = table
            .integers
            .iter()
            .enumerate()
            .map(|(index, &integer)| (integer, index))
            .collect();
        let search = |input: i64| integers.get(&input).copied();
        for (index, &integer) in table.integers.iter().enumerate() {
            assert_eq!(table.find(integer), Some(index), "{integer}");
            for miss in [
                integer.wrapping_add(1),
                integer.wrapping_sub(1),
                integer.wrapping_neg(),
                !integer,
            ] {
                assert_eq!(table.find(miss), search(miss), "{miss}");
            }
        }
        for miss in [0, i64::MIN, i64::MAX] {
            assert_eq!(table.find(miss), search(miss), "{miss}");
        }
    }

    #[test]
    fn every_code_of_every_style_and_size_is_found_and_nothing_else_is() {
        for style in CodeStyle::ALL {
            for size in [1, 2, 22, 128, 129, 2_000, 10_000] {
                let model = model(&synthetic_catalogue_styled(size, style));
                check_string_lookup(&model);
                if style == CodeStyle::Integer {
                    check_integer_lookup(&model);
                }
            }
        }
    }

    #[test]
    fn codes_told_apart_by_their_ends_are_read_by_their_ends_and_the_rest_whole() {
        let reading_of = |style, size| {
            let model = model(&synthetic_catalogue_styled(size, style));
            let strings: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
            StringTable::build(&strings).reading
        };
        for size in [129, 2_000, 10_000] {
            assert!(
                matches!(reading_of(CodeStyle::UpperSnake, size), Reading::Ends(_)),
                "{size}"
            );
        }
        // Integers as strings are shorter than a word.
        assert!(matches!(reading_of(CodeStyle::Integer, 2_000), Reading::Whole { .. }));
        let mut middle_only = model(&synthetic_catalogue_styled(300, CodeStyle::UpperSnake));
        for (index, code) in middle_only.codes.iter_mut().enumerate() {
            code.code = format!("SomeVeryLongServicePrefix{index:04}ThrottlingException");
        }
        let strings: Vec<&str> = middle_only.codes.iter().map(|code| code.code.as_str()).collect();
        let table = StringTable::build(&strings);
        assert!(matches!(table.reading, Reading::Whole { width: 6 }));
        check_string_lookup(&middle_only);
    }

    #[test]
    fn codes_as_real_apis_spell_them_are_found_and_nothing_else_is() {
        for path in [
            "spec/errors.yaml",
            "tests/fixtures/odd_strings.yaml",
            "tests/fixtures/integer_codes.yaml",
            "tests/fixtures/real/google.yaml",
            "tests/fixtures/real/jsonrpc.yaml",
            "tests/fixtures/real/oauth2.yaml",
            "tests/fixtures/real/stripe.yaml",
        ] {
            let model = fixture(path);
            check_string_lookup(&model);
            if model.wire.code_type == CodeType::Integer {
                check_integer_lookup(&model);
            }
        }
    }

    #[test]
    fn the_same_catalogue_gives_the_same_tables() {
        for style in CodeStyle::ALL {
            let model = model(&synthetic_catalogue_styled(2_000, style));
            assert_eq!(render_lookup(&model).module_items, render_lookup(&model).module_items);
        }
    }

    fn round_trip(text: &str) -> String {
        prettyplease::unparse(&syn::parse_file(text).unwrap())
    }

    #[test]
    fn tables_are_laid_out_as_prettyplease_prints_them() {
        let mut models: Vec<Model> = [
            "spec/errors.yaml",
            "tests/fixtures/odd_strings.yaml",
            "tests/fixtures/real/jsonrpc.yaml",
        ]
        .into_iter()
        .map(fixture)
        .collect();
        models.extend(
            CodeStyle::ALL
                .into_iter()
                .map(|style| model(&synthetic_catalogue_styled(129, style))),
        );
        for model in models {
            let text = render_lookup(&model).module_items;
            assert_eq!(round_trip(&text), text, "{}", model.api_name);
        }
    }
}
