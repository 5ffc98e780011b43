//! `src/wire.rs` (feature `serde`): the code's string form (the error body,
//! `ErrorBody` and `Details`, is the runtime's). The same in every crate.

use quote::quote;

use super::rust::format_file;
use crate::model::Model;

/// Renders `ErrorCode`'s serde impls.
pub fn render_wire_rs(_model: &Model) -> String {
    format_file(quote! {
        use crate::ErrorCode;

        /// Serializes as the code's wire string.
        impl ::serde::Serialize for ErrorCode {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// Deserializes from the code's wire string; an unknown code is an error
        /// naming it (use [`ErrorBody`](crate::ErrorBody) to accept codes this
        /// crate does not know).
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
