//! `Catalogue::WIRE` in the generated `impl Catalogue for ErrorCode`: where
//! the runtime reads and writes each part of a reply. It is written only when
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

    #[test]
    fn every_part_of_the_writing_side_is_written_into_the_const() {
        let stripe = Wire {
            code: "/error/code".to_owned(),
            message: Some("/error/message".to_owned()),
            details: None,
            doc_url: Some("/error/doc_url".to_owned()),
            category: Some("/error/type".to_owned()),
            status: Some("/error/http".to_owned()),
            field_errors: Some(crate::model::FieldErrorsAt {
                entries: "/error".to_owned(),
                field: "param".to_owned(),
                message: Some("message".to_owned()),
                value: None,
            }),
            ..Wire::default()
        };
        let version = Constant::String("2.0".to_owned());
        let text = wire_const(&stripe, &[("/jsonrpc".to_owned(), &version)]).to_string();
        for expected in [
            r#"doc_url : :: core :: option :: Option :: Some ("/error/doc_url")"#,
            r#"category : :: core :: option :: Option :: Some ("/error/type")"#,
            r#"status : :: core :: option :: Option :: Some ("/error/http")"#,
            r#"constants : & [("/jsonrpc" , "\"2.0\"")]"#,
            r#"entries : "/error" , field : "param""#,
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
        // A constant alone is no flat body either.
        assert!(!wire_const(&Wire::default(), &[("/v".to_owned(), &version)]).is_empty());
    }
}
