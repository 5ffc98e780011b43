//! `src/impls.rs`: what makes `ErrorCode` a catalogue for the runtime, and its
//! conversions: the runtime's `Catalogue` trait, serde (feature `serde`) and
//! http's `StatusCode` (feature `http`).

use quote::quote;

use super::rust::format_file;
use crate::model::Model;

/// Renders `ErrorCode`'s `Catalogue`, serde and `From` impls.
pub fn render_impls_rs(model: &Model) -> String {
    let api_name = &model.api_name;
    format_file(quote! {
        use crate::runtime::catalogue::{Catalogue, Retry};
        use crate::ErrorCode;

        /// The catalogue the runtime reads: every item delegates to
        /// `ErrorCode`'s own.
        impl Catalogue for ErrorCode {
            const API_NAME: &'static str = #api_name;
            const ALL: &'static [ErrorCode] = ErrorCode::ALL;
            const RETRY_AFTER_HEADER: &'static str = crate::RETRY_AFTER_HEADER;
            const DEFAULT_RETRY_AFTER_SECS: u64 = crate::DEFAULT_RETRY_AFTER_SECS;
            const REQUEST_ID_HEADER: &'static str = crate::REQUEST_ID_HEADER;

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

        /// The status the code is sent with.
        #[cfg(feature = "http")]
        impl ::core::convert::From<ErrorCode> for ::http::StatusCode {
            fn from(code: ErrorCode) -> ::http::StatusCode {
                // Every catalogue status is 4xx or 5xx, which `StatusCode` takes.
                ::http::StatusCode::from_u16(code.http_status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
            }
        }

        /// Serializes as the code's wire string.
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for ErrorCode {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// Deserializes from the code's wire string; an unknown code is an error
        /// naming it (use [`ErrorBody`](crate::ErrorBody) to accept codes this
        /// crate does not know).
        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct CodeVisitor;

                impl ::serde::de::Visitor<'_> for CodeVisitor {
                    type Value = ErrorCode;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an error code string")
                    }

                    fn visit_str<E: ::serde::de::Error>(self, code: &str) -> ::core::result::Result<ErrorCode, E> {
                        code.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(CodeVisitor)
            }
        }
    })
}
