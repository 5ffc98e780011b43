//! The generated code lookups: `ErrorCode::from_code` (wire string → code)
//! and, for a catalogue of integer codes, `as_i64`/`from_i64`.
//!
//! `src/code.rs` takes two parts from here: the functions that go inside
//! `impl ErrorCode` (a fixed handful of tokens, whatever the catalogue's size)
//! and the tables they read, as module-level items already written as Rust
//! text, so that a table of thousands of rows never goes through syn and
//! prettyplease.

use proc_macro2::TokenStream;
use quote::quote;

use super::dispatch::DecisionTree;
use super::perfect_hash::PerfectHash;
use super::rust::{allow_deprecated, format_file, unsuffixed, variant_path};
use crate::model::{CodeType, Model};

/// The lookup of one catalogue, in the two parts `src/code.rs` places.
pub struct Lookup {
    /// `from_code`, `as_i64` and `from_i64`, with their doc comments: items
    /// of `impl ErrorCode`.
    pub impl_items: TokenStream,
    /// The tables those functions use (beside `src/code.rs`'s own import of
    /// the runtime's `word`), as formatted Rust text
    /// that `src/code.rs` appends at module level (empty when there are none).
    pub module_items: String,
}

/// The lookups of `model`'s codes.
pub fn render_lookup(model: &Model) -> Lookup {
    let strings: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
    let code_path = |index: usize| variant_path("ErrorCode", &model.codes[index].variant);
    // The perfect hash is a few dozen instructions: inlined, a caller that
    // only asks whether a string is a code pays for nothing else. The decision
    // tree of a large catalogue is too big to copy into every caller.
    let (module_items, lookup, lookup_inline) = match PerfectHash::find(&strings) {
        Some(hash) => {
            let items = hash.items(&strings, &code_path, allow_deprecated(model));
            (format_file(items), hash.lookup_tokens(), quote! { #[inline] })
        }
        None => {
            let dispatch = DecisionTree::build(&strings).to_tokens(&code_path);
            let lookup = quote! {
                let bytes = code.as_bytes();
                let candidate = #dispatch;
                if candidate.as_str().as_bytes() == bytes {
                    ::core::option::Option::Some(candidate)
                } else {
                    ::core::option::Option::None
                }
            };
            (String::new(), lookup, quote! {})
        }
    };
    let integer_items = integer_items(model);
    let impl_items = quote! {
        /// The code whose wire string is exactly `code`, if there is one.
        ///
        /// Constant time whatever the catalogue's size: a lookup chosen at
        /// generation time (a perfect hash of the input's words for a small
        /// catalogue, a switch on its length and a few bytes for a large
        /// one) leaves one candidate, which one comparison confirms.
        #lookup_inline
        pub fn from_code(code: &str) -> ::core::option::Option<ErrorCode> {
            #lookup
        }

        #integer_items
    };
    Lookup {
        impl_items,
        module_items,
    }
}

/// `as_i64` and `from_i64`: a `match` each way for a catalogue of integer
/// codes (rustc makes it a jump table or a binary search), nothing to find
/// for a catalogue of strings.
fn integer_items(model: &Model) -> TokenStream {
    let doc_as =
        " The code as the integer the API sends, when the catalogue's codes are integers (`wire.code_type: integer`).";
    let doc_from = " The code the API sends as the integer `code`, if there is one (always `None` when the catalogue's codes are strings).";
    if model.wire.code_type == CodeType::String {
        return quote! {
            #[doc = #doc_as]
            pub const fn as_i64(self) -> ::core::option::Option<i64> {
                ::core::option::Option::None
            }

            #[doc = #doc_from]
            pub fn from_i64(_code: i64) -> ::core::option::Option<ErrorCode> {
                ::core::option::Option::None
            }
        };
    }
    let (variants, integers): (Vec<_>, Vec<_>) = model
        .codes
        .iter()
        .map(|code| {
            // Validation keeps only codes that are the decimal text of an i64.
            let integer: i64 = code.code.parse().unwrap_or_default();
            let magnitude = unsuffixed(integer.unsigned_abs());
            let literal = if integer < 0 {
                quote! { -#magnitude }
            } else {
                quote! { #magnitude }
            };
            (variant_path("ErrorCode", &code.variant), literal)
        })
        .unzip();
    quote! {
        #[doc = #doc_as]
        pub const fn as_i64(self) -> ::core::option::Option<i64> {
            ::core::option::Option::Some(match self {
                #(#variants => #integers,)*
            })
        }

        #[doc = #doc_from]
        pub fn from_i64(code: i64) -> ::core::option::Option<ErrorCode> {
            ::core::option::Option::Some(match code {
                #(#integers => #variants,)*
                _ => return ::core::option::Option::None,
            })
        }
    }
}
