//! Shared pieces of the Rust renderers: formatting and doc comments.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Formats tokens as a Rust file with prettyplease (no rustfmt needed).
///
/// The renderers only emit tokens built by `quote!` from validated names and
/// escaped literals, so failing to parse is a bug in the generator itself.
pub fn format_file(tokens: TokenStream) -> String {
    let file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        Err(err) => panic!("generator bug: rendered Rust does not parse: {err}"),
    };
    prettyplease::unparse(&file)
}

/// `#[doc]` attributes, one paragraph each; spec text in them must already be
/// escaped with [`escape_markdown`](super::escape_markdown) so it can never
/// become markup or a doctest.
pub fn doc_text(paragraphs: &[String]) -> TokenStream {
    let lines = paragraphs.iter().enumerate().flat_map(|(i, paragraph)| {
        let blank = (i > 0).then(String::new);
        blank.into_iter().chain(std::iter::once(format!(" {paragraph}")))
    });
    quote! { #( #[doc = #lines] )* }
}

/// `Type::Variant` paths for names that validation already made identifiers.
pub fn variant_path(ty: &str, variant: &str) -> TokenStream {
    let ty = format_ident!("{ty}");
    let variant = format_ident!("{variant}");
    quote! { #ty::#variant }
}

/// `Type::Variant` for a value of one of the runtime's enums the model holds
/// (`Retry`, `StatusClass`): their derived `Debug` writes the variant's name.
pub fn runtime_variant_path(ty: &str, value: impl std::fmt::Debug) -> TokenStream {
    variant_path(ty, &format!("{value:?}"))
}

/// An integer literal without a type suffix (`401`, not `401u16`).
pub fn unsuffixed(n: u64) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(n)
}

/// `Some("text")` or `None`, fully qualified.
pub fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { ::core::option::Option::Some(#text) },
        None => quote! { ::core::option::Option::None },
    }
}

/// `#[allow(deprecated)]` for an item naming every code, when the catalogue
/// has deprecated ones: the crate's own tables must list them without the
/// warning their users get.
pub fn allow_deprecated(model: &crate::model::Model) -> TokenStream {
    if has_deprecated(model) {
        quote! { #[allow(deprecated)] }
    } else {
        quote! {}
    }
}

/// Whether the catalogue has deprecated (or retired) codes.
pub fn has_deprecated(model: &crate::model::Model) -> bool {
    model.codes.iter().any(|code| code.lifecycle.deprecation().is_some())
}
