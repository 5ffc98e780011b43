//! `Catalogue::WIRE` in the generated `impl Catalogue for ErrorCode`: where
//! the runtime reads each part of a reply. Written only when the catalogue's
//! `wire:` is not the flat body the trait assumes, so a catalogue without
//! `wire:` generates exactly what it did before.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::option_str;
use crate::model::{CodeType, Wire};

/// The `const WIRE` item for `wire`, or nothing for the flat body.
pub fn wire_const(wire: &Wire) -> TokenStream {
    if *wire == Wire::default() {
        return TokenStream::new();
    }
    let code = &wire.code;
    let integer_code = wire.code_type == CodeType::Integer;
    let message = option_str(wire.message.as_deref());
    let details = option_str(wire.details.as_deref());
    let code_header = option_str(wire.code_header.as_deref());
    quote! {
        const WIRE: crate::runtime::catalogue::Wire = crate::runtime::catalogue::Wire {
            code: #code,
            integer_code: #integer_code,
            message: #message,
            details: #details,
            code_header: #code_header,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flat_body_needs_no_const_and_another_layout_is_written_whole() {
        assert!(wire_const(&Wire::default()).is_empty());
        let google = Wire {
            code: "/error/status".to_owned(),
            message: Some("/error/message".to_owned()),
            details: Some("/error/details".to_owned()),
            ..Wire::default()
        };
        let text = wire_const(&google).to_string();
        assert!(text.contains(r#"code : "/error/status""#), "{text}");
        assert!(text.contains("integer_code : false"), "{text}");
        assert!(
            text.contains("code_header : :: core :: option :: Option :: None"),
            "{text}"
        );
    }
}
