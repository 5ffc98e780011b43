//! `Catalogue::WIRE` in the generated `impl Catalogue for ErrorCode`: where
//! the runtime reads each part of a reply, and the generated tests' helper
//! that lays the crate's flat body out that way. Both are written only when
//! the catalogue's `wire:` is not the flat body the trait assumes, so a
//! catalogue without `wire:` generates exactly what it did before.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::option_str;
use crate::model::{CodeType, Constant, Wire};

/// The `const WIRE` item for `wire` and the body's `constants` (pointer and
/// value), or nothing for the flat body.
pub fn wire_const(wire: &Wire, constants: &[(String, &Constant)]) -> TokenStream {
    if *wire == Wire::default() && constants.is_empty() {
        return TokenStream::new();
    }
    let code = &wire.code;
    let integer_code = wire.code_type == CodeType::Integer;
    let message = option_str(wire.message.as_deref());
    let details = option_str(wire.details.as_deref());
    let code_header = option_str(wire.code_header.as_deref());
    let status = option_str(wire.status.as_deref());
    let doc_url = option_str(wire.doc_url.as_deref());
    let category = option_str(wire.category.as_deref());
    let constants = constants.iter().map(|(pointer, value)| {
        let json = value.to_json().to_string();
        quote! { (#pointer, #json) }
    });
    let field_errors = match &wire.field_errors {
        None => quote! { ::core::option::Option::None },
        Some(at) => {
            let entries = &at.entries;
            let field = &at.field;
            let message = option_str(at.message.as_deref());
            let value = option_str(at.value.as_deref());
            quote! {
                ::core::option::Option::Some(crate::runtime::catalogue::FieldErrorsAt {
                    entries: #entries,
                    field: #field,
                    message: #message,
                    value: #value,
                })
            }
        }
    };
    quote! {
        const WIRE: crate::runtime::catalogue::Wire = crate::runtime::catalogue::Wire {
            code: #code,
            integer_code: #integer_code,
            message: #message,
            details: #details,
            code_header: #code_header,
            status: #status,
            doc_url: #doc_url,
            category: #category,
            constants: &[#(#constants),*],
            field_errors: #field_errors,
        };
    }
}

/// For the generated tests: `as_sent`, which lays a flat body (`{error,
/// code, details}`, as the crate writes it) out where the catalogue's `wire:`
/// says the API sends each part; nothing for the flat body.
pub fn as_sent_helper(wire: &Wire) -> TokenStream {
    if *wire == Wire::default() {
        return TokenStream::new();
    }
    quote! {
        #[cfg(feature = "serde")]
        fn as_sent(flat: &::serde_json::Value) -> ::serde_json::Value {
            let wire = <ErrorCode as Catalogue>::WIRE;
            let code = match &flat["code"] {
                ::serde_json::Value::String(text) if wire.integer_code => ::serde_json::from_str(text).unwrap(),
                code => code.clone(),
            };
            let parts = [(Some(wire.code), code), (wire.message, flat["error"].clone()), (wire.details, flat["details"].clone())];
            let mut body = ::serde_json::Value::Object(::serde_json::Map::new());
            for (pointer, value) in parts {
                let Some(pointer) = pointer.filter(|_| !value.is_null()) else { continue };
                let keys: ::std::vec::Vec<::std::string::String> =
                    pointer.split('/').skip(1).map(|key| key.replace("~1", "/").replace("~0", "~")).collect();
                let (last, path) = keys.split_last().unwrap();
                let mut at = &mut body;
                for key in path {
                    at = at.as_object_mut().unwrap().entry(key.clone()).or_insert_with(|| ::serde_json::json!({}));
                }
                at.as_object_mut().unwrap().insert(last.clone(), value);
            }
            body
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flat_body_needs_no_const_and_another_layout_is_written_whole() {
        assert!(wire_const(&Wire::default(), &[]).is_empty());
        let google = Wire {
            code: "/error/status".to_owned(),
            message: Some("/error/message".to_owned()),
            details: Some("/error/details".to_owned()),
            ..Wire::default()
        };
        let text = wire_const(&google, &[]).to_string();
        assert!(text.contains(r#"code : "/error/status""#), "{text}");
        assert!(text.contains("integer_code : false"), "{text}");
        assert!(
            text.contains("code_header : :: core :: option :: Option :: None"),
            "{text}"
        );
    }
}
