//! `src/category.rs`: the `Category` enum, one variant per catalogue category.

use quote::{format_ident, quote};

use super::rust::{allow_deprecated, doc_text, format_file, unsuffixed, variant_path};
use super::text::{code_span, escape_markdown};
use crate::model::Model;

/// Renders `Category` with its id, title, prefix and codes.
pub fn render_category_rs(model: &Model) -> String {
    let api = escape_markdown(&model.api_name);
    let enum_doc = doc_text(&[format!(
        "The categories of {api} error codes. `#[non_exhaustive]`: a catalogue may gain categories."
    )]);
    let variants = model.categories.iter().map(|category| {
        let mut paragraphs = vec![escape_markdown(&category.title)];
        if !category.prefix.is_empty() {
            paragraphs.push(format!("Codes starting with {}.", code_span(&category.prefix)));
        }
        let doc = doc_text(&paragraphs);
        let variant = format_ident!("{}", category.variant);
        quote! { #doc #variant }
    });
    let entries = model.categories.iter().map(|category| {
        let id = &category.id;
        let title = &category.title;
        let prefix = &category.prefix;
        let codes = model
            .codes_of(category)
            .iter()
            .map(|code| variant_path("ErrorCode", &code.variant));
        quote! {
            Entry {
                id: #id,
                title: #title,
                prefix: #prefix,
                codes: &[#(#codes,)*],
            }
        }
    });
    let all = model
        .categories
        .iter()
        .map(|category| variant_path("Category", &category.variant));
    let len = unsuffixed(model.categories.len() as u64);
    let allow_deprecated = allow_deprecated(model);
    format_file(quote! {
        use crate::ErrorCode;

        #enum_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Category {
            #(#variants,)*
        }

        /// One category of the catalogue.
        struct Entry {
            id: &'static str,
            title: &'static str,
            prefix: &'static str,
            codes: &'static [ErrorCode],
        }

        /// The categories, indexed by `Category as usize`.
        #allow_deprecated
        const ENTRIES: &[Entry; #len] = &[#(#entries,)*];

        impl Category {
            /// Every category, in catalogue order.
            pub const ALL: &'static [Category] = &[#(#all,)*];

            const fn entry(self) -> &'static Entry {
                &ENTRIES[self as usize]
            }

            /// The category's id in the catalogue, e.g. `rate_limit`.
            pub const fn id(self) -> &'static str {
                self.entry().id
            }

            /// Title of the category's section in the docs.
            pub const fn title(self) -> &'static str {
                self.entry().title
            }

            /// The prefix every code of the category starts with; empty when
            /// the category groups its codes freely.
            pub const fn prefix(self) -> &'static str {
                self.entry().prefix
            }

            /// The category's codes, in catalogue order.
            pub const fn codes(self) -> &'static [ErrorCode] {
                self.entry().codes
            }
        }

        /// Writes the title, honouring width and alignment like `str` does.
        impl ::core::fmt::Display for Category {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.title())
            }
        }
    })
}
