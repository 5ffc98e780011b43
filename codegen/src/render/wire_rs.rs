//! `src/wire.rs` (feature `serde`): the JSON error body and the code's string form.

use quote::quote;

use super::rust::{doc_text, format_file};
use super::text::escape_markdown;
use crate::model::Model;

/// Renders `ErrorBody`, `Details` and `ErrorCode`'s serde impls.
pub fn render_wire_rs(model: &Model) -> String {
    let field_doc = |name: &str| {
        let description = model
            .response_fields
            .iter()
            .find(|field| field.name == name)
            .map_or_else(
                || format!("The `{name}` field."),
                |field| escape_markdown(&field.description),
            );
        doc_text(&[description])
    };
    let error_doc = field_doc("error");
    let code_doc = field_doc("code");
    let details_doc = field_doc("details");
    let api = escape_markdown(&model.api_name);
    let body_doc = doc_text(&[
        format!("The JSON body of every {api} error reply: `{{\"error\": …, \"code\": …, \"details\": …}}`."),
        "`code` stays a string so that a reply with a code this crate does not know still parses; [`ErrorBody::error_code`] gives the typed code when there is one.".to_owned(),
    ]);
    format_file(quote! {
        use crate::ErrorCode;
        use ::serde_json::{Map, Value};
        use ::std::string::String;

        #body_doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct ErrorBody {
            #error_doc
            pub error: String,
            #code_doc
            pub code: String,
            #details_doc
            #[serde(default, skip_serializing_if = "::core::option::Option::is_none")]
            pub details: ::core::option::Option<Details>,
        }

        impl ErrorBody {
            /// The body a server sends for `code`: its catalogue message, no details.
            pub fn new(code: ErrorCode) -> ErrorBody {
                ErrorBody {
                    error: String::from(code.message()),
                    code: String::from(code.as_str()),
                    details: ::core::option::Option::None,
                }
            }

            /// The same body with `details` attached.
            pub fn with_details(mut self, details: Details) -> ErrorBody {
                self.details = ::core::option::Option::Some(details);
                self
            }

            /// The typed code, or `None` when the server sent one this crate does not know.
            pub fn error_code(&self) -> ::core::option::Option<ErrorCode> {
                ErrorCode::from_code(&self.code)
            }
        }

        /// The `details` object of an error body: any JSON object, with typed access
        /// to the validation trio `field`, `message` and `value`.
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct Details(Map<String, Value>);

        impl Details {
            /// An empty object.
            pub fn new() -> Details {
                Details(Map::new())
            }

            /// The request field the error is about (`details.field`), if named.
            pub fn field(&self) -> ::core::option::Option<&str> {
                self.0.get("field").and_then(Value::as_str)
            }

            /// What is wrong with that field (`details.message`), if given.
            pub fn message(&self) -> ::core::option::Option<&str> {
                self.0.get("message").and_then(Value::as_str)
            }

            /// The rejected value (`details.value`), if the server echoed it.
            pub fn value(&self) -> ::core::option::Option<&Value> {
                self.0.get("value")
            }

            /// Any member of the object.
            pub fn get(&self, key: &str) -> ::core::option::Option<&Value> {
                self.0.get(key)
            }

            /// The whole object.
            pub fn as_map(&self) -> &Map<String, Value> {
                &self.0
            }

            /// The whole object, by value.
            pub fn into_map(self) -> Map<String, Value> {
                self.0
            }
        }

        impl ::core::convert::From<Map<String, Value>> for Details {
            fn from(map: Map<String, Value>) -> Details {
                Details(map)
            }
        }

        /// Serializes as the code's wire string.
        impl ::serde::Serialize for ErrorCode {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// Deserializes from the code's wire string; an unknown code is an error
        /// naming it (use [`ErrorBody`] to accept codes this crate does not know).
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
