//! `src/status.rs`: the HTTP status table.

use quote::{format_ident, quote};

use super::rust::{doc_text, format_file, unsuffixed, variant_path};
use super::text::escape_markdown;
use crate::model::{Model, StatusClass};

/// Renders `StatusClass`, `StatusInfo`, the `STATUSES` table and `status_info`.
pub fn render_status_rs(model: &Model) -> String {
    let api = escape_markdown(&model.api_name);
    let classes = StatusClass::ALL.iter().map(|class| {
        let variant = format_ident!("{}", class.variant());
        let doc = doc_text(&[format!("{} (`{}xx`).", class.title(), first_digit(*class))]);
        quote! { #doc #variant }
    });
    let class_of_arms = StatusClass::ALL.iter().map(|class| {
        let low = unsuffixed(first_digit(*class) * 100);
        let high = unsuffixed(first_digit(*class) * 100 + 99);
        let path = variant_path("StatusClass", class.variant());
        quote! { #low..=#high => ::core::option::Option::Some(#path), }
    });
    let title_arms = StatusClass::ALL.iter().map(|class| {
        let path = variant_path("StatusClass", class.variant());
        let title = class.title();
        quote! { #path => #title, }
    });
    let rows = model.statuses.iter().map(|status| {
        let code = unsuffixed(status.code.into());
        let class = variant_path("StatusClass", status.class.variant());
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
        /// The class of an HTTP status, from its first digit (RFC 9110, section 15).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum StatusClass {
            #(#classes,)*
        }

        impl StatusClass {
            /// The class of `status`, or `None` outside 100–599.
            pub const fn of(status: u16) -> ::core::option::Option<StatusClass> {
                match status {
                    #(#class_of_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The class's name, e.g. "Client Error".
            pub const fn title(self) -> &'static str {
                match self {
                    #(#title_arms)*
                }
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

fn first_digit(class: StatusClass) -> u64 {
    StatusClass::ALL
        .iter()
        .position(|c| *c == class)
        .map_or(0, |i| i as u64 + 1)
}
