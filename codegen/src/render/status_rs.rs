//! `src/status.rs`: the HTTP status table (the `StatusClass` of a row is the
//! runtime's).

use quote::quote;

use super::rust::{doc_text, format_file, runtime_variant_path, unsuffixed};
use super::text::escape_markdown;
use crate::model::Model;

/// Renders `StatusInfo`, the `STATUSES` table, `status_info`, and (feature
/// `http`) the `StatusCode` of an `ErrorCode`.
pub fn render_status_rs(model: &Model) -> String {
    let api = escape_markdown(&model.api_name);
    let rows = model.statuses.iter().map(|status| {
        let code = unsuffixed(status.code.into());
        let class = runtime_variant_path("StatusClass", status.class);
        let description = &status.description;
        let note = &status.note;
        quote! {
            StatusInfo {
                status: #code,
                class: #class,
                description: #description,
                note: #note,
            }
        }
    });
    let lookup_arms = model.statuses.iter().enumerate().map(|(i, status)| {
        let code = unsuffixed(status.code.into());
        let index = unsuffixed(i as u64);
        quote! { #code => ::core::option::Option::Some(&STATUSES[#index]), }
    });
    let table_doc = doc_text(&[format!("Every HTTP status the {api} documents, in catalogue order.")]);
    format_file(quote! {
        use crate::runtime::status_class::StatusClass;

        /// The status the code is sent with.
        #[cfg(feature = "http")]
        impl ::core::convert::From<crate::ErrorCode> for ::http::StatusCode {
            fn from(code: crate::ErrorCode) -> ::http::StatusCode {
                crate::runtime::http_support::status_code_of(code)
            }
        }

        /// One row of the status table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct StatusInfo {
            /// The HTTP status code.
            pub status: u16,
            /// Its class, derived from the number.
            pub class: StatusClass,
            /// What the status means.
            pub description: &'static str,
            /// When it is used, or what the client must do.
            pub note: &'static str,
        }

        #table_doc
        pub const STATUSES: &[StatusInfo] = &[#(#rows,)*];

        /// The documented meaning of `status`, if the catalogue lists it.
        pub fn status_info(status: u16) -> ::core::option::Option<&'static StatusInfo> {
            match status {
                #(#lookup_arms)*
                _ => ::core::option::Option::None,
            }
        }
    })
}
