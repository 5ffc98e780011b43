//! `src/code.rs`: the `ErrorCode` enum and its catalogue table.

use std::fmt::Write as _;

use quote::quote;

use super::lookup::render_lookup;
use super::rust::{allow_deprecated, format_file, has_deprecated};
use super::rust_text::{self, Expr, doc_lines, option, path, runtime_path, str_literal, struct_literal};
use super::text::{code_span, escape_markdown};
use crate::model::{Code, Model};

/// Renders the `ErrorCode` enum, one variant per code, over a table indexed by
/// the variant's position. The enum and the tables, one line or more per
/// code, are written as text; the fixed items go through prettyplease.
pub fn render_code_rs(model: &Model) -> String {
    let allow_deprecated = allow_deprecated(model);
    let wire_const = super::wire_const::wire_const(&model.wire, &model.constants());
    let lookup = render_lookup(model);
    let lookup_fns = &lookup.impl_items;
    // The API name becomes part of a format string: braces must be doubled.
    let api_name = model.api_name.replace('{', "{{").replace('}', "}}");
    let unknown_message = format!("unknown {api_name} error code `{{}}`");
    let api_name = &model.api_name;
    let mut text = String::with_capacity(BYTES_PER_CODE * model.codes.len() + lookup.module_items.len() + FIXED_BYTES);
    text.push_str(&format_file(quote! {
        use crate::runtime::catalogue::{Catalogue, Retry};
        use crate::runtime::word::word;
        use crate::Category;
    }));
    write_enum(&mut text, model);
    text.push_str(&format_file(quote! {
        /// One row of the catalogue.
        struct Entry {
            code: &'static str,
            status: u16,
            category: Category,
            message: &'static str,
            resolution: &'static str,
            retry: Retry,
            reauth: bool,
            doc_url: &'static str,
            since: ::core::option::Option<&'static str>,
            deprecated: ::core::option::Option<&'static str>,
            replaced_by: ::core::option::Option<ErrorCode>,
            retired: bool,
        }
    }));
    write_entries(&mut text, model);
    write_all(&mut text, model);
    text.push_str(&format_file(quote! {
        #allow_deprecated
        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = ALL_CODES;

            const fn entry(self) -> &'static Entry {
                &ENTRIES[self as usize]
            }

            /// The code as it appears on the wire, e.g. in the `code` field of a body.
            pub const fn as_str(self) -> &'static str {
                self.entry().code
            }

            #lookup_fns

            /// The HTTP status the code is sent with.
            pub const fn http_status(self) -> u16 {
                self.entry().status
            }

            /// The category the code belongs to.
            pub const fn category(self) -> Category {
                self.entry().category
            }

            /// Human-readable description, for developers.
            pub const fn message(self) -> &'static str {
                self.entry().message
            }

            /// What the caller should do about it.
            pub const fn resolution(self) -> &'static str {
                self.entry().resolution
            }

            /// How a client may retry the request.
            pub const fn retry(self) -> Retry {
                self.entry().retry
            }

            /// Whether retrying can succeed (the code is transient or throttled).
            pub const fn is_retryable(self) -> bool {
                self.retry().is_retryable()
            }

            /// Whether the user must authenticate again before retrying.
            pub const fn requires_reauth(self) -> bool {
                self.entry().reauth
            }

            /// Link to the code's entry in the published error reference.
            pub const fn doc_url(self) -> &'static str {
                self.entry().doc_url
            }

            /// The crate version that introduced the code, when the catalogue says.
            pub const fn since(self) -> ::core::option::Option<&'static str> {
                self.entry().since
            }

            /// Why servers should stop sending the code, when it is deprecated
            /// (retired codes are deprecated too).
            pub const fn deprecation(self) -> ::core::option::Option<&'static str> {
                self.entry().deprecated
            }

            /// The code that takes this one's place, if the catalogue names one.
            pub const fn replaced_by(self) -> ::core::option::Option<ErrorCode> {
                self.entry().replaced_by
            }

            /// Whether servers no longer send the code. It stays recognised so
            /// that replies from older servers still parse.
            pub const fn is_retired(self) -> bool {
                self.entry().retired
            }
        }

        /// The catalogue the runtime reads: every item delegates to
        /// `ErrorCode`'s own.
        impl Catalogue for ErrorCode {
            const API_NAME: &'static str = #api_name;
            const ALL: &'static [ErrorCode] = ErrorCode::ALL;
            const RETRY_AFTER_HEADER: &'static str = crate::RETRY_AFTER_HEADER;
            const DEFAULT_RETRY_AFTER_SECS: u64 = crate::DEFAULT_RETRY_AFTER_SECS;
            const REQUEST_ID_HEADER: &'static str = crate::REQUEST_ID_HEADER;
            #wire_const

            #[inline]
            fn from_code(code: &str) -> ::core::option::Option<ErrorCode> {
                ErrorCode::from_code(code)
            }

            fn as_str(self) -> &'static str {
                ErrorCode::as_str(self)
            }

            fn index(self) -> usize {
                self as usize
            }

            fn http_status(self) -> u16 {
                ErrorCode::http_status(self)
            }

            fn message(self) -> &'static str {
                ErrorCode::message(self)
            }

            fn doc_url(self) -> &'static str {
                ErrorCode::doc_url(self)
            }

            fn category_id(self) -> &'static str {
                self.category().id()
            }

            fn retry(self) -> Retry {
                ErrorCode::retry(self)
            }

            fn requires_reauth(self) -> bool {
                ErrorCode::requires_reauth(self)
            }
        }

        /// Writes the message, honouring width and alignment like `str` does.
        impl ::core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.message())
            }
        }

        impl ::std::error::Error for ErrorCode {}

        impl ::core::str::FromStr for ErrorCode {
            type Err = UnknownErrorCode;

            /// Always inlined, and the error's constructor with it, so that a
            /// caller that drops the error (`.ok()`, `.is_ok()`) does not pay
            /// for building it. A plain `#[inline]` is not enough: weighed with
            /// the constructor, the function stays out of line in a large
            /// catalogue, and every miss builds an error nobody reads.
            #[inline(always)]
            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                ErrorCode::from_code(code).ok_or_else(|| UnknownErrorCode::new(code))
            }
        }

        /// A string that is not a code of this catalogue. A short one (the usual
        /// case) is kept inline, so that a failed parse does not allocate.
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct UnknownErrorCode {
            text: UnknownText,
        }

        /// Longest unknown string kept inline: five words.
        const INLINE_UNKNOWN: usize = 40;

        #[derive(Clone, PartialEq, Eq, Hash)]
        enum UnknownText {
            Inline { len: u8, bytes: InlineBytes },
            Heap(::std::boxed::Box<str>),
        }

        /// An inline string, zero-padded. Aligned so that it is written a word
        /// at a time.
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[repr(align(8))]
        struct InlineBytes([u8; INLINE_UNKNOWN]);

        impl InlineBytes {
            /// `text`, at most `INLINE_UNKNOWN` bytes of it, built from whole
            /// words in registers: a copy of variable length (`memcpy`) would
            /// cost a call, and bytes stored at a variable offset could not be
            /// read back as words without stalling.
            #[inline(always)]
            fn new(text: &[u8]) -> InlineBytes {
                let mut bytes = [0; INLINE_UNKNOWN];
                if text.len() < 8 {
                    let word = text.iter().rev().fold(0u64, |word, &byte| (word << 8) | u64::from(byte));
                    bytes[..8].copy_from_slice(&word.to_le_bytes());
                } else {
                    // The word the text ends in holds its last `len % 8`
                    // bytes: the top of the last eight.
                    let last = word(text, text.len() - 8);
                    let partial = last.checked_shr(64 - 8 * (text.len() % 8) as u32).unwrap_or(0);
                    for (index, chunk) in bytes.chunks_exact_mut(8).enumerate() {
                        // A mask, not a branch: which word is partial depends on the length.
                        let mask = u64::from(index == text.len() / 8).wrapping_neg();
                        chunk.copy_from_slice(&(word(text, 8 * index) | (partial & mask)).to_le_bytes());
                    }
                }
                InlineBytes(bytes)
            }
        }

        impl UnknownErrorCode {
            /// Inlined into `from_str` with it, the heap copy included: out of
            /// line, it would be a call on every miss that a caller dropping
            /// the error could not leave out; inlined, an unread copy is left
            /// out, all but one empty call (the allocator's link check) on a
            /// string longer than the inline buffer.
            #[inline(always)]
            fn new(code: &str) -> UnknownErrorCode {
                let text = if code.len() <= INLINE_UNKNOWN {
                    UnknownText::Inline { len: code.len() as u8, bytes: InlineBytes::new(code.as_bytes()) }
                } else {
                    UnknownText::Heap(::std::boxed::Box::from(code))
                };
                UnknownErrorCode { text }
            }

            /// The string that was not recognised.
            pub fn code(&self) -> &str {
                match &self.text {
                    // The bytes were copied from a `&str`, so they are UTF-8.
                    UnknownText::Inline { len, bytes } => {
                        ::core::str::from_utf8(&bytes.0[..usize::from(*len)]).unwrap_or_default()
                    }
                    UnknownText::Heap(text) => text,
                }
            }
        }

        impl ::core::fmt::Debug for UnknownErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct("UnknownErrorCode").field("code", &self.code()).finish()
            }
        }

        impl ::core::fmt::Display for UnknownErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, #unknown_message, self.code().escape_debug())
            }
        }

        impl ::std::error::Error for UnknownErrorCode {}
    }));
    text.push_str(&lookup.module_items);
    text
}

/// About what one code takes in `src/code.rs` (its variant with the doc
/// comment, its table row and its `ALL` line), so that the text is allocated once.
const BYTES_PER_CODE: usize = 1_000;

/// About what the fixed items take.
const FIXED_BYTES: usize = 16 * 1024;

/// The `ErrorCode` enum with every code's doc comment.
fn write_enum(text: &mut String, model: &Model) {
    let api = escape_markdown(&model.api_name);
    doc_lines(
        text,
        0,
        &[
            format!("Every error code the {api} can return, in catalogue order."),
            "Branch on this rather than on messages: it is what the `code` field of an error body carries. The enum is `#[non_exhaustive]`, so a catalogue that gains codes never breaks a `match`.".to_owned(),
        ],
    );
    text.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum ErrorCode {\n");
    for code in &model.codes {
        let reauth = if code.reauth {
            " The user must re-authenticate."
        } else {
            ""
        };
        let mut paragraphs = vec![
            escape_markdown(&code.message),
            format!(
                "{}: HTTP status {}, retry: {}.{reauth}",
                code_span(&code.code),
                code.status,
                code.retry.as_str()
            ),
            format!("Resolution: {}", escape_markdown(&code.resolution)),
        ];
        paragraphs.extend(lifecycle_paragraph(model, code));
        doc_lines(text, 1, &paragraphs);
        write_deprecated_attribute(text, code);
        let _ = writeln!(text, "    {},", code.variant);
    }
    text.push_str("}\n");
}

/// `ENTRIES`, the catalogue table, indexed by `ErrorCode as usize`.
fn write_entries(text: &mut String, model: &Model) {
    text.push_str("/// The catalogue, indexed by `ErrorCode as usize`.\n");
    rust_text::allow_deprecated(text, 0, has_deprecated(model));
    let _ = writeln!(text, "const ENTRIES: &[Entry; {}] = &[", model.codes.len());
    for code in &model.codes {
        let since = code.since.as_ref().map(|since| str_literal(&since.to_string()));
        let deprecated = code.lifecycle.deprecation();
        let deprecated = deprecated.map(|deprecation| str_literal(&deprecation.reason));
        let replaced_by = model
            .successor(code)
            .map(|successor| path("ErrorCode", &successor.variant));
        let fields = [
            ("code", Expr::Flat(str_literal(&code.code))),
            ("status", Expr::Flat(code.status.to_string())),
            (
                "category",
                Expr::Flat(path("Category", &model.categories[code.category].variant)),
            ),
            ("message", Expr::Flat(str_literal(&code.message))),
            ("resolution", Expr::Flat(str_literal(&code.resolution))),
            ("retry", Expr::Flat(runtime_path("Retry", code.retry))),
            ("reauth", Expr::Flat(code.reauth.to_string())),
            ("doc_url", Expr::Flat(str_literal(&code.doc_url))),
            ("since", option(since)),
            ("deprecated", option(deprecated)),
            ("replaced_by", option(replaced_by)),
            ("retired", Expr::Flat(code.lifecycle.is_retired().to_string())),
        ];
        struct_literal(text, 1, "Entry", &fields);
    }
    text.push_str("];\n");
}

/// `ALL_CODES`, every code in catalogue order, which `ErrorCode::ALL` and
/// `Catalogue::ALL` are.
fn write_all(text: &mut String, model: &Model) {
    text.push_str("/// Every code, in catalogue order.\n");
    rust_text::allow_deprecated(text, 0, has_deprecated(model));
    let codes = model
        .codes
        .iter()
        .map(|code| Expr::Flat(path("ErrorCode", &code.variant)))
        .collect();
    let head = format!("const ALL_CODES: &[ErrorCode; {}] = &", model.codes.len());
    Expr::array("", codes).write(text, 0, &head, ";", 1);
}

/// `#[deprecated]` for a deprecated or retired code, so that servers still
/// emitting it, and clients still matching on it, hear about it.
fn write_deprecated_attribute(text: &mut String, code: &Code) {
    let Some(deprecation) = code.lifecycle.deprecation() else {
        return;
    };
    // rustdoc renders the note as Markdown: it is escaped like every doc text.
    let reason = escape_markdown(&deprecation.reason);
    let note = if code.lifecycle.is_retired() {
        format!("retired, servers no longer send it: {reason}")
    } else {
        reason
    };
    let note = format!("note = {}", str_literal(&note));
    Expr::attribute("deprecated", vec![Expr::Flat(note)]).write(text, 1, "", "]", 1);
}

/// The doc paragraph on the code's lifecycle, if it has one.
fn lifecycle_paragraph(model: &Model, code: &Code) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(deprecation) = code.lifecycle.deprecation() {
        let state = if code.lifecycle.is_retired() {
            "Retired"
        } else {
            "Deprecated"
        };
        parts.push(format!("{state}: {}", escape_markdown(&deprecation.reason)));
    }
    if let Some(successor) = model.successor(code) {
        parts.push(format!(
            "Replaced by [`ErrorCode::{}`] (`{}`).",
            successor.variant, successor.code
        ));
    }
    if let Some(since) = &code.since {
        parts.push(format!("Since {since}."));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}
